//! Checking in on commitments that are due: one at a time, done / not yet (new date) / drop,
//! with a line for what happened. Research on goal pursuit finds that checking progress, and
//! recording it, makes follow-through more likely (COACHING.md).

use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

use super::{App, Effect, Msg, Notice, Screen};
use crate::session::Outcome;
use crate::store::Entry;
use crate::tui::keys::Action;

/// A commitment whose date has come, with where it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// The session it was made in.
    pub session: String,
    /// The session's title.
    pub title: String,
    /// Its index in the session's commitments.
    pub index: usize,
    /// What was promised.
    pub action: String,
    /// Who.
    pub owner: String,
    /// By when.
    pub due: NaiveDate,
}

/// Where the check-in of the current item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Done, not yet, drop, or skip?
    Choose,
    /// Not yet: typing the new date.
    NewDate,
    /// Typing what happened, before recording `outcome` (with the new date, for not yet).
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
    pub field: TextArea<'static>,
    /// Why the last step failed.
    pub error: Option<String>,
    /// How many were recorded.
    pub recorded: usize,
}

/// How many commitments are due by `today` in `entries`.
pub fn due_count(entries: &[Entry], today: NaiveDate) -> usize {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Session(s) => Some(s),
            Entry::Unreadable { .. } => None,
        })
        .flat_map(|s| &s.open_commitments)
        .filter(|c| c.due.is_some_and(|d| d <= today))
        .count()
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
                let due = c.due.filter(|d| *d <= today)?;
                Some(DueItem {
                    session: s.id.clone(),
                    title: s.title.clone(),
                    index: c.index,
                    action: c.action.clone(),
                    owner: c.owner.clone(),
                    due,
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

fn line_field(cursor: Style) -> TextArea<'static> {
    let mut field = TextArea::default();
    field.set_cursor_line_style(Style::new());
    field.set_cursor_style(cursor);
    field.move_cursor(CursorMove::End);
    field
}

impl App {
    /// The commitments due today or earlier.
    pub fn due(&self) -> Vec<DueItem> {
        due_items(&self.home.entries, self.clock.now().date_naive())
    }

    /// `c` on the home screen: check in on what is due.
    pub(super) fn start_check_in(&mut self) -> Vec<Effect> {
        let items = self.due();
        if items.is_empty() {
            self.notice = Some(Notice {
                text: "Nothing is due: no check-in needed.".into(),
                is_error: false,
            });
            return vec![];
        }
        self.notice = None;
        self.screen = Screen::CheckIn(Box::new(CheckIn {
            items,
            current: 0,
            stage: Stage::Choose,
            field: line_field(self.theme.cursor),
            error: None,
            recorded: 0,
        }));
        vec![]
    }

    pub(super) fn update_check_in(&mut self, msg: Msg) -> Vec<Effect> {
        let today = self.clock.now().date_naive();
        let cursor = self.theme.cursor;
        let Screen::CheckIn(state) = &mut self.screen else {
            return vec![];
        };
        match (&state.stage, msg) {
            (Stage::Choose, Msg::Action(action)) => {
                state.error = None;
                match action {
                    Action::MarkDone => state.stage = Stage::Note(Outcome::Done, None),
                    Action::NotYet => state.stage = Stage::NewDate,
                    Action::Drop => state.stage = Stage::Note(Outcome::Dropped, None),
                    Action::Skip => return self.next_item(),
                    Action::Back => return self.end_check_in(),
                    _ => return vec![],
                }
                state.field = line_field(cursor);
            }
            (_, Msg::Input(input)) => {
                state.field.input(input);
                state.error = None;
            }
            (_, Msg::Paste(text)) => {
                state.field.insert_str(text.replace(['\r', '\n'], " "));
            }
            (_, Msg::Action(Action::Dismiss)) => {
                state.stage = Stage::Choose;
                state.error = None;
            }
            (Stage::NewDate, Msg::Action(Action::Accept)) => {
                let typed = state.field.lines().join(" ");
                match crate::dates::parse(&typed, today) {
                    Some(day) if day > today => {
                        state.stage = Stage::Note(Outcome::NotYet, Some(day));
                        state.field = line_field(cursor);
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
                let item = state.items[state.current].clone();
                let note = state.field.lines().join(" ").trim().to_string();
                state.recorded += 1;
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
        let cursor = self.theme.cursor;
        let Screen::CheckIn(state) = &mut self.screen else {
            return vec![];
        };
        if state.current + 1 < state.items.len() {
            state.current += 1;
            state.stage = Stage::Choose;
            state.field = line_field(cursor);
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
            self.notice = Some(Notice {
                text: format!(
                    "Checked in on {recorded} commitment{}. Keeping track is what makes them happen.",
                    if recorded == 1 { "" } else { "s" }
                ),
                is_error: false,
            });
        }
        vec![Effect::Refresh]
    }

    /// The reply to a recorded check-in: only a failure needs saying.
    pub(super) fn checked_in(&mut self, result: Result<(), String>) -> Vec<Effect> {
        if let Err(err) = result {
            let message = format!("A check-in was not saved: {err}");
            match &mut self.screen {
                Screen::CheckIn(state) => state.error = Some(message),
                _ => {
                    self.notice = Some(Notice {
                        text: message,
                        is_error: true,
                    })
                }
            }
        }
        vec![]
    }
}
