//! A sealed environment for running the real `ownup` binary: a temporary `OWNUP_HOME`, a pinned
//! clock, `NO_COLOR`, and a real pseudo-terminal read through a vt100 emulator.
#![allow(dead_code)] // each test binary uses a different part of the harness

use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

mod sessions;
#[allow(unused_imports)] // each test binary uses a different part of the harness
pub use sessions::{AnswerTo, SessionBuilder, time};

/// The time every test runs at, unless it says otherwise.
pub const NOW: &str = "2026-11-22T23:45:01+01:00";
/// How long to wait for something to appear before failing.
pub const PATIENCE: Duration = Duration::from_secs(15);
/// A screen unchanged over this many polls (10 ms apart) has its frame complete.
const SETTLED_POLLS: u32 = 3;

pub const TAB: &str = "\t";
pub const SHIFT_TAB: &str = "\x1b[Z";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
pub const CTRL_S: &str = "\x13";
pub const F1: &str = "\x1bOP";
pub const BACKSPACE: &str = "\x7f";

/// A file in `tests/fixtures`, e.g. `config/unknown-field.ron`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The demo script (`bars-demo`: two steps, the first prompt required), the one small custom
/// script the tests share. src/script.rs's unit tests include it too and point at its lines
/// and columns, so it has no comment and changes only with them.
pub fn demo_script() -> PathBuf {
    fixture("scripts/demo.ron")
}

/// A temporary `OWNUP_HOME`, removed when dropped.
pub struct Sandbox {
    dir: tempfile::TempDir,
    pub now: String,
    /// More environment variables for ownup.
    pub extra_env: Vec<(String, String)>,
    /// The command line before ownup's own arguments: a wrapper (if any), then the binary.
    program: Vec<String>,
    /// Whether `NO_COLOR` is set (it is, unless a test asks for a colour terminal).
    no_color: bool,
    /// Whether `OWNUP_HOME` is set (it is, unless a test asks for the platform's folders).
    one_home: bool,
    /// The background colour the terminal reports when asked (`OSC 11`), if it does.
    background: Option<(u8, u8, u8)>,
}

