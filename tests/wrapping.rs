//! Text that wraps like a book, in a real terminal: the answer box breaks rows at spaces and
//! keeps a full stop with its word, and keeps the cursor and the text in view whatever is
//! deleted.

mod common;

use common::*;

/// The rows inside the answer box on `screen`, without the border and the left margin.
fn answer_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|line| !line.contains("╭ Your answer"))
        .skip(1)
        .take_while(|line| !line.contains('╰'))
        .map(|line| {
            let inside = line.split('│').nth(1).unwrap_or_default();
            inside.strip_prefix(' ').unwrap_or(inside).trim_end().to_string()
        })
        .collect()
}

/// The screen row (0-based) where the answer box's first row is.
fn first_answer_row(screen: &str) -> u16 {
    let border = screen
        .lines()
        .position(|line| line.contains("╭ Your answer"))
        .expect("the answer box");
    border as u16 + 1
}

#[test]
fn a_wrapped_answer_starts_no_row_with_a_space_and_leaves_no_stop_alone() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 50, 15);
    tui.past_the_check_in();
    // Both of these left a lone "." on a row, and " me" started one, before.
    let answer = "The deploy broke checkout for everyone for about forty minutes and I saw \
                  it much latter. I saw it much later . That is on me, and I am sorry .";
    tui.type_text(answer);
    let screen = tui.wait_for("sorry .");
    assert_eq!(
        answer_rows(&screen),
        [
            "about forty minutes and I saw it much",
            "latter. I saw it much later . That is on me,",
            "and I am sorry ."
        ],
        "{screen}"
    );
    // Every row, in a box tall enough for them all.
    tui.resize(50, 30);
    let screen = tui.wait_until("the whole answer", |s| {
        answer_rows(s)
            .first()
            .is_some_and(|r| r.starts_with("The deploy"))
    });
    let rows: Vec<String> = answer_rows(&screen)
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    assert!(rows.len() >= 4, "{screen}");
    for row in &rows {
        assert!(!row.starts_with(' '), "a row starts with a space:\n{screen}");
        assert!(row.trim() != ".", "a full stop alone on a row:\n{screen}");
    }
    assert_eq!(rows.join(" "), answer, "the rows are the answer, in order");
}

#[test]
fn deleting_lines_keeps_the_cursor_and_the_text_in_view() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 50, 15);
    tui.past_the_check_in();
    for i in 1..=10 {
        tui.type_text(&format!("line {i}"));
        tui.send(ENTER);
    }
    let screen = tui.wait_until("the last line typed", |s| {
        answer_rows(s) == ["line 9", "line 10", ""]
    });
    let top = first_answer_row(&screen);
    // 45 characters back: four lines are left, the last one "line ".
    tui.send(&BACKSPACE.repeat(45));
    let screen = tui.wait_until("the lines left", |s| answer_rows(s).contains(&"line".to_string()));
    assert_eq!(
        answer_rows(&screen),
        ["line 2", "line 3", "line"],
        "no empty rows below while text is hidden above:\n{screen}"
    );
    assert_eq!(
        tui.reversed_cells(),
        [(top + 2, 8)],
        "the cursor just after \"line \":\n{screen}"
    );

    // Back to one short line: it shows at the top, the cursor after it.
    tui.send(&BACKSPACE.repeat(20));
    let screen = tui.wait_until("one line left", |s| answer_rows(s) == ["line 1", "", ""]);
    assert_eq!(tui.reversed_cells(), [(top, 9)], "{screen}");

    // Taken back with Ctrl-U (the run of deletions is one step): the end of the text shows,
    // the cursor where it was.
    tui.send("\x15");
    let screen = tui.wait_until("the deletion undone", |s| {
        answer_rows(s) == ["line 9", "line 10", ""]
    });
    assert_eq!(tui.reversed_cells(), [(top + 2, 3)], "{screen}");

    // A taller terminal: the box grows and the text above comes down to fill it.
    tui.resize(50, 20);
    let screen = tui.wait_until("a taller box", |s| answer_rows(s).len() > 3);
    let rows = answer_rows(&screen);
    assert_eq!(rows.last().map(String::as_str), Some(""), "{screen}");
    assert_eq!(rows[rows.len() - 2], "line 10", "{screen}");
    assert!(
        rows.iter().rev().skip(1).all(|r| r.starts_with("line ")),
        "no blank band:\n{screen}"
    );
}
