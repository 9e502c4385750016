//! Never lose a word: autosave, resume, signals, panics, two instances and failing disks, tried
//! on the real binary in a pseudo-terminal.

mod common;

use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::time::Duration;

use common::*;
use ownup::session::Status;
use ownup::store::load_file;

/// The text of the first answer in the only session file, once it contains `needle`.
#[track_caller]
fn wait_for_saved(sandbox: &Sandbox, needle: &str) -> String {
    let mut text = String::new();
    eventually(&format!("{needle:?} saved to disk"), || {
        text = sandbox
            .session_files()
            .first()
            .and_then(|f| load_file(f).ok())
            .map(|s| s.answer_to("acknowledge", "what").to_string())
            .unwrap_or_default();
        text.contains(needle)
    });
    text
}

/// Starts ownup again and resumes the draft it offers; returns the running app.
#[track_caller]
fn resume_offered_draft(sandbox: &Sandbox, expected: &str) -> Tui {
    let mut tui = sandbox.spawn(&[]);
    let offer = tui.wait_for("Welcome back");
    assert!(offer.contains("You have a draft from just now"), "{offer}");
    tui.send(ENTER);
    tui.wait_for("Step 1 of 6");
    tui.wait_for(expected);
    tui
}

#[test]
fn after_sigkill_the_autosaved_draft_is_offered_and_resumed_exactly() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    let text = "Unicode too: café, 漢字, emoji 🙂 — and a\nsecond line";
    tui.send("\x1b[200~");
    tui.send(text);
    tui.send("\x1b[201~");
    tui.wait_for("second line");
    // No key after this: only the debounced autosave can have written it.
    assert_eq!(wait_for_saved(&sandbox, "second line"), text);
    tui.wait_for("saved");
    tui.signal("KILL");
    tui.wait_exit();
    drop(tui);

    let mut tui = resume_offered_draft(&sandbox, "emoji 🙂 — and a");
    // The cursor is at the end of the answer: what is typed next lands there.
    tui.type_text(" (resumed)");
    tui.wait_for("second line (resumed)");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    let session = load_file(&sandbox.session_files()[0]).unwrap();
    assert_eq!(
        session.answer_to("acknowledge", "what"),
        format!("{text} (resumed)")
    );
    assert_eq!(sandbox.session_files().len(), 1, "the same draft, not a new one");
}

/// Types text, then sends `signal` well before the (slowed) autosave: the text must be saved on
/// the way out, the process must exit rather than spin, and the terminal be restored.
#[track_caller]
fn signal_saves_the_text(signal: &str) {
    let sandbox = Sandbox::new().with_slow_autosave();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    let text = format!("typed just before {signal}");
    tui.type_text(&text);
    tui.wait_for(&text);
    assert!(sandbox.session_files().is_empty(), "not autosaved yet");
    tui.signal(signal);
    let status = tui.wait_exit();
    assert!(!status.success(), "a signal exit is not a success: {status:?}");
    tui.assert_terminal_restored();
    assert_eq!(wait_for_saved(&sandbox, &text), text);
    drop(tui);

    let mut tui = resume_offered_draft(&sandbox, &text);
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn sigterm_saves_first_and_exits() {
    signal_saves_the_text("TERM");
}

#[test]
fn sighup_when_the_terminal_closes_saves_first_and_exits() {
    signal_saves_the_text("HUP");
}

#[test]
fn sigint_saves_first_and_exits() {
    signal_saves_the_text("INT");
}

#[test]
fn closing_the_terminal_window_saves_the_text_and_the_process_exits_instead_of_spinning() {
    let sandbox = Sandbox::new().with_slow_autosave();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("typed, then the window closed");
    tui.wait_for("typed, then the window closed");
    assert!(sandbox.session_files().is_empty(), "not autosaved yet");
    tui.close_terminal();
    // crossterm's reader would loop on end-of-file for ever; the guardian saves and exits.
    let status = tui.wait_exit();
    assert!(!status.success(), "{status:?}");
    assert_eq!(
        wait_for_saved(&sandbox, "window closed"),
        "typed, then the window closed"
    );
}

#[test]
fn a_panic_restores_the_terminal_prints_the_message_and_keeps_the_text() {
    let mut sandbox = Sandbox::new();
    sandbox
        .extra_env
        .push(("OWNUP_DEBUG_PANIC_KEY".into(), "§".into()));
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("words before the crash");
    tui.wait_for("words before the crash");
    tui.send("§");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 101);
    tui.assert_terminal_restored();
    let screen = tui.wait_for("ownup: your text was saved to ");
    assert!(
        screen.contains("deliberate panic for tests"),
        "the panic message is shown:\n{screen}"
    );
    assert_eq!(wait_for_saved(&sandbox, "words"), "words before the crash");
}

