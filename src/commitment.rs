//! Commitments: what will be done, by whom, by when — one per line of a Commitment answer,
//! written as `Add a migration check to CI — me — by Friday`. No terminal code.

use crate::text::starts_with_ignore_ascii_case;

/// One line of a Commitment answer, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// What will be done.
    pub action: String,
    /// Who does it ("me" when not said).
    pub owner: String,
    /// By when, as written (empty when not said).
    pub by: String,
}

/// What separates the parts of a line.
const SEPARATORS: &[&str] = &[" — ", " – ", " - ", " | ", "; "];

/// The commitments in `text`, one per non-empty line. A line with two parts is an action and
/// an owner, unless the second part starts with "by".
pub fn parse(text: &str) -> Vec<Commitment> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Commitment> {
    let line = line.trim().trim_start_matches(['-', '*', '•']).trim();
    if line.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = vec![line];
    for sep in SEPARATORS {
        if line.contains(sep) {
            parts = line.split(sep).map(str::trim).collect();
            break;
        }
    }
    let is_by = |s: &str| starts_with_ignore_ascii_case(s, "by ");
    let strip_by = |s: &str| match s.get(3..) {
        Some(rest) if is_by(s) => rest.trim().to_string(),
        _ => s.to_string(),
    };
    let (action, owner, by) = match parts.as_slice() {
        [action] => (*action, "me", String::new()),
        [action, second] if is_by(second) => (*action, "me", strip_by(second)),
        [action, owner] => (*action, *owner, String::new()),
        [action, owner, rest @ ..] => (*action, *owner, strip_by(&rest.join(" "))),
        [] => return None,
    };
    Some(Commitment {
        action: action.to_string(),
        owner: if owner.is_empty() {
            "me".to_string()
        } else {
            owner.to_string()
        },
        by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(action: &str, owner: &str, by: &str) -> Commitment {
        Commitment {
            action: action.into(),
            owner: owner.into(),
            by: by.into(),
        }
    }

    #[test]
    fn lines_split_into_action_owner_and_date() {
        let text = "Add a migration check to CI — me — by Friday\n\n- Pair on releases | Sam | 2026-12-05\nTell the client\nWrite it up — by tomorrow\nReview alerts - Priya";
        assert_eq!(
            parse(text),
            [
                c("Add a migration check to CI", "me", "Friday"),
                c("Pair on releases", "Sam", "2026-12-05"),
                c("Tell the client", "me", ""),
                c("Write it up", "me", "tomorrow"),
                c("Review alerts", "Priya", ""),
            ]
        );
    }

    #[test]
    fn a_hyphen_inside_a_word_is_not_a_separator() {
        assert_eq!(
            parse("Re-run the back-fill"),
            [c("Re-run the back-fill", "me", "")]
        );
    }
}
