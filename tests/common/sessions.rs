//! Sessions for tests, built and read by step and prompt id (as named in the script), never by
//! position: a test that says `("learn", "causes")` still means the same prompt when a script
//! gains, loses or reorders prompts, and a wrong id fails at once, naming what there is.

use chrono::{DateTime, FixedOffset};
use ownup::export::JsonSession;
use ownup::script::Script;
use ownup::session::{Position, Session};

use super::NOW;

/// Builds a [`Session`] of a script, answer by answer, by step and prompt id.
///
/// ```ignore
/// let session = SessionBuilder::new("20261120-100000")
///     .started("2026-11-20T10:00:00+01:00")
///     .answer("acknowledge", "what", "Missed the deadline")
///     .answer("learn", "causes", "Nobody owned the calendar.")
///     .complete()
///     .build();
/// ```
#[must_use = "a builder does nothing until `build`"]
pub struct SessionBuilder {
    session: Session,
}

impl SessionBuilder {
    /// A draft `id` of the default script, started at [`NOW`], with no answers.
    #[track_caller]
    pub fn new(id: &str) -> SessionBuilder {
        SessionBuilder::of_script(&Script::default_script(), id)
    }

    /// A draft `id` of `script`, started at [`NOW`], with no answers.
    #[track_caller]
    pub fn of_script(script: &Script, id: &str) -> SessionBuilder {
        SessionBuilder {
            session: Session::new(id.into(), script, time(NOW)),
        }
    }

    /// Started (and last updated) at `at`, an RFC 3339 time such as `2026-11-20T10:00:00+01:00`.
    #[track_caller]
    pub fn started(mut self, at: &str) -> SessionBuilder {
        let at = time(at);
        self.session.started = at;
        self.session.updated = at;
        self
    }

    /// Answers prompt `prompt` of step `step`; panics, naming the ids there are, if either
    /// is not in the script.
    #[track_caller]
    pub fn answer(mut self, step: &str, prompt: &str, text: impl Into<String>) -> SessionBuilder {
        let pos = position(&self.session, step, prompt);
        self.session.set_answer(pos, text.into());
        self
    }

    /// Reads the commitments out of the answers, as of the day the session started.
    pub fn sync_commitments(mut self) -> SessionBuilder {
        let today = self.session.started.date_naive();
        self.session.sync_commitments(today);
        self
    }

    /// Finished at the time it started.
    pub fn complete(mut self) -> SessionBuilder {
        let at = self.session.started;
        self.session.complete(at);
        self
    }

    /// The session.
    pub fn build(self) -> Session {
        self.session
    }
}

/// Reads an answer by step and prompt id, from a session or its JSON export.
pub trait AnswerTo {
    /// The answer to prompt `prompt` of step `step` (`""` if unanswered); panics, naming the
    /// ids there are, if either does not exist.
    #[track_caller]
    fn answer_to(&self, step: &str, prompt: &str) -> &str;
}

impl AnswerTo for Session {
    #[track_caller]
    fn answer_to(&self, step: &str, prompt: &str) -> &str {
        self.answer(position(self, step, prompt))
    }
}

impl AnswerTo for JsonSession {
    #[track_caller]
    fn answer_to(&self, step: &str, prompt: &str) -> &str {
        let ids = self
            .steps
            .iter()
            .map(|s| (s.id.as_str(), s.prompts.iter().map(|p| p.id.as_str()).collect()));
        let (s, p) = locate(
            &format!("script {:?} (exported session {})", self.script.name, self.id),
            ids,
            step,
            prompt,
        );
        &self.steps[s].prompts[p].answer
    }
}

/// Where prompt `prompt` of step `step` is in `session`.
#[track_caller]
fn position(session: &Session, step: &str, prompt: &str) -> Position {
    let ids = session
        .steps
        .iter()
        .map(|s| (s.id.as_str(), s.prompts.iter().map(|p| p.id.as_str()).collect()));
    let (step, prompt) = locate(
        &format!("script {:?} (session {})", session.script.name, session.id),
        ids,
        step,
        prompt,
    );
    Position { step, prompt }
}

/// The indices of step `step` and its prompt `prompt` among `steps` (each a step id and its
/// prompt ids); panics with what `owner` has instead if there is no such step or prompt.
#[track_caller]
fn locate<'a>(
    owner: &str,
    steps: impl Iterator<Item = (&'a str, Vec<&'a str>)>,
    step: &str,
    prompt: &str,
) -> (usize, usize) {
    let steps: Vec<(&str, Vec<&str>)> = steps.collect();
    let Some(s) = steps.iter().position(|(id, _)| *id == step) else {
        let ids: Vec<&str> = steps.iter().map(|(id, _)| *id).collect();
        panic!("{owner} has no step {step:?} — its steps are: {}", ids.join(", "));
    };
    let prompts = &steps[s].1;
    let Some(p) = prompts.iter().position(|id| *id == prompt) else {
        panic!(
            "step {step:?} of {owner} has no prompt {prompt:?} — its prompts are: {}",
            prompts.join(", ")
        );
    };
    (s, p)
}

/// An RFC 3339 time, as written in a test.
#[track_caller]
pub fn time(at: &str) -> DateTime<FixedOffset> {
    match DateTime::parse_from_rfc3339(at) {
        Ok(time) => time,
        Err(err) => panic!("{at:?} is not an RFC 3339 time: {err}"),
    }
}