impl Sandbox {
    /// A fresh, private `OWNUP_HOME` (with a `HOME` inside it), at [`NOW`], without colour.
    #[track_caller]
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        // Private, as ownup makes the data folder it creates; doctor reports anything more open.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("a private OWNUP_HOME");
        std::fs::create_dir(dir.path().join("home")).expect("a HOME for the test");
        Sandbox {
            dir,
            now: NOW.to_string(),
            extra_env: vec![],
            program: vec![env!("CARGO_BIN_EXE_ownup").to_string()],
            no_color: true,
            one_home: true,
            background: None,
        }
    }

    /// A terminal that reports this background colour when asked (`OSC 11`), and black or
    /// white text on it (`OSC 10`). Without it, the terminal answers only what every terminal
    /// answers (`DA1`), as one that cannot report its colours.
    pub fn with_background(mut self, rgb: (u8, u8, u8)) -> Sandbox {
        self.background = Some(rgb);
        self
    }

    /// Leaves `OWNUP_HOME` unset, so that ownup keeps its files where the platform says, in
    /// the sandbox's `HOME` ([`Sandbox::user_home`]), with no `XDG_*` variable set.
    pub fn with_platform_folders(mut self) -> Sandbox {
        self.one_home = false;
        self
    }

    /// The `HOME` ownup runs with.
    pub fn user_home(&self) -> PathBuf {
        self.home().join("home")
    }

    /// Gives ownup `passphrase` in a file (`OWNUP_PASSPHRASE_FILE`), with a quick scrypt for
    /// new seals (`OWNUP_PASSPHRASE_WORK`: a second's work is for people, not tests).
    pub fn with_passphrase(mut self, passphrase: &str) -> Sandbox {
        let file = self
            .user_home()
            .join(format!("passphrase-{}.txt", self.extra_env.len()));
        std::fs::write(&file, format!("{passphrase}\n")).expect("write the passphrase file");
        self.extra_env
            .push(("OWNUP_PASSPHRASE_FILE".into(), file.display().to_string()));
        self.extra_env.push(("OWNUP_PASSPHRASE_WORK".into(), "4".into()));
        self
    }

    /// Leaves `NO_COLOR` unset, as in a colour terminal (where clap, for one, passes escape
    /// sequences through instead of stripping them).
    pub fn with_colour(mut self) -> Sandbox {
        self.no_color = false;
        self
    }

    /// Autosaves only after a minute without typing (the longest delay config.ron allows), so
    /// that what is on disk before then was saved by something else — a signal, a closed
    /// terminal — and "not saved yet" can be checked without racing the usual 800 ms.
    #[track_caller]
    pub fn with_slow_autosave(self) -> Sandbox {
        std::fs::write(
            self.home().join("config.ron"),
            "Config(autosave_delay_ms: 60000)\n",
        )
        .expect("write config.ron");
        self
    }

    /// Runs ownup through `sh` with a umask of 000, so only the modes ownup asks for count.
    pub fn with_open_umask(self) -> Sandbox {
        self.through_shell("umask 000")
    }

    /// Runs ownup through `sh`, after `setup` (a umask, a ulimit…).
    pub fn through_shell(mut self, setup: &str) -> Sandbox {
        let mut program = vec!["sh".into(), "-c".into(), format!("{setup}; exec \"$0\" \"$@\"")];
        program.append(&mut self.program);
        self.program = program;
        self
    }

    /// Runs ownup as an unprivileged user, so that file permissions apply to it. As root
    /// (as on CI machines), a copy of the binary runs as `nobody` through `setpriv`, and the
    /// sandbox is handed to that user.
    #[track_caller]
    pub fn unprivileged(mut self) -> Sandbox {
        let uid = Command::new("id").arg("-u").output().expect("run id");
        if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
            return self;
        }
        let bin = self.home().join("ownup");
        std::fs::copy(env!("CARGO_BIN_EXE_ownup"), &bin).expect("copy the binary");
        let status = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(self.home())
            .status()
            .expect("run chown");
        assert!(status.success(), "chown failed");
        self.program = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
        .into_iter()
        .map(String::from)
        .chain([bin.display().to_string()])
        .collect();
        self
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.home().join("sessions")
    }

    /// Session files (`*.ron`, not hidden), sorted.
    #[track_caller]
    pub fn session_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.sessions_dir()) else {
            return vec![];
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.ends_with(".ron") && !name.starts_with('.')
            })
            .collect();
        files.sort();
        files
    }

    /// The environment ownup runs with.
    pub fn env_vars(&self) -> Vec<(String, String)> {
        self.env()
    }

    fn env(&self) -> Vec<(String, String)> {
        let base = vec![
            ("OWNUP_HOME", self.home().display().to_string()),
            ("OWNUP_NOW", self.now.clone()),
            ("NO_COLOR", "1".into()),
            ("HOME", self.home().join("home").display().to_string()),
            ("TERM", "xterm-256color".into()),
            ("LANG", "C.UTF-8".into()),
            // `show` in a terminal pages; a test reads the page as it comes (tests/shell.rs
            // puts a pager of its own here).
            ("PAGER", "cat".into()),
            ("PATH", std::env::var("PATH").unwrap_or_default()),
        ];
        base.into_iter()
            .filter(|(k, _)| self.no_color || *k != "NO_COLOR")
            .filter(|(k, _)| self.one_home || *k != "OWNUP_HOME")
            .map(|(k, v)| (k.to_string(), v))
            .chain(self.extra_env.iter().cloned())
            .collect()
    }

    /// Runs `ownup ARGS` without a terminal and returns its output. A run that takes longer
    /// than the patience is killed and fails the test, so that a hang cannot block CI.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_timed(args).0
    }

    /// Like [`Sandbox::run`], with how long ownup took.
    #[track_caller]
    pub fn run_timed(&self, args: &[&str]) -> (Output, Duration) {
        self.run_fed(args, None)
    }

    /// Like [`Sandbox::run`], with `input` on standard input.
    #[track_caller]
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        self.run_fed(args, Some(input.as_bytes().to_vec())).0
    }

    /// Like [`Sandbox::run`], with `input` on standard input as it is (it need not be UTF-8).
    #[track_caller]
    pub fn run_with_bytes(&self, args: &[&str], input: &[u8]) -> Output {
        self.run_fed(args, Some(input.to_vec())).0
    }

    #[track_caller]
    fn run_fed(&self, args: &[&str], input: Option<Vec<u8>>) -> (Output, Duration) {
        let mut command = Command::new(&self.program[0]);
        command
            .args(&self.program[1..])
            .args(args)
            .env_clear()
            .envs(self.env())
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let start = Instant::now();
        let mut child = command.spawn().expect("run ownup");
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            thread::spawn(move || {
                use std::io::Write as _;
                let _ = stdin.write_all(&input);
            });
        }
        let drain = |mut pipe: Box<dyn Read + Send>| {
            thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
        let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
        let status = loop {
            if let Some(status) = child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > PATIENCE {
                let _ = child.kill();
                let _ = child.wait();
                panic!("ownup {args:?} did not finish within {PATIENCE:?} (killed)");
            }
            thread::sleep(Duration::from_millis(2));
        };
        let took = start.elapsed();
        let output = Output {
            status,
            stdout: stdout.join().expect("stdout reader"),
            stderr: stderr.join().expect("stderr reader"),
        };
        (output, took)
    }

    /// Starts `ownup ARGS` in an 80x24 pseudo-terminal.
    #[track_caller]
    pub fn spawn(&self, args: &[&str]) -> Tui {
        self.spawn_sized(args, 80, 24)
    }

    /// Starts `ownup ARGS` in a pseudo-terminal of `cols` x `rows`.
    #[track_caller]
    pub fn spawn_sized(&self, args: &[&str], cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(&self.program[0]);
        command.args(&self.program[1..]);
        command.args(args);
        command.env_clear();
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command.cwd(self.home());
        let child = pair.slave.spawn_command(command).expect("spawn ownup");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        // The reader polls its own copy of the master with a timeout, so that the test can
        // close every copy of the master — which is what closing a terminal window does.
        let master_fd = pair.master.as_raw_fd().expect("a unix pty");
        // SAFETY: dup of a valid, open descriptor; the copy is owned by the reader thread.
        let fd = unsafe { libc::dup(master_fd) };
        assert!(fd >= 0, "dup the pty master");
        let sink = Arc::clone(&parser);
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&transcript);
        let stop = Arc::new(AtomicBool::new(false));
        let stop_reader = Arc::clone(&stop);
        let background = self.background;
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop_reader.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                // SAFETY: reading into a buffer of the given length.
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                let answer = answers(&buf[..n as usize], background);
                if !answer.is_empty() {
                    // SAFETY: writing a buffer of the given length.
                    unsafe { libc::write(fd, answer.as_ptr().cast(), answer.len()) };
                }
                sink.lock().unwrap().process(&buf[..n as usize]);
                record.lock().unwrap().extend_from_slice(&buf[..n as usize]);
            }
            // SAFETY: the descriptor is ours and closed once.
            unsafe { libc::close(fd) };
        });
        // Keys go through a copy of the master of our own, not portable-pty's writer: that one
        // sends a newline and an end-of-file character when dropped, which no terminal window
        // does when it closes (and which reach ownup as the keys Ctrl-J and Ctrl-D).
        // SAFETY: dup of a valid, open descriptor; the copy is owned by the File.
        let write_fd = unsafe { libc::dup(master_fd) };
        assert!(write_fd >= 0, "dup the pty master for writing");
        // SAFETY: the descriptor was just made and nothing else owns it.
        let writer: Box<dyn Write + Send> = Box::new(unsafe { std::fs::File::from_raw_fd(write_fd) });
        Tui {
            parser,
            transcript,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            reader: Some((reader, stop)),
        }
    }
}

