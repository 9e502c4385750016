//! Every pure function that reads a person's words is total over Unicode: letters whose lower
//! case has another length (İ, K, ẞ), combining marks, right-to-left text, emoji sequences and
//! control characters never make it panic, and what it reports back is taken from the text.

use chrono::NaiveDate;
use proptest::prelude::*;

use ownup::apology::Apology;
use ownup::nudge::Lexicon;
use ownup::script::Script;
use ownup::search::{Highlight, Item, Query, Searcher};
use ownup::session::{Session, Status};
use ownup::text::Folded;

/// Pieces that make text hard: case changes that change byte or character counts, combining
/// marks, bidi controls, RTL scripts, emoji ZWJ sequences, C0/C1 controls, and the words the
/// readers look for, so that the interesting paths are taken.
const PIECES: &[&str] = &[
    "İ",
    "\u{212A}",
    "\u{212B}",
    "ẞ",
    "ΐ",
    "ﬁ",
    "Σ",
    "ς",
    "e\u{301}",
    "\u{300}",
    "\u{202E}",
    "\u{2067}",
    "שלום",
    "مرحبا",
    "👩\u{200D}👩\u{200D}👧",
    "🇫🇷",
    "\u{1b}]0;x\u{7}",
    "\u{9b}",
    "\0",
    "\r",
    "\n",
    "\t",
    " ",
    ", ",
    "When ",
    "WHEN İ ",
    "if ",
    " I will ",
    " I’ll ",
    ", then I will ",
    " — ",
    " - ",
    "; ",
    "By ",
    "by friday",
    "in 2 weeks",
    " on Thursday",
    " before ",
    "Sam will ",
    "(",
    ")",
    "Dec 5th",
    "end of next week",
    "12/18",
    "2026-12-01",
    "sorry if",
    "I ",
    "not my fault",
    "they should have",
    "idiot",
    "-",
    "•",
    ".",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat()),
        2 => proptest::collection::vec(
            prop_oneof![proptest::sample::select(PIECES).prop_map(str::to_string), any::<char>().prop_map(String::from)],
            0..24,
        )
        .prop_map(|p| p.concat()),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn folding_maps_every_range_back_onto_character_boundaries(text in hostile(), a in 0usize..200, b in 0usize..200) {
        let folded = Folded::new(&text);
        let range = folded.original_range(a.min(b)..a.max(b));
        prop_assert!(range.start <= range.end && range.end <= text.len());
        prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        prop_assert_eq!(folded.original_slice(0..folded.as_str().len()), text.as_str());
        // What the range covers of the original folds to text that holds what it covers of the copy.
        let (a, b) = (a.min(folded.as_str().len()), b.min(folded.as_str().len()));
        let copy = folded.as_str();
        if let Some(part) = copy.get(a.min(b)..a.max(b)) {
            let back = folded.original_slice(a.min(b)..a.max(b));
            prop_assert!(Folded::new(back).as_str().contains(part), "{:?} → {:?}", part, back);
        }
    }

    #[test]
    fn dates_never_panic(text in hostile()) {
        let _ = ownup::dates::parse(&text, today());
    }

    #[test]
    fn when_then_plans_are_taken_from_the_text(text in hostile()) {
        if let Some(plan) = ownup::dates::when_then(&text) {
            prop_assert!(text.contains(&plan.when), "{:?} not in {:?}", plan.when, text);
            prop_assert!(text.contains(&plan.then), "{:?} not in {:?}", plan.then, text);
        }
    }

    #[test]
    fn commitments_are_taken_from_the_text(text in hostile()) {
        for c in ownup::commitment::parse(&text, today()) {
            prop_assert!(c.action.is_empty() || text.contains(&c.action));
            prop_assert!(c.owner == "me" || text.contains(&c.owner));
            // The day is what the words kept say, so a reader of `by` alone agrees with it.
            let due = if c.by.is_empty() { None } else { ownup::dates::parse(&c.by, today()) };
            prop_assert_eq!(c.due, due);
        }
    }

    #[test]
    fn nudges_never_panic(text in hostile(), step in proptest::sample::select(&["acknowledge", "apologize", "learn", "improve", ""][..])) {
        let _ = Lexicon::built_in().nudge(step, &text);
    }

    #[test]
    fn apologies_never_panic(to in hostile(), did in hostile(), repair in hostile(), explain in hostile()) {
        let apology = Apology { to, did, repair, explain, ..Apology::default() };
        let _ = apology.advice();
        let _ = apology.missing();
        let _ = apology.is_empty();
        let _ = apology.message();
    }

    #[test]
    fn search_highlights_stay_inside_what_they_highlight(
        title in hostile(),
        body in hostile(),
        query in hostile(),
    ) {
        let mut item = Item::new(&title, Some(Status::Draft), "own-it", Some(today()));
        item.set_body(body.clone());
        let items = vec![item];
        let index = ownup::search::Index::new(&items);
        let query = Query::parse(&query);
        for hit in Searcher::default().search(&items, &index, &query) {
            match hit.highlight {
                Some(Highlight::Title(positions)) => {
                    let n = title.chars().count() as u32;
                    prop_assert!(positions.iter().all(|&p| p < n));
                }
                Some(Highlight::Answer { line, positions }) => {
                    prop_assert!(body.lines().any(|l| l == line));
                    let n = line.chars().count() as u32;
                    prop_assert!(positions.iter().all(|&p| p < n), "{:?} in {:?}", positions, line);
                }
                None => {}
            }
        }
    }

    #[test]
    fn hanging_indents_never_panic_and_keep_every_word(text in hostile(), width in 0u16..120) {
        let lines = ownup::tui::view::indented(&text, "  ", width);
        let words: Vec<&str> = text.split_whitespace().collect();
        let kept: Vec<String> = lines.iter().flat_map(|l| l.split_whitespace().map(String::from)).collect();
        prop_assert_eq!(kept, words);
    }

    #[test]
    fn sessions_read_any_answers(answers in proptest::collection::vec(hostile(), 19)) {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        let mut session = Session::new("20261122-234501".into(), &Script::default_script(), now);
        let positions: Vec<_> = session.positions().collect();
        for (pos, answer) in positions.into_iter().zip(answers) {
            session.set_answer(pos, answer);
        }
        session.sync_commitments(today());
        let _ = session.title();
        let _ = ownup::stats::Stats::of(&[session.clone()], today()).to_text();
        let _ = ownup::export::to_markdown(&session, true);
        let _ = ownup::search::answers_text(&session);
    }
}
