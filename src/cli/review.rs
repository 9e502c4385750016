//! The review commands: `list`, `show`, `export`, `delete` and `trash`.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use super::{ExportArgs, Format};
use crate::export;
use crate::files::{Existing, WriteError, check_target, write_new};
use crate::output::{Printable, Stdout, one_line};
use crate::session::{Session, SessionId, Status};
use crate::store::{Entry, SessionStore};

/// A row of `ownup list --json`. Field names are part of ownup's interface.
#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    status: &'a str,
    started: Option<String>,
    updated: Option<String>,
    script: Option<&'a str>,
    script_title: Option<&'a str>,
    title: Option<&'a str>,
    answered_steps: Option<usize>,
    total_steps: Option<usize>,
    path: String,
    error: Option<String>,
}

/// `ownup list`: one line per session, or JSON. Rows are written as they are read from the
/// index, so the first is out before the last is read.
pub fn list(
    store: &SessionStore,
    json: bool,
    status: Option<Status>,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let wanted = |entry: &Entry| match (status, entry) {
        (None, _) => true,
        (Some(wanted), Entry::Session(s)) => s.status == wanted,
        (Some(_), Entry::Unreadable { .. }) => false,
    };
    let mut written = 0usize;
    let mut failed: Option<anyhow::Error> = None;
    let mut write_row = |entry: Entry| -> Result<()> {
        if json {
            let row = json_row(store, &entry);
            let text = serde_json::to_string_pretty(&row)?.replace('\n', "\n  ");
            let lead = if written == 0 { "[\n  " } else { ",\n  " };
            write!(out.exact(), "{lead}{text}")?;
        } else {
            if written == 0 {
                writeln!(
                    out,
                    "{:<18} {:<16}  {:<10}  {:<5}  TITLE",
                    "ID", "STARTED", "STATUS", "STEPS"
                )?;
            }
            write_line(&entry, out)?;
        }
        written += 1;
        Ok(())
    };
    store.each_entry(|entry| {
        if !wanted(&entry) {
            return true;
        }
        match write_row(entry) {
            Ok(()) => true,
            Err(err) => {
                failed = Some(err);
                false
            }
        }
    })?;
    if let Some(err) = failed {
        return Err(err.context("cannot write the list"));
    }
    if json {
        let end = if written == 0 { "[]" } else { "\n]" };
        writeln!(out.exact(), "{end}")?;
        return Ok(());
    }
    if written == 0 {
        match status {
            None => super::say(format_args!(
                "No sessions yet in {}. Start one with: ownup new",
                store.dir().display()
            )),
            Some(status) => super::say(format_args!("No {} sessions.", status.label())),
        }
    }
    Ok(())
}

/// One row of `ownup list --json`.
fn json_row<'a>(store: &SessionStore, entry: &'a Entry) -> JsonRow<'a> {
    match entry {
        Entry::Session(s) => JsonRow {
            id: &s.id,
            status: s.status.label(),
            started: Some(crate::session::format_time(&s.started)),
            updated: Some(crate::session::format_time(&s.updated)),
            script: Some(&s.script.name),
            script_title: Some(&s.script.title),
            title: Some(&s.title),
            answered_steps: Some(s.answered_steps.into()),
            total_steps: Some(s.total_steps.into()),
            path: store.path_of(&s.id).display().to_string(),
            error: None,
        },
        Entry::Unreadable { id, error } => JsonRow {
            id,
            status: "unreadable",
            started: None,
            updated: None,
            script: None,
            script_title: None,
            title: None,
            answered_steps: None,
            total_steps: None,
            path: error.path().display().to_string(),
            error: Some(error.to_string()),
        },
    }
}