/// A running `ownup` in a pseudo-terminal.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte ownup wrote to the terminal, for what the screen does not show (titles,
    /// clipboard writes).
    transcript: Arc<Mutex<Vec<u8>>>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<(thread::JoinHandle<()>, Arc<AtomicBool>)>,
}

impl Tui {
    /// In a new own-it session, moves on from the opening check-in ("How are you feeling
    /// about it right now?", left unanswered) to the first question.
    #[track_caller]
    pub fn past_the_check_in(&mut self) {
        self.wait_for("How are you feeling about it right now?");
        self.send("\t");
        self.wait_for("What happened, in plain words?");
    }

    /// Finishes the session with Ctrl-S, passing the closing check-in it brings first.
    #[track_caller]
    pub fn finish(&mut self) {
        self.send("\x13");
        self.wait_for("One last question before you finish");
        self.send("\x13");
    }

    /// In a new own-it session, goes to the Apologize step and opens the apology builder on
    /// "To whom?".
    #[track_caller]
    pub fn open_apology_builder(&mut self) {
        self.past_the_check_in();
        self.send(&"\t".repeat(6));
        self.wait_for("Step 3 of 6");
        self.send("\x1bOR"); // F3
        self.wait_for("Apology");
    }

    /// Sends raw bytes, as if typed.
    #[track_caller]
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Closes the terminal, as when its window is closed or an SSH link drops: every copy of
    /// the master side is closed, so the program's terminal hangs up.
    #[track_caller]
    pub fn close_terminal(&mut self) {
        if let Some((reader, stop)) = self.reader.take() {
            stop.store(true, Ordering::Relaxed);
            reader.join().expect("reader thread");
        }
        self.writer = None;
        self.master = None;
    }

    /// Types text a few characters at a time, like a (fast) person.
    #[track_caller]
    pub fn type_text(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(16) {
            self.send(&chunk.iter().collect::<String>());
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Every byte ownup has written to the terminal so far.
    #[track_caller]
    pub fn transcript(&self) -> Vec<u8> {
        self.transcript.lock().unwrap().clone()
    }

    /// The screen as text, one line per row, trailing spaces trimmed.
    #[track_caller]
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The text colour of the first cell of `needle`, where it first shows on the screen.
    #[track_caller]
    pub fn colour_of(&self, needle: &str) -> Option<vt100::Color> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, _) = screen.size();
        (0..rows.get()).find_map(|row| {
            let line = screen.contents_between(row, 0, row + 1, 0);
            let col = line.find(needle)?;
            let col = line[..col].chars().count() as u16;
            screen.cell(row, col).map(|cell| cell.fgcolor())
        })
    }

