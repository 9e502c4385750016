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

mod layout;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{StatefulWidget, Widget};
use ratatui_textarea::{CursorMove, Input, Key, TextArea};

use layout::{Memo, Rows, clamp_offset, text_width};

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

/// The most characters any field holds, whatever the prompt allows: a million characters is
/// hundreds of pages, and keeps every session file well under the 16 MB ownup reads back.
pub const MAX_CHARS: usize = 1_000_000;

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

/// What drawing a field of many lines keeps from one frame to the next: its rows at the width
/// drawn (until the text changes) and the first row shown. The runtime owns it, with the rest
/// of the render state; the field itself is not changed by drawing.
#[derive(Debug, Default)]
pub struct FieldState {
    /// The field, text revision and width `rows` are for.
    laid_out: Option<(u64, u64, usize)>,
    rows: Rows,
    /// The rows of each line, kept for the next layout.
    memo: Memo,
    /// The first row shown.
    offset: usize,
    /// How much of the field's `scrolled` the offset includes.
    applied: i64,
    /// The size the field was drawn at in the last frame, if one was drawn.
    drawn: Option<(u16, u16)>,
}

impl FieldState {
    /// The size (width, height) the field of many lines was drawn at in the last frame, for
    /// [`Field::set_view`]; `None` when no such field was drawn.
    pub fn drawn(&self) -> Option<(u16, u16)> {
        self.drawn
    }

    /// Forgets the size drawn, at the start of a frame.
    pub fn clear(&mut self) {
        self.drawn = None;
    }

    /// The first row shown in the last frame.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

/// A field of one line draws as the text area does (scrolling sideways); one of many lines
/// is drawn with a [`FieldState`], and without one starts from the top.
impl Widget for &Field {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.multi_line {
            StatefulWidget::render(self, area, buf, &mut FieldState::default());
        } else {
            self.area.render(area, buf);
        }
    }
}

impl StatefulWidget for &Field {
    type State = FieldState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut FieldState) {
        if !self.multi_line {
            self.area.render(area, buf);
            return;
        }
        if area.is_empty() {
            return;
        }
        state.drawn = Some((area.width, area.height));
        buf.set_style(area, self.look.text);
        let width = text_width(area.width);
        let cursor_cell = |row: usize, col: usize| {
            let x = area.x + u16::try_from(col.min(usize::from(area.width) - 1)).unwrap_or(0);
            let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
            (x, y)
        };
        if self.is_empty() && !self.look.placeholder.is_empty() {
            // The cursor first, then the placeholder beside it.
            let placeholder = &self.look.placeholder;
            let rows = crate::wrap::wrap(placeholder, width.saturating_sub(1));
            for (i, row) in rows.iter().take(usize::from(area.height)).enumerate() {
                let shown = crate::wrap::displayed(&placeholder[row.range.clone()]);
                let y = area.y + i as u16;
                buf.set_stringn(
                    area.x + 1,
                    y,
                    shown,
                    width.saturating_sub(1),
                    self.look.placeholder_style,
                );
            }
            if let Some(cell) = buf.cell_mut(cursor_cell(0, 0)) {
                cell.set_style(self.look.cursor);
            }
            state.offset = 0;
            return;
        }
        let lines = self.area.lines();
        let key = (self.id, self.revision, width);
        if state.laid_out != Some(key) {
            state.rows = Rows::remembered(lines, width, &mut state.memo);
            if state.laid_out.is_none_or(|(id, _, _)| id != self.id) {
                state.offset = 0;
                state.applied = self.scrolled;
            }
            state.laid_out = Some(key);
        }
        let (line, at) = self.cursor_byte();
        let (row, col) = state.rows.locate(lines, line, at);
        let asked = state.offset as i64 + (self.scrolled - state.applied);
        state.applied = self.scrolled;
        let height = usize::from(area.height);
        state.offset = clamp_offset(usize::try_from(asked).unwrap_or(0), state.rows.len(), height, row);
        for (i, r) in (state.offset..state.rows.len()).take(height).enumerate() {
            let Some(shown) = state.rows.get(r) else { break };
            let text = lines[shown.line].get(shown.range.clone()).unwrap_or("");
            let y = area.y + i as u16;
            // The cursor's column too: a character wider than a row has nowhere else to go.
            buf.set_stringn(
                area.x,
                y,
                crate::wrap::displayed(text),
                usize::from(area.width),
                self.look.text,
            );
        }
        if let Some(cell) = buf.cell_mut(cursor_cell(row - state.offset, col)) {
            cell.set_style(self.look.cursor);
        }
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
}
