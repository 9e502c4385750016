//! Writing the document: the questions under their headings, ownup's notes in comments, the
//! answers escaped where they would read as ownup's own lines.

use super::*;

impl Form {
    /// The document with `session`'s answers under their questions.
    pub fn render(&self, session: &Session) -> String {
        let mut out = format!("{}\n", self.title);
        push_comment(&mut out, HEADER.lines());
        for part in &self.parts {
            out.push('\n');
            out.push_str(&part.heading);
            out.push('\n');
            push_comment(&mut out, part.intro.iter());
            for question in &self.questions[part.questions.clone()] {
                out.push('\n');
                out.push_str(&question.heading);
                out.push('\n');
                push_comment(&mut out, question.note.iter());
                out.push('\n');
                let answer = session.answer(question.pos);
                if !answer.is_empty() {
                    for line in answer.split('\n') {
                        if self.needs_escape(line) {
                            out.push('\\');
                        }
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// The document `text` (as the person left it) again, for the editor, with `problems`
    /// listed above it in a comment that is read as ownup's. An earlier such list at the top
    /// is replaced; nothing else of `text` changes, bar DOS line endings read as LF.
    pub fn reopen(&mut self, text: &str, problems: &[Problem]) -> String {
        let mut lines = vec![PROBLEMS_HEADER.to_string()];
        lines.extend(problems.iter().map(|p| format!("- {}", comment_safe(&p.message))));
        lines.extend(PROBLEMS_FOOTER.lines().map(str::to_string));
        self.own(lines.iter());
        let text = unify_line_breaks(text);
        let mut out = String::new();
        push_comment(&mut out, lines.iter());
        out.push_str(self.without_problem_list(&text));
        out
    }

    /// `text` without the list of problems at its top (after blank lines), if it has one:
    /// one of ownup's comments that starts with [`PROBLEMS_HEADER`].
    fn without_problem_list<'a>(&self, text: &'a str) -> &'a str {
        let offset: usize = text
            .split_inclusive('\n')
            .take_while(|line| line.trim().is_empty())
            .map(str::len)
            .sum();
        let rest = &text[offset..];
        let lines = lines_of(rest);
        let Some(opening) = lines.first().and_then(|l| l.trim_start().strip_prefix("<!--")) else {
            return text;
        };
        let header = match opening.trim() {
            "" => lines.get(1).map(|l| l.trim()),
            words => Some(words),
        };
        match self.our_comment(&lines, 0) {
            Some((end, tail)) if header == Some(PROBLEMS_HEADER) && tail.trim().is_empty() => {
                let skip: usize = rest.split_inclusive('\n').take(end + 1).map(str::len).sum();
                &rest[skip..]
            }
            _ => text,
        }
    }
}

/// The comment under a question: whether it is needed or private, what it takes, its limit
/// and its hint.
pub(super) fn note(prompt: &PromptRecord, hint: &str, max_chars: Option<usize>) -> Vec<String> {
    let mut first = Vec::new();
    if prompt.required {
        first.push("Needed to finish.".to_string());
    }
    if prompt.is_private() {
        first.push("Private: kept out of exports.".to_string());
    }
    let mut listed: Vec<String> = Vec::new();
    let numbered = |items: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        items
            .enumerate()
            .map(|(i, item)| format!("{}. {}", i + 1, one_line(item)))
            .collect()
    };
    match &prompt.kind {
        Kind::Text => {}
        Kind::List => first.push("One item per line.".into()),
        Kind::Commitment => first.push("One per line: what — who — by when.".into()),
        Kind::Scale(low, high) => first.push(format!("A number from {low} to {high}.")),
        Kind::Choice(options) => {
            first.push("The number or the words of one:".into());
            listed = numbered(&mut options.iter().map(String::as_str));
        }
        Kind::Feeling => {
            first.push(format!("A number from 1 to {}, or the words:", FEELINGS.len()));
            listed = numbered(&mut FEELINGS.iter().copied());
        }
    }
    if let Some(max) = max_chars {
        first.push(format!("At most {max} characters."));
    }
    let mut hint = comment_lines(hint);
    // A question answered in words, with a hint of one line, has its note on one line.
    if prompt.kind.is_typed() && hint.len() == 1 {
        first.append(&mut hint);
    }
    let mut lines = Vec::new();
    if !first.is_empty() {
        lines.push(first.join(" "));
    }
    lines.extend(listed);
    lines.extend(hint);
    lines.into_iter().map(|l| comment_safe(&l)).collect()
}

/// `text` as the lines of a comment: trimmed, without empty ones.
pub(super) fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(comment_safe)
        .collect()
}

/// A line that can stand inside a comment: nothing in it ends the comment, or starts another.
pub(super) fn comment_safe(line: &str) -> String {
    line.replace("-->", "-- >").replace("<!--", "<! --")
}

/// Writes a comment of `lines`: on one line when there is one, else one per line.
fn push_comment<S: AsRef<str>>(out: &mut String, lines: impl Iterator<Item = S>) {
    let lines: Vec<S> = lines.collect();
    match lines.as_slice() {
        [] => {}
        [line] => {
            out.push_str("<!-- ");
            out.push_str(line.as_ref());
            out.push_str(" -->\n");
        }
        lines => {
            out.push_str("<!--\n");
            for line in lines {
                out.push_str(line.as_ref());
                out.push('\n');
            }
            out.push_str("-->\n");
        }
    }
}
