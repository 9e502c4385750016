//! The runtime: terminal setup and restore, the event loop, and performing effects.
//!
//! This is the only part of the TUI that does IO. Saves run on a writer thread so that an fsync
//! never stalls typing; everything else is quick enough to do in line.

pub mod app;
pub mod keys;
pub mod theme;
pub mod view;

mod saver;
mod terminal;

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::clock::Clock;
use crate::script::Script;
use crate::session::Session;
use crate::store::{SessionLock, SessionStore, StoreError, to_ron, write_atomic};
use app::{App, Effect, Msg, Opened};
use saver::Saver;
use theme::Theme;

/// How long after the last keystroke a draft is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);
/// How often the loop wakes up to notice signals when nothing else happens.
const IDLE_TICK: Duration = Duration::from_millis(100);
/// How often to look for a finished save while one is being written.
const SAVE_TICK: Duration = Duration::from_millis(5);

/// Where the app opens.
#[derive(Debug)]
pub enum Start {
    /// The home screen.
    Home,
    /// Straight into a new session of this script.
    New(Box<Script>),
    /// Straight into this saved session (a draft to resume, or a finished one to edit).
    Open(String),
}

/// Why the loop ended.
enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked us to stop.
    Signal(usize),
    /// The terminal went away (reads fail).
    TerminalLost(String),
}

/// Everything the runtime owns besides the app state.
struct Runtime {
    store: SessionStore,
    clock: Clock,
    saver: Saver,
    lock: Option<SessionLock>,
    /// Finds a script by name (built-in or the user's), for the intros and hints of a session
    /// opened again.
    find_script: ScriptFinder,
}

/// Looks a script up by name; `None` when it is gone or broken.
pub type ScriptFinder = Box<dyn Fn(&str) -> Option<Script>>;

/// Runs the interactive app until the user quits. Text is saved before returning on every path:
/// quit, signal (SIGTERM, SIGHUP, SIGINT), lost terminal and panic.
pub fn run(
    store: SessionStore,
    clock: Clock,
    script: Script,
    find_script: ScriptFinder,
    start: Start,
) -> Result<()> {
    let _ = store.clean_temp_files();
    let mut runtime = Runtime {
        saver: Saver::spawn(store.clone()),
        store,
        clock,
        lock: None,
        find_script,
    };
    let mut app = App::new(Theme::from_env(), clock, script);
    app.rescue_dir = dirs::home_dir().unwrap_or_else(|| PathBuf::from("."));
    let mut queue = VecDeque::new();
    match start {
        Start::Home => queue.push_back(Msg::Listed(runtime.list())),
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

    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .with_context(|| format!("cannot handle signal {sig}"))?;
    }

    let mut term = terminal::Guard::enter().context("cannot set up the terminal")?;
    terminal::install_panic_hook();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &mut runtime, &mut queue, &signal)
    }));

    // Whatever happened, wait for saves under way, then write what is still unsaved.
    let last_save = runtime.finish(&mut app);
    drop(term);
    if let Some(farewell) = &app.farewell {
        eprintln!("{farewell}");
    }
    match outcome {
        Ok(Ok(Exit::Quit)) => last_save,
        Ok(Ok(Exit::Signal(sig))) => {
            last_save?;
            std::process::exit(128 + sig as i32);
        }
        Ok(Ok(Exit::TerminalLost(why))) => {
            last_save?;
            anyhow::bail!("the terminal went away ({why}); your text was saved")
        }
        Ok(Err(err)) => {
            last_save?;
            Err(err)
        }
        Err(_) => {
            // The panic hook has restored the terminal and printed the message.
            match last_save {
                Ok(()) => eprintln!("ownup: your text was saved before exiting."),
                Err(err) => eprintln!("ownup: could not save your text: {err:#}"),
            }
            std::process::exit(101);
        }
    }
}

