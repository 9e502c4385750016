//! What `parse` understands (`when_then`: plan/tests.rs).

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
        "in 3 sprints",
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
fn further_than_ten_years_is_not_understood_as_a_date() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert_eq!(parse("in 13000000 weeks", today), None);
    assert_eq!(parse("in 999999 weeks", today), None);
    assert!(parse("in 520 weeks", today).is_some());
    assert_eq!(parse("in 121 months", today), None);
}

// The days the table is said on.
const WEDNESDAY: &str = "2026-11-25";
const THURSDAY: &str = "2026-11-26";
const FRIDAY: &str = "2026-11-27";
const SATURDAY: &str = "2026-11-28";
const DEC_30: &str = "2026-12-30";
const DEC_31: &str = "2026-12-31";
const TUESDAY: &str = "2026-12-01";

/// Said on, phrase, the exact day meant (or `None`: not a date).
const PHRASES: &[(&str, &str, Option<&str>)] = &[
    // Weekdays: the next one after today; "this" counts today, "next" is a week after "this".
    (SUNDAY, "friday", Some("2026-11-27")),
    (SUNDAY, "Friday", Some("2026-11-27")),
    (SUNDAY, "fri", Some("2026-11-27")),
    (SUNDAY, "thurs", Some("2026-11-26")),
    (SUNDAY, "thu", Some("2026-11-26")),
    (SUNDAY, "weds", Some("2026-11-25")),
    (SUNDAY, "this friday", Some("2026-11-27")),
    (SUNDAY, "this coming friday", Some("2026-11-27")),
    (SUNDAY, "next friday", Some("2026-12-04")),
    (SUNDAY, "sunday", Some("2026-11-29")),
    (SUNDAY, "this sunday", Some("2026-11-22")),
    (SUNDAY, "next Monday", Some("2026-11-30")),
    (SUNDAY, "by friday", Some("2026-11-27")),
    (SUNDAY, "on Friday.", Some("2026-11-27")),
    (SUNDAY, "until friday", Some("2026-11-27")),
    (SUNDAY, "no later than Friday!", Some("2026-11-27")),
    (SUNDAY, "BY FRIDAY", Some("2026-11-27")),
    (SUNDAY, "due friday", Some("2026-11-27")),
    (FRIDAY, "friday", Some("2026-12-04")),
    (FRIDAY, "this friday", Some("2026-11-27")),
    (FRIDAY, "next friday", Some("2026-12-04")),
    (WEDNESDAY, "friday", Some("2026-11-27")),
    (WEDNESDAY, "monday", Some("2026-11-30")),
    (WEDNESDAY, "this monday", Some("2026-11-30")),
    (WEDNESDAY, "next monday", Some("2026-12-07")),
    (WEDNESDAY, "next friday", Some("2026-12-04")),
    (WEDNESDAY, "monday next week", Some("2026-11-30")),
    (WEDNESDAY, "friday next week", Some("2026-12-04")),
    (SATURDAY, "friday", Some("2026-12-04")),
    (SATURDAY, "next friday", Some("2026-12-11")),
    (SATURDAY, "next saturday", Some("2026-12-05")),
    (SUNDAY, "fri dec 4", Some("2026-12-04")),
    (SUNDAY, "thursday the 26th", Some("2026-11-26")),
    (SUNDAY, "Friday 5 Dec", None), // Dec 5 is a Saturday: which was meant?
    // "thursday week", "a week on thursday": a week after "this thursday" (= "next thursday").
    (TUESDAY, "thursday week", Some("2026-12-10")),
    (TUESDAY, "Thursday week", Some("2026-12-10")),
    (TUESDAY, "by thursday week", Some("2026-12-10")),
    (TUESDAY, "thurs week", Some("2026-12-10")),
    (TUESDAY, "thursday week at 5pm", Some("2026-12-10")),
    (TUESDAY, "a week on Thursday", Some("2026-12-10")),
    (TUESDAY, "a week from thursday", Some("2026-12-10")),
    (TUESDAY, "Thursday next week", Some("2026-12-10")),
    (TUESDAY, "next thursday", Some("2026-12-10")),
    (TUESDAY, "monday week", Some("2026-12-14")),
    (TUESDAY, "tuesday week", Some("2026-12-08")), // said on a Tuesday: a week today
    (THURSDAY, "thursday week", Some("2026-12-03")),
    (THURSDAY, "a week on thursday", Some("2026-12-03")),
    (THURSDAY, "friday week", Some("2026-12-04")),
    (SATURDAY, "sunday week", Some("2026-12-06")),
    (SATURDAY, "saturday week", Some("2026-12-05")),
    (TUESDAY, "thursday weeks", None),
    (TUESDAY, "week thursday", None),
    (TUESDAY, "a week on", None),
    (TUESDAY, "a week on Dec 5", None),
    (TUESDAY, "a week on thursday week", None),
    // Dates in words and numbers: without a year, the next such day on or after today.
    (SUNDAY, "5 December", Some("2026-12-05")),
    (SUNDAY, "December 5", Some("2026-12-05")),
    (SUNDAY, "Dec 5", Some("2026-12-05")),
    (SUNDAY, "dec 5th", Some("2026-12-05")),
    (SUNDAY, "Dec. 5", Some("2026-12-05")),
    (SUNDAY, "5th of December", Some("2026-12-05")),
    (SUNDAY, "the 5th of December", Some("2026-12-05")),
    (SUNDAY, "December the 5th", Some("2026-12-05")),
    (SUNDAY, "sept 3", Some("2027-09-03")),
    (SUNDAY, "the 15th", Some("2026-12-15")),
    (SUNDAY, "by the 15th", Some("2026-12-15")),
    (SUNDAY, "the 22nd", Some("2026-11-22")),
    (SUNDAY, "the 23rd", Some("2026-11-23")),
    (SUNDAY, "the 31st", Some("2026-12-31")), // November has no 31st
    (SUNDAY, "2026-12-05", Some("2026-12-05")),
    (SUNDAY, "2025-12-05", Some("2025-12-05")), // a year written is kept, past or not
    (SUNDAY, "12/18", Some("2026-12-18")),
    (SUNDAY, "18/12", Some("2026-12-18")),
    (SUNDAY, "5/5", Some("2027-05-05")),
    (SUNDAY, "18/12/2027", Some("2027-12-18")),
    (SUNDAY, "5 Dec 2027", Some("2027-12-05")),
    (SUNDAY, "Dec 5, 2027", Some("2027-12-05")),
    (SUNDAY, "Nov 22", Some("2026-11-22")),
    (SUNDAY, "Nov 1", Some("2027-11-01")),
    (DEC_30, "Jan 3", Some("2027-01-03")),
    (DEC_30, "3 January", Some("2027-01-03")),
    (DEC_30, "Dec 31", Some("2026-12-31")),
    (DEC_30, "the 2nd", Some("2027-01-02")),
    (SUNDAY, "Feb 30", None),
    (SUNDAY, "April 31", None),
    (SUNDAY, "31 April", None),
    ("2026-04-10", "April 31", None), // not May 1
    (SUNDAY, "31/4", None),
    (SUNDAY, "Nov 31", None), // not December 1
    ("2026-11-30", "Nov 31", None),
    (SUNDAY, "11/31", None),
    (SUNDAY, "2026-02-30", None),
    (SUNDAY, "32 Dec", None),
    // Leap years.
    ("2027-03-01", "Feb 29", Some("2028-02-29")),
    ("2028-01-31", "Feb 29", Some("2028-02-29")),
    (SUNDAY, "Feb 29", None), // February 2027 has no 29th: not 2028's
    (SUNDAY, "29 February", None),
    (SUNDAY, "29/2", None),
    (SUNDAY, "2/29", None),
    ("2027-02-10", "Feb 29", None), // this February has none: not next year's
    ("2027-02-28", "Feb 29", None),
    ("2027-02-28", "29/2", None),
    ("2027-03-01", "29 February", Some("2028-02-29")),
    ("2027-03-01", "29/2", Some("2028-02-29")),
    ("2027-03-01", "the 29th of February", Some("2028-02-29")),
    ("2027-12-31", "Feb 29th", Some("2028-02-29")),
    ("2028-02-10", "29 Feb", Some("2028-02-29")),
    ("2028-02-29", "Feb 29", Some("2028-02-29")),
    ("2028-03-01", "Feb 29", None), // the next is in 2032
    (SUNDAY, "29 Feb 2028", Some("2028-02-29")),
    (SUNDAY, "29 Feb 2027", None),
    ("2028-02-28", "tomorrow", Some("2028-02-29")),
    ("2028-02-10", "end of month", Some("2028-02-29")),
    ("2027-02-10", "end of month", Some("2027-02-28")),
    ("2028-01-05", "end of February", Some("2028-02-29")),
    // Counted from today.
    (SUNDAY, "in 10 days", Some("2026-12-02")),
    (SUNDAY, "in a fortnight", Some("2026-12-06")),
    (SUNDAY, "in 3 fortnights", Some("2027-01-03")),
    (SUNDAY, "within 3 days", Some("2026-11-25")),
    (SUNDAY, "within the next 3 days", Some("2026-11-25")),
    (SUNDAY, "in one month", Some("2026-12-22")),
    (SUNDAY, "in two weeks", Some("2026-12-06")),
    (SUNDAY, "in a couple of days", Some("2026-11-24")),
    (SUNDAY, "in a couple days", Some("2026-11-24")),
    (SUNDAY, "in a few days", Some("2026-11-25")),
    (SUNDAY, "a week from now", Some("2026-11-29")),
    (SUNDAY, "two weeks from today", Some("2026-12-06")),
    (SUNDAY, "in a week's time", Some("2026-11-29")),
    (SUNDAY, "in two weeks' time", Some("2026-12-06")),
    (SUNDAY, "in a year", Some("2027-11-22")),
    (SUNDAY, "in 3 working days", Some("2026-11-25")),
    (FRIDAY, "in 1 business day", Some("2026-11-30")),
    (SUNDAY, "next week", Some("2026-11-29")),
    (SUNDAY, "next month", Some("2026-12-22")),
    ("2027-01-31", "in one month", Some("2027-02-28")),
    ("2028-01-31", "in one month", Some("2028-02-29")),
    ("2028-01-31", "next month", Some("2028-02-29")),
    ("2026-03-31", "in 1 month", Some("2026-04-30")),
    (DEC_30, "in 3 days", Some("2027-01-02")),
    // Days and the ends of periods.
    (SUNDAY, "EOD", Some("2026-11-22")),
    (SUNDAY, "end of day", Some("2026-11-22")),
    (SUNDAY, "by end of the day", Some("2026-11-22")),
    (SUNDAY, "today", Some("2026-11-22")),
    (SUNDAY, "tonight", Some("2026-11-22")),
    (SUNDAY, "this afternoon", Some("2026-11-22")),
    (SUNDAY, "close of business", Some("2026-11-22")),
    (SUNDAY, "tomorrow", Some("2026-11-23")),
    (SUNDAY, "tomorrow morning", Some("2026-11-23")),
    (SUNDAY, "tmrw", Some("2026-11-23")),
    (SUNDAY, "tomorrow at 5pm", Some("2026-11-23")),
    (SUNDAY, "first thing tomorrow", Some("2026-11-23")),
    (SUNDAY, "friday at 17:30", Some("2026-11-27")),
    (SUNDAY, "friday at 5", Some("2026-11-27")),
    (SUNDAY, "friday 5 pm", Some("2026-11-27")),
    (SUNDAY, "friday eod", Some("2026-11-27")),
    (SUNDAY, "monday at the latest", Some("2026-11-23")),
    (SUNDAY, "dec 5 end of day", Some("2026-12-05")),
    (SUNDAY, "the day after tomorrow", Some("2026-11-24")),
    (SUNDAY, "EOW", Some("2026-11-27")), // on a weekend, the coming Friday
    (SUNDAY, "end of week", Some("2026-11-27")),
    (SUNDAY, "end of the week", Some("2026-11-27")),
    (SUNDAY, "by the end of the week", Some("2026-11-27")),
    (SUNDAY, "end-of-week", Some("2026-11-27")),
    (SUNDAY, "this week", Some("2026-11-27")),
    (SUNDAY, "end of next week", Some("2026-12-04")),
    (SUNDAY, "early next week", Some("2026-11-30")),
    (WEDNESDAY, "EOW", Some("2026-11-27")),
    (WEDNESDAY, "end of next week", Some("2026-12-04")),
    (WEDNESDAY, "early next week", Some("2026-11-30")),
    (FRIDAY, "end of week", Some("2026-11-27")),
    (FRIDAY, "end of next week", Some("2026-12-04")),
    (FRIDAY, "early next week", Some("2026-11-30")),
    (SATURDAY, "EOW", Some("2026-12-04")),
    (SATURDAY, "end of next week", Some("2026-12-11")),
    (SATURDAY, "early next week", Some("2026-12-07")),
    (SUNDAY, "end of month", Some("2026-11-30")),
    (SUNDAY, "EOM", Some("2026-11-30")),
    (SUNDAY, "end of next month", Some("2026-12-31")),
    (SUNDAY, "end of December", Some("2026-12-31")),
    (SUNDAY, "end of Feb", Some("2027-02-28")),
    ("2026-12-01", "end of November", Some("2027-11-30")),
    (SUNDAY, "end of quarter", Some("2026-12-31")),
    (SUNDAY, "EOQ", Some("2026-12-31")),
    ("2028-02-10", "EOQ", Some("2028-03-31")),
    (SUNDAY, "end of next quarter", Some("2027-03-31")),
    (SUNDAY, "end of year", Some("2026-12-31")),
    (SUNDAY, "EOY", Some("2026-12-31")),
    (SUNDAY, "end of tomorrow", Some("2026-11-23")),
    // At the year's end.
    (DEC_31, "tomorrow", Some("2027-01-01")),
    (DEC_31, "end of quarter", Some("2026-12-31")),
    (DEC_31, "EOY", Some("2026-12-31")),
    (DEC_31, "end of December", Some("2026-12-31")),
    (DEC_31, "end of week", Some("2027-01-01")),
    (DEC_31, "next week", Some("2027-01-07")),
    (DEC_31, "Dec 31", Some("2026-12-31")),
    (DEC_31, "31 December", Some("2026-12-31")),
    (DEC_31, "31/12", Some("2026-12-31")),
    (DEC_31, "the 31st", Some("2026-12-31")),
    (DEC_31, "Dec 30", Some("2027-12-30")),
    (DEC_31, "Jan 1", Some("2027-01-01")),
    (DEC_31, "1/1", Some("2027-01-01")),
    (DEC_31, "the 1st", Some("2027-01-01")),
    // "before": the day before a day, but by the end of a period.
    (SUNDAY, "before Thursday", Some("2026-11-25")),
    (WEDNESDAY, "before Thursday", Some("2026-11-25")),
    (THURSDAY, "before Thursday", Some("2026-12-02")),
    (SUNDAY, "before Dec 5", Some("2026-12-04")),
    (SUNDAY, "before tomorrow", Some("2026-11-22")),
    (SUNDAY, "before end of week", Some("2026-11-27")),
    (SUNDAY, "before EOD", Some("2026-11-22")),
    (SUNDAY, "before today", None),
    // Not (only) a date.
    (SUNDAY, "soon", None),
    (SUNDAY, "asap", None),
    (SUNDAY, "ASAP", None),
    (SUNDAY, "later", None),
    (SUNDAY, "when I can", None),
    (SUNDAY, "the migration", None),
    (SUNDAY, "friday's deploy notes", None),
    (SUNDAY, "the migration on friday", None),
    (SUNDAY, "12/11", None), // November 12 or December 11?
    (SUNDAY, "13/13", None),
    (SUNDAY, "0/5", None),
    (SUNDAY, "December", None),
    (SUNDAY, "15", None),
    (SUNDAY, "5pm", None),
    (SUNDAY, "next year", None),
    (SUNDAY, "by", None),
    (SUNDAY, "by by friday", None),
    (SUNDAY, "in 3 sprints", None),
    (SUNDAY, "region", None),
    (SUNDAY, "dec 5th 5th", None),
    (SUNDAY, "5st dec", None),
];

