//! The app state and its update function: `App::update(msg) -> Vec<Effect>`.
//!
//! Everything here is plain data and pure logic, testable without a terminal. The runtime in
//! `tui/mod.rs` turns key events into [`Msg`]s, performs the returned [`Effect`]s (saving,
//! loading) and feeds their results back as messages. The session screen's logic lives in
//! `app/writing.rs`.

mod apology;
mod checkin;
mod failure;
mod home;
mod later;
mod modal;
mod reader;
mod saves;
mod scroll;
mod syncing;
mod writing;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::Input;

pub use apology::{Builder, has_apology_step};
pub use checkin::{CheckIn, CheckInDrafts, DueItem, Stage, due_count, due_items};
pub use failure::{Failure, FailureKind};
pub use home::{Home, Search};
pub use later::{come_back_choices, come_back_words};
pub use saves::Saves;
pub use scroll::{Anchor, Scroll};
pub use syncing::{SyncStatus, Synced};
pub use writing::{Rescue, Writing};

use super::field::Field;
use super::keys::{Action, Context};
use super::theme::Theme;
use super::writer::{CheckInsSnapshot, Mark, SessionSnapshot, Unsaved};
use crate::script::Script;
use crate::session::{Session, SessionId};
use crate::store::{CheckInDraft, Entry, LoadError};

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
    /// The time now, from the runtime's clock: sent before every turn of the loop, so that
    /// `update` never reads a clock (and a test says what time it is).
    Tick(DateTime<FixedOffset>),
    /// The terminal was resized (or this is its first size).
    Resize(u16, u16),
    /// The terminal lost focus.
    FocusLost,
    /// The mouse wheel turned (with mouse support on).
    Wheel {
        /// Towards the end of the text.
        down: bool,
    },
    /// The left mouse button was pressed at this cell (with mouse support on). The runtime
    /// turns it into [`Msg::ClickRow`] where the last frame showed a row of the session list.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// A click on this row of the session list.
    ClickRow(usize),
    /// The session list was drawn this many lines tall: a page, for Page Up and Page Down.
    HomePage(usize),
    /// The field being written in was drawn this wide and tall, for moving by the rows it
    /// shows and by pages.
    FieldSize(u16, u16),
    /// The debounce delay since the last edit has passed.
    AutosaveDue,
    /// The session list was (re)loaded.
    Listed(Result<Vec<Entry>, Failure>),
    /// A session is open for writing; the runtime holds its lock.
    Opened(Box<Opened>),
    /// A session loaded for reading: the session, its file, and the versions of it kept from
    /// another machine (see [`crate::sync`]).
    Viewing(Box<Session>, PathBuf, Vec<PathBuf>),
    /// The session asked for is being edited by another ownup.
    LockedElsewhere(SessionId),
    /// Something the user asked for could not be done.
    Failed(String),
    /// A save finished.
    Saved {
        /// The session saved.
        id: SessionId,
        /// The edit that was saved.
        mark: Mark,
        /// What to do next.
        after: After,
        /// The file written, or why it failed (for want of room: [`FailureKind::NoRoom`]).
        result: Result<PathBuf, Failure>,
        /// Where the version someone else put in the file meanwhile was kept, if they did.
        kept_outside: Option<PathBuf>,
    },
    /// A save has not finished for a while: the disk may not be answering.
    SaveStalled,
    /// The check-in drafts were written (or not).
    CheckInsSaved {
        /// The edit that was written.
        mark: Mark,
        /// Why it failed, if it did.
        result: Result<(), Failure>,
    },
    /// The check-in drafts kept from before, read at start.
    CheckInDrafts(Vec<CheckInDraft>),
    /// The check-ins are this ownup's now; the drafts as they are on disk.
    /// (With why the drafts file could not be read, if it could not: it was set aside.)
    CheckInBegun(Vec<CheckInDraft>, Option<String>),
    /// The rescue copy was written (or not).
    WroteElsewhere(Result<PathBuf, Failure>),
    /// The newest rows of the list as last indexed, for the first frame.
    Glimpse(Vec<Entry>),
    /// The sessions whose answers have some words, looked up in the background.
    WordsFound {
        /// The list they were looked up for.
        generation: u64,
        /// The word beginnings looked for.
        words: Vec<String>,
        /// The sessions that have them all.
        ids: Vec<SessionId>,
        /// The answers of the newest of them, to highlight the line found.
        answers: Vec<(SessionId, String)>,
    },
    /// A session was moved to the trash (its id), or why not.
    Trashed(Result<SessionId, Failure>),
    /// A session was brought back from the trash (its id), or why not.
    Restored(Result<SessionId, Failure>),
    /// A session was exported (to this file), or why not.
    Exported(Result<PathBuf, Failure>),
    /// A check-in was saved, or why not.
    CheckedIn {
        /// The session of the commitment.
        session: SessionId,
        /// The commitment's index.
        index: usize,
        /// Its action.
        action: String,
        /// Why it was not recorded, if it was not.
        result: Result<(), Failure>,
    },
    /// The stats, computed in the background.
    StatsReady(Box<crate::stats::Stats>),
    /// The app started: time for an auto-sync, if it is on.
    Started,
    /// The background sync ended: what it did, or why it failed.
    Synced(Result<Synced, String>),
    /// The person's editor closed: the answer as it left it, or why it is unchanged.
    Edited {
        /// The session edited.
        id: SessionId,
        /// The prompt whose answer it was.
        pos: crate::session::Position,
        /// The new text, or what went wrong.
        result: Result<String, String>,
    },
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
    Open(SessionId),
    /// Load a session to read (reply [`Msg::Viewing`] or [`Msg::Failed`]).
    View(SessionId),
    /// Save this snapshot (reply [`Msg::Saved`]).
    Save {
        /// The snapshot to write.
        snapshot: Box<SessionSnapshot>,
        /// What to do once it is saved.
        after: After,
    },
    /// Write the check-in drafts (reply [`Msg::CheckInsSaved`]).
    SaveCheckIns(CheckInsSnapshot),
    /// Save what is unsaved and stop, as Ctrl-Z does (the runtime raises SIGTSTP).
    Suspend,
    /// Open `text` in the person's editor, with the terminal handed over until it closes
    /// (reply [`Msg::Edited`]). The session is saved first.
    EditInEditor {
        /// The session.
        id: SessionId,
        /// The prompt.
        pos: crate::session::Position,
        /// The answer as it is.
        text: String,
        /// The longest answer the prompt takes, in characters.
        limit: Option<usize>,
    },
    /// Take the check-ins for this ownup (reply [`Msg::CheckInBegun`], or [`Msg::Failed`] when
    /// another ownup has them). They are let go when [`App::holds_check_ins`] turns false.
    BeginCheckIn,
    /// Write the session to a file of the user's choosing, when the store cannot be written
    /// (reply [`Msg::WroteElsewhere`]).
    WriteElsewhere {
        /// Where.
        path: PathBuf,
        /// What.
        session: Box<Session>,
    },
    /// Look up which sessions have every one of `words` in their answers (reply
    /// [`Msg::WordsFound`]).
    FindWords {
        /// The list they are for.
        generation: u64,
        /// Lower-case word beginnings.
        words: Vec<String>,
    },
    /// Move a session to the trash (reply [`Msg::Trashed`]).
    Trash(SessionId),
    /// Bring a session back from the trash (reply [`Msg::Restored`]).
    Restore(SessionId),
    /// Write a session as Markdown to a file (reply [`Msg::Exported`]).
    Export {
        /// The session.
        session: Box<Session>,
        /// Where.
        path: PathBuf,
    },
    /// Record a check-in in a session's file (reply [`Msg::CheckedIn`]).
    CheckIn {
        /// The session.
        session: SessionId,
        /// The commitment's index.
        index: usize,
        /// Its action, to be sure the file still has it at that index.
        action: String,
        /// What was found.
        outcome: crate::session::Outcome,
        /// The new date, for not yet.
        new_due: Option<chrono::NaiveDate>,
        /// What happened.
        note: String,
    },
    /// Put text on the clipboard, through the terminal (OSC 52).
    Copy(String),
    /// Compute the stats of every session in the background (reply [`Msg::StatsReady`]).
    LoadStats,
    /// Release the lock on a session that is no longer being edited.
    Release(SessionId),
    /// Reload the session list (reply [`Msg::Listed`]).
    Refresh,
    /// Sync the sessions in the background (reply [`Msg::Synced`]).
    Sync,
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
    /// The session that `u` brings back from the trash while this notice is shown. The undo
    /// lives in the notice that offers it, so that it goes when the offer goes off the screen.
    pub undo: Option<SessionId>,
}

