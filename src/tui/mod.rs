//! The runtime: terminal setup and restore, the event loop, and performing effects.
//!
//! This is the only part of the TUI that does IO. Saves run on a writer thread so that an fsync
//! never stalls typing; everything else is quick enough to do in line.
//!
//! `plain/` is the same app without the full screen: a session asked as plain lines, for a
//! screen reader, a dumb terminal or a pipe. It keeps text safe with the same writer and
//! guardian. `whole_editor` is the other one: a whole session written in the person's own
//! editor as one document, guarded the same way.

pub mod app;
pub mod field;
pub mod keys;
pub mod theme;
pub mod view;

mod editor;
mod guardian;
mod jobs;
pub mod plain;
mod saver;
mod terminal;
pub mod whole_editor;
pub mod writer;

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::crossterm::event;

use crate::clock::Clock;
use crate::script::Script;
use crate::session::{Session, SessionId};
use crate::store::{SessionLock, SessionStore, StoreError, to_ron};
use app::{App, Effect, Failure, Msg, Opened};
use guardian::Guardian;
use saver::Saver;
use theme::Theme;
use writer::{Farewell, Writer};

/// How often the loop wakes up when nothing else happens.
const IDLE_TICK: Duration = Duration::from_millis(100);
/// How often to look for a finished save while one is being written.
const SAVE_TICK: Duration = Duration::from_millis(5);
/// A save not finished after this long has stalled (a frozen or unreachable disk): the app
/// says so and offers to write the text elsewhere.
const SAVE_STALL: Duration = Duration::from_secs(5);
/// How many of the newest rows the first frame reads (more than any screen shows).
const FIRST_ROWS: usize = 200;
/// How long quitting waits for a background sync to end (it is safe to stop, only slower to
/// finish next time).
const SYNC_PATIENCE: Duration = Duration::from_secs(20);
/// While text keeps changing, it is saved at least this often, however steady the typing
/// (the debounce alone would wait for a pause that may never come).
const AUTOSAVE_MAX_WAIT: Duration = Duration::from_secs(2);

/// Where the app opens.
#[derive(Debug)]
pub enum Start {
    /// The home screen.
    Home,
    /// Straight into a new session of this script.
    New(Box<Script>),
    /// Straight into this saved session (a draft to resume, or a finished one to edit).
    Open(SessionId),
}

/// Why the loop ended.
enum Exit {
    /// The user quit.
    Quit,
    /// The terminal went away (reads fail).
    TerminalLost(String),
}

/// Everything the runtime owns besides the app state.
struct Runtime {
    store: SessionStore,
    /// Saves and exits on a signal or a lost terminal, whatever the loop is doing.
    guardian: Guardian,
    /// Work done on other threads (reading answers for search, the stats).
    jobs: jobs::Jobs,
    /// Saves the guardian made while the loop went on (on a suspend).
    guarded: mpsc::Receiver<Msg>,
    /// Since when text has been changing without a save being started.
    unsaved_since: Option<Instant>,
    /// Since when the writer thread has been busy, and whether the app was told it stalled.
    busy_since: Option<(Instant, bool)>,
    clock: Clock,
    /// What drawing keeps between frames (scroll offsets, layouts worth keeping).
    render: view::RenderState,
    /// Writes every save (shared with the saver thread and the guardian).
    writer: std::sync::Arc<Writer>,
    saver: Saver,
    lock: Option<SessionLock>,
    /// Held while this ownup checks in, or has check-in drafts not yet written.
    check_in_lock: Option<SessionLock>,
    /// How long after the last keystroke a draft is saved.
    autosave_delay: Duration,
    /// The scripts, for the intros and hints of a session opened again.
    library: crate::library::Library,
    /// Whether mouse reporting is on (turned on again after the editor has had the terminal).
    mouse: bool,
}

