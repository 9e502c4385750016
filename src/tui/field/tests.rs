use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::StatefulWidget;

use super::*;

fn key(key: Key) -> Input {
    Input {
        key,
        ..Input::default()
    }
}

fn ctrl(c: char) -> Input {
    Input {
        key: Key::Char(c),
        ctrl: true,
        ..Input::default()
    }
}

fn ctrl_key(key: Key) -> Input {
    Input {
        key,
        ctrl: true,
        ..Input::default()
    }
}

fn alt(c: char) -> Input {
    Input {
        key: Key::Char(c),
        alt: true,
        ..Input::default()
    }
}

fn typed(field: &mut Field, text: &str) {
    for c in text.chars() {
        let k = if c == '\n' { Key::Enter } else { Key::Char(c) };
        field.input(key(k), None);
    }
}

/// The field drawn `width` x `height` with `state`, row by row, trailing spaces trimmed,
/// the cursor's cell marked with `|` before it.
fn drawn(field: &Field, width: u16, height: u16, state: &mut FieldState) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    StatefulWidget::render(field, area, &mut buf, state);
    (0..height)
        .map(|y| {
            let mut row = String::new();
            for x in 0..width {
                let cell = &buf[(x, y)];
                if cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
                    row.push('|');
                }
                row.push_str(cell.symbol());
            }
            row.trim_end().to_string()
        })
        .collect()
}

fn shown_field(text: &str) -> Field {
    Field::multi_line(text).with_style(
        Style::new(),
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
    )
}

#[test]
fn an_answer_wraps_at_spaces_and_keeps_its_stop_with_its_word() {
    let field = shown_field("It was my fault, and I am sorry .");
    // Eleven columns of text and the cursor's.
    assert_eq!(
        drawn(&field, 12, 4, &mut FieldState::default()),
        ["It was my", "fault, and", "I am", "sorry .|"]
    );
}

#[test]
fn up_and_down_move_by_the_rows_shown_and_keep_their_column() {
    let mut field = shown_field("hello world again\nnext");
    // Before the field knows its size: by lines.
    field.input(key(Key::Up), None);
    assert_eq!(field.cursor(), (0, 4));
    field.input(ctrl_key(Key::End), None);
    field.set_view(12, 3);
    field.input(key(Key::Up), None);
    assert_eq!(field.cursor(), (0, 16), "on the row of \"again\"");
    field.input(key(Key::Up), None);
    assert_eq!(field.cursor(), (0, 4), "the column kept");
    field.input(ctrl('p'), None);
    assert_eq!(field.cursor(), (0, 4), "no row above");
    field.input(key(Key::Down), None);
    field.input(ctrl('n'), None);
    assert_eq!(field.cursor(), (1, 4));
    field.input(key(Key::PageUp), None);
    assert_eq!(field.cursor(), (0, 4), "a page is the rows shown less one");
}

#[test]
fn deleting_lines_brings_the_hidden_text_back_into_view() {
    let text: Vec<String> = (1..=10).map(|i| format!("line {i}")).collect();
    let mut field = shown_field(&text.join("\n"));
    let mut state = FieldState::default();
    assert_eq!(drawn(&field, 20, 3, &mut state), ["line 8", "line 9", "line 10|"]);
    for _ in 0..45 {
        field.input(key(Key::Backspace), None);
    }
    assert_eq!(field.text(), "line 1\nline 2\nline 3\nline");
    assert_eq!(drawn(&field, 20, 3, &mut state), ["line 2", "line 3", "line|"]);
    for _ in 0..20 {
        field.input(key(Key::Backspace), None);
    }
    assert_eq!(drawn(&field, 20, 3, &mut state), ["line |", "", ""]);
    // And when the box grows, the text above comes down to fill it.
    let mut field = shown_field(&text.join("\n"));
    let mut state = FieldState::default();
    drawn(&field, 20, 3, &mut state);
    field.input(key(Key::Up), None);
    assert_eq!(drawn(&field, 20, 6, &mut state)[0], "line 5");
}

