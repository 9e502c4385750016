//! Shell completion of what only ownup knows: session ids (with their titles), commitment ids
//! (with what was promised) and script names, through clap_complete's completion engine: the
//! shell runs `COMPLETE=<shell> ownup -- <words>` on Tab, and ownup answers with candidates.
//!
//! A completer never creates a folder, takes a lock or prints an error: on any trouble it
//! offers nothing, and the shell falls back to its own completion. Titles and actions are the
//! person's words, which may hold anything: they are escaped like all of ownup's output and
//! shortened; an id or name that is not plainly printable is never offered.

use std::ffi::OsStr;

use clap_complete::engine::CompletionCandidate;

use crate::config::Paths;
use crate::library::Library;
use crate::output::printable;
use crate::session::{CommitmentStatus, Status};
use crate::store::{Entry, SessionStore};

/// The environment variable that asks ownup to complete instead of run.
pub const VAR: &str = "COMPLETE";

/// Answers the shell when it asks for completions (`COMPLETE=<shell>` set), and exits; does
/// nothing otherwise. Runs before anything else is read or printed.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(<super::Cli as clap::CommandFactory>::command)
        .var(VAR)
        .complete();
}

/// Writes the code that registers ownup's completions with `shell`: `source` it, or save it
/// where the shell looks. It runs `ownup` from `PATH` on each Tab, or this binary by its full
/// path when it was started by one.
pub fn registration(shell: clap_complete::Shell, out: &mut Vec<u8>) -> std::io::Result<()> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        other => {
            return Err(std::io::Error::other(format!("no completion for {other}")));
        }
    };
    let started_as = std::env::args_os().next().map(std::path::PathBuf::from);
    // A path the shell would need quoted is not written into the script (some shells' code
    // quotes it twice): `ownup` from PATH is asked instead.
    let program = match started_as {
        Some(path) if path.components().count() > 1 => std::path::absolute(&path)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned(),
        _ => "ownup".to_string(),
    };
    let program = if program
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+'))
    {
        program
    } else {
        "ownup".to_string()
    };
    completer.write_registration(VAR, "ownup", "ownup", &program, out)
}

/// The most characters of a title or action shown beside a candidate.
const HELP_CHARS: usize = 60;

/// Ids of every session, newest first, with their titles.
pub fn session_ids() -> Vec<CompletionCandidate> {
    sessions(|_| true)
}

/// Ids of the drafts, newest first, with their titles (for `ownup resume`).
pub fn draft_ids() -> Vec<CompletionCandidate> {
    sessions(|status| status == Status::Draft)
}

/// Ids of the sessions in the trash (for `ownup trash restore`).
pub fn trashed_ids() -> Vec<CompletionCandidate> {
    let Some(store) = existing_store() else {
        return vec![];
    };
    store.trashed().iter().filter_map(candidate).collect()
}

/// Ids of the open commitments that start with what is typed, with what was promised.
pub fn open_commitment_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let (Some(store), Some(prefix)) = (existing_store(), current.to_str()) else {
        return vec![];
    };
    let prefix = match prefix {
        "" => String::new(),
        typed => match crate::session::commitment_id::normalize(typed) {
            Some(prefix) => prefix,
            None => return vec![],
        },
    };
    let Ok(matches) = store.commitments_matching(&prefix) else {
        return vec![];
    };
    matches
        .found
        .into_iter()
        .filter(|m| m.commitment.status == CommitmentStatus::Open)
        .map(|m| CompletionCandidate::new(m.id.as_str()).help(Some(help(&m.commitment.action).into())))
        .collect()
}

/// Names of every script, built in and your own, with their titles.
pub fn script_names() -> Vec<CompletionCandidate> {
    let Ok(paths) = Paths::from_env() else {
        return vec![];
    };
    Library::load(&paths.scripts_dir())
        .scripts
        .iter()
        .filter(|listed| plain(&listed.script.name))
        .map(|listed| {
            CompletionCandidate::new(&listed.script.name).help(Some(help(&listed.script.title).into()))
        })
        .collect()
}

fn sessions(keep: impl Fn(Status) -> bool) -> Vec<CompletionCandidate> {
    let Some(store) = existing_store() else {
        return vec![];
    };
    let Ok(entries) = store.list() else {
        return vec![];
    };
    entries
        .iter()
        .filter(|entry| match entry {
            Entry::Session(summary) => keep(summary.status),
            Entry::Unreadable { .. } => false,
        })
        .filter_map(candidate)
        .collect()
}

/// The store, if there is one: completing never creates one.
fn existing_store() -> Option<SessionStore> {
    let paths = Paths::from_env().ok()?;
    let layout = paths.layout();
    if !layout.sessions().is_dir() || !layout.locks().is_dir() {
        return None;
    }
    let store = SessionStore::open_layout(layout).ok()?;
    // An encrypted store's titles only with its key at hand: completing never asks for it.
    super::keys::unlock(store, &paths, false, super::keys::Ask::Never)
        .ok()
        .flatten()
}

fn candidate(entry: &Entry) -> Option<CompletionCandidate> {
    let id = entry.id();
    if !plain(id) {
        return None;
    }
    let title = match entry {
        Entry::Session(summary) => help(&summary.title),
        Entry::Unreadable { .. } => "(cannot be read)".to_string(),
    };
    Some(CompletionCandidate::new(id.as_str()).help(Some(title.into())))
}

/// Whether `name` can be offered as it is: letters, digits, `-`, `_` and `.` only.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `text` on one line, escaped and shortened, to show beside a candidate.
fn help(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let mut shown: String = line.chars().take(HELP_CHARS).collect();
    if line.chars().count() > HELP_CHARS {
        shown.push('…');
    }
    printable(&shown).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_offered_and_help_is_one_escaped_line() {
        assert!(plain("20261122-234501-2"));
        assert!(plain("own-it"));
        assert!(!plain("evil\u{1b}[2J"));
        assert!(!plain("two words"));
        assert!(!plain(""));
        assert_eq!(help("\n  First line\nsecond"), "First line");
        assert_eq!(help("red \u{1b}[31m"), printable("red \u{1b}[31m"));
        assert!(!help("red \u{1b}[31m").contains('\u{1b}'));
        let long = "x".repeat(100);
        assert_eq!(help(&long).chars().count(), HELP_CHARS + 1);
    }
}
