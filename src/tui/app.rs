//! The app state and its update function: `App::update(msg) -> Vec<Effect>`.
//!
//! Everything here is plain data and pure logic, testable without a terminal. The runtime in
//! `tui/mod.rs` turns key events into [`Msg`]s, performs the returned [`Effect`]s (saving,
//! loading) and feeds their results back as messages.

use std::path::PathBuf;

use ratatui::style::Style;
use ratatui::text::Text;
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

use super::keys::{Action, Context};
use super::theme::Theme;
use super::view;
use crate::clock::Clock;
use crate::script::Script;
use crate::session::{Position, Session, Status};
use crate::store::{Entry, LoadError};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// Input to the app: a user action, or the result of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A bound key was pressed.
    Action(Action),
    /// A key for the answer editor.
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
    Opened(Box<Session>),
    /// A session loaded for reading.
    Viewing(Box<Session>, PathBuf),
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
}

/// What the app asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Start a new session of this script (allocate an id, lock it, reply [`Msg::Opened`]).
    StartNew(Box<Script>),
    /// Load a session to read (reply [`Msg::Viewing`] or [`Msg::Failed`]).
    View(String),
    /// Save this snapshot (reply [`Msg::Saved`]).
    Save {
        /// The snapshot to write.
        session: Box<Session>,
        /// The edit revision it contains.
        revision: u64,
        /// What to do once it is saved.
        after: After,
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

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// The screen being shown.
    pub screen: Screen,
    /// Whether the help overlay is open.
    pub help_open: bool,
    /// Lines the help overlay is scrolled by, when it does not fit.
    pub help_scroll: u16,
    /// The terminal size, as (width, height).
    pub size: (u16, u16),
    /// Set when the app should exit.
    pub quit: bool,
    /// Styles for drawing.
    pub theme: Theme,
    /// Where "now" comes from.
    pub clock: Clock,
    /// The script that `n` starts.
    pub script: Script,
    /// Feedback shown on the home screen.
    pub notice: Option<Notice>,
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

/// State of the session screen.
#[derive(Debug)]
pub struct Writing {
    /// The session being written; the answer at `pos` lives in `editor` until committed.
    pub session: Session,
    /// The prompt being answered.
    pub pos: Position,
    /// The answer editor.
    pub editor: TextArea<'static>,
    /// Counts edits; compared with `saved_revision` to know what is unsaved.
    pub revision: u64,
    /// The newest revision known to be on disk.
    pub saved_revision: u64,
    /// Whether a save is being written.
    pub saving: bool,
    /// Why the last save failed, until one succeeds.
    pub save_error: Option<String>,
    /// A one-line message under the editor.
    pub notice: Option<String>,
    /// The session's file, once saved.
    pub path: Option<PathBuf>,
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
            help_open: false,
            help_scroll: 0,
            size: (80, 24),
            quit: false,
            theme,
            clock,
            script,
            notice: None,
        }
    }

    /// Where keys are being pressed.
    pub fn context(&self) -> Context {
        if self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT {
            Context::TooSmall
        } else if self.help_open {
            Context::Help
        } else {
            match self.screen {
                Screen::Home(_) => Context::Home,
                Screen::Writing(_) => Context::Writing,
                Screen::Reader(_) => Context::Reader,
            }
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

    /// Whether there is an edit not yet on disk and no save under way.
    pub fn autosave_wanted(&self) -> bool {
        self.writing().is_some_and(|w| w.needs_saving() && !w.saving)
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
                    Ok(entries) => {
                        if let Screen::Home(home) = &mut self.screen {
                            home.selected = home.selected.min(entries.len().saturating_sub(1));
                            home.entries = entries;
                            home.loaded = true;
                        }
                    }
                    Err(err) => self.notice = Some(error(err)),
                }
                vec![]
            }
            Msg::Opened(session) => {
                self.notice = None;
                self.screen = Screen::Writing(Box::new(Writing::new(*session, &self.theme)));
                vec![]
            }
            Msg::Viewing(session, path) => {
                self.notice = None;
                self.screen = Screen::Reader(Box::new(Reader::new(*session, path, false, &self.theme)));
                vec![]
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
            msg => match &mut self.screen {
                Screen::Home(_) => self.update_home(msg),
                Screen::Writing(_) => self.update_writing(msg),
                Screen::Reader(_) => self.update_reader(msg),
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

    /// Snapshots the open session into a save effect.
    fn save(&mut self, after: After) -> Vec<Effect> {
        let now = self.clock.now();
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        let session = w.snapshot(now);
        w.saving = true;
        vec![Effect::Save {
            session: Box::new(session),
            revision: w.revision,
            after,
        }]
    }

    fn saved(
        &mut self,
        id: &str,
        revision: u64,
        after: After,
        result: Result<PathBuf, String>,
    ) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            // A late reply for a session already left: nothing is waiting on it.
            if let Err(err) = result {
                self.notice = Some(error(err));
            }
            return vec![];
        };
        if w.session.id != id {
            return vec![];
        }
        w.saving = false;
        let path = match result {
            Ok(path) => path,
            Err(err) => {
                w.save_error = Some(err);
                if after == After::Summary {
                    w.session.status = Status::Draft;
                    w.session.finished = None;
                }
                if after != After::Stay {
                    w.notice = Some("Not saved, so ownup stays open: your text is still here.".into());
                }
                return vec![];
            }
        };
        w.saved_revision = w.saved_revision.max(revision);
        w.save_error = None;
        w.path = Some(path.clone());
        let release = Effect::Release(w.session.id.clone());
        match after {
            After::Stay => vec![],
            After::Quit => {
                self.quit = true;
                vec![release]
            }
            After::Home => {
                self.go_home();
                vec![release, Effect::Refresh]
            }
            After::Summary => {
                let session = w.session.clone();
                self.screen = Screen::Reader(Box::new(Reader::new(session, path, true, &self.theme)));
                vec![release]
            }
        }
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

    fn update_writing(&mut self, msg: Msg) -> Vec<Effect> {
        let now = self.clock.now();
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        match msg {
            Msg::Input(input) => {
                if w.editor.input(input) {
                    w.edited();
                }
                vec![]
            }
            Msg::Paste(text) => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                if w.editor.insert_str(text) {
                    w.edited();
                }
                vec![]
            }
            Msg::Action(Action::NextPrompt) => match w.session.next(w.pos) {
                Some(next) => self.move_to(next),
                None => {
                    w.notice = Some("This is the last question. Press Ctrl-S to finish.".into());
                    vec![]
                }
            },
            Msg::Action(Action::PrevPrompt) => match w.session.previous(w.pos) {
                Some(previous) => self.move_to(previous),
                None => {
                    w.notice = Some("This is the first question.".into());
                    vec![]
                }
            },
            Msg::Action(Action::Finish) => {
                w.commit();
                if let Some(missing) = w.session.first_missing_required() {
                    w.go(missing, &self.theme);
                    w.notice = Some("This one is needed to finish.".into());
                    return vec![];
                }
                w.session.complete(now);
                w.edited();
                self.save(After::Summary)
            }
            Msg::Action(Action::Leave) => {
                if w.needs_saving() {
                    self.save(After::Home)
                } else {
                    let id = w.session.id.clone();
                    self.go_home();
                    vec![Effect::Release(id), Effect::Refresh]
                }
            }
            _ => vec![],
        }
    }

    /// Moves to another prompt, saving at once if anything changed.
    fn move_to(&mut self, pos: Position) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        w.go(pos, &self.theme);
        if w.needs_saving() && !w.saving {
            self.save(After::Stay)
        } else {
            vec![]
        }
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

impl Writing {
    /// Opens `session` at the prompt where it was left, with the cursor at the end of its answer.
    pub fn new(session: Session, theme: &Theme) -> Writing {
        let pos = session.valid_position();
        let editor = editor_for(session.answer(pos), theme);
        Writing {
            session,
            pos,
            editor,
            revision: 0,
            saved_revision: 0,
            saving: false,
            save_error: None,
            notice: None,
            path: None,
        }
    }

    /// Whether some edit is not yet on disk.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Whether leaving now would lose something: unsaved edits in a session worth keeping.
    /// A session never saved and still empty is not worth a file.
    pub fn needs_saving(&self) -> bool {
        self.is_dirty() && (self.path.is_some() || self.session.has_any_answer() || !self.editor.is_empty())
    }

    fn edited(&mut self) {
        self.revision += 1;
        self.notice = None;
    }

    /// Copies the editor's text into the session.
    pub fn commit(&mut self) {
        let text = self.editor.lines().join("\n");
        if self.session.answer(self.pos) != text {
            self.session.set_answer(self.pos, text);
        }
    }

    /// The session with the editor's text, stamped `now`, ready to save.
    fn snapshot(&mut self, now: chrono::DateTime<chrono::FixedOffset>) -> Session {
        self.commit();
        self.session.position = self.pos;
        self.session.updated = now;
        self.session.clone()
    }

    /// Moves to `pos`, keeping the current answer.
    fn go(&mut self, pos: Position, theme: &Theme) {
        self.commit();
        if pos != self.pos {
            self.pos = pos;
            self.session.position = pos;
            self.revision += 1;
            self.editor = editor_for(self.session.answer(pos), theme);
        }
        self.notice = None;
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

/// An answer editor holding `text`, with the cursor at its end.
fn editor_for(text: &str, theme: &Theme) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(String::from).collect());
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::new());
    editor.set_cursor_style(theme.cursor);
    editor.set_style(theme.text);
    editor.set_placeholder_text("Write here…");
    editor.set_placeholder_style(theme.dim);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    editor
}

fn error(text: String) -> Notice {
    Notice { text, is_error: true }
}

/// What the home screen says about a file that cannot be read.
pub fn unreadable_message(err: &LoadError) -> String {
    format!("Cannot read this session, so it is left untouched. {err}")
}

#[cfg(test)]
mod tests;