#[test]
fn the_wheel_moves_the_text_under_the_cursor() {
    let text: Vec<String> = (1..=10).map(|i| format!("line {i}")).collect();
    let mut field = shown_field(&text.join("\n"));
    let mut state = FieldState::default();
    field.set_view(20, 3);
    field.input(ctrl_key(Key::Home), None);
    field.input(key(Key::Home), None);
    assert_eq!(drawn(&field, 20, 3, &mut state), ["|line 1", "line 2", "line 3"]);
    field.input(key(Key::MouseScrollDown), None);
    field.input(key(Key::MouseScrollDown), None);
    assert_eq!(drawn(&field, 20, 3, &mut state), ["|line 3", "line 4", "line 5"]);
    field.input(key(Key::PageDown), None);
    assert_eq!(drawn(&field, 20, 3, &mut state), ["|line 5", "line 6", "line 7"]);
}

#[test]
fn the_cursor_on_a_space_where_a_row_breaks_shows_after_the_words() {
    let mut field = shown_field("hello world again");
    field.input(ctrl('a'), None);
    for _ in 0..11 {
        field.input(key(Key::Right), None);
    }
    assert_eq!(
        drawn(&field, 12, 2, &mut FieldState::default()),
        ["hello world|", "again"]
    );
    let field = shown_field("hello world");
    assert_eq!(
        drawn(&field, 12, 2, &mut FieldState::default()),
        ["hello world|", ""],
        "a full row: the cursor in the margin"
    );
    let field = Field::multi_line("")
        .with_placeholder("Write here", Style::new())
        .with_style(
            Style::new(),
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
    assert_eq!(
        drawn(&field, 12, 2, &mut FieldState::default()),
        ["| Write here", ""]
    );
}

#[test]
fn the_newline_keys_make_new_lines_and_never_delete() {
    let mut field = Field::multi_line("");
    typed(&mut field, "first");
    assert_eq!(field.input(ctrl('j'), None), Edit::Changed);
    typed(&mut field, "second");
    field.input(ctrl('m'), None);
    typed(&mut field, "third");
    assert_eq!(field.text(), "first\nsecond\nthird");
    // A pty closing sends a newline, then Ctrl-D: the text stays.
    field.input(ctrl('j'), None);
    field.input(ctrl('d'), None);
    assert_eq!(field.text(), "first\nsecond\nthird\n");
}

#[test]
fn a_single_line_field_never_breaks_its_line() {
    let mut field = Field::single_line("a\nb");
    assert_eq!(field.text(), "a b");
    field.input(ctrl('j'), None);
    field.input(key(Key::Enter), None);
    field.insert("c\r\nd".into(), None);
    assert_eq!(field.text(), "a bc d");
}

#[test]
fn a_very_long_answer_keeps_fewer_undo_steps_not_hundreds_of_copies() {
    let mut field = Field::multi_line("");
    // A hundred steps of a 1 MB answer (as typing in it would make).
    for i in 0..100 {
        field.push_undo(State {
            lines: vec![format!("{i:>8}") + &"x".repeat(1024 * 1024)],
            cursor: (0, 0),
        });
    }
    assert!(field.undo_bytes <= UNDO_BYTES, "{} bytes held", field.undo_bytes);
    assert!(
        (28..=32).contains(&field.undo.len()),
        "{} of 100 steps kept",
        field.undo.len()
    );
    assert_eq!(
        field.undo_bytes,
        field.undo.iter().map(State::bytes).sum::<usize>()
    );
    // The newest are the ones kept.
    field.undo();
    assert!(field.text().starts_with("      99"));
    assert_eq!(
        field.undo_bytes,
        field.undo.iter().map(State::bytes).sum::<usize>()
    );
}

#[test]
fn undo_takes_back_a_word_at_a_time_and_redo_brings_it_back() {
    let mut field = Field::multi_line("");
    typed(&mut field, "I broke the build");
    field.input(ctrl('u'), None);
    assert_eq!(field.text(), "I broke the ");
    field.input(ctrl('u'), None);
    assert_eq!(field.text(), "I broke ");
    field.input(ctrl('r'), None);
    field.input(ctrl('r'), None);
    assert_eq!(field.text(), "I broke the build");
    assert_eq!(field.cursor(), (0, 17));
    assert_eq!(field.input(ctrl('r'), None), Edit::Unchanged);
}

#[test]
fn every_deleting_key_can_be_undone() {
    let text = "one two three\nfour five";
    let deleting = [
        key(Key::Backspace),
        ctrl('h'),
        ctrl('w'),
        Input {
            key: Key::Backspace,
            alt: true,
            ..Input::default()
        },
        ctrl('k'),
    ];
    for input in deleting {
        let mut field = Field::multi_line(text);
        field.input(key(Key::Up), None);
        field.input(key(Key::End), None);
        field.input(key(Key::Left), None);
        field.input(key(Key::Left), None);
        assert_eq!(field.input(input.clone(), None), Edit::Changed, "{input:?}");
        assert_ne!(field.text(), text, "{input:?}");
        field.input(ctrl('u'), None);
        assert_eq!(field.text(), text, "{input:?} undone");
    }
    for input in [key(Key::Delete), ctrl('d'), alt('d')] {
        let mut field = Field::multi_line(text);
        field.input(key(Key::Home), None);
        assert_eq!(field.input(input.clone(), None), Edit::Changed, "{input:?}");
        field.input(ctrl('u'), None);
        assert_eq!(field.text(), text, "{input:?} undone");
    }
}

#[test]
fn a_run_of_backspaces_is_one_step_and_ctrl_y_puts_back_a_deleted_line() {
    let mut field = Field::multi_line("");
    typed(&mut field, "abc def");
    for _ in 0..5 {
        field.input(key(Key::Backspace), None);
    }
    assert_eq!(field.text(), "ab");
    field.input(ctrl('u'), None);
    assert_eq!(field.text(), "abc def");
    field.input(key(Key::Home), None);
    field.input(ctrl('k'), None);
    assert_eq!(field.text(), "");
    field.input(ctrl('y'), None);
    assert_eq!(field.text(), "abc def");
}

#[test]
fn typing_somewhere_else_is_a_new_step() {
    let mut field = Field::multi_line("");
    typed(&mut field, "abc");
    field.input(key(Key::Home), None);
    typed(&mut field, "x");
    field.input(ctrl('u'), None);
    assert_eq!(field.text(), "abc");
}

#[test]
fn ctrl_e_and_unknown_keys_leave_the_text_alone() {
    let mut field = Field::multi_line("keep");
    for input in [
        ctrl('e'),
        ctrl('v'),
        ctrl('x'),
        ctrl('t'),
        key(Key::F(5)),
        key(Key::Tab),
    ] {
        assert_eq!(field.input(input, None), Edit::Unchanged);
    }
    assert_eq!(field.text(), "keep");
}

#[test]
fn a_limit_refuses_what_would_not_fit() {
    let mut field = Field::multi_line("abcd");
    assert_eq!(field.input(key(Key::Char('e')), Some(4)), Edit::TooLong);
    assert_eq!(field.insert("xy".into(), Some(5)), Edit::TooLong);
    assert_eq!(field.insert("x".into(), Some(5)), Edit::Changed);
    assert_eq!(field.text(), "abcdx");
}

#[test]
fn undo_keeps_the_look_and_a_bounded_history() {
    let mut field = Field::multi_line("").with_placeholder("Write here…", Style::new());
    for i in 0..(UNDO_LIMIT + 50) {
        typed(&mut field, &format!("w{i} "));
    }
    for _ in 0..UNDO_LIMIT + 10 {
        field.input(ctrl('u'), None);
    }
    assert!(
        field.text().starts_with("w0 w1 "),
        "the oldest steps are forgotten"
    );
    field.input(ctrl('k'), None);
    field.input(key(Key::Home), None);
    field.input(ctrl('k'), None);
    assert!(field.is_empty());
    assert_eq!(field.area.placeholder_text(), "Write here…");
}

#[test]
fn no_field_holds_more_than_a_million_characters() {
    let mut field = Field::multi_line("");
    assert_eq!(field.insert("é".repeat(MAX_CHARS + 1), None), Edit::TooLong);
    assert!(field.is_empty());
    assert_eq!(
        field.insert("é".repeat(MAX_CHARS), Some(usize::MAX)),
        Edit::Changed
    );
    assert_eq!(field.input(key(Key::Char('x')), None), Edit::TooLong);
}
