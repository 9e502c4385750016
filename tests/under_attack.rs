//! The promise under attack: each way a hostile world has of losing a person's words, tried on
//! the real binary in a pseudo-terminal (see also crash_safety.rs).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use ownup::session::{Session, Status};
use ownup::store::{SessionStore, load_file};

const F3: &str = "\x1bOR";
const CTRL_Z: &str = "\x1a";
const CTRL_U: &str = "\x15";
/// What a raw-mode terminal sends for Ctrl-J (and what a closing pty may send): a bare LF.
const CTRL_J: &str = "\n";

/// The one session file's session, once `test` holds for it.
#[track_caller]
fn wait_for_session(sandbox: &Sandbox, what: &str, test: impl Fn(&Session) -> bool) -> Session {
    let mut found = None;
    eventually(what, || {
        found = sandbox
            .session_files()
            .first()
            .and_then(|f| load_file(f).ok())
            .filter(|s| test(s));
        found.is_some()
    });
    found.expect("found")
}

#[track_caller]
fn first_answer(sandbox: &Sandbox) -> String {
    load_file(&sandbox.session_files()[0])
        .expect("a readable session")
        .answer_to("acknowledge", "what")
        .to_string()
}

/// The process state letter from /proc (R, S, T for stopped…).
fn state(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name in parentheses.
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim().chars().next())
        .unwrap_or('?')
}

#[test]
fn a_letter_whose_lower_case_is_longer_in_a_when_then_line_neither_crashes_nor_loses_text() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    // İ lower-cases to two characters (three bytes): slicing the original at positions found
    // in the lower-cased copy used to panic here, with exit 101 and nothing saved.
    let line = "When İlker asks, I will answer at once";
    tui.type_text(line);
    tui.wait_for("I will answer at once");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(first_answer(&sandbox), line);

    // The draft read back, and typed into: the first keystroke used to crash again.
    let mut tui = sandbox.spawn(&["resume"]);
    tui.wait_for("I will answer at once");
    tui.type_text(". İ");
    tui.wait_for("at once. İ");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(first_answer(&sandbox), format!("{line}. İ"));
}

#[test]
fn twenty_seconds_of_steady_typing_then_sigkill_loses_at_most_about_two_seconds() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    // A key every 50 ms never leaves the 800 ms pause the debounce waits for.
    let start = Instant::now();
    let mut typed = String::new();
    let mut times = Vec::new();
    let mut n = 0u32;
    while start.elapsed() < Duration::from_secs(20) {
        let c = char::from(b'a' + (n % 26) as u8);
        tui.send(&c.to_string());
        typed.push(c);
        times.push(start.elapsed());
        n += 1;
        std::thread::sleep(Duration::from_millis(50));
    }
    tui.signal("KILL");
    tui.wait_exit();
    let saved = first_answer(&sandbox);
    assert!(typed.starts_with(&saved), "what is saved is what was typed");
    let end = start.elapsed();
    let last_saved_at = times[saved.len().saturating_sub(1)];
    let lost = end - last_saved_at;
    assert!(
        lost <= Duration::from_millis(2600),
        "{} of {} characters saved; the last saved was typed {lost:?} before the kill",
        saved.len(),
        typed.len()
    );
}

#[test]
fn the_apology_builders_text_survives_sighup_and_comes_back_on_resume() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.open_apology_builder();
    tui.type_text("Sam");
    tui.send(TAB);
    tui.type_text("I sent the report with last month's numbers");
    tui.wait_for("last month's numbers");
    tui.signal("HUP");
    assert!(!tui.wait_exit().success());
    let session = wait_for_session(&sandbox, "the builder's text on disk", |s| {
        s.apology_draft.is_some()
    });
    let draft = session.apology_draft.expect("a draft");
    assert_eq!(draft.to, "Sam");
    assert_eq!(draft.did, "I sent the report with last month's numbers");

    let mut tui = sandbox.spawn(&["resume"]);
    tui.wait_for("The apology you were writing is kept: F3 to go on with it.");
    tui.send(F3);
    tui.wait_for("last month's numbers");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

