//! Drawing a field of many lines: its rows as [`layout`](super::layout) lays them out, the
//! part that holds the cursor, and the cursor in its cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{StatefulWidget, Widget};

use super::Field;
use super::layout::{Memo, Rows, clamp_offset, text_width};

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
