//! The by-when grammar behind [`super::parse`]: a phrase is cut into words, then matched
//! against the patterns below. A pattern covers the whole phrase, so text that only holds a
//! date ("friday's deploy notes", "the migration on friday") is not one.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::words::{
    Unit, clock, count_word, day_of_month, has_ordinal_suffix, month, number_of_digits, part_of_day, unit,
    weekday, year,
};

/// No by-when phrase is longer than this many words, or bytes; longer text is not read at all
/// (so that trying every ending of a long line stays cheap).
const MAX_WORDS: usize = 12;
const MAX_BYTES: usize = 200;

/// Further than this is not a date a commitment means (and shows without a year).
const MAX_DAYS_AHEAD: i64 = 3660;

/// The day a phrase means, and whether it closes a period ("end of week", "EOD", "tonight"):
/// "before" a period's end still means by then, but "before" a day means the day before it.
#[derive(Debug, Clone, Copy)]
struct When {
    day: NaiveDate,
    closes_period: bool,
}

impl When {
    fn day(day: NaiveDate) -> When {
        When {
            day,
            closes_period: false,
        }
    }

    fn end(day: NaiveDate) -> When {
        When {
            day,
            closes_period: true,
        }
    }
}

/// See [`super::parse`], which documents what each phrase means.
pub(super) fn parse(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() > MAX_BYTES {
        return None;
    }
    let lower = text.to_lowercase();
    let words = words(&lower)?;
    let (before, words) = lead(&words);
    let when = phrase(words, today)?;
    if before && !when.closes_period {
        // The last day it can still be done; "before today" is no day at all.
        when.day.pred_opt().filter(|day| *day >= today)
    } else {
        Some(when.day)
    }
}

/// The words of `text` (already lower case): split at spaces and commas, trailing
/// punctuation dropped, "end-of-week" read as "end of week". `None` when too long to be a
/// date.
fn words(text: &str) -> Option<Vec<&str>> {
    let text = text.trim().trim_end_matches(['.', ',', '!', '?', ';', ':']);
    let mut words = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        let word = word.trim_end_matches('.');
        if word.contains('-') && word.chars().all(|c| c.is_alphabetic() || c == '-') {
            words.extend(word.split('-').filter(|w| !w.is_empty()));
        } else if !word.is_empty() {
            words.push(word);
        }
        if words.len() > MAX_WORDS {
            return None;
        }
    }
    Some(words)
}

