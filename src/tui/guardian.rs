//! The guardian: keeps the text safe whatever the process is told, from its own threads.
//!
//! It cannot be left to the event loop: when the terminal is closed, crossterm's reader gets
//! end-of-file and loops inside `event::poll` without ever returning (read(0) = 0, forever), so
//! the loop never sees a signal flag again. The guardian does not need the loop: the loop
//! publishes the latest unsaved snapshot whenever the text changes, and the guardian writes it
//! through the same [`Writer`] as the saver thread.
//!
//! - SIGTERM, SIGHUP, SIGINT, a terminal gone: write, restore the terminal, exit (128 + signal).
//! - SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM: write, restore the terminal, then end as the signal
//!   would have (its default action).
//! - SIGTSTP (Ctrl-Z, `kill -TSTP`): write, hand the terminal back, stop; when continued, take
//!   the terminal again and have the loop redraw. SIGCONT alone (after a SIGSTOP) redraws too.
//! - A panic: the hook writes the last snapshot before anything else (see `on_panic`).
//!
//! Plain mode ([`Guardian::start_plain`]) is guarded the same way, except that the terminal is
//! never touched: plain mode never took it (no raw mode, no alternate screen), and its standard
//! output may be a pipe, where escape sequences would be noise in someone's file.

use std::fs::OpenOptions;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
};
use signal_hook::iterator::Signals;

use super::app::{After, Failure, Msg};
use super::writer::{Farewell, Unsaved, Writer};

/// How often the terminal is checked for having gone away without a SIGHUP.
const TTY_CHECK: Duration = Duration::from_millis(250);
/// The exit status for a lost terminal, as if by SIGHUP.
const HANGUP: i32 = 128 + SIGHUP;
/// How long a last write waits for one under way.
const LAST_WRITE_PATIENCE: Duration = Duration::from_secs(2);

