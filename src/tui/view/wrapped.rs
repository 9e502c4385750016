//! A person's words as rows for the screen, broken by [`crate::wrap`] (the rule the answer box
//! follows too) rather than by ratatui's own wrapping, with their styles kept.

use ratatui::text::{Line, Span};

use crate::wrap;

/// The marks a line of a list starts with; the rows after the first hang under its text.
const MARKS: [&str; 4] = ["• ", "○ ", "✓ ", "– "];

/// `line` broken into rows at most `width` columns wide. Rows after the first hang under the
/// line's indent and list mark, as in a book: "• I will…" goes on under "I".
pub fn rows(line: &Line<'_>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    // The text with tabs laid out from the line's start, and where each span's part of it is.
    let mut text = String::new();
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        let start = text.len();
        text.push_str(&wrap::displayed_at(&span.content, wrap::width(&text)));
        spans.push((start..text.len(), span.style));
    }
    let indent = text.len() - text.trim_start_matches(' ').len();
    let body = &text[indent..];
    let mark = MARKS
        .iter()
        .find(|m| body.starts_with(**m))
        .map_or(0, |m| m.len());
    let hang_bytes = indent + mark;
    let hang = wrap::width(&text[..hang_bytes]);
    // A hang that leaves too little room is not kept.
    let (hang_bytes, hang) = if hang * 2 > width {
        (0, 0)
    } else {
        (hang_bytes, hang)
    };
    let styled = |range: std::ops::Range<usize>| -> Vec<Span<'static>> {
        spans
            .iter()
            .filter_map(|(span, style)| {
                let (start, end) = (span.start.max(range.start), span.end.min(range.end));
                (start < end).then(|| Span::styled(text[start..end].to_string(), *style))
            })
            .collect()
    };
    wrap::wrap(&text[hang_bytes..], width - hang)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let range = row.range.start + hang_bytes..row.range.end + hang_bytes;
            let mut parts = if i == 0 {
                styled(0..hang_bytes)
            } else {
                vec![Span::raw(" ".repeat(hang))]
            };
            parts.extend(styled(range));
            Line {
                spans: parts,
                style: line.style,
                alignment: line.alignment,
            }
        })
        .collect()
}

/// Every line of `lines` broken into rows `width` columns wide.
pub fn all_rows<'a>(lines: impl IntoIterator<Item = &'a Line<'a>>, width: u16) -> Vec<Line<'static>> {
    lines.into_iter().flat_map(|line| rows(line, width)).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::Style;

    use super::*;

    fn texts(rows: &[Line]) -> Vec<String> {
        rows.iter()
            .map(|r| r.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_list_item_hangs_under_its_text_and_keeps_its_styles() {
        let line = Line::from(vec![
            Span::styled("• I will ", Style::new().bold()),
            Span::raw("run the suite before every merge ."),
        ]);
        let shown = rows(&line, 16);
        assert_eq!(
            texts(&shown),
            ["• I will run the", "  suite before", "  every merge ."]
        );
        assert_eq!(shown[0].spans[0].content, "• ");
        assert_eq!(shown[0].spans[1].content, "I will ");
        assert_eq!(shown[0].spans[1].style, Style::new().bold());
        assert_eq!(shown[1].spans[1].style, Style::new());
        assert_eq!(
            texts(&rows(&Line::raw("  an apology line"), 10)),
            ["  an", "  apology", "  line"]
        );
        assert_eq!(texts(&rows(&Line::raw(""), 10)), [""]);
        assert_eq!(texts(&rows(&Line::raw("a\tb"), 10)), ["a   b"]);
    }

    proptest! {
        /// Nothing is lost or reordered, and no row is wider than the column.
        #[test]
        fn rows_hold_every_word_in_order_within_the_width(
            parts in prop::collection::vec("[^\n\t]{0,60}", 1..4),
            width in 20u16..100,
        ) {
            let line = Line::from(parts.iter().map(|p| Span::raw(p.clone())).collect::<Vec<_>>());
            let shown = rows(&line, width);
            // Spaces are where rows break (and hang); everything else comes out as it went in.
            let visible = |t: &str| wrap::displayed(t).chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(visible(&texts(&shown).concat()), visible(&parts.concat()));
            for row in texts(&shown) {
                prop_assert!(wrap::width(&row) <= usize::from(width), "{:?}", row);
            }
        }
    }
}
