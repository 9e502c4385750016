//! Work that reads every session, done on threads of its own so that the app never waits for
//! it: the answers for search, and the stats. Each job replies with one message.

use std::sync::mpsc::{self, Receiver, Sender};

use chrono::NaiveDate;

use super::app::Msg;
use crate::search::{Index, Item};
use crate::session::Session;
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

    /// Reads every session's answers and indexes them for search (reply
    /// [`Msg::AnswersLoaded`]).
    pub fn load_answers(&mut self, generation: u64, mut items: Vec<Item>, ids: Vec<String>) {
        self.spawn("answers", move |store| {
            let answers: Vec<(String, String)> = store
                .map_all(|id, session| session.ok().map(|s| (id, crate::search::answers_text(&s))))
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect();
            crate::search::attach_answers(ids.iter().map(String::as_str), &mut items, answers);
            let index = Index::new(&items);
            Msg::AnswersLoaded {
                generation,
                items,
                index,
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
