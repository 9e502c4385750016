//! Work that reads many sessions, or waits on the network, done on threads of its own so that
//! the app never waits for it: the list, the words of a search, the stats and the sync. Each
//! job replies with one message.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::app::{Failure, Msg, Synced};
use crate::session::{Session, SessionId};
use crate::store::SessionStore;

/// The background jobs and their replies.
pub struct Jobs {
    store: SessionStore,
    replies: (Sender<Msg>, Receiver<Msg>),
    /// How many jobs are running.
    running: usize,
    /// The reply of the sync running, if one is: kept apart, since a sync waits on the network
    /// for seconds and the loop need not look for it as often as for the others.
    sync: Option<Receiver<Msg>>,
}

impl Jobs {
    /// No jobs yet; they read `store`.
    pub fn new(store: SessionStore) -> Jobs {
        Jobs {
            store,
            replies: mpsc::channel(),
            running: 0,
            sync: None,
        }
    }

    /// Whether a job is running (the loop then looks for its reply often).
    pub fn busy(&self) -> bool {
        self.running > 0
    }

    /// Replies of jobs that have finished.
    pub fn done(&mut self) -> Vec<Msg> {
        let mut done: Vec<Msg> = self.replies.1.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        if let Some(sync) = &self.sync {
            match sync.try_recv() {
                Ok(reply) => done.push(reply),
                Err(TryRecvError::Disconnected) => done.push(sync_stopped()),
                Err(TryRecvError::Empty) => return done,
            }
            self.sync = None;
        }
        done
    }

    /// Syncs the sessions in the background, never asking anything on the terminal (reply
    /// [`Msg::Synced`]).
    pub fn sync(&mut self, now: DateTime<FixedOffset>) {
        let store = self.store.clone();
        let (reply, received) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("ownup-sync".into())
            .spawn(move || {
                let result = crate::sync::sync(&store, now, crate::sync::Mode::Background, None, None)
                    .map(|report| Synced {
                        short: report.short(),
                        attention: if report.needs_attention() {
                            report.lines()
                        } else {
                            vec![]
                        },
                        received: !report.received.is_empty(),
                    })
                    .map_err(|err| err.to_string());
                let _ = reply.send(Msg::Synced(result));
            });
        match spawned {
            Ok(_) => self.sync = Some(received),
            Err(err) => {
                let _ = self
                    .replies
                    .0
                    .send(Msg::Synced(Err(format!("cannot start the sync: {err}"))));
                self.running += 1;
            }
        }
    }

    /// Whether a sync is running.
    pub fn syncing(&self) -> bool {
        self.sync.is_some()
    }

    /// Waits at most `patience` for the sync running to end; its reply, if it did.
    pub fn wait_for_sync(&mut self, patience: Duration) -> Option<Msg> {
        let reply = match self.sync.as_ref()?.recv_timeout(patience) {
            Ok(reply) => reply,
            Err(mpsc::RecvTimeoutError::Disconnected) => sync_stopped(),
            Err(mpsc::RecvTimeoutError::Timeout) => return None,
        };
        self.sync = None;
        Some(reply)
    }

    /// Runs `job` on a thread named `name`; its result is the reply.
    fn spawn(&mut self, name: &str, job: impl FnOnce(&SessionStore) -> Msg + Send + 'static) {
        let store = self.store.clone();
        let reply = self.replies.0.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("ownup-{name}"))
            .spawn(move || {
                let _ = reply.send(job(&store));
            });
        if spawned.is_ok() {
            self.running += 1;
        }
    }

    /// Reads the session list, bringing the index up to date (reply [`Msg::Listed`]).
    pub fn list(&mut self) {
        self.spawn("list", |store| {
            let listed = Msg::Listed(store.list().map_err(Failure::from));
            // The words of encrypted answers are indexed in memory by the first search: done
            // now, beside the list, so that the first key typed in a search finds them ready.
            if store.is_encrypted() {
                let store = store.clone();
                let _ = std::thread::Builder::new()
                    .name("ownup-words".into())
                    .spawn(move || store.prepare_search());
            }
            listed
        });
    }

    /// Looks up the sessions whose answers have every one of `words`, with the answers of the
    /// first [`crate::search::HIGHLIGHT_LIMIT`] of them, newest first (reply
    /// [`Msg::WordsFound`]).
    pub fn find_words(&mut self, generation: u64, words: Vec<String>) {
        self.spawn("search", move |store| {
            let ids = store.answer_matches(&words).unwrap_or_default();
            let newest: Vec<SessionId> = ids.iter().take(crate::search::HIGHLIGHT_LIMIT).cloned().collect();
            let answers = store.answers_of(&newest);
            give_back_memory();
            Msg::WordsFound {
                generation,
                words,
                ids,
                answers,
            }
        });
    }

    /// Computes the stats of every session as of `today` (reply [`Msg::StatsReady`]).
    pub fn load_stats(&mut self, today: NaiveDate) {
        self.spawn("stats", move |store| {
            let sessions: Vec<Session> = store
                .map_all(|_, s| s.ok())
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect();
            Msg::StatsReady(Box::new(crate::stats::Stats::of(&sessions, today)))
        });
    }
}

/// The reply for a sync whose thread ended without one (it panicked).
fn sync_stopped() -> Msg {
    Msg::Synced(Err(
        "the sync stopped before it was done — run ownup sync to see why".into(),
    ))
}

/// Hands memory freed by a large job back to the system: glibc's allocator keeps freed memory
/// for reuse, so the working space of one list of 100,000 sessions (stamps, paths) would stay
/// counted against ownup for as long as it runs.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
