//! The home screen does what it says, in a real terminal: the start line names what `n` does,
//! and "Welcome back" comes only for a draft with words in it and goes with `q` or `Esc`.

mod common;

use common::*;
use ownup::store::SessionStore;

/// Opens the search box and waits until the whole list has been read: by then ownup has
/// decided whether to offer a draft, so its absence can be checked. Closes the box again.
#[track_caller]
fn wait_for_the_whole_list(tui: &mut Tui, sessions: usize) -> String {
    tui.send("/");
    let screen = tui.wait_until("the whole list read", |s| {
        s.contains(&format!(" of {sessions}")) && !s.contains("reading the list")
    });
    tui.send(ESC);
    tui.wait_until("the search closed", |s| !s.contains("/ ▏"));
    screen
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
