//! Text broken into lines the way a book breaks it. No terminal code: the answer box, the
//! reader and the summary all lay a person's words out with [`wrap`], so they break alike.
//!
//! The rules, for a paragraph (a line break always starts a new one):
//! - Lines break at spaces, and the spaces at a break belong to the end of the line before
//!   (they are not shown): no line but the first of a paragraph starts with a space. Spaces at
//!   the start of a paragraph are its indent and are kept (on a line of their own when the
//!   first word does not fit after them).
//! - A closing mark (`. , ; : ! ? ) ] } » ” ’ …`, CJK `。、` and their kin) never starts a
//!   line: the word before it comes down with it, even across a space ("sorry ."). An opening
//!   mark never ends one, even before a space ("« oui »").
//! - Wide (CJK) characters have no spaces between them, so a line may break between any two,
//!   and between one and a narrow character; a hyphen or dash between two letters is a break
//!   too ("well-" / "known").
//! - A word wider than the line is broken only when it does not fit on a line of its own, at
//!   grapheme clusters (a letter with its accents, an emoji with its modifiers stay whole),
//!   after a slash where there is one in the second half of the line (a path keeps its file
//!   name whole, an address its last parts).
//!
//! Widths are terminal cells, as ratatui counts them; a tab reaches the next multiple of
//! [`TAB`] columns from the start of its line, as the answer box always drew it.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns between tab stops.
pub const TAB: usize = 4;

/// One line of wrapped text: the bytes of the source it shows. The spaces where it breaks
/// (between its end and the next line's start) are not in it, nor is the line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The bytes of the source shown on this line.
    pub range: Range<usize>,
    /// Whether this line starts a paragraph (the first line, or the one after a line break).
    pub first: bool,
}

/// `text` broken into lines of at most `width` columns (a width of 0 is taken as 1). Only a
/// single grapheme wider than the line makes a line wider. Every paragraph has at least one
/// line, so `""` gives one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, start, width, &mut lines);
        start += paragraph.len() + 1;
    }
    lines
}

/// The columns `text` takes on a line of its own (no line breaks in it): tabs to their stops,
/// control characters none (they are not drawn).
pub fn width(text: &str) -> usize {
    text.graphemes(true)
        .fold(0, |col, g| col + grapheme_width(g, col))
}

/// `text` (one line of [`wrap`]'s output, or any text without line breaks) as it is drawn:
/// tabs turned into the spaces that reach their stops, control characters left out.
pub fn displayed(text: &str) -> String {
    displayed_at(text, 0)
}

/// `text` as [`displayed`] draws it when it starts at column `col` of its line.
pub fn displayed_at(text: &str, mut col: usize) -> String {
    let mut shown = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        let w = grapheme_width(g, col);
        if g == "\t" {
            shown.extend(std::iter::repeat_n(' ', w));
        } else if !g.contains(char::is_control) {
            shown.push_str(g);
        }
        col += w;
    }
    shown
}

/// The columns grapheme `g` takes when it starts at column `col`, as a terminal shows it.
pub fn grapheme_width(g: &str, col: usize) -> usize {
    if g == "\t" {
        TAB - col % TAB
    } else if g.contains(char::is_control) {
        // ratatui does not draw control characters.
        0
    } else if g.len() == 1 {
        1
    } else {
        // The halfwidth sound marks take a cell of their own in terminals (and in ratatui),
        // though Unicode gives them none.
        g.width() + g.chars().filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}')).count()
    }
}

/// What a grapheme is, for breaking lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A space a line may break at (not a no-break space).
    Space,
    /// A mark that closes something and must not start a line.
    Close,
    /// A mark that opens something and must not end a line.
    Open,
    /// A hyphen or dash: a line may break after one between two letters.
    Dash,
    /// A wide character (CJK, most emoji): a line may break on either side.
    Wide,
    /// A letter.
    Letter,
    /// A digit (a number is not broken at its hyphens: 2026-11-22).
    Digit,
    /// Anything else.
    Other,
}

fn class(g: &str) -> Class {
    let Some(c) = g.chars().next() else {
        return Class::Other;
    };
    match c {
        // No-break spaces hold words together, as they are meant to.
        '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{FEFF}' => Class::Other,
        // A space carrying a combining mark is still a space to break at.
        c if c.is_whitespace() => Class::Space,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '»' | '›' | '”' | '’' | '…' | '‥' | '%'
        | '‰' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '、' | '，' | '．' | '：' | '；' | '！' | '？' | '）'
        | '］' | '｝' | '」' | '』' | '】' | '〕' | '〉' | '》' | '〗' | '〙' | '｣' | '・' | 'ー' | '々'
        | '〜' => Class::Close,
        '(' | '[' | '{' | '«' | '‹' | '“' | '‘' | '¿' | '¡' | '「' | '『' | '【' | '〔' | '〈' | '《'
        | '〖' | '〘' | '（' | '［' | '｛' | '｢' => Class::Open,
        '-' | '‐' | '–' | '—' => Class::Dash,
        c if c.is_alphabetic() && grapheme_width(g, 0) < 2 => Class::Letter,
        c if c.is_numeric() && grapheme_width(g, 0) < 2 => Class::Digit,
        _ if grapheme_width(g, 0) >= 2 => Class::Wide,
        _ => Class::Other,
    }
}

