//! The guardian: saves the text and ends the process when a signal comes or the terminal goes
//! away, from its own threads.
//!
//! It cannot be left to the event loop: when the terminal is closed, crossterm's reader gets
//! end-of-file and loops inside `event::poll` without ever returning (read(0) = 0, forever), so
//! the loop never sees a signal flag again. The guardian does not need the loop: the loop
//! publishes the latest unsaved snapshot after every change, and the guardian writes it — holding
//! the same write lock as the saver thread, so no older save can land after it — restores the
//! terminal as far as it still exists, and exits.

use std::fs::OpenOptions;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::output::say;
use crate::session::Session;
use crate::store::SessionStore;

/// How often the terminal is checked for having gone away without a SIGHUP.
const TTY_CHECK: Duration = Duration::from_millis(250);
/// The exit status for a lost terminal, as if by SIGHUP.
const HANGUP: i32 = 128 + SIGHUP;

/// Text not yet on disk, as last published by the event loop.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The session with the editor's text.
    pub session: Session,
    /// Whether the file on disk is a finished version to keep before overwriting it.
    pub keep_revision: bool,
}

#[derive(Default)]
struct Shared {
    pending: Mutex<Option<Pending>>,
    /// Held for every write of a session file, by the saver thread and by the guardian.
    write_lock: Arc<Mutex<()>>,
}

/// Handle to the guardian threads.
#[derive(Clone)]
pub struct Guardian {
    shared: Arc<Shared>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the guardian from saving.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether this process still has a usable controlling terminal.
fn terminal_alive() -> bool {
    OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

impl Guardian {
    /// Starts watching signals (SIGTERM, SIGHUP, SIGINT) and the terminal.
    pub fn start(store: SessionStore) -> io::Result<Guardian> {
        let guardian = Guardian {
            shared: Arc::new(Shared::default()),
        };
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let on_signal = guardian.clone();
        let signal_store = store.clone();
        thread::Builder::new()
            .name("ownup-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    on_signal.save_and_exit(&signal_store, 128 + signal);
                }
            })?;
        // Only watch a terminal that is there to begin with.
        if terminal_alive() {
            let on_hangup = guardian.clone();
            thread::Builder::new().name("ownup-tty".into()).spawn(move || {
                loop {
                    thread::sleep(TTY_CHECK);
                    if !terminal_alive() {
                        on_hangup.save_and_exit(&store, HANGUP);
                    }
                }
            })?;
        }
        Ok(guardian)
    }

    /// Records the text that would be lost if the process ended now (`None`: nothing).
    pub fn publish(&self, pending: Option<Pending>) {
        *lock(&self.shared.pending) = pending;
    }

    /// The lock every session write takes.
    pub fn write_lock(&self) -> Arc<Mutex<()>> {
        Arc::clone(&self.shared.write_lock)
    }

    /// Saves what is pending, puts the terminal back and ends the process.
    fn save_and_exit(&self, store: &SessionStore, status: i32) -> ! {
        // Never released: no other save may land after this one.
        let _writes = lock(&self.shared.write_lock);
        let pending = lock(&self.shared.pending).take();
        let saved = pending.map(|p| {
            let kept = if p.keep_revision {
                store.keep_revision(&p.session.id, p.session.updated).map(|_| ())
            } else {
                Ok(())
            };
            kept.and_then(|()| store.save(&p.session))
        });
        super::terminal::restore();
        // `say`: the terminal may be gone (eprintln would panic), and a path is shown escaped.
        match saved {
            Some(Err(err)) => say(format_args!(
                "ownup: could not save your text before exiting: {err}"
            )),
            Some(Ok(path)) => say(format_args!("ownup: your text was saved to {}", path.display())),
            None => {}
        }
        std::process::exit(status);
    }
}