/// A finished session whose commitment was due on 23 November, saved straight into the store.
#[track_caller]
fn a_session_with_a_commitment_due(sandbox: &Sandbox) {
    let store = SessionStore::open(sandbox.home()).unwrap();
    let session = SessionBuilder::new("20261122-234501")
        .answer("acknowledge", "what", "I deployed without the check.")
        .answer("correct", "actions", "Add a CI check — me — by tomorrow")
        .sync_commitments()
        .complete()
        .build();
    store.save(&session).unwrap();
}

#[test]
fn a_check_in_note_survives_sigterm_and_the_check_in_opens_where_it_was_left() {
    let mut sandbox = Sandbox::new();
    a_session_with_a_commitment_due(&sandbox);
    sandbox.now = "2026-11-24T09:00:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("press c to check in");
    tui.send("c");
    tui.wait_for("Add a CI check");
    tui.send("d");
    tui.wait_for("Done. What happened?");
    tui.type_text("merged it on Monday");
    tui.wait_for("merged it on Monday");
    tui.signal("TERM");
    assert!(!tui.wait_exit().success());
    let drafts = sandbox.home().join("drafts/check-ins.ron");
    eventually("the note kept on disk", || {
        fs::read_to_string(&drafts).is_ok_and(|t| t.contains("merged it on Monday"))
    });

    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("A check-in note you were writing is kept: press c to go on with it.");
    tui.send("c");
    let screen = tui.wait_for("merged it on Monday");
    assert!(screen.contains("Done. What happened?"), "{screen}");
    tui.send(ENTER);
    tui.wait_for("Checked in on 1 commitment.");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let session = load_file(&sandbox.session_files()[0]).unwrap();
    assert_eq!(session.commitments[0].history[0].note, "merged it on Monday");
    assert!(!drafts.exists(), "recorded: the draft is gone");
}

#[test]
fn sigtstp_saves_hands_the_terminal_back_and_sigcont_redraws_with_the_text_intact() {
    let sandbox = Sandbox::new().with_slow_autosave();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("written before the suspend");
    tui.wait_for("written before the suspend");
    assert!(sandbox.session_files().is_empty(), "not autosaved yet");
    tui.signal("TSTP");
    eventually("ownup to stop", || state(tui.pid()) == 'T');
    tui.assert_terminal_restored();
    assert_eq!(
        first_answer(&sandbox),
        "written before the suspend",
        "saved before stopping"
    );

    tui.signal("CONT");
    // The alternate screen starts blank: the text on it now was drawn again.
    tui.wait_until("the app back on its screen", |screen| {
        screen.contains("Step 1 of 6") && screen.contains("written before the suspend")
    });
    tui.type_text(", and after");
    tui.wait_for("suspend, and after");

    // Ctrl-Z inside the app does the same as a SIGTSTP from outside.
    tui.send(CTRL_Z);
    eventually("ownup to stop on Ctrl-Z", || state(tui.pid()) == 'T');
    tui.assert_terminal_restored();
    assert_eq!(first_answer(&sandbox), "written before the suspend, and after");
    tui.signal("CONT");
    tui.wait_for("suspend, and after");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(first_answer(&sandbox), "written before the suspend, and after");
}

#[track_caller]
fn a_signal_saves_first_then_ends_the_process_as_it_would(signal: &str, name: &str) {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    let text = format!("typed just before SIG{signal}");
    tui.type_text(&text);
    tui.wait_for(&text);
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(status.signal(), Some(name), "{status:?}");
    tui.assert_terminal_restored();
    assert_eq!(first_answer(&sandbox), text);
}

#[test]
fn sigquit_saves_first_then_quits_as_sigquit_does() {
    a_signal_saves_first_then_ends_the_process_as_it_would("QUIT", "Quit");
}

