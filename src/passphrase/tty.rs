//! The terminal side of asking, kept thin: `/dev/tty` opened, echo turned off and put back,
//! bytes read one by one into the [`LineEditor`], which decides what they mean.
//!
//! The terminal's settings are put back on every way out: Enter, Ctrl-C, an error, a panic
//! (the guards' `Drop`), and a signal. For a signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT sent by
//! `kill`: Ctrl-C itself is read as a key), as OpenBSD's `readpassphrase` does: it is caught
//! while asking, the terminal is put back, and then it is raised again, to do what it would
//! have done — end ownup, usually.

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::os::fd::{AsRawFd as _, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

use super::line_editor::{Line, LineEditor, Step};
use super::{Conversation, PassphraseError};

/// How long to wait after a lone ESC for the rest of a sequence, in milliseconds: a terminal
/// sends a whole key at once, a person types more slowly.
const ESCAPE_WAIT_MS: libc::c_int = 30;
/// How often a caught signal is looked for while waiting for a key, in milliseconds.
const SIGNAL_CHECK_MS: libc::c_int = 200;

/// The signals that end a program, caught while asking so that echo is turned back on first.
const STOPPING: [libc::c_int; 4] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT, libc::SIGQUIT];

/// The signal caught while asking, or 0.
static CAUGHT: AtomicI32 = AtomicI32::new(0);

/// The signal handler: notes the signal, for the reading loop to see.
extern "C" fn catch(signal: libc::c_int) {
    // Only an atomic store: all a signal handler may safely do here.
    CAUGHT.store(signal, Ordering::SeqCst);
}

/// The controlling terminal, with echo off until dropped.
pub(super) struct Terminal {
    // Dropped in this order: echo back on, then the signals' old actions back (and a caught
    // signal raised), then the file closed.
    echo_off: EchoOff,
    _signals: CaughtSignals,
    editor: LineEditor,
    file: File,
}

impl Terminal {
    /// Opens `/dev/tty` and turns echo off. No terminal → [`PassphraseError::NoTerminal`].
    pub(super) fn open() -> Result<Terminal, PassphraseError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .map_err(|err| match err.raw_os_error() {
                // No controlling terminal (a service, `setsid`), or no /dev/tty at all (some
                // containers).
                Some(libc::ENXIO | libc::ENOENT | libc::ENODEV) => PassphraseError::NoTerminal,
                _ => terminal_error("/dev/tty cannot be opened", &err),
            })?;
        let signals =
            CaughtSignals::install().map_err(|err| terminal_error("signals cannot be caught", &err))?;
        let echo_off = EchoOff::enter(file.as_raw_fd()).map_err(|err| match err.raw_os_error() {
            Some(libc::ENOTTY) => PassphraseError::NoTerminal,
            _ => terminal_error("echo cannot be turned off", &err),
        })?;
        Ok(Terminal {
            echo_off,
            _signals: signals,
            editor: LineEditor::new(),
            file,
        })
    }

    /// The next byte typed, fed to the editor.
    fn next_step(&mut self) -> Result<Step, PassphraseError> {
        let fd = self.file.as_raw_fd();
        loop {
            if CAUGHT.load(Ordering::SeqCst) != 0 {
                return Err(PassphraseError::Cancelled);
            }
            let waiting_for_escape = self.editor.awaits_escape();
            let timeout = if waiting_for_escape {
                ESCAPE_WAIT_MS
            } else {
                SIGNAL_CHECK_MS
            };
            let mut pollfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for a descriptor open for as long as `self`.
            let ready = unsafe { libc::poll(&mut pollfd, 1, timeout) };
            if ready < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(terminal_error("reading failed", &err));
            }
            if ready == 0 {
                if waiting_for_escape {
                    self.editor.pause();
                }
                continue;
            }
            if pollfd.revents & libc::POLLIN == 0 {
                return Err(closed());
            }
            let mut byte = 0u8;
            // SAFETY: reading at most one byte into a one-byte buffer.
            let read = unsafe { libc::read(fd, (&raw mut byte).cast(), 1) };
            match read {
                1 => return Ok(self.editor.feed(byte)),
                0 => return Err(closed()),
                _ => {
                    let err = io::Error::last_os_error();
                    match err.raw_os_error() {
                        Some(libc::EINTR | libc::EAGAIN) => continue,
                        Some(libc::EIO) => return Err(closed()),
                        _ => return Err(terminal_error("reading failed", &err)),
                    }
                }
            }
        }
    }
}