impl Notice {
    /// News, not a problem.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: false,
            undo: None,
        }
    }

    /// A problem.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            is_error: true,
            ..Notice::info(text)
        }
    }
}

/// A question shown over the current screen.
#[derive(Debug)]
pub enum Modal {
    /// A recent draft exists: resume it, or start fresh (the draft is kept either way).
    ResumeOffer {
        /// The draft.
        id: SessionId,
        /// Its title.
        title: String,
        /// When it was last saved.
        updated: DateTime<FixedOffset>,
        /// When the person asked to come back to it, if that is why it is offered.
        come_back: Option<DateTime<FixedOffset>>,
    },
    /// The session is being edited in another ownup; it can be read, not edited.
    Locked {
        /// The session.
        id: SessionId,
    },
    /// Move a session (the one being read, or the one selected at home) to the trash?
    ConfirmDelete {
        /// The session.
        id: SessionId,
        /// Its title, to show which one (empty when nothing is written yet).
        title: String,
        /// Draft or finished: the question calls it what it is.
        status: crate::session::Status,
    },
    /// Which script to start, when there are several.
    PickScript {
        /// The highlighted one, an index into [`App::scripts`].
        selected: usize,
    },
    /// "Not now": when should ownup offer the draft being written again?
    ComeBack {
        /// The highlighted choice, an index into [`come_back_choices`].
        selected: usize,
    },
    /// The apology builder is being closed with changes not kept: keep them, or not?
    CloseBuilder,
    /// Where to export the session being read.
    ExportPath {
        /// The path being typed.
        field: Box<super::field::Field>,
        /// Why the last try failed.
        error: Option<String>,
    },
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// The screen being shown.
    pub screen: Screen,
    /// The home screen's list and search, kept while other screens are shown.
    pub home: Home,
    /// The editors of the session last left, with their undo history (see
    /// [`Writing::take_editors`]): given back if it is opened again.
    kept_editors: Option<(
        SessionId,
        std::collections::BTreeMap<crate::session::Position, super::field::Field>,
    )>,
    /// A question over the screen.
    pub modal: Option<Modal>,
    /// Whether the help overlay is open.
    pub help_open: bool,
    /// How the help overlay was scrolled, when it does not fit.
    pub help_scroll: Scroll,
    /// The terminal size, as (width, height).
    pub size: (u16, u16),
    /// Set when the app should exit.
    pub quit: bool,
    /// Printed after the terminal is restored, when there is something to say on the way out.
    pub farewell: Option<String>,
    /// Styles for drawing.
    pub theme: Theme,
    /// The time, as of the last [`Msg::Tick`].
    pub now: DateTime<FixedOffset>,
    /// The script that `n` starts.
    pub script: Script,
    /// Every script there is (more than one: `n` offers a choice).
    pub scripts: Vec<Script>,
    /// The keys in force.
    pub keymap: super::keys::Keymap,
    /// Whether hints are shown under questions.
    pub show_hints: bool,
    /// How dates are shown in the session list (strftime).
    pub date_format: String,
    /// What nudges look for; `None` when they are off.
    pub lexicon: Option<crate::nudge::Lexicon>,
    /// Feedback shown on the home screen.
    pub notice: Option<Notice>,
    /// Where a rescue copy is suggested when the store cannot be written.
    pub rescue_dir: PathBuf,
    /// A directory on another file system than the data's, suggested instead when the data's
    /// has no room.
    pub other_fs_dir: Option<PathBuf>,
    /// Whether the start-up offer to resume a recent draft has been considered.
    resume_offer_checked: bool,
    /// Counts the sessions opened for writing, so that edits of each opening are told apart.
    opened: u64,
    /// Counts the sessions shown in the reader, so that the view tells each showing apart.
    read: u64,
    /// Check-in notes and dates being typed, kept until the check-in is recorded.
    pub check_ins: CheckInDrafts,
    /// The export path typed last, offered again (a path typed is not thrown away by Esc).
    pub export_path: Option<String>,
    /// Whether the app syncs when it starts and after each finished session.
    pub auto_sync: bool,
    /// Whether the sessions are encrypted (what is written elsewhere is then encrypted too).
    pub encrypted: bool,
    /// How the background sync is going, once one has started.
    pub sync: Option<SyncStatus>,
    /// Whether another sync is due once the one running ends.
    sync_again: bool,
}