#[test]
fn ownup_resume_opens_the_most_recent_draft_at_the_prompt_where_it_was_left() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("first answer");
    tui.send(TAB);
    tui.send(TAB);
    tui.send(TAB);
    tui.wait_for("Step 2 of 6");
    tui.type_text("limit the damage");
    tui.send(ESC);
    tui.wait_for(" Sessions");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut tui = sandbox.spawn(&["resume"]);
    let screen = tui.wait_for("limit the damage");
    assert!(screen.contains("Step 2 of 6"), "{screen}");
    tui.send(SHIFT_TAB);
    tui.wait_for("What was your part in it?");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());

    let out = sandbox.run(&["resume", "2025"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ownup: no session with the id 2025 — `ownup list` shows them all\n"
    );
}

#[test]
fn resume_with_no_draft_says_how_to_start() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["resume"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ownup: there is no draft to resume — start a session with: ownup new\n"
    );
}

#[test]
fn a_second_instance_cannot_open_the_draft_the_first_is_editing() {
    let sandbox = Sandbox::new();
    let mut first = sandbox.spawn(&["new"]);
    first.past_the_check_in();
    first.type_text("the first window's words");
    wait_for_saved(&sandbox, "the first window's words");

    let mut second = sandbox.spawn(&["resume"]);
    let screen = second.wait_for("Already open");
    assert!(screen.contains("open in another ownup window"), "{screen}");
    second.send(ENTER);
    let screen = second.wait_for("Read-only");
    assert!(screen.contains("the first window's words"), "{screen}");

    // From the home screen the second window can start a session of its own, at the same time.
    second.send(ESC);
    second.wait_for(" Sessions");
    second.send("n");
    second.wait_for("Which script?");
    second.send(ENTER);
    second.past_the_check_in();
    second.type_text("the second window's words");
    first.type_text(", still mine");
    second.send(CTRL_C);
    first.send(CTRL_C);
    assert!(second.wait_exit().success());
    assert!(first.wait_exit().success());

    let first_file = load_file(&sandbox.sessions_dir().join("20261122-234501.ron")).unwrap();
    let second_file = load_file(&sandbox.sessions_dir().join("20261122-234501-2.ron")).unwrap();
    assert_eq!(
        first_file.answer_to("acknowledge", "what"),
        "the first window's words, still mine"
    );
    assert_eq!(
        second_file.answer_to("acknowledge", "what"),
        "the second window's words"
    );
}

