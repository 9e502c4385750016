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
