//! By-when dates as people type them: `2026-12-01`, `friday`, `next friday`, `dec 5th`,
//! `tomorrow`, `in a fortnight`, `end of week`, `EOQ`. Relative to a given day (the clock's
//! local date, so `OWNUP_NOW` pins it in tests). No terminal code.

mod phrase;
#[cfg(test)]
mod tests;
mod words;

use chrono::NaiveDate;

use crate::text::{Folded, find_word_start};

/// What `parse` understands, for messages.
pub const DATE_EXAMPLES: &str =
    "friday, next friday, dec 5, tomorrow, in 3 days, end of week, end of month, 2026-12-01";

/// The day `text` means, counted from `today`; `None` if it is not (only) a date.
///
/// Case does not matter, trailing punctuation is ignored, and a leading `by`, `on`, `until`,
/// `due` or `no later than` changes nothing. What is understood:
///
/// - **Weekdays** (`friday`, `fri`, `thurs`): the next one after today, so `friday` said on a
///   Friday is a week later. `this friday` is the coming one, today if it is Friday.
///   `next friday` is a week after `this friday`: said Sunday to Thursday, the Friday of next
///   week; on a Friday, a week later; on a Saturday, the Friday after the coming one. "Next"
///   means "not the coming one", so `next monday` said on a Wednesday is twelve days later;
///   `monday next week` is the Monday after this week's Friday. `thursday week`, `a week on
///   thursday` and `a week from thursday` are a week after `this thursday` (the same day as
///   `next thursday`; said on a Thursday, a week today). A weekday before a date
///   (`fri dec 4`) must agree with it, or it is no date.
/// - **Dates**: `2026-12-05`, `5 December`, `December 5`, `Dec 5th`, `the 5th of December`,
///   `5 Dec 2027`; `the 15th` is the next 15th on or after today. Without a year, the next
///   such day on or after today (`Jan 3` said on Dec 30 is next year's). A day the year it
///   means does not have is no date, never another day: `Feb 29` is understood only when the
///   coming February has a 29th, and `April 31` never. `12/18` and `18/12` are December 18, but `12/11` could be either and is
///   not a date. An impossible day (`Feb 30`, `32 Dec`) is not a date.
/// - **Counted from today**: `in 10 days`, `within 3 days`, `in two weeks`, `in a fortnight`,
///   `in one month` (Jan 31 + 1 month is Feb 28, or 29), `in a couple of days` (2),
///   `in a few days` (3), `in 3 working days`, `a week from now`, `next week` (7 days),
///   `next month`. Not further than ten years.
/// - **Periods**: `today`, `tonight`, `EOD`, `end of day` are today; `tomorrow`, `tmrw`;
///   `end of week`/`EOW` is the Friday of this week (today on a Friday; on a Saturday or
///   Sunday the week ahead is "this week", so the coming Friday); `end of next week` is a
///   week after that, and `early next week` the Monday in between. `end of month`/`EOM`,
///   `end of quarter`/`EOQ` (of the calendar quarter), `end of year`/`EOY`, `end of
///   December` (the next December 31 on or after today).
/// - **`before`**: `before thursday` is the day before (Wednesday: the last day it can still
///   be done), but `before end of week` is by then. `before today` is no day.
/// - A time of day after the day is ignored: `tomorrow morning`, `friday at 5pm`,
///   `dec 5 end of day`, `monday at the latest`.
pub fn parse(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    phrase::parse(text, today)
}

/// `at` written with the strftime `format`, or `None` where chrono cannot write it (a
/// specifier it only parses, like `%#z`): its `Display` would otherwise fail, and
/// `to_string` panic.
pub fn try_format(at: &chrono::DateTime<chrono::FixedOffset>, format: &str) -> Option<String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    write!(out, "{}", at.format(format)).ok()?;
    Some(out)
}

/// A when-then plan: "When X, I will Y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenThen {
    /// The situation.
    pub when: String,
    /// What will be done then.
    pub then: String,
}

/// The when-then plan in `text`, if it has one: `When X, I will Y`, `When X I'll Y`,
/// `If X, I will Y`, `Next time X, I will Y` (implementation intentions; COACHING.md).
pub fn when_then(text: &str) -> Option<WhenThen> {
    // Found in a folded copy, taken from the original: lower-casing may change lengths.
    let folded = Folded::new(text);
    let lower = folded.as_str();
    let starts = ["when ", "whenever ", "if ", "next time "];
    let (start, lead) = starts
        .iter()
        .filter_map(|s| find_word_start(lower, s).map(|i| (i, s.len())))
        .min_by_key(|(i, _)| *i)?;
    let after = start + lead;
    let wills = [
        ", i will ",
        " i will ",
        ", i'll ",
        " i'll ",
        ", then i will ",
        " then i will ",
    ];
    let (at, len) = wills
        .iter()
        .filter_map(|w| lower[after..].find(w).map(|i| (after + i, w.len())))
        .min_by_key(|(i, _)| *i)?;
    let when = folded.original_slice(after..at);
    let then = folded.original_slice(at + len..lower.len());
    let when = when.trim().trim_end_matches(',').trim();
    let then = then.trim().trim_end_matches(['.', '!']).trim();
    if when.is_empty() || then.is_empty() {
        return None;
    }
    // Keep the first sentence of the action.
    let then = then.split(['\n']).next().unwrap_or(then).trim();
    Some(WhenThen {
        when: when.to_string(),
        then: then.to_string(),
    })
}
