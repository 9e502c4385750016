//! `ownup doctor [--fix]`: a report on every file ownup keeps.

use std::io::Write;

use anyhow::Result;

use crate::config::Paths;
use crate::files::current_uid;
use crate::output::{Printable, one_line};
use crate::store::SessionStore;

/// `ownup doctor`: a report on every file, and with `fix` the modes made private; returns
/// whether all is well (after fixing).
pub fn doctor(
    store: &SessionStore,
    paths: &Paths,
    fix: bool,
    out: &mut Printable<impl Write>,
) -> Result<bool> {
    let mut report = store.doctor()?;
    paths.check_files(&mut report.checkup);
    // Every folder ownup keeps, once each, in the order they matter: the cache and the locks
    // are named only when they are not inside the data folder.
    let layout = store.layout();
    let mut folders = vec![paths.data_dir.as_path()];
    for folder in [paths.config_dir.as_path(), layout.cache(), layout.locks()] {
        if !folders.iter().any(|f| folder.starts_with(f)) {
            folders.push(folder);
        }
    }
    let folders: Vec<String> = folders.iter().map(|f| one_line(f.display())).collect();
    let folders = match folders.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => unreachable!("the data folder is always named"),
    };
    writeln!(out, "Checking {folders}")?;
    for path in &report.ok {
        writeln!(out, "ok          {}", one_line(path.display()))?;
    }
    for err in &report.unreadable {
        writeln!(out, "unreadable  {}", one_line(err))?;
    }
    for (path, why) in &report.checkup.not_files {
        writeln!(out, "unreadable  {}: {}", one_line(path.display()), one_line(why))?;
    }
    if let Some((path, why)) = &report.unreadable_drafts {
        writeln!(
            out,
            "unreadable  {}: {} (ownup sets it aside, unchanged, the next time it starts)",
            one_line(path.display()),
            one_line(why)
        )?;
    }
    for path in &report.editor_files {
        writeln!(
            out,
            "kept        {} (written in your editor and not taken into a session, as ownup ended or could not take it: copy out what you need, then delete it)",
            one_line(path.display())
        )?;
    }
    for path in &report.not_encrypted {
        match store.is_encrypted() {
            true => writeln!(
                out,
                "plain       {} (not encrypted, beside encrypted sessions: ownup encrypt encrypts it)",
                one_line(path.display())
            )?,
            false => writeln!(
                out,
                "encrypted   {} (encrypted, in a store that is not, without its key: put key.age back, then ownup decrypt)",
                one_line(path.display())
            )?,
        }
    }
    for path in &report.set_aside_drafts {
        writeln!(
            out,
            "set aside   {} (check-in notes that could not be read, kept for you: copy out what you need, then delete it)",
            one_line(path.display())
        )?;
    }
    for path in &report.temp_files {
        writeln!(
            out,
            "leftover    {} (from an interrupted save; ownup removes it the next time it starts)",
            one_line(path.display())
        )?;
    }
    let fixed = if fix { report.checkup.fix() } else { vec![] };
    for done in &fixed {
        let was = &done.was;
        match &done.result {
            Ok(()) => writeln!(
                out,
                "fixed       {} (mode {:o}, now {:o})",
                one_line(was.path.display()),
                was.mode,
                was.wanted()
            )?,
            Err(why) => writeln!(
                out,
                "not fixed   {} (mode {:o}): {why}",
                one_line(was.path.display()),
                was.mode
            )?,
        }
    }
    if fix {
        match store.rebuild_index()? {
            Some(path) => writeln!(
                out,
                "rebuilt     {} (the list and search index, from the session files)",
                one_line(path.display())
            )?,
            None => writeln!(
                out,
                "not rebuilt the list and search index: it cannot be written in {} (ownup reads the session files instead, more slowly)",
                one_line(store.layout().cache().display())
            )?,
        }
    }
    if !fix {
        for open in &report.checkup.too_open {
            writeln!(
                out,
                "too open    {} (mode {:o}; should be {:o} — ownup doctor --fix sets it)",
                one_line(open.path.display()),
                open.mode,
                open.wanted()
            )?;
        }
    }
    for (path, uid) in &report.checkup.not_yours {
        writeln!(
            out,
            "not yours   {} (owned by user {uid}, and you are user {} — ownup may be unable to save there: chown it to yourself)",
            one_line(path.display()),
            current_uid()
        )?;
    }
    for (path, why) in &report.checkup.exposed {
        writeln!(out, "exposed     {} ({why})", one_line(path.display()))?;
    }

    let mut summary = vec![format!("{} ok", crate::output::count(report.ok.len(), "session"))];
    let unreadable = report.unreadable.len()
        + report.checkup.not_files.len()
        + usize::from(report.unreadable_drafts.is_some());
    if unreadable > 0 {
        summary.push(format!(
            "{unreadable} unreadable (left untouched: fix or move them by hand)"
        ));
    }
    if !report.editor_files.is_empty() {
        summary.push(format!(
            "{} kept from your editor",
            crate::output::count(report.editor_files.len(), "file")
        ));
    }
    if !report.not_encrypted.is_empty() {
        summary.push(match store.is_encrypted() {
            true => format!(
                "{} not encrypted",
                crate::output::count(report.not_encrypted.len(), "file")
            ),
            false => format!(
                "{} encrypted without a key",
                crate::output::count(report.not_encrypted.len(), "file")
            ),
        });
    }
    if !report.set_aside_drafts.is_empty() {
        summary.push(format!(
            "{} set aside",
            crate::output::count(report.set_aside_drafts.len(), "drafts file")
        ));
    }
    if !report.temp_files.is_empty() {
        summary.push(crate::output::count(
            report.temp_files.len(),
            "leftover temp file",
        ));
    }
    let made_private = fixed.iter().filter(|f| f.result.is_ok()).count();
    if made_private > 0 {
        summary.push(format!(
            "{} made private",
            crate::output::count(made_private, "path")
        ));
    }
    if !report.checkup.too_open.is_empty() {
        summary.push(if fix {
            format!(
                "{} still open to others",
                crate::output::count(report.checkup.too_open.len(), "path")
            )
        } else {
            format!(
                "{} open to others (ownup doctor --fix makes them private)",
                crate::output::count(report.checkup.too_open.len(), "path")
            )
        });
    }
    if !report.checkup.not_yours.is_empty() {
        summary.push(format!(
            "{} not yours",
            crate::output::count(report.checkup.not_yours.len(), "path")
        ));
    }
    if !report.checkup.exposed.is_empty() {
        summary.push(format!(
            "{} above the data folder open to others",
            crate::output::count(report.checkup.exposed.len(), "folder")
        ));
    }
    writeln!(out, "{}.", summary.join(", "))?;
    Ok(report.is_healthy())
}
