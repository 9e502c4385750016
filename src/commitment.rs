//! Commitments: what will be done, by whom, by when — one per line of a Commitment answer,
//! written as people write them: `Add a migration check to CI — me — by Friday`,
//! `Sam will pair on releases by Dec 9`, `Tell the client (Priya, tomorrow)`. No terminal code.

use chrono::NaiveDate;

use crate::text::starts_with_ignore_ascii_case;

mod separated;
#[cfg(test)]
mod tests;

use separated::separated;

/// One line of a Commitment answer, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// What will be done.
    pub action: String,
    /// Who does it ("me" when not said).
    pub owner: String,
    /// By when, as written (empty when not said).
    pub by: String,
    /// The day `by` means, if it was understood as a date (see [`crate::dates::parse`]).
    pub due: Option<NaiveDate>,
}

/// The words a by-when starts with when it ends a sentence: "Fix the alert by Friday",
/// "… on Thursday", "… in two weeks".
const LEADS: &[&str] = &[
    "by ",
    "on ",
    "before ",
    "until ",
    "till ",
    "due ",
    "in ",
    "within ",
    "no later than ",
    "not later than ",
];

/// Leading words dropped from what is kept as `by`; "before", "in" and "within" change the
/// day, so they stay.
const SAME_DAY_LEADS: &[&str] = &[
    "by ",
    "on ",
    "until ",
    "till ",
    "due ",
    "no later than ",
    "not later than ",
];

/// The first words of a by-when that can end a sentence without a leading "by":
/// "I will fix it tomorrow", "Send it EOD". Weekdays and dates cannot ("Move standup to
/// Friday" is not due Friday), nor can "next week" ("Plan next week").
const BARE_DATE_STARTS: &[&str] = &[
    "today", "tonight", "tomorrow", "tmrw", "tmr", "eod", "eow", "eom", "eoq", "eoy", "first",
];

/// Words after which a bare by-when is what the action is about, not when it is due:
/// "Prepare for tomorrow", "Push it to tomorrow".
const NOT_BEFORE_BARE_DATE: &[&str] = &[
    "for", "to", "of", "about", "from", "after", "since", "than", "the", "a", "an", "my", "our", "your",
    "their", "his", "her", "its", "this", "that", "and", "or", "with", "into", "at",
];

/// Subjects of "X will …" that are not people to hold to a promise.
const NOT_OWNERS: &str = "it this that there these those what which who nothing nobody everyone everybody \
    someone somebody anyone he she they you the a an and but so then if when";

/// The commitments in `text`, one per non-empty line, dates counted from `today`.
///
/// A line is read, in this order, as:
/// - parts split by ` — `, ` – `, ` -- `, ` - `, ` | ` or `; `: `action — owner — by-when`, or
///   with two parts `action — by-when` when the second starts with "by" or is a date, else
///   `action — owner`. The by-when of this form is kept even when it is not a date
///   (`— someday`), so that it can be shown as not understood (`due` is `None`). A part that
///   starts with a hyphen (`cargo test -- --nocapture`) means it was no separator;
/// - parts split by an em or en dash (or `--`) between words, which may also be a dash inside
///   a clause: `action—owner—by-when` when the owner looks like one and the by-when starts
///   with "by" or is a date, `action—by-when`, `action—owner by-when`; else only a date after
///   the last dash is split off (`Fix the alert—the noisy one—by Friday`). A dash between
///   figures is a range (`pages 3–5`);
/// - a trailing parenthesis holding a date and perhaps an owner: `X (Priya, by Dec 9)`,
///   `X (by Friday)`;
/// - parts split by commas whose last is a date: `X, Sam, tomorrow`, `X, by Friday`;
/// - a sentence ending in a date led by "by", "on", "before", "in", "within", "until", "due"
///   or "no later than": `X by Friday`, `X on Thursday`, `X in two weeks`;
/// - a sentence ending in a day that needs no such word: `X today`, `X tomorrow`, `X EOD`,
///   `X first thing tomorrow`, but not after "for", "to", "the" and such (`Prepare for
///   tomorrow` stays whole).
///
/// Outside the separator form a date is only split off when [`crate::dates::parse`]
/// understands it, so "Fix the bug on the login page" and "Add monitoring by region" stay
/// whole. Then, if no owner was named, `Sam will X` (or `Sam is going to X`) makes Sam the
/// owner, `I will X` (`I'll X`, `I'm going to X`) me, and `We will X` "We", as written.
pub fn parse(text: &str, today: NaiveDate) -> Vec<Commitment> {
    text.lines().filter_map(|line| parse_line(line, today)).collect()
}

