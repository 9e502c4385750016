//! The app state and its update function: `App::update(msg) -> Vec<Effect>`.
//!
//! Everything here is plain data and pure logic, testable without a terminal. The runtime in
//! `tui/mod.rs` turns key events into [`Msg`]s, performs the returned [`Effect`]s (saving,
//! loading) and feeds their results back as messages. The session screen's logic lives in
//! `app/writing.rs`.

mod writing;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui::text::Text;
use ratatui_textarea::Input;

pub use writing::{Rescue, Writing};

use super::keys::{Action, Context};
use super::theme::Theme;
use super::view;
use crate::clock::Clock;
use crate::script::Script;
use crate::session::{Session, Status};
use crate::store::{Entry, LoadError};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;
/// A draft touched this recently is offered for resuming when ownup starts.
pub const RESUME_WINDOW_HOURS: i64 = 24;

/// Input to the app: a user action, or the result of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A bound key was pressed.
    Action(Action),
    /// A key for a text field (the answer editor, or the rescue path).
    Input(Input),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized (or this is its first size).
    Resize(u16, u16),
    /// The terminal lost focus.
    FocusLost,
    /// The debounce delay since the last edit has passed.
    AutosaveDue,
    /// The session list was (re)loaded.
    Listed(Result<Vec<Entry>, String>),
    /// A session is open for writing; the runtime holds its lock.
    Opened(Box<Opened>),
    /// A session loaded for reading.
    Viewing(Box<Session>, PathBuf),
    /// The session asked for is being edited by another ownup.
    LockedElsewhere(String),
    /// Something the user asked for could not be done.
    Failed(String),
    /// A save finished.
    Saved {
        /// The session saved.
        id: String,
        /// The edit revision that was saved.
        revision: u64,
        /// What to do next.
        after: After,
        /// The file written, or why it failed.
        result: Result<PathBuf, String>,
    },
    /// The rescue copy was written (or not).
    WroteElsewhere(Result<PathBuf, String>),
}

/// A session opened for writing.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The session.
    pub session: Session,
    /// Its file, if it has been saved before.
    pub path: Option<PathBuf>,
    /// The script it follows, when it can be found: its intros and hints are shown.
    pub guide: Option<Script>,
}

/// What the app asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Start a new session of this script (allocate an id, lock it, reply [`Msg::Opened`]).
    StartNew(Box<Script>),
    /// Open a saved session for writing: lock it and load it (reply [`Msg::Opened`],
    /// [`Msg::LockedElsewhere`] or [`Msg::Failed`]).
    Open(String),
    /// Load a session to read (reply [`Msg::Viewing`] or [`Msg::Failed`]).
    View(String),
    /// Save this snapshot (reply [`Msg::Saved`]).
    Save {
        /// The snapshot to write.
        session: Box<Session>,
        /// The edit revision it contains.
        revision: u64,
        /// Keep the file as it is now as a revision before overwriting it.
        keep_revision: bool,
        /// What to do once it is saved.
        after: After,
    },
    /// Write the session to a file of the user's choosing, when the store cannot be written
    /// (reply [`Msg::WroteElsewhere`]).
    WriteElsewhere {
        /// Where.
        path: PathBuf,
        /// What.
        session: Box<Session>,
    },
    /// Release the lock on a session that is no longer being edited.
    Release(String),
    /// Reload the session list (reply [`Msg::Listed`]).
    Refresh,
}

/// What happens once a save succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Keep writing.
    Stay,
    /// Go to the home screen.
    Home,
    /// Quit ownup.
    Quit,
    /// Show the summary of the finished session.
    Summary,
}

/// A line of feedback on the home screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What to say.
    pub text: String,
    /// Whether it reports a problem.
    pub is_error: bool,
}

