//! Checking in on commitments that are due: one at a time, done / not yet (new date) / drop,
//! with a line for what happened. Research on goal pursuit finds that checking progress, and
//! recording it, makes follow-through more likely (COACHING.md).

use chrono::NaiveDate;
use ratatui::style::Style;

use super::{App, Effect, Msg, Notice, Saves, Screen};
use crate::session::{Outcome, SessionId};
use crate::store::{CheckInDraft, Entry};
use crate::tui::field::{Edit, Field};
use crate::tui::keys::Action;
use crate::tui::writer::{CheckInsSnapshot, Mark};

/// A commitment whose date has come, with where it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// The session it was made in.
    pub session: SessionId,
    /// The session's title.
    pub title: String,
    /// Its index in the session's commitments.
    pub index: usize,
    /// What was promised.
    pub action: String,
    /// Who.
    pub owner: String,
    /// By when (for a when-then plan: the day its check-in came up).
    pub due: NaiveDate,
    /// Whether it is a when-then plan.
    pub plan: bool,
}

/// Where the check-in of the current item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Done, not yet, drop, or skip?
    Choose,
    /// Not yet: typing the new date.
    NewDate,
    /// Done, on another day than today: typing which.
    DoneOn,
    /// Typing what happened, before recording `outcome` (with the new date, for not yet; the
    /// day it was done, for done on another day).
    Note(Outcome, Option<NaiveDate>),
}

/// State of the check-in screen.
#[derive(Debug)]
pub struct CheckIn {
    /// Everything due, soonest first.
    pub items: Vec<DueItem>,
    /// The one being checked in.
    pub current: usize,
    /// How far along it is.
    pub stage: Stage,
    /// The line being typed (new date or note).
    pub field: Field,
    /// Why the last step failed.
    pub error: Option<String>,
    /// How many were recorded.
    pub recorded: usize,
}

/// The check-in notes and dates typed and not yet recorded, with what is on disk of them.
#[derive(Debug, Clone, Default)]
pub struct CheckInDrafts {
    /// One per commitment something was typed for.
    pub drafts: Vec<CheckInDraft>,
    /// Their changes and saves.
    pub saves: Saves,
}

impl CheckInDrafts {
    /// The draft for `item`, if something was typed for it.
    pub fn get(&self, item: &DueItem) -> Option<&CheckInDraft> {
        self.drafts.iter().find(|d| is_for(d, item))
    }

    /// Changes (or starts) the draft for `item`.
    fn update(&mut self, item: &DueItem, change: impl FnOnce(&mut CheckInDraft)) {
        let at = match self.drafts.iter().position(|d| is_for(d, item)) {
            Some(at) => at,
            None => {
                self.drafts.push(CheckInDraft {
                    session: item.session.to_string(),
                    index: item.index,
                    action: item.action.clone(),
                    outcome: None,
                    new_date: String::new(),
                    note: String::new(),
                    done_on: String::new(),
                });
                self.drafts.len() - 1
            }
        };
        let before = self.drafts[at].clone();
        change(&mut self.drafts[at]);
        if self.drafts[at].is_empty() && self.drafts[at].outcome.is_none() {
            self.drafts.remove(at);
        } else if self.drafts[at] == before {
            return;
        }
        self.saves.edited();
    }

    /// Forgets the draft for a commitment whose check-in was recorded.
    fn recorded(&mut self, session: &str, index: usize, action: &str) {
        let before = self.drafts.len();
        self.drafts
            .retain(|d| !(d.session == session && d.index == index && d.action == action));
        if self.drafts.len() != before {
            self.saves.edited();
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            generation: 0,
            revision: self.saves.revision,
        }
    }

    /// (changes, changes on disk), for the loop to see a change.
    pub(super) fn revisions(&self) -> (u64, u64) {
        (self.saves.revision, self.saves.saved)
    }