    /// The cells drawn in reverse video, as (row, column): with `NO_COLOR`, where a text
    /// field's cursor is (and a selected row).
    #[track_caller]
    pub fn reversed_cells(&self) -> Vec<(u16, u16)> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut cells = Vec::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                if screen.cell(row, col).is_some_and(|cell| cell.inverse()) {
                    cells.push((row, col));
                }
            }
        }
        cells
    }

    /// Waits until the screen contains `needle`; panics with the screen if it never does.
    #[track_caller]
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?} on screen"), |screen| screen.contains(needle))
    }

    /// Waits until `test` holds for the screen, and the screen has settled: a frame can reach
    /// the terminal in more than one read, so what else a test checks on the returned screen
    /// must not be looked for in half a frame.
    #[track_caller]
    pub fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        let mut same = 0;
        loop {
            let screen = self.screen();
            if test(&screen) {
                same = if screen == last { same + 1 } else { 0 };
                if same >= SETTLED_POLLS {
                    return screen;
                }
            } else {
                same = 0;
            }
            if start.elapsed() > PATIENCE {
                if test(&screen) {
                    return screen;
                }
                panic!("timed out waiting for {what}; the screen is:\n{screen}");
            }
            last = screen;
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    #[track_caller]
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The screen model takes the new size first, and keeps its lock until the terminal has
        // it too: the app redraws the moment the terminal changes size, and a redraw read at
        // the old size (the reader thread getting in between) left a mangled screen that no
        // later frame mended — a test that failed now and then on a loaded machine.
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// The process id of ownup.
    #[track_caller]
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Sends a signal to ownup.
    #[track_caller]
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Waits for ownup to exit; panics if it is still running after the patience runs out
    /// (a process spinning after its terminal went away fails here).
    #[track_caller]
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // What it wrote last may still be in the pty: the reader stops at the end of
                // it (the terminal's other side closed), so that the transcript is whole.
                // Under load, a test that read the transcript at once found it empty.
                while self
                    .reader
                    .as_ref()
                    .is_some_and(|(reader, _)| !reader.is_finished())
                    && start.elapsed() < PATIENCE
                {
                    thread::sleep(Duration::from_millis(5));
                }
                return status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("ownup did not exit; the screen is:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the terminal is put back: main screen, cursor shown, no bracketed paste.
    /// (The last bytes may still be on their way through the pty when the process exits.)
    #[track_caller]
    pub fn assert_terminal_restored(&self) {
        eventually("the terminal to be restored", || {
            let parser = self.parser.lock().unwrap();
            let screen = parser.screen();
            !screen.alternate_screen() && !screen.hide_cursor() && !screen.bracketed_paste()
        });
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Waits until `test` holds, polling; panics with `what` on timeout.
#[track_caller]
pub fn eventually(what: &str, mut test: impl FnMut() -> bool) {
    let start = Instant::now();
    while !test() {
        if start.elapsed() > PATIENCE {
            panic!("timed out waiting for {what}");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

#[track_caller]
fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

/// What a terminal answers to the queries in `output`, in order: its text and background
/// colours (`OSC 10`, `OSC 11`) when it has a `background` to report, and its attributes
/// (`DA1`) always, as every terminal does.
fn answers(output: &[u8], background: Option<(u8, u8, u8)>) -> Vec<u8> {
    const QUERIES: [&[u8]; 3] = [b"\x1b]10;?", b"\x1b]11;?", b"\x1b[c"];
    let rgb = |(r, g, b): (u8, u8, u8)| format!("rgb:{r:02x}{r:02x}/{g:02x}{g:02x}/{b:02x}{b:02x}");
    let mut answer = Vec::new();
    for at in 0..output.len() {
        let Some(query) = QUERIES.iter().position(|q| output[at..].starts_with(q)) else {
            continue;
        };
        match (query, background) {
            (0, Some(bg)) => {
                let light = u32::from(bg.0) + u32::from(bg.1) + u32::from(bg.2) > 3 * 128;
                let text = if light { (0, 0, 0) } else { (255, 255, 255) };
                answer.extend(format!("\x1b]10;{}\x1b\\", rgb(text)).bytes());
            }
            (1, Some(bg)) => answer.extend(format!("\x1b]11;{}\x1b\\", rgb(bg)).bytes()),
            (2, _) => answer.extend(b"\x1b[?62;22c"),
            _ => {}
        }
    }
    answer
}
