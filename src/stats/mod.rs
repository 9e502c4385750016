//! Looking back: sessions per month, how commitments went, and the root causes that keep
//! coming back across sessions. No terminal code; `to_text` is the command-line rendering.

mod causes;

use chrono::{Datelike, Months, NaiveDate};

pub use causes::{Cause, recurring};

use crate::script::Kind;
use crate::session::{CommitmentStatus, Session};

/// How many months the per-month counts cover.
pub const MONTHS: usize = 12;

/// The numbers `ownup stats` and the home panel show.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Sessions started in each of the last [`MONTHS`] months, oldest first: (month, count).
    pub per_month: Vec<(NaiveDate, usize)>,
    /// The sessions with something written in them (a draft with nothing but a check-in is
    /// not one yet).
    pub sessions: usize,
    /// Commitments done.
    pub done: usize,
    /// Commitments open and not yet due.
    pub open: usize,
    /// Commitments open and past their date.
    pub overdue: usize,
    /// Commitments dropped.
    pub dropped: usize,
    /// Median days from the session to the commitment being done.
    pub median_days_to_done: Option<f64>,
    /// The root causes that recur across sessions, most sessions first.
    pub causes: Vec<Cause>,
    /// The check-ins at the start and the end, over the sessions that have both.
    pub feelings: Option<Feelings>,
}

/// How people felt at the start and at the end of their sessions, on average (1 to 5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feelings {
    /// Sessions with both check-ins answered.
    pub sessions: usize,
    /// The average at the start.
    pub before: f64,
    /// The average at the end.
    pub after: f64,
}

impl Feelings {
    /// One line, side by side, never scored: "2.2 at the start and 3.6 at the end, on average
    /// over 5 sessions (1: it weighs on me a lot, 5: steady)".
    pub fn line(&self) -> String {
        let sessions = match self.sessions {
            1 => "1 session".to_string(),
            n => format!("{n} sessions"),
        };
        format!(
            "{:.1} at the start and {:.1} at the end, on average over {sessions} (1: {}, 5: {})",
            self.before,
            self.after,
            crate::script::FEELINGS[0],
            crate::script::FEELINGS[4]
        )
    }
}

/// Whether a prompt asks for root causes (own-it's learn/causes, incident-review's factors…).
fn is_cause_prompt(step: &str, prompt: &str) -> bool {
    ["cause", "factor"]
        .iter()
        .any(|w| prompt.contains(w) || step.contains(w))
}

/// Whether `session` has anything written in it: an answer other than a check-in.
fn has_writing(session: &Session) -> bool {
    session.steps.iter().any(|step| {
        step.prompts
            .iter()
            .any(|p| !matches!(p.kind, Kind::Feeling) && !p.answer.trim().is_empty())
    })
}

