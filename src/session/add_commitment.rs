//! Adding a commitment to a saved session from outside the app (`ownup commitments add`): the
//! line goes into the session's commitments prompt as if it had been typed there, so that the
//! answer and the commitments agree, and every later sync (each save in the app) keeps it.

use chrono::{DateTime, FixedOffset};

use super::{Position, Session};
use crate::script::Kind;

/// Why a line was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddError {
    /// Nothing but spaces.
    #[error("a commitment needs words: what — who — by when, e.g. \"Add a CI check — me — by Friday\"")]
    Empty,
    /// More than one line.
    #[error("one commitment at a time: give one line (this one has a line break)")]
    SeveralLines,
    /// The session's script asks for no commitments.
    #[error(
        "session {session} follows the script \"{script}\", which has no commitments prompt — \
         name another session with --session ID"
    )]
    NoPrompt {
        /// The session.
        session: String,
        /// Its script's name.
        script: String,
    },
    /// The same action is in that prompt already.
    #[error("\"{action}\" is already a commitment of session {session}")]
    AlreadyThere {
        /// The session.
        session: String,
        /// What was to be added.
        action: String,
    },
}

impl Session {
    /// The first prompt that asks for commitments (`Kind::Commitment`), in script order.
    pub fn commitments_prompt(&self) -> Option<Position> {
        self.positions()
            .find(|&pos| self.prompt(pos).is_some_and(|p| p.kind == Kind::Commitment))
    }

    /// Adds `line` (one line in the form of a commitments prompt: `what — who — by when`) at
    /// `now`: the answer of [`Session::commitments_prompt`] gains it as its last line, and the
    /// commitments are synced with the answers, as a save in the app does. Returns the index of
    /// the new commitment. Nothing changes when it fails.
    pub fn add_commitment(&mut self, line: &str, now: DateTime<FixedOffset>) -> Result<usize, AddError> {
        let line = line.trim();
        if line.contains(['\n', '\r']) {
            return Err(AddError::SeveralLines);
        }
        let today = now.date_naive();
        let Some(parsed) = crate::commitment::parse(line, today).into_iter().next() else {
            return Err(AddError::Empty);
        };
        let Some(pos) = self.commitments_prompt() else {
            return Err(AddError::NoPrompt {
                session: self.id.to_string(),
                script: self.script.name.clone(),
            });
        };
        let step = self.steps[pos.step].id.clone();
        let prompt = self.steps[pos.step].prompts[pos.prompt].id.clone();
        let answer = self.answer(pos);
        let same = |c: &super::Commitment| c.step == step && c.prompt == prompt && c.action == parsed.action;
        // In the commitments, or written in the answer and not synced yet (a file edited by
        // hand): a second line with the same words would be a second commitment.
        let written = crate::commitment::parse(answer, today)
            .iter()
            .any(|c| c.action == parsed.action);
        if written || self.commitments.iter().any(same) {
            return Err(AddError::AlreadyThere {
                session: self.id.to_string(),
                action: parsed.action,
            });
        }
        let mut text = answer.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(line);
        self.set_answer(pos, text);
        self.updated = now;
        self.sync_commitments(today);
        // Each line is read on its own, so the sync read this one as `parsed` was.
        Ok(self
            .commitments
            .iter()
            .rposition(same)
            .unwrap_or(self.commitments.len().saturating_sub(1)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::script::Script;
    use crate::session::{CommitmentStatus, Outcome, Status};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
    }

    fn own_it(actions: &str) -> Session {
        let mut s = Session::new("20261120-100000".into(), &Script::default_script(), now());
        let at = s.prompt_at("correct", "actions").unwrap();
        s.set_answer(at, actions.into());
        s.sync_commitments(now().date_naive());
        s
    }

    #[test]
    fn a_line_is_added_to_the_answer_and_read_as_a_commitment() {
        let mut s = own_it("Add a CI check — me — by friday");
        let later = now() + chrono::Duration::days(1);
        let i = s
            .add_commitment("  Tell the team — Sam — tuesday  ", later)
            .unwrap();
        assert_eq!(i, 1);
        let c = &s.commitments[1];
        assert_eq!((c.action.as_str(), c.owner.as_str()), ("Tell the team", "Sam"));
        assert_eq!(c.due, NaiveDate::from_ymd_opt(2026, 11, 24));
        assert_eq!(c.made, NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(c.status, CommitmentStatus::Open);
        let at = s.prompt_at("correct", "actions").unwrap();
        assert_eq!(
            s.answer(at),
            "Add a CI check — me — by friday\nTell the team — Sam — tuesday"
        );
        assert_eq!(s.updated, later);
        // What a save in the app does next keeps it, as it is.
        let before = s.commitments.clone();
        s.sync_commitments(later.date_naive() + chrono::Days::new(3));
        assert_eq!(s.commitments, before);
    }

    #[test]
    fn a_check_in_on_an_added_commitment_survives_the_next_sync() {
        let mut s = own_it("");
        let i = s.add_commitment("Write the runbook by friday", now()).unwrap();
        s.check_in(i, Outcome::Done, None, "written".into(), now());
        s.sync_commitments(now().date_naive());
        assert_eq!(s.commitments[i].status, CommitmentStatus::Done);
        let at = s.prompt_at("correct", "actions").unwrap();
        assert_eq!(s.answer(at), "Write the runbook by friday");
    }

    #[test]
    fn an_answer_ending_in_a_new_line_gets_no_blank_line() {
        let mut s = own_it("Add a CI check\n");
        s.add_commitment("Tell the team", now()).unwrap();
        let at = s.prompt_at("correct", "actions").unwrap();
        assert_eq!(s.answer(at), "Add a CI check\nTell the team");
    }

    #[test]
    fn what_cannot_be_added_changes_nothing_and_says_why() {
        let mut s = own_it("Add a CI check — me — by friday");
        s.complete(now());
        let before = s.clone();
        let err = |s: &mut Session, line: &str| s.add_commitment(line, now()).unwrap_err().to_string();
        assert_eq!(
            err(&mut s, "   "),
            "a commitment needs words: what — who — by when, e.g. \"Add a CI check — me — by Friday\""
        );
        assert_eq!(
            err(&mut s, "One\nTwo"),
            "one commitment at a time: give one line (this one has a line break)"
        );
        assert_eq!(
            err(&mut s, "Add a CI check — Sam — monday"),
            "\"Add a CI check\" is already a commitment of session 20261120-100000"
        );
        assert_eq!(s, before);
        assert_eq!(s.status, Status::Complete);

        let quick = Script::built_in("quick").unwrap();
        let mut q = Session::new("20261120-110000".into(), &quick, now());
        assert_eq!(
            err(&mut q, "Tell the team"),
            "session 20261120-110000 follows the script \"quick\", which has no commitments \
             prompt — name another session with --session ID"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_added_or_refused_without_panicking(line in proptest::prelude::any::<String>()) {
            let mut s = own_it("Add a CI check");
            let before = s.clone();
            match s.add_commitment(&line, now()) {
                Ok(i) => proptest::prop_assert!(i < s.commitments.len()),
                Err(_) => proptest::prop_assert_eq!(s, before),
            }
        }
    }
}
