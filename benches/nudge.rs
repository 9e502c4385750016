//! The coach's reading of an answer, as the app does it on every keystroke: `Lexicon::nudge`
//! (the first nudge, or none) and `Lexicon::nudges` (every one, as `ownup check` lists them) on
//! answers of 1 KB, 10 KB and 100 KB of realistic text with no nudge in it (the slowest case:
//! every pattern is tried everywhere) and with one at the end.

#[path = "common/timing.rs"]
mod timing;

use ownup::nudge::Lexicon;
use timing::time;

const PARAGRAPH: &str = "I deployed the billing change on Friday without running the migration \
    check, and the invoices for forty customers went out with the old tax rate. Dana noticed it \
    on Monday when a customer wrote in; I rolled back at 10:14 and we re-sent the invoices by \
    noon. The checklist had no step for migrations, and I skipped the dry run because I wanted \
    to leave early.\n";

fn main() {
    let lexicon = Lexicon::built_in();
    for kb in [1, 10, 100] {
        let mut text = String::new();
        while text.len() < kb * 1024 {
            text.push_str(PARAGRAPH);
        }
        time(50, || lexicon.nudge("acknowledge", &text)).report(&format!("nudge, {kb} KB, none found"));
        let with_one = format!("{text}It wasn't really my fault.");
        time(50, || lexicon.nudge("acknowledge", &with_one))
            .report(&format!("nudge, {kb} KB, one at the end"));
        time(20, || lexicon.nudges("acknowledge", &with_one)).report(&format!("nudges (all), {kb} KB"));
        // As the writing screen does it: one line changed since the last keystroke.
        let mut cache = ownup::nudge::LineCache::default();
        lexicon.nudge_cached("acknowledge", &with_one, &mut cache);
        let mut typed = with_one.clone();
        time(50, || {
            typed.push('x');
            lexicon.nudge_cached("acknowledge", &typed, &mut cache)
        })
        .report(&format!("a keystroke's nudge (lines cached), {kb} KB"));
    }
    // Hostile pastes on one line: a run of one filler word (once cubic: 800 words took a
    // minute), and many matches close together (each match's guards read a bounded window).
    for (what, unit, words) in [
        ("a run of \"just\"", "just ", 20_000),
        ("\"sorry but\" over and over", "sorry but ", 10_000),
    ] {
        let text = unit.repeat(words);
        time(5, || lexicon.nudges("acknowledge", &text)).report(&format!(
            "nudges (all), {what}, {} KB on one line",
            text.len() / 1024
        ));
    }
}
