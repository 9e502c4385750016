//! Following through from the shell: checking in on a commitment by its id (`ownup commitments
//! done|move|drop`), adding one (`ownup commitments add`), and `ownup due`.
//!
//! Every change goes through the store as the app's do: under the session's lock (a session
//! open in an app is refused, never changed behind its back) and the check-in lock (an app on
//! its check-in screen is not overtaken), written atomically, with a finished session's text
//! kept as a revision before a line is added to it; the index is brought up to date after.

use std::io::Write;

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};

use super::CommitmentAction;
use crate::config::Paths;
use crate::output::{Printable, count, one_line, say};
use crate::session::{CheckIn, Commitment, CommitmentStatus, Outcome, Session, SessionId, commitment_id};
use crate::store::{CommitmentMatch, Entry, SessionStore, StoreError};

/// `ownup commitments done|move|drop|add`.
pub fn commitment(store: &SessionStore, action: CommitmentAction, now: DateTime<FixedOffset>) -> Result<()> {
    match action {
        CommitmentAction::Done { id, note, on } => {
            let today = now.date_naive();
            let day = match on.as_deref().map(str::trim) {
                None => None,
                Some(on) => match crate::dates::parse_past(on, today) {
                    Some(day) => Some(day),
                    None => bail!(
                        "\"{}\" is not a day it could have been done — try {}; nothing was changed",
                        one_line(on),
                        crate::dates::PAST_DATE_EXAMPLES
                    ),
                },
            };
            check_in(store, &id, Outcome::Done, day, note, now)
        }
        CommitmentAction::Drop { id, note } => check_in(store, &id, Outcome::Dropped, None, note, now),
        CommitmentAction::Move { id, to, note } => {
            let today = now.date_naive();
            let to = to.trim();
            let day = match crate::dates::parse(to, today) {
                Some(day) if day > today => day,
                Some(day) => bail!(
                    "\"{}\" is {} — give a day after today; nothing was changed",
                    one_line(to),
                    day_words(day)
                ),
                None => bail!(
                    "\"{}\" is not a date I understand — try friday, in 1 week or 2026-12-15; \
                     nothing was changed",
                    one_line(to)
                ),
            };
            check_in(store, &id, Outcome::NotYet, Some(day), note, now)
        }
        CommitmentAction::Add { session, line } => add(store, session.as_deref(), &line, now),
    }
}

/// Records a check-in with `outcome` on the commitment `typed` names.
fn check_in(
    store: &SessionStore,
    typed: &str,
    outcome: Outcome,
    new_due: Option<NaiveDate>,
    note: Option<String>,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let prefix = prefix_of(typed)?;
    let _check_ins = store.lock_check_ins().map_err(|err| refused(err.into()))?;
    let found = resolve(store, typed, &prefix)?;
    let id = found.id;
    let session = found.session;
    let done = outcome == Outcome::Done;
    let check_in = CheckIn {
        at: now,
        outcome,
        new_due: if done { None } else { new_due },
        note: one_line_note(note.as_deref().unwrap_or_default()),
        done_on: if done { new_due } else { None },
    };
    // Found again by its id in the session as it is under the lock: an edit made meanwhile
    // may have moved it.
    let pick = |s: &Session| -> Result<usize> {
        let index = s.commitment_with_id(id).with_context(|| {
            format!("commitment {id} is no longer in session {session} (it was edited meanwhile) — nothing was changed")
        })?;
        let c = &s.commitments[index];
        let made = c.made.unwrap_or_else(|| s.started.date_naive());
        if let (Outcome::Done, Some(day)) = (outcome, new_due)
            && day < made
        {
            bail!(
                "\"{}\" ({id}) was made on {}: it cannot have been done on {} — nothing was changed",
                one_line(c.describe()),
                day_words(made),
                day_words(day)
            );
        }
        if c.status != CommitmentStatus::Open {
            let when = c.settled_on().map(|d| format!(" on {d}")).unwrap_or_default();
            bail!(
                "\"{}\" ({id}) was marked {}{when} — nothing was changed",
                one_line(c.describe()),
                c.status.label()
            );
        }
        Ok(index)
    };
    let commitment = store.check_in_on(&session, pick, check_in).map_err(refused)?;
    store.refresh_index();
    let what = match (outcome, new_due) {
        (Outcome::Done, Some(day)) => format!("Done on {}", day_words(day)),
        (Outcome::Done, None) => "Done".to_string(),
        (Outcome::Dropped, _) => "Dropped".to_string(),
        (Outcome::NotYet, Some(day)) => format!("Moved to {}", day_words(day)),
        (Outcome::NotYet, None) => "Not yet".to_string(),
    };
    say(format_args!(
        "{what}: {}  ({id}, session {session})",
        one_line(commitment.describe())
    ));
    Ok(())
}

