//! What single words of a by-when mean: weekdays, months, numbers, days of the month,
//! units of time and times of day. The patterns that join them are in `phrase`.

use chrono::Weekday;

/// Whether `word` names a part of a day ("morning", "EOD"), which does not change the day.
pub(super) fn part_of_day(word: &str) -> bool {
    matches!(
        word,
        "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "noon"
            | "midday"
            | "lunch"
            | "lunchtime"
            | "eod"
            | "cob"
    )
}

/// Whether `word` is a time on the clock: `5pm`, `5:30pm`, `17:00`, `noon`; a bare hour (`5`)
/// only when `after_at` ("at 5").
pub(super) fn clock(word: &str, after_at: bool) -> bool {
    if matches!(word, "noon" | "midday") {
        return true;
    }
    let (time, meridiem) = match word.strip_suffix("am").or_else(|| word.strip_suffix("pm")) {
        Some(time) => (time, true),
        None => (word, false),
    };
    let (hour, minute) = match time.split_once([':', '.']) {
        Some((hour, minute)) => (hour, Some(minute)),
        None => (time, None),
    };
    let hours = if meridiem { 1..=12 } else { 0..=23 };
    let hour_ok = number_of_digits(hour, 1..=2).is_some_and(|h| hours.contains(&h));
    match minute {
        Some(minute) => hour_ok && number_of_digits(minute, 2..=2).is_some_and(|m| m < 60),
        None => hour_ok && (meridiem || after_at),
    }
}

/// A unit of time to count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    WorkDay,
    Week,
    Fortnight,
    Month,
    Year,
}

/// The unit `word` names, singular or plural ("day", "weeks").
pub(super) fn unit(word: &str) -> Option<Unit> {
    Some(match word.strip_suffix('s').unwrap_or(word) {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "fortnight" => Unit::Fortnight,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// A count written in figures (`10`) or words (`two`).
pub(super) fn count_word(word: &str) -> Option<u32> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    match words.iter().position(|w| *w == word) {
        Some(i) => u32::try_from(i + 1).ok(),
        None => match word {
            "twenty" => Some(20),
            "thirty" => Some(30),
            word => number_of_digits(word, 1..=4),
        },
    }
}

/// A day of the month: `5`, `05`, `5th` (a wrong suffix, `5st`, is none).
pub(super) fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(char::is_alphabetic);
    let day = number_of_digits(digits, 1..=2).filter(|d| (1..=31).contains(d))?;
    let suffix = &word[digits.len()..];
    (suffix.is_empty() || suffix == ordinal_suffix(day)).then_some(day)
}

/// Whether `word` is a day of the month written as an ordinal (`15th`).
pub(super) fn has_ordinal_suffix(word: &str) -> bool {
    word.ends_with(|c: char| c.is_alphabetic()) && day_of_month(word).is_some()
}

/// The suffix of the ordinal of `n`: `st`, `nd`, `rd` or `th`.
fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A year written in four figures.
pub(super) fn year(word: &str) -> Option<i32> {
    i32::try_from(number_of_digits(word, 4..=4)?).ok()
}

/// `word` as a number, when it is only ASCII digits and their count is in `len`.
pub(super) fn number_of_digits(word: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// The month (1 to 12) `word` names, in full or in short (`dec`, `sept`).
pub(super) fn month(word: &str) -> Option<u32> {
    let months = [
        ["january", "jan"],
        ["february", "feb"],
        ["march", "mar"],
        ["april", "apr"],
        ["may", "may"],
        ["june", "jun"],
        ["july", "jul"],
        ["august", "aug"],
        ["september", "sep"],
        ["october", "oct"],
        ["november", "nov"],
        ["december", "dec"],
    ];
    let word = if word == "sept" { "sep" } else { word };
    let i = months.iter().position(|names| names.contains(&word))?;
    u32::try_from(i + 1).ok()
}

/// The weekday `word` names, in full or in short (`fri`, `thurs`).
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" | "weds" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}
