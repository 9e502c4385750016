//! A whole session as one Markdown document to write in the person's own editor
//! (`ownup new --editor`), and that document read back into answers. Pure: no terminal, no
//! disk. (The Markdown *export* of a session is `export.rs`; this is the working document.)
//!
//! # The document
//!
//! ```text
//! # A quick own-up
//! <!--
//! Write your answers under the questions, then save and quit your editor.
//! …
//! -->
//!
//! ## Own it
//! <!-- Small slips deserve a small, honest look. Say what happened and your part in it. -->
//!
//! ### What happened?
//! <!-- Needed to finish. One or two sentences, facts only, … -->
//!
//! I sent the client last month's figures.
//!
//! ### How big was the impact on the people affected?
//! <!--
//! A number from 1 to 5.
//! 1: a small inconvenience, soon put right; 5: it cost someone a lot of time, money or trust.
//! -->
//!
//! 3
//! ```
//!
//! The script's title is the `#` heading, each step a `##` heading and each question a `###`
//! heading in the question's own words, so the file reads as a document if opened later. Under
//! a heading, an HTML comment says what the question takes (a number, the choices, one item
//! per line), whether it is needed to finish or private, and its hint.
//!
//! # Reading it back ([`Form::parse`])
//!
//! - **ownup's lines, and the person's.** A line is ownup's when it is one of the headings
//!   ownup wrote (the same words; runs of spaces do not count), or part of an HTML comment
//!   (from a line starting `<!--` to the first `-->`) whose every line is one ownup wrote in a
//!   comment. Those are left out. Every other line is the person's and is kept: a comment the
//!   person wrote, or one of ownup's they wrote into, is text.
//! - **Where text goes.** Text belongs to the question heading above it, up to the next of
//!   ownup's headings. A heading of the person's own (any level) and the text under it, and
//!   text under a step heading before its first question, are the person's lines like any
//!   other: they stay, as written, in the answer to the question above them. Text above every
//!   question goes before the answer of the first question answered in words (the first
//!   `Text` question, else the first `List`).
//! - **Each heading once.** Each of ownup's headings stands for one question (or step); the
//!   same heading again is text. Two questions in the same words (own-it's two check-ins) are
//!   told apart by order: a heading stands for the first such question after the last of
//!   ownup's headings read.
//! - **Answers.** Blank lines at the start and end of an answer are not part of it. An answer
//!   the file leaves as it was (those blank lines aside) is kept exactly as it was. A question
//!   whose heading is gone from the file keeps the answer it had ([`Parsed::missing`]): to
//!   empty an answer, delete the text under its heading.
//! - **Picked answers.** A choice, scale or feeling takes its number, its words, or both as
//!   listed (`2 heavy`). Anything else is a [`Problem`], as is an answer longer than its
//!   question takes, and text above every question when no question is answered in words. A
//!   problem keeps the document from being saved; nothing in it is dropped.
//! - **Escapes.** An answer line that would read as one of ownup's lines (one of its headings,
//!   or a line starting `<!--`), or that starts with backslashes before such a line, is
//!   written with one more `\` in front, which is taken off when read. No other backslash is
//!   touched, so text typed with a backslash stays as typed.
//! - **Line breaks.** A file whose every line break is CRLF (an editor set to DOS line endings)
//!   is read with LF; otherwise every character is kept, carriage returns included.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::markdown::inline;
use crate::script::{FEELINGS, Kind, Script};
use crate::session::{MAX_ANSWER_CHARS, Position, PromptRecord, Session};

mod read;
mod write;
use write::{comment_lines, note};

#[cfg(test)]
mod tests;

/// The comment under the title: how the document works.
const HEADER: &str = "\
Write your answers under the questions, then save and quit your editor.
Leave a question empty to skip it. When every question marked \"Needed to finish\" has an answer, the session is finished; otherwise it is kept as a draft.
Notes like this one are ownup's and are left out. Everything else you write is kept: a heading of your own, and the text under it, go with the answer above them.
For a number, write the number (or the words of a choice).
To save nothing, empty the file, or quit your editor with an error (:cq in vim); what you wrote is then kept in this file.";

/// The first line of the comment that lists what kept a document from being saved.
const PROBLEMS_HEADER: &str = "ownup could not save this yet:";

/// The last lines of that comment.
const PROBLEMS_FOOTER: &str = "\
Put it right below, then save and quit; nothing else you wrote is changed.
To stop instead, quit your editor with an error (:cq in vim): nothing is saved, and this file is kept.";

/// What one of ownup's headings stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The title.
    Title,
    /// A step.
    Step,
    /// A question, by its index in [`Form::questions`].
    Question(usize),
}

/// A question as the document asks it.
#[derive(Debug, Clone)]
struct Question {
    pos: Position,
    /// The heading line, as written.
    heading: String,
    /// The lines of the comment under it.
    note: Vec<String>,
    /// The question, for messages.
    ask: String,
    kind: Kind,
    /// The longest answer it takes, in characters.
    limit: usize,
}

/// A step as the document shows it.
#[derive(Debug, Clone)]
struct Part {
    heading: String,
    /// The step's introduction, as comment lines.
    intro: Vec<String>,
    /// Its questions: indices into [`Form::questions`].
    questions: std::ops::Range<usize>,
}