/// Runs the interactive app until the user quits. Text is saved before returning on every path:
/// quit, signal (SIGTERM, SIGHUP, SIGINT), lost terminal and panic.
pub fn run(store: SessionStore, clock: Clock, setup: crate::setup::Setup, start: Start) -> Result<()> {
    sweep_in_background(&store);
    let writer = std::sync::Arc::new(Writer::new(store.clone()));
    let guardian = Guardian::start(std::sync::Arc::clone(&writer)).context("cannot watch for signals")?;
    let (guarded_to, guarded) = mpsc::channel();
    guardian.reply_to(guarded_to);
    let mut runtime = Runtime {
        jobs: jobs::Jobs::new(store.clone()),
        guarded,
        unsaved_since: None,
        busy_since: None,
        saver: Saver::spawn(std::sync::Arc::clone(&writer)),
        writer,
        guardian,
        store,
        clock,
        render: view::RenderState::default(),
        lock: None,
        check_in_lock: None,
        autosave_delay: Duration::from_millis(setup.config.autosave_delay_ms),
        library: setup.library.clone(),
        mouse: setup.config.mouse,
    };
    let mut app = App::new(
        Theme::configured(&setup.config, terminal::light_background),
        clock.now(),
        setup.default_script(),
    );
    app.keymap = setup.keymap.clone();
    app.show_hints = setup.config.show_hints;
    app.date_format = setup.config.date_format.clone();
    app.lexicon = setup.lexicon.clone();
    app.scripts = setup.library.scripts.iter().map(|l| l.script.clone()).collect();
    app.auto_sync = setup.config.sync.auto;
    app.encrypted = runtime.store.is_encrypted();
    app.rescue_dir = dirs::home_dir().unwrap_or_else(|| PathBuf::from("."));
    app.other_fs_dir = crate::store::other_file_system(runtime.store.dir(), dirs::home_dir().as_deref());
    let mut queue = VecDeque::from([Msg::Started]);
    let (drafts, set_aside) = runtime.store.check_in_drafts();
    queue.push_back(Msg::CheckInDrafts(drafts));
    if let Some(set_aside) = set_aside {
        queue.push_back(Msg::Failed(set_aside.to_string()));
    }
    match start {
        Start::Home => {
            // The newest rows as last indexed make the first frame; the whole list, checked
            // against the files, follows from the background.
            if let Some(newest) = runtime.store.newest(FIRST_ROWS) {
                queue.push_back(Msg::Glimpse(newest));
            }
            runtime.jobs.list();
        }
        // Allocate the session before touching the terminal, so a failure prints plainly.
        Start::New(script) => queue.push_back(runtime.start_new(&script)?),
        Start::Open(id) => {
            let opened = runtime.open(&id);
            if let Msg::Failed(err) = opened {
                anyhow::bail!(err);
            }
            if matches!(opened, Msg::LockedElsewhere(_)) {
                queue.push_back(Msg::Listed(runtime.list()));
            }
            queue.push_back(opened);
        }
    }

    let mut term = terminal::Guard::enter(setup.config.mouse).context("cannot set up the terminal")?;
    runtime.guardian.set_terminal_active(true, setup.config.mouse);
    terminal::install_panic_hook(runtime.guardian.clone());
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &mut runtime, &mut queue)
    }));

    let Ok(outcome) = outcome else {
        // The panic hook wrote the last snapshot (the app's state is not trusted after a
        // panic), restored the terminal and printed the message.
        let farewell = runtime.guardian.after_panic().unwrap_or_default();
        let lines = farewell.lines();
        for line in &lines {
            crate::output::say(line);
        }
        if lines.is_empty() {
            crate::output::say("ownup: there was nothing unsaved.");
        }
        std::process::exit(101);
    };
    // Wait for saves under way, then write what is still unsaved.
    let farewell = runtime.finish(&mut app);
    runtime.guardian.set_terminal_active(false, false);
    drop(term);
    if let Some(text) = &app.farewell {
        crate::output::say(text);
    }
    // On a normal quit the text was saved as the person saw; only trouble is worth saying.
    let lines = match outcome {
        Ok(Exit::Quit) => farewell.trouble.clone(),
        _ => farewell.lines(),
    };
    for line in &lines {
        crate::output::say(line);
    }
    runtime.finish_sync();
    match outcome {
        Ok(Exit::Quit) if farewell.lost => anyhow::bail!("your last changes could not be saved (see above)"),
        Ok(Exit::Quit) => Ok(()),
        Ok(Exit::TerminalLost(why)) => anyhow::bail!("the terminal went away ({why})"),
        Err(err) => Err(err),
    }
}

