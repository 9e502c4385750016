//! The home screen does what it says, in a real terminal: the start line names what `n` does,
//! "Welcome back" comes only for a draft with words in it and goes with `q` or `Esc`, and a
//! session is deleted to the trash with `d` and brought back with `u`.

mod common;

use common::*;
use ownup::store::SessionStore;

/// The Delete key, as a terminal sends it.
const DELETE: &str = "\x1b[3~";

#[track_caller]
fn trashed(sandbox: &Sandbox, id: &str) -> bool {
    sandbox.home().join(format!("trash/{id}.ron")).exists()
}

#[track_caller]
fn in_sessions(sandbox: &Sandbox, id: &str) -> bool {
    sandbox.sessions_dir().join(format!("{id}.ron")).exists()
}

/// Opens the search box and waits until the whole list has been read: by then ownup has
/// decided whether to offer a draft, so its absence can be checked. Closes the box again.
#[track_caller]
fn wait_for_the_whole_list(tui: &mut Tui, sessions: usize) -> String {
    tui.send("/");
    let screen = tui.wait_until("the whole list read", |s| {
        (s.contains(&format!("(of {sessions})")) || s.contains(&format!(" of {sessions}")))
            && !s.contains("reading the list")
    });
    tui.send(ESC);
    tui.wait_until("the search closed", |s| !s.contains("/ ▏"));
    screen
}

#[test]
fn deleting_a_draft_from_home_moves_it_to_the_trash_and_u_brings_it_back() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    // Days old, so that no draft is offered on start.
    let draft = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", "Deployed on a Friday")
        .build();
    let finished = SessionBuilder::new("20261118-100000")
        .started("2026-11-18T10:00:00+01:00")
        .answer("acknowledge", "what", "Missed the Q3 deadline")
        .complete()
        .build();
    store.save(&draft).unwrap();
    store.save(&finished).unwrap();

    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("Sessions (2)");
    assert!(home.contains("d delete"), "the footer offers it:\n{home}");

    // The draft is at the top: d asks, naming it; n keeps it.
    tui.send("d");
    let asked = tui.wait_for("Move this draft to the trash?");
    assert!(asked.contains("“Deployed on a Friday”"), "{asked}");
    assert!(asked.contains("u brings it back"), "{asked}");
    tui.send("n");
    tui.wait_until("the question put away", |s| !s.contains("Move this draft"));
    assert!(in_sessions(&sandbox, "20261120-100000"));

    // y moves it to the trash.
    tui.send("d");
    tui.wait_for("Move this draft to the trash?");
    tui.send("y");
    tui.wait_for("Moved to the trash — press u to undo.");
    let home = tui.wait_for("Sessions (1)");
    assert!(!home.contains("Deployed on a Friday"), "{home}");
    assert!(home.contains("Missed the Q3 deadline"), "{home}");
    assert!(trashed(&sandbox, "20261120-100000"));
    assert!(!in_sessions(&sandbox, "20261120-100000"));
    let listed = sandbox.run(&["trash"]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains("20261120-100000"),
        "{listed:?}"
    );

    // u brings it back, selected.
    tui.send("u");
    tui.wait_for("Brought back from the trash.");
    let home = tui.wait_until("the draft back in the list, selected", |s| {
        s.contains("Sessions (2)")
            && s.lines()
                .any(|l| l.contains('▸') && l.contains("Deployed on a Friday"))
    });
    assert!(home.contains("Missed the Q3 deadline"), "{home}");
    assert!(in_sessions(&sandbox, "20261120-100000"));
    assert!(!trashed(&sandbox, "20261120-100000"));

    // Once the offer is off the screen, u brings nothing back and says where the trash is.
    tui.send("d");
    tui.wait_for("Move this draft to the trash?");
    tui.send("y");
    tui.wait_for("Moved to the trash — press u to undo.");
    tui.send("/");
    tui.wait_for("/ ▏");
    tui.send(ESC);
    tui.wait_until("the notice gone", |s| !s.contains("press u to undo"));
    tui.send("u");
    tui.wait_for("Nothing to undo.");
    assert!(trashed(&sandbox, "20261120-100000"));

    // A finished session too, with the Delete key.
    tui.send(DELETE);
    tui.wait_for("Move this session to the trash?");
    tui.send("y");
    tui.wait_for("Moved to the trash — press u to undo.");
    tui.wait_for("None yet.");
    assert!(trashed(&sandbox, "20261118-100000"));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_session_open_in_another_ownup_is_not_deleted_and_home_says_why() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let draft = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", "Deployed on a Friday")
        .build();
    store.save(&draft).unwrap();
    let mut writing = sandbox.spawn(&["resume", "20261120-100000"]);
    writing.wait_for("How are you feeling about it right now?");

    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Sessions (1)");
    tui.send("d");
    tui.wait_for("Move this draft to the trash?");
    tui.send("y");
    tui.wait_for("This session is open in another ownup window, so it stays where it is");
    assert!(in_sessions(&sandbox, "20261120-100000"));
    assert!(!trashed(&sandbox, "20261120-100000"));
    tui.send("q");
    assert!(tui.wait_exit().success());
    writing.send(CTRL_C);
    assert!(writing.wait_exit().success());
}

