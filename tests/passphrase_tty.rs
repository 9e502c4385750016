//! `passphrase::obtain` on a real pseudo-terminal: the prompt shows, what is typed never does,
//! and the terminal's settings are put back however the asking ends.
//!
//! `ask` opens `/dev/tty`, so it must run in a process whose controlling terminal is the
//! pseudo-terminal: this test binary runs itself again there (portable-pty makes the pty the
//! controlling terminal of what it starts), with only the ignored test [`probe`], which asks
//! and writes what it got to a file.

use std::ffi::OsStr;
use std::io::{BufRead as _, BufReader, Write as _};
use std::num::NonZeroU16;
use std::os::fd::RawFd;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use age::secrecy::ExposeSecret as _;
use ownup::passphrase::{self, FILE_VAR};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Where the probe writes what it got: `ok:PASSPHRASE` or `err:MESSAGE`.
const PROBE_OUT: &str = "OWNUP_TEST_PASSPHRASE_PROBE_OUT";
/// The confirmation prompt, if the probe is to ask twice.
const PROBE_CONFIRM: &str = "OWNUP_TEST_PASSPHRASE_PROBE_CONFIRM";
/// Set for the probe to read a line afterwards with the terminal's own settings.
const PROBE_ECHO_CHECK: &str = "OWNUP_TEST_PASSPHRASE_PROBE_ECHO_CHECK";
/// The terminal's size.
const ROWS: NonZeroU16 = NonZeroU16::new(24).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(80).unwrap();
/// How long to wait for something to happen before failing.
const PATIENCE: Duration = Duration::from_secs(15);

/// Not a test of its own: what the tests below run, in a pseudo-terminal or without one.
#[test]
#[ignore = "run by the other tests of this file, with a terminal of their own"]
fn probe() {
    let Some(out) = std::env::var_os(PROBE_OUT) else {
        return;
    };
    let confirm = std::env::var(PROBE_CONFIRM).ok();
    let report = match passphrase::obtain("Passphrase: ", confirm.as_deref()) {
        Ok(secret) => format!("ok:{}", secret.expose_secret()),
        Err(err) => format!("err:{err}"),
    };
    let out = PathBuf::from(out);
    // Whole or not at all: the test reads it as soon as it is there.
    let partial = out.with_extension("partial");
    std::fs::write(&partial, report).unwrap();
    std::fs::rename(&partial, &out).unwrap();
    if std::env::var_os(PROBE_ECHO_CHECK).is_some() {
        // A line read with the terminal's own settings: it shows as typed only if echo is on.
        let mut tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .unwrap();
        tty.write_all(b"echo check: ").unwrap();
        let mut line = String::new();
        BufReader::new(tty).read_line(&mut line).unwrap();
    }
}

/// The probe in a pseudo-terminal of 80x24, read through a vt100 emulator.
struct Probe {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte written to the terminal: the probe's output and the terminal's echo.
    transcript: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    out: PathBuf,
    reader: Option<(thread::JoinHandle<()>, Arc<AtomicBool>)>,
    _dir: tempfile::TempDir,
}