#[test]
fn editing_a_finished_session_keeps_the_previous_text_as_a_revision() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    // Answer the required prompts: 1.1, 3.2, 3.3 and 5.1 (positions 0, 7, 8 and 14 of 19).
    tui.type_text("original");
    tui.send(&TAB.repeat(7));
    tui.wait_for("What exactly do you take responsibility for?");
    tui.type_text("taken");
    tui.send(TAB);
    tui.wait_for("How will you make it right?");
    tui.type_text("repaired");
    tui.send(&TAB.repeat(6));
    tui.wait_for("Which corrective actions will you take?");
    tui.type_text("actions");
    tui.finish();
    tui.wait_for("Saved to");
    let path = sandbox.session_files()[0].clone();
    let before = fs::read_to_string(&path).unwrap();

    // It opens where it was finished: the closing check-in, the 21st question.
    tui.send("e");
    tui.wait_for("Step 6 of 6");
    tui.send(&SHIFT_TAB.repeat(19));
    tui.wait_for("Step 1 of 6");
    tui.wait_for("original");
    tui.type_text(", revised");
    tui.send(CTRL_S);
    // The finished page, not the editor, which shows the same text while the save is under way.
    tui.wait_until("the finished page with the new text", |s| {
        s.contains("Saved to") && s.contains("original, revised")
    });
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());

    let session = load_file(&path).unwrap();
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.answer_to("acknowledge", "what"), "original, revised");
    let revisions: Vec<_> = fs::read_dir(sandbox.home().join("revisions/20261122-234501"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(revisions.len(), 1, "{revisions:?}");
    assert_eq!(fs::read_to_string(&revisions[0]).unwrap(), before);
}

#[test]
fn a_save_into_a_read_only_directory_shows_the_error_and_keeps_the_text() {
    let sandbox = Sandbox::new().unprivileged();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("saved while it could be");
    wait_for_saved(&sandbox, "saved while it could be");
    let sessions = sandbox.sessions_dir();
    fs::set_permissions(&sessions, fs::Permissions::from_mode(0o500)).unwrap();

    tui.type_text(" and typed after the disk went read-only");
    let screen = tui.wait_for("not saved");
    assert!(screen.contains("Cannot save"), "{screen}");
    assert!(screen.contains("permission denied —"), "{screen}");
    assert!(screen.contains("your text is still here"), "{screen}");
    assert!(
        screen.contains("disk went read-only"),
        "the text stays:\n{screen}"
    );

    // Quitting does not lose it: ownup offers to write it elsewhere.
    tui.send(CTRL_C);
    let dialog = tui.wait_for("Not saved");
    assert!(dialog.contains("write it elsewhere"), "{dialog}");
    tui.send("w");
    let rescue = sandbox.home().join("home/ownup-20261122-234501.ron");
    tui.wait_for("ownup-20261122-234501.ron");
    tui.send(ENTER);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    tui.wait_for("your text was written to");
    let saved = load_file(&rescue).unwrap();
    assert_eq!(
        saved.answer_to("acknowledge", "what"),
        "saved while it could be and typed after the disk went read-only"
    );
    fs::set_permissions(&sessions, fs::Permissions::from_mode(0o700)).unwrap();
    let on_disk = load_file(&sandbox.session_files()[0]).unwrap();
    assert_eq!(
        on_disk.answer_to("acknowledge", "what"),
        "saved while it could be",
        "the old file is intact"
    );
}

#[test]
fn files_are_created_private_even_with_an_open_umask() {
    let sandbox = Sandbox::new().with_open_umask();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("private");
    wait_for_saved(&sandbox, "private");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sandbox.sessions_dir()), 0o700);
    assert_eq!(mode(&sandbox.home().join("locks")), 0o700);
    assert_eq!(mode(&sandbox.session_files()[0]), 0o600);
    for entry in fs::read_dir(sandbox.home().join("locks")).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
}

#[test]
fn temp_files_left_by_a_crash_are_never_sessions_and_are_cleaned_up() {
    let sandbox = Sandbox::new();
    fs::DirBuilder::new()
        .mode(0o700)
        .create(sandbox.sessions_dir())
        .unwrap();
    let leftover = sandbox.sessions_dir().join(".20261122-234501.ron.4242.0.tmp");
    fs::write(&leftover, "Session(version: 1, id: \"20261122-2345").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();

    let list = sandbox.run(&["list"]);
    assert_eq!(String::from_utf8_lossy(&list.stdout), "", "not listed");
    let doctor = sandbox.run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&doctor.stdout).contains(&format!("leftover    {}", leftover.display())),
        "{}",
        String::from_utf8_lossy(&doctor.stdout)
    );

    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("None yet");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(!leftover.exists(), "cleaned up on start");
    assert!(sandbox.run(&["doctor"]).status.success());
}