/// A session's questions as one document: what ownup writes, and knows again when it reads.
#[derive(Debug, Clone)]
pub struct Form {
    title: String,
    parts: Vec<Part>,
    questions: Vec<Question>,
    /// What each of ownup's headings stands for, in the order they are written.
    marks: Vec<Mark>,
    /// Each heading line (normalised), with the marks written with it, in order.
    headings: HashMap<String, Vec<usize>>,
    /// The lines (trimmed) ownup writes in its comments.
    ours: HashSet<String>,
}

/// What kept a document from being read into answers: the person is asked to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The question it is about, if one.
    pub at: Option<Position>,
    /// What is wrong and what to do, in one line.
    pub message: String,
}

/// A heading of the person's own, kept in an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The heading line, trimmed.
    pub heading: String,
    /// The question whose answer has it (`None`: no question could take it; see the problems).
    pub into: Option<Position>,
}

/// A document read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Every question's answer, in order: as read, or as it was where the file leaves it so.
    pub answers: Vec<(Position, String)>,
    /// What must be put right before the answers can be saved; empty when they can be.
    pub problems: Vec<Problem>,
    /// The person's own headings, and where they went.
    pub moved: Vec<Moved>,
    /// The questions whose heading is not in the file: each keeps the answer it had.
    pub missing: Vec<Position>,
}

impl Parsed {
    /// Puts the answers into `session` (one of the form's), the way the app does: each answer
    /// that changed is set; commitments follow when the session is saved. Whether any changed.
    pub fn apply_to(&self, session: &mut Session) -> bool {
        let mut changed = false;
        for (pos, answer) in &self.answers {
            if session.answer(*pos) != answer {
                session.set_answer(*pos, answer.clone());
                changed = true;
            }
        }
        changed
    }
}

impl Form {
    /// The document for `session`'s questions (its own snapshot of them), with the hints,
    /// introductions and length limits of `guide`, the script it follows, if it is known.
    pub fn new(session: &Session, guide: Option<&Script>) -> Form {
        let mut form = Form {
            title: format!("# {}", inline(&session.script.title)),
            parts: Vec::new(),
            questions: Vec::new(),
            marks: Vec::new(),
            headings: HashMap::new(),
            ours: HashSet::new(),
        };
        form.mark(form.title.clone(), Mark::Title);
        form.own(HEADER.lines());
        for (s, step) in session.steps.iter().enumerate() {
            let guide_step = guide.and_then(|g| g.step(&step.id));
            let heading = format!("## {}", inline(&step.title));
            form.mark(heading.clone(), Mark::Step);
            let intro = comment_lines(guide_step.map_or("", |g| g.intro.as_str()));
            form.own(intro.iter());
            let first = form.questions.len();
            for (p, prompt) in step.prompts.iter().enumerate() {
                let guide_prompt = guide_step.and_then(|g| g.prompt(&prompt.id));
                let max_chars = guide_prompt.and_then(|g| g.max_chars);
                let note = note(prompt, guide_prompt.map_or("", |g| g.hint.as_str()), max_chars);
                form.own(note.iter());
                let heading = format!("### {}", inline(&prompt.ask));
                form.mark(heading.clone(), Mark::Question(form.questions.len()));
                form.questions.push(Question {
                    pos: Position { step: s, prompt: p },
                    heading,
                    note,
                    ask: one_line(&prompt.ask),
                    kind: prompt.kind.clone(),
                    limit: max_chars.map_or(MAX_ANSWER_CHARS, |l| l.min(MAX_ANSWER_CHARS)),
                });
            }
            form.parts.push(Part {
                heading,
                intro,
                questions: first..form.questions.len(),
            });
        }
        form
    }

    fn mark(&mut self, heading: String, mark: Mark) {
        self.headings
            .entry(normalise(&heading))
            .or_default()
            .push(self.marks.len());
        self.marks.push(mark);
    }

    fn own<S: AsRef<str>>(&mut self, lines: impl Iterator<Item = S>) {
        self.ours.extend(
            lines
                .map(|l| l.as_ref().trim().to_string())
                .filter(|l| !l.is_empty()),
        );
    }
}

/// `text` on one line, runs of white space made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading line as compared: trimmed, runs of white space made one space.
fn normalise(line: &str) -> String {
    one_line(line)
}

/// Whether `line` reads as a Markdown heading (`#` to `######`, then a space or nothing).
fn looks_like_a_heading(line: &str) -> bool {
    let start = line.trim_start();
    let rest = start.trim_start_matches('#');
    let level = start.len() - rest.len();
    (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// `text` with LF line breaks when every one of its line breaks is CRLF; else as it is.
fn unify_line_breaks(text: &str) -> Cow<'_, str> {
    let breaks = text.matches('\n').count();
    if breaks > 0 && text.matches("\r\n").count() == breaks {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The lines of `text`: split at `\n`, the empty piece after a last line break left out.
fn lines_of(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

/// `text` without its blank lines (nothing but white space) at the start and the end.
pub fn trim_blank_lines(text: &str) -> &str {
    let blank = |line: &str| line.trim().is_empty();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !blank(line) {
            break;
        }
        start += line.len();
    }
    let rest = &text[start..];
    let mut end = rest.len();
    loop {
        let line_start = rest[..end].rfind('\n').map_or(0, |at| at + 1);
        if !blank(&rest[line_start..end]) {
            break;
        }
        if line_start == 0 {
            end = 0;
            break;
        }
        end = line_start - 1;
    }
    &rest[..end]
}