/// Everything that says whether text changed or was saved: the loop compares it between
/// turns to time autosaves and to publish snapshots for the guardian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    writing: Option<(Mark, u64)>,
    check_ins: (u64, u64),
}

/// The screens.
#[derive(Debug)]
pub enum Screen {
    /// The door: start a session or open a past one (its state is [`App::home`]).
    Home,
    /// Writing a session.
    Writing(Box<Writing>),
    /// Reading a session: the summary after finishing, or a past session.
    Reader(Box<Reader>),
    /// Checking in on commitments that are due.
    CheckIn(Box<CheckIn>),
    /// Looking back over all sessions.
    Stats(Box<crate::stats::Stats>),
}

/// State of the reading screen.
#[derive(Debug)]
pub struct Reader {
    /// Which showing of a session this is: what the view's layout of it is kept for.
    pub shown: u64,
    /// The session shown.
    pub session: Session,
    /// Its file.
    pub path: PathBuf,
    /// How the person scrolled it.
    pub scroll: Scroll,
    /// Whether this is the summary right after finishing.
    pub just_finished: bool,
    /// The versions of the session kept from another machine, which changed it at the same
    /// time as this one (see [`crate::sync`]).
    pub other_machine: Vec<PathBuf>,
}

impl App {
    /// A new app on the home screen at time `now`, before the list is loaded.
    pub fn new(theme: Theme, now: DateTime<FixedOffset>, script: Script) -> App {
        App {
            screen: Screen::Home,
            home: Home::default(),
            kept_editors: None,
            modal: None,
            help_open: false,
            help_scroll: Scroll::default(),
            size: (80, 24),
            quit: false,
            farewell: None,
            theme,
            now,
            scripts: vec![script.clone()],
            script,
            keymap: super::keys::Keymap::default(),
            show_hints: true,
            date_format: "%a %d %H:%M".to_string(),
            lexicon: None,
            notice: None,
            rescue_dir: PathBuf::from("."),
            other_fs_dir: None,
            resume_offer_checked: false,
            opened: 0,
            read: 0,
            check_ins: CheckInDrafts::default(),
            export_path: None,
            auto_sync: false,
            encrypted: false,
            sync: None,
            sync_again: false,
        }
    }

