//! A many-line field's text laid out in rows with [`crate::wrap`], and its view: which rows
//! show, where the cursor is drawn, and where a move up or down by rows lands.
//!
//! The last column of the field is kept free of text: it is where the cursor sits at the end of
//! a full line, so the cursor always has a cell of its own beside the text it follows.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use crate::wrap;

/// One row of the field: part of one of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line of the text it is part of.
    pub line: usize,
    /// The bytes of that line it shows.
    pub range: Range<usize>,
}

/// The rows a field's lines take at a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    rows: Vec<Row>,
    /// The first row of each line, then the number of rows.
    firsts: Vec<usize>,
}

/// The columns of text in a field `area_width` wide: all but the cursor's column.
pub fn text_width(area_width: u16) -> usize {
    usize::from(area_width.saturating_sub(1)).max(1)
}

/// The rows of each line last laid out, by the line's text (its hash and length), so that an
/// edit lays out again only the line it changed: a long answer is many lines.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    width: usize,
    lines: HashMap<(u64, usize), Vec<Range<usize>>>,
}

impl Rows {
    /// `lines` broken into rows `width` columns wide (what [`Rows::remembered`] must give).
    #[cfg(test)]
    pub fn new(lines: &[String], width: usize) -> Rows {
        Rows::remembered(lines, width, &mut Memo::default())
    }

