//! A session: one person's answers to one script, with the rules on them.
//!
//! Pure data: no terminal code and no disk IO. A session carries a snapshot of every step and
//! prompt it was answered with (ids, titles, questions, which were required), so changing or
//! deleting a script never changes a past session. Intros and hints are guidance, not content:
//! they are shown from the script while writing and not copied into every file.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::script::{Kind, Script};

mod add_commitment;
pub mod commitment_id;
mod id;
pub use add_commitment::AddError;
pub use commitment_id::CommitmentId;
pub use id::SessionId;

/// The version of the session file format written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// How long a list title may be, in characters.
pub const TITLE_MAX_CHARS: usize = 60;

/// The most characters an answer holds, whatever its prompt allows: a million characters is
/// hundreds of pages, and keeps every session file well under the 16 MB ownup reads back.
pub const MAX_ANSWER_CHARS: usize = 1_000_000;

/// Whether the session is still being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Started and saved, not finished.
    Draft,
    /// Finished with Ctrl-S.
    Complete,
}

impl Status {
    /// Lower-case label for lists.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Complete => "complete",
        }
    }
}

/// Which script a session was answered with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Script", deny_unknown_fields)]
pub struct ScriptRef {
    /// The script's short name.
    pub name: String,
    /// The script's title.
    pub title: String,
    /// The script's own version.
    pub version: u32,
}

/// A place in the session: a step and a prompt within it (both 0-based).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Index into `steps`.
    pub step: usize,
    /// Index into that step's `prompts`.
    pub prompt: usize,
}

/// A step as it was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Step", deny_unknown_fields)]
pub struct StepRecord {
    /// The step's id in the script.
    pub id: String,
    /// The step's title.
    pub title: String,
    /// The prompts with their answers.
    pub prompts: Vec<PromptRecord>,
}

/// A prompt as it was asked, and the answer given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Prompt", deny_unknown_fields)]
pub struct PromptRecord {
    /// The prompt's id in its step.
    pub id: String,
    /// The question as it was asked.
    pub ask: String,
    /// Whether an answer was required to finish.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The kind of answer asked for (free text when left out).
    #[serde(default, skip_serializing_if = "Kind::is_text")]
    pub kind: Kind,
    /// Kept out of exports and titles.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// The answer; empty when not answered. Lines are separated by `\n`.
    #[serde(default)]
    pub answer: String,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// Times as RFC 3339 with a numeric offset (`+00:00`, never `Z`), to the second when whole.
mod rfc3339 {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_time(at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        parse(&String::deserialize(d)?)
    }

    fn parse<E: serde::de::Error>(text: &str) -> Result<DateTime<FixedOffset>, E> {
        DateTime::parse_from_rfc3339(text)
            .map_err(|err| E::custom(format!("\"{text}\" is not an RFC 3339 time ({err})")))
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(at: &Option<DateTime<FixedOffset>>, s: S) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => s.serialize_some(&super::super::format_time(at)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|text| parse(&text))
                .transpose()
        }
    }
}

impl PromptRecord {
    /// The answer as lines to show or export: items of a list (or commitments) behind
    /// `bullet`, a scale value with its range, anything else as written.
    pub fn answer_lines(&self, bullet: &str) -> Vec<String> {
        match &self.kind {
            Kind::List | Kind::Commitment => self
                .answer
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| format!("{bullet}{l}"))
                .collect(),
            Kind::Scale(low, high) => vec![format!("{} (on a scale of {low} to {high})", self.answer.trim())],
            Kind::Feeling => vec![match crate::script::feeling_words(&self.answer) {
                Some(words) => format!("{} ({words}, on a scale of 1 to 5)", self.answer.trim()),
                None => self.answer.trim().to_string(),
            }],
            Kind::Text | Kind::Choice(_) => self.answer.lines().map(str::to_string).collect(),
        }
    }

    /// Whether the answer stays out of exports and titles: marked so, or a feeling (even in
    /// a file edited by hand).
    pub fn is_private(&self) -> bool {
        self.private || self.kind == Kind::Feeling
    }

    /// Whether the answer has any visible text.
    pub fn is_answered(&self) -> bool {
        !self.answer.trim().is_empty()
    }
}