impl Stats {
    /// The stats of `sessions`, as of `today`. Only sessions with something written count.
    pub fn of(sessions: &[Session], today: NaiveDate) -> Stats {
        let sessions: Vec<&Session> = sessions.iter().filter(|s| has_writing(s)).collect();
        let this_month = today.with_day(1).unwrap_or(today);
        let per_month: Vec<(NaiveDate, usize)> = (0..MONTHS)
            .rev()
            .filter_map(|back| this_month.checked_sub_months(Months::new(back as u32)))
            .map(|month| {
                let count = sessions
                    .iter()
                    .filter(|s| {
                        let d = s.started.date_naive();
                        d.year() == month.year() && d.month() == month.month()
                    })
                    .count();
                (month, count)
            })
            .collect();
        let mut stats = Stats {
            per_month,
            sessions: sessions.len(),
            done: 0,
            open: 0,
            overdue: 0,
            dropped: 0,
            median_days_to_done: None,
            causes: Vec::new(),
            feelings: None,
        };
        let mut days_to_done = Vec::new();
        let mut cause_texts: Vec<(&crate::session::SessionId, String)> = Vec::new();
        let (mut felt, mut before, mut after) = (0usize, 0u32, 0u32);
        for &session in &sessions {
            if let (Some(b), Some(a)) = session.feelings() {
                felt += 1;
                before += u32::from(b);
                after += u32::from(a);
            }
            for c in &session.commitments {
                match c.status {
                    CommitmentStatus::Done => {
                        stats.done += 1;
                        if let Some(on) = c.settled_on() {
                            days_to_done.push((on - session.started.date_naive()).num_days().max(0));
                        }
                    }
                    CommitmentStatus::Dropped => stats.dropped += 1,
                    CommitmentStatus::Open if c.due.is_some_and(|d| d < today) => stats.overdue += 1,
                    CommitmentStatus::Open => stats.open += 1,
                }
            }
            let causes: Vec<&str> = session
                .steps
                .iter()
                .flat_map(|step| {
                    step.prompts
                        .iter()
                        .filter(|p| is_cause_prompt(&step.id, &p.id) && !p.is_private())
                        .map(|p| p.answer.as_str())
                })
                .collect();
            if !causes.is_empty() {
                cause_texts.push((&session.id, causes.join("\n")));
            }
        }
        days_to_done.sort_unstable();
        stats.median_days_to_done = match days_to_done.len() {
            0 => None,
            n if n % 2 == 1 => Some(days_to_done[n / 2] as f64),
            n => Some((days_to_done[n / 2 - 1] + days_to_done[n / 2]) as f64 / 2.0),
        };
        stats.causes = causes::recurring(cause_texts.iter().map(|(id, text)| (*id, text.as_str())));
        stats.feelings = (felt > 0).then(|| Feelings {
            sessions: felt,
            before: f64::from(before) / felt as f64,
            after: f64::from(after) / felt as f64,
        });
        stats
    }

    /// The stats as plain text with small bar charts.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!("Sessions: {} in all\n", self.sessions));
        let most = self.per_month.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        for (month, count) in &self.per_month {
            let bar = "█".repeat((count * 30).div_ceil(most));
            out.push_str(&format!(
                "  {}  {bar}{}{count}\n",
                month.format("%b %Y"),
                if bar.is_empty() { "" } else { " " }
            ));
        }
        let total = self.done + self.open + self.overdue + self.dropped;
        out.push_str(&format!(
            "\nCommitments: {total} — {} kept, {} open, {} overdue, {} dropped\n",
            self.done, self.open, self.overdue, self.dropped
        ));
        if let Some(days) = self.median_days_to_done {
            out.push_str(&format!("  Median time to done: {} days\n", format_days(days)));
        }
        if let Some(feelings) = &self.feelings {
            out.push_str(&format!("\nHow you felt about it: {}\n", feelings.line()));
        }
        if !self.causes.is_empty() {
            out.push_str("\nRoot causes that keep coming back (sessions):\n");
            let width = self
                .causes
                .iter()
                .map(|c| c.phrase.chars().count())
                .max()
                .unwrap_or(0);
            for cause in &self.causes {
                out.push_str(&format!(
                    "  {:<width$}  {}  {}\n",
                    cause.phrase,
                    cause.sessions.len(),
                    session_list(&cause.sessions)
                ));
            }
        }
        out
    }
}

