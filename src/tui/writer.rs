//! What is not yet on disk, and the one place that writes it.
//!
//! Three threads may write: the saver (autosaves and explicit saves), the guardian (on a
//! signal, a suspend, a lost terminal) and the main thread on the way out (or the panic hook).
//! They all go through [`Writer`], which writes one thing at a time and never lets an older
//! snapshot of a text land after a newer one.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

use crate::session::{Session, SessionId};
use crate::store::{
    CheckInDraft, FileVersion, SessionStore, StoreError, rescue_dir, to_ron, write_rescue_copy,
};

/// Which edit of which opening of a text a snapshot holds: later edits compare greater.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    /// Counts the times a text was opened in this run.
    pub generation: u64,
    /// Counts the edits since it was opened.
    pub revision: u64,
}

/// The session being written, with the editor's text, at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSnapshot {
    /// The session, ready to save.
    pub session: Session,
    /// Which edit it holds.
    pub mark: Mark,
    /// Whether the file holds a finished version to keep as a revision before overwriting.
    pub keep_revision: bool,
}

/// The check-in notes being typed, at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInsSnapshot {
    /// Every draft.
    pub drafts: Vec<CheckInDraft>,
    /// Which edit it holds.
    pub mark: Mark,
}

/// Everything typed and not yet on disk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unsaved {
    /// The session being written, if it has edits not on disk.
    pub session: Option<SessionSnapshot>,
    /// The check-in drafts, if they changed since they were written.
    pub check_ins: Option<CheckInsSnapshot>,
}

impl Unsaved {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.session.is_none() && self.check_ins.is_none()
    }
}

/// What is on disk, by text.
#[derive(Debug, Default)]
struct Written {
    sessions: HashMap<SessionId, Mark>,
    /// The version of each open session's file as this ownup last saw it (read or wrote).
    versions: HashMap<SessionId, Option<FileVersion>>,
    check_ins: Option<Mark>,
}

/// A session written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionWritten {
    /// Its file.
    pub path: PathBuf,
    /// Where the version someone else had put in the file meanwhile was kept, if they had.
    pub kept_outside: Option<PathBuf>,
}

/// How the last write of the process went, to tell once the terminal is back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Farewell {
    /// The session file written.
    pub saved_to: Option<PathBuf>,
    /// What went wrong and where the text went instead: always worth saying.
    pub trouble: Vec<String>,
    /// Whether some text could not be put anywhere but standard error.
    pub lost: bool,
}

impl Farewell {
    /// Every line to print: where the text was saved, then any trouble.
    pub fn lines(&self) -> Vec<String> {
        let saved = self
            .saved_to
            .iter()
            .map(|path| format!("ownup: your text was saved to {}", path.display()));
        saved.chain(self.trouble.iter().cloned()).collect()
    }
}

/// Writes snapshots, in order, one at a time.
#[derive(Debug)]
pub struct Writer {
    store: SessionStore,
    written: Mutex<Written>,
    /// The last write of the process: `Some` once it has begun, `true` once it is done. The
    /// main thread's way out and the guardian's can both reach it; only the first writes, and
    /// the other waits for it (it must not end the process half-way through that write).
    last: (Mutex<Option<bool>>, Condvar),
}