/// Removes the leftovers of an interrupted save, off the critical path to the first question.
fn sweep_in_background(store: &SessionStore) {
    let sweeper = store.clone();
    let _ = std::thread::Builder::new()
        .name("ownup-sweep".into())
        .spawn(move || {
            let _ = sweeper.clean_temp_files();
        });
}

fn event_loop(
    term: &mut terminal::Guard,
    app: &mut App,
    runtime: &mut Runtime,
    queue: &mut VecDeque<Msg>,
) -> Result<Exit> {
    let size = term.size()?;
    queue.push_front(Msg::Resize(size.width, size.height));
    let mut last_edit = Instant::now();
    let mut revision = app.revision();
    runtime.guardian.publish(app.unsaved(runtime.clock.now()));
    // Debug builds only: a key that panics, so the tests can prove a panic loses nothing.
    #[cfg(debug_assertions)]
    let panic_key = std::env::var("OWNUP_DEBUG_PANIC_KEY")
        .ok()
        .and_then(|v| v.chars().next());
    loop {
        let changed = !queue.is_empty();
        // The app learns the time from the runtime's clock, like everything else: in a message.
        queue.push_front(Msg::Tick(runtime.clock.now()));
        while let Some(msg) = queue.pop_front() {
            for effect in app.update(msg) {
                if let Some(reply) = runtime.perform(effect) {
                    queue.push_back(reply);
                }
            }
        }
        if changed && app.revision() != revision {
            revision = app.revision();
            let now = Instant::now();
            last_edit = now;
            runtime.unsaved_since.get_or_insert(now);
            // The guardian always holds the latest text, and only this loop makes it.
            runtime.guardian.publish(app.unsaved(runtime.clock.now()));
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        if runtime.check_in_lock.is_some() && !app.holds_check_ins() {
            runtime.check_in_lock = None;
        }
        if runtime.guardian.take_redraw() {
            // Taken back after a suspend: the screen holds whatever the shell left there.
            term.clear()?;
            let size = term.size()?;
            queue.push_back(Msg::Resize(size.width, size.height));
            continue;
        }
        runtime
            .guardian
            .while_drawing(|| term.draw(app, &mut runtime.render))?;
        let page = runtime.render.home().page();
        if page != app.home.page {
            queue.push_back(Msg::HomePage(page));
        }
        // Only told to a field that is there to take it, so this never asks for frame after frame.
        if let (Some(drawn), Some(known)) = (runtime.render.field_size(), app.field_size())
            && drawn != known
        {
            queue.push_back(Msg::FieldSize(drawn.0, drawn.1));
        }

        queue.extend(runtime.saver.finished());
        queue.extend(runtime.guarded.try_iter());
        if runtime.saver.busy() {
            let (since, told) = runtime.busy_since.get_or_insert((Instant::now(), false));
            if !*told && since.elapsed() >= SAVE_STALL {
                *told = true;
                queue.push_back(Msg::SaveStalled);
            }
        } else {
            runtime.busy_since = None;
        }
        queue.extend(runtime.jobs.done());
        if !queue.is_empty() {
            continue;
        }
        let mut timeout = IDLE_TICK;
        if app.autosave_wanted() {
            // After a pause in the typing, or at the latest a little while after the first
            // change not yet saved.
            let mut due = last_edit + runtime.autosave_delay;
            if let Some(since) = runtime.unsaved_since {
                due = due.min(since + AUTOSAVE_MAX_WAIT);
            }
            let now = Instant::now();
            if now >= due {
                queue.push_back(Msg::AutosaveDue);
                continue;
            }
            timeout = timeout.min(due - now);
        }
        if runtime.saver.busy() || runtime.jobs.busy() {
            timeout = timeout.min(SAVE_TICK);
        }
        match event::poll(timeout) {
            Ok(false) => {}
            Ok(true) => match event::read() {
                Ok(ev) => {
                    #[cfg(debug_assertions)]
                    if let (Some(c), event::Event::Key(key)) = (panic_key, &ev)
                        && key.code == event::KeyCode::Char(c)
                    {
                        panic!("deliberate panic for tests (OWNUP_DEBUG_PANIC_KEY)");
                    }
                    queue.extend(keys::to_msg(&app.keymap, app.context(), ev).map(|msg| match msg {
                        // Which row a click lands on is a fact of the last frame drawn.
                        Msg::Click { y, .. } => runtime.render.home().row_at(y).map_or(msg, Msg::ClickRow),
                        msg => msg,
                    }));
                }
                Err(err) => return Ok(Exit::TerminalLost(err.to_string())),
            },
            Err(err) => return Ok(Exit::TerminalLost(err.to_string())),
        }
    }
}

impl Runtime {
    /// Performs one effect; some reply with a message.
    fn perform(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::StartNew(script) => Some(
                self.start_new(&script)
                    .unwrap_or_else(|err| Msg::Failed(format!("{err:#}"))),
            ),
            Effect::Open(id) => Some(self.open(&id)),
            Effect::View(id) => Some(match self.store.load(&id) {
                Ok(session) => Msg::Viewing(
                    Box::new(session),
                    self.store.path_of(&id),
                    self.store.other_machine_versions(&id),
                ),
                Err(err) => Msg::Failed(err.to_string()),
            }),
            Effect::Save { snapshot, after } => {
                self.unsaved_since = None;
                self.saver.save(*snapshot, after);
                None
            }
            Effect::SaveCheckIns(snapshot) => {
                self.saver.save_check_ins(snapshot);
                None
            }
            Effect::BeginCheckIn => Some(match self.store.lock_check_ins() {
                Ok(lock) => {
                    self.check_in_lock = Some(lock);
                    let (drafts, set_aside) = self.store.check_in_drafts();
                    Msg::CheckInBegun(drafts, set_aside.map(|s| s.to_string()))
                }
                Err(StoreError::CheckInsLocked) => {
                    Msg::Failed("Checking in is open in another ownup window — finish there first.".into())
                }
                Err(err) => Msg::Failed(err.to_string()),
            }),
            Effect::EditInEditor { id, pos, text, limit } => {
                let result = editor::edit(&self.store, &self.guardian, self.mouse, &id, &text, limit);
                Some(Msg::Edited { id, pos, result })
            }
            Effect::Suspend => {
                // The guardian does the rest, as for a SIGTSTP from anywhere else.
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                None
            }
            Effect::WriteElsewhere { path, session } => {
                Some(Msg::WroteElsewhere(write_elsewhere(&path, &session, &self.store)))
            }
            Effect::CheckIn {
                session,
                index,
                action,
                outcome,
                new_due,
                note,
            } => {
                // The day of a check-in is the new date of "not yet", the day of "done".
                let done = outcome == crate::session::Outcome::Done;
                let check_in = crate::session::CheckIn {
                    at: self.clock.now(),
                    outcome,
                    new_due: if done { None } else { new_due },
                    note,
                    done_on: if done { new_due } else { None },
                };
                let result = self
                    .store
                    .check_in(&session, index, &action, check_in)
                    .map_err(Failure::from);
                Some(Msg::CheckedIn {
                    session,
                    index,
                    action,
                    result,
                })
            }
            Effect::LoadStats => {
                self.jobs.load_stats(self.clock.now().date_naive());
                None
            }
            Effect::Copy(text) => {
                terminal::copy_to_clipboard(&text);
                None
            }
            Effect::Release(id) => {
                if self.lock.as_ref().is_some_and(|l| *l.id() == id) {
                    self.lock = None;
                }
                None
            }
            Effect::Refresh => {
                self.jobs.list();
                None
            }
            Effect::Sync => {
                self.jobs.sync(self.clock.now());
                None
            }
            Effect::FindWords { generation, words } => {
                self.jobs.find_words(generation, words);
                None
            }
            Effect::Trash(id) => Some(Msg::Trashed(
                self.store.trash(&id).map(|_| id).map_err(Failure::from),
            )),
            Effect::Restore(id) => Some(Msg::Restored(
                self.store.restore(&id).map(|_| id).map_err(Failure::from),
            )),
            Effect::Export { session, path } => Some(Msg::Exported(if self.store.holds(&path) {
                Err(Failure::other(format!(
                    "{} is inside a folder of ownup's own — export somewhere else",
                    path.display()
                )))
            } else {
                write_new_file(&path, crate::export::to_markdown(&session, false).as_bytes())
            })),
        }
    }

    fn list(&self) -> Result<Vec<crate::store::Entry>, Failure> {
        self.store.list().map_err(Failure::from)
    }

    /// A new session, its id locked for as long as it is open.
    fn start_new(&mut self, script: &Script) -> Result<Msg> {
        let now = self.clock.now();
        let lock = self.store.new_id(now).context("cannot start a new session")?;
        let session = Session::new(lock.id().clone(), script, now);
        self.writer.opened(lock.id());
        self.lock = Some(lock);
        Ok(Msg::Opened(Box::new(Opened {
            session,
            path: None,
            guide: Some(script.clone()),
        })))
    }

    /// Opens a saved session for writing, if no other ownup has it.
    fn open(&mut self, id: &SessionId) -> Msg {
        let lock = match self.store.lock(id) {
            Ok(lock) => lock,
            Err(StoreError::Locked(id)) => return Msg::LockedElsewhere(id.into()),
            Err(err) => return Msg::Failed(err.to_string()),
        };
        // Noted before reading: a change made after this is kept when ownup saves over it.
        self.writer.opened(id);
        match self.store.load(id) {
            Ok(session) => {
                self.lock = Some(lock);
                let guide = self.library.get(&session.script.name).map(|l| l.script.clone());
                Msg::Opened(Box::new(Opened {
                    session,
                    path: Some(self.store.path_of(id)),
                    guide,
                }))
            }
            Err(err) => Msg::Failed(err.to_string()),
        }
    }

    /// On the way out, with the terminal given back: lets a background sync end (for a while),
    /// and says what needs saying about it.
    fn finish_sync(&mut self) {
        if !self.jobs.syncing() {
            return;
        }
        crate::output::say("ownup: finishing the sync…");
        match self.jobs.wait_for_sync(SYNC_PATIENCE) {
            Some(Msg::Synced(Ok(synced))) => {
                for line in synced.attention {
                    crate::output::say(format_args!("ownup: {line}"));
                }
            }
            Some(Msg::Synced(Err(why))) => crate::output::say(format_args!("ownup: not synced: {why}")),
            Some(_) => {}
            None => crate::output::say(
                "ownup: the sync did not end in time and was stopped; nothing is lost — run ownup sync to finish it",
            ),
        }
    }

    /// Waits for saves under way, then writes whatever is still unsaved, in this thread: the
    /// last write of the process.
    fn finish(&mut self, app: &mut App) -> Farewell {
        app.update(Msg::Tick(self.clock.now()));
        for msg in self.saver.drain(SAVE_STALL) {
            app.update(msg);
        }
        let unsaved = app.unsaved(self.clock.now());
        self.guardian.write_last(&unsaved)
    }
}

/// Writes a rescue copy of `session` to `path`, never over an existing file: encrypted, as
/// the sessions are, when they are.
fn write_elsewhere(path: &Path, session: &Session, store: &SessionStore) -> Result<PathBuf, Failure> {
    let text = to_ron(session)?;
    match store.seal_bytes(text.as_bytes()) {
        Some(sealed) => write_new_file(path, &sealed),
        None if store.is_encrypted() => Err(Failure::other(
            "the sessions are encrypted and their key is not at hand, so nothing was written".to_string(),
        )),
        None => write_new_file(path, text.as_bytes()),
    }
}

/// Writes `bytes` to a file that must not exist yet (0600, atomically, never over anything).
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<PathBuf, Failure> {
    crate::files::write_new(path, bytes, crate::files::Existing::Refuse)?;
    Ok(path.to_path_buf())
}