    /// The drafts to write, if they changed since they were written.
    pub fn snapshot(&self) -> Option<CheckInsSnapshot> {
        self.saves.is_dirty().then(|| CheckInsSnapshot {
            drafts: self.drafts.clone(),
            mark: self.mark(),
        })
    }

    /// Whether an autosave of the drafts is due once the typing pauses.
    pub fn autosave_wanted(&self) -> bool {
        self.saves.wanted()
    }

    /// The effect that writes the drafts.
    pub(super) fn save(&mut self) -> Vec<Effect> {
        match self.snapshot() {
            Some(snapshot) => {
                self.saves.started();
                vec![Effect::SaveCheckIns(snapshot)]
            }
            None => vec![],
        }
    }

    /// A write finished; its error, if any, is the caller's to show.
    pub(super) fn saved(
        &mut self,
        mark: Mark,
        result: Result<(), super::Failure>,
    ) -> Result<(), super::Failure> {
        self.saves.finished(mark.revision, result.is_ok());
        result
    }
}

fn is_for(draft: &CheckInDraft, item: &DueItem) -> bool {
    draft.session == item.session && draft.index == item.index && draft.action == item.action
}

/// How many commitments are due by `today` in `entries`.
pub fn due_count(entries: &[Entry], today: NaiveDate) -> usize {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Session(s) => Some(s),
            Entry::Unreadable { .. } => None,
        })
        .map(|s| s.due_count(today))
        .sum()
}

/// The commitments due by `today` in `entries`, soonest first.
pub fn due_items(entries: &[Entry], today: NaiveDate) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Session(s) => Some(s),
            Entry::Unreadable { .. } => None,
        })
        .flat_map(|s| {
            s.open_commitments.iter().filter_map(move |c| {
                if !c.comes_up_by(today) {
                    return None;
                }
                let due = c.due.or(c.check_from)?;
                Some(DueItem {
                    session: s.id.clone(),
                    title: s.title.to_string(),
                    index: c.index as usize,
                    action: c.action.to_string(),
                    owner: c.owner.to_string(),
                    due,
                    plan: c.plan,
                })
            })
        })
        .collect();
    items.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(a.session.cmp(&b.session))
            .then(a.index.cmp(&b.index))
    });
    items
}

fn line_field(cursor: Style) -> Field {
    Field::single_line("").with_style(Style::new(), cursor)
}

/// Keeps what was typed in the field, at `stage`, with the item's draft.
fn keep_typed(drafts: &mut CheckInDrafts, item: &DueItem, stage: &Stage, text: String) {
    match stage {
        Stage::NewDate => drafts.update(item, |d| d.new_date = text),
        Stage::DoneOn => drafts.update(item, |d| d.done_on = text),
        Stage::Note(..) => drafts.update(item, |d| d.note = text),
        Stage::Choose => {}
    }
}

/// Where the check-in of `item` was left: the outcome chosen and the text typed, if a draft
/// holds them, or the choice.
fn resume(item: &DueItem, drafts: &CheckInDrafts, today: NaiveDate, cursor: Style) -> (Stage, Field) {
    let field = line_field(cursor);
    let Some(draft) = drafts.get(item) else {
        return (Stage::Choose, field);
    };
    match draft.outcome {
        None => (Stage::Choose, field),
        Some(Outcome::NotYet) => match crate::dates::parse(&draft.new_date, today) {
            Some(day) if day > today => (
                Stage::Note(Outcome::NotYet, Some(day)),
                field.with_text(&draft.note),
            ),
            _ => (Stage::NewDate, field.with_text(&draft.new_date)),
        },
        Some(Outcome::Done) => {
            let day = crate::dates::parse_past(&draft.done_on, today).filter(|&day| day < today);
            (Stage::Note(Outcome::Done, day), field.with_text(&draft.note))
        }
        Some(outcome) => (Stage::Note(outcome, None), field.with_text(&draft.note)),
    }
}

impl App {
    /// The commitments due today or earlier.
    pub fn due(&self) -> Vec<DueItem> {
        due_items(&self.home.entries, self.now.date_naive())
    }