/// A line's parts before the by-when is read as a date.
struct Parts<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    by: Option<String>,
}

fn parse_line(line: &str, today: NaiveDate) -> Option<Commitment> {
    let line = line.trim().trim_start_matches(['-', '*', '•']).trim();
    if line.is_empty() {
        return None;
    }
    let is_date = |s: &str| crate::dates::parse(s, today).is_some();
    let mut parts = separated(line, &is_date).unwrap_or(Parts {
        action: line,
        owner: None,
        by: None,
    });
    if parts.by.is_none()
        && let Some(spoken) = spoken(parts.action, &is_date)
    {
        parts = Parts {
            owner: parts.owner.or(spoken.owner),
            ..spoken
        };
    }
    if parts.owner.is_none()
        && let Some((owner, action)) = will(parts.action)
    {
        parts.owner = Some(owner);
        parts.action = action;
    }
    let by = parts.by.unwrap_or_default();
    Some(Commitment {
        action: parts.action.to_string(),
        owner: match parts.owner {
            Some(owner) if !owner.is_empty() => owner.to_string(),
            _ => "me".to_string(),
        },
        due: if by.is_empty() {
            None
        } else {
            crate::dates::parse(&by, today)
        },
        by,
    })
}

/// A by-when said in a sentence: in a closing parenthesis, after the last comma, or after a
/// leading word such as "by". `None` unless it is a date.
fn spoken<'a>(text: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<Parts<'a>> {
    in_parentheses(text, is_date)
        .or_else(|| after_commas(text, is_date))
        .or_else(|| {
            let (action, by) = trailing_date(text, is_date).or_else(|| trailing_bare_date(text, is_date))?;
            Some(Parts {
                action,
                owner: None,
                by: Some(by),
            })
        })
}

/// `X tomorrow`, `X EOD`: the text before the longest date at its end that starts with one of
/// [`BARE_DATE_STARTS`] and does not follow one of [`NOT_BEFORE_BARE_DATE`].
fn trailing_bare_date<'a>(text: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<(&'a str, String)> {
    // ASCII lower case keeps every byte where it was, so positions carry over to `text`.
    let lower = text.to_ascii_lowercase();
    lower.match_indices(' ').map(|(at, _)| at + 1).find_map(|at| {
        let first = lower[at..].split(' ').next()?;
        let first = first.trim_end_matches(['.', ',', '!', '?', ';', ':']);
        let previous = lower[..at].split_whitespace().next_back()?;
        if !BARE_DATE_STARTS.contains(&first) || NOT_BEFORE_BARE_DATE.contains(&previous) {
            return None;
        }
        let action = text[..at].trim_end();
        let by = by_text(&text[at..], is_date)?;
        (!action.is_empty()).then_some((action, by))
    })
}

/// `X (Priya, by Dec 9)`, `X (Priya by Dec 9)`, `X (by Friday)`.
fn in_parentheses<'a>(text: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<Parts<'a>> {
    let inside = text.strip_suffix(')')?;
    let open = inside.rfind('(')?;
    let action = inside[..open].trim();
    let inside = inside[open + 1..].trim();
    if action.is_empty() {
        return None;
    }
    if let Some(by) = by_text(inside, is_date) {
        return Some(Parts {
            action,
            owner: None,
            by: Some(by),
        });
    }
    let (owner, by) = match inside.split_once([',', ';']) {
        Some((owner, when)) => (owner.trim(), by_text(when.trim(), is_date)?),
        None => trailing_date(inside, is_date)?,
    };
    owner_like(owner).then_some(Parts {
        action,
        owner: Some(owner),
        by: Some(by),
    })
}