/// `ownup commitments add [--session ID] LINE`.
fn add(store: &SessionStore, session: Option<&str>, line: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let session = match session {
        Some(typed) => store.find(typed)?,
        None => newest_session(store)?,
    };
    let _check_ins = store.lock_check_ins().map_err(|err| refused(err.into()))?;
    let added = store
        .add_commitment(&session, line, now)
        .map_err(|err| refused(err.into()))?;
    store.refresh_index();
    let c = &added.commitment;
    let id = added.id;
    say(format_args!(
        "Added to session {session}: {}  ({id})",
        one_line(described(c))
    ));
    let give_it_one = format!(
        "so it will not come up for a check-in — give it one with: ownup commitments move {id} --to WHEN"
    );
    match (c.due, c.by.trim()) {
        (Some(_), _) => {}
        (None, "") => say(format_args!("It has no by-when, {give_it_one}")),
        (None, by) => say(format_args!(
            "\"{}\" is not a date I understand, {give_it_one}",
            one_line(by)
        )),
    }
    if let Some(revision) = &added.revision {
        say(format_args!(
            "The finished session as it was is kept in {}",
            revision.display()
        ));
    }
    Ok(())
}

/// `ownup due`: one line when commitments are due, nothing otherwise.
pub fn due(paths: &Paths, today: NaiveDate, out: &mut Printable<impl Write>) -> Result<()> {
    // Never used here: nothing is due, and nothing is made (a shell prompt runs this in every
    // account, ownup user or not).
    if !paths.layout().sessions().is_dir() {
        return Ok(());
    }
    let store = SessionStore::open_layout(paths.layout())?;
    // Encrypted with a passphrase and none at hand: a shell prompt is never asked for it.
    let Some(store) = super::keys::unlock(store, paths, false, super::keys::Ask::Never)? else {
        return Ok(());
    };
    let due = store.due_count(today)?;
    if due > 0 {
        writeln!(out, "{} due — ownup commitments --due", count(due, "commitment"))?;
    }
    Ok(())
}

/// The start of an id as typed, made ready to compare, or why it cannot be one.
fn prefix_of(typed: &str) -> Result<String> {
    commitment_id::normalize(typed).with_context(|| {
        format!(
            "\"{}\" is not a commitment id — ids are {} letters and digits, as `ownup commitments` shows them",
            one_line(typed.trim()),
            commitment_id::LEN
        )
    })
}

/// The one commitment whose id starts with `prefix`, or why there is not one.
fn resolve(store: &SessionStore, typed: &str, prefix: &str) -> Result<CommitmentMatch> {
    let matches = store.commitments_matching(prefix)?;
    let mut found = matches.found;
    // A whole id is that commitment, even in the unlikely case that it starts another.
    if found.len() > 1 && found.iter().any(|m| m.id.as_str() == prefix) {
        found.retain(|m| m.id.as_str() == prefix);
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let typed = one_line(typed.trim());
            let mut message = format!(
                "no commitment has an id starting with {typed} — `ownup commitments --all` shows them all"
            );
            if !matches.unreadable.is_empty() {
                let ids: Vec<&str> = matches.unreadable.iter().map(SessionId::as_str).collect();
                message.push_str(&format!(
                    "; it could be in {} that cannot be read ({}): `ownup list` says why",
                    if ids.len() == 1 { "a session" } else { "sessions" },
                    ids.join(", ")
                ));
            }
            Err(anyhow!(message))
        }
        _ => {
            let rows: Vec<String> = found
                .iter()
                .map(|m| {
                    format!(
                        "  {}  {:<7}  {}  ({})",
                        m.id,
                        m.commitment.status.label(),
                        one_line(m.commitment.describe()),
                        m.session
                    )
                })
                .collect();
            bail!(
                "{} could be any of these — give more of the id:\n{}",
                one_line(typed.trim()),
                rows.join("\n")
            )
        }
    }
}

/// The newest readable session: where `add` puts a commitment when no session is named.
fn newest_session(store: &SessionStore) -> Result<SessionId> {
    let mut newest = None;
    store.each_entry(|entry| match entry {
        Entry::Session(summary) => {
            newest = Some(summary.id);
            false
        }
        Entry::Unreadable { .. } => true,
    })?;
    newest.context("there is no session to add it to — start one with: ownup new")
}

/// A refusal that says what to do and that nothing changed, where the store's words are
/// meant for the app.
pub(super) fn refused(err: anyhow::Error) -> anyhow::Error {
    match err.downcast_ref::<StoreError>() {
        Some(StoreError::Locked(id)) => anyhow!(
            "session {id} is open in another ownup window — close it there first; nothing was changed"
        ),
        Some(StoreError::CheckInsLocked) => {
            anyhow!("checking in is open in another ownup window — finish there first; nothing was changed")
        }
        _ => err,
    }
}

/// A note as one line: the check-in's "what happened" is a line wherever it is shown.
fn one_line_note(note: &str) -> String {
    note.split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A day as people read it: `Fri 27 Nov 2026`.
fn day_words(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// A commitment as its line reads: `Tell the team — Sam — by Tue 24 Nov 2026`.
fn described(c: &Commitment) -> String {
    let mut line = format!("{} — {}", c.describe(), c.owner);
    match (c.due, c.by.trim()) {
        (Some(day), _) => line.push_str(&format!(" — by {}", day_words(day))),
        (None, "") => {}
        (None, by) => line.push_str(&format!(" — \"{by}\"")),
    }
    line
}