    /// `c` on the home screen: when something is due, the check-ins are asked for (one
    /// ownup at a time may check in, so that two never write the same drafts).
    pub(super) fn ask_to_check_in(&mut self) -> Vec<Effect> {
        if self.due().is_empty() {
            return self.start_check_in();
        }
        vec![Effect::BeginCheckIn]
    }

    /// Whether this ownup needs the check-ins to itself: checking in, or drafts not yet written.
    pub fn holds_check_ins(&self) -> bool {
        matches!(self.screen, Screen::CheckIn(_))
            || self.check_ins.saves.is_dirty()
            || self.check_ins.saves.saving
    }

    /// Check in on what is due, with the drafts as they are on disk now.
    pub(super) fn start_check_in(&mut self) -> Vec<Effect> {
        let items = self.due();
        if items.is_empty() {
            self.notice = Some(Notice::info("Nothing is due: no check-in needed."));
            return vec![];
        }
        self.notice = None;
        let today = self.now.date_naive();
        let (stage, field) = resume(&items[0], &self.check_ins, today, self.theme.cursor);
        self.screen = Screen::CheckIn(Box::new(CheckIn {
            items,
            current: 0,
            stage,
            field,
            error: None,
            recorded: 0,
        }));
        vec![]
    }

    pub(super) fn update_check_in(&mut self, msg: Msg) -> Vec<Effect> {
        let today = self.now.date_naive();
        let cursor = self.theme.cursor;
        let Screen::CheckIn(state) = &mut self.screen else {
            return vec![];
        };
        let drafts = &mut self.check_ins;
        let item = state.items[state.current].clone();
        match (&state.stage, msg) {
            (Stage::Choose, Msg::Action(action)) => {
                state.error = None;
                let draft = drafts.get(&item).cloned();
                let note = draft.as_ref().map_or("", |d| d.note.as_str());
                let new_date = draft.as_ref().map_or("", |d| d.new_date.as_str());
                let (outcome, stage, text) = match action {
                    Action::MarkDone => (Outcome::Done, Stage::Note(Outcome::Done, None), note),
                    Action::NotYet => (Outcome::NotYet, Stage::NewDate, new_date),
                    Action::Drop => (Outcome::Dropped, Stage::Note(Outcome::Dropped, None), note),
                    Action::Skip => return self.next_item(),
                    Action::Back => return self.end_check_in(),
                    _ => return vec![],
                };
                state.stage = stage;
                state.field = line_field(cursor).with_text(text);
                drafts.update(&item, |d| d.outcome = Some(outcome));
            }
            (stage, Msg::Input(input)) => {
                let edit = state.field.input(input, None);
                if edit == Edit::Changed {
                    keep_typed(drafts, &item, stage, state.field.text());
                }
                state.error = None;
            }
            (stage, Msg::Paste(text)) => {
                let edit = state.field.insert(text, None);
                if edit == Edit::Changed {
                    keep_typed(drafts, &item, stage, state.field.text());
                }
            }
            (Stage::Note(Outcome::Done, _), Msg::Action(Action::DoneOn)) => {
                let typed = drafts.get(&item).map(|d| d.done_on.clone()).unwrap_or_default();
                state.stage = Stage::DoneOn;
                state.field = line_field(cursor).with_text(&typed);
                state.error = None;
            }
            (Stage::DoneOn, Msg::Action(Action::Dismiss)) => {
                // Back to the note, done today; the day typed stays with the draft.
                state.stage = Stage::Note(Outcome::Done, None);
                let note = drafts.get(&item).map(|d| d.note.clone()).unwrap_or_default();
                state.field = line_field(cursor).with_text(&note);
                state.error = None;
            }
            (Stage::DoneOn, Msg::Action(Action::Accept)) => {
                let typed = state.field.text();
                match crate::dates::parse_past(&typed, today) {
                    Some(day) => {
                        state.stage = Stage::Note(Outcome::Done, (day < today).then_some(day));
                        let note = drafts.get(&item).map(|d| d.note.clone()).unwrap_or_default();
                        state.field = line_field(cursor).with_text(&note);
                    }
                    None => {
                        state.error = Some(format!(
                            "“{}” is not a day it could have been done — try {}",
                            typed.trim(),
                            crate::dates::PAST_DATE_EXAMPLES
                        ))
                    }
                }
            }
            (_, Msg::Action(Action::Dismiss)) => {
                // Back to the choice; what was typed stays with the draft.
                state.stage = Stage::Choose;
                state.error = None;
                drafts.update(&item, |d| d.outcome = None);
            }
            (Stage::NewDate, Msg::Action(Action::Accept)) => {
                let typed = state.field.text();
                match crate::dates::parse(&typed, today) {
                    Some(day) if day > today => {
                        state.stage = Stage::Note(Outcome::NotYet, Some(day));
                        let note = drafts.get(&item).map(|d| d.note.clone()).unwrap_or_default();
                        state.field = line_field(cursor).with_text(&note);
                    }
                    Some(_) => state.error = Some("Give a day after today.".into()),
                    None => {
                        state.error = Some(format!(
                            "“{}” is not a date — try friday, in 1 week or 2026-12-15",
                            typed.trim()
                        ))
                    }
                }
            }
            (Stage::Note(outcome, new_due), Msg::Action(Action::Accept)) => {
                let (outcome, new_due) = (*outcome, *new_due);
                let note = state.field.text().trim().to_string();
                state.recorded += 1;
                // The draft stays until the check-in is written: if it cannot be, the note is
                // still there next time.
                let mut effects = vec![Effect::CheckIn {
                    session: item.session,
                    index: item.index,
                    action: item.action,
                    outcome,
                    new_due,
                    note,
                }];
                effects.extend(self.next_item());
                return effects;
            }
            _ => {}
        }
        vec![]
    }