/// A question shown over the home screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// A recent draft exists: resume it, or start fresh (the draft is kept either way).
    ResumeOffer {
        /// The draft.
        id: String,
        /// Its title.
        title: String,
        /// When it was last saved.
        updated: DateTime<FixedOffset>,
    },
    /// The session is being edited in another ownup; it can be read, not edited.
    Locked {
        /// The session.
        id: String,
    },
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// The screen being shown.
    pub screen: Screen,
    /// A question over the home screen.
    pub modal: Option<Modal>,
    /// Whether the help overlay is open.
    pub help_open: bool,
    /// Lines the help overlay is scrolled by, when it does not fit.
    pub help_scroll: u16,
    /// The terminal size, as (width, height).
    pub size: (u16, u16),
    /// Set when the app should exit.
    pub quit: bool,
    /// Printed after the terminal is restored, when there is something to say on the way out.
    pub farewell: Option<String>,
    /// Styles for drawing.
    pub theme: Theme,
    /// Where "now" comes from.
    pub clock: Clock,
    /// The script that `n` starts.
    pub script: Script,
    /// Feedback shown on the home screen.
    pub notice: Option<Notice>,
    /// Where a rescue copy is suggested when the store cannot be written.
    pub rescue_dir: PathBuf,
    /// Whether the start-up offer to resume a recent draft has been considered.
    resume_offer_checked: bool,
}

/// The screens.
#[derive(Debug)]
pub enum Screen {
    /// The door: start a session or open a past one.
    Home(Home),
    /// Writing a session.
    Writing(Box<Writing>),
    /// Reading a session: the summary after finishing, or a past session.
    Reader(Box<Reader>),
}

/// State of the home screen.
#[derive(Debug, Default)]
pub struct Home {
    /// All sessions, newest first.
    pub entries: Vec<Entry>,
    /// The selected row.
    pub selected: usize,
    /// Whether the list has been loaded yet.
    pub loaded: bool,
}

/// State of the reading screen.
#[derive(Debug)]
pub struct Reader {
    /// The session shown.
    pub session: Session,
    /// Its file.
    pub path: PathBuf,
    /// Lines scrolled past.
    pub scroll: u16,
    /// Whether this is the summary right after finishing.
    pub just_finished: bool,
    /// The rendered document, built once.
    pub document: Text<'static>,
}

impl App {
    /// A new app on the home screen, before the list is loaded.
    pub fn new(theme: Theme, clock: Clock, script: Script) -> App {
        App {
            screen: Screen::Home(Home::default()),
            modal: None,
            help_open: false,
            help_scroll: 0,
            size: (80, 24),
            quit: false,
            farewell: None,
            theme,
            clock,
            script,
            notice: None,
            rescue_dir: PathBuf::from("."),
            resume_offer_checked: false,
        }
    }

    /// Where keys are being pressed.
    pub fn context(&self) -> Context {
        if self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT {
            return Context::TooSmall;
        }
        if self.help_open {
            return Context::Help;
        }
        match (&self.screen, &self.modal) {
            (Screen::Home(_), Some(Modal::ResumeOffer { .. })) => Context::ResumeOffer,
            (Screen::Home(_), Some(Modal::Locked { .. })) => Context::Locked,
            (Screen::Home(_), None) => Context::Home,
            (Screen::Writing(w), _) => match &w.rescue {
                Some(Rescue { path: Some(_), .. }) => Context::RescuePath,
                Some(_) => Context::Rescue,
                None => Context::Writing,
            },
            (Screen::Reader(_), _) => Context::Reader,
        }
    }

    /// The session being written, if any.
    pub fn writing(&self) -> Option<&Writing> {
        match &self.screen {
            Screen::Writing(w) => Some(w),
            _ => None,
        }
    }

    /// A snapshot of the session being written if it has text not yet on disk: what must be
    /// saved before the process goes away (signal, panic, lost terminal).
    pub fn unsaved_session(&mut self) -> Option<Session> {
        let now = self.clock.now();
        match &mut self.screen {
            Screen::Writing(w) if w.needs_saving() => Some(w.snapshot(now)),
            _ => None,
        }
    }

    /// The edit revision of the open session (0 when none), so the runtime can time autosaves.
    pub fn revision(&self) -> u64 {
        self.writing().map_or(0, |w| w.revision)
    }