/// One person's pass through a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// File format version; see [`FORMAT_VERSION`].
    pub version: u32,
    /// Sortable identifier, also the file name, e.g. `20261122-234501`.
    pub id: SessionId,
    /// Draft or complete.
    pub status: Status,
    /// When the session was started.
    #[serde(with = "rfc3339")]
    pub started: DateTime<FixedOffset>,
    /// When it was last saved.
    #[serde(with = "rfc3339")]
    pub updated: DateTime<FixedOffset>,
    /// When it was finished, if it was.
    #[serde(default, with = "rfc3339::option")]
    pub finished: Option<DateTime<FixedOffset>>,
    /// The script it follows.
    pub script: ScriptRef,
    /// Where the writer was when it was last saved.
    #[serde(default)]
    pub position: Position,
    /// Every step with its prompts and answers.
    pub steps: Vec<StepRecord>,
    /// The promises made in the answers, and how they went.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// The apology put together with the apology builder, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apology: Option<crate::apology::Apology>,
    /// What was typed in the apology builder and not yet kept with Ctrl-S: the builder opens
    /// with it again, so closing the builder, a crash or a signal loses none of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apology_draft: Option<crate::apology::Apology>,
    /// When the writer, choosing "not now", asked to be offered this draft again.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339::option")]
    pub come_back: Option<DateTime<FixedOffset>>,
}

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommitmentStatus {
    /// Not done yet.
    Open,
    /// Done.
    Done,
    /// Let go, on purpose.
    Dropped,
}

impl CommitmentStatus {
    /// Lower-case label.
    pub fn label(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Done => "done",
            CommitmentStatus::Dropped => "dropped",
        }
    }
}

/// What a check-in found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// It is done.
    Done,
    /// Not yet; a new date was set.
    NotYet,
    /// It is dropped.
    Dropped,
}

impl Outcome {
    /// How a check-in's outcome reads: `done`, `not yet`, `dropped`.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::NotYet => "not yet",
            Outcome::Dropped => "dropped",
        }
    }
}

/// A time as written in files and exports: RFC 3339 with a numeric offset, to the second when
/// whole.
pub fn format_time(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// One check-in on a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// When.
    #[serde(with = "rfc3339")]
    pub at: DateTime<FixedOffset>,
    /// What was found.
    pub outcome: Outcome,
    /// The new date, for "not yet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_due: Option<NaiveDate>,
    /// What happened, in the person's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For done: the day it was done, when that was before the check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
}

impl CheckIn {
    /// One line for it, as the reader, exports and `ownup commitments` show it:
    /// `2026-11-24 not yet → 2026-11-27: waiting on the team meeting`.
    pub fn summary(&self) -> String {
        let mut line = format!("{} {}", self.at.format("%Y-%m-%d"), self.outcome.label());
        if let Some(day) = self.done_on {
            line.push_str(&format!(" (on {day})"));
        }
        if let Some(due) = self.new_due {
            line.push_str(&format!(" → {due}"));
        }
        if !self.note.is_empty() {
            line.push_str(&format!(": {}", self.note));
        }
        line
    }
}

/// A promise made in a session: a corrective action with an owner and a date, or a
/// when-then plan; followed up with check-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// The step it was written in.
    pub step: String,
    /// The prompt it was written in.
    pub prompt: String,
    /// What will be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// By when, as a date (when the words were understood as one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// For a when-then plan: the situation ("When …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The day it was first written (not known for commitments written before ownup kept it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made: Option<NaiveDate>,
    /// Where it stands.
    pub status: CommitmentStatus,
    /// Check-ins, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<CheckIn>,
}

impl Commitment {
    /// Whether it comes from a private prompt of `session` (then it stays out of exports, as
    /// the answer it was read from does).
    pub fn is_private_in(&self, session: &Session) -> bool {
        session
            .steps
            .iter()
            .filter(|s| s.id == self.step)
            .flat_map(|s| &s.prompts)
            .any(|p| p.id == self.prompt && p.is_private())
    }

    /// What was promised, in one line: the action, or "When X, Y" for a when-then plan.
    pub fn describe(&self) -> String {
        match &self.when {
            Some(when) => format!("When {when}, {}", self.action),
            None => self.action.clone(),
        }
    }

    /// By when, as the reader and exports show it: the date understood, else the words typed
    /// (`None` when no by-when was given).
    pub fn by_when(&self) -> Option<String> {
        match self.due {
            Some(due) => Some(due.to_string()),
            None if !self.by.is_empty() => Some(self.by.clone()),
            None => None,
        }
    }

