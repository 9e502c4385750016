//! Saves run on a writer thread, in order, so an fsync never stalls typing. Each finished save
//! comes back as a message ([`Msg::Saved`], [`Msg::CheckInsSaved`]).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::app::{After, Failure, Msg};
use super::writer::{CheckInsSnapshot, SessionSnapshot, Writer};

/// Something to write.
enum Job {
    Session(Box<SessionSnapshot>, After),
    CheckIns(CheckInsSnapshot),
}

impl Job {
    fn run(self, writer: &Writer) -> Msg {
        match self {
            Job::Session(snapshot, after) => {
                let result = writer.write_session(&snapshot);
                Msg::Saved {
                    kept_outside: result.as_ref().ok().and_then(|w| w.kept_outside.clone()),
                    result: result.map(|w| w.path).map_err(Failure::from),
                    id: snapshot.session.id,
                    mark: snapshot.mark,
                    after,
                }
            }
            Job::CheckIns(snapshot) => Msg::CheckInsSaved {
                result: writer
                    .write_check_ins(&snapshot)
                    .map(|_| ())
                    .map_err(Failure::from),
                mark: snapshot.mark,
            },
        }
    }
}

/// The writer thread and its queues.
pub struct Saver {
    writer: Arc<Writer>,
    jobs: Option<Sender<Job>>,
    done: Receiver<Msg>,
    /// Replies produced in this thread when the writer thread is gone.
    local: Vec<Msg>,
    pending: usize,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the writer thread.
    pub fn spawn(writer: Arc<Writer>) -> Saver {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel();
        let thread_writer = Arc::clone(&writer);
        let thread = thread::Builder::new()
            .name("ownup-saver".into())
            .spawn(move || {
                for job in inbox {
                    if outbox.send(job.run(&thread_writer)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Saver {
            writer,
            jobs: thread.as_ref().map(|_| jobs),
            done,
            local: Vec::new(),
            pending: 0,
            thread,
        }
    }

    /// Queues a session save.
    pub fn save(&mut self, snapshot: SessionSnapshot, after: After) {
        self.queue(Job::Session(Box::new(snapshot), after));
    }

    /// Queues a save of the check-in drafts.
    pub fn save_check_ins(&mut self, snapshot: CheckInsSnapshot) {
        self.queue(Job::CheckIns(snapshot));
    }

    fn queue(&mut self, job: Job) {
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
        self.local.push(job.run(&self.writer));
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

    /// Stops the writer thread after the queued saves are written, waiting at most
    /// `patience` (a disk that stopped answering must not keep ownup from ending: what is
    /// still unwritten then goes to a rescue file); returns the results that came.
    pub fn drain(&mut self, patience: Duration) -> Vec<Msg> {
        self.jobs = None;
        let deadline = Instant::now() + patience;
        let mut out = std::mem::take(&mut self.local);
        while self.pending > 0 {
            match self
                .done
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(msg) => {
                    out.push(msg);
                    self.pending -= 1;
                }
                Err(_) => break,
            }
        }
        if self.pending == 0
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
        out
    }
}