/// Strips the word that leads into a by-when: "by", "on", "until", "no later than" (which
/// change nothing) or "before" (which does: the flag is set).
fn lead<'a>(words: &'a [&'a str]) -> (bool, &'a [&'a str]) {
    match words {
        ["before", rest @ ..] => (true, rest),
        ["no" | "not", "later", "than", rest @ ..]
        | ["on", "or", "before", rest @ ..]
        | ["due", "by" | "on", rest @ ..]
        | ["by" | "on" | "until" | "till" | "til" | "due", rest @ ..] => (false, rest),
        _ => (false, words),
    }
}

/// The day `words` mean, a time of day ("tomorrow morning", "friday at 5pm") aside.
fn phrase(words: &[&str], today: NaiveDate) -> Option<When> {
    let mut words = match words {
        ["first", "thing", rest @ ..] => rest,
        _ => words,
    };
    loop {
        if let Some(when) = period(words, today)
            .or_else(|| weekday_phrase(words, today))
            .or_else(|| relative(words, today))
            .or_else(|| date(words, today))
        {
            return Some(when);
        }
        words = without_time_of_day(words)?;
    }
}

/// `words` without a trailing time of day, or `None` if they end with none (or are only one).
fn without_time_of_day<'a>(words: &'a [&'a str]) -> Option<&'a [&'a str]> {
    let rest = match words {
        [rest @ .., "at", "the", "latest"]
        | [rest @ .., "in", "the", "morning" | "afternoon" | "evening"]
        | [rest @ .., "end" | "close", "of", "day" | "business"] => rest,
        [rest @ .., "at", hour] if clock(hour, true) => rest,
        [rest @ .., "at", hour, "am" | "pm" | "a.m" | "p.m"] if clock(hour, true) => rest,
        [rest @ .., hour, "am" | "pm" | "a.m" | "p.m"] if clock(hour, true) => rest,
        [rest @ .., word] if part_of_day(word) || clock(word, false) => rest,
        _ => return None,
    };
    (!rest.is_empty()).then_some(rest)
}

/// Today, tomorrow, and the ends of days, weeks, months, quarters and years.
fn period(words: &[&str], today: NaiveDate) -> Option<When> {
    match words {
        ["today"] | ["this", "morning" | "afternoon" | "evening"] => Some(When::day(today)),
        ["tonight" | "eod" | "cob"] | ["close", "of", "business"] => Some(When::end(today)),
        ["tomorrow" | "tmrw" | "tmr"] => today.succ_opt().map(When::day),
        ["the", "day", "after", "tomorrow"] | ["day", "after", "tomorrow"] => {
            today.checked_add_days(Days::new(2)).map(When::day)
        }
        ["eow"] | ["this", "week"] => end_of_week(today).map(When::end),
        ["eom"] | ["this", "month"] => last_day_of(today.year(), today.month()).map(When::end),
        ["eoq"] | ["this", "quarter"] => end_of_quarter(today, 0).map(When::end),
        ["eoy"] | ["this", "year"] => last_day_of(today.year(), 12).map(When::end),
        ["next", "week"] => today.checked_add_days(Days::new(7)).map(When::day),
        // Jan 31 + 1 month is Feb 28 (or 29): chrono clamps to the month's last day.
        ["next", "month"] => today.checked_add_months(Months::new(1)).map(When::day),
        ["early", "next", "week"] | ["start" | "beginning", "of", "next", "week"] => {
            monday_of_next_week(today).map(When::day)
        }
        ["the", "end", "of", rest @ ..] | ["end", "of", rest @ ..] => end_of(rest, today),
        _ => None,
    }
}

/// "end of …": the last day of a day, week, month, quarter, year or a named month.
fn end_of(words: &[&str], today: NaiveDate) -> Option<When> {
    let this_month = || last_day_of(today.year(), today.month());
    let day = match words {
        ["day" | "today" | "business"] | ["the", "day"] => Some(today),
        ["week"] | ["the" | "this", "week"] => end_of_week(today),
        ["next", "week"] => end_of_week(today)?.checked_add_days(Days::new(7)),
        ["month"] | ["the" | "this", "month"] => this_month(),
        ["next", "month"] => {
            let next = today.with_day(1)?.checked_add_months(Months::new(1))?;
            last_day_of(next.year(), next.month())
        }
        ["quarter"] | ["the" | "this", "quarter"] => end_of_quarter(today, 0),
        ["next", "quarter"] => end_of_quarter(today, 1),
        ["year"] | ["the" | "this", "year"] => last_day_of(today.year(), 12),
        ["next", "year"] => last_day_of(today.year().checked_add(1)?, 12),
        [name] if month(name).is_some() => {
            let month = month(name)?;
            last_day_of(today.year(), month)
                .filter(|day| *day >= today)
                .or_else(|| last_day_of(today.year().checked_add(1)?, month))
        }
        [name, year] if month(name).is_some() => last_day_of(self::year(year)?, month(name)?),
        // "end of tomorrow", "end of friday": that day.
        words => Some(phrase(words, today)?.day),
    }?;
    Some(When::end(day))
}

/// Weekdays: `friday`, `this friday`, `next friday`, `friday next week`, `friday week`,
/// `a week on friday`, and a weekday that names a date (`friday dec 4`), which must agree with it.
fn weekday_phrase(words: &[&str], today: NaiveDate) -> Option<When> {
    let day = match words {
        [name] => next_weekday(today, weekday(name)?, false),
        ["this" | "coming", name] | ["this", "coming", name] => this_weekday(today, weekday(name)?),
        ["next", name] => this_weekday(today, weekday(name)?)?.checked_add_days(Days::new(7)),
        [name, "next", "week"] => {
            let ahead = weekday(name)?.num_days_from_monday();
            monday_of_next_week(today)?.checked_add_days(Days::new(ahead.into()))
        }
        // "thursday week", "a week on thursday", "a week from thursday": a week after "this
        // thursday", so the same day as "next thursday" — a week today when said on a Thursday.
        [name, "week"] | ["a", "week", "on" | "from", name] => {
            this_weekday(today, weekday(name)?)?.checked_add_days(Days::new(7))
        }
        [name, rest @ ..] => {
            let named = weekday(name)?;
            let when = date(rest, today)?;
            return (when.day.weekday() == named).then_some(when);
        }
        [] => None,
    }?;
    Some(When::day(day))
}

/// Counted from today: `in 10 days`, `within a fortnight`, `in a couple of days`,
/// `a week from now`, `in two weeks' time`, `in 3 working days`.
fn relative(words: &[&str], today: NaiveDate) -> Option<When> {
    let (count, unit) = match words {
        ["in" | "within", "the", "next", rest @ ..] | ["in" | "within", rest @ ..] => amount(rest)?,
        [rest @ .., "from", "now" | "today"] => amount(rest)?,
        _ => return None,
    };
    let count = u64::from(count);
    let day = match unit {
        Unit::Day => today.checked_add_days(Days::new(count)),
        Unit::WorkDay => add_work_days(today, count),
        Unit::Week => today.checked_add_days(Days::new(count.checked_mul(7)?)),
        Unit::Fortnight => today.checked_add_days(Days::new(count.checked_mul(14)?)),
        Unit::Month => today.checked_add_months(Months::new(u32::try_from(count).ok()?)),
        Unit::Year => today.checked_add_months(Months::new(u32::try_from(count.checked_mul(12)?).ok()?)),
    }?;
    let ahead = day.signed_duration_since(today).num_days();
    (ahead <= MAX_DAYS_AHEAD).then_some(When::day(day))
}

/// "3 days", "a couple of weeks", "two weeks' time", "3 business days".
fn amount(words: &[&str]) -> Option<(u32, Unit)> {
    let (count, rest) = match words {
        ["a", "couple", "of", rest @ ..] | ["a", "couple", rest @ ..] | ["couple", "of", rest @ ..] => {
            (2, rest)
        }
        ["a", "few", rest @ ..] | ["few", rest @ ..] => (3, rest),
        ["a" | "an", rest @ ..] => (1, rest),
        [count, rest @ ..] => (count_word(count)?, rest),
        [] => return None,
    };
    let unit = match rest {
        [name] => unit(name)?,
        [name, "time"] => unit(name.trim_end_matches("'s").trim_end_matches('\''))?,
        ["business" | "working", name] if unit(name) == Some(Unit::Day) => Unit::WorkDay,
        _ => return None,
    };
    Some((count, unit))
}

fn add_work_days(today: NaiveDate, count: u64) -> Option<NaiveDate> {
    // Bounded by the ten-year limit, so counting day by day stays cheap.
    if count > MAX_DAYS_AHEAD.unsigned_abs() {
        return None;
    }
    let mut day = today;
    let mut left = count;
    while left > 0 {
        day = day.succ_opt()?;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(day)
}

/// Calendar dates: `2026-12-05`, `5 December`, `Dec 5th`, `the 5th of December`,
/// `5 Dec 2027`, `the 15th`, and `18/12` or `12/18` when only one reading is a date.
fn date(words: &[&str], today: NaiveDate) -> Option<When> {
    let (the, words) = match words {
        ["the", rest @ ..] => (true, rest),
        _ => (false, words),
    };
    let day = match words {
        [number] if the || has_ordinal_suffix(number) => next_day_numbered(today, day_of_month(number)?),
        [single] => iso(single).or_else(|| numeric(single, today)),
        [a, b] | [a, "the" | "of", b] => day_and_month(today, a, b, None),
        [a, b, year] | [a, "the" | "of", b, year] => day_and_month(today, a, b, Some(year)),
        _ => None,
    }?;
    Some(When::day(day))
}

/// A day and a month in either order (`5 dec`, `dec 5th`), and perhaps a year.
fn day_and_month(today: NaiveDate, a: &str, b: &str, year: Option<&str>) -> Option<NaiveDate> {
    let (month, day) = match (month(a), month(b)) {
        (Some(month), None) => (month, day_of_month(b)?),
        (None, Some(month)) => (month, day_of_month(a)?),
        _ => return None,
    };
    let year = match year {
        Some(year) => Some(self::year(year)?),
        None => None,
    };
    month_day(today, month, day, year)
}

fn iso(word: &str) -> Option<NaiveDate> {
    let mut parts = word.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        self::year(year)?,
        number_of_digits(month, 1..=2)?,
        number_of_digits(day, 1..=2)?,
    )
}

/// `18/12`, `12/18`, `18/12/2026`: day and month either way round, but only when one of them
/// is over 12 (or they are the same); `12/11` could be either, so it is not a date.
fn numeric(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    let mut parts = word.split('/');
    let a = number_of_digits(parts.next()?, 1..=2)?;
    let b = number_of_digits(parts.next()?, 1..=2)?;
    let year = match parts.next() {
        Some(year) => Some(self::year(year)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let (day, month) = match (a, b) {
        (a, b) if a == b => (a, b),
        (a, b) if a > 12 && b <= 12 => (a, b),
        (a, b) if b > 12 && a <= 12 => (b, a),
        _ => return None,
    };
    month_day(today, month, day, year)
}

/// The day `day` of `month`: in `year` if given, or else in the year it obviously means —
/// this year if the month and day are still to come (or today), else next year. A day that
/// year does not have is no date: `Feb 29` said in 2026 means February 2027, which has no
/// 29th, and it must not silently become a day in 2028 (nor `April 31` become May 1).
fn month_day(today: NaiveDate, month: u32, day: u32, year: Option<i32>) -> Option<NaiveDate> {
    let year = match year {
        Some(year) => year,
        None if (month, day) >= (today.month(), today.day()) => today.year(),
        None => today.year().checked_add(1)?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The next day numbered `day` on or after today ("the 31st" in November is December 31).
fn next_day_numbered(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    (0..12)
        .filter_map(|ahead| first.checked_add_months(Months::new(ahead))?.with_day(day))
        .find(|date| *date >= today)
}

/// The next `weekday` after `today`, or today itself if `today_counts`.
fn next_weekday(today: NaiveDate, weekday: Weekday, today_counts: bool) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 && !today_counts { 7 } else { ahead };
    today.checked_add_days(Days::new(ahead.into()))
}

/// "this friday": the coming one, today if it is Friday.
fn this_weekday(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    next_weekday(today, weekday, true)
}

/// The Friday of this week: today on a Friday, the coming one on a weekend.
fn end_of_week(today: NaiveDate) -> Option<NaiveDate> {
    this_weekday(today, Weekday::Fri)
}

/// The Monday after [`end_of_week`].
fn monday_of_next_week(today: NaiveDate) -> Option<NaiveDate> {
    end_of_week(today)?.checked_add_days(Days::new(3))
}

/// The last day of the calendar quarter `ahead` quarters after today's.
fn end_of_quarter(today: NaiveDate, ahead: u32) -> Option<NaiveDate> {
    let quarter = today.month0() / 3 + ahead;
    let year = today.year().checked_add(i32::try_from(quarter / 4).ok()?)?;
    last_day_of(year, (quarter % 4) * 3 + 3)
}

fn last_day_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}