    /// On to the next due commitment, or back home after the last.
    fn next_item(&mut self) -> Vec<Effect> {
        let today = self.now.date_naive();
        let cursor = self.theme.cursor;
        let Screen::CheckIn(state) = &mut self.screen else {
            return vec![];
        };
        if state.current + 1 < state.items.len() {
            state.current += 1;
            (state.stage, state.field) = resume(&state.items[state.current], &self.check_ins, today, cursor);
            state.error = None;
            vec![]
        } else {
            self.end_check_in()
        }
    }

    fn end_check_in(&mut self) -> Vec<Effect> {
        let Screen::CheckIn(state) = &self.screen else {
            return vec![];
        };
        let recorded = state.recorded;
        self.screen = Screen::Home;
        if recorded > 0 {
            self.notice = Some(Notice::info(format!(
                "Checked in on {recorded} commitment{}. Keeping track is what makes them happen.",
                if recorded == 1 { "" } else { "s" }
            )));
        }
        vec![Effect::Refresh]
    }

    /// The reply to a recorded check-in: the draft can go; a failure keeps it and says so.
    pub(super) fn checked_in(
        &mut self,
        session: &str,
        index: usize,
        action: &str,
        result: Result<(), super::Failure>,
    ) -> Vec<Effect> {
        match result {
            Ok(()) => {
                self.check_ins.recorded(session, index, action);
                // Off the due list at once; the list read anew after the check-ins follows
                // (with the new date of a commitment moved).
                self.home.checked_in(session, index);
            }
            Err(err) => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    state.recorded = state.recorded.saturating_sub(1);
                }
                self.say_check_in_failed(&format!("{err} — what you wrote is kept for the next check-in"));
            }
        }
        vec![]
    }

    /// Says that a check-in (or its draft) was not saved, where it will be seen.
    pub(super) fn say_check_in_failed(&mut self, err: &str) {
        let message = format!("A check-in was not saved: {err}");
        match &mut self.screen {
            Screen::CheckIn(state) => state.error = Some(message),
            _ => self.notice = Some(Notice::error(message)),
        }
    }
}