impl Writer {
    /// A writer into `store`.
    pub fn new(store: SessionStore) -> Writer {
        Writer {
            store,
            written: Mutex::new(Written::default()),
            last: (Mutex::new(None), Condvar::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Written> {
        // A panic elsewhere must not stop the text from being written.
        self.written.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes the version of session `id`'s file as it is when opened (or started): a save
    /// finding another one there keeps that one as a revision before writing.
    pub fn opened(&self, id: &SessionId) {
        let version = self.store.version_of(id);
        self.lock().versions.insert(id.clone(), version);
    }

    /// Writes a session snapshot, unless a newer one of the same text is on disk already.
    pub fn write_session(&self, snapshot: &SessionSnapshot) -> Result<SessionWritten, StoreError> {
        self.session_locked(&mut self.lock(), snapshot)
    }

    /// Writes the check-in drafts, unless newer ones are on disk already.
    pub fn write_check_ins(&self, snapshot: &CheckInsSnapshot) -> Result<PathBuf, StoreError> {
        self.check_ins_locked(&mut self.lock(), snapshot)
    }

    fn session_locked(
        &self,
        written: &mut Written,
        snapshot: &SessionSnapshot,
    ) -> Result<SessionWritten, StoreError> {
        let id = &snapshot.session.id;
        let on_disk = written.sessions.get(id).copied();
        if on_disk.is_some_and(|mark| mark >= snapshot.mark) {
            return Ok(SessionWritten {
                path: self.store.path_of(id),
                kept_outside: None,
            });
        }
        // A file changed by something else (an editor, a sync tool, another ownup that got
        // around the lock) is kept, not silently replaced.
        let now = self.store.version_of(id);
        let kept_outside = match written.versions.get(id) {
            Some(seen) if now.is_some() && now != *seen => {
                Some(self.store.keep_outside_version(id, snapshot.session.updated)?)
            }
            _ => None,
        };
        // The finished text is kept once per opening, before its first overwrite only.
        let keep = snapshot.keep_revision
            && kept_outside.is_none()
            && on_disk.is_none_or(|m| m.generation != snapshot.mark.generation);
        let mut session = snapshot.session.clone();
        session.sync_commitments(session.updated.date_naive());
        let (path, version) = self.store.save_revising(&session, keep)?;
        written.sessions.insert(id.clone(), snapshot.mark);
        written.versions.insert(id.clone(), Some(version));
        Ok(SessionWritten { path, kept_outside })
    }

    fn check_ins_locked(
        &self,
        written: &mut Written,
        snapshot: &CheckInsSnapshot,
    ) -> Result<PathBuf, StoreError> {
        if let Some(mark) = written.check_ins
            && mark >= snapshot.mark
        {
            return Ok(self.store.check_in_drafts_path());
        }
        let path = self.store.save_check_in_drafts(&snapshot.drafts)?;
        written.check_ins = Some(snapshot.mark);
        Ok(path)
    }

    /// The last write of the process: `unsaved` into the store and, where that fails, into a
    /// rescue file, and where even that fails, onto standard error. Holds the write lock until
    /// the process ends, so that nothing older lands after it. Waits at
    /// most `patience` for a write under way (it may be the one that panicked).
    pub fn write_last(&self, unsaved: &Unsaved, patience: Duration) -> Farewell {
        let (state, done) = &self.last;
        {
            let mut last = state.lock().unwrap_or_else(PoisonError::into_inner);
            if last.is_some() {
                // Another thread is writing the last text: wait for it (with patience: it may
                // be the thread that panicked), and leave the telling to it.
                let _ = done.wait_timeout_while(last, patience, |l| *l == Some(false));
                return Farewell::default();
            }
            *last = Some(false);
        }
        let farewell = self.write_last_now(unsaved, patience);
        *state.lock().unwrap_or_else(PoisonError::into_inner) = Some(true);
        done.notify_all();
        farewell
    }

    fn write_last_now(&self, unsaved: &Unsaved, patience: Duration) -> Farewell {
        if unsaved.is_empty() {
            return Farewell::default();
        }
        let start = Instant::now();
        let mut written = loop {
            match self.written.try_lock() {
                Ok(guard) => break Some(guard),
                Err(TryLockError::Poisoned(poisoned)) => break Some(poisoned.into_inner()),
                Err(TryLockError::WouldBlock) if start.elapsed() < patience => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => break None,
            }
        };
        let mut farewell = Farewell::default();
        if let Some(snapshot) = &unsaved.session {
            let saved = match written.as_deref_mut() {
                Some(written) => self.session_locked(written, snapshot),
                None => Err(StoreError::Conflict(
                    "another save was still being written and did not finish".into(),
                )),
            };
            match saved {
                Ok(written) => {
                    farewell.saved_to = Some(written.path);
                    if let Some(kept) = written.kept_outside {
                        farewell.trouble.push(kept_outside_message(&kept));
                    }
                }
                Err(err) => self.rescue_session(&snapshot.session, &err, &mut farewell),
            }
        }
        if let Some(snapshot) = &unsaved.check_ins {
            let saved = match written.as_deref_mut() {
                Some(written) => self.check_ins_locked(written, snapshot),
                None => Err(StoreError::Conflict(
                    "another save was still being written".into(),
                )),
            };
            if let Err(err) = saved {
                self.rescue_check_ins(&snapshot.drafts, &err, &mut farewell);
            }
        }
        // Keep the lock for the rest of the process: a save still queued must not land after.
        std::mem::forget(written);
        farewell
    }

    /// Puts `session` where it can be found when the store refused it (`err`): a rescue
    /// file, or else the farewell itself.
    pub fn rescue_session(&self, session: &Session, err: &StoreError, farewell: &mut Farewell) {
        let dir = rescue_dir();
        let copy = to_ron(session).map_err(|e| e.to_string()).and_then(|text| {
            // Encrypted as the sessions are: it can be moved in beside them as it is.
            match self.store.seal_bytes(text.as_bytes()) {
                Some(sealed) => write_rescue_copy(&dir, &session.id, "ron.age", &sealed),
                None => write_rescue_copy(&dir, &session.id, "ron", text.as_bytes()),
            }
            .map_err(|e| e.to_string())
        });
        match copy {
            Ok(path) => farewell.trouble.push(if matches!(err, StoreError::TooLarge { .. }) {
                format!(
                    "ownup: could not save your text ({err}), so it was written to {} — copy what you need from it, then shorten the answer in ownup",
                    path.display()
                )
            } else {
                format!(
                    "ownup: could not save your text ({err}), so it was written to {} — move it into {} when there is room",
                    path.display(),
                    self.store.dir().display()
                )
            }),
            Err(why) => {
                farewell.lost = true;
                farewell.trouble.push(format!(
                    "ownup: could not save your text ({err}) nor write it to {} ({why}); here it is:",
                    dir.display()
                ));
                farewell.trouble.push(crate::export::to_markdown(session, true));
            }
        }
    }

    fn rescue_check_ins(&self, drafts: &[CheckInDraft], err: &StoreError, farewell: &mut Farewell) {
        let dir = rescue_dir();
        let text: String = drafts
            .iter()
            .filter(|d| !d.is_empty())
            .map(|d| {
                format!(
                    "Check-in on \"{}\" (session {}): {}{}\n",
                    d.action,
                    d.session,
                    d.note,
                    if d.new_date.is_empty() {
                        String::new()
                    } else {
                        format!(" (new date: {})", d.new_date)
                    }
                )
            })
            .collect();
        if text.is_empty() {
            return;
        }
        let sealed = self.store.seal_bytes(text.as_bytes());
        let written = match &sealed {
            Some(sealed) => write_rescue_copy(&dir, "check-ins", "txt.age", sealed),
            None => write_rescue_copy(&dir, "check-ins", "txt", text.as_bytes()),
        };
        match written {
            Ok(path) => farewell.trouble.push(format!(
                "ownup: could not keep your check-in notes ({err}), so they were written to {}",
                path.display()
            )),
            Err(why) => {
                farewell.lost = true;
                farewell.trouble.push(format!(
                    "ownup: could not keep your check-in notes ({err}) nor write them to {} ({why}); here they are:\n{text}",
                    dir.display()
                ));
            }
        }
    }
}

/// What to tell the person when the file was changed outside ownup while it was open.
pub fn kept_outside_message(kept: &std::path::Path) -> String {
    format!(
        "The session's file was changed outside ownup while it was open; that version is kept in {}",
        kept.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;
    use crate::session::Position;

    fn snapshot(answer: &str, generation: u64, revision: u64, keep: bool) -> SessionSnapshot {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        let mut session = Session::new("20261122-234501".into(), &Script::default_script(), now);
        session.set_answer(Position::default(), answer.into());
        SessionSnapshot {
            session,
            mark: Mark { generation, revision },
            keep_revision: keep,
        }
    }

    #[test]
    fn an_older_snapshot_never_lands_after_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let writer = Writer::new(store.clone());
        writer.write_session(&snapshot("newer", 1, 5, false)).unwrap();
        writer.write_session(&snapshot("older", 1, 4, false)).unwrap();
        let on_disk = store.load("20261122-234501").unwrap();
        assert_eq!(on_disk.answer(Position::default()), "newer");
        // Opened again: a new generation is newer whatever its revision.
        writer.write_session(&snapshot("reopened", 2, 1, false)).unwrap();
        let on_disk = store.load("20261122-234501").unwrap();
        assert_eq!(on_disk.answer(Position::default()), "reopened");
    }

    #[test]
    fn a_finished_text_is_kept_once_per_opening() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        store.save(&snapshot("finished", 0, 0, false).session).unwrap();
        let writer = Writer::new(store.clone());
        writer.write_session(&snapshot("edit 1", 1, 1, true)).unwrap();
        writer.write_session(&snapshot("edit 2", 1, 2, true)).unwrap();
        assert_eq!(store.revisions("20261122-234501").len(), 1);
        writer.write_session(&snapshot("edit 3", 2, 1, true)).unwrap();
        assert_eq!(store.revisions("20261122-234501").len(), 2);
    }

    #[test]
    fn when_the_store_cannot_be_written_the_text_goes_to_a_rescue_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(&dir.path().join("data")).unwrap();
        // A file where the session's file should be renamed to cannot be replaced by a dir…
        std::fs::create_dir(store.path_of("20261122-234501")).unwrap();
        let writer = Writer::new(store);
        let unsaved = Unsaved {
            session: Some(snapshot("rescue me", 1, 1, false)),
            check_ins: None,
        };
        let farewell = writer.write_last(&unsaved, Duration::from_millis(10));
        assert!(!farewell.lost);
        let line = &farewell.trouble[0];
        assert!(
            line.starts_with("ownup: could not save your text (cannot save "),
            "{line}"
        );
        let path = line
            .split(" so it was written to ")
            .nth(1)
            .unwrap()
            .split(" — ")
            .next()
            .unwrap();
        let rescued = crate::store::load_file(std::path::Path::new(path)).unwrap();
        assert_eq!(rescued.answer(Position::default()), "rescue me");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_file_changed_outside_while_open_is_kept_before_it_is_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let writer = Writer::new(store.clone());
        writer.opened(&"20261122-234501".into());
        let first = writer.write_session(&snapshot("mine", 1, 1, false)).unwrap();
        assert_eq!(first.kept_outside, None, "nothing was there");
        let path = store.path_of("20261122-234501");
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("mine", "edited by hand");
        std::fs::write(&path, &theirs).unwrap();
        let second = writer
            .write_session(&snapshot("mine, more", 1, 2, false))
            .unwrap();
        let kept = second.kept_outside.expect("their version kept");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), theirs);
        assert!(
            kept.to_string_lossy().ends_with("-outside.ron"),
            "{}",
            kept.display()
        );
        let third = writer
            .write_session(&snapshot("mine, more still", 1, 3, false))
            .unwrap();
        assert_eq!(third.kept_outside, None, "its own writes are not someone else's");
    }

    #[test]
    fn a_session_too_large_to_read_back_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let writer = Writer::new(store.clone());
        let huge = "x".repeat(17 * 1024 * 1024);
        let err = writer.write_session(&snapshot(&huge, 1, 1, false)).unwrap_err();
        assert!(
            err.to_string().contains("more than the 16 MB ownup reads back"),
            "{err}"
        );
        assert!(store.version_of("20261122-234501").is_none(), "nothing written");
    }
}
