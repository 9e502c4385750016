//! A text field: the answer editor, the apology builder's parts, check-in notes and the paths
//! typed into dialogs. ratatui-textarea stores, wraps and draws the text; the keys are ours.
//!
//! The text area's built-in shortcuts are not used, because several destroy text with no way
//! back: Ctrl-J deletes to the start of the line (and a closing pty sends a newline that
//! arrives as Ctrl-J), Ctrl-U undoes one character at a time from a history of fifty. Here
//! every key is listed in [`KEYS`] (shown in help and README), the newline keys make newlines,
//! and undo takes back whole words and whole edits, as editors do.

use std::collections::VecDeque;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, Input, Key, Scrolling, TextArea, WrapMode};

/// The editing keys of every text field beyond plain typing and the arrows, as help shows
/// them: (keys, what they do). README lists them too.
pub const KEYS: &[(&str, &str)] = &[
    ("Enter Ctrl-J", "new line (in answers)"),
    ("Ctrl-W Alt-⌫", "delete the word before"),
    ("Alt-D", "delete the word after"),
    ("Ctrl-K", "delete to the end of the line"),
    ("Ctrl-U", "undo, a word or an edit at a time"),
    ("Ctrl-R", "redo"),
    ("Ctrl-Y", "put back what was deleted last"),
    ("Ctrl-A Home End", "start, end of the line"),
    ("Alt-B Alt-F", "a word back, forward"),
    ("Ctrl-Home End", "start, end of the answer"),
];

/// The most characters any field holds, whatever the prompt allows (see
/// [`crate::session::MAX_ANSWER_CHARS`]).
pub const MAX_CHARS: usize = crate::session::MAX_ANSWER_CHARS;

/// How many undo steps a field keeps…
const UNDO_LIMIT: usize = 200;
/// …and how much text they may hold together: each step is a copy of the text, so a very long
/// answer keeps fewer steps (a 1 MB answer, 32) rather than hundreds of copies.
const UNDO_BYTES: usize = 32 * 1024 * 1024;

/// The text and cursor at one moment, for undo and redo.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    lines: Vec<String>,
    cursor: (usize, usize),
}

impl State {
    /// Roughly the memory it holds.
    fn bytes(&self) -> usize {
        self.lines.iter().map(|l| l.capacity() + 24).sum()
    }
}

/// What kind of change a key makes, for grouping undo steps: a word and the spaces after it
/// are one step, a run of deletions is one step, anything else is a step of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// A letter, digit or other non-space character.
    Word,
    /// A space or tab.
    Space,
    /// A character deleted with Backspace or Delete.
    Delete,
    /// A new line, a deleted word or line, a paste: always its own step.
    Other,
}

/// How a field looks: applied again when undo rebuilds the text area.
#[derive(Debug, Clone, Default)]
struct Look {
    text: Style,
    cursor: Style,
    placeholder: String,
    placeholder_style: Style,
}

/// What a key did to a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text is as it was (the cursor may have moved).
    Unchanged,
    /// The text changed.
    Changed,
    /// The key would have made the text longer than its limit, so nothing changed.
    TooLong,
}

/// A text field: one line (paths, dates, notes) or many (answers).
#[derive(Debug, Clone)]
pub struct Field {
    area: TextArea<'static>,
    multi_line: bool,
    look: Look,
    undo: VecDeque<State>,
    /// What the undo steps hold together, in bytes (see [`UNDO_BYTES`]).
    undo_bytes: usize,
    redo: Vec<State>,
    /// The last change and where it left the cursor; a change elsewhere starts a new step.
    last: Option<(Change, (usize, usize))>,
}

impl Default for Field {
    fn default() -> Self {
        Field::single_line("")
    }
}

impl Field {
    /// A field for answers: many lines, wrapped at words, cursor at the end of `text`.
    pub fn multi_line(text: &str) -> Field {
        Field::build(text, true)
    }

    /// A field of one line (line breaks typed or pasted become spaces), cursor at the end.
    pub fn single_line(text: &str) -> Field {
        Field::build(&text.replace(['\r', '\n'], " "), false)
    }

    fn build(text: &str, multi_line: bool) -> Field {
        let look = Look::default();
        let mut field = Field {
            area: area(split_lines(text), &look, multi_line),
            multi_line,
            look,
            undo: VecDeque::new(),
            undo_bytes: 0,
            redo: Vec::new(),
            last: None,
        };
        field.area.move_cursor(CursorMove::Bottom);
        field.area.move_cursor(CursorMove::End);
        field
    }

    /// Replaces the text (no undo), cursor at the end.
    pub fn with_text(mut self, text: &str) -> Field {
        let text = if self.multi_line {
            text.to_string()
        } else {
            text.replace(['\r', '\n'], " ")
        };
        self.restore(State {
            lines: split_lines(&text),
            cursor: (usize::MAX, usize::MAX),
        });
        self.undo.clear();
        self.undo_bytes = 0;
        self.redo.clear();
        self
    }