#[test]
fn sigusr1_saves_first_then_ends_as_sigusr1_does() {
    a_signal_saves_first_then_ends_the_process_as_it_would("USR1", "User defined signal 1");
}

#[test]
fn sigalrm_saves_first_then_ends_as_sigalrm_does() {
    a_signal_saves_first_then_ends_the_process_as_it_would("ALRM", "Alarm clock");
}

#[test]
fn sigxcpu_saves_first_then_ends_as_sigxcpu_does() {
    a_signal_saves_first_then_ends_the_process_as_it_would("XCPU", "CPU time limit exceeded");
}

#[test]
fn a_real_time_signal_saves_first_then_ends_as_it_does() {
    a_signal_saves_first_then_ends_the_process_as_it_would("RTMIN", "Real-time signal 0");
}

#[test]
fn a_file_size_limit_makes_a_save_fail_not_the_app_die() {
    // sh's ulimit -f counts 512-byte blocks: 32 KB.
    let sandbox = Sandbox::new().through_shell("ulimit -f 64");
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("saved while small");
    wait_for_session(&sandbox, "the first words saved", |s| {
        s.answer_to("acknowledge", "what") == "saved while small"
    });
    tui.send("\x1b[200~");
    tui.send(&" and a long paste".repeat(3000));
    tui.send("\x1b[201~");
    let screen = tui.wait_for("not saved");
    assert!(screen.contains("and a long paste"), "the text stays:\n{screen}");
    assert!(tui.child.try_wait().unwrap().is_none(), "still running");
    assert_eq!(first_answer(&sandbox), "saved while small", "the file is intact");
    let leftovers: Vec<_> = fs::read_dir(sandbox.sessions_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no partial temp file left: {leftovers:?}");
}

#[test]
fn ctrl_j_is_a_new_line_and_ctrl_u_undoes_a_word() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("first line");
    tui.send(CTRL_J);
    tui.type_text("second words");
    tui.wait_for("second words");
    tui.send(CTRL_U);
    tui.wait_until("the last word undone", |s| {
        s.contains("second") && !s.contains("second words")
    });
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(first_answer(&sandbox), "first line\nsecond ");
}

#[test]
fn a_closing_pty_that_sends_a_newline_and_end_of_file_never_deletes_the_answer() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("typed, then the pty closed");
    tui.wait_for("typed, then the pty closed");
    // What portable-pty's writer sends when dropped: a newline, then the VEOF character.
    tui.send("\n\x04");
    tui.close_terminal();
    assert!(!tui.wait_exit().success());
    let saved = wait_for_session(&sandbox, "the answer saved", |_| true);
    let answer = saved.answer_to("acknowledge", "what");
    assert!(
        answer == "typed, then the pty closed" || answer == "typed, then the pty closed\n",
        "the answer is whole, with at most the newline added: {answer:?}"
    );
}

/// A tmpfs mounted over a directory, unmounted when dropped.
struct Mounted(PathBuf);

impl Mounted {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mounted> {
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(dir)
            .status()
            .ok()?;
        status.success().then(|| Mounted(dir.to_path_buf()))
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Fills the file system holding `dir`.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut file = fs::File::create(dir.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_full_disk_and_a_hangup_leave_the_text_in_a_rescue_file_named_on_stderr() {
    if !is_root() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: mounting a small tmpfs to fill needs root (CI runs as root)"
        );
        return;
    }
    let mut sandbox = Sandbox::new();
    let runtime = tempfile::tempdir().unwrap();
    sandbox
        .extra_env
        .push(("XDG_RUNTIME_DIR".into(), runtime.path().display().to_string()));
    let _mounted = Mounted::tmpfs(sandbox.home(), "200k").expect("mount a tmpfs");
    fs::create_dir(sandbox.home().join("home")).unwrap();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("saved while there was room");
    wait_for_session(&sandbox, "the first words saved", |s| {
        s.answer_to("acknowledge", "what") == "saved while there was room"
    });
    fill(sandbox.home());
    tui.type_text(", and typed once the disk was full");
    tui.wait_for("not saved");