#[test]
fn every_phrase_means_its_exact_day() {
    let wrong: Vec<String> = PHRASES
        .iter()
        .filter_map(|&(said, text, want)| {
            let got = parse(text, day(said));
            (got != want.map(day)).then(|| format!("{text:?} said on {said}: {got:?}, want {want:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

mod properties {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    /// Any day chrono can hold, so the arithmetic at its ends is exercised too.
    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    /// A day of this century or the next.
    fn a_day_now() -> impl Strategy<Value = NaiveDate> {
        (730_120..=803_533i32).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    /// Phrases made of the words dates are made of, without a written year.
    fn date_words() -> impl Strategy<Value = String> {
        const WORDS: &[&str] = &[
            "by",
            "on",
            "before",
            "until",
            "no",
            "later",
            "than",
            "the",
            "this",
            "next",
            "coming",
            "end",
            "of",
            "in",
            "within",
            "a",
            "couple",
            "few",
            "from",
            "now",
            "today",
            "tomorrow",
            "tonight",
            "week",
            "weeks",
            "month",
            "quarter",
            "year",
            "day",
            "days",
            "fortnight",
            "working",
            "friday",
            "mon",
            "thurs",
            "dec",
            "february",
            "5th",
            "29",
            "31st",
            "1",
            "12/18",
            "18/12",
            "12/11",
            "eod",
            "eow",
            "eoq",
            "at",
            "5pm",
            "morning",
            "early",
            "after",
            "time",
        ];
        proptest::collection::vec(proptest::sample::select(WORDS), 0..7).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in any::<String>(), today in any_day()) {
            let _ = parse(&text, today);
        }

        #[test]
        fn date_like_text_never_panics(text in date_words(), today in any_day()) {
            let _ = parse(&text, today);
        }

        #[test]
        fn without_a_written_year_a_date_is_never_past_nor_years_away(text in date_words(), today in a_day_now()) {
            if let Some(day) = parse(&text, today) {
                let ahead = day.signed_duration_since(today).num_days();
                prop_assert!((0..=3660).contains(&ahead), "{text:?} said on {today}: {day}");
            }
        }
    }
}

#[test]
fn when_it_was_done_is_read_looking_back() {
    // Tuesday 1 December 2026.
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d);
    for (text, want) in [
        ("today", day(12, 1)),
        ("yesterday", day(11, 30)),
        ("Monday", day(11, 30)),
        ("last monday", day(11, 30)),
        ("tuesday", day(11, 24)),
        ("on friday", day(11, 27)),
        ("3 days ago", day(11, 28)),
        ("two days ago", day(11, 29)),
        ("a week ago", day(11, 24)),
        ("nov 28", day(11, 28)),
        ("28 November", day(11, 28)),
        ("2026-11-28", day(11, 28)),
        ("dec 1", day(12, 1)),
        ("Dec 2", NaiveDate::from_ymd_opt(2025, 12, 2)),
        ("2026-12-02", None),
        ("tomorrow", None),
        ("in 3 days", None),
        ("next week", None),
        ("soon", None),
        ("", None),
    ] {
        assert_eq!(crate::dates::parse_past(text, today), want, "{text:?}");
    }
}
