//! Commitments across sessions, for the command line: finding one by the start of its id
//! (reading only the sessions that can hold it), and how many are due (from the index, never
//! by reading every session).

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{Entry, OpenCommitment, SessionStore, StoreError, format::read_session, parallel_map};
use crate::session::commitment_id::session_may_hold;
use crate::session::{Commitment, CommitmentId, SessionId};

/// A commitment whose id starts with what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentMatch {
    /// The session it was made in.
    pub session: SessionId,
    /// Its index in the session's commitments.
    pub index: usize,
    /// Its id.
    pub id: CommitmentId,
    /// The commitment.
    pub commitment: Commitment,
}

/// What [`SessionStore::commitments_matching`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// The commitments, by session (oldest first), then as they are in the session.
    pub found: Vec<CommitmentMatch>,
    /// Sessions that could hold such a commitment and cannot be read.
    pub unreadable: Vec<SessionId>,
}

/// Of an index row (an [`Entry`] as written), what `due` counts.
#[derive(Deserialize)]
enum DueRow {
    Session(OpenOnly),
    Unreadable(IgnoredAny),
}

/// Of a [`super::Summary`], its open commitments.
#[derive(Deserialize)]
struct OpenOnly {
    #[serde(default)]
    open_commitments: Vec<OpenCommitment>,
}

impl SessionStore {
    /// The commitments whose ids start with `prefix` (normalised by
    /// [`crate::session::commitment_id::normalize`]). Only the sessions whose ids fit the
    /// prefix's first characters are read.
    pub fn commitments_matching(&self, prefix: &str) -> Result<Matches, StoreError> {
        let mut files = self.session_files()?;
        files.retain(|file| session_may_hold(&file.id, prefix));
        files.sort_by(|a, b| super::id_order(&a.id, &b.id));
        let dir = self.layout.sessions();
        let read = parallel_map(files, |file| {
            let session = read_session(&file.path(dir), &file.id, file.file_type, self.keys());
            (file.id, session)
        });
        let mut matches = Matches::default();
        for (session_id, session) in read {
            let Ok(session) = session else {
                matches.unreadable.push(session_id);
                continue;
            };
            let ids = session.commitment_ids();
            for (index, (id, commitment)) in ids.into_iter().zip(session.commitments).enumerate() {
                if id.starts_with(prefix) {
                    matches.found.push(CommitmentMatch {
                        session: session_id.clone(),
                        index,
                        id,
                        commitment,
                    });
                }
            }
        }
        Ok(matches)
    }

    /// How many commitments come up for a check-in by `today`, counted from the index: only
    /// the session files changed since it was last brought up to date are read. Of each row,
    /// only the open commitments are read: a shell prompt waits for this.
    pub fn due_count(&self, today: NaiveDate) -> Result<usize, StoreError> {
        let (index, others) = self.refreshed()?;
        let mut due: usize = others
            .iter()
            .map(|entry| match entry {
                Entry::Session(summary) => summary.due_count(today),
                Entry::Unreadable { .. } => 0,
            })
            .sum();
        if let Some(index) = index {
            index
                .each_row(None, |row: DueRow| {
                    if let DueRow::Session(s) = row {
                        due += s.open_commitments.iter().filter(|c| c.comes_up_by(today)).count();
                    }
                    true
                })
                .map_err(|_| StoreError::Index(self.index_path()))?;
        }
        Ok(due)
    }

    /// Brings the index up to date with the session files, after a change made outside the
    /// app, so that the app's first frame (drawn from the index before the files are checked)
    /// shows it. An index that cannot be written is no loss: it is a cache, rebuilt when used.
    pub fn refresh_index(&self) {
        let _ = self.refreshed();
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::script::Script;
    use crate::session::Session;

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(time).unwrap()
    }

    fn save(store: &SessionStore, id: &str, actions: &str) -> Session {
        let mut session = Session::new(
            id.into(),
            &Script::default_script(),
            at("2026-11-20T10:00:00+01:00"),
        );
        let pos = session.prompt_at("correct", "actions").unwrap();
        session.set_answer(pos, actions.into());
        session.sync_commitments(session.started.date_naive());
        store.save(&session).unwrap();
        session
    }

    #[test]
    fn a_prefix_finds_its_commitments_in_the_sessions_that_can_hold_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let a = save(
            &store,
            "20261120-100000",
            "Add a CI check — me — friday\nTell the team",
        );
        let b = save(&store, "20261121-100000", "Add a CI check — me — friday");
        let ids_a = a.commitment_ids();
        let ids_b = b.commitment_ids();

        let whole = store.commitments_matching(ids_a[1].as_str()).unwrap();
        assert_eq!(whole.found.len(), 1);
        assert_eq!(whole.found[0].session, "20261120-100000");
        assert_eq!(whole.found[0].index, 1);
        assert_eq!(whole.found[0].commitment.action, "Tell the team");

        // The session's part of the id: every commitment of that session.
        let session_part = &ids_a[0].as_str()[..3];
        let found = store.commitments_matching(session_part).unwrap().found;
        let expect = 2 + usize::from(ids_b[0].starts_with(session_part));
        assert_eq!(found.len(), expect, "{found:?}");

        // A damaged session that could hold it is named, not skipped in silence.
        std::fs::write(store.path_of("20261121-100000"), "Session(").unwrap();
        let m = store.commitments_matching(ids_b[0].as_str()).unwrap();
        assert!(m.found.is_empty());
        assert_eq!(m.unreadable, ["20261121-100000"]);
    }

    #[test]
    fn due_commitments_are_counted_from_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        save(
            &store,
            "20261120-100000",
            "A — me — by Dec 1\nB — me — by Dec 3\nC",
        );
        save(&store, "20261121-100000", "D — me — by Nov 25");
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(store.due_count(day(1)).unwrap(), 2);
        assert_eq!(store.due_count(day(3)).unwrap(), 3);
        // A file changed by hand since the index was written is read again.
        save(&store, "20261121-100000", "D — me — by Dec 20");
        assert_eq!(store.due_count(day(3)).unwrap(), 2);
    }
}