    /// Whether it is open and its date has come.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.status == CommitmentStatus::Open && self.check_from().is_some_and(|day| day <= today)
    }

    /// The day it comes up for a check-in: its date; the day after, for one due the very day
    /// it was written ("by end of day", said today: asking the moment the session ends would
    /// be too soon); a week after it was written, for a when-then plan ("Did the plan fire?").
    pub fn check_from(&self) -> Option<NaiveDate> {
        match (self.due, self.made) {
            (Some(due), Some(made)) if due <= made => due.succ_opt(),
            (Some(due), _) => Some(due),
            (None, Some(made)) if self.when.is_some() => made.checked_add_days(chrono::Days::new(7)),
            (None, _) => None,
        }
    }

    /// The date it was settled (done or dropped), if it was.
    pub fn settled_on(&self) -> Option<NaiveDate> {
        match self.status {
            CommitmentStatus::Open => None,
            _ => self
                .history
                .last()
                .map(|c| c.done_on.unwrap_or_else(|| c.at.date_naive())),
        }
    }
}

impl Session {
    /// A new, empty draft of `script`.
    pub fn new(id: SessionId, script: &Script, now: DateTime<FixedOffset>) -> Session {
        Session {
            version: FORMAT_VERSION,
            id,
            status: Status::Draft,
            started: now,
            updated: now,
            finished: None,
            script: ScriptRef {
                name: script.name.clone(),
                title: script.title.clone(),
                version: script.version,
            },
            position: Position::default(),
            commitments: Vec::new(),
            apology: None,
            apology_draft: None,
            come_back: None,
            steps: script
                .steps
                .iter()
                .map(|step| StepRecord {
                    id: step.id.clone(),
                    title: step.title.clone(),
                    prompts: step
                        .prompts
                        .iter()
                        .map(|p| PromptRecord {
                            id: p.id.clone(),
                            ask: p.ask.clone(),
                            required: p.required,
                            kind: p.kind.clone(),
                            private: p.is_private(),
                            answer: String::new(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Where the prompt `prompt` of the step `step` is (by their ids in the script).
    pub fn prompt_at(&self, step: &str, prompt: &str) -> Option<Position> {
        let step_index = self.steps.iter().position(|s| s.id == step)?;
        let prompt = self.steps[step_index]
            .prompts
            .iter()
            .position(|p| p.id == prompt)?;
        Some(Position {
            step: step_index,
            prompt,
        })
    }

    /// The prompt at `pos`, if it exists.
    pub fn prompt(&self, pos: Position) -> Option<&PromptRecord> {
        self.steps.get(pos.step)?.prompts.get(pos.prompt)
    }

    /// The prompt at `pos`, mutably.
    pub fn prompt_mut(&mut self, pos: Position) -> Option<&mut PromptRecord> {
        self.steps.get_mut(pos.step)?.prompts.get_mut(pos.prompt)
    }

    /// The answer at `pos`, or `""`.
    pub fn answer(&self, pos: Position) -> &str {
        self.prompt(pos).map_or("", |p| p.answer.as_str())
    }

    /// Sets the answer at `pos`; out-of-range positions are ignored.
    pub fn set_answer(&mut self, pos: Position, answer: String) {
        if let Some(prompt) = self.prompt_mut(pos) {
            prompt.answer = answer;
        }
    }

    /// The position after `pos`: the next prompt, or the next step's first. `None` at the end.
    pub fn next(&self, pos: Position) -> Option<Position> {
        let step = self.steps.get(pos.step)?;
        if pos.prompt + 1 < step.prompts.len() {
            return Some(Position {
                prompt: pos.prompt + 1,
                ..pos
            });
        }
        (pos.step + 1..self.steps.len())
            .find(|&s| !self.steps[s].prompts.is_empty())
            .map(|step| Position { step, prompt: 0 })
    }

    /// The position before `pos`: the previous prompt, or the previous step's last. `None` at the start.
    pub fn previous(&self, pos: Position) -> Option<Position> {
        if pos.prompt > 0 {
            return Some(Position {
                prompt: pos.prompt - 1,
                ..pos
            });
        }
        (0..pos.step.min(self.steps.len()))
            .rev()
            .find(|&s| !self.steps[s].prompts.is_empty())
            .map(|step| Position {
                step,
                prompt: self.steps[step].prompts.len() - 1,
            })
    }

    /// `position`, clamped to a prompt that exists (a hand-edited file may point anywhere).
    pub fn valid_position(&self) -> Position {
        if self.prompt(self.position).is_some() {
            self.position
        } else {
            Position::default()
        }
    }

    /// The first required prompt without an answer, in script order.
    pub fn first_missing_required(&self) -> Option<Position> {
        self.positions()
            .find(|&pos| self.prompt(pos).is_some_and(|p| p.required && !p.is_answered()))
    }

    /// Every position, in order.
    pub fn positions(&self) -> impl Iterator<Item = Position> + '_ {
        self.steps
            .iter()
            .enumerate()
            .flat_map(|(step, s)| (0..s.prompts.len()).map(move |prompt| Position { step, prompt }))
    }

    /// Whether any answer has visible text.
    pub fn has_any_answer(&self) -> bool {
        self.steps
            .iter()
            .flat_map(|s| &s.prompts)
            .any(PromptRecord::is_answered)
    }

    /// Whether every prompt of step `index` is answered.
    pub fn step_is_done(&self, index: usize) -> bool {
        self.steps.get(index).is_some_and(|s| {
            // A check-in is asked, never owed: it does not keep a step from being done.
            let mut asked = s.prompts.iter().filter(|p| p.kind != Kind::Feeling).peekable();
            asked.peek().is_some() && asked.all(PromptRecord::is_answered)
        })
    }

    /// The check-ins side by side, in words, when one was answered: "heavy (2) at the start,
    /// fairly steady (4) at the end". Never a score: no change is praised or regretted.
    pub fn feelings_words(&self) -> Option<String> {
        let words = |v: u8| {
            crate::script::FEELINGS
                .get(usize::from(v).checked_sub(1)?)
                .map(|w| format!("{w} ({v})"))
        };
        match self.feelings() {
            (Some(before), Some(after)) => Some(format!(
                "{} at the start, {} at the end",
                words(before)?,
                words(after)?
            )),
            (Some(before), None) => Some(format!("{} at the start", words(before)?)),
            (None, Some(after)) => Some(format!("{} at the end", words(after)?)),
            (None, None) => None,
        }
    }

    /// How many steps have at least one answer (a feeling alone does not make a step answered).
    pub fn answered_steps(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| {
                s.prompts
                    .iter()
                    .any(|p| p.kind != Kind::Feeling && p.is_answered())
            })
            .count()
    }

    /// Where the feeling check-ins are: the first Feeling prompt (before) and, when there is
    /// another, the last (after).
    pub fn feeling_positions(&self) -> (Option<Position>, Option<Position>) {
        let mut all = self.steps.iter().enumerate().flat_map(|(step, s)| {
            s.prompts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == Kind::Feeling)
                .map(move |(prompt, _)| Position { step, prompt })
        });
        let before = all.next();
        (before, all.last())
    }

    /// How the writer felt at the check-ins, before and after, each 1 to 5 when given.
    pub fn feelings(&self) -> (Option<u8>, Option<u8>) {
        let value = |pos: Option<Position>| {
            let answer = self.answer(pos?);
            crate::script::feeling_words(answer)?;
            answer.trim().parse().ok()
        };
        let (before, after) = self.feeling_positions();
        (value(before), value(after))
    }

    /// The words said to the person when a finished session is shown. They depend on what was
    /// written: a session with little in it is not praised for having looked at it squarely
    /// (praise for nothing makes praise worth nothing), and the follow-through named is the one
    /// that exists.
    pub fn closing_words(&self) -> String {
        let typed: Vec<&PromptRecord> = self
            .steps
            .iter()
            .flat_map(|s| &s.prompts)
            .filter(|p| p.kind.is_typed())
            .collect();
        let words: usize = typed.iter().map(|p| p.answer.split_whitespace().count()).sum();
        // A short script asks for little: five words a question is a real answer there.
        let enough = (typed.len() * 5).min(25);
        let answered = self.answered_steps();
        if words < enough || answered * 2 < self.steps.len() {
            return "Saved. There is not much written here yet; you can come back to it and add more \
                    whenever you are ready."
                .into();
        }
        let open: Vec<&Commitment> = self
            .commitments
            .iter()
            .filter(|c| c.status == CommitmentStatus::Open)
            .collect();
        // A promise with no day is never asked about: say so, rather than promise a check-in.
        let undated = open.iter().filter(|c| c.check_from().is_none()).count();
        let follow = match (open.len(), undated) {
            (0, _) if !self.commitments.is_empty() => {
                "Every commitment here is settled. Following through is how people see it was owned."
                    .to_string()
            }
            (0, _) => "Keeping a promise is how people see it was owned: a commitment with a by-when \
                       would come back to you here."
                .to_string(),
            (1, 1) => {
                "Your commitment has no by-when yet, so ownup cannot remind you of it; give it a day.".into()
            }
            (1, _) => "Come back to check on the commitment you made; ownup will ask when it is due.".into(),
            (n, 0) => format!(
                "Come back to check on the {n} commitments you made; ownup will ask when they are due."
            ),
            (n, k) if k == n => format!(
                "Your {n} commitments have no by-when yet, so ownup cannot remind you of them; give each a day."
            ),
            (n, 1) => format!(
                "Come back to check on the {n} commitments you made; ownup will ask when they are due. \
                 One has no by-when yet, so ownup cannot remind you of it; give it a day."
            ),
            (n, k) => format!(
                "Come back to check on the {n} commitments you made; ownup will ask when they are due. \
                 {k} have no by-when yet, so ownup cannot remind you of them; give each a day."
            ),
        };
        format!("You did the hard part: you looked at it squarely. {follow}")
    }

    /// The title for lists: the first non-empty line of a typed, non-private answer, shortened.
    pub fn title(&self) -> String {
        derive_title(
            self.steps
                .iter()
                .flat_map(|s| &s.prompts)
                .filter(|p| !p.is_private() && p.kind.is_typed())
                .map(|p| p.answer.as_str()),
        )
    }

    /// Brings `commitments` in line with the answers: every line of a Commitment prompt and
    /// every when-then plan ("When X, I will Y") in a text answer is a commitment. Edited lines
    /// update theirs; a commitment whose line is gone is removed unless it has check-ins.
    pub fn sync_commitments(&mut self, today: NaiveDate) {
        let mut found: Vec<Commitment> = Vec::new();
        for step in &self.steps {
            for prompt in &step.prompts {
                let new = |action: String, owner: String, by: String, when: Option<String>| Commitment {
                    step: step.id.clone(),
                    prompt: prompt.id.clone(),
                    due: crate::dates::parse(&by, today),
                    action,
                    owner,
                    by,
                    when,
                    made: Some(today),
                    status: CommitmentStatus::Open,
                    history: Vec::new(),
                };
                match prompt.kind {
                    Kind::Commitment => found.extend(
                        crate::commitment::parse(&prompt.answer, today)
                            .into_iter()
                            .map(|c| new(c.action, c.owner, c.by, None)),
                    ),
                    Kind::Text | Kind::List => found.extend(prompt.answer.lines().filter_map(|line| {
                        let plan = crate::dates::when_then(line)?;
                        Some(new(plan.then, "me".into(), String::new(), Some(plan.when)))
                    })),
                    Kind::Choice(_) | Kind::Scale(..) | Kind::Feeling => {}
                }
            }
        }
        let mut old = std::mem::take(&mut self.commitments);
        for mut fresh in found {
            let same =
                |c: &Commitment| c.step == fresh.step && c.prompt == fresh.prompt && c.action == fresh.action;
            if let Some(i) = old.iter().position(same) {
                let mut kept = old.remove(i);
                kept.owner = fresh.owner;
                // A date moved at a check-in stays moved until the words change.
                if kept.by != fresh.by {
                    kept.due = fresh.due;
                    kept.by = fresh.by;
                }
                kept.when = fresh.when;
                kept.made = kept.made.or(fresh.made);
                fresh = kept;
            }
            self.commitments.push(fresh);
        }
        // Keep what has a history even when its line was edited away.
        self.commitments
            .extend(old.into_iter().filter(|c| !c.history.is_empty()));
    }

    /// Records a check-in on commitment `index` at `now`. `day` is, for not yet, the new
    /// date, and for done, the day it was done (kept when before the check-in's day).
    pub fn check_in(
        &mut self,
        index: usize,
        outcome: Outcome,
        day: Option<NaiveDate>,
        note: String,
        now: DateTime<FixedOffset>,
    ) -> bool {
        let Some(commitment) = self.commitments.get_mut(index) else {
            return false;
        };
        commitment.status = match outcome {
            Outcome::Done => CommitmentStatus::Done,
            Outcome::NotYet => CommitmentStatus::Open,
            Outcome::Dropped => CommitmentStatus::Dropped,
        };
        if let (Outcome::NotYet, Some(due)) = (outcome, day) {
            commitment.due = Some(due);
        }
        commitment.history.push(CheckIn {
            at: now,
            outcome,
            new_due: if outcome == Outcome::NotYet { day } else { None },
            note,
            done_on: day.filter(|&d| outcome == Outcome::Done && d < now.date_naive()),
        });
        self.updated = now;
        true
    }

    /// Marks the session complete at `now`.
    pub fn complete(&mut self, now: DateTime<FixedOffset>) {
        self.status = Status::Complete;
        self.finished = Some(now);
        self.updated = now;
    }
}

/// The first non-empty line among `answers`, trimmed and shortened to [`TITLE_MAX_CHARS`]
/// at a word boundary where one is near, with an ellipsis. Empty when nothing was written.
pub fn derive_title<'a>(answers: impl IntoIterator<Item = &'a str>) -> String {
    let Some(line) = answers
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .find(|line| !line.is_empty())
    else {
        return String::new();
    };
    // Collapse runs of whitespace (tabs, doubled spaces) so lists stay tidy.
    let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= TITLE_MAX_CHARS {
        return line;
    }
    // Cut between graphemes, so an accent, a flag or a joined emoji is never split in two;
    // only a single grapheme too long for a title (stacked marks) is cut by characters.
    let mut room = TITLE_MAX_CHARS - 1;
    let mut cut: String = line
        .graphemes(true)
        .take_while(|g| {
            let n = g.chars().count();
            room.checked_sub(n).map(|left| room = left).is_some()
        })
        .collect();
    if cut.is_empty() {
        cut = line.chars().take(TITLE_MAX_CHARS - 1).collect();
    }
    let cut = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() >= TITLE_MAX_CHARS * 2 / 3 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Origin;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
    }

    fn script() -> Script {
        Script::parse(
            r#"Script(name: "t", title: "T", steps: [
                Step(id: "a", title: "A", prompts: [Prompt(id: "1", ask: "one?"), Prompt(id: "2", ask: "two?", required: true)]),
                Step(id: "b", title: "B", prompts: [Prompt(id: "3", ask: "three?")]),
            ])"#,
            Origin::BuiltIn("t".into()),
        )
        .unwrap()
    }

