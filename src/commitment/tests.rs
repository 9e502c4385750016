//! How each way of writing a commitment line is read.

use super::*;

/// 2026-11-22, a Sunday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn c(action: &str, owner: &str, by: &str, due: Option<&str>) -> Commitment {
    Commitment {
        action: action.into(),
        owner: owner.into(),
        by: by.into(),
        due: due.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
    }
}

/// A line, and what it says: action, owner, by-when as kept, and the day understood.
const LINES: &[(&str, [&str; 3], Option<&str>)] = &[
    // The separator form: action — owner — by-when.
    (
        "Add a migration check to CI — me — by Friday",
        ["Add a migration check to CI", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Pair on releases | Sam | 2026-12-05",
        ["Pair on releases", "Sam", "2026-12-05"],
        Some("2026-12-05"),
    ),
    (
        "- Pair on releases | Sam | 2026-12-05",
        ["Pair on releases", "Sam", "2026-12-05"],
        Some("2026-12-05"),
    ),
    (
        "Fix the flaky test - Sam - Friday",
        ["Fix the flaky test", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix the flaky test – Sam – on Thursday",
        ["Fix the flaky test", "Sam", "Thursday"],
        Some("2026-11-26"),
    ),
    (
        "Fix the flaky test; Sam; before Thursday",
        ["Fix the flaky test", "Sam", "before Thursday"],
        Some("2026-11-25"),
    ),
    (
        "Write it up — by tomorrow",
        ["Write it up", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Write it up — end of week",
        ["Write it up", "me", "end of week"],
        Some("2026-11-27"),
    ),
    ("Review alerts - Priya", ["Review alerts", "Priya", ""], None),
    (
        "Review alerts - Friday",
        ["Review alerts", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix it — Sam by Friday",
        ["Fix it", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix it by Friday — Sam",
        ["Fix it", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    // " -- ", as an em dash is typed in plain text.
    (
        "Fix the alert -- me -- Friday",
        ["Fix the alert", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix the alert -- Sam -- by Dec 9",
        ["Fix the alert", "Sam", "Dec 9"],
        Some("2026-12-09"),
    ),
    (
        "Write it up -- by tomorrow",
        ["Write it up", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    ("Review alerts -- Priya", ["Review alerts", "Priya", ""], None),
    // A flag is no part: "--" before one is no separator, and the next separator is found.
    (
        "Run cargo test -- --nocapture",
        ["Run cargo test -- --nocapture", "me", ""],
        None,
    ),
    (
        "Run cargo test -- --nocapture - me - Friday",
        ["Run cargo test -- --nocapture", "me", "Friday"],
        Some("2026-11-27"),
    ),
    // Em and en dashes (and "--") between words: separators when the parts read as an owner and
    // a by-when.
    (
        "Fix the alert—me—Friday",
        ["Fix the alert", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix the alert–Sam–by Dec 9",
        ["Fix the alert", "Sam", "Dec 9"],
        Some("2026-12-09"),
    ),
    (
        "Fix the alert--Sam--Friday",
        ["Fix the alert", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix the alert—Sam—by someday",
        ["Fix the alert", "Sam", "someday"],
        None,
    ),
    (
        "Write it up—by tomorrow",
        ["Write it up", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Write it up—end of week",
        ["Write it up", "me", "end of week"],
        Some("2026-11-27"),
    ),
    (
        "Fix it—Sam by Friday",
        ["Fix it", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Add a pre-deploy check—me—by end-of-week",
        ["Add a pre-deploy check", "me", "end-of-week"],
        Some("2026-11-27"),
    ),
    (
        "Do the follow-up—me—2026-12-04",
        ["Do the follow-up", "me", "2026-12-04"],
        Some("2026-12-04"),
    ),
    (
        "Re-run the migration—me—by Friday",
        ["Re-run the migration", "me", "Friday"],
        Some("2026-11-27"),
    ),
    // ... and otherwise dashes inside a clause: only a date after the last is split off.
    (
        "Fix the alert—the noisy one—by Friday",
        ["Fix the alert—the noisy one", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix the alert—properly this time—tomorrow",
        ["Fix the alert—properly this time", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Fix the alert—properly this time",
        ["Fix the alert—properly this time", "me", ""],
        None,
    ),
    (
        "Fix the alert—the noisy one—before the review",
        ["Fix the alert—the noisy one—before the review", "me", ""],
        None,
    ),
    (
        "Fix the alert—the noisy one by Friday",
        ["Fix the alert—the noisy one", "me", "Friday"],
        Some("2026-11-27"),
    ),
    // A name alone after an unspaced dash could be the action's ("Call the vendor—Acme").
    ("Fix the alert—Sam", ["Fix the alert—Sam", "me", ""], None),
    // A dash between figures is a range.
    (
        "Fix the 9–5 rota—Sam—Friday",
        ["Fix the 9–5 rota", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Fix pages 3–5 by Friday",
        ["Fix pages 3–5", "me", "Friday"],
        Some("2026-11-27"),
    ),
    // A hyphen between words is never a separator.
    (
        "Schedule the follow-up",
        ["Schedule the follow-up", "me", ""],
        None,
    ),
    (
        "Schedule the follow-up by 2026-12-04",
        ["Schedule the follow-up", "me", "2026-12-04"],
        Some("2026-12-04"),
    ),
    (
        "Test the roll-back on 2026-12-04",
        ["Test the roll-back", "me", "2026-12-04"],
        Some("2026-12-04"),
    ),
    (
        "Roll-back drill with Sam-Priya",
        ["Roll-back drill with Sam-Priya", "me", ""],
        None,
    ),
    (
        "Ship 2026-12-04's patch",
        ["Ship 2026-12-04's patch", "me", ""],
        None,
    ),
    (
        "Re-run the follow-up check",
        ["Re-run the follow-up check", "me", ""],
        None,
    ),
    // An explicit by-when is kept even when it is no date, to show it was not understood.
    (
        "Write the postmortem — me — someday",
        ["Write the postmortem", "me", "someday"],
        None,
    ),
    (
        "Write the postmortem — me — by someday",
        ["Write the postmortem", "me", "someday"],
        None,
    ),
    (
        "Write the postmortem — by when I can",
        ["Write the postmortem", "me", "when I can"],
        None,
    ),
    // A sentence ending in a date.
    (
        "Add a rollback step by Friday",
        ["Add a rollback step", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Add a rollback step by Friday.",
        ["Add a rollback step", "me", "Friday."],
        Some("2026-11-27"),
    ),
    (
        "Demo the fix on Thursday",
        ["Demo the fix", "me", "Thursday"],
        Some("2026-11-26"),
    ),
    (
        "Ship the fix before Thursday",
        ["Ship the fix", "me", "before Thursday"],
        Some("2026-11-25"),
    ),
    (
        "Check in with Sam in two weeks",
        ["Check in with Sam", "me", "in two weeks"],
        Some("2026-12-06"),
    ),
    (
        "Report due Friday",
        ["Report", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Ship it no later than Dec 5",
        ["Ship it", "me", "Dec 5"],
        Some("2026-12-05"),
    ),
    (
        "Meet Sam on Friday at noon",
        ["Meet Sam", "me", "Friday at noon"],
        Some("2026-11-27"),
    ),
    (
        "Rotate the keys by Dec 5, 2027",
        ["Rotate the keys", "me", "Dec 5, 2027"],
        Some("2027-12-05"),
    ),
    (
        "Share the notes BY END OF NEXT WEEK",
        ["Share the notes", "me", "END OF NEXT WEEK"],
        Some("2026-12-04"),
    ),
    (
        "It will be fixed by Friday",
        ["It will be fixed", "me", "Friday"],
        Some("2026-11-27"),
    ),
    // Commas: action, owner, by-when.
    (
        "Send the apology, Sam, tomorrow",
        ["Send the apology", "Sam", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Send the apology, tomorrow",
        ["Send the apology", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Call the client, apologize, tomorrow",
        ["Call the client, apologize", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Call, apologize, Priya, by Friday",
        ["Call, apologize", "Priya", "Friday"],
        Some("2026-11-27"),
    ),
    // A closing parenthesis.
    (
        "Update the runbook (Priya, by Dec 9)",
        ["Update the runbook", "Priya", "Dec 9"],
        Some("2026-12-09"),
    ),
    (
        "Update the runbook (Priya by Dec 9)",
        ["Update the runbook", "Priya", "Dec 9"],
        Some("2026-12-09"),
    ),
    (
        "Update the runbook (by Friday)",
        ["Update the runbook", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Update the runbook (tomorrow)",
        ["Update the runbook", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    // Who will do it.
    (
        "Sam will pair on the release by Friday",
        ["pair on the release", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "I will write the postmortem by end of week",
        ["write the postmortem", "me", "end of week"],
        Some("2026-11-27"),
    ),
    (
        "I’ll call the client on Monday",
        ["call the client", "me", "Monday"],
        Some("2026-11-23"),
    ),
    (
        "We will add an alert in two weeks",
        ["add an alert", "We", "in two weeks"],
        Some("2026-12-06"),
    ),
    (
        "I'll fix the alert by Friday",
        ["fix the alert", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "I will fix it tomorrow",
        ["fix it", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "i will fix it tomorrow.",
        ["fix it", "me", "tomorrow."],
        Some("2026-11-23"),
    ),
    (
        "I'm going to fix the alert by Friday",
        ["fix the alert", "me", "Friday"],
        Some("2026-11-27"),
    ),
    ("I am going to fix the alert", ["fix the alert", "me", ""], None),
    (
        "Sam is going to fix the alert by Friday",
        ["fix the alert", "Sam", "Friday"],
        Some("2026-11-27"),
    ),
    // "we" is kept as written: a shared promise, not one of mine alone.
    (
        "we will add an alert by Friday",
        ["add an alert", "we", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "We'll add an alert tomorrow",
        ["add an alert", "We", "tomorrow"],
        Some("2026-11-23"),
    ),
    ("We're going to add an alert", ["add an alert", "We", ""], None),
    (
        "It is going to be fixed by Friday",
        ["It is going to be fixed", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "It will be fixed tomorrow",
        ["It will be fixed", "me", "tomorrow"],
        Some("2026-11-23"),
    ),
    // A day that needs no "by" at the end of a sentence: today, tomorrow, EOD…
    ("Fix it today", ["Fix it", "me", "today"], Some("2026-11-22")),
    (
        "Send the notes EOD",
        ["Send the notes", "me", "EOD"],
        Some("2026-11-22"),
    ),
    (
        "Call the client first thing tomorrow",
        ["Call the client", "me", "first thing tomorrow"],
        Some("2026-11-23"),
    ),
    (
        "Fix the flaky test tomorrow morning",
        ["Fix the flaky test", "me", "tomorrow morning"],
        Some("2026-11-23"),
    ),
    // ... but not as what the action is about.
    ("Prepare for tomorrow", ["Prepare for tomorrow", "me", ""], None),
    (
        "Push the release to tomorrow",
        ["Push the release to tomorrow", "me", ""],
        None,
    ),
    (
        "Review today's incident",
        ["Review today's incident", "me", ""],
        None,
    ),
    ("Plan next week", ["Plan next week", "me", ""], None),
    (
        "Do the risky part first",
        ["Do the risky part first", "me", ""],
        None,
    ),
    ("Tomorrow", ["Tomorrow", "me", ""], None),
    (
        "Sam will review the alerts",
        ["review the alerts", "Sam", ""],
        None,
    ),
    (
        "Sam will review the alerts (Priya, by Friday)",
        ["Sam will review the alerts", "Priya", "Friday"],
        Some("2026-11-27"),
    ),
    // A date or "by" inside the action stays there.
    (
        "Pair with Sam on Friday's release notes",
        ["Pair with Sam on Friday's release notes", "me", ""],
        None,
    ),
    ("Review by-laws", ["Review by-laws", "me", ""], None),
    (
        "Add monitoring by region",
        ["Add monitoring by region", "me", ""],
        None,
    ),
    (
        "Fix the bug on the login page",
        ["Fix the bug on the login page", "me", ""],
        None,
    ),
    (
        "Fix the bug on the login page by Friday",
        ["Fix the bug on the login page", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Review by-laws by Friday",
        ["Review by-laws", "me", "Friday"],
        Some("2026-11-27"),
    ),
    (
        "Add monitoring by region by end of month",
        ["Add monitoring by region", "me", "end of month"],
        Some("2026-11-30"),
    ),
    (
        "Update the on-call doc",
        ["Update the on-call doc", "me", ""],
        None,
    ),
    (
        "Move standup to Friday",
        ["Move standup to Friday", "me", ""],
        None,
    ),
    (
        "Plan next week's sprint",
        ["Plan next week's sprint", "me", ""],
        None,
    ),
    (
        "Call the client, apologize, and offer a refund",
        ["Call the client, apologize, and offer a refund", "me", ""],
        None,
    ),
    ("Fix the login (again)", ["Fix the login (again)", "me", ""], None),
    (
        "Check the logs (see the wiki, by Friday)",
        ["Check the logs (see the wiki, by Friday)", "me", ""],
        None,
    ),
    (
        "Nothing will change without a test",
        ["Nothing will change without a test", "me", ""],
        None,
    ),
    ("Tell the client", ["Tell the client", "me", ""], None),
    ("Re-run the back-fill", ["Re-run the back-fill", "me", ""], None),
];

#[test]
fn every_line_form_is_read_as_written() {
    let wrong: Vec<String> = LINES
        .iter()
        .filter_map(|&(line, [action, owner, by], due)| {
            let got = parse(line, today());
            let want = vec![c(action, owner, by, due)];
            (got != want).then(|| format!("{line:?}:\n   got {got:?}\n  want {want:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn one_commitment_per_non_empty_line() {
    let text = "Add a migration check to CI — me — by Friday\n\n- Pair on releases | Sam | 2026-12-05\n  \nTell the client\n";
    assert_eq!(
        parse(text, today()),
        [
            c("Add a migration check to CI", "me", "Friday", Some("2026-11-27")),
            c("Pair on releases", "Sam", "2026-12-05", Some("2026-12-05")),
            c("Tell the client", "me", "", None),
        ]
    );
}

#[test]
fn the_date_is_counted_from_the_day_given() {
    let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(
        parse("Ship it by friday", friday),
        [c("Ship it", "me", "friday", Some("2026-12-04"))]
    );
}

#[test]
fn a_long_line_keeps_its_date() {
    // Every " by " is tried as the start of a date; text too long to be one is not read.
    let action = "Go by the book ".repeat(20_000);
    let line = format!("{action}by Friday");
    let got = parse(&line, today());
    assert_eq!(got, [c(action.trim_end(), "me", "Friday", Some("2026-11-27"))]);
}
