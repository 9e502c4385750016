//! Saves run on a writer thread, in order, so an fsync never stalls typing. Each finished save
//! comes back as a [`Msg::Saved`].

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use super::app::{After, Msg};
use crate::session::Session;
use crate::store::SessionStore;

struct Job {
    session: Session,
    revision: u64,
    keep_revision: bool,
    after: After,
}

impl Job {
    fn run(self, store: &SessionStore, write_lock: &Mutex<()>) -> Msg {
        // Shared with the guardian: after its last-moment save, no older one can land.
        let _writing = write_lock.lock().unwrap_or_else(PoisonError::into_inner);
        // An edit of a finished session keeps the text it replaces; if that copy cannot be
        // made, the file is not overwritten.
        let kept = match self.keep_revision {
            true => store
                .keep_revision(&self.session.id, self.session.updated)
                .map(|_| ()),
            false => Ok(()),
        };
        Msg::Saved {
            result: kept
                .and_then(|()| store.save(&self.session))
                .map_err(|err| err.to_string()),
            id: self.session.id,
            revision: self.revision,
            after: self.after,
        }
    }
}

/// The writer thread and its queues.
pub struct Saver {
    store: SessionStore,
    write_lock: Arc<Mutex<()>>,
    jobs: Option<Sender<Job>>,
    done: Receiver<Msg>,
    /// Replies produced in this thread when the writer thread is gone.
    local: Vec<Msg>,
    pending: usize,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the writer thread.
    pub fn spawn(store: SessionStore, write_lock: Arc<Mutex<()>>) -> Saver {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel();
        let thread_store = store.clone();
        let thread_lock = Arc::clone(&write_lock);
        let thread = thread::Builder::new()
            .name("ownup-saver".into())
            .spawn(move || {
                for job in inbox {
                    if outbox.send(job.run(&thread_store, &thread_lock)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Saver {
            store,
            write_lock,
            jobs: thread.as_ref().map(|_| jobs),
            done,
            local: Vec::new(),
            pending: 0,
            thread,
        }
    }

    /// Queues a save.
    pub fn save(&mut self, session: Session, revision: u64, keep_revision: bool, after: After) {
        let job = Job {
            session,
            revision,
            keep_revision,
            after,
        };
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => {
                    self.pending += 1;
                    return;
                }
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No writer thread: save here rather than lose anything.
        self.local.push(job.run(&self.store, &self.write_lock));
    }

    /// Whether a save is being written.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// Saves finished since the last call.
    pub fn finished(&mut self) -> Vec<Msg> {
        let mut out = std::mem::take(&mut self.local);
        out.extend(self.done.try_iter());
        self.pending = self.pending.saturating_sub(out.len());
        out
    }

    /// Stops the writer thread after the queued saves are written; returns their results.
    pub fn drain(&mut self) -> Vec<Msg> {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.finished()
    }
}