#[test]
fn welcome_back_only_for_a_draft_with_words_and_q_or_esc_put_it_away() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    // Left a minute ago with only the feeling check-in answered: nothing to come back to.
    let empty = SessionBuilder::new("20261122-234400")
        .started("2026-11-22T23:44:00+01:00")
        .answer("acknowledge", "feeling-start", "3")
        .build();
    store.save(&empty).unwrap();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Sessions (1)");
    let home = wait_for_the_whole_list(&mut tui, 1);
    assert!(!home.contains("Welcome back"), "{home}");
    assert!(!tui.screen().contains("Welcome back"), "{}", tui.screen());
    tui.send("q");
    assert!(tui.wait_exit().success());

    // A draft with words in it is offered; q puts the offer away and ownup stays open.
    let words = SessionBuilder::new("20261122-234500")
        .started("2026-11-22T23:45:00+01:00")
        .answer("acknowledge", "what", "Deployed on a Friday")
        .build();
    store.save(&words).unwrap();
    for key in ["q", ESC] {
        let mut tui = sandbox.spawn(&[]);
        let offer = tui.wait_for("Welcome back");
        assert!(offer.contains("“Deployed on a Friday”"), "{offer}");
        tui.send(key);
        let home = tui.wait_until("the offer put away", |s| !s.contains("Welcome back"));
        assert!(home.contains("Sessions (2)"), "{key:?}: {home}");
        assert!(
            tui.child.try_wait().unwrap().is_none(),
            "{key:?} does not quit ownup"
        );
        // Still answering keys: the search box opens.
        tui.send("/");
        tui.wait_for("/ ▏");
        tui.send(ESC);
        tui.wait_until("the search closed", |s| !s.contains("/ ▏"));
        tui.send("q");
        assert!(tui.wait_exit().success(), "{key:?}");
    }
}

#[test]
fn the_start_line_says_that_n_asks_which_script_and_the_picker_starts_on_the_default() {
    let sandbox = Sandbox::new();
    for (cols, rows, line) in [
        (
            80,
            24,
            " n  new session — choose a script (Own a mistake is the default)",
        ),
        (
            120,
            40,
            " n  new session — choose a script (Own a mistake is the default)",
        ),
        (50, 15, " n  new session — choose a script"),
    ] {
        let mut tui = sandbox.spawn_sized(&[], cols, rows);
        let home = tui.wait_for("Sessions");
        assert_eq!(home.lines().nth(3), Some(line), "{cols}x{rows}:\n{home}");
        tui.send("n");
        let picker = tui.wait_for("Which script?");
        assert!(
            picker
                .lines()
                .any(|l| l.contains("▸ Own a mistake") && (cols < 60 || l.contains("· default"))),
            "{cols}x{rows}:\n{picker}"
        );
        tui.send(ESC);
        tui.wait_until("the picker closed", |s| !s.contains("Which script?"));
        tui.send("q");
        assert!(tui.wait_exit().success());
    }
}
