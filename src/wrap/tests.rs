use proptest::prelude::*;

use super::*;

/// The lines `text` wraps into at `width`, as the text they show.
fn lines(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width).into_iter().map(|l| &text[l.range]).collect()
}

#[test]
fn a_paragraph_with_long_words_punctuation_and_cjk_breaks_like_a_book() {
    let text = "I did it, sorry . It was mine. A incomprehensibilities-laden excuse \
                would not help… 私の大きなミスです。本当にすみませんでした。";
    assert_eq!(
        lines(text, 12),
        [
            "I did it,",
            // The stop after a space comes down with the word before it.
            "sorry . It",
            // The stop after a word stays with it.
            "was mine. A",
            // Too long for a line of its own: broken, then on at a hyphen.
            "incomprehens",
            "ibilities-",
            "laden excuse",
            "would not",
            "help… 私の大",
            // 。 never starts a line: す comes down with it.
            "きなミスで",
            "す。本当にす",
            "みませんでし",
            "た。",
        ]
    );
}

#[test]
fn spaces_at_a_break_end_the_line_before_and_are_not_shown() {
    let text = "hello   world";
    let wrapped = wrap(text, 7);
    assert_eq!(lines(text, 7), ["hello", "world"]);
    assert_eq!(wrapped[0].range, 0..5);
    assert_eq!(wrapped[1].range, 8..13);
    assert!(wrapped[0].first && !wrapped[1].first);
    // At the end of a paragraph too.
    assert_eq!(wrap("done   ", 20)[0].range, 0..4);
}

#[test]
fn a_closing_mark_never_starts_a_line() {
    assert_eq!(lines("It was mine.", 11), ["It was", "mine."]);
    assert_eq!(lines("I did it, sorry .", 15), ["I did it,", "sorry ."]);
    assert_eq!(lines("(this one)", 9), ["(this", "one)"]);
    assert_eq!(lines("wait … what", 6), ["wait …", "what"]);
    assert_eq!(lines("你好，世界。", 4), ["你", "好，", "世", "界。"]);
    // A word too long for the line keeps its last letter with the stop.
    assert_eq!(lines("abcdefghij.", 10), ["abcdefghi", "j."]);
    assert_eq!(lines("abcdefghij", 10), ["abcdefghij"]);
    // With nothing else to carry, punctuation is broken like a word.
    assert_eq!(lines("........", 5), [".....", "..."]);
}

#[test]
fn an_opening_mark_stays_with_what_it_opens() {
    assert_eq!(lines("「はい」と言った", 6), ["「は", "い」と", "言った"]);
    assert_eq!(lines("so « oui » then", 8), ["so", "« oui »", "then"]);
}

#[test]
fn a_long_word_is_broken_only_when_it_cannot_fit_on_its_own_line() {
    assert_eq!(
        lines("a incomprehensibilities b", 10),
        ["a", "incomprehe", "nsibilitie", "s b"]
    );
    // It fits on a line of its own: moved down whole.
    assert_eq!(lines("a incomprehensible", 16), ["a", "incomprehensible"]);
    // A path breaks after a slash in the second half of the line: the file name stays whole.
    assert_eq!(
        lines("/home/me/.local/share/ownup/sessions/20261122-234501.ron", 48),
        ["/home/me/.local/share/ownup/sessions/", "20261122-234501.ron"]
    );
    // Not in the first half: that would waste the line.
    assert_eq!(lines("/a/bcdefghijklmnop", 10), ["/a/bcdefgh", "ijklmnop"]);
}

#[test]
fn hyphens_and_dashes_between_letters_are_places_to_break() {
    assert_eq!(lines("a well-known problem", 8), ["a well-", "known", "problem"]);
    assert_eq!(lines("mine—all of it", 6), ["mine—", "all of", "it"]);
    // Not a leading minus, nor a date.
    assert_eq!(lines("-5 and 2026-11-22", 4), ["-5", "and", "2026", "-11-", "22"]);
}

