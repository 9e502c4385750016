//! The plain conversation: a session asked one question at a time, as lines of text.
//!
//! Pure: it holds the session and where the person is, takes each line of input (and the end
//! of input) with the time, and answers with what to print, when to save and when it is over.
//! The runtime (`plain/mod.rs`) reads, prints and saves. Every line typed goes into the session
//! at once, so a snapshot taken at any moment holds everything typed so far.

use chrono::{DateTime, FixedOffset};

use super::answer::{self, Command, Line};
use super::words;
use crate::nudge::Lexicon;
use crate::script::{Kind, Script};
use crate::session::{Position, PromptRecord, Session, Status};
use crate::tui::app::{come_back_choices, come_back_words};
use crate::tui::field::MAX_CHARS;
use crate::tui::writer::{Mark, SessionSnapshot, Unsaved};

/// What the runtime is asked to do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    /// Print these lines on standard output.
    Say(String),
    /// Write the session now (it holds every answer so far).
    Save,
    /// The session is complete: write it, then show the summary.
    Finish,
    /// Stop here; the session stays a draft.
    Leave(Leaving),
}

/// Why the conversation stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    /// `:quit`.
    Quit,
    /// `:later`, with a time chosen (or none).
    Later,
    /// The input ended.
    EndOfInput,
}

/// What the next line of input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    /// The answer to the current question.
    Answer,
    /// The choice of when to be offered the draft again (after `:later`).
    ComeBack,
}

/// A session being written in plain mode.
#[derive(Debug)]
pub struct Conversation {
    session: Session,
    /// The script the session follows, for intros and hints (`None` if it is gone).
    guide: Option<Script>,
    lexicon: Option<Lexicon>,
    pos: Position,
    waiting: Waiting,
    /// Whether a line was typed for the current question since it was asked: an empty line
    /// then ends the answer.
    typed: bool,
    /// How many characters the current answer has (a line break counts as one).
    chars: usize,
    /// The step whose title was said last.
    step_said: Option<usize>,
    /// Set when the way to the end led back to a question that is needed: answering it goes
    /// on to the end again, not through the questions after it.
    back_to_finish: bool,
    /// The nudges already given, by question and rule: each is said once.
    nudged: Vec<(Position, String)>,
    /// Counts the changes to the session, for the writer's [`Mark`].
    revision: u64,
    /// The revision on disk, once the session has a file (resumed, or saved since): it is
    /// then saved whatever it holds, even when every answer was cleared.
    on_disk: Option<u64>,
}

impl Conversation {
    /// A conversation about `session`, at the question it was left at. `on_disk`: it was
    /// read from its file (a draft resumed).
    pub fn new(session: Session, guide: Option<Script>, lexicon: Option<Lexicon>, on_disk: bool) -> Self {
        let pos = session.valid_position();
        Conversation {
            chars: session.answer(pos).chars().count(),
            session,
            guide,
            lexicon,
            pos,
            waiting: Waiting::Answer,
            typed: false,
            step_said: None,
            back_to_finish: false,
            nudged: Vec::new(),
            revision: 0,
            on_disk: on_disk.then_some(0),
        }
    }

    /// The session as it stands.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The opening words and the first question. `now`: a draft resumed after the time it
    /// asked to be offered again has that reminder done.
    pub fn start(&mut self, now: DateTime<FixedOffset>) -> Vec<Out> {
        if self.session.come_back.is_some_and(|at| at <= now) {
            self.session.come_back = None;
            self.edited();
        }
        let (number, total) = self.number();
        let mut out = vec![Out::Say(words::opening(
            &self.session,
            number,
            total,
            self.on_disk.is_some(),
        ))];
        out.extend(self.ask());
        out
    }

    /// One line of input (without its line break), typed at `now`.
    pub fn line(&mut self, text: &str, now: DateTime<FixedOffset>) -> Vec<Out> {
        match self.waiting {
            Waiting::ComeBack => self.come_back(text, now),
            Waiting::Answer => match answer::read_line(text) {
                Line::Command(command) => self.command(command, now),
                Line::End => self.end_answer(now),
                Line::Text(text) => self.text(&text, now),
            },
        }
    }

    /// The input ended: everything typed is in the session; it stays a draft.
    pub fn end_of_input(&mut self) -> Vec<Out> {
        vec![Out::Save, Out::Leave(Leaving::EndOfInput)]
    }

    /// Counts the changes made so far: a snapshot is worth taking again when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Everything not yet on disk, for the guardian and for saving: nothing when the file has
    /// it all, or while the session has no file and nothing in it (an empty session is not
    /// worth a file).
    pub fn unsaved(&self, now: DateTime<FixedOffset>) -> Unsaved {
        let worth = match self.on_disk {
            Some(revision) => revision != self.revision,
            None => self.session.has_any_answer() || self.session.come_back.is_some(),
        };
        Unsaved {
            session: worth.then(|| self.snapshot(now)),
            check_ins: None,
        }
    }