/// One line of `ownup list`.
fn write_line(entry: &Entry, out: &mut Printable<impl Write>) -> std::io::Result<()> {
    match entry {
        Entry::Session(s) => {
            let title = if s.title.is_empty() {
                "(nothing written yet)"
            } else {
                &s.title
            };
            writeln!(
                out,
                "{:<18} {}  {:<10}  {:<5}  {}",
                one_line(&s.id),
                s.started.format("%Y-%m-%d %H:%M"),
                s.status.label(),
                format!("{}/{}", s.answered_steps, s.total_steps),
                one_line(title)
            )
        }
        Entry::Unreadable { id, error } => writeln!(
            out,
            "{:<18} {:<16}  {:<10}  {:<5}  {}",
            one_line(id),
            "-",
            "unreadable",
            "-",
            one_line(error)
        ),
    }
}

/// `ownup show ID`: one session as Markdown.
pub fn show(
    store: &SessionStore,
    id: &str,
    include_private: bool,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let session = store.load(&store.find(id)?)?;
    out.write_all(export::to_markdown(&session, include_private).as_bytes())?;
    Ok(())
}

/// `ownup export`: to standard output, a file or a directory. Nothing already there is
/// replaced without `force`, and never a FIFO, device or directory; every target is checked
/// before any is written, so a refusal writes nothing.
pub fn export(
    store: &SessionStore,
    args: &ExportArgs,
    today: chrono::NaiveDate,
    out: &mut Printable<Stdout>,
) -> Result<()> {
    let ExportArgs {
        ids,
        all,
        format,
        output,
        include_private,
        share,
        force,
    } = args;
    let share = *share;
    let (all, format, output, include_private, force) =
        (*all, *format, output.as_deref(), *include_private, *force);
    let sessions: Vec<Session> = if all {
        let mut sessions = Vec::new();
        for (_, loaded) in store.load_all()? {
            match loaded {
                Ok(session) => sessions.push(session),
                Err(err) => super::say(format_args!("ownup: skipped, cannot be read: {err}")),
            }
        }
        sessions
    } else if ids.is_empty() {
        bail!("name the sessions to export (see `ownup list`), or use --all");
    } else {
        // Resolve every id first, so that a typo exports nothing rather than half.
        let found: Vec<SessionId> = ids.iter().map(|id| store.find(id)).collect::<Result<_, _>>()?;
        found.iter().map(|id| store.load(id)).collect::<Result<_, _>>()?
    };
    if sessions.is_empty() {
        bail!(
            "nothing to export — there are no readable sessions in {}",
            store.dir().display()
        );
    }
    if let Some(path) = output
        && store.holds(path)
    {
        bail!(
            "{} is inside a folder of ownup's own, where an export could replace a session — export somewhere else",
            path.display()
        );
    }
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let ext = match format {
        Format::Md => "md",
        Format::Json => "json",
    };
    match output {
        Some(dir) if dir.is_dir() => {
            let mut targets: Vec<(PathBuf, &Session)> = Vec::new();
            for session in &sessions {
                let path = dir.join(format!("{}.{ext}", session.id));
                // The same session named twice is one file.
                if !targets.iter().any(|(p, _)| *p == path) {
                    targets.push((path, session));
                }
            }
            for (path, _) in &targets {
                check_target(path, existing).map_err(explain)?;
            }
            let mut created = Vec::new();
            for (path, session) in &targets {
                let text = match format {
                    Format::Md if share => export::to_share(session, today),
                    Format::Md => export::to_markdown(session, include_private),
                    Format::Json => export::to_json_one(session, include_private),
                };
                let new = fs::symlink_metadata(path).is_err();
                if let Err(err) = write_new(path, text.as_bytes(), existing) {
                    // All or nothing: take back the files this export created.
                    for done in &created {
                        let _ = fs::remove_file(done);
                    }
                    return Err(explain(err));
                }
                if new {
                    created.push(path.clone());
                }
            }
            super::say(format_args!(
                "Exported {} to {}",
                plural(targets.len()),
                dir.display()
            ));
        }
        Some(file) => {
            write_new(
                file,
                render(&sessions, format, include_private, share.then_some(today)).as_bytes(),
                existing,
            )
            .map_err(explain)?;
            super::say(format_args!(
                "Exported {} to {}",
                plural(sessions.len()),
                file.display()
            ));
        }
        // A file keeps the text exact; standard output may be a terminal, so only JSON (which
        // escapes control characters itself) goes there unescaped.
        None => {
            let text = render(&sessions, format, include_private, share.then_some(today));
            match format {
                Format::Md => out.write_all(text.as_bytes())?,
                Format::Json => out.exact().write_all(text.as_bytes())?,
            }
        }
    }
    Ok(())
}