#[test]
fn line_breaks_indents_and_tabs_are_kept() {
    assert_eq!(lines("one\n\ntwo", 10), ["one", "", "two"]);
    assert_eq!(lines("", 10), [""]);
    assert_eq!(lines("  indented text here", 10), ["  indented", "text here"]);
    // An indent the first word does not fit after: the word goes down whole.
    assert_eq!(lines("    abc.", 5), ["", "abc."]);
    assert_eq!(lines("\ta.", 5), ["", "a."]);
    assert_eq!(lines("a\tb", 8), ["a\tb"]);
    assert_eq!(displayed("a\tb"), "a   b");
    assert_eq!(width("a\tb"), 5);
    assert_eq!(lines("abc\tdefg", 6), ["abc", "defg"]);
    // A no-break space holds its words together.
    assert_eq!(lines("page\u{a0}12 of it", 8), ["page\u{a0}12", "of it"]);
}

#[test]
fn graphemes_stay_whole_and_count_as_the_terminal_draws_them() {
    assert_eq!(
        lines("e\u{301}e\u{301}e\u{301}", 2),
        ["e\u{301}e\u{301}", "e\u{301}"]
    );
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(lines(&format!("{family}{family}"), 3), [family, family]);
    assert_eq!(width(family), 2);
    // One wide character in a line too narrow for it: alone on its line.
    assert_eq!(lines("日本", 1), ["日", "本"]);
    assert_eq!(lines("a", 0), ["a"]);
    // Control characters are not drawn.
    assert_eq!(width("a\u{1b}b"), 2);
    assert_eq!(displayed("a\u{1b}b"), "ab");
}

/// Whether `text` is only spaces a line may break at.
fn only_spaces(text: &str) -> bool {
    text.graphemes(true).all(|g| class(g) == Class::Space)
}

proptest! {
    #[test]
    fn wrapping_keeps_every_rule_for_any_text(
        text in prop_oneof![
            "\\PC{0,300}",
            "[a-z .,!?«»()\\-—。、日本語ﾞ\u{301}\t\n]{0,200}",
            "((\\PC{1,30}) {0,3}){0,20}",
        ],
        width in 0usize..60,
    ) {
        let wrapped = wrap(&text, width);
        let width = width.max(1);
        prop_assert!(!wrapped.is_empty());
        prop_assert_eq!(wrapped[0].range.start, 0);
        prop_assert!(wrapped[0].first);
        prop_assert_eq!(wrapped.iter().filter(|l| l.first).count(), text.split('\n').count());
        for (i, line) in wrapped.iter().enumerate() {
            let shown = &text[line.range.clone()];
            prop_assert!(!shown.contains('\n'));
            // No wider than the line, unless one grapheme alone is.
            prop_assert!(
                width_of(shown) <= width || shown.graphemes(true).count() == 1,
                "{:?} is wider than {}", shown, width
            );
            if i == 0 {
                continue;
            }
            let before = &wrapped[i - 1];
            // What is between two lines is spaces, and a line break before a paragraph.
            let gap = &text[before.range.end..line.range.start];
            if line.first {
                let (spaces, rest) = gap.split_at(gap.find('\n').unwrap_or(gap.len()));
                prop_assert!(only_spaces(spaces), "{:?}", gap);
                prop_assert_eq!(rest, "\n");
            } else {
                prop_assert!(only_spaces(gap), "{:?}", gap);
                // No continuation line starts with a space…
                prop_assert!(!shown.graphemes(true).next().is_some_and(|g| class(g) == Class::Space), "{:?}", shown);
                // …nor with a closing mark, unless the line before had nothing else to carry.
                if let Some(g) = shown.graphemes(true).next()
                    && class(g) == Class::Close
                {
                    let carried = &text[before.range.clone()];
                    prop_assert!(
                        carried.graphemes(true).skip(1).all(|g| matches!(class(g), Class::Close | Class::Space)),
                        "{:?} then {:?}", carried, shown
                    );
                }
            }
        }
        let last = &wrapped[wrapped.len() - 1];
        prop_assert!(only_spaces(&text[last.range.end..]));
    }

    /// Lines are filled: the next line's first word would not have fitted on the line before.
    #[test]
    fn a_line_breaks_only_when_the_next_word_does_not_fit(
        words in prop::collection::vec("[a-z]{1,12}", 1..40),
        width in 12usize..50,
    ) {
        let text = words.join(" ");
        let shown = lines(&text, width);
        for pair in shown.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap_or_default();
            prop_assert!(pair[0].len() + 1 + next_word.len() > width, "{:?}", pair);
        }
        prop_assert_eq!(shown.join(" "), text);
    }
}

/// The width of a line of the output (no tabs to worry about past its start).
fn width_of(shown: &str) -> usize {
    width(shown)
}
