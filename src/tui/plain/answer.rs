//! How one line of plain input is read: a command, the end of an answer, or text; and how a
//! prompt that is picked rather than written (a choice, a scale, a feeling) is offered and said
//! back ([`Kind::pick`] reads the line that picks). Pure functions over the person's text.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::script::{FEELINGS, Kind};

/// A command, typed alone on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Move on to the next question.
    Skip,
    /// Go back to the previous question.
    Back,
    /// Empty this answer, to write it again.
    Clear,
    /// Stop for now, and choose when to be offered the draft again.
    Later,
    /// Stop for now; the draft is kept.
    Quit,
    /// The commands.
    Help,
}

/// Every command by the word that is typed for it; the one list of them.
const COMMANDS: [(&str, Command); 6] = [
    ("skip", Command::Skip),
    ("back", Command::Back),
    ("clear", Command::Clear),
    ("later", Command::Later),
    ("quit", Command::Quit),
    ("help", Command::Help),
];

/// What the commands do, for `:help`.
pub const HELP: &str = "Commands, each alone on a line:
  :skip   move on to the next question (what you typed for this one is kept)
  :back   go back to the previous question
  :clear  empty this answer, to write it again
  :later  stop for now: the draft is kept, and you choose when ownup offers it again
  :quit   stop for now: the draft is kept
  :help   this list
An empty line, or a full stop alone, ends an answer. To write one of these words as text,
double its colon (::skip).";

/// A line of input, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line<'a> {
    /// A command.
    Command(Command),
    /// An empty line (only spaces counts), or a full stop alone: the end of an answer.
    End,
    /// Text, as typed (a doubled colon before a command word made single).
    Text(Cow<'a, str>),
}

/// The command `word` names (`:skip`, any case), if it names one.
fn command(word: &str) -> Option<Command> {
    let name = word.strip_prefix(':')?;
    COMMANDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, c)| *c)
}

/// Reads one line of input (without its line break).
pub fn read_line(line: &str) -> Line<'_> {
    let word = line.trim();
    if word.is_empty() || word == "." {
        return Line::End;
    }
    if let Some(command) = command(word) {
        return Line::Command(command);
    }
    // `::skip` is the text ":skip"; any other line starting with two colons is left as it is.
    if let Some(single) = word.strip_prefix(':')
        && command(single).is_some()
    {
        let at = line.find("::").unwrap_or(0);
        let mut text = line.to_string();
        text.remove(at);
        return Line::Text(Cow::Owned(text));
    }
    Line::Text(Cow::Borrowed(line))
}

/// The lines that show what a prompt takes, under its question: the options, numbered; the
/// range of a scale; the words of a feeling; the form of a commitment.
pub fn choices(kind: &Kind) -> Vec<String> {
    let numbered = |items: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        items
            .enumerate()
            .map(|(i, item)| format!("  {}. {item}", i + 1))
            .collect()
    };
    match kind {
        Kind::Choice(options) => numbered(&mut options.iter().map(String::as_str)),
        Kind::Feeling => numbered(&mut FEELINGS.iter().copied()),
        Kind::Scale(..) | Kind::Text | Kind::List | Kind::Commitment => Vec::new(),
    }
}

/// How to answer a prompt of `kind`, said under it (and again after a line it cannot take);
/// nothing for free text, which the opening words explain. `first_feeling`: the check-in that
/// opens a session, where one may stop for now.
pub fn expects(kind: &Kind, first_feeling: bool) -> String {
    match kind {
        Kind::Text => String::new(),
        Kind::List => "One item per line; an empty line ends the list.".into(),
        Kind::Commitment => "One per line: what, who and by when, e.g. \"Add a migration check to CI — me — by Friday\"; an empty line ends them.".into(),
        Kind::Choice(options) => format!(
            "Type a number from 1 to {}, or the words of one; an empty line leaves it.",
            options.len()
        ),
        Kind::Scale(low, high) => {
            format!("Type a number from {low} to {high}; an empty line leaves it.")
        }
        Kind::Feeling if first_feeling => format!(
            "Type a number from 1 to {}, or the words; an empty line leaves it; :later stops here for now and keeps the draft.",
            FEELINGS.len()
        ),
        Kind::Feeling => format!(
            "Type a number from 1 to {}, or the words; an empty line leaves it.",
            FEELINGS.len()
        ),
    }
}

