//! `ownup show` on a terminal: the page goes through the user's pager, as `git log` and `man`
//! do. The text is escaped before it gets there (what a session holds is shown, never obeyed),
//! so `less -R` can be trusted with it.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::Result;

use crate::output::{Printable, Stdout};

/// The pager when `$PAGER` is not set.
const DEFAULT_PAGER: &str = "less -R";

/// Shows `text` (already escaped) through `$PAGER`; straight to `out` when there is no pager
/// to run (unset and no `less`, empty, `cat`, or it cannot be started).
pub fn page(text: &[u8], out: &mut Printable<Stdout>) -> Result<()> {
    let pager = std::env::var("PAGER").unwrap_or_else(|_| DEFAULT_PAGER.to_string());
    let mut words = pager.split_whitespace();
    let Some(program) = words.next().filter(|p| *p != "cat") else {
        out.exact().write_all(text)?;
        return Ok(());
    };
    let child = Command::new(program)
        .args(words)
        // less: quit at once when the page fits the screen, and keep it on the screen then.
        .env(
            "LESS",
            std::env::var("LESS").unwrap_or_else(|_| "FRX".to_string()),
        )
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        out.exact().write_all(text)?;
        return Ok(());
    };
    if let Some(mut input) = child.stdin.take() {
        // The reader quitting early (q in less) closes the pipe: not an error.
        match input.write_all(text) {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => return Err(err.into()),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}
