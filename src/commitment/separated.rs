//! Lines whose parts are set apart: `action — owner — by-when` with spaced dashes, bars or
//! semicolons, and `action—owner—by-when` with dashes between words.

use super::{Parts, by_text, owner_like, trailing_date};
use crate::text::starts_with_ignore_ascii_case;

/// What separates the parts of a line, spaced: ` -- ` is how an em dash is typed in plain
/// text. A hyphen between words never separates ("follow-up", "2026-12-04"); an em or en
/// dash (or `--`) between words may, see [`dashed`].
const SEPARATORS: &[&str] = &[" — ", " – ", " -- ", " - ", " | ", "; "];

/// `action — owner — by-when`, `action — by-when`, `action — owner`.
pub(super) fn separated<'a>(line: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<Parts<'a>> {
    // "cargo test -- --nocapture": a part that starts with a hyphen is a flag, not a part.
    let sep = SEPARATORS.iter().find(|sep| {
        line.contains(**sep)
            && !line
                .split(**sep)
                .skip(1)
                .any(|part| part.trim_start().starts_with('-'))
    });
    let Some(sep) = sep else {
        return dashed(line, is_date);
    };
    let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
    let strip_by = |s: &str| match s.get(3..) {
        Some(rest) if starts_with_ignore_ascii_case(s, "by ") => rest.trim().to_string(),
        _ => s.to_string(),
    };
    Some(match parts.as_slice() {
        [action, second] if starts_with_ignore_ascii_case(second, "by ") || is_date(second) => Parts {
            action,
            owner: None,
            by: Some(by_text(second, is_date).unwrap_or_else(|| strip_by(second))),
        },
        // "Fix it — Sam by Friday".
        [action, second] => match trailing_date(second, is_date).filter(|(owner, _)| owner_like(owner)) {
            Some((owner, by)) => Parts {
                action,
                owner: Some(owner),
                by: Some(by),
            },
            None => Parts {
                action,
                owner: Some(second),
                by: None,
            },
        },
        [action, owner, rest @ ..] => {
            let by = rest.join(" ");
            Parts {
                action,
                owner: Some(owner),
                by: Some(by_text(&by, is_date).unwrap_or_else(|| strip_by(&by))),
            }
        }
        [_] | [] => return None,
    })
}

/// `action—owner—by-when` and `action—by-when` with em or en dashes (or `--`) between
/// words. Such a dash may as well be one inside a clause, so the parts must read as an owner
/// and a by-when; otherwise only a date after the last dash is split off.
fn dashed<'a>(line: &'a str, is_date: &dyn Fn(&str) -> bool) -> Option<Parts<'a>> {
    let dashes = unspaced_dashes(line);
    let (&(_, last_end), _) = dashes.split_last()?;
    let mut parts = Vec::with_capacity(dashes.len() + 1);
    let mut from = 0;
    for &(start, end) in &dashes {
        parts.push(line[from..start].trim());
        from = end;
    }
    parts.push(line[from..].trim());
    // A by-when of this form, kept even when it is not a date if it starts with "by".
    let by_when = |s: &str| {
        by_text(s, is_date).or_else(|| {
            let rest = s.get(3..)?.trim();
            (starts_with_ignore_ascii_case(s, "by ") && !rest.is_empty()).then(|| rest.to_string())
        })
    };
    let whole = match parts.as_slice() {
        [action, second] => by_when(second)
            .map(|by| (None, by))
            .or_else(|| {
                let (owner, by) = trailing_date(second, is_date).filter(|(owner, _)| owner_like(owner))?;
                Some((Some(owner), by))
            })
            .map(|(owner, by)| (*action, owner, by)),
        [action, owner, by] if owner_like(owner) => by_when(by).map(|by| (*action, Some(*owner), by)),
        _ => None,
    };
    if let Some((action, owner, by)) = whole.filter(|(action, ..)| !action.is_empty()) {
        return Some(Parts {
            action,
            owner,
            by: Some(by),
        });
    }
    // "Fix the alert—the noisy one—by Friday": the dashes are the clause's own.
    let last_start = dashes.last().map(|&(start, _)| start)?;
    let action = line[..last_start].trim();
    let by = by_text(line[last_end..].trim(), is_date)?;
    (!action.is_empty()).then_some(Parts {
        action,
        owner: None,
        by: Some(by),
    })
}

/// Byte ranges of the em dashes, en dashes and `--` in `line` with a character other than a
/// space or a dash on both sides, and not between two figures (`3–5` is a range).
fn unspaced_dashes(line: &str) -> Vec<(usize, usize)> {
    let is_dash = |c: char| matches!(c, '—' | '–' | '-');
    let mut found = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        if !is_dash(c) {
            before = Some(c);
            continue;
        }
        let mut run = String::from(c);
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek().filter(|(_, next)| is_dash(*next)) {
            run.push(next);
            end = at + next.len_utf8();
            chars.next();
        }
        let after = chars.peek().map(|&(_, c)| c);
        let between_words =
            matches!((before, after), (Some(b), Some(a)) if !b.is_whitespace() && !a.is_whitespace());
        let range = matches!((before, after), (Some(b), Some(a)) if b.is_ascii_digit() && a.is_ascii_digit());
        if matches!(run.as_str(), "—" | "–" | "--") && between_words && !range {
            found.push((start, end));
        }
        before = run.chars().last();
    }
    found
}