    /// Whether the terminal is too small to show the screens.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Where keys are being pressed. In a terminal too small to show anything, keys for a
    /// text field still reach it (what a person types is never thrown away, seen or not);
    /// elsewhere only Ctrl-C and Ctrl-Z work.
    pub fn context(&self) -> Context {
        let context = self.screen_context();
        if self.too_small() && !context.takes_text() {
            return Context::TooSmall;
        }
        context
    }

    fn screen_context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        match &self.modal {
            Some(Modal::ResumeOffer { .. }) => return Context::ResumeOffer,
            Some(Modal::Locked { .. }) => return Context::Locked,
            Some(Modal::ConfirmDelete { .. }) => return Context::ConfirmDelete,
            Some(Modal::ExportPath { .. }) => return Context::ExportPath,
            Some(Modal::PickScript { .. }) => return Context::PickScript,
            Some(Modal::ComeBack { .. }) => return Context::ComeBack,
            Some(Modal::CloseBuilder) => return Context::CloseBuilder,
            None => {}
        }
        match &self.screen {
            Screen::Home if self.home.search.is_some() => Context::Search,
            Screen::Home => Context::Home,
            Screen::Writing(w) => match (&w.rescue, &w.builder) {
                (Some(Rescue { path: Some(_), .. }), _) => Context::RescuePath,
                (Some(_), _) => Context::Rescue,
                (None, Some(_)) => Context::Apology,
                (None, None) => Context::Writing,
            },
            Screen::Reader(_) => Context::Reader,
            Screen::CheckIn(state) if state.stage == Stage::Choose => Context::CheckIn,
            Screen::CheckIn(_) => Context::CheckInText,
            Screen::Stats(_) => Context::Stats,
        }
    }

    /// The session being written, if any.
    pub fn writing(&self) -> Option<&Writing> {
        match &self.screen {
            Screen::Writing(w) => Some(w),
            _ => None,
        }
    }

    /// The size the field being written in (the answer, or the apology builder's part) knows it
    /// was drawn at; `None` when no such field is open.
    pub fn field_size(&self) -> Option<(u16, u16)> {
        let Screen::Writing(w) = &self.screen else {
            return None;
        };
        match &w.builder {
            Some(builder) => builder.fields.get(builder.current).map(Field::view),
            None => w.kind().is_typed().then(|| w.editor.view()),
        }
    }

    /// The field being written in, as [`App::field_size`] finds it.
    fn field_mut(&mut self) -> Option<&mut Field> {
        let Screen::Writing(w) = &mut self.screen else {
            return None;
        };
        let typed = w.kind().is_typed();
        match &mut w.builder {
            Some(builder) => builder.fields.get_mut(builder.current),
            None => typed.then_some(&mut w.editor),
        }
    }

    /// Everything typed and not yet on disk, as of `now`: what must be written before the
    /// process goes away (signal, panic, lost terminal). A read: the app is not changed.
    pub fn unsaved(&self, now: DateTime<FixedOffset>) -> Unsaved {
        Unsaved {
            session: match &self.screen {
                Screen::Writing(w) if w.needs_saving() => Some(w.snapshot(now)),
                _ => None,
            },
            check_ins: self.check_ins.snapshot(),
        }
    }

    /// What tells the loop that text changed or was saved.
    pub fn revision(&self) -> Revision {
        Revision {
            writing: self.writing().map(|w| (w.mark(), w.saves.saved)),
            check_ins: self.check_ins.revisions(),
        }
    }

    /// Whether an autosave should be made once the debounce delay has passed: there is an edit
    /// not yet on disk, no save under way, and the last save did not fail on this very text
    /// (after a failure, the next change retries).
    pub fn autosave_wanted(&self) -> bool {
        self.writing().is_some_and(Writing::autosave_wanted) || self.check_ins.autosave_wanted()
    }

    /// Handles one message and says what the runtime should do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        // Too small to see: text goes into the field, but nothing moves the person elsewhere.
        if self.too_small()
            && let Msg::Action(action) = &msg
            && !matches!(action, Action::Interrupt | Action::Suspend)
        {
            return vec![];
        }
        match msg {
            Msg::Tick(now) => {
                self.now = now;
                vec![]
            }
            Msg::Resize(width, height) => {
                self.size = (width, height);
                vec![]
            }
            Msg::Action(Action::Interrupt) => self.interrupt(),
            Msg::Action(Action::Help) => {
                self.help_open = true;
                self.help_scroll.jump(Anchor::Top);
                vec![]
            }
            Msg::Action(Action::Close) => {
                self.help_open = false;
                vec![]
            }
            Msg::Action(action) if self.help_open => {
                match action {
                    Action::Up => self.help_scroll.by_lines(-1),
                    Action::PageUp => self.help_scroll.jump(Anchor::Top),
                    Action::Down => self.help_scroll.by_lines(1),
                    Action::PageDown => self.help_scroll.jump(Anchor::Bottom),
                    _ => {}
                }
                vec![]
            }
            Msg::Wheel { down } => self.wheel(down),
            // Where a click lands is known from the last frame: see `ClickRow`.
            Msg::Click { .. } => vec![],
            Msg::ClickRow(row) => self.click(row),
            Msg::HomePage(page) => {
                self.home.page = page;
                vec![]
            }
            Msg::FieldSize(width, height) => {
                if let Some(field) = self.field_mut() {
                    field.set_view(width, height);
                }
                vec![]
            }
            Msg::FocusLost | Msg::AutosaveDue => {
                let mut effects = Vec::new();
                if self.writing().is_some_and(Writing::autosave_wanted) {
                    effects.extend(self.save(After::Stay));
                }
                if self.check_ins.autosave_wanted() {
                    effects.extend(self.check_ins.save());
                }
                effects
            }
            Msg::Action(Action::Suspend) => vec![Effect::Suspend],
            Msg::SaveStalled => {
                if let Screen::Writing(w) = &mut self.screen {
                    w.stalled();
                }
                vec![]
            }
            Msg::CheckInsSaved { mark, result } => {
                if let Err(err) = self.check_ins.saved(mark, result) {
                    self.say_check_in_failed(&err.message);
                }
                vec![]
            }
            Msg::CheckInBegun(drafts, set_aside) => {
                self.check_ins.drafts = drafts;
                let effects = self.start_check_in();
                if let Some(set_aside) = set_aside {
                    self.notice = Some(error(set_aside));
                }
                effects
            }
            Msg::CheckInDrafts(drafts) => {
                if !drafts.is_empty() && self.notice.is_none() {
                    self.notice = Some(Notice::info(
                        "A check-in note you were writing is kept: press c to go on with it.",
                    ));
                }
                self.check_ins.drafts = drafts;
                vec![]
            }
            Msg::Listed(result) => match result {
                Ok(entries) => self.listed(entries),
                Err(err) => {
                    self.notice = Some(error(err.message));
                    vec![]
                }
            },
            Msg::Glimpse(entries) => self.glimpsed(entries),
            Msg::WordsFound {
                generation,
                words,
                ids,
                answers,
            } => self.words_found(generation, words, ids, answers),
            Msg::Trashed(Ok(id)) => self.trashed(id),
            Msg::Restored(Ok(id)) => self.restored(id),
            Msg::Trashed(Err(err)) if err.kind == FailureKind::LockedElsewhere => {
                self.modal = None;
                self.notice = Some(error(
                    "This session is open in another ownup window, so it stays where it is: close it there, then delete it."
                        .into(),
                ));
                vec![]
            }
            Msg::Trashed(Err(err)) | Msg::Restored(Err(err)) => {
                self.modal = None;
                self.notice = Some(error(err.message));
                vec![]
            }
            Msg::Exported(Ok(path)) => {
                self.modal = None;
                self.notice = Some(Notice::info(format!("Exported to {}", path.display())));
                vec![]
            }
            Msg::Exported(Err(err)) => {
                if let Some(Modal::ExportPath { error, .. }) = &mut self.modal {
                    *error = Some(err.message);
                }
                vec![]
            }
            Msg::Opened(opened) => {
                let Opened { session, path, guide } = *opened;
                self.notice = None;
                self.modal = None;
                self.resume_offer_checked = true;
                self.opened += 1;
                let id = session.id.clone();
                let mut writing = Writing::new(session, path, guide, &self.theme, self.opened);
                if let Some((kept_for, editors)) = self.kept_editors.take()
                    && kept_for == id
                {
                    writing.adopt_editors(editors);
                }
                self.screen = Screen::Writing(Box::new(writing));
                vec![]
            }
            Msg::Viewing(session, path, other_machine) => {
                self.notice = None;
                self.modal = None;
                // Opened from a search result found in an answer: start at that answer.
                let anchor = self.home.focus.take().map_or(Anchor::Top, Anchor::Containing);
                self.read(*session, path, false, anchor);
                if let Screen::Reader(reader) = &mut self.screen {
                    reader.other_machine = other_machine;
                }
                vec![]
            }
            Msg::LockedElsewhere(id) => {
                self.screen = Screen::Home;
                self.modal = Some(Modal::Locked { id });
                vec![Effect::Refresh]
            }
            Msg::Failed(err) => {
                self.notice = Some(error(err));
                vec![]
            }
            Msg::Saved {
                id,
                mark,
                after,
                result,
                kept_outside,
            } => {
                let finished = after == After::Summary && result.is_ok();
                let mut effects = self.saved(&id, mark, after, result);
                if finished {
                    effects.extend(self.sync_due());
                }
                if let Some(kept) = kept_outside {
                    let message = super::writer::kept_outside_message(&kept);
                    match &mut self.screen {
                        Screen::Writing(w) => w.notice = Some(message),
                        _ => self.notice = Some(error(message)),
                    }
                }
                effects
            }
            Msg::WroteElsewhere(result) => self.wrote_elsewhere(result),
            Msg::CheckedIn {
                session,
                index,
                action,
                result,
            } => self.checked_in(&session, index, &action, result),
            Msg::StatsReady(stats) => {
                if matches!(self.screen, Screen::Home) {
                    self.notice = None;
                    self.screen = Screen::Stats(stats);
                }
                vec![]
            }
            Msg::Edited { id, pos, result } => self.edited_in_editor(&id, pos, result),
            Msg::Started => self.sync_due(),
            Msg::Synced(result) => self.synced(result),
            msg if self.modal.is_some() => self.update_modal(msg),
            msg => match &self.screen {
                Screen::Home if self.home.search.is_some() => self.update_search(msg),
                Screen::Home => self.update_home(msg),
                Screen::Writing(_) => self.update_writing(msg),
                Screen::Reader(_) => self.update_reader(msg),
                Screen::CheckIn(_) => self.update_check_in(msg),
                Screen::Stats(_) => {
                    if matches!(msg, Msg::Action(Action::Back)) {
                        self.go_home();
                    }
                    vec![]
                }
            },
        }
    }

    /// Ctrl-C: never discards text. Like Esc, then quit.
    fn interrupt(&mut self) -> Vec<Effect> {
        match &mut self.screen {
            // A save that never ends would hold the quit for ever: offer the way out now.
            Screen::Writing(w) if w.stalled => {
                w.leaving = Some(After::Quit);
                w.stalled();
                vec![]
            }
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

    fn go_home(&mut self) {
        self.keep_editors();
        self.screen = Screen::Home;
    }

    /// Before leaving the session screen: keeps its editors, so that opening the session
    /// again in this run finds each answer's undo history as it was.
    /// The session's row on the home screen is brought up to date at once, before the list
    /// read anew arrives.
    fn keep_editors(&mut self) {
        if let Screen::Writing(w) = &mut self.screen {
            self.kept_editors = Some((w.session.id.clone(), w.take_editors()));
            if w.path.is_some() || w.has_text() {
                let row = crate::store::Entry::Session(crate::store::Summary::of(&w.session));
                self.home.upsert(row);
            }
        }
    }
}

/// A path as typed into a field, with a leading `~` meaning the home directory, as in a shell.
pub(crate) fn typed_path(text: &str, home: &std::path::Path) -> PathBuf {
    match text.strip_prefix('~') {
        Some("") => home.to_path_buf(),
        Some(rest) if rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(text),
    }
}

fn error(text: String) -> Notice {
    Notice::error(text)
}

/// What the home screen says about a file that cannot be read.
pub fn unreadable_message(err: &LoadError) -> String {
    format!("Cannot read this session, so it is left untouched. {err}")
}

pub use crate::clock::ago;

/// Types `text` key by key, as a person would (tests only).
#[cfg(test)]
pub(crate) fn type_text(app: &mut App, text: &str) {
    use ratatui_textarea::{Input, Key};
    for c in text.chars() {
        let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
        app.update(Msg::Input(Input {
            key,
            ..Input::default()
        }));
    }
}

#[cfg(test)]
mod tests;
