//! Reading a person's text without tripping over Unicode. No terminal code.
//!
//! Matching is done on a folded copy of the text (lower case, typographic apostrophes made
//! plain), but what is shown or kept comes from the original. Lower-casing can change how many
//! bytes and characters a letter takes (`İ` is two bytes, its lower case `i̇` three; `ẞ` keeps
//! its length but `K` (Kelvin) shrinks from three bytes to one), so a position found in the
//! copy is never a position in the original. [`Folded`] keeps, for every byte of the copy, the
//! original character it came from, so a match maps back exactly, whatever the text.

use std::ops::Range;

/// A folded copy of a text, with the way back to the original.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
}

/// How a character reads when folded.
fn fold(c: char, into: &mut String) {
    match c {
        '’' | '‘' | 'ʼ' => into.push('\''),
        c => into.extend(c.to_lowercase()),
    }
}

/// How many bytes `c` takes when folded.
fn folded_len(c: char) -> usize {
    match c {
        '’' | '‘' | 'ʼ' => 1,
        c => c.to_lowercase().map(char::len_utf8).sum(),
    }
}

impl<'a> Folded<'a> {
    /// Folds `original`: lower case, and `’ ‘ ʼ` made `'` so "I’ll" reads as "i'll".
    pub fn new(original: &'a str) -> Folded<'a> {
        let mut folded = String::with_capacity(original.len());
        for c in original.chars() {
            fold(c, &mut folded);
        }
        Folded { original, folded }
    }

    /// The folded text, to search in.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The text it was folded from.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The byte range of the original covering `range` of the folded text: from the start of
    /// the character where it starts to the end of the character where it ends. Positions past
    /// the end are clamped, so this never panics. (The way back is walked when asked for, as
    /// matches are rare and folding happens on every keystroke.)
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let mut start = None;
        let mut end = None;
        let mut folded_at = 0;
        for (at, c) in self.original.char_indices() {
            let next = folded_at + folded_len(c);
            if start.is_none() && range.start < next {
                start = Some(at);
            }
            if range.end > range.start && range.end <= next {
                end = Some(at + c.len_utf8());
                break;
            }
            folded_at = next;
        }
        let start = start.unwrap_or(self.original.len());
        if range.end <= range.start {
            return start..start;
        }
        start..end.unwrap_or(self.original.len()).max(start)
    }

    /// The original text behind `range` of the folded text.
    pub fn original_slice(&self, range: Range<usize>) -> &'a str {
        let range = self.original_range(range);
        &self.original[range]
    }
}

/// Byte index of the first `word` in `text` that starts a word (at the start of `text`, or
/// after a character that is not a letter or digit).
pub fn find_word_start(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `prefix` starts `text`, ignoring ASCII case. Never splits a character.
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_in_the_folded_copy_maps_back_onto_the_original() {
        let text = "When İstanbul calls, I’ll answer";
        let folded = Folded::new(text);
        assert_eq!(folded.as_str(), "when i̇stanbul calls, i'll answer");
        let at = folded.as_str().find("i'll").unwrap();
        assert_eq!(folded.original_slice(at..at + 4), "I’ll");
        let city = folded.as_str().find("stanbul").unwrap();
        // The match starts inside the expansion of İ's lower case: the whole letter is taken.
        assert_eq!(folded.original_slice(city - 2..city + 7), "İstanbul");
        assert_eq!(folded.original_slice(city..city + 7), "stanbul");
    }

    #[test]
    fn letters_that_shrink_when_lowered_map_back_too() {
        // KELVIN SIGN (3 bytes) lowers to k (1 byte); ANGSTROM SIGN (3) to å (2).
        let text = "\u{212A}elvin and \u{212B}ngström";
        let folded = Folded::new(text);
        let at = folded.as_str().find("and").unwrap();
        assert_eq!(folded.original_slice(at..at + 3), "and");
        let end = folded.as_str().len();
        assert_eq!(folded.original_slice(at..end), "and \u{212B}ngström");
    }

    #[test]
    fn ranges_out_of_bounds_are_clamped() {
        let folded = Folded::new("abc");
        assert_eq!(folded.original_range(2..99), 2..3);
        assert_eq!(folded.original_range(99..120), 3..3);
        let (start, end) = (2, 1);
        assert_eq!(folded.original_range(start..end), 2..2);
    }

    #[test]
    fn words_are_found_at_word_starts_only() {
        assert_eq!(find_word_start("elif if so", "if"), Some(5));
        assert_eq!(find_word_start("if", "if"), Some(0));
        assert_eq!(find_word_start("élif", "if"), None);
        assert_eq!(find_word_start("anything", ""), None);
    }

    #[test]
    fn ascii_case_prefixes_never_split_a_character() {
        assert!(starts_with_ignore_ascii_case("By Friday", "by "));
        assert!(!starts_with_ignore_ascii_case("b", "by "));
        assert!(!starts_with_ignore_ascii_case("bé", "by "));
        assert!(!starts_with_ignore_ascii_case("İby", "by"));
    }
}