    fn pos(step: usize, prompt: usize) -> Position {
        Position { step, prompt }
    }

    #[test]
    fn a_new_session_snapshots_the_script() {
        let s = Session::new("id".into(), &script(), now());
        assert_eq!(s.status, Status::Draft);
        assert_eq!(s.script.name, "t");
        assert_eq!(s.steps[0].prompts[1].ask, "two?");
        assert!(s.steps[0].prompts[1].required);
        assert_eq!(s.finished, None);
        assert!(!s.has_any_answer());
    }

    #[test]
    fn next_walks_prompts_then_steps_and_stops_at_the_end() {
        let s = Session::new("id".into(), &script(), now());
        assert_eq!(s.next(pos(0, 0)), Some(pos(0, 1)));
        assert_eq!(s.next(pos(0, 1)), Some(pos(1, 0)));
        assert_eq!(s.next(pos(1, 0)), None);
        assert_eq!(s.positions().count(), 3);
    }

    #[test]
    fn previous_walks_back_to_the_previous_steps_last_prompt() {
        let s = Session::new("id".into(), &script(), now());
        assert_eq!(s.previous(pos(1, 0)), Some(pos(0, 1)));
        assert_eq!(s.previous(pos(0, 1)), Some(pos(0, 0)));
        assert_eq!(s.previous(pos(0, 0)), None);
    }