/// Up to three session ids, and how many more: "20261005-100000, 20261120-100000 and 2 more".
fn session_list(ids: &[crate::session::SessionId]) -> String {
    const SHOWN: usize = 3;
    let shown: Vec<&str> = ids.iter().take(SHOWN).map(|id| id.as_str()).collect();
    match ids.len().saturating_sub(SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `3` or `2.5`.
pub fn format_days(days: f64) -> String {
    if days.fract() == 0.0 {
        format!("{days:.0}")
    } else {
        format!("{days:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;
    use crate::session::{Outcome, Position};

    fn at(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn counts_months_commitments_days_and_cause_words() {
        let script = Script::default_script();
        let mut a = Session::new("a".into(), &script, at("2026-10-05T10:00:00+01:00"));
        a.set_answer(
            Position { step: 3, prompt: 1 },
            "No review process. Time pressure and no review.".into(),
        );
        a.set_answer(
            Position { step: 4, prompt: 0 },
            "Add review — me — 2026-10-10\nWrite docs — me — 2026-10-20".into(),
        );
        a.sync_commitments(at("2026-10-05T10:00:00+01:00").date_naive());
        a.check_in(
            0,
            Outcome::Done,
            None,
            String::new(),
            at("2026-10-09T10:00:00+01:00"),
        );
        a.check_in(
            1,
            Outcome::Dropped,
            None,
            "not needed".into(),
            at("2026-10-21T10:00:00+01:00"),
        );
        let mut b = Session::new("b".into(), &script, at("2026-11-20T10:00:00+01:00"));
        b.set_answer(
            Position { step: 3, prompt: 1 },
            "Time pressure, again; the review was skipped.".into(),
        );
        b.set_answer(
            Position { step: 4, prompt: 0 },
            "Pair next time — me — 2026-11-21\nAsk Sam — me — 2026-12-30".into(),
        );
        b.sync_commitments(at("2026-11-20T10:00:00+01:00").date_naive());
        b.check_in(
            1,
            Outcome::Done,
            None,
            String::new(),
            at("2026-11-22T10:00:00+01:00"),
        );

        let feeling = |s: &mut Session, prompt, value: &str| {
            let pos = s.prompt_at(
                if prompt == "feeling-start" {
                    "acknowledge"
                } else {
                    "improve"
                },
                prompt,
            );
            s.set_answer(pos.unwrap(), value.into());
        };
        feeling(&mut a, "feeling-start", "1");
        feeling(&mut a, "feeling-end", "3");
        feeling(&mut b, "feeling-start", "2");
        feeling(&mut b, "feeling-end", "2");
        // Only a start: not counted.
        let mut c = Session::new("c".into(), &script, at("2026-11-21T10:00:00+01:00"));
        feeling(&mut c, "feeling-start", "5");

        let stats = Stats::of(&[a, b, c], NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        assert_eq!(stats.sessions, 2, "c has nothing written but a check-in");
        assert_eq!(stats.per_month.len(), MONTHS);
        assert_eq!(
            stats.per_month.last(),
            Some(&(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), 1))
        );
        assert_eq!(
            stats.feelings,
            Some(Feelings {
                sessions: 2,
                before: 1.5,
                after: 2.5
            })
        );
        assert_eq!(stats.per_month[MONTHS - 2].1, 1);
        assert_eq!(
            (stats.done, stats.open, stats.overdue, stats.dropped),
            (2, 0, 1, 1)
        );
        assert_eq!(stats.median_days_to_done, Some(3.0), "4 days and 2 days");
        let causes: Vec<(&str, Vec<&str>)> = stats
            .causes
            .iter()
            .map(|c| (c.phrase.as_str(), c.sessions.iter().map(|s| s.as_str()).collect()))
            .collect();
        assert_eq!(
            causes,
            [("time pressure", vec!["a", "b"]), ("review", vec!["a", "b"])]
        );
        let text = stats.to_text();
        assert!(
            text.contains("Commitments: 4 — 2 kept, 0 open, 1 overdue, 1 dropped"),
            "{text}"
        );
        assert!(text.contains("Median time to done: 3 days"), "{text}");
        assert!(
            text.contains(
                "How you felt about it: 1.5 at the start and 2.5 at the end, on average over 2 sessions \
                 (1: it weighs on me a lot, 5: steady)"
            ),
            "{text}"
        );
        assert!(
            text.contains("Root causes that keep coming back (sessions):\n  time pressure  2  a, b\n  review         2  a, b\n"),
            "{text}"
        );
    }

    #[test]
    fn nothing_yet() {
        let stats = Stats::of(&[], NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        assert_eq!(stats.median_days_to_done, None);
        assert!(stats.to_text().starts_with("Sessions: 0 in all\n"));
    }
}