impl Terminal {
    /// Writes `bytes` as they are.
    fn write(&mut self, bytes: &[u8]) -> Result<(), PassphraseError> {
        self.file
            .write_all(bytes)
            .and_then(|()| self.file.flush())
            .map_err(|err| terminal_error("writing failed", &err))
    }
}

impl Conversation for Terminal {
    fn show(&mut self, prompt: &str) -> Result<(), PassphraseError> {
        self.write(crate::output::printable(prompt).as_bytes())
    }

    fn tell(&mut self, line: &str) -> Result<(), PassphraseError> {
        self.show(line)?;
        self.write(b"\r\n")
    }

    fn read_line(&mut self) -> Result<Line, PassphraseError> {
        // Nothing is shown per key (not even a star: that would tell the length); the line
        // break Enter would have echoed is written by hand.
        loop {
            match self.next_step()? {
                Step::Continue => {}
                Step::Done => {
                    self.write(b"\r\n")?;
                    return Ok(self.editor.take_line());
                }
                Step::Cancelled => {
                    self.write(b"\r\n")?;
                    return Err(PassphraseError::Cancelled);
                }
            }
        }
    }
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terminal")
            .field("fd", &self.echo_off.fd)
            .finish_non_exhaustive()
    }
}

/// The terminal's settings as they were, put back when dropped.
struct EchoOff {
    fd: RawFd,
    saved: libc::termios,
}

impl EchoOff {
    /// Turns off echo, line editing and the signal keys on `fd`, keeping output processing
    /// (so `\n` still starts a new line). Typed-ahead input is discarded: it was echoed.
    fn enter(fd: RawFd) -> io::Result<EchoOff> {
        // SAFETY: termios is plain data, filled in by tcgetattr before it is read.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid descriptor and a termios to fill in.
        if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut quiet = saved;
        quiet.c_lflag &= !(libc::ECHO | libc::ECHONL | libc::ICANON | libc::ISIG | libc::IEXTEN);
        // CR arrives as CR (so a CRLF is told from two Enters); Ctrl-S and Ctrl-Q are keys,
        // not flow control that could freeze the terminal.
        quiet.c_iflag &= !(libc::ICRNL | libc::INLCR | libc::IGNCR | libc::IXON);
        quiet.c_cc[libc::VMIN] = 1;
        quiet.c_cc[libc::VTIME] = 0;
        // SAFETY: a valid descriptor and termios.
        if unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &quiet) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(EchoOff { fd, saved })
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        // SAFETY: the descriptor is open (its file is dropped after this) and the termios is
        // the one read from it. Nothing to do if it fails: the terminal is gone.
        unsafe { libc::tcsetattr(self.fd, libc::TCSADRAIN, &self.saved) };
    }
}

/// The signals' old actions, put back when dropped; a signal caught meanwhile is then raised.
struct CaughtSignals {
    old: Vec<(libc::c_int, libc::sigaction)>,
}

impl CaughtSignals {
    /// Catches the [`STOPPING`] signals, except any that is ignored: it stays ignored.
    fn install() -> io::Result<CaughtSignals> {
        CAUGHT.store(0, Ordering::SeqCst);
        let mut caught = CaughtSignals { old: Vec::new() };
        for signal in STOPPING {
            // SAFETY: sigaction is plain data; the handler only stores to an atomic, and no
            // SA_RESTART, so that a blocked read or poll returns at once.
            let old = unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = catch as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &action, &mut old) != 0 {
                    return Err(io::Error::last_os_error());
                }
                old
            };
            if old.sa_sigaction == libc::SIG_IGN {
                // SAFETY: putting back the action just read.
                unsafe { libc::sigaction(signal, &old, std::ptr::null_mut()) };
            } else {
                caught.old.push((signal, old));
            }
        }
        Ok(caught)
    }
}

impl Drop for CaughtSignals {
    fn drop(&mut self) {
        for (signal, old) in &self.old {
            // SAFETY: putting back an action read by sigaction.
            unsafe { libc::sigaction(*signal, old, std::ptr::null_mut()) };
        }
        let signal = CAUGHT.swap(0, Ordering::SeqCst);
        if signal != 0 {
            // SAFETY: raising a signal; its old action decides what happens.
            unsafe { libc::raise(signal) };
        }
    }
}

/// The terminal went away (closed window, hung-up connection).
fn closed() -> PassphraseError {
    PassphraseError::Terminal("the terminal was closed".into())
}

/// A failure of the terminal: what was being done, and the system's reason.
fn terminal_error(what: &str, err: &io::Error) -> PassphraseError {
    PassphraseError::Terminal(format!("{what} ({err})"))
}
