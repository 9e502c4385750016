//! By-when dates as people type them: `2026-12-01`, `friday`, `next friday`, `tomorrow`,
//! `in 2 weeks`, `end of month`. Relative to a given day (the clock's local date, so
//! `OWNUP_NOW` pins it in tests). No terminal code.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::text::{Folded, find_word_start};

/// What `parse` understands, for messages.
pub const DATE_EXAMPLES: &str =
    "2026-12-01, friday, next friday, tomorrow, in 3 days, in 2 weeks, end of month";

/// The day `text` means, counted from `today`; `None` if it is not a date.
///
/// A weekday is the next one after today (`friday` said on a Friday is a week later);
/// `next friday` is the one after that.
pub fn parse(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches(['.', ',']).to_lowercase();
    let text = text.strip_prefix("by ").unwrap_or(&text).trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    match text {
        "today" | "tonight" | "eod" | "end of day" | "end of today" => return Some(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)),
        "end of week" | "end of the week" | "this week" => return next_weekday(today, Weekday::Fri, true),
        "end of month" | "end of the month" | "this month" => return end_of_month(today),
        "next week" => return today.checked_add_days(Days::new(7)),
        "next month" => return today.checked_add_months(Months::new(1)),
        _ => {}
    }
    if let Some(rest) = text.strip_prefix("next ")
        && let Some(weekday) = weekday(rest)
    {
        return next_weekday(today, weekday, false)?.checked_add_days(Days::new(7));
    }
    if let Some(weekday) = weekday(text) {
        return next_weekday(today, weekday, false);
    }
    let rest = text.strip_prefix("in ")?;
    let (count, unit) = rest.split_once(' ')?;
    let count: u32 = match count {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        n => n.parse().ok()?,
    };
    // Further than ten years is not a date a commitment means (and shows without a year).
    let (unit, limit) = match unit.trim_end_matches('s') {
        "day" => ("day", 3660),
        "week" => ("week", 520),
        "month" => ("month", 120),
        _ => return None,
    };
    if count > limit {
        return None;
    }
    match unit {
        "day" => today.checked_add_days(Days::new(count.into())),
        "week" => today.checked_add_days(Days::new(u64::from(count) * 7)),
        // Jan 31 + 1 month is Feb 28 (or 29): chrono clamps to the month's last day.
        "month" => today.checked_add_months(Months::new(count)),
        _ => None,
    }
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The next `weekday` after `today` (or today itself, if `today_counts`).
fn next_weekday(today: NaiveDate, weekday: Weekday, today_counts: bool) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 && !today_counts { 7 } else { ahead };
    today.checked_add_days(Days::new(ahead.into()))
}

fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    // 2026-11-22 is a Sunday.
    const SUNDAY: &str = "2026-11-22";

    #[test]
    fn iso_dates_and_simple_words() {
        let today = day(SUNDAY);
        assert_eq!(parse("2026-12-01", today), Some(day("2026-12-01")));
        assert_eq!(parse("by 2026-12-01.", today), Some(day("2026-12-01")));
        assert_eq!(parse("today", today), Some(today));
        assert_eq!(parse("Tomorrow", today), Some(day("2026-11-23")));
        assert_eq!(parse("next week", today), Some(day("2026-11-29")));
    }

    #[test]
    fn weekdays_are_the_next_one_and_next_weekday_the_one_after() {
        let today = day(SUNDAY);
        assert_eq!(parse("friday", today), Some(day("2026-11-27")));
        assert_eq!(parse("by Fri", today), Some(day("2026-11-27")));
        assert_eq!(parse("sunday", today), Some(day("2026-11-29")), "not today");
        assert_eq!(parse("monday", today), Some(day("2026-11-23")));
        assert_eq!(parse("next friday", today), Some(day("2026-12-04")));
        assert_eq!(parse("end of week", today), Some(day("2026-11-27")));
        assert_eq!(
            parse("end of week", day("2026-11-27")),
            Some(day("2026-11-27")),
            "on a Friday, today"
        );
    }

    #[test]
    fn in_n_days_weeks_and_months() {
        let today = day(SUNDAY);
        assert_eq!(parse("in 3 days", today), Some(day("2026-11-25")));
        assert_eq!(parse("in 1 day", today), Some(day("2026-11-23")));
        assert_eq!(parse("in 2 weeks", today), Some(day("2026-12-06")));
        assert_eq!(parse("in a week", today), Some(day("2026-11-29")));
        assert_eq!(parse("in two months", today), Some(day("2027-01-22")));
    }

    #[test]
    fn month_ends_are_clamped() {
        assert_eq!(parse("in 1 month", day("2027-01-31")), Some(day("2027-02-28")));
        assert_eq!(
            parse("in 1 month", day("2028-01-31")),
            Some(day("2028-02-29")),
            "leap year"
        );
        assert_eq!(parse("end of month", day("2026-02-10")), Some(day("2026-02-28")));
        assert_eq!(parse("end of month", day("2026-12-31")), Some(day("2026-12-31")));
        assert_eq!(
            parse("in 3 days", day("2026-12-30")),
            Some(day("2027-01-02")),
            "over a year end"
        );
    }

    #[test]
    fn what_is_not_a_date() {
        let today = day(SUNDAY);
        for text in [
            "soon",
            "asap",
            "",
            "in a while",
            "2026-13-01",
            "next",
            "in 3 fortnights",
        ] {
            assert_eq!(parse(text, today), None, "{text}");
        }
    }

    #[test]
    fn the_day_is_the_local_day_of_the_clock() {
        // 23:30 in New York on the 22nd is already the 23rd in UTC: "tomorrow" follows the local day.
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:30:00-05:00").unwrap();
        assert_eq!(parse("tomorrow", at.date_naive()), Some(day("2026-11-23")));
        let utc = at.with_timezone(&chrono::Utc);
        assert_eq!(parse("tomorrow", utc.date_naive()), Some(day("2026-11-24")));
    }

    #[test]
    fn when_then_plans_are_recognised() {
        let plan =
            when_then("When I am about to deploy on a Friday, I will ask for a second review.").unwrap();
        assert_eq!(plan.when, "I am about to deploy on a Friday");
        assert_eq!(plan.then, "ask for a second review");
        let plan = when_then("Next time a client emails late at night I'll wait until morning").unwrap();
        assert_eq!(plan.when, "a client emails late at night");
        assert_eq!(plan.then, "wait until morning");
        let plan = when_then("Whenever the build is red, then I will stop and fix it first.").unwrap();
        assert_eq!(plan.when, "the build is red");
        assert_eq!(plan.then, "stop and fix it first");
        assert!(when_then("If I feel rushed, I will say so.").is_some());
    }

    #[test]
    fn sentences_that_are_not_plans() {
        for text in [
            "I will ask for a second review.",
            "When it happened I panicked.",
            "Somewhen I will fix it.",
            "The time when I will remember this",
            "",
        ] {
            assert_eq!(when_then(text), None, "{text}");
        }
    }

    #[test]
    fn further_than_ten_years_is_not_understood_as_a_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(parse("in 13000000 weeks", today), None);
        assert_eq!(parse("in 999999 weeks", today), None);
        assert!(parse("in 520 weeks", today).is_some());
        assert_eq!(parse("in 121 months", today), None);
    }
}
