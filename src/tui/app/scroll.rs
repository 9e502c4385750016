//! Scrolling as the person asks for it, recorded by `update` and resolved when drawn.
//!
//! How far a text can scroll, and how long a page is, depend on how it wraps at the terminal's
//! width: something only drawing knows. So `update` records what was asked (a line down, a page
//! up, the end, the line with the words found) and the view turns it into an offset that it
//! keeps between frames, the way ratatui's `ListState` keeps a list's offset
//! (`view::ScrollState`). The record only grows, and the view remembers how much of it it has
//! applied, so every request is applied once, without drawing ever changing the app.

/// Where a text is sent by a jump.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Anchor {
    /// The first line.
    #[default]
    Top,
    /// As far down as it goes.
    Bottom,
    /// A couple of lines above the first line that contains this text (a search result).
    Containing(String),
}

/// What the person asked of a scrolled text: the last jump, and the moves since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Where the last jump went (or where the text opened).
    pub anchor: Anchor,
    /// Counts the jumps, so that the view starts again from the anchor after each one (even
    /// to the same anchor twice).
    pub jumps: u64,
    /// Lines moved since the last jump, down positive.
    pub lines: i64,
    /// Pages moved since the last jump, down positive.
    pub pages: i64,
}

impl Scroll {
    /// A text opened at `anchor`.
    pub fn at(anchor: Anchor) -> Scroll {
        Scroll {
            anchor,
            ..Scroll::default()
        }
    }

    /// Moves by `lines` (down when positive).
    pub fn by_lines(&mut self, lines: i64) {
        self.lines = self.lines.saturating_add(lines);
    }

    /// Moves by `pages` (down when positive).
    pub fn by_pages(&mut self, pages: i64) {
        self.pages = self.pages.saturating_add(pages);
    }

    /// Goes to `anchor`, forgetting the moves before.
    pub fn jump(&mut self, anchor: Anchor) {
        *self = Scroll {
            anchor,
            jumps: self.jumps.wrapping_add(1),
            lines: 0,
            pages: 0,
        };
    }
}