impl Probe {
    /// Starts the probe with `env`, its stdin and stdout redirected away from the terminal
    /// (as in `ownup list | less`): only `/dev/tty` reaches it.
    #[track_caller]
    fn spawn(env: &[(&str, &str)]) -> Probe {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("probe-out");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new("sh");
        command.args(["-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1"]);
        command.arg(std::env::current_exe().unwrap());
        command.args(probe_args());
        command.env_remove(FILE_VAR);
        command.env(PROBE_OUT, &out);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let transcript = Arc::new(Mutex::new(Vec::new()));
        // The reader keeps a copy of the master of its own, and keeps reading until the probe
        // is dropped: while no process has the terminal's other side open (after the shell's
        // redirections, before the probe opens /dev/tty), a read fails with EIO, which is no
        // reason to stop.
        let master_fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: dup of an open descriptor; the copy is the reader's, closed by it.
        let fd = unsafe { libc::dup(master_fd) };
        assert!(fd >= 0, "dup the master");
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, record, stopped) = (Arc::clone(&parser), Arc::clone(&transcript), Arc::clone(&stop));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while !stopped.load(Ordering::Relaxed) {
                // SAFETY: reading into a buffer of the given length.
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                match usize::try_from(n) {
                    Ok(n @ 1..) => {
                        sink.lock().unwrap().process(&buf[..n]);
                        record.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => thread::sleep(Duration::from_millis(10)),
                }
            }
            // SAFETY: the reader's own copy, closed once.
            unsafe { libc::close(fd) };
        });
        Probe {
            parser,
            transcript,
            master: pair.master,
            child,
            out,
            reader: Some((reader, stop)),
            _dir: dir,
        }
    }

    /// The terminal's master side, which the test reads and types into.
    fn master_fd(&self) -> RawFd {
        self.master.as_raw_fd().unwrap()
    }

    /// Types `keys`. (Straight to the master: portable-pty's writer sends an end-of-file
    /// when dropped, which would be a Ctrl-D.)
    #[track_caller]
    fn send(&self, keys: &str) {
        let fd = self.master_fd();
        // SAFETY: writing a buffer of the given length to an open descriptor.
        let written = unsafe { libc::write(fd, keys.as_ptr().cast(), keys.len()) };
        assert_eq!(written, keys.len() as isize, "typing {keys:?}");
    }

    /// The text on the screen now.
    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything written to the terminal so far.
    fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.transcript.lock().unwrap()).into_owned()
    }

    /// Waits until the screen passes `test`; returns it.
    #[track_caller]
    fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if test(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what}; the screen is:\n{screen}\nthe probe got: {:?}\nall written: {:?}",
                    std::fs::read_to_string(&self.out),
                    self.transcript()
                );
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until `needle` is on the screen `times` times.
    #[track_caller]
    fn wait_for(&self, needle: &str, times: usize) -> String {
        self.wait_until(&format!("{needle:?} x{times}"), |screen| {
            screen.matches(needle).count() >= times
        })
    }

    /// What the probe got, once it has it.
    #[track_caller]
    fn result(&self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(report) = std::fs::read_to_string(&self.out) {
                return report;
            }
            if start.elapsed() > PATIENCE {
                panic!("the probe got nothing; the screen is:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The terminal's local modes now (as the kernel keeps them: a pty's master reads the
    /// settings of its terminal side).
    #[track_caller]
    fn local_modes(&self) -> libc::tcflag_t {
        // SAFETY: termios is plain data, filled in by tcgetattr.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: an open descriptor and a termios to fill in.
        let got = unsafe { libc::tcgetattr(self.master_fd(), &mut termios) };
        assert_eq!(got, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        termios.c_lflag
    }

    /// Whether echo, line editing and the signal keys are all on, as a shell leaves them.
    #[track_caller]
    fn settings_as_usual(&self) -> bool {
        let wanted = libc::ECHO | libc::ICANON | libc::ISIG;
        self.local_modes() & wanted == wanted
    }

    /// Whether echo, line editing and the signal keys are all off, as while asking.
    #[track_caller]
    fn settings_for_asking(&self) -> bool {
        self.local_modes() & (libc::ECHO | libc::ICANON | libc::ISIG) == 0
    }

    /// Checks that the terminal echoes again, through the probe's echo check.
    #[track_caller]
    fn assert_echo_back_on(&self) {
        self.wait_for("echo check: ", 1);
        assert!(self.settings_as_usual(), "modes {:o}", self.local_modes());
        self.send("visible\r");
        self.wait_for("echo check: visible", 1);
    }

    /// Waits for the probe to end.
    #[track_caller]
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > PATIENCE {
                panic!("the probe did not end; the screen is:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some((reader, stop)) = self.reader.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = reader.join();
        }
    }
}

/// The arguments that run only the probe in this test binary.
fn probe_args() -> [&'static str; 5] {
    ["probe", "--exact", "--ignored", "--test-threads=1", "--quiet"]
}

/// The probe run without a controlling terminal (as a service or cron job is), with `env`;
/// what it got.
#[track_caller]
fn run_without_terminal(env: &[(&str, &OsStr)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("probe-out");
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(probe_args())
        .env_remove(FILE_VAR)
        .env(PROBE_OUT, &out)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    // SAFETY: setsid is async-signal-safe; it leaves the process with no controlling terminal.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let status = command.status().unwrap();
    assert!(status.success(), "the probe failed: {status}");
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_prompt_shows_what_is_typed_does_not_and_echo_comes_back() {
    // An empty OWNUP_PASSPHRASE_FILE is as if unset: the terminal is asked.
    let mut probe = Probe::spawn(&[(FILE_VAR, ""), (PROBE_ECHO_CHECK, "1")]);
    probe.wait_for("Passphrase: ", 1);
    assert!(probe.settings_for_asking(), "modes {:o}", probe.local_modes());
    probe.send("s3cret-");
    probe.send("é");
    // A typo taken back, an arrow key, a function key: none of them counts.
    probe.send("x\x7f");
    probe.send("\x1b[D\x1bOP");
    probe.send("\r");
    assert_eq!(probe.result(), "ok:s3cret-é");
    probe.assert_echo_back_on();
    assert!(probe.wait_exit().success());
    // Nothing typed was ever shown, not even as stars, and Enter moved to the next line.
    let transcript = probe.transcript();
    assert!(!transcript.contains("s3cret"), "{transcript:?}");
    assert!(!transcript.contains('*'), "{transcript:?}");
    let screen = probe.screen();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert_eq!(lines[..2], ["Passphrase:", "echo check: visible"], "{screen}");
}

#[test]
fn two_passphrases_that_differ_are_said_and_asked_again() {
    let probe = Probe::spawn(&[(PROBE_CONFIRM, "Again: ")]);
    probe.wait_for("Passphrase: ", 1);
    probe.send("one\r");
    probe.wait_for("Again: ", 1);
    probe.send("two\r");
    probe.wait_for("Passphrase: ", 2);
    probe.send("three\r");
    probe.wait_for("Again: ", 2);
    probe.send("three\r");
    assert_eq!(probe.result(), "ok:three");
    let screen = probe.screen();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert_eq!(
        lines[..5],
        [
            "Passphrase:",
            "Again:",
            "The passphrases do not match — try again",
            "Passphrase:",
            "Again:"
        ],
        "{screen}"
    );
}

#[test]
fn ctrl_c_cancels_and_echo_comes_back() {
    let mut probe = Probe::spawn(&[(PROBE_ECHO_CHECK, "1")]);
    probe.wait_for("Passphrase: ", 1);
    probe.send("half typed");
    probe.send("\x03");
    assert_eq!(probe.result(), "err:no passphrase given — nothing was changed");
    probe.assert_echo_back_on();
    assert!(probe.wait_exit().success());
    assert!(!probe.transcript().contains("half"));
}

#[test]
fn a_signal_while_asking_puts_the_terminal_back_and_still_ends_the_program() {
    for (signal, name) in [(libc::SIGTERM, "Terminated"), (libc::SIGHUP, "Hangup")] {
        let mut probe = Probe::spawn(&[]);
        probe.wait_for("Passphrase: ", 1);
        probe.send("abc");
        assert!(probe.settings_for_asking(), "modes {:o}", probe.local_modes());
        let pid = probe.child.process_id().unwrap();
        // SAFETY: signalling a child of ours that is still running.
        assert_eq!(unsafe { libc::kill(pid as libc::pid_t, signal) }, 0);
        let status = probe.wait_exit();
        // Ended by the signal itself, as if never caught.
        assert_eq!(status.signal(), Some(name), "{status:?}");
        assert!(
            probe.settings_as_usual(),
            "{name}: modes {:o}",
            probe.local_modes()
        );
        assert!(!probe.out.exists(), "the probe got something");
    }
}

#[test]
fn without_a_terminal_the_message_says_to_use_a_file() {
    assert_eq!(
        run_without_terminal(&[]),
        "err:there is no terminal to ask for the passphrase on — set OWNUP_PASSPHRASE_FILE to a file holding it"
    );
}

#[test]
fn a_passphrase_file_is_read_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("passphrase");
    std::fs::write(&file, "from the file \n").unwrap();
    assert_eq!(
        run_without_terminal(&[(FILE_VAR, file.as_os_str())]),
        "ok:from the file "
    );
    let missing: &Path = &dir.path().join("missing");
    assert_eq!(
        run_without_terminal(&[(FILE_VAR, missing.as_os_str())]),
        format!(
            "err:passphrase file {}: does not exist — write the passphrase into it, or unset \
             OWNUP_PASSPHRASE_FILE to be asked on the terminal",
            missing.display()
        )
    );
}
