//! Reading the document back: ownup's lines told from the person's, the person's lines given
//! to the questions above them, and the answers checked (see the module's documentation).

use super::write::comment_safe;
use super::*;

/// The lines of a document as they are read: under each question heading read, and above
/// every question.
struct Reading<'a> {
    sections: Vec<Option<Vec<Cow<'a, str>>>>,
    above: Vec<Cow<'a, str>>,
    /// The question whose heading was read last.
    current: Option<usize>,
}

impl<'a> Reading<'a> {
    /// A line of the person's, for the question being read (or above every question).
    fn push(&mut self, line: Cow<'a, str>) {
        match self
            .current
            .and_then(|q| self.sections.get_mut(q))
            .and_then(Option::as_mut)
        {
            Some(section) => section.push(line),
            None => self.above.push(line),
        }
    }
}

impl Form {
    /// Reads a document back into the answers of `before`, the session it was made for.
    pub fn parse(&self, text: &str, before: &Session) -> Parsed {
        let text = unify_line_breaks(text);
        let lines: Vec<&str> = lines_of(&text);
        let mut reading = Reading {
            sections: vec![None; self.questions.len()],
            above: Vec::new(),
            current: None,
        };
        let mut used = vec![false; self.marks.len()];
        let mut last: Option<usize> = None;
        let mut own_headings: Vec<(String, Option<usize>)> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if let Some((end, tail)) = self.our_comment(&lines, i) {
                if !tail.trim().is_empty() {
                    reading.push(Cow::Borrowed(tail.trim_start()));
                }
                i = end + 1;
                continue;
            }
            if let Some(mark) = self.heading(line, &used, last) {
                used[mark] = true;
                last = Some(mark);
                if let Mark::Question(q) = self.marks[mark] {
                    reading.current = Some(q);
                    reading.sections[q].get_or_insert_with(Vec::new);
                }
                i += 1;
                continue;
            }
            if looks_like_a_heading(line) {
                own_headings.push((line.trim().to_string(), reading.current));
            }
            reading.push(self.unescape(line));
            i += 1;
        }
        let Reading { sections, above, .. } = reading;
        let mut read: Vec<Option<String>> = sections
            .iter()
            .map(|s| {
                s.as_ref()
                    .map(|lines| trim_blank_lines(&lines.join("\n")).to_string())
            })
            .collect();
        let mut problems = Vec::new();
        let in_words = self
            .questions
            .iter()
            .position(|q| q.kind == Kind::Text)
            .or_else(|| self.questions.iter().position(|q| q.kind == Kind::List));
        let above = trim_blank_lines(&above.join("\n")).to_string();
        if !above.is_empty() {
            match in_words {
                Some(q) => {
                    let own = match &read[q] {
                        Some(own) => own.clone(),
                        None => trim_blank_lines(before.answer(self.questions[q].pos)).to_string(),
                    };
                    read[q] = Some(if own.is_empty() {
                        above
                    } else {
                        format!("{above}\n\n{own}")
                    });
                }
                None => problems.push(Problem {
                    at: None,
                    message: format!(
                        "the text above the first question ({}) has no question to go with, as none here is answered in words: move it under a question, or delete it",
                        quote(&above)
                    ),
                }),
            }
        }
        let mut answers = Vec::with_capacity(self.questions.len());
        let mut missing = Vec::new();
        for (question, read) in self.questions.iter().zip(read) {
            let was = before.answer(question.pos);
            let answer = match read {
                None => {
                    missing.push(question.pos);
                    was.to_string()
                }
                Some(text) if text == trim_blank_lines(was) => was.to_string(),
                Some(text) => match question.check(&text) {
                    Ok(answer) => answer,
                    Err(message) => {
                        problems.push(Problem {
                            at: Some(question.pos),
                            message,
                        });
                        text
                    }
                },
            };
            answers.push((question.pos, answer));
        }
        // A heading already in the answer it is in (written there before) is no news.
        let mut lines_before: BTreeMap<Position, HashSet<&str>> = BTreeMap::new();
        let moved = own_headings
            .into_iter()
            .filter_map(|(heading, q)| {
                let into = q.or(in_words).map(|q| self.questions[q].pos);
                let known = into.is_some_and(|pos| {
                    lines_before
                        .entry(pos)
                        .or_insert_with(|| before.answer(pos).lines().map(str::trim).collect())
                        .contains(heading.as_str())
                });
                (!known).then_some(Moved { heading, into })
            })
            .collect();
        Parsed {
            answers,
            problems,
            moved,
            missing,
        }
    }

    /// Which of ownup's headings `line` is, if it is one not yet read: the first after the
    /// last heading read, else the first.
    fn heading(&self, line: &str, used: &[bool], last: Option<usize>) -> Option<usize> {
        if !line.trim_start().starts_with('#') {
            return None;
        }
        let free: Vec<usize> = self
            .headings
            .get(&normalise(line))?
            .iter()
            .copied()
            .filter(|&m| !used[m])
            .collect();
        free.iter()
            .copied()
            .find(|&m| last.is_none_or(|l| m > l))
            .or_else(|| free.first().copied())
    }

    /// Whether `line` would be read as one of ownup's lines: one of its headings, or the
    /// start of a comment.
    fn structural(&self, line: &str) -> bool {
        let start = line.trim_start();
        start.starts_with("<!--") || (start.starts_with('#') && self.headings.contains_key(&normalise(line)))
    }

    /// Whether answer line `line` is written escaped: it would read as ownup's, or it starts
    /// with backslashes before such a line (so that reading takes off only the one added).
    pub(super) fn needs_escape(&self, line: &str) -> bool {
        self.structural(line.trim_start_matches('\\'))
    }

    /// An answer line as read: one backslash taken off a line written escaped.
    fn unescape<'a>(&self, line: &'a str) -> Cow<'a, str> {
        match line.strip_prefix('\\') {
            Some(rest) if self.needs_escape(rest) => Cow::Borrowed(rest),
            _ => Cow::Borrowed(line),
        }
    }

    /// If `lines[i]` starts one of ownup's comments: the index of its last line, and what
    /// follows its end on that line.
    pub(super) fn our_comment<'a>(&self, lines: &[&'a str], i: usize) -> Option<(usize, &'a str)> {
        let mut text = lines.get(i)?.trim_start().strip_prefix("<!--")?;
        let mut j = i;
        loop {
            let (inside, tail) = match text.find("-->") {
                Some(at) => (&text[..at], Some(&text[at + 3..])),
                None => (text, None),
            };
            let inside = inside.trim();
            if !inside.is_empty() && !self.ours.contains(inside) {
                return None;
            }
            if let Some(tail) = tail {
                return Some((j, tail));
            }
            j += 1;
            text = lines.get(j)?;
        }
    }
}

