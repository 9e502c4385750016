//! Reviewing past sessions in a real terminal: search, open, delete and restore.

mod common;

use common::*;
use ownup::store::SessionStore;

#[track_caller]
fn save(store: &SessionStore, id: &str, title: &str, cause: &str) {
    let started = format!(
        "{}-{}-{}T{}:{}:00+01:00",
        &id[0..4],
        &id[4..6],
        &id[6..8],
        &id[9..11],
        &id[11..13]
    );
    let s = SessionBuilder::new(id)
        .started(&started)
        .answer("acknowledge", "what", title)
        .answer("learn", "causes", cause)
        .complete()
        .build();
    store.save(&s).unwrap();
}

#[test]
fn search_an_answer_open_it_then_delete_and_restore_a_session() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    save(
        &store,
        "20261020-090000",
        "Missed the Q3 deadline",
        "Nobody owned the release calendar.",
    );
    save(
        &store,
        "20261105-140000",
        "Harsh message to Sam",
        "I was tired and wrote before thinking.",
    );
    save(
        &store,
        "20261118-170000",
        "Deployed on a Friday",
        "The staging data looked nothing like production.",
    );

    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("Sessions (3)");
    assert!(
        home.contains("November 2026") && home.contains("October 2026"),
        "{home}"
    );

    // Search for a word that is only in an answer.
    tui.send("/");
    tui.wait_for("/ ▏");
    tui.type_text("stagi");
    let results = tui.wait_for("1 session matches (of 3)");
    assert!(results.contains("Deployed on a Friday"), "{results}");
    assert!(
        results.contains("“The staging data"),
        "the answer line is shown:\n{results}"
    );
    assert!(!results.contains("Harsh message"), "{results}");

    // Open it: the answer is on screen.
    tui.send(ENTER);
    let detail = tui.wait_for("What made the mistake easy to make?");
    assert!(
        detail.contains("The staging data looked nothing like production."),
        "{detail}"
    );

    // Back home, the search is still there; Esc clears it.
    tui.send(ESC);
    tui.wait_for("1 session matches (of 3)");
    tui.send(ESC);
    tui.wait_for("Sessions (3)");

    // Delete the October one from its page, then bring it back with u.
    tui.send("G");
    tui.send(ENTER);
    tui.wait_for("Missed the Q3 deadline");
    tui.send("d");
    tui.wait_for("Move this session to the trash?");
    tui.send("y");
    let home = tui.wait_for("Moved to the trash. Press u to bring it back.");
    tui.wait_for("Sessions (2)");
    assert!(!home.contains("Missed the Q3 deadline"), "{home}");
    assert!(sandbox.home().join("trash/20261020-090000.ron").exists());
    assert_eq!(sandbox.session_files().len(), 2);

    tui.send("u");
    tui.wait_for("Brought back from the trash.");
    let home = tui.wait_for("Sessions (3)");
    assert!(home.contains("Missed the Q3 deadline"), "{home}");
    assert_eq!(sandbox.session_files().len(), 3);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn export_a_session_from_its_page() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    save(&store, "20261105-140000", "Harsh message to Sam", "I was tired.");
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Sessions (1)");
    tui.send(ENTER);
    tui.wait_for("What happened, in plain words?");
    tui.send("x");
    let target = sandbox.home().join("home/ownup-20261105-140000.md");
    tui.wait_for("ownup-20261105-140000.md");
    tui.send(ENTER);
    tui.wait_for("Exported to");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("---\nid: \"20261105-140000\"\n"), "{text}");
    assert!(text.contains("I was tired."));
    // A second export to the same file is refused, never overwritten.
    tui.send("x");
    tui.wait_for("Export this session");
    tui.send(ENTER);
    tui.wait_for("already exists");
    tui.send(ESC);
    tui.wait_until("the dialog closed", |s| !s.contains("already exists"));
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn with_mouse_on_a_click_opens_a_session_and_the_wheel_scrolls() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.home().join("config.ron"), "Config(mouse: true)").unwrap();
    let store = SessionStore::open(sandbox.home()).unwrap();
    save(&store, "20261105-140000", "Harsh message to Sam", "I was tired.");
    save(&store, "20261118-170000", "Deployed on a Friday", "Rushed.");
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Sessions (2)");
    // Rows: 7 is the first session, 8 the second (1-based for the terminal: 9).
    let click = |row: u16| format!("\x1b[<0;10;{row}M\x1b[<0;10;{row}m");
    tui.send(&click(9));
    tui.wait_until("the second row selected", |s| {
        s.lines()
            .any(|l| l.contains('▸') && l.contains("Harsh message to Sam"))
    });
    tui.send(&click(9));
    tui.wait_for("What happened, in plain words?");
    tui.send("\x1b[<65;10;10M"); // wheel down: the page scrolls past its first lines
    tui.wait_until("the page scrolled", |s| !s.contains("20261105-140000.ron"));
    tui.send(ESC);
    tui.wait_for("Sessions (2)");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}