/// A grapheme of a paragraph: where it starts and what it is.
struct Grapheme {
    at: usize,
    end: usize,
    text_is_tab: bool,
    /// Whether it is a slash, after which a path or an address breaks best.
    slash: bool,
    width: usize,
    class: Class,
}

/// Whether a line may start at grapheme `i` of `g` (`i > 0`), when the last grapheme before it
/// that is not a space is of class `shown` (`None`: only spaces come before it, the
/// paragraph's indent, which stays with its first word).
fn may_break_before(g: &[Grapheme], i: usize, shown: Option<Class>) -> bool {
    match (g[i - 1].class, g[i].class) {
        (_, Class::Space | Class::Close) => false,
        (Class::Space, _) => !matches!(shown, None | Some(Class::Open)),
        (Class::Open, _) => false,
        (Class::Wide, _) | (_, Class::Wide) => true,
        (Class::Dash, Class::Letter) => i >= 2 && g[i - 2].class == Class::Letter,
        _ => false,
    }
}

fn wrap_paragraph(paragraph: &str, offset: usize, width: usize, lines: &mut Vec<Line>) {
    let grapheme = |(at, text): (usize, &str)| Grapheme {
        at: offset + at,
        end: offset + at + text.len(),
        text_is_tab: text == "\t",
        slash: text == "/",
        width: grapheme_width(text, 0),
        class: class(text),
    };
    let g: Vec<Grapheme> = paragraph.grapheme_indices(true).map(grapheme).collect();
    let n = g.len();
    let mut allowed = vec![false; n];
    let mut shown = None;
    for i in 1..n {
        if g[i - 1].class != Class::Space {
            shown = Some(g[i - 1].class);
        }
        allowed[i] = may_break_before(&g, i, shown);
    }
    let byte = |i: usize| g.get(i).map_or(offset + paragraph.len(), |x| x.at);
    // The end of what a line from `start` up to `next` shows: its trailing spaces left out.
    let content_end = |start: usize, next: usize| {
        g[start..next]
            .iter()
            .rposition(|x| x.class != Class::Space)
            .map_or(byte(start), |last| g[start + last].end)
    };
    // The first grapheme at or after `i` that is not a space.
    let skip_spaces = |mut i: usize| {
        while i < n && g[i].class == Class::Space {
            i += 1;
        }
        i
    };
    let mut start = 0;
    let mut first = true;
    loop {
        let mut col = 0;
        let mut last_break = None;
        let mut next = None;
        for i in start..n {
            let w = if g[i].text_is_tab {
                TAB - col % TAB
            } else {
                g[i].width
            };
            if i > start && allowed[i] {
                last_break = Some(i);
            }
            // Spaces never push a line over: those past the edge are where it breaks.
            if g[i].class != Class::Space && i > start && col + w > width {
                next = Some(last_break.unwrap_or_else(|| {
                    // An indent the first word does not fit after takes the row alone.
                    let indent_end = skip_spaces(start);
                    if indent_end > start {
                        indent_end
                    } else {
                        forced_break(&g, start, i)
                    }
                }));
                break;
            }
            col += w;
        }
        match next {
            Some(at) => {
                lines.push(Line {
                    range: byte(start)..content_end(start, at),
                    first,
                });
                start = skip_spaces(at);
                first = false;
            }
            None => {
                lines.push(Line {
                    range: byte(start)..content_end(start, n),
                    first,
                });
                return;
            }
        }
    }
}

/// Where a line from `start` breaks when grapheme `over` does not fit and nothing before it
/// is a place to break: a word wider than the line. The break goes as late as it can without
/// leaving a closing mark to start the next line.
fn forced_break(g: &[Grapheme], start: usize, over: usize) -> usize {
    let starts_well = |k: usize| {
        let first = (k..g.len()).find(|&j| g[j].class != Class::Space);
        first.is_none_or(|j| g[j].class != Class::Close)
    };
    // A path or an address breaks best after a slash, so that a file name stays whole: when
    // there is one in the second half of the line.
    let after_slash = (start + 1 + (over - start) / 2..=over)
        .rev()
        .find(|&k| k > start && g[k - 1].slash && starts_well(k));
    after_slash.unwrap_or_else(|| (start + 1..=over).rev().find(|&k| starts_well(k)).unwrap_or(over))
}

#[cfg(test)]
mod tests;