impl Question {
    /// The answer `text` (changed from what it was) gives this question, or what is wrong.
    fn check(&self, text: &str) -> Result<String, String> {
        if self.kind.is_typed() {
            let chars = text.chars().count();
            return if chars > self.limit {
                Err(format!(
                    "the answer to \"{}\" has {chars} characters, and it takes at most {}: shorten it",
                    self.ask, self.limit
                ))
            } else {
                Ok(text.to_string())
            };
        }
        if text.is_empty() {
            return Ok(String::new());
        }
        if let Some(picked) = pick(&self.kind, text) {
            return Ok(picked);
        }
        let takes = match &self.kind {
            Kind::Scale(low, high) => format!("a number from {low} to {high}"),
            Kind::Choice(options) => format!(
                "the number (1 to {}) or the words of one of its choices",
                options.len()
            ),
            Kind::Feeling => format!("a number from 1 to {}, or its words", FEELINGS.len()),
            Kind::Text | Kind::List | Kind::Commitment => "any text".into(),
        };
        let more = if text.contains('\n') {
            " (a heading or notes of your own go with the question above them: put them under a question answered in words)"
        } else {
            ""
        };
        Err(format!(
            "\"{}\" takes {takes}, and {} is not one{more}",
            self.ask,
            quote(text)
        ))
    }
}

/// The answer `text` gives a picked kind: its number or its words ([`Kind::pick`]), or both
/// as the comment lists them (`2 heavy`, `2. Not yet`), when they agree.
fn pick(kind: &Kind, text: &str) -> Option<String> {
    if let Some(picked) = kind.pick(text) {
        return Some(picked);
    }
    let text = text.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let words = text[digits..].trim_start_matches(['.', ')', ':', ' ', '\t']);
    let by_number = kind.pick(&text[..digits])?;
    (kind.pick(words)? == by_number).then_some(by_number)
}

/// A question or a piece of an answer on one line, for a message: at most 60 characters.
fn quote(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = line.chars().take(60).collect();
    let cut = if short.len() < line.len() { "…" } else { "" };
    format!("\"{}{cut}\"", comment_safe(&short))
}