/// `X, Sam, tomorrow`, `X, by Friday`: the last comma part is a date, the one before it the
/// owner if it looks like one.
fn after_commas<'a>(text: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<Parts<'a>> {
    let (head, when) = text.rsplit_once(',')?;
    let by = by_text(when.trim(), is_date)?;
    let head = head.trim_end();
    let (action, owner) = match head.rsplit_once(',') {
        Some((action, owner)) if owner_like(owner.trim()) && !action.trim().is_empty() => {
            (action.trim_end(), Some(owner.trim()))
        }
        _ => (head, None),
    };
    (!action.is_empty()).then_some(Parts {
        action,
        owner,
        by: Some(by),
    })
}

/// `X by Friday`: the text before the longest date at its end led by one of [`LEADS`], and the
/// date as kept.
fn trailing_date<'a>(text: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<(&'a str, String)> {
    // ASCII lower case keeps every byte where it was, so positions carry over to `text`.
    let lower = text.to_ascii_lowercase();
    lower
        .match_indices(' ')
        .map(|(at, _)| at + 1)
        .filter(|&at| LEADS.iter().any(|lead| lower[at..].starts_with(lead)))
        .find_map(|at| {
            let action = text[..at].trim_end();
            let by = by_text(&text[at..], is_date)?;
            (!action.is_empty()).then_some((action, by))
        })
}

/// `text` as kept for `by` when it is a date: without a leading "by", "on", "until", "due" or
/// "no later than", which do not change the day.
fn by_text(text: &str, is_date: &dyn Fn(&str) -> bool) -> Option<String> {
    if !is_date(text) {
        return None;
    }
    // "by tomorrow" drops its "by" ("due by friday" both words), but never to leave what is
    // not a date ("on or before friday" keeps its "on").
    let mut kept = text;
    while let Some(lead) = SAME_DAY_LEADS
        .iter()
        .find(|lead| starts_with_ignore_ascii_case(kept, lead))
    {
        let rest = kept[lead.len()..].trim_start();
        if rest.is_empty() || !is_date(rest) {
            break;
        }
        kept = rest;
    }
    Some(kept.to_string())
}

/// `Sam will X` → (Sam, X); `I will X`, `I'll X` and `I'm going to X` → (me, X).
fn will(text: &str) -> Option<(&str, &str)> {
    // ASCII lower case keeps every byte where it was, so positions carry over to `text`.
    let lower = text.to_ascii_lowercase();
    let markers = [
        " will ",
        "'ll ",
        "’ll ",
        " is going to ",
        " am going to ",
        " are going to ",
        "'m going to ",
        "’m going to ",
        "'re going to ",
        "’re going to ",
    ];
    let (subject_end, action_start) = markers
        .iter()
        .filter_map(|w| lower.find(w).map(|at| (at, at + w.len())))
        .min_by_key(|&(at, _)| at)?;
    let subject = text[..subject_end].trim();
    let action = text[action_start..].trim();
    if action.is_empty() {
        return None;
    }
    if subject.eq_ignore_ascii_case("i") {
        return Some(("me", action));
    }
    (subject.eq_ignore_ascii_case("we") || owner_like(subject)).then_some((subject, action))
}

/// Whether `text` reads as who does something: one to three words, a name (capitalised, or
/// an @handle) or "me"/"we"/"us", and not a pronoun such as "it" or "they".
fn owner_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if words.len() > 3 {
        return false;
    }
    let lower = first.to_lowercase();
    if matches!(lower.as_str(), "me" | "myself" | "we" | "us") {
        return words.len() == 1;
    }
    let named = first.starts_with('@') || first.chars().next().is_some_and(char::is_uppercase);
    named && !NOT_OWNERS.split_whitespace().any(|w| w == lower) && !text.chars().any(|c| c.is_ascii_digit())
}
