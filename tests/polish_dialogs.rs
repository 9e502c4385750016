//! Dialogs that fit the terminal, on the real binary: the help shows whole lines at every
//! size, each key once.

mod common;

use common::Sandbox;

/// The rows of the help box on `screen`: the text between its borders, trimmed.
fn help_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let start = line.find('│')?;
            let end = line.rfind('│')?;
            (end > start).then(|| line[start + '│'.len_utf8()..end].trim().to_string())
        })
        .collect()
}

#[test]
fn help_shows_whole_lines_at_120x40_and_wraps_at_50x15() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&[], 120, 40);
    tui.wait_for("None yet.");
    tui.send("\x1bOP"); // F1
    let screen = tui.wait_for("Esc, ? or F1 closes.");
    let rows = help_rows(&screen);
    for whole in [
        "Enter  open the session (a draft to write, the rest to read)",
        "/  search titles and answers (status:draft script:NAME since:2026-11-01)",
        "s  look back: sessions per month, commitments, recurring causes",
        "k ↑  up",
        "Ctrl-Z  save and suspend (fg to come back)",
    ] {
        assert!(
            rows.iter().any(|row| row == whole),
            "{whole:?} is not a whole line in:\n{screen}"
        );
    }
    assert!(!screen.contains("k ↑ k"), "a key named twice:\n{screen}");
    assert!(
        !screen.contains("↑↓ more"),
        "everything fits at 120x40:\n{screen}"
    );
    tui.send("\x1b");
    tui.wait_until("the help to close", |screen| !screen.contains("F1 closes"));
    tui.resize(50, 15);
    tui.wait_for("None yet.");
    tui.send("\x1bOP");
    let screen = tui.wait_for("↑↓ more");
    let rows = help_rows(&screen);
    assert!(
        rows.iter()
            .any(|row| row == "Enter  open the session (a draft to write,"),
        "{screen}"
    );
    assert!(
        rows.iter().any(|row| row == "the rest to read)"),
        "wrapped under itself:\n{screen}"
    );
    tui.send("\x1b");
    tui.wait_until("the help to close", |screen| !screen.contains("↑↓ more"));
    tui.send("q");
    tui.wait_exit();
}

/// A key a scale question cannot use is answered, not ignored: it says what the question takes.
#[test]
fn a_letter_typed_into_a_scale_says_what_it_expects() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new", "--script", "quick"]);
    tui.wait_for("What happened?");
    tui.type_text("I sent the wrong figures.");
    tui.send("\t");
    tui.wait_for("How big was the impact");
    tui.send("x");
    tui.wait_for("Press a number from 1 to 5");
    tui.send("4");
    tui.wait_until("the message gone and 4 chosen", |s| {
        !s.contains("Press a number") && s.contains("[4]")
    });
    tui.send("\x03");
    tui.wait_exit();
}