    /// As [`Rows::new`], taking the rows of lines laid out before from `memo`, and leaving
    /// in it the rows of these lines.
    pub fn remembered(lines: &[String], width: usize, memo: &mut Memo) -> Rows {
        if memo.width != width {
            *memo = Memo {
                width,
                lines: HashMap::new(),
            };
        }
        let mut kept = HashMap::with_capacity(lines.len());
        let mut rows = Vec::with_capacity(lines.len());
        let mut firsts = Vec::with_capacity(lines.len() + 1);
        for (i, line) in lines.iter().enumerate() {
            firsts.push(rows.len());
            let mut hasher = DefaultHasher::new();
            line.hash(&mut hasher);
            let key = (hasher.finish(), line.len());
            let ranges = memo
                .lines
                .remove(&key)
                .or_else(|| kept.remove(&key))
                .unwrap_or_else(|| {
                    wrap::wrap(line, width)
                        .into_iter()
                        .map(|l| l.range)
                        .collect::<Vec<_>>()
                });
            rows.extend(ranges.iter().map(|range| Row {
                line: i,
                range: range.clone(),
            }));
            kept.insert(key, ranges);
        }
        firsts.push(rows.len());
        memo.lines = kept;
        Rows { rows, firsts }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Row `i`.
    pub fn get(&self, i: usize) -> Option<&Row> {
        self.rows.get(i)
    }

    /// The rows of `line`.
    fn of_line(&self, line: usize) -> Range<usize> {
        let first = self.firsts.get(line).copied().unwrap_or(self.rows.len());
        let end = self.firsts.get(line + 1).copied().unwrap_or(self.rows.len());
        first..end
    }

    /// Where the cursor at byte `at` of line `line` is: its row, and its column in that row.
    /// The column can be past the text's width when the cursor is among the spaces where a
    /// row breaks (they are not drawn); the field draws it at its last column then.
    pub fn locate(&self, lines: &[String], line: usize, at: usize) -> (usize, usize) {
        let rows = self.of_line(line);
        let Some(text) = lines.get(line) else {
            return (self.rows.len().saturating_sub(1), 0);
        };
        // The last row of the line that starts at or before the cursor.
        let within = &self.rows[rows.clone()];
        let row = rows.start + within.partition_point(|r| r.range.start <= at).saturating_sub(1);
        let start = self.rows.get(row).map_or(0, |r| r.range.start).min(at);
        let col = text.get(start..at).map_or(0, wrap::width);
        (row, col)
    }

    /// The cursor position (line, byte) in row `row` nearest column `goal` without passing it.
    /// A row that does not end its line stops short of the next row's start (which is drawn on
    /// the next row).
    pub fn position_at(&self, lines: &[String], row: usize, goal: usize) -> (usize, usize) {
        let Some(r) = self.rows.get(row) else {
            return (0, 0);
        };
        let text = lines.get(r.line).map_or("", String::as_str);
        let next = self
            .rows
            .get(row + 1)
            .filter(|n| n.line == r.line)
            .map(|n| n.range.start);
        let mut at = r.range.start;
        let mut col = 0;
        let end = next.unwrap_or(text.len());
        for (offset, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(
            text.get(r.range.start..end).unwrap_or(""),
            true,
        ) {
            col += wrap::grapheme_width(g, col);
            let after = r.range.start + offset + g.len();
            if col > goal || next.is_some_and(|n| after >= n) {
                break;
            }
            at = after;
        }
        (r.line, at)
    }
}

/// The first row to show of `rows` in a view `height` rows tall, from the one shown before
/// (`previous`), so that the cursor's row shows and no empty space shows below the text while
/// rows are hidden above: what a move, an edit or a new size asks of the view, resolved.
pub fn clamp_offset(previous: usize, rows: usize, height: usize, cursor_row: usize) -> usize {
    let height = height.max(1);
    let offset = previous.min(rows.saturating_sub(height));
    if cursor_row < offset {
        cursor_row
    } else if cursor_row >= offset + height {
        cursor_row + 1 - height
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(String::from).collect()
    }

    #[test]
    fn the_cursor_is_found_on_its_row_and_a_broken_space_shows_after_the_words() {
        let text = lines("hello world again\nnext");
        let rows = Rows::new(&text, 11);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows.locate(&text, 0, 0), (0, 0));
        assert_eq!(rows.locate(&text, 0, 5), (0, 5));
        // On the space where the row breaks: after "hello world", before the margin.
        assert_eq!(rows.locate(&text, 0, 11), (0, 11));
        assert_eq!(rows.locate(&text, 0, 12), (1, 0));
        assert_eq!(rows.locate(&text, 0, 17), (1, 5));
        assert_eq!(rows.locate(&text, 1, 4), (2, 4));
    }

    #[test]
    fn a_move_by_rows_keeps_its_column_and_stays_on_its_row() {
        let text = lines("hello world again\nnext");
        let rows = Rows::new(&text, 11);
        assert_eq!(rows.position_at(&text, 1, 3), (0, 15));
        assert_eq!(rows.position_at(&text, 1, 40), (0, 17));
        // The end of a row that goes on is its last space, not the next row's start.
        assert_eq!(rows.position_at(&text, 0, 40), (0, 11));
        let cjk = lines("日本語日本語");
        let rows = Rows::new(&cjk, 4);
        assert_eq!(rows.len(), 3);
        // Between two wide characters, never inside one; and short of the next row.
        assert_eq!(rows.position_at(&cjk, 0, 3), (0, 3));
        assert_eq!(rows.position_at(&cjk, 0, 9), (0, 3));
        assert_eq!(rows.position_at(&cjk, 2, 9), (0, 18));
    }

    #[test]
    fn rows_remembered_are_the_rows_laid_out_afresh() {
        let mut memo = Memo::default();
        let mut text = lines("hello world again\nnext\nhello world again");
        assert_eq!(Rows::remembered(&text, 11, &mut memo), Rows::new(&text, 11));
        text.insert(1, "a new line, long enough to wrap".into());
        text[3].push_str(" and again");
        assert_eq!(Rows::remembered(&text, 11, &mut memo), Rows::new(&text, 11));
        assert_eq!(Rows::remembered(&text, 7, &mut memo), Rows::new(&text, 7));
        assert_eq!(memo.lines.len(), 4);
    }

    #[test]
    fn the_view_follows_the_cursor_and_never_shows_space_below_with_text_above() {
        // Deleting lines: 20 rows seen from row 15, and now there are 4.
        assert_eq!(clamp_offset(15, 4, 3, 3), 1);
        assert_eq!(clamp_offset(15, 4, 10, 3), 0);
        assert_eq!(clamp_offset(0, 30, 10, 25), 16);
        assert_eq!(clamp_offset(20, 30, 10, 5), 5);
        assert_eq!(clamp_offset(7, 30, 10, 10), 7, "no move while the cursor shows");
    }

    proptest! {
        #[test]
        fn the_cursor_always_shows_and_no_rows_are_hidden_for_nothing(
            text in "[a-z .。日\n]{0,300}",
            width in 1u16..40,
            height in 1usize..12,
            previous in 0usize..200,
            pick in 0usize..400,
        ) {
            let text = lines(&text);
            let rows = Rows::new(&text, text_width(width));
            // A cursor somewhere in the text, at a character boundary.
            let line = pick % text.len();
            let at = text[line]
                .char_indices()
                .map(|(i, _)| i)
                .chain([text[line].len()])
                .nth(pick % (text[line].chars().count() + 1))
                .unwrap_or(0);
            let (row, _) = rows.locate(&text, line, at);
            prop_assert!(row < rows.len());
            let offset = clamp_offset(previous, rows.len(), height, row);
            prop_assert!(offset <= row && row < offset + height);
            prop_assert!(offset <= rows.len().saturating_sub(height));
            // Every position found from a row is on that row.
            let (l, b) = rows.position_at(&text, row, pick % 50);
            prop_assert_eq!(rows.locate(&text, l, b).0, row);
        }
    }
}