    /// The session as it stands, ready to save.
    fn snapshot(&self, now: DateTime<FixedOffset>) -> SessionSnapshot {
        let mut session = self.session.clone();
        session.position = self.pos;
        session.updated = now;
        SessionSnapshot {
            session,
            mark: Mark {
                generation: 1,
                revision: self.revision,
            },
            keep_revision: false,
        }
    }

    /// The snapshot of `mark` was written: from now on the session is saved whatever it holds.
    pub fn saved(&mut self, mark: Mark) {
        self.on_disk = Some(mark.revision);
    }

    /// Whether the session has a file.
    pub fn has_file(&self) -> bool {
        self.on_disk.is_some()
    }

    /// Finishing failed (the session could not be written): it is a draft again.
    pub fn not_finished(&mut self) {
        self.session.status = Status::Draft;
        self.session.finished = None;
        self.edited();
    }

    fn edited(&mut self) {
        self.revision += 1;
    }

    fn prompt(&self) -> Option<&PromptRecord> {
        self.session.prompt(self.pos)
    }

    fn kind(&self) -> Kind {
        self.prompt().map(|p| p.kind.clone()).unwrap_or_default()
    }

    /// The current question's number and how many there are.
    fn number(&self) -> (usize, usize) {
        let mut positions = self.session.positions();
        let index = positions.position(|p| p == self.pos).unwrap_or(0);
        (index + 1, index + 1 + positions.count())
    }

    fn is_first_feeling(&self) -> bool {
        self.session.feeling_positions().0 == Some(self.pos)
    }

    /// The script's own version of the current prompt (for its hint and length limit).
    fn guide_prompt(&self) -> Option<&crate::script::Prompt> {
        let step = self.session.steps.get(self.pos.step)?;
        let prompt = self.prompt()?;
        self.guide.as_ref()?.step(&step.id)?.prompt(&prompt.id)
    }

    /// The current question, with its step when that is new, its hint, what it takes and the
    /// answer it has so far.
    fn ask(&mut self) -> Vec<Out> {
        let mut lines = Vec::new();
        if self.step_said != Some(self.pos.step) {
            self.step_said = Some(self.pos.step);
            lines.extend(words::step(&self.session, self.guide.as_ref(), self.pos.step));
        }
        let (number, total) = self.number();
        if let Some(prompt) = self.prompt() {
            let hint = self.guide_prompt().map_or("", |p| p.hint.trim());
            lines.extend(words::question(
                prompt,
                hint,
                number,
                total,
                self.is_first_feeling(),
            ));
        }
        vec![Out::Say(lines.join("\n"))]
    }

    fn command(&mut self, command: Command, now: DateTime<FixedOffset>) -> Vec<Out> {
        match command {
            Command::Help => vec![Out::Say(answer::HELP.into())],
            Command::Quit => vec![Out::Save, Out::Leave(Leaving::Quit)],
            Command::Skip => self.advance(now),
            Command::Back => match self.session.previous(self.pos) {
                Some(previous) => {
                    self.back_to_finish = false;
                    self.go(previous);
                    let mut out = vec![Out::Save];
                    out.extend(self.ask());
                    out
                }
                None => vec![Out::Say("This is the first question.".into())],
            },
            Command::Clear => {
                self.session.set_answer(self.pos, String::new());
                self.typed = false;
                self.chars = 0;
                self.edited();
                vec![
                    Out::Save,
                    Out::Say("The answer is empty now; write it again.".into()),
                ]
            }
            Command::Later => {
                self.waiting = Waiting::ComeBack;
                let mut lines = vec!["When should ownup offer this draft again?".to_string()];
                for (i, (label, _)) in come_back_choices(now).iter().enumerate() {
                    lines.push(format!("  {}. {label}", i + 1));
                }
                lines.push("Type a number; an empty line keeps the draft with no reminder; :back goes back to the question.".into());
                vec![Out::Save, Out::Say(lines.join("\n"))]
            }
        }
    }