struct Shared {
    writer: Arc<Writer>,
    /// Whether this is the full-screen app, whose terminal is put back on the way out; plain
    /// mode's is left alone.
    full_screen: bool,
    /// Said after the farewell when the process ends on a signal (how to go on), if anything.
    parting: Mutex<Option<String>>,
    /// The latest snapshot of what is not on disk.
    published: Mutex<Unsaved>,
    /// Held while drawing, and while the terminal is handed back on a suspend, so that a
    /// frame is never drawn half on the shell's screen.
    screen: Mutex<()>,
    /// Whether the app has the terminal (raw mode, alternate screen) at the moment.
    terminal_active: AtomicBool,
    /// Whether mouse reporting is to be turned on again after a suspend.
    mouse: AtomicBool,
    /// Set when the terminal was taken back: the loop must redraw everything.
    redraw: AtomicBool,
    /// Where to tell the loop about saves made here while it went on (a suspend).
    replies: Mutex<Option<Sender<Msg>>>,
    /// What the panic hook wrote, for the message on the way out.
    after_panic: Mutex<Option<Farewell>>,
    /// The file open in the person's editor (Ctrl-E), while it is: a Ctrl-C there is the
    /// editor's, and if ownup must end meanwhile, the person is told where their text is.
    editing: Mutex<Option<std::path::PathBuf>>,
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

/// Every signal whose default action would end or stop the process, bar those that cannot be
/// caught (SIGKILL, SIGSTOP) or that mean the process itself is broken (SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE): for each, the text is written first. SIGXFSZ is ignored instead (see
/// [`crate::files::ignore_file_size_signal`]), so that a file-size limit makes a save fail, not the app die.
fn watched_signals() -> Vec<i32> {
    let mut signals = vec![
        SIGTERM,
        SIGHUP,
        SIGINT,
        SIGQUIT,
        SIGUSR1,
        SIGUSR2,
        SIGALRM,
        SIGTSTP,
        SIGCONT,
        libc::SIGXCPU,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGIO,
        libc::SIGTRAP,
        libc::SIGSYS,
        libc::SIGABRT,
    ];
    #[cfg(target_os = "linux")]
    signals.extend([libc::SIGPWR, libc::SIGSTKFLT]);
    #[cfg(target_os = "linux")]
    signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    signals
}

/// Whether this process still has a usable controlling terminal.
fn terminal_alive() -> bool {
    OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

impl Guardian {
    /// Starts watching signals and the terminal for the full-screen app; saves go through
    /// `writer`.
    pub fn start(writer: Arc<Writer>) -> io::Result<Guardian> {
        Guardian::start_with(writer, true)
    }

    /// Like [`Guardian::start`], for plain mode: the terminal is never touched.
    pub fn start_plain(writer: Arc<Writer>) -> io::Result<Guardian> {
        Guardian::start_with(writer, false)
    }

    fn start_with(writer: Arc<Writer>, full_screen: bool) -> io::Result<Guardian> {
        let guardian = Guardian {
            shared: Arc::new(Shared {
                writer,
                full_screen,
                parting: Mutex::new(None),
                published: Mutex::new(Unsaved::default()),
                screen: Mutex::new(()),
                terminal_active: AtomicBool::new(false),
                mouse: AtomicBool::new(false),
                redraw: AtomicBool::new(false),
                replies: Mutex::new(None),
                after_panic: Mutex::new(None),
                editing: Mutex::new(None),
            }),
        };
        let mut signals = Signals::new(watched_signals())?;
        let on_signal = guardian.clone();
        thread::Builder::new()
            .name("ownup-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP => on_signal.suspend(),
                        SIGCONT => on_signal.take_terminal_back(),
                        // The editor has the terminal: Ctrl-C and Ctrl-\\ there are its own.
                        SIGINT | SIGQUIT if on_signal.is_editing() => {}
                        SIGTERM | SIGHUP | SIGINT => on_signal.save_and_exit(128 + signal),
                        other => on_signal.save_and_end_as(other),
                    }
                }
            })?;
        // Only watch a terminal that is there to begin with.
        if terminal_alive() {
            let on_hangup = guardian.clone();
            thread::Builder::new().name("ownup-tty".into()).spawn(move || {
                loop {
                    thread::sleep(TTY_CHECK);
                    if !terminal_alive() {
                        on_hangup.save_and_exit(HANGUP);
                    }
                }
            })?;
        }
        Ok(guardian)
    }

    /// Says that the person's editor has `file` open (or no longer, with `None`).
    pub fn editing(&self, file: Option<std::path::PathBuf>) {
        *lock(&self.shared.editing) = file;
    }

    fn is_editing(&self) -> bool {
        lock(&self.shared.editing).is_some()
    }

    /// Records the text that would be lost if the process ended now.
    pub fn publish(&self, unsaved: Unsaved) {
        *lock(&self.shared.published) = unsaved;
    }

    /// Where saves made by the guardian are reported to the loop.
    pub fn reply_to(&self, replies: Sender<Msg>) {
        *lock(&self.shared.replies) = Some(replies);
    }

    /// Says whether the app has the terminal now (after entering it, before giving it back),
    /// and whether mouse reporting is on.
    pub fn set_terminal_active(&self, active: bool, mouse: bool) {
        let _screen = lock(&self.shared.screen);
        self.shared.mouse.store(mouse, Ordering::SeqCst);
        self.shared.terminal_active.store(active, Ordering::SeqCst);
    }

    /// Says the terminal is no longer the app's, without waiting for anything (a panic may
    /// have happened while drawing), and puts it back as it was (the full-screen app only).
    pub fn release_terminal(&self) {
        self.shared.terminal_active.store(false, Ordering::SeqCst);
        if self.shared.full_screen {
            super::terminal::restore();
        }
    }

    /// What to say after the farewell if a signal ends the process (how to go on), once the
    /// text has been saved somewhere.
    pub fn set_parting(&self, words: Option<String>) {
        *lock(&self.shared.parting) = words;
    }

    /// Asks the loop to draw everything again.
    pub fn request_redraw(&self) {
        self.shared.redraw.store(true, Ordering::SeqCst);
    }

    /// Runs `draw` while no suspend can hand the terminal back half-way through it.
    pub fn while_drawing<T>(&self, draw: impl FnOnce() -> T) -> T {
        let _screen = lock(&self.shared.screen);
        draw()
    }

    /// Whether the terminal was taken back since the last call: everything must be redrawn.
    pub fn take_redraw(&self) -> bool {
        self.shared.redraw.swap(false, Ordering::SeqCst)
    }

    /// What the panic hook wrote, if it ran.
    pub fn after_panic(&self) -> Option<Farewell> {
        lock(&self.shared.after_panic).take()
    }

    /// Writes what is unsaved as the last thing this process writes, and says how it went.
    pub fn write_last(&self, unsaved: &Unsaved) -> Farewell {
        // The published snapshot stays: a signal that comes now finds the last write under
        // way and waits for it rather than ending the process half-way.
        self.shared.writer.write_last(unsaved, LAST_WRITE_PATIENCE)
    }

    /// For the panic hook: writes the last published snapshot (the state of the app when it
    /// panicked may be broken, so it is not asked again), and keeps the report for later.
    pub fn on_panic(&self) {
        let unsaved = std::mem::take(&mut *lock(&self.shared.published));
        if unsaved.is_empty() {
            return;
        }
        let farewell = self.shared.writer.write_last(&unsaved, LAST_WRITE_PATIENCE);
        *lock(&self.shared.after_panic) = Some(farewell);
    }

    /// SIGTSTP: write what is unsaved, give the terminal back, stop; when continued, take the
    /// terminal again.
    fn suspend(&self) {
        let unsaved = lock(&self.shared.published).clone();
        let replies = lock(&self.shared.replies).clone();
        // A stopped process may never be continued (a SIGKILL, a logout): what cannot be
        // saved goes to a rescue file before it stops, and the shell's screen says where.
        let mut rescued = Farewell::default();
        if let Some(snapshot) = &unsaved.session {
            let result = self.shared.writer.write_session(snapshot);
            if let Err(err) = &result {
                self.shared
                    .writer
                    .rescue_session(&snapshot.session, err, &mut rescued);
            }
            if let Some(replies) = &replies {
                let _ = replies.send(Msg::Saved {
                    id: snapshot.session.id.clone(),
                    mark: snapshot.mark,
                    after: After::Stay,
                    kept_outside: result.as_ref().ok().and_then(|w| w.kept_outside.clone()),
                    result: result.map(|w| w.path).map_err(Failure::from),
                });
            }
        }
        if let Some(snapshot) = &unsaved.check_ins {
            let result = self
                .shared
                .writer
                .write_check_ins(snapshot)
                .map(|_| ())
                .map_err(Failure::from);
            if let Some(replies) = &replies {
                let _ = replies.send(Msg::CheckInsSaved {
                    mark: snapshot.mark,
                    result,
                });
            }
        }
        {
            let _screen = lock(&self.shared.screen);
            if self.shared.terminal_active.load(Ordering::SeqCst) {
                super::terminal::restore();
            }
            for line in rescued.lines() {
                crate::output::say(line);
            }
            // Stop now; the process goes on from here when continued (fg, SIGCONT).
            let _ = signal_hook::low_level::raise(SIGSTOP);
        }
        self.take_terminal_back();
    }

    /// After a stop: raw mode and the alternate screen again, and a full redraw.
    fn take_terminal_back(&self) {
        let _screen = lock(&self.shared.screen);
        if self.shared.terminal_active.load(Ordering::SeqCst) {
            // After a SIGSTOP from outside the shell put the terminal back to its own modes,
            // while crossterm still believes raw mode is on (and would not set it again):
            // leave raw mode first, so that entering it sets it for real.
            let _ = ratatui::crossterm::terminal::disable_raw_mode();
            let _ = super::terminal::reenter(self.shared.mouse.load(Ordering::SeqCst));
            self.shared.redraw.store(true, Ordering::SeqCst);
        }
    }

    /// Writes what is pending, puts the terminal back, says how it went and ends the process.
    fn save_and_exit(&self, status: i32) -> ! {
        self.save_and_restore();
        std::process::exit(status);
    }

    /// Writes what is pending, puts the terminal back, then ends as `signal` would have.
    fn save_and_end_as(&self, signal: i32) -> ! {
        self.save_and_restore();
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        // signal-hook knows no default for real-time signals (theirs is to end the process).
        // SAFETY: the default disposition installs no code; raise only sends the signal.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
        std::process::exit(128 + signal);
    }

    fn save_and_restore(&self) {
        let unsaved = std::mem::take(&mut *lock(&self.shared.published));
        let farewell = self.shared.writer.write_last(&unsaved, LAST_WRITE_PATIENCE);
        // Taken and never given back: no frame may be drawn after the terminal is restored.
        // A frame stuck on a terminal that no longer reads must not keep the process alive,
        // so the wait is bounded.
        let start = std::time::Instant::now();
        while start.elapsed() < LAST_WRITE_PATIENCE {
            match self.shared.screen.try_lock() {
                Ok(guard) => {
                    std::mem::forget(guard);
                    break;
                }
                Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                    std::mem::forget(poisoned.into_inner());
                    break;
                }
                Err(std::sync::TryLockError::WouldBlock) => thread::sleep(Duration::from_millis(5)),
            }
        }
        if self.shared.full_screen {
            super::terminal::restore();
        }
        // The terminal may be gone: `say` never panics on a failed write (eprintln would).
        for line in farewell.lines() {
            crate::output::say(line);
        }
        if let Some(file) = lock(&self.shared.editing).as_ref() {
            crate::output::say(format_args!(
                "ownup: what you were writing in your editor is kept in {}",
                file.display()
            ));
        }
        if farewell.saved_to.is_some()
            && let Some(parting) = lock(&self.shared.parting).as_deref()
        {
            crate::output::say(parting);
        }
    }
}
