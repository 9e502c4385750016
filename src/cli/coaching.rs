//! `ownup commitments` and `ownup stats`.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::output::{Printable, one_line};
use crate::session::{Commitment, CommitmentId, CommitmentStatus, SessionId};
use crate::stats::Stats;
use crate::store::SessionStore;

/// Which commitments `ownup commitments` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Open ones (the default).
    Open,
    /// Open ones whose date has come.
    Due,
    /// All, done and dropped included.
    All,
}

/// A commitment with the session it belongs to.
struct Row {
    session: SessionId,
    title: String,
    index: usize,
    id: CommitmentId,
    commitment: Commitment,
}

/// A row of `ownup commitments --json`. Field names are part of ownup's interface.
#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    session: &'a str,
    session_title: &'a str,
    index: usize,
    action: &'a str,
    owner: &'a str,
    by: &'a str,
    due: Option<String>,
    when: Option<&'a str>,
    status: &'a str,
    overdue: bool,
    history: Vec<JsonCheckIn<'a>>,
}

#[derive(Serialize)]
struct JsonCheckIn<'a> {
    at: String,
    outcome: &'a str,
    new_due: Option<String>,
    note: &'a str,
    done_on: Option<String>,
}

/// `ownup commitments [--due|--all] [--json]`.
pub fn commitments(
    store: &SessionStore,
    which: Which,
    json: bool,
    today: NaiveDate,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let mut rows: Vec<Row> = store
        .map_all(|id, session| {
            let Ok(session) = session else { return vec![] };
            let title = session.title();
            let ids = session.commitment_ids();
            session
                .commitments
                .into_iter()
                .zip(ids)
                .enumerate()
                .map(|(index, (commitment, commitment_id))| Row {
                    session: id.clone(),
                    title: title.clone(),
                    index,
                    id: commitment_id,
                    commitment,
                })
                .collect()
        })?
        .into_iter()
        .flatten()
        .filter(|row| match which {
            Which::All => true,
            Which::Open => row.commitment.status == CommitmentStatus::Open,
            Which::Due => row.commitment.is_due(today),
        })
        .collect();
    // Soonest first; undated ones after dated ones; then by session.
    rows.sort_by(|a, b| {
        let key = |r: &Row| {
            (
                r.commitment.status != CommitmentStatus::Open,
                r.commitment.due.is_none(),
                r.commitment.due,
            )
        };
        key(a).cmp(&key(b)).then(a.session.cmp(&b.session))
    });
    if json {
        let json_rows: Vec<JsonRow> = rows
            .iter()
            .map(|r| {
                let c = &r.commitment;
                JsonRow {
                    id: r.id.as_str(),
                    session: &r.session,
                    session_title: &r.title,
                    index: r.index,
                    action: &c.action,
                    owner: &c.owner,
                    by: &c.by,
                    due: c.due.map(|d| d.to_string()),
                    when: c.when.as_deref(),
                    status: c.status.label(),
                    overdue: c.status == CommitmentStatus::Open && c.due.is_some_and(|d| d < today),
                    history: c
                        .history
                        .iter()
                        .map(|h| JsonCheckIn {
                            at: crate::session::format_time(&h.at),
                            outcome: h.outcome.label(),
                            new_due: h.new_due.map(|d| d.to_string()),
                            note: &h.note,
                            done_on: h.done_on.map(|d| d.to_string()),
                        })
                        .collect(),
                }
            })
            .collect();
        writeln!(out.exact(), "{}", serde_json::to_string_pretty(&json_rows)?)?;
        return Ok(());
    }
    if rows.is_empty() {
        super::say(match which {
            Which::Due => "Nothing is due. Well kept.",
            Which::Open => "No open commitments.",
            Which::All => "No commitments yet: they come from the actions and when-then plans you write.",
        });
        return Ok(());
    }
    writeln!(
        out,
        "{:<8}  {:<10}  {:<8}  {:<8}  ACTION",
        "ID", "DUE", "STATUS", "OWNER"
    )?;
    for r in &rows {
        let c = &r.commitment;
        // A by-when that was not understood says so: it will not come back for a check-in.
        let due = match (c.due, c.by.trim().is_empty()) {
            (Some(d), _) => d.to_string(),
            (None, true) => "-".to_string(),
            (None, false) => "not a date".to_string(),
        };
        let status = match c.status {
            CommitmentStatus::Open if c.due.is_some_and(|d| d < today) => "overdue",
            CommitmentStatus::Open if c.due == Some(today) => "due",
            other => other.label(),
        };
        let mut action = c.describe();
        if c.due.is_none() && !c.by.trim().is_empty() {
            action.push_str(&format!(" (by \"{}\")", c.by.trim()));
        }
        writeln!(
            out,
            "{}  {due:<10}  {status:<8}  {:<8}  {}  ({})",
            r.id,
            one_line(&c.owner),
            one_line(&action),
            one_line(&r.session)
        )?;
        for h in &c.history {
            writeln!(out, "{:>42}{}", "", one_line(h.summary()))?;
        }
    }
    Ok(())
}

/// `ownup stats`.
pub fn stats(store: &SessionStore, today: NaiveDate, out: &mut Printable<impl Write>) -> Result<()> {
    let sessions: Vec<_> = store.map_all(|_, s| s.ok())?.into_iter().flatten().collect();
    let stats = Stats::of(&sessions, today);
    out.write_all(stats.to_text().as_bytes())?;
    Ok(())
}