    // The rescue dialog proposes a file on another file system than the full one.
    tui.send(CTRL_C);
    tui.wait_for("Not saved");
    tui.send("w");
    let screen = tui.wait_for("Its disk has no room");
    let proposed = runtime.path().join("ownup-20261122-234501.ron");
    assert!(
        screen
            .replace(['\n', ' ', '│'], "")
            .contains(&proposed.display().to_string()),
        "{screen}"
    );
    tui.send(ESC);
    tui.wait_until("the path put away", |s| !s.contains("Its disk has no room"));
    tui.send(ESC);
    tui.wait_until("the dialog closed", |s| !s.contains("Not saved"));

    // Suspended, it may never be continued: the text goes to a rescue file before it stops.
    tui.send(CTRL_Z);
    eventually("ownup to stop", || state(tui.pid()) == 'T');
    let on_suspend = load_file(&runtime.path().join("ownup-rescue-20261122-234501.ron")).unwrap();
    assert_eq!(
        on_suspend.answer_to("acknowledge", "what"),
        "saved while there was room, and typed once the disk was full"
    );
    tui.signal("CONT");
    tui.wait_for("once the disk was full");

    tui.signal("HUP");
    assert!(!tui.wait_exit().success());
    let screen = tui.wait_for("so it was written to");
    let rescue = runtime.path().join("ownup-rescue-20261122-234501-2.ron");
    assert!(
        screen
            .replace(['\n', ' '], "")
            .contains(&rescue.display().to_string()),
        "{screen}"
    );
    let rescued = load_file(&rescue).expect("the rescue file is a session");
    assert_eq!(
        rescued.answer_to("acknowledge", "what"),
        "saved while there was room, and typed once the disk was full"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&rescue).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(
        first_answer(&sandbox),
        "saved while there was room",
        "the file on the full disk is intact"
    );
    assert_eq!(rescued.status, Status::Draft);
}

#[test]
fn what_is_typed_while_the_terminal_is_too_small_still_goes_into_the_answer() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("before ");
    tui.wait_for("before");
    tui.resize(30, 10);
    tui.wait_for("Terminal too small");
    tui.type_text("typed while small ");
    tui.send("\x1b[200~pasted while small\x1b[201~");
    tui.resize(80, 24);
    tui.wait_for("pasted while small");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(
        first_answer(&sandbox),
        "before typed while small pasted while small"
    );
}

#[test]
fn a_second_window_cannot_check_in_while_the_first_is() {
    let mut sandbox = Sandbox::new();
    a_session_with_a_commitment_due(&sandbox);
    sandbox.now = "2026-11-24T09:00:00+01:00".into();
    let mut first = sandbox.spawn(&[]);
    first.wait_for("press c to check in");
    first.send("c");
    first.wait_for("Add a CI check");
    let mut second = sandbox.spawn(&[]);
    second.wait_for("press c to check in");
    second.send("c");
    second.wait_for("Checking in is open in another ownup window — finish there first.");
    first.send(ESC);
    first.wait_for(" Sessions");
    // Once the first has let go, the second may.
    second.send("c");
    second.wait_for("Add a CI check");
    second.send(CTRL_C);
    first.send("q");
    assert!(second.wait_exit().success());
    assert!(first.wait_exit().success());
}

#[test]
fn a_session_file_changed_outside_while_open_is_kept_as_a_revision() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("original text");
    let path = sandbox.sessions_dir().join("20261122-234501.ron");
    wait_for_session(&sandbox, "the first save", |s| {
        s.answer_to("acknowledge", "what") == "original text"
    });
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("original text", "HAND EDITED text");
    fs::write(&path, &theirs).unwrap();
    tui.type_text(" plus");
    tui.wait_for("changed outside ownup while it was open");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(first_answer(&sandbox), "original text plus");
    let kept: Vec<_> = fs::read_dir(sandbox.home().join("revisions/20261122-234501"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), theirs);
}
