//! Changes to a saved session made as one step under its lock (load, change, save), so that
//! the TUI and the CLI share them and no other ownup can write in between: check-ins, and
//! commitments added from the command line.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use super::{SessionLock, SessionStore, StoreError};
use crate::session::{CheckIn, Commitment, CommitmentId, Session, Status};

/// The lock that keeps checking in to one ownup at a time.
const CHECK_INS_LOCK: &str = "check-ins";

/// A commitment added with [`SessionStore::add_commitment`].
#[derive(Debug, Clone)]
pub struct Added {
    /// Its index in the session's commitments.
    pub index: usize,
    /// Its id.
    pub id: CommitmentId,
    /// The commitment, as read from the line.
    pub commitment: Commitment,
    /// Where the session's text before the change was kept, if it was finished.
    pub revision: Option<PathBuf>,
}

impl SessionStore {
    /// Changes session `id` on disk: takes its lock ([`StoreError::Locked`] while another ownup
    /// holds it), loads it, applies `change`, saves it atomically and lets the lock go. When
    /// `change` fails, nothing is written and its error is returned.
    pub fn update<T, E>(&self, id: &str, change: impl FnOnce(&mut Session) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.change(id, false, change).map(|(value, _)| value)
    }

    /// [`SessionStore::update`] for a change of what was written: a finished session's file is
    /// first kept as a revision, as editing it in the app does. Returns where, too.
    pub fn edit<T, E>(
        &self,
        id: &str,
        change: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<(T, Option<PathBuf>), E>
    where
        E: From<StoreError>,
    {
        self.change(id, true, change)
    }

    fn change<T, E>(
        &self,
        id: &str,
        revise: bool,
        change: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<(T, Option<PathBuf>), E>
    where
        E: From<StoreError>,
    {
        let _lock = self.lock(id)?;
        let mut session = self.load(id)?;
        let finished = session.status == Status::Complete;
        let value = change(&mut session)?;
        let revision = match revise && finished {
            // Named by the time of the change, as the app names it; if it cannot be kept,
            // nothing is written.
            true => Some(self.keep_revision(id, session.updated)?),
            false => None,
        };
        self.save(&session)?;
        Ok((value, revision))
    }

    /// Takes the lock that keeps checking in to one ownup at a time
    /// ([`StoreError::CheckInsLocked`] while another ownup checks in).
    pub fn lock_check_ins(&self) -> Result<SessionLock, StoreError> {
        self.lock(CHECK_INS_LOCK).map_err(|err| match err {
            StoreError::Locked(_) => StoreError::CheckInsLocked,
            other => other,
        })
    }

    /// Records `check_in` on commitment `index` of session `id`, whose action is `action` as
    /// last read: if the file no longer has that commitment there (edited since), nothing is
    /// recorded ([`StoreError::CommitmentChanged`]).
    pub fn check_in(
        &self,
        id: &str,
        index: usize,
        action: &str,
        check_in: CheckIn,
    ) -> Result<(), StoreError> {
        let pick = |session: &Session| match session.commitments.get(index) {
            Some(c) if c.action == action => Ok(index),
            _ => Err(StoreError::CommitmentChanged(id.to_string())),
        };
        self.check_in_on(id, pick, check_in).map(|_| ())
    }

    /// Records `check_in` on the commitment of session `id` that `pick` chooses (by its index)
    /// in the session as it is on disk, under its lock; returns the commitment as it is now.
    /// When `pick` fails, nothing is recorded and its error is returned.
    pub fn check_in_on<E>(
        &self,
        id: &str,
        pick: impl FnOnce(&Session) -> Result<usize, E>,
        check_in: CheckIn,
    ) -> Result<Commitment, E>
    where
        E: From<StoreError>,
    {
        self.update(id, |session| {
            let index = pick(session)?;
            let CheckIn {
                at,
                outcome,
                new_due,
                note,
                done_on,
            } = check_in;
            if !session.check_in(index, outcome, new_due.or(done_on), note, at) {
                return Err(StoreError::CommitmentChanged(id.to_string()).into());
            }
            Ok(session.commitments[index].clone())
        })
    }

    /// Adds the commitment written as `line` to session `id` at `now` (see
    /// [`Session::add_commitment`]), under its lock; a finished session's text is kept as a
    /// revision first.
    pub fn add_commitment(
        &self,
        id: &str,
        line: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Added, StoreError> {
        let (added, revision) = self.edit(id, |session| {
            let index = session.add_commitment(line, now)?;
            Ok::<_, StoreError>(Added {
                index,
                id: session.commitment_ids()[index],
                commitment: session.commitments[index].clone(),
                revision: None,
            })
        })?;
        Ok(Added { revision, ..added })
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use chrono::{DateTime, FixedOffset, NaiveDate};

    use super::*;
    use crate::script::Script;
    use crate::session::{Commitment, CommitmentStatus, Outcome};

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(time).unwrap()
    }

    /// A store holding one session `20261120-100000` with one open commitment.
    fn store_with_a_session() -> (tempfile::TempDir, SessionStore, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let mut session = Session::new(
            "20261120-100000".into(),
            &Script::default_script(),
            at("2026-11-20T10:00:00+01:00"),
        );
        session.commitments.push(Commitment {
            step: "correct".into(),
            prompt: "actions".into(),
            action: "Add a check to the deploy script".into(),
            owner: "me".into(),
            by: "next Friday".into(),
            due: NaiveDate::from_ymd_opt(2026, 11, 27),
            when: None,
            made: None,
            status: CommitmentStatus::Open,
            history: vec![],
        });
        let path = store.save(&session).unwrap();
        let bytes = fs::read(path).unwrap();
        (dir, store, bytes)
    }

    const ID: &str = "20261120-100000";

    fn done(note: &str) -> CheckIn {
        CheckIn {
            at: at("2026-11-28T09:00:00+01:00"),
            outcome: Outcome::Done,
            new_due: None,
            note: note.into(),
            done_on: None,
        }
    }

    /// The names in the sessions folder (temp files included).
    fn names(store: &SessionStore) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(store.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_update_is_saved_whole_and_returns_what_the_change_returns() {
        let (_dir, store, _) = store_with_a_session();
        let got = store
            .update(ID, |session| {
                session.commitments[0].owner = "the team".into();
                Ok::<_, StoreError>(session.commitments.len())
            })
            .unwrap();
        assert_eq!(got, 1);
        assert_eq!(store.load(ID).unwrap().commitments[0].owner, "the team");
        assert_eq!(
            names(&store),
            [format!("{ID}.ron")],
            "no temp file is left behind"
        );
        assert!(store.lock(ID).is_ok(), "the lock is let go");
    }

    #[test]
    fn a_session_open_in_another_ownup_is_not_updated() {
        let (_dir, store, before) = store_with_a_session();
        let held = store.lock(ID).unwrap();
        let mut called = false;
        let result = store.update(ID, |session| {
            called = true;
            session.commitments.clear();
            Ok::<_, StoreError>(())
        });
        assert!(
            matches!(result, Err(StoreError::Locked(ref id)) if id == ID),
            "{result:?}"
        );
        assert!(!called, "the change is not even tried");
        assert_eq!(
            fs::read(store.path_of(ID)).unwrap(),
            before,
            "the file is untouched"
        );
        drop(held);
    }

    #[test]
    fn a_change_that_fails_writes_nothing() {
        let (_dir, store, before) = store_with_a_session();
        #[derive(Debug, PartialEq)]
        enum Refused {
            No,
            Store(String),
        }
        impl From<StoreError> for Refused {
            fn from(err: StoreError) -> Refused {
                Refused::Store(err.to_string())
            }
        }
        let result = store.update(ID, |session| {
            session.commitments.clear();
            Err::<(), _>(Refused::No)
        });
        assert_eq!(result, Err(Refused::No));
        assert_eq!(
            fs::read(store.path_of(ID)).unwrap(),
            before,
            "the file is untouched"
        );
        assert!(store.lock(ID).is_ok(), "the lock is let go");
    }

    #[test]
    fn a_missing_session_is_not_found_and_not_made() {
        let (_dir, store, _) = store_with_a_session();
        let result = store.update("20261121-100000", |_| Ok::<_, StoreError>(()));
        assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
        assert!(!store.path_of("20261121-100000").exists());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_never_written_over() {
        let (_dir, store, _) = store_with_a_session();
        let damaged = b"Session(version: 1, id: \"20261120-100000\", oops".to_vec();
        fs::write(store.path_of(ID), &damaged).unwrap();
        let result = store.update(ID, |_| Ok::<_, StoreError>(()));
        assert!(matches!(result, Err(StoreError::Unreadable(_))), "{result:?}");
        assert_eq!(
            fs::read(store.path_of(ID)).unwrap(),
            damaged,
            "the file is untouched"
        );
    }

    #[test]
    fn a_check_in_is_recorded_in_the_file() {
        let (_dir, store, _) = store_with_a_session();
        store
            .check_in(
                ID,
                0,
                "Add a check to the deploy script",
                done("Merged on Monday"),
            )
            .unwrap();
        let session = store.load(ID).unwrap();
        let commitment = &session.commitments[0];
        assert_eq!(commitment.status, CommitmentStatus::Done);
        assert_eq!(commitment.history, [done("Merged on Monday")]);
        assert_eq!(session.updated, at("2026-11-28T09:00:00+01:00"));
    }

    #[test]
    fn a_commitment_changed_since_it_was_read_is_not_checked_in() {
        let (_dir, store, before) = store_with_a_session();
        for (index, action) in [(0, "Something else"), (1, "Add a check to the deploy script")] {
            let err = store.check_in(ID, index, action, done("")).unwrap_err();
            assert_eq!(
                err.to_string(),
                "session 20261120-100000 has changed since the list was read; open it to check in"
            );
        }
        assert_eq!(
            fs::read(store.path_of(ID)).unwrap(),
            before,
            "the file is untouched"
        );
    }

    #[test]
    fn adding_to_a_finished_session_keeps_its_text_as_a_revision_first() {
        let (_dir, store, before) = store_with_a_session();
        let now = at("2026-11-28T09:00:00+01:00");
        let added = store
            .add_commitment(ID, "Tell the team — Sam — monday", now)
            .unwrap();
        assert!(added.revision.is_none(), "a draft keeps no revision");

        let mut session = store.load(ID).unwrap();
        session.complete(now);
        store.save(&session).unwrap();
        let finished = fs::read(store.path_of(ID)).unwrap();
        assert_ne!(finished, before);
        let later = at("2026-11-29T10:00:00+01:00");
        let added = store.add_commitment(ID, "Write the runbook", later).unwrap();
        let revision = added.revision.expect("a finished session keeps one");
        assert!(revision.ends_with("revisions/20261120-100000/20261129-100000.ron"));
        assert_eq!(fs::read(&revision).unwrap(), finished);
        assert_eq!(store.revisions(ID), [revision]);
        let session = store.load(ID).unwrap();
        assert_eq!(session.commitments[added.index].action, "Write the runbook");
        assert_eq!(session.commitment_ids()[added.index], added.id);
        assert_eq!(session.updated, later);

        // Refused: no revision, no change.
        let err = store.add_commitment(ID, "Write the runbook", later).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"Write the runbook\" is already a commitment of session 20261120-100000"
        );
        assert_eq!(store.revisions(ID).len(), 1);
    }

    #[test]
    fn a_check_in_goes_to_the_commitment_picked_in_the_file_as_it_is_now() {
        let (_dir, store, before) = store_with_a_session();
        let refused = store.check_in_on(ID, |_| Err(StoreError::CommitmentChanged(ID.into())), done(""));
        assert!(matches!(refused, Err(StoreError::CommitmentChanged(_))));
        assert_eq!(
            fs::read(store.path_of(ID)).unwrap(),
            before,
            "nothing was written"
        );
        let out_of_range = store.check_in_on(ID, |_| Ok::<_, StoreError>(7), done(""));
        assert!(matches!(out_of_range, Err(StoreError::CommitmentChanged(_))));
        let commitment = store
            .check_in_on(ID, |_| Ok::<_, StoreError>(0), done("ok"))
            .unwrap();
        assert_eq!(commitment.status, CommitmentStatus::Done);
        assert_eq!(store.load(ID).unwrap().commitments[0], commitment);
    }

    #[test]
    fn checking_in_is_for_one_ownup_at_a_time() {
        let (_dir, store, _) = store_with_a_session();
        let held = store.lock_check_ins().unwrap();
        let err = store.lock_check_ins().unwrap_err();
        assert!(matches!(err, StoreError::CheckInsLocked));
        assert_eq!(
            err.to_string(),
            "checking in is open in another ownup window — finish there first"
        );
        drop(held);
        assert!(store.lock_check_ins().is_ok());
    }
}