    /// Sets the styles of the text and of the cursor.
    pub fn with_style(mut self, text: Style, cursor: Style) -> Field {
        self.look.text = text;
        self.look.cursor = cursor;
        self.area.set_style(text);
        self.area.set_cursor_style(cursor);
        self
    }

    /// Sets the grey text shown while the field is empty.
    pub fn with_placeholder(mut self, text: &str, style: Style) -> Field {
        self.look.placeholder = text.to_string();
        self.look.placeholder_style = style;
        self.area.set_placeholder_text(text);
        self.area.set_placeholder_style(style);
        self
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The lines of the text.
    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    /// The cursor as (line, character).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Characters in the text (a line break counts as one).
    pub fn chars(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// Handles one key; refuses what would make the text longer than `limit` characters (and
    /// never more than [`MAX_CHARS`]).
    pub fn input(&mut self, input: Input, limit: Option<usize>) -> Edit {
        let Input {
            key,
            ctrl,
            alt,
            shift: _,
        } = input;
        let newline = self.multi_line.then_some('\n');
        match (key, ctrl, alt) {
            (Key::Char(c), false, false) => self.insert(c.to_string(), limit),
            (Key::Enter, _, _) | (Key::Char('j' | 'm'), true, false) => match newline {
                Some(c) => self.insert(c.to_string(), limit),
                None => Edit::Unchanged,
            },
            (Key::Backspace, _, false) | (Key::Char('h'), true, false) => {
                self.change(Change::Delete, TextArea::delete_char)
            }
            (Key::Delete, _, false) | (Key::Char('d'), true, false) => {
                self.change(Change::Delete, TextArea::delete_next_char)
            }
            (Key::Char('w'), true, false) | (Key::Backspace, _, true) | (Key::Char('h'), false, true) => {
                self.change(Change::Other, TextArea::delete_word)
            }
            (Key::Char('d'), false, true) | (Key::Delete, _, true) => {
                self.change(Change::Other, TextArea::delete_next_word)
            }
            (Key::Char('k'), true, false) => self.change(Change::Other, TextArea::delete_line_by_end),
            (Key::Char('u'), true, false) => self.undo(),
            (Key::Char('r'), true, false) => self.redo(),
            (Key::Char('y'), true, false) => {
                let yanked = self.area.yank_text();
                self.insert(yanked, limit)
            }
            (Key::Left, true, _) | (Key::Char('b'), false, true) => self.go(CursorMove::WordBack),
            (Key::Right, true, _) | (Key::Char('f'), false, true) => self.go(CursorMove::WordForward),
            (Key::Left, _, _) | (Key::Char('b'), true, false) => self.go(CursorMove::Back),
            (Key::Right, _, _) | (Key::Char('f'), true, false) => self.go(CursorMove::Forward),
            (Key::Up, _, _) | (Key::Char('p'), true, false) => self.go(CursorMove::Up),
            (Key::Down, _, _) | (Key::Char('n'), true, false) => self.go(CursorMove::Down),
            (Key::Home, true, _) | (Key::Char('<'), false, true) => self.go(CursorMove::Top),
            (Key::End, true, _) | (Key::Char('>'), false, true) => self.go(CursorMove::Bottom),
            (Key::Home, _, _) | (Key::Char('a'), true, false) => self.go(CursorMove::Head),
            (Key::End, _, _) => self.go(CursorMove::End),
            (Key::PageUp, _, _) => self.scroll(Scrolling::PageUp),
            (Key::PageDown, _, _) => self.scroll(Scrolling::PageDown),
            (Key::MouseScrollUp, _, _) => self.scroll(Scrolling::Delta { rows: -1, cols: 0 }),
            (Key::MouseScrollDown, _, _) => self.scroll(Scrolling::Delta { rows: 1, cols: 0 }),
            // Ctrl-E is kept for opening the answer in an editor; the rest (Ctrl-V, Ctrl-X,
            // Ctrl-T, F-keys…) do nothing rather than something surprising.
            _ => Edit::Unchanged,
        }
    }

    /// Inserts `text` (a paste, or a key's character) at the cursor.
    pub fn insert(&mut self, text: String, limit: Option<usize>) -> Edit {
        let text = if self.multi_line {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace("\r\n", " ").replace(['\r', '\n'], " ")
        };
        if text.is_empty() {
            return Edit::Unchanged;
        }
        let max = limit.map_or(MAX_CHARS, |l| l.min(MAX_CHARS));
        // Bytes bound characters from above: the exact count is only needed near the limit.
        let bytes: usize = self.area.lines().iter().map(|l| l.len() + 1).sum::<usize>() + text.len();
        if bytes > max && self.chars() + text.chars().count() > max {
            return Edit::TooLong;
        }
        let mut chars = text.chars();
        let change = match (chars.next(), chars.next()) {
            (Some(c), None) if c == ' ' || c == '\t' => Change::Space,
            (Some(c), None) if c != '\n' => Change::Word,
            _ => Change::Other,
        };
        self.change(change, |area| area.insert_str(&text))
    }

    /// Replaces the whole text (an answer written in the person's editor), as one step that
    /// undo takes back; the cursor goes to the end.
    pub fn replace_all(&mut self, text: &str, limit: Option<usize>) -> Edit {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if text == self.text() {
            return Edit::Unchanged;
        }
        let max = limit.map_or(MAX_CHARS, |l| l.min(MAX_CHARS));
        if text.chars().count() > max {
            return Edit::TooLong;
        }
        self.change(Change::Other, |area| {
            area.select_all();
            area.cut();
            area.insert_str(&text);
            true
        })
    }

    /// Takes back the last step of editing.
    pub fn undo(&mut self) -> Edit {
        let Some(state) = self.undo.pop_back() else {
            return Edit::Unchanged;
        };
        self.undo_bytes = self.undo_bytes.saturating_sub(state.bytes());
        self.redo.push(self.state());
        self.restore(state);
        Edit::Changed
    }

    /// Does again what undo took back.
    pub fn redo(&mut self) -> Edit {
        let Some(state) = self.redo.pop() else {
            return Edit::Unchanged;
        };
        self.push_undo(self.state());
        self.restore(state);
        Edit::Changed
    }

    /// Applies a change, starting a new undo step unless it continues the last one.
    fn change(&mut self, change: Change, apply: impl FnOnce(&mut TextArea<'static>) -> bool) -> Edit {
        let continues = match self.last {
            Some((last, cursor)) if cursor == self.cursor() => match (last, change) {
                (Change::Word, Change::Word | Change::Space)
                | (Change::Space, Change::Space)
                | (Change::Delete, Change::Delete) => true,
                (Change::Word | Change::Space | Change::Delete | Change::Other, _) => false,
            },
            _ => false,
        };
        let before = (!continues).then(|| self.state());
        if !apply(&mut self.area) {
            return Edit::Unchanged;
        }
        if let Some(before) = before {
            self.push_undo(before);
        }
        self.redo.clear();
        self.last = Some((change, self.cursor()));
        Edit::Changed
    }

    fn push_undo(&mut self, state: State) {
        self.undo_bytes += state.bytes();
        self.undo.push_back(state);
        while self.undo.len() > UNDO_LIMIT || (self.undo_bytes > UNDO_BYTES && self.undo.len() > 1) {
            if let Some(oldest) = self.undo.pop_front() {
                self.undo_bytes = self.undo_bytes.saturating_sub(oldest.bytes());
            }
        }
    }

    fn go(&mut self, to: CursorMove) -> Edit {
        self.area.move_cursor(to);
        Edit::Unchanged
    }

    fn scroll(&mut self, by: Scrolling) -> Edit {
        self.area.scroll(by);
        Edit::Unchanged
    }

    fn state(&self) -> State {
        State {
            lines: self.area.lines().to_vec(),
            cursor: self.cursor(),
        }
    }

    fn restore(&mut self, state: State) {
        let yank = self.area.yank_text();
        self.area = area(state.lines, &self.look, self.multi_line);
        self.area.set_yank_text(yank);
        let (row, col) = state.cursor;
        match (u16::try_from(row), u16::try_from(col)) {
            (Ok(row), Ok(col)) => self.area.move_cursor(CursorMove::Jump(row, col)),
            // Past what a jump can say: the end of that line, or of the text.
            (Ok(row), Err(_)) => {
                self.area.move_cursor(CursorMove::Jump(row, 0));
                self.area.move_cursor(CursorMove::End);
            }
            (Err(_), _) => {
                self.area.move_cursor(CursorMove::Bottom);
                self.area.move_cursor(CursorMove::End);
            }
        }
        self.last = None;
    }
}

impl Widget for &Field {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.area.render(area, buf);
    }
}

/// `text` as the text area's lines (it wants at least one).
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(String::from).collect()
}

fn area(lines: Vec<String>, look: &Look, multi_line: bool) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    if multi_line {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    // Undo is ours; the text area's own history would only hold copies.
    area.set_max_histories(0);
    area.set_cursor_line_style(Style::new());
    area.set_style(look.text);
    area.set_cursor_style(look.cursor);
    if !look.placeholder.is_empty() {
        area.set_placeholder_text(look.placeholder.clone());
        area.set_placeholder_style(look.placeholder_style);
    }
    area
}

#[cfg(test)]
mod tests {
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
}