    /// Whether an autosave should be made once the debounce delay has passed: there is an edit
    /// not yet on disk, no save under way, and the last save did not fail on this very text
    /// (after a failure, the next change retries).
    pub fn autosave_wanted(&self) -> bool {
        self.writing().is_some_and(Writing::autosave_wanted)
    }

    /// Handles one message and says what the runtime should do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(width, height) => {
                self.size = (width, height);
                self.clamp_scroll();
                vec![]
            }
            Msg::Action(Action::Interrupt) => self.interrupt(),
            Msg::Action(Action::Help) => {
                self.help_open = true;
                self.help_scroll = 0;
                vec![]
            }
            Msg::Action(Action::Close) => {
                self.help_open = false;
                vec![]
            }
            Msg::Action(action) if self.help_open => {
                let max = view::help::max_scroll(self);
                self.help_scroll = match action {
                    Action::Up => self.help_scroll.saturating_sub(1),
                    Action::PageUp => 0,
                    Action::Down => self.help_scroll.saturating_add(1).min(max),
                    Action::PageDown => max,
                    _ => self.help_scroll,
                };
                vec![]
            }
            Msg::FocusLost | Msg::AutosaveDue => {
                if self.autosave_wanted() {
                    self.save(After::Stay)
                } else {
                    vec![]
                }
            }
            Msg::Listed(result) => {
                match result {
                    Ok(entries) => self.listed(entries),
                    Err(err) => self.notice = Some(error(err)),
                }
                vec![]
            }
            Msg::Opened(opened) => {
                let Opened { session, path, guide } = *opened;
                self.notice = None;
                self.modal = None;
                self.resume_offer_checked = true;
                self.screen = Screen::Writing(Box::new(Writing::new(session, path, guide, &self.theme)));
                vec![]
            }
            Msg::Viewing(session, path) => {
                self.notice = None;
                self.modal = None;
                self.screen = Screen::Reader(Box::new(Reader::new(*session, path, false, &self.theme)));
                vec![]
            }
            Msg::LockedElsewhere(id) => {
                self.go_home();
                self.modal = Some(Modal::Locked { id });
                vec![Effect::Refresh]
            }
            Msg::Failed(err) => {
                self.notice = Some(error(err));
                vec![]
            }
            Msg::Saved {
                id,
                revision,
                after,
                result,
            } => self.saved(&id, revision, after, result),
            Msg::WroteElsewhere(result) => self.wrote_elsewhere(result),
            msg => match (&self.screen, &self.modal) {
                (Screen::Home(_), Some(_)) => self.update_modal(msg),
                (Screen::Home(_), None) => self.update_home(msg),
                (Screen::Writing(_), _) => self.update_writing(msg),
                (Screen::Reader(_), _) => self.update_reader(msg),
            },
        }
    }

    /// Ctrl-C: never discards text. Like Esc, then quit.
    fn interrupt(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::Writing(w) if w.needs_saving() => self.save(After::Quit),
            Screen::Writing(w) => {
                self.quit = true;
                vec![Effect::Release(w.session.id.clone())]
            }
            _ => {
                self.quit = true;
                vec![]
            }
        }
    }

    /// A fresh list for the home screen; the first one may bring an offer to resume a draft.
    fn listed(&mut self, entries: Vec<Entry>) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        if !self.resume_offer_checked {
            self.resume_offer_checked = true;
            let now = self.clock.now();
            let recent = entries.iter().find_map(|entry| match entry {
                Entry::Session(s)
                    if s.status == Status::Draft
                        && now.signed_duration_since(s.updated).num_hours() < RESUME_WINDOW_HOURS =>
                {
                    Some(s)
                }
                _ => None,
            });
            if let Some(draft) = recent
                && self.modal.is_none()
            {
                self.modal = Some(Modal::ResumeOffer {
                    id: draft.id.clone(),
                    title: draft.title.clone(),
                    updated: draft.updated,
                });
            }
        }
        home.selected = home.selected.min(entries.len().saturating_sub(1));
        home.entries = entries;
        home.loaded = true;
    }

    fn update_modal(&mut self, msg: Msg) -> Vec<Effect> {
        let (Msg::Action(action), Some(modal)) = (msg, &self.modal) else {
            return vec![];
        };
        let effects = match (modal, action) {
            (Modal::ResumeOffer { id, .. }, Action::Accept) => vec![Effect::Open(id.clone())],
            (Modal::ResumeOffer { .. }, Action::New) => vec![Effect::StartNew(Box::new(self.script.clone()))],
            (Modal::Locked { id }, Action::Accept) => vec![Effect::View(id.clone())],
            (_, Action::Dismiss) => vec![],
            _ => return vec![],
        };
        self.modal = None;
        effects
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home(Home::default());
    }

    fn update_home(&mut self, msg: Msg) -> Vec<Effect> {
        let page = view::home::list_height(self.size).max(1);
        let Screen::Home(home) = &mut self.screen else {
            return vec![];
        };
        let last = home.entries.len().saturating_sub(1);
        let Msg::Action(action) = msg else {
            return vec![];
        };
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(last),
            Action::PageUp => home.selected = home.selected.saturating_sub(page),
            Action::PageDown => home.selected = (home.selected + page).min(last),
            Action::Top => home.selected = 0,
            Action::Bottom => home.selected = last,
            Action::New => return vec![Effect::StartNew(Box::new(self.script.clone()))],
            Action::Open => match home.entries.get(home.selected) {
                Some(Entry::Session(summary)) if summary.status == Status::Draft => {
                    return vec![Effect::Open(summary.id.clone())];
                }
                Some(Entry::Session(summary)) => return vec![Effect::View(summary.id.clone())],
                Some(Entry::Unreadable { error: err, .. }) => {
                    self.notice = Some(error(unreadable_message(err)));
                }
                None => {}
            },
            Action::Quit => self.quit = true,
            _ => {}
        }
        vec![]
    }

    fn update_reader(&mut self, msg: Msg) -> Vec<Effect> {
        let page = view::reader::body_height(self.size).max(1);
        let max = self.max_scroll();
        let Screen::Reader(reader) = &mut self.screen else {
            return vec![];
        };
        let Msg::Action(action) = msg else {
            return vec![];
        };
        reader.scroll = match action {
            Action::Up => reader.scroll.saturating_sub(1),
            Action::Down => reader.scroll.saturating_add(1),
            Action::PageUp => reader.scroll.saturating_sub(page),
            Action::PageDown => reader.scroll.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Edit => return vec![Effect::Open(reader.session.id.clone())],
            Action::Back => {
                self.go_home();
                return vec![Effect::Refresh];
            }
            _ => reader.scroll,
        }
        .min(max);
        vec![]
    }

    fn max_scroll(&self) -> u16 {
        match &self.screen {
            Screen::Reader(reader) => view::reader::max_scroll(reader, self.size),
            _ => 0,
        }
    }

    fn clamp_scroll(&mut self) {
        let max = self.max_scroll();
        if let Screen::Reader(reader) = &mut self.screen {
            reader.scroll = reader.scroll.min(max);
        }
    }
}

impl Reader {
    /// A reader for `session`, saved at `path`.
    pub fn new(session: Session, path: PathBuf, just_finished: bool, theme: &Theme) -> Reader {
        let document = view::reader::document(&session, &path, just_finished, theme);
        Reader {
            session,
            path,
            scroll: 0,
            just_finished,
            document,
        }
    }
}

fn error(text: String) -> Notice {
    Notice { text, is_error: true }
}

/// What the home screen says about a file that cannot be read.
pub fn unreadable_message(err: &LoadError) -> String {
    format!("Cannot read this session, so it is left untouched. {err}")
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn ago(now: DateTime<FixedOffset>, then: DateTime<FixedOffset>) -> String {
    let minutes = now.signed_duration_since(then).num_minutes().max(0);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match minutes {
        0 => "just now".into(),
        1..=59 => plural(minutes, "minute"),
        60..=1439 => plural(minutes / 60, "hour"),
        _ => plural(minutes / 1440, "day"),
    }
}

#[cfg(test)]
mod tests;