    /// A line after `:later`: when to come back.
    fn come_back(&mut self, text: &str, now: DateTime<FixedOffset>) -> Vec<Out> {
        let choices = come_back_choices(now);
        let at = match answer::read_line(text) {
            Line::Command(Command::Back) => {
                self.waiting = Waiting::Answer;
                return self.ask();
            }
            Line::End | Line::Command(Command::Quit) => None,
            Line::Command(Command::Help) => return vec![Out::Say(answer::HELP.into())],
            Line::Command(Command::Skip | Command::Clear | Command::Later) | Line::Text(_) => {
                let picked = text
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| choices.get(n.checked_sub(1)?));
                match picked {
                    Some((_, at)) => *at,
                    None => {
                        return vec![Out::Say(format!(
                            "Type a number from 1 to {}, or an empty line for no reminder.",
                            choices.len()
                        ))];
                    }
                }
            }
        };
        self.session.come_back = at;
        self.edited();
        let said = match at {
            Some(at) => format!(
                "Kept as a draft. ownup will offer it again {}. Take care of yourself meanwhile.",
                come_back_words(at, now)
            ),
            None => "Kept as a draft: it is on the list whenever you want it.".into(),
        };
        vec![Out::Save, Out::Say(said), Out::Leave(Leaving::Later)]
    }

    /// A line of text for the current question.
    fn text(&mut self, text: &str, now: DateTime<FixedOffset>) -> Vec<Out> {
        let kind = self.kind();
        if !kind.is_typed() {
            return match kind.pick(text) {
                Some(picked) => {
                    self.chars = picked.chars().count();
                    self.session.set_answer(self.pos, picked.clone());
                    self.edited();
                    let mut out = vec![Out::Say(answer::chosen(&kind, &picked))];
                    if self.is_first_feeling() && picked.parse::<u8>().is_ok_and(|v| v <= 2) {
                        out.push(Out::Say(
                            "That is a hard place to write from. Go on when you are ready, or stop \
                             here with :later: the draft is kept, and ownup offers it again when you choose."
                                .into(),
                        ));
                    }
                    out.extend(self.advance(now));
                    out
                }
                None => vec![Out::Say(answer::expects(&kind, self.is_first_feeling()))],
            };
        }
        let limit = self
            .guide_prompt()
            .and_then(|p| p.max_chars)
            .map_or(MAX_CHARS, |l| l.min(MAX_CHARS));
        let Some(prompt) = self.session.prompt_mut(self.pos) else {
            return vec![];
        };
        // Counted as the answer grows, not read again at every line: a long answer piped in
        // stays linear.
        let added = text.chars().count() + usize::from(!prompt.answer.is_empty());
        if self.chars + added > limit {
            return vec![Out::Say(format!(
                "This answer is limited to {limit} characters; that line was not added."
            ))];
        }
        if !prompt.answer.is_empty() {
            prompt.answer.push('\n');
        }
        prompt.answer.push_str(text);
        self.chars += added;
        self.typed = true;
        self.edited();
        match kind {
            Kind::Commitment => answer::noted(text, now.date_naive())
                .map(|n| vec![Out::Say(format!("  {n}"))])
                .unwrap_or_default(),
            Kind::Text | Kind::List | Kind::Choice(_) | Kind::Scale(..) | Kind::Feeling => vec![],
        }
    }

    /// An empty line: the answer is done (or left as it was).
    fn end_answer(&mut self, now: DateTime<FixedOffset>) -> Vec<Out> {
        let Some(prompt) = self.prompt() else {
            return self.advance(now);
        };
        if prompt.required && !prompt.is_answered() {
            return vec![Out::Say(
                "This question needs an answer before the session can be finished. Write one, or :skip to come back to it."
                    .into(),
            )];
        }
        let mut out = Vec::new();
        if self.typed {
            out.extend(self.nudge());
        }
        out.extend(self.advance(now));
        out
    }

    /// The suggestion for the answer just ended, if its words set one off that was not given
    /// for this question before.
    fn nudge(&mut self) -> Option<Out> {
        let lexicon = self.lexicon.as_ref()?;
        let step = self.session.steps.get(self.pos.step)?;
        let found = lexicon.nudge(&step.id, self.session.answer(self.pos))?;
        let key = (self.pos, found.rule.id.clone());
        if self.nudged.contains(&key) {
            return None;
        }
        let say = format!("A thought: {}", found.say);
        self.nudged.push(key);
        Some(Out::Say(say))
    }

    /// On to the next question, or to the end.
    fn advance(&mut self, now: DateTime<FixedOffset>) -> Vec<Out> {
        let next = match self.back_to_finish {
            true => None,
            false => self.session.next(self.pos),
        };
        match next {
            Some(next) => {
                self.go(next);
                let mut out = vec![Out::Save];
                out.extend(self.ask());
                out
            }
            None => self.finish(now),
        }
    }

    /// At the end: back to a question still needed, or finished.
    fn finish(&mut self, now: DateTime<FixedOffset>) -> Vec<Out> {
        if let Some(missing) = self.session.first_missing_required() {
            self.back_to_finish = true;
            self.go(missing);
            let mut out = vec![
                Out::Save,
                Out::Say("\nBefore the session can be finished, this question needs an answer.".into()),
            ];
            self.step_said = None;
            out.extend(self.ask());
            return out;
        }
        self.session.sync_commitments(now.date_naive());
        self.session.complete(now);
        self.edited();
        vec![Out::Finish]
    }

    fn go(&mut self, pos: Position) {
        if pos != self.pos {
            self.pos = pos;
            self.session.position = pos;
            self.edited();
        }
        self.typed = false;
        self.chars = self.session.answer(pos).chars().count();
    }
}
