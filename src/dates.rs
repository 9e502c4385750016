//! By-when dates as people type them: `2026-12-01`, `friday`, `next friday`, `dec 5th`,
//! `tomorrow`, `in a fortnight`, `end of week`, `EOQ`. Relative to a given day (the clock's
//! local date, so `OWNUP_NOW` pins it in tests). No terminal code.

mod phrase;
mod plan;
#[cfg(test)]
mod tests;
mod words;

use chrono::{Datelike as _, NaiveDate};

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

/// What [`parse_past`] understands, for messages.
pub const PAST_DATE_EXAMPLES: &str = "today, yesterday, monday, 3 days ago, nov 28, 2026-11-28";

/// The day `text` means looking back from `today`, for "when was it done": `today`,
/// `yesterday`, a weekday (`monday`, `last monday`: the latest one before today), `3 days
/// ago`, `a week ago`, or a date (`nov 28`, `28/11`, `2026-11-28`; without a year, the latest
/// such day on or before today). `None` if it is not a date, or is after today, or more than
/// ten years back.
pub fn parse_past(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let lowered = text.trim().trim_end_matches(['.', '!']).to_lowercase();
    let words: Vec<&str> = lowered
        .split_whitespace()
        .filter(|w| !matches!(*w, "on" | "it" | "was" | "done"))
        .collect();
    let back = |days: u64| today.checked_sub_days(chrono::Days::new(days));
    let day = match words.as_slice() {
        ["today"] => Some(today),
        ["yesterday"] => back(1),
        [weekday] | ["last", weekday] if words::weekday(weekday).is_some() => {
            let weekday = words::weekday(weekday)?;
            let behind =
                (today.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday() - 1) % 7 + 1;
            back(u64::from(behind))
        }
        [count, unit, "ago"] => {
            let n = match *count {
                "a" | "an" => 1,
                count => words::count_word(count)?,
            };
            let days = match words::unit(unit)? {
                words::Unit::Day => u64::from(n),
                words::Unit::Week => u64::from(n) * 7,
                _ => return None,
            };
            back(days)
        }
        _ => {
            // A date: the one `parse` finds counting from a year back, on or before today.
            let has_date = words
                .iter()
                .any(|w| w.chars().any(|c| c.is_ascii_digit()) || words::month(w).is_some());
            if !has_date {
                return None;
            }
            let found = parse(text, back(365)?.succ_opt()?)?;
            // Only a date that names its day: counting from today, it is the same day of the
            // same month ("in 3 days" is not).
            let ahead = parse(text, today)?;
            (found.month() == ahead.month() && found.day() == ahead.day()).then_some(found)
        }
    }?;
    (day <= today && today.signed_duration_since(day).num_days() <= 3653).then_some(day)
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

/// The when-then plan in `text`, if it has one (implementation intentions; COACHING.md):
/// `When X, I will Y`, `If X, I'll Y`, `Next time X, I'm going to Y`, `Whenever X, I Y` with
/// an action chosen (`I roll back first`, `I stop and ask for a review`), `When X, then Y` or
/// `When X, Y` with an imperative (`run it on staging first`), with or without the comma
/// before an "I". Not a story told in the past (`When I saw the alert, I rolled back`), a
/// counterfactual (`If I had checked, I would have caught it`), a prediction (`If I rush, I
/// will make mistakes`), a description of oneself (`When I'm tired I always make mistakes`)
/// or a wish (`I'd like to`). `then` is the action without its "I" and "will"; see
/// `dates/plan.rs` for the rules.
pub fn when_then(text: &str) -> Option<WhenThen> {
    plan::when_then(text)
}