    #[test]
    fn answers_are_kept_per_position() {
        let mut s = Session::new("id".into(), &script(), now());
        s.set_answer(pos(0, 1), "two".into());
        s.set_answer(pos(9, 9), "ignored".into());
        assert_eq!(s.answer(pos(0, 1)), "two");
        assert_eq!(s.answer(pos(0, 0)), "");
        assert_eq!(s.answered_steps(), 1);
        assert!(!s.step_is_done(0));
        s.set_answer(pos(0, 0), "one".into());
        assert!(s.step_is_done(0));
    }

    #[test]
    fn the_first_missing_required_prompt_is_found() {
        let mut s = Session::new("id".into(), &script(), now());
        assert_eq!(s.first_missing_required(), Some(pos(0, 1)));
        s.set_answer(pos(0, 1), "   \n ".into());
        assert_eq!(
            s.first_missing_required(),
            Some(pos(0, 1)),
            "whitespace is not an answer"
        );
        s.set_answer(pos(0, 1), "done".into());
        assert_eq!(s.first_missing_required(), None);
    }

    #[test]
    fn completing_sets_status_and_time() {
        let mut s = Session::new("id".into(), &script(), now());
        s.complete(now());
        assert_eq!(s.status, Status::Complete);
        assert_eq!(s.finished, Some(now()));
    }