fn event_loop(
    term: &mut terminal::Guard,
    app: &mut App,
    runtime: &mut Runtime,
    queue: &mut VecDeque<Msg>,
    signal: &AtomicUsize,
) -> Result<Exit> {
    let size = term.size()?;
    queue.push_front(Msg::Resize(size.width, size.height));
    let mut last_edit = Instant::now();
    let mut revision = app.revision();
    // Debug builds only: a key that panics, so the tests can prove a panic loses nothing.
    #[cfg(debug_assertions)]
    let panic_key = std::env::var("OWNUP_DEBUG_PANIC_KEY")
        .ok()
        .and_then(|v| v.chars().next());
    loop {
        while let Some(msg) = queue.pop_front() {
            for effect in app.update(msg) {
                if let Some(reply) = runtime.perform(effect) {
                    queue.push_back(reply);
                }
            }
        }
        if app.revision() != revision {
            revision = app.revision();
            last_edit = Instant::now();
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        term.draw(app)?;

        let sig = signal.swap(0, Ordering::SeqCst);
        if sig != 0 {
            return Ok(Exit::Signal(sig));
        }
        queue.extend(runtime.saver.finished());
        if !queue.is_empty() {
            continue;
        }
        let mut timeout = IDLE_TICK;
        if app.autosave_wanted() {
            let due = last_edit + AUTOSAVE_DELAY;
            let now = Instant::now();
            if now >= due {
                queue.push_back(Msg::AutosaveDue);
                continue;
            }
            timeout = timeout.min(due - now);
        }
        if runtime.saver.busy() {
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
                    queue.extend(keys::to_msg(app.context(), ev));
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
                Ok(session) => Msg::Viewing(Box::new(session), self.store.path_of(&id)),
                Err(err) => Msg::Failed(err.to_string()),
            }),
            Effect::Save {
                session,
                revision,
                keep_revision,
                after,
            } => {
                self.saver.save(*session, revision, keep_revision, after);
                None
            }
            Effect::WriteElsewhere { path, session } => {
                Some(Msg::WroteElsewhere(write_elsewhere(&path, &session)))
            }
            Effect::Release(id) => {
                if self.lock.as_ref().is_some_and(|l| l.id() == id) {
                    self.lock = None;
                }
                None
            }
            Effect::Refresh => Some(Msg::Listed(self.list())),
        }
    }

    fn list(&self) -> Result<Vec<crate::store::Entry>, String> {
        self.store.list().map_err(|err| err.to_string())
    }

    /// A new session, its id locked for as long as it is open.
    fn start_new(&mut self, script: &Script) -> Result<Msg> {
        let now = self.clock.now();
        let lock = self.store.new_id(now).context("cannot start a new session")?;
        let session = Session::new(lock.id().to_string(), script, now);
        self.lock = Some(lock);
        Ok(Msg::Opened(Box::new(Opened {
            session,
            path: None,
            guide: Some(script.clone()),
        })))
    }

    /// Opens a saved session for writing, if no other ownup has it.
    fn open(&mut self, id: &str) -> Msg {
        let lock = match self.store.lock(id) {
            Ok(lock) => lock,
            Err(StoreError::Locked(id)) => return Msg::LockedElsewhere(id),
            Err(err) => return Msg::Failed(err.to_string()),
        };
        match self.store.load(id) {
            Ok(session) => {
                self.lock = Some(lock);
                let guide = (self.find_script)(&session.script.name);
                Msg::Opened(Box::new(Opened {
                    session,
                    path: Some(self.store.path_of(id)),
                    guide,
                }))
            }
            Err(err) => Msg::Failed(err.to_string()),
        }
    }

    /// Waits for saves under way, then saves whatever is still unsaved, in this thread.
    fn finish(&mut self, app: &mut App) -> Result<()> {
        for msg in self.saver.drain() {
            app.update(msg);
        }
        if let Some(session) = app.unsaved_session() {
            self.store
                .save(&session)
                .with_context(|| format!("cannot save session {}", session.id))?;
        }
        Ok(())
    }
}

/// Writes a rescue copy of `session` to `path`, never over an existing file.
fn write_elsewhere(path: &Path, session: &Session) -> Result<PathBuf, String> {
    if path.exists() {
        return Err(format!("{} already exists — choose another name", path.display()));
    }
    let text = to_ron(session).map_err(|err| err.to_string())?;
    write_atomic(path, text.as_bytes()).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    Ok(path.to_path_buf())
}
