//! A text field: the answer editor, the apology builder's parts, check-in notes and the paths
//! typed into dialogs. ratatui-textarea stores and edits the text; the keys are ours, and so is
//! the layout of a field of many lines: it wraps with [`crate::wrap`], like the reader, moves
//! up and down by the rows it shows, and its view always holds the cursor ([`layout`]).
//!
//! The text area's built-in shortcuts are not used, because several destroy text with no way
//! back: Ctrl-J deletes to the start of the line (and a closing pty sends a newline that
//! arrives as Ctrl-J), Ctrl-U undoes one character at a time from a history of fifty. Here
//! every key is listed in [`KEYS`] (shown in help and README), the newline keys make newlines,
//! and undo takes back whole words and whole edits, as editors do.

mod draw;
mod layout;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, Key, TextArea};

pub use draw::FieldState;
use layout::{Memo, Rows, text_width};

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
    /// Which field this is, so that a view's state is not carried over to another field.
    id: u64,
    /// Counts the changes to the text, so that a view can keep its layout until the next.
    revision: u64,
    /// The size the field was last drawn at, as the runtime reported it (see
    /// [`Field::set_view`]): moves by rows and pages need it. (0, 0) until then.
    view: (u16, u16),
    /// Rows the view was asked to move by (the wheel, a page), all told; drawing applies
    /// what it has not applied yet.
    scrolled: i64,
    /// The column a run of moves up and down keeps to, as editors do.
    goal: Option<usize>,
    /// The rows of each line as moves up and down last laid them out.
    memo: Memo,
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
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        let mut field = Field {
            area: area(split_lines(text), &look),
            multi_line,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            revision: 0,
            view: (0, 0),
            scrolled: 0,
            goal: None,
            memo: Memo::default(),
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

    /// Tells the field the size it was drawn at (text area, not border): until it knows, it
    /// moves up and down by lines rather than by the rows it shows.
    pub fn set_view(&mut self, width: u16, height: u16) {
        self.view = (width, height);
    }

    /// The size the field knows it was drawn at.
    pub fn view(&self) -> (u16, u16) {
        self.view
    }

    /// Whether the field holds many lines (an answer) rather than one.
    pub fn is_multi_line(&self) -> bool {
        self.multi_line
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
        let vertical = matches!(
            (key, ctrl, alt),
            (Key::Up | Key::Down | Key::PageUp | Key::PageDown, _, _)
                | (Key::MouseScrollUp | Key::MouseScrollDown, _, _)
                | (Key::Char('p' | 'n'), true, false)
        );
        if !vertical {
            self.goal = None;
        }
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
            (Key::Up, _, _) | (Key::Char('p'), true, false) => self.go_rows(-1, false),
            (Key::Down, _, _) | (Key::Char('n'), true, false) => self.go_rows(1, false),
            (Key::Home, true, _) | (Key::Char('<'), false, true) => self.go(CursorMove::Top),
            (Key::End, true, _) | (Key::Char('>'), false, true) => self.go(CursorMove::Bottom),
            (Key::Home, _, _) | (Key::Char('a'), true, false) => self.go(CursorMove::Head),
            (Key::End, _, _) => self.go(CursorMove::End),
            (Key::PageUp, _, _) => self.go_rows(-self.page(), true),
            (Key::PageDown, _, _) => self.go_rows(self.page(), true),
            (Key::MouseScrollUp, _, _) => self.go_rows(-1, true),
            (Key::MouseScrollDown, _, _) => self.go_rows(1, true),
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
        self.revision += 1;
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

    /// A page: the rows the field shows, less one kept in view for context.
    fn page(&self) -> isize {
        isize::try_from(self.view.1.saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the cursor `by` rows as the field shows them (by lines until it knows its size),
    /// keeping to the column the run of moves started at. With `scroll`, the view moves with
    /// it (the wheel, a page), so the cursor stays where it was on the screen.
    fn go_rows(&mut self, by: isize, scroll: bool) -> Edit {
        if !self.multi_line || self.view.0 == 0 {
            let step = if by < 0 { CursorMove::Up } else { CursorMove::Down };
            for _ in 0..by.unsigned_abs() {
                self.area.move_cursor(step);
            }
            return Edit::Unchanged;
        }
        let lines = self.area.lines();
        let rows = Rows::remembered(lines, text_width(self.view.0), &mut self.memo);
        let (line, at) = self.cursor_byte();
        let (row, col) = rows.locate(lines, line, at);
        let goal = *self.goal.get_or_insert(col);
        let target = row.saturating_add_signed(by).min(rows.len().saturating_sub(1));
        if target == row {
            return Edit::Unchanged;
        }
        let (line, at) = rows.position_at(lines, target, goal);
        let col = lines[line][..at].chars().count();
        self.jump(line, col);
        if scroll {
            self.scrolled += target as i64 - row as i64;
        }
        Edit::Unchanged
    }

    /// The cursor as (line, byte in that line).
    fn cursor_byte(&self) -> (usize, usize) {
        let (line, col) = self.cursor();
        let text = self.area.lines().get(line).map_or("", String::as_str);
        let at = text.char_indices().nth(col).map_or(text.len(), |(i, _)| i);
        (line, at)
    }

    /// Puts the cursor at character `col` of line `line`.
    fn jump(&mut self, line: usize, col: usize) {
        match (u16::try_from(line), u16::try_from(col)) {
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
    }

    fn state(&self) -> State {
        State {
            lines: self.area.lines().to_vec(),
            cursor: self.cursor(),
        }
    }

    fn restore(&mut self, state: State) {
        let yank = self.area.yank_text();
        self.area = area(state.lines, &self.look);
        self.area.set_yank_text(yank);
        let (row, col) = state.cursor;
        self.jump(row, col);
        self.revision += 1;
        self.last = None;
    }
}

/// `text` as the text area's lines (it wants at least one).
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(String::from).collect()
}

fn area(lines: Vec<String>, look: &Look) -> TextArea<'static> {
    // Not wrapped: a field of many lines lays itself out (see `layout`).
    let mut area = TextArea::new(lines);
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
mod tests;