    #[test]
    fn a_bad_stored_position_falls_back_to_the_start() {
        let mut s = Session::new("id".into(), &script(), now());
        s.position = pos(7, 3);
        assert_eq!(s.valid_position(), pos(0, 0));
        s.position = pos(1, 0);
        assert_eq!(s.valid_position(), pos(1, 0));
    }

    #[test]
    fn the_title_is_the_first_non_empty_answer_line() {
        let mut s = Session::new("id".into(), &script(), now());
        assert_eq!(s.title(), "");
        s.set_answer(pos(0, 1), "\n  I  broke\tthe build  \nsecond line".into());
        assert_eq!(s.title(), "I broke the build");
        s.set_answer(pos(0, 0), "   ".into());
        assert_eq!(s.title(), "I broke the build");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_with_an_ellipsis() {
        let long =
            "I deployed the payments service on Friday evening without running the migration check first";
        let title = derive_title([long]);
        assert_eq!(
            title,
            "I deployed the payments service on Friday evening without…"
        );
        assert!(title.chars().count() <= TITLE_MAX_CHARS);
    }

    #[test]
    fn long_titles_without_spaces_are_cut_by_characters() {
        let long = "é".repeat(100);
        let title = derive_title([long.as_str()]);
        assert_eq!(title.chars().count(), TITLE_MAX_CHARS);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn long_titles_are_cut_between_graphemes() {
        // 58 letters, then a family emoji (5 chars, one grapheme) across the cut.
        let long = format!("{}👨‍👩‍👧 and more", "a".repeat(58));
        let title = derive_title([long.as_str()]);
        assert_eq!(title, format!("{}…", "a".repeat(58)));
        let accents = "e\u{301}".repeat(40);
        let title = derive_title([accents.as_str()]);
        assert_eq!(title, format!("{}…", "e\u{301}".repeat(29)));
    }

    #[test]
    fn a_title_cut_inside_an_escape_sequence_prints_no_escape() {
        let long = format!("{}\x1b]0;pwned by a very long window title\x07", "a".repeat(50));
        let title = derive_title([long.as_str()]);
        // Cut after the ESC and before the BEL that would end the sequence.
        assert_eq!(title, format!("{}\x1b]0;pwned…", "a".repeat(50)));
        let shown = crate::output::printable(&title);
        assert_eq!(shown, format!("{}^[]0;pwned…", "a".repeat(50)));
    }

    proptest::proptest! {
        #[test]
        fn titles_never_panic_and_stay_short(text in proptest::prelude::any::<String>()) {
            let title = derive_title([text.as_str()]);
            proptest::prop_assert!(title.chars().count() <= TITLE_MAX_CHARS);
            proptest::prop_assert!(!title.contains('\n'));
        }
    }

    #[test]
    fn commitments_follow_the_answers_and_keep_their_history() {
        let script = Script::default_script();
        let mut s = Session::new("id".into(), &script, now());
        let actions = Position { step: 4, prompt: 0 };
        let plan = Position { step: 5, prompt: 0 };
        s.set_answer(
            actions,
            "Add a CI check — me — by tomorrow\nTell the team | Sam | friday".into(),
        );
        s.set_answer(plan, "When I deploy on a Friday, I will ask for a review.".into());
        let today = now().date_naive();
        s.sync_commitments(today);
        let c = &s.commitments;
        assert_eq!(c.len(), 3);
        assert_eq!(
            (c[0].action.as_str(), c[0].owner.as_str()),
            ("Add a CI check", "me")
        );
        assert_eq!(c[0].due, NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(c[1].owner, "Sam");
        assert_eq!(c[1].due, NaiveDate::from_ymd_opt(2026, 11, 27));
        assert_eq!(c[2].when.as_deref(), Some("I deploy on a Friday"));
        assert_eq!(c[2].action, "ask for a review");
        assert_eq!(c[2].due, None);

        // A check-in moves the date; re-syncing keeps it while the words stay the same.
        let later = now() + chrono::Duration::days(2);
        assert!(s.check_in(
            0,
            Outcome::NotYet,
            NaiveDate::from_ymd_opt(2026, 11, 30),
            "blocked".into(),
            later
        ));
        assert!(s.check_in(1, Outcome::Done, None, String::new(), later));
        s.sync_commitments(today);
        assert_eq!(s.commitments[0].due, NaiveDate::from_ymd_opt(2026, 11, 30));
        assert_eq!(s.commitments[1].status, CommitmentStatus::Done);

        // Edited away: gone, unless it has a history.
        s.set_answer(actions, String::new());
        s.sync_commitments(today);
        let left: Vec<&str> = s.commitments.iter().map(|c| c.action.as_str()).collect();
        assert_eq!(left, ["ask for a review", "Add a CI check", "Tell the team"]);
        s.set_answer(plan, String::new());
        s.sync_commitments(today);
        assert_eq!(s.commitments.len(), 2, "the plan had no history");
    }

    #[test]
    fn due_means_open_and_its_check_in_day_has_come() {
        let mut s = Session::new("id".into(), &Script::default_script(), now());
        s.set_answer(
            Position { step: 4, prompt: 0 },
            "A — me — today\nB — me — in 3 days\nC".into(),
        );
        s.set_answer(
            Position { step: 5, prompt: 0 },
            "When I feel rushed before a deploy, I will run the checklist.".into(),
        );
        let today = now().date_naive();
        s.sync_commitments(today);
        let due_on = |s: &Session, days: u64| -> Vec<bool> {
            let day = today + chrono::Days::new(days);
            s.commitments.iter().map(|c| c.is_due(day)).collect()
        };
        // Due "today", said today: asked about tomorrow, not the moment the session ends.
        assert_eq!(due_on(&s, 0), [false, false, false, false]);
        assert_eq!(due_on(&s, 1), [true, false, false, false]);
        assert_eq!(due_on(&s, 3), [true, true, false, false]);
        // A when-then plan comes up a week after it was written.
        assert_eq!(
            s.commitments[3].when.as_deref(),
            Some("I feel rushed before a deploy")
        );
        assert!(!due_on(&s, 6)[3]);
        assert!(due_on(&s, 7)[3]);
        s.check_in(0, Outcome::Dropped, None, "no longer needed".into(), now());
        assert!(!s.commitments[0].is_due(today + chrono::Days::new(1)));
        assert_eq!(s.commitments[0].settled_on(), Some(today));
    }

    #[test]
    fn the_closing_words_depend_on_what_was_written() {
        let own_it = Script::default_script();
        let quick = Script::built_in("quick").expect("quick ships");
        let at = |s: &Session, step: &str, prompt: &str| s.prompt_at(step, prompt).unwrap();
        let today = now().date_naive();

        // "test": no praise.
        let mut s = Session::new("a".into(), &own_it, now());
        s.set_answer(at(&s, "acknowledge", "what"), "test".into());
        assert!(
            s.closing_words()
                .starts_with("Saved. There is not much written here yet")
        );

        // A complete, honest quick session is short, and is praised (5 words a typed question).
        let mut q = Session::new("q".into(), &quick, now());
        for (i, pos) in q.positions().collect::<Vec<_>>().into_iter().enumerate() {
            if q.prompt(pos).is_some_and(|p| p.kind.is_typed()) {
                let text = [
                    "Sent Acme the wrong total.",
                    "Told Acme and resent it today.",
                    "When I send invoices, I will check totals.",
                ];
                q.set_answer(pos, text[i % 3].into());
            }
        }
        assert!(
            q.closing_words().starts_with("You did the hard part"),
            "{}",
            q.closing_words()
        );

        // Written at length, with commitments: one without a day is named as such.
        let mut s = Session::new("b".into(), &own_it, now());
        let long = "I deployed the payments change on Friday without running the migration check, and checkout failed for twenty minutes.";
        for (step, prompt) in [
            ("acknowledge", "what"),
            ("act", "contain"),
            ("apologize", "responsibility"),
            ("apologize", "repair"),
        ] {
            s.set_answer(at(&s, step, prompt), long.into());
        }
        s.set_answer(
            at(&s, "correct", "actions"),
            "Add a CI check — me — by Friday\nWrite the runbook — me".into(),
        );
        s.sync_commitments(today);
        assert_eq!(
            s.closing_words(),
            "You did the hard part: you looked at it squarely. Come back to check on the 2 commitments you made; \
             ownup will ask when they are due. One has no by-when yet, so ownup cannot remind you of it; give it a day."
        );
        // All settled: said so, not "would come back".
        for i in 0..s.commitments.len() {
            s.check_in(i, Outcome::Done, None, String::new(), now());
        }
        assert!(s.closing_words().ends_with(
            "Every commitment here is settled. Following through is how people see it was owned."
        ));
    }
}