/// What went wrong writing an export, and what to do: the command line knows of `--force`.
fn explain(err: WriteError) -> anyhow::Error {
    match err {
        WriteError::Exists { path, link: false } => anyhow!(
            "{} already exists — use --force to replace it, or choose another name",
            path.display()
        ),
        WriteError::Exists { path, link: true } => anyhow!(
            "{} already exists as a symbolic link — use --force to replace the link (not what it points to), or choose another name",
            path.display()
        ),
        WriteError::NotAFile { path, kind } => anyhow!(
            "{} is {} — ownup replaces only regular files and links, even with --force; choose another name",
            path.display(),
            kind.describe()
        ),
        io @ WriteError::Io { .. } => io.into(),
    }
}

fn render(
    sessions: &[Session],
    format: Format,
    include_private: bool,
    share: Option<chrono::NaiveDate>,
) -> String {
    match format {
        Format::Md if let Some(today) = share => sessions
            .iter()
            .map(|s| export::to_share(s, today))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Md => export::to_markdown_all(sessions, include_private),
        Format::Json => export::to_json(sessions, include_private),
    }
}

fn plural(n: usize) -> String {
    format!("{n} session{}", if n == 1 { "" } else { "s" })
}

/// `ownup trash`: what is in the trash.
pub fn trash_list(store: &SessionStore, out: &mut Printable<impl Write>) -> Result<()> {
    let trashed = store.trashed();
    if trashed.is_empty() {
        super::say(format_args!("The trash is empty."));
        return Ok(());
    }
    for entry in &trashed {
        match entry {
            Entry::Session(s) => writeln!(
                out,
                "{:<18} {}  {}",
                one_line(&s.id),
                s.started.format("%Y-%m-%d %H:%M"),
                one_line(&s.title)
            )?,
            Entry::Unreadable { id, error } => {
                writeln!(out, "{:<18} unreadable  {}", one_line(id), one_line(error))?
            }
        }
    }
    super::say(format_args!("Bring one back with: ownup trash restore ID"));
    Ok(())
}

/// `ownup delete ID`: moves a session to the trash (never removes a file), and says how to
/// bring it back.
pub fn delete(store: &SessionStore, id: &str) -> Result<()> {
    let id = store.find(id)?;
    // A file ownup cannot read is left as it is, here as in the app.
    let session = store
        .load(&id)
        .map_err(|err| anyhow!("{err} — it is left as it is, not moved to the trash"))?;
    store
        .trash(&id)
        .map_err(|err| super::follow::refused(err.into()))?;
    let title = match session.title() {
        title if title.is_empty() => String::new(),
        title => format!(" ({})", one_line(title)),
    };
    super::say(format_args!(
        "Moved {id}{title} to the trash — bring it back with: ownup trash restore {id}"
    ));
    Ok(())
}

/// `ownup trash restore ID`.
pub fn trash_restore(store: &SessionStore, id: &str) -> Result<()> {
    let trashed = store.trashed();
    let ids: Vec<&str> = trashed
        .iter()
        .map(|e| e.id().as_str())
        .filter(|t| *t == id || t.starts_with(id))
        .collect();
    let id = match ids.as_slice() {
        [one] => *one,
        [] => bail!("{id} is not in the trash — `ownup trash` lists what is"),
        many if many.contains(&id) => id,
        many => bail!("{id} could be any of {} — give more of the id", many.join(", ")),
    };
    let path = store.restore(id)?;
    super::say(format_args!("Restored {id} to {}", path.display()));
    Ok(())
}
