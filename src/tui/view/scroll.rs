//! A scrolled text's offset, resolved against the size it is drawn at.
//!
//! `update` records what the person asked for in a [`Scroll`]; only drawing knows how long the
//! text is at this width and how tall a page is, so the view turns the request into an offset
//! here and keeps it for the next frame, as ratatui's `ListState` keeps a list's offset.

use crate::tui::app::{Anchor, Scroll};

/// A scrolled text's offset as last drawn, and the part of its [`Scroll`] that includes.
#[derive(Debug, Default)]
pub struct ScrollState {
    /// The request as of the last frame, all of it applied.
    applied: Option<Scroll>,
    /// The first row shown.
    offset: u16,
}

impl ScrollState {
    /// The first row shown in the last frame.
    pub fn offset(&self) -> u16 {
        self.offset
    }

    /// Applies what `scroll` asks beyond what was applied already, within `0..=max`; a page is
    /// `page` rows, and `find` gives the row of the first line containing a text. Returns the
    /// first row to show.
    ///
    /// Moves asked for between two frames are added up before the offset is kept within bounds:
    /// the loop draws after each key, so the only moves that arrive together go one way (the
    /// wheel's three lines).
    pub fn resolve(
        &mut self,
        scroll: &Scroll,
        max: u16,
        page: u16,
        find: impl FnOnce(&str) -> Option<u16>,
    ) -> u16 {
        let (lines, pages) = match &self.applied {
            Some(applied) if applied.jumps == scroll.jumps && applied.anchor == scroll.anchor => {
                (applied.lines, applied.pages)
            }
            _ => {
                self.offset = match &scroll.anchor {
                    Anchor::Top => 0,
                    Anchor::Bottom => max,
                    Anchor::Containing(text) => find(text).unwrap_or(0).saturating_sub(2),
                };
                (0, 0)
            }
        };
        let moved = scroll
            .lines
            .saturating_sub(lines)
            .saturating_add(scroll.pages.saturating_sub(pages).saturating_mul(i64::from(page)));
        let offset = i64::from(self.offset)
            .saturating_add(moved)
            .clamp(0, i64::from(max));
        self.offset = u16::try_from(offset).unwrap_or(max);
        if self.applied.as_ref() != Some(scroll) {
            self.applied = Some(scroll.clone());
        }
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(state: &mut ScrollState, scroll: &Scroll, max: u16) -> u16 {
        state.resolve(scroll, max, 10, |text| (text == "found").then_some(30))
    }

    #[test]
    fn each_move_is_applied_once_and_kept_within_the_text() {
        let mut state = ScrollState::default();
        let mut scroll = Scroll::default();
        assert_eq!(resolve(&mut state, &scroll, 50), 0);
        scroll.by_lines(3);
        assert_eq!(resolve(&mut state, &scroll, 50), 3);
        assert_eq!(
            resolve(&mut state, &scroll, 50),
            3,
            "drawn again, not moved again"
        );
        scroll.by_pages(1);
        assert_eq!(resolve(&mut state, &scroll, 50), 13);
        scroll.by_pages(9);
        assert_eq!(resolve(&mut state, &scroll, 50), 50, "no further than the end");
        scroll.by_lines(-1);
        assert_eq!(resolve(&mut state, &scroll, 50), 49, "up at once from the end");
        scroll.by_lines(-100);
        assert_eq!(resolve(&mut state, &scroll, 50), 0);
        scroll.by_lines(1);
        assert_eq!(resolve(&mut state, &scroll, 50), 1, "down at once from the top");
    }

    #[test]
    fn a_jump_starts_again_from_its_anchor() {
        let mut state = ScrollState::default();
        let mut scroll = Scroll::default();
        scroll.jump(Anchor::Bottom);
        assert_eq!(resolve(&mut state, &scroll, 50), 50);
        scroll.by_lines(-5);
        assert_eq!(resolve(&mut state, &scroll, 50), 45);
        scroll.jump(Anchor::Bottom);
        assert_eq!(resolve(&mut state, &scroll, 50), 50, "the same anchor again");
        scroll.jump(Anchor::Top);
        scroll.by_lines(2);
        assert_eq!(
            resolve(&mut state, &scroll, 50),
            2,
            "moves after a jump count from it"
        );
    }

    #[test]
    fn a_text_found_is_shown_a_little_below_the_top() {
        let mut state = ScrollState::default();
        assert_eq!(
            resolve(&mut state, &Scroll::at(Anchor::Containing("found".into())), 50),
            28
        );
        let mut state = ScrollState::default();
        assert_eq!(
            resolve(&mut state, &Scroll::at(Anchor::Containing("found".into())), 20),
            20
        );
        let mut state = ScrollState::default();
        assert_eq!(
            resolve(&mut state, &Scroll::at(Anchor::Containing("gone".into())), 50),
            0
        );
    }

    #[test]
    fn a_smaller_size_brings_the_offset_back_within_the_text() {
        let mut state = ScrollState::default();
        let mut scroll = Scroll::default();
        scroll.jump(Anchor::Bottom);
        assert_eq!(resolve(&mut state, &scroll, 50), 50);
        assert_eq!(resolve(&mut state, &scroll, 20), 20);
        assert_eq!(resolve(&mut state, &scroll, 50), 20, "kept where it was seen");
    }
}
