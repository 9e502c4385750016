//! What plain mode says: the opening words, a step and a question as lines, and the summary
//! of a finished session. Pure text from the session and its script; printed escaped.

use std::path::Path;

use super::answer;
use crate::script::Script;
use crate::session::{CommitmentStatus, PromptRecord, Session};

/// The first words: what this is (or where a draft resumed is) and how to answer.
pub fn opening(session: &Session, number: usize, total: usize, resumed: bool) -> String {
    let title = &session.script.title;
    let first = if resumed {
        format!(
            "Going on with \"{title}\" (session {}), at question {number} of {total}.",
            session.id
        )
    } else {
        let steps = session.steps.len();
        format!(
            "{title}: {total} {} in {steps} {}.",
            plural(total, "question"),
            plural(steps, "step")
        )
    };
    format!(
        "{first}\nAnswer each question and press Enter. An answer can have several lines: an empty \
         line, or a full stop alone, ends it. Each answer is saved as soon as it ends.\n\
         Type :help for the commands (:skip, :back, :clear, :later, :quit)."
    )
}

/// Step `index` of `session`: its number, title and the script's intro.
pub fn step(session: &Session, guide: Option<&Script>, index: usize) -> Vec<String> {
    let Some(step) = session.steps.get(index) else {
        return vec![];
    };
    let mut lines = vec![
        String::new(),
        format!("Step {} of {}: {}", index + 1, session.steps.len(), step.title),
    ];
    let intro = guide
        .and_then(|g| g.step(&step.id))
        .map(|s| s.intro.trim())
        .unwrap_or_default();
    if !intro.is_empty() {
        lines.push(intro.to_string());
    }
    lines
}

/// A question (number `number` of `total`): whether it is needed or private, its hint, what
/// it takes and the answer it has so far. `first_feeling`: the check-in that opens a session.
pub fn question(
    prompt: &PromptRecord,
    hint: &str,
    number: usize,
    total: usize,
    first_feeling: bool,
) -> Vec<String> {
    let mut question = format!("Question {number} of {total}: {}", prompt.ask);
    if prompt.required {
        question.push_str(" (needed to finish)");
    }
    if prompt.is_private() {
        question.push_str(" (private)");
    }
    let mut lines = vec![String::new(), question];
    if !hint.is_empty() {
        lines.push(format!("Hint: {hint}"));
    }
    lines.extend(answer::choices(&prompt.kind));
    let expects = answer::expects(&prompt.kind, first_feeling);
    if !expects.is_empty() {
        lines.push(expects);
    }
    let so_far = &prompt.answer;
    if so_far.trim().is_empty() {
        return lines;
    }
    if prompt.kind.is_typed() {
        lines.push("Your answer so far:".into());
        lines.extend(so_far.lines().map(|l| format!("  {l}")));
        lines.push(
            "Lines you type are added to it; an empty line keeps it as it is; :clear empties it.".into(),
        );
    } else {
        lines.push(format!(
            "Your answer so far: {} An empty line keeps it.",
            answer::chosen(&prompt.kind, so_far).trim_start_matches("Chosen: ")
        ));
    }
    lines
}

fn plural(n: usize, noun: &str) -> String {
    format!("{noun}{}", if n == 1 { "" } else { "s" })
}

/// What is said when the session is finished: where it is, the closing words, what was
/// promised and by when (and which by-whens were not understood), how the check-ins went.
pub fn summary(session: &Session, path: &Path) -> String {
    let mut lines = vec![
        String::new(),
        format!("Finished, and saved to {}.", path.display()),
        session.closing_words(),
    ];
    let open = |c: &&crate::session::Commitment| c.status == CommitmentStatus::Open;
    let undated: Vec<String> = session
        .commitments
        .iter()
        .filter(open)
        .filter(|c| c.due.is_none() && !c.by.trim().is_empty())
        .map(|c| format!("\"{}\" ({})", c.by.trim(), c.action))
        .collect();
    if !undated.is_empty() {
        lines.push(format!(
            "Not understood as a date, so no check-in will come: {}.",
            undated.join(", ")
        ));
    }
    if let Some(feelings) = session.feelings_words() {
        lines.push(format!("How you felt about it (private): {feelings}."));
    }
    if !session.commitments.is_empty() {
        lines.push("Commitments:".into());
        for (i, c) in session.commitments.iter().enumerate() {
            let by = match (c.due, c.by.trim()) {
                (Some(day), _) => format!(", by {}", day.format("%A %-d %B %Y")),
                (None, "") => String::new(),
                (None, by) => format!(", by \"{by}\" (not a date I understand)"),
            };
            lines.push(format!("  {}. {}: {}{by}.", i + 1, c.describe(), c.owner));
        }
    }
    lines.push(format!("To read it again: ownup show {}", session.id));
    lines.join("\n")
}
