//! `ownup sync [--remote URL]`: the sessions on every machine, through git (see
//! [`crate::sync`]). git may ask for a passphrase here, on the terminal, as it always does.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, FixedOffset};

use crate::output::Printable;
use crate::store::SessionStore;
use crate::sync::Mode;

/// Syncs, with `remote` set first when given, and says how it went, a line for each outcome.
pub fn sync(
    store: &SessionStore,
    now: DateTime<FixedOffset>,
    remote: Option<&str>,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let report = crate::sync::sync(store, now, Mode::Terminal, remote)?;
    for line in report.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