/// A picked answer, said back: "Chosen: 2, heavy."
pub fn chosen(kind: &Kind, answer: &str) -> String {
    match kind {
        Kind::Scale(low, high) => format!("Chosen: {answer}, on a scale of {low} to {high}."),
        Kind::Feeling => match crate::script::feeling_words(answer) {
            Some(words) => format!("Chosen: {answer}, {words}."),
            None => format!("Chosen: {answer}."),
        },
        Kind::Choice(_) | Kind::Text | Kind::List | Kind::Commitment => format!("Chosen: {answer}."),
    }
}

/// A line of a Commitment answer, said back as it was understood: the action, its owner and
/// the day its by-when means — or that the by-when is not a date ownup understands, since
/// such a promise would silently never come back. `None` for a line with nothing in it.
pub fn noted(line: &str, today: NaiveDate) -> Option<String> {
    let commitment = crate::commitment::parse(line, today).into_iter().next()?;
    let by = match (commitment.due, commitment.by.trim()) {
        (Some(day), _) => format!("by {}", day.format("%A %-d %B %Y")),
        (None, "") => "no date yet".to_string(),
        (None, by) => format!("but \"{by}\" is not a date I understand, so no check-in will come"),
    };
    Some(format!(
        "Noted: \"{}\", {}, {by}.",
        commitment.action, commitment.owner
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn a_line_is_a_command_an_end_or_text() {
        assert_eq!(read_line(":skip"), Line::Command(Command::Skip));
        assert_eq!(read_line("  :Back "), Line::Command(Command::Back));
        assert_eq!(read_line(":later"), Line::Command(Command::Later));
        assert_eq!(read_line(""), Line::End);
        assert_eq!(read_line("   "), Line::End);
        assert_eq!(read_line(" . "), Line::End);
        assert_eq!(read_line(":)"), Line::Text(":)".into()));
        assert_eq!(read_line(":skipped it"), Line::Text(":skipped it".into()));
        assert_eq!(read_line("..."), Line::Text("...".into()));
    }

    #[test]
    fn a_doubled_colon_writes_a_command_word_as_text() {
        assert_eq!(read_line("::skip"), Line::Text(":skip".into()));
        assert_eq!(read_line("  ::quit"), Line::Text("  :quit".into()));
        // Other lines with two colons are text as they are.
        assert_eq!(
            read_line("::1 is localhost"),
            Line::Text("::1 is localhost".into())
        );
        assert_eq!(read_line(":::skip"), Line::Text(":::skip".into()));
    }

    #[test]
    fn picked_answers_are_said_back() {
        assert_eq!(chosen(&Kind::Feeling, "2"), "Chosen: 2, heavy.");
        assert_eq!(
            chosen(&Kind::Scale(1, 5), "3"),
            "Chosen: 3, on a scale of 1 to 5."
        );
        assert_eq!(
            chosen(&Kind::Choice(vec!["Not yet".into()]), "Not yet"),
            "Chosen: Not yet."
        );
    }

    #[test]
    fn the_options_and_the_feelings_are_numbered() {
        assert_eq!(
            choices(&Kind::Choice(vec!["A".into(), "B".into()])),
            ["  1. A", "  2. B"]
        );
        assert_eq!(choices(&Kind::Feeling)[1], "  2. heavy");
        assert!(choices(&Kind::Scale(1, 5)).is_empty());
    }

    #[test]
    fn a_commitment_line_is_said_back_with_the_day_understood() {
        assert_eq!(
            noted("Add a migration check to CI — me — by Friday", day()).as_deref(),
            Some("Noted: \"Add a migration check to CI\", me, by Friday 27 November 2026.")
        );
        assert_eq!(
            noted("Tell Sam — me — by someday", day()).as_deref(),
            Some(
                "Noted: \"Tell Sam\", me, but \"someday\" is not a date I understand, so no check-in will come."
            )
        );
        assert_eq!(
            noted("Tell Sam", day()).as_deref(),
            Some("Noted: \"Tell Sam\", me, no date yet.")
        );
        assert_eq!(noted("   ", day()), None);
    }

    proptest! {
        #[test]
        fn reading_any_text_never_panics(text in any::<String>()) {
            let line = read_line(&text);
            if let Line::Text(kept) = line {
                // At most one colon is taken away, and nothing else.
                prop_assert!(kept.len() + 1 >= text.len());
            }
            for kind in [
                Kind::Text,
                Kind::Feeling,
                Kind::Scale(1, 10),
                Kind::Choice(vec!["a".into(), "B".into()]),
            ] {
                let _ = kind.pick(&text);
            }
            let _ = noted(&text, day());
        }
    }
}
