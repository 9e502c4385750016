//! Work that reads many sessions, done on threads of its own so that the app never waits for
//! it: the list, the words of a search, and the stats. Each job replies with one message.

use std::sync::mpsc::{self, Receiver, Sender};

use chrono::NaiveDate;

use super::app::{Failure, Msg};
use crate::session::{Session, SessionId};
use crate::store::SessionStore;

/// The background jobs and their replies.
pub struct Jobs {
    store: SessionStore,
    replies: (Sender<Msg>, Receiver<Msg>),
    /// How many jobs are running.
    running: usize,
}

impl Jobs {
    /// No jobs yet; they read `store`.
    pub fn new(store: SessionStore) -> Jobs {
        Jobs {
            store,
            replies: mpsc::channel(),
            running: 0,
        }
    }

    /// Whether a job is running (the loop then looks for its reply often).
    pub fn busy(&self) -> bool {
        self.running > 0
    }

    /// Replies of jobs that have finished.
    pub fn done(&mut self) -> Vec<Msg> {
        let done: Vec<Msg> = self.replies.1.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        done
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
        self.spawn("list", |store| Msg::Listed(store.list().map_err(Failure::from)));
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
