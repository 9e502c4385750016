//! `ownup new --editor` and `ownup resume --editor`: a whole session written in the person's
//! own editor ($VISUAL, else $EDITOR, else vi), as one Markdown document
//! ([`crate::session_markdown`]), then read back and saved.
//!
//! Plain mode's sibling, kept as safe by the same means: the session's lock, the same
//! [`Writer`] (atomic, flushed, a file changed outside kept), and the [`Guardian`]: a signal
//! that ends ownup while the editor is open leaves the file where it is and says so. The
//! terminal is never touched; the editor has it. The file is private (0600, beside the
//! sessions), as for Ctrl-E.
//!
//! What becomes of the file and the session:
//! - the editor ends in error (`:cq`), cannot be started or is not found: nothing is saved (a
//!   draft stays as it was); the file is kept, and its path said, if it is not as ownup wrote it.
//! - more than 16 MB, or not UTF-8: nothing is saved; the file is kept, and its path said.
//! - empty, as ownup wrote it, or with no answer in it: nothing is saved; the file is removed.
//! - something ownup cannot take (a number that is not one, an answer too long): the editor
//!   opens again on the person's own text, with what to put right in a comment at the top;
//!   saved again unchanged, ownup stops there, keeps the file and says why.
//! - otherwise the answers are saved: finished, with plain mode's summary, when every needed
//!   question has an answer; else a draft, with how to go on. Then the file is removed.

use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow, bail};

use super::Start;
use super::editor::{self, Unreadable};
use super::guardian::Guardian;
use super::plain::{Opened, open, words};
use super::writer::{Mark, SessionSnapshot, Unsaved, Writer, kept_outside_message};
use crate::clock::Clock;
use crate::output::{Printable, printable, say};
use crate::session::{Session, SessionId};
use crate::session_markdown::{Form, Parsed};
use crate::setup::Setup;
use crate::store::SessionStore;

/// Runs the editor on a new session or a draft, until its answers are saved or left.
pub fn run(store: SessionStore, clock: Clock, setup: Setup, start: Start) -> Result<()> {
    super::sweep_in_background(&store);
    let writer = Arc::new(Writer::new(store.clone()));
    let Opened {
        lock: _lock,
        session,
        guide,
        resumed,
    } = open(&store, &writer, &setup, start, clock.now(), "--editor")?;
    let guardian = Guardian::start_plain(Arc::clone(&writer)).context("cannot watch for signals")?;
    super::terminal::install_panic_hook(guardian.clone());
    let auto_sync = crate::sync::auto::AutoSync::start(&store, setup.config.sync.auto, clock.now());
    let mut form = Form::new(&session, guide.as_ref());
    let template = form.render(&session);
    let path = editor::file_for(&store, &session.id);
    editor::write_private(&path, &template)
        .with_context(|| format!("cannot make a file for your editor ({})", path.display()))?;
    // From here until the answers are saved, a signal that ends ownup says where the file is.
    guardian.editing(Some(path.clone()));
    let document = Document {
        path,
        template,
        editor: editor::editor_command(),
        id: session.id.clone(),
        resumed,
    };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let parsed = document.edit(&mut form, &session)?;
        document.save(parsed, session, &writer, &guardian, &clock)
    }));
    match outcome {
        Ok(result) => {
            // Finished, it travels now; a draft waits for the next sync.
            let finished = result.is_ok()
                && store
                    .load(&document.id)
                    .is_ok_and(|saved| saved.status == crate::session::Status::Complete);
            let lines = match finished {
                true => auto_sync.finished(clock.now()),
                false => auto_sync.left(),
            };
            for line in lines {
                say(line);
            }
            result
        }
        Err(_) => {
            // The panic hook has printed the message (and written any answers being saved);
            // the file, if the answers were not saved yet, is where the person left it.
            if document.path.exists() {
                say(format_args!(
                    "ownup: what you wrote in your editor is kept in {}",
                    document.path.display()
                ));
            }
            std::process::exit(101);
        }
    }
}

/// How many times the editor is opened on a file with problems before ownup stops (and keeps
/// the file): a person puts them right in one or two; an editor that is a script may never.
const MAX_ROUNDS: usize = 10;

/// The file being written in the editor.
struct Document {
    path: PathBuf,
    /// What ownup first wrote into it.
    template: String,
    /// The editor command.
    editor: String,
    id: SessionId,
    /// Whether a draft is being written (rather than a new session).
    resumed: bool,
}

/// An editor that returns sooner than this with the file as it was most likely went on in
/// the background: nobody writes, or even reads, a whole session that fast.
const QUICK_RETURN: std::time::Duration = std::time::Duration::from_millis(500);

/// What came back from the editor.
enum Edited {
    /// Nothing to save, and why (said as it is).
    Nothing(String),
    /// Answers read, with nothing to put right.
    Answers(Parsed),
}

impl Document {
    /// Runs the editor until the file reads as answers, or says why nothing can be saved.
    fn edit(&self, form: &mut Form, session: &Session) -> Result<Edited> {
        let mut shown = self.template.clone();
        let mut round = 0;
        loop {
            round += 1;
            let editor = printable(&self.editor);
            let started = std::time::Instant::now();
            let status = match editor::run(&self.editor, &self.path) {
                Ok(status) => status,
                Err(err) => {
                    return Err(self.not_saved(&format!("could not start your editor ({editor}): {err}")));
                }
            };
            if let Some(why) = editor::failure(status) {
                return Err(self.not_saved(&format!("your editor ({editor}) {why}")));
            }
            let text = match editor::read_text(&self.path) {
                Ok(text) => text,
                Err(Unreadable::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(Edited::Nothing(
                        "the file was not there any more after your editor closed".into(),
                    ));
                }
                Err(why) => return Err(self.not_saved(&why.to_string())),
            };
            if text.trim().is_empty() {
                self.remove();
                return Ok(Edited::Nothing("the file was emptied".into()));
            }
            if text == self.template {
                // An editor that opens a window and returns at once (code, subl without
                // --wait) has not been written in yet: its save may still come, so the file
                // stays where it is, and ownup says so.
                if round == 1 && started.elapsed() < QUICK_RETURN {
                    return Ok(Edited::Nothing(format!(
                        "your editor ({editor}) returned at once, before anything was written — if it opens in a window of its own, make it wait (EDITOR=\"code --wait\", \"subl -w\"); the file is kept in {} for what you may still save there",
                        self.path.display()
                    )));
                }
                self.remove();
                let why = if self.resumed {
                    "nothing was changed"
                } else {
                    "nothing was written"
                };
                return Ok(Edited::Nothing(why.into()));
            }
            let parsed = form.parse(&text, session);
            if parsed.problems.is_empty() {
                return Ok(Edited::Answers(parsed));
            }
            let problems: Vec<String> = parsed.problems.iter().map(|p| p.message.clone()).collect();
            // Saved as it was shown, or again and again (an editor that is a script): stop.
            if same_text(&text, &shown) || round >= MAX_ROUNDS {
                return Err(self.not_saved(&format!(
                    "the answers still cannot be saved ({})",
                    problems.join("; ")
                )));
            }
            for problem in &problems {
                say(format_args!("ownup: {problem}"));
            }
            say("ownup: opening your editor again, with that at the top of the file");
            shown = form.reopen(&text, &parsed.problems);
            if let Err(err) = crate::store::write_atomic(&self.path, shown.as_bytes()) {
                return Err(
                    self.not_saved(&format!("could not write the file again for your editor ({err})"))
                );
            }
        }
    }

    /// Saves the answers read: finished when every needed question has one, else a draft.
    fn save(
        &self,
        edited: Edited,
        mut session: Session,
        writer: &Writer,
        guardian: &Guardian,
        clock: &Clock,
    ) -> Result<()> {
        let what_is_left = match self.resumed {
            true => format!("the draft {} is as it was", self.id),
            false => "no session was kept".to_string(),
        };
        let parsed = match edited {
            Edited::Nothing(why) => {
                say(format_args!("ownup: {why}, so {what_is_left}"));
                return Ok(());
            }
            Edited::Answers(parsed) => parsed,
        };
        let before = session.clone();
        let changed = parsed.apply_to(&mut session);
        if !changed || (!self.resumed && !session.has_any_answer()) {
            self.remove();
            let why = if self.resumed {
                "nothing was changed"
            } else {
                "nothing was written"
            };
            say(format_args!("ownup: {why}, so {what_is_left}"));
            return Ok(());
        }
        self.tell_where_text_went(&parsed, &before);
        let now = clock.now();
        session.updated = now;
        if session.come_back.is_some_and(|at| at <= now) {
            session.come_back = None;
        }
        let missing = session.first_missing_required();
        match missing {
            None => {
                session.sync_commitments(now.date_naive());
                session.complete(now);
            }
            Some(pos) => session.position = pos,
        }
        let snapshot = SessionSnapshot {
            session,
            mark: Mark {
                generation: 1,
                revision: 1,
            },
            keep_revision: false,
        };
        let unsaved = Unsaved {
            session: Some(snapshot.clone()),
            check_ins: None,
        };
        // A signal from here on writes these answers itself.
        guardian.publish(unsaved.clone());
        let written = match writer.write_session(&snapshot) {
            Ok(written) => written,
            Err(err) => {
                say(format_args!("ownup: could not save your answers ({err})"));
                let farewell = guardian.write_last(&unsaved);
                for line in farewell.lines() {
                    say(line);
                }
                bail!(
                    "your answers could not be saved where they belong (see above); what you wrote is also kept in {}",
                    self.path.display()
                );
            }
        };
        guardian.editing(None);
        self.remove();
        if let Some(kept) = written.kept_outside {
            say(format_args!("ownup: {}", kept_outside_message(&kept)));
        }
        let session = &snapshot.session;
        if missing.is_none() {
            let mut out = Printable::stdout();
            writeln!(out, "{}", words::summary(session, &written.path))
                .and_then(|()| out.flush())
                .context("cannot write to standard output")?;
            return Ok(());
        }
        let needed: Vec<String> = session
            .positions()
            .filter_map(|pos| session.prompt(pos))
            .filter(|p| p.required && !p.is_answered())
            .map(|p| format!("\"{}\"", p.ask))
            .collect();
        let id = &self.id;
        say(format_args!(
            "ownup: your answers are kept in the draft {id}; still needed to finish: {} — to go on: ownup resume --editor {id} (or in the app: ownup resume {id})",
            needed.join(", ")
        ));
        Ok(())
    }

    /// Says where the person's own headings went, and which questions were not in the file.
    fn tell_where_text_went(&self, parsed: &Parsed, before: &Session) {
        let ask = |pos| before.prompt(pos).map_or(String::new(), |p| p.ask.clone());
        for moved in &parsed.moved {
            if let Some(into) = moved.into {
                say(format_args!(
                    "ownup: \"{}\" is not one of the questions; it is kept, with the text under it, in the answer to \"{}\"",
                    moved.heading,
                    ask(into)
                ));
            }
        }
        for pos in &parsed.missing {
            let kept = match before.answer(*pos).trim().is_empty() {
                true => "it is left unanswered",
                false => "its answer is kept as it was",
            };
            say(format_args!(
                "ownup: the question \"{}\" was not in the file, so {kept}",
                ask(*pos)
            ));
        }
    }

    /// Why nothing is saved, with where the file is kept when it holds anything of the
    /// person's (else it is removed).
    fn not_saved(&self, why: &str) -> anyhow::Error {
        let what_is_left = match self.resumed {
            true => format!("the draft {} is as it was", self.id),
            false => "no session was saved".to_string(),
        };
        if self.holds_writing() {
            anyhow!(
                "{why}, so {what_is_left}; what you wrote is kept in {}",
                self.path.display()
            )
        } else {
            self.remove();
            anyhow!("{why}, so {what_is_left}")
        }
    }

    /// Whether the file holds anything but what ownup wrote into it (when in doubt, it does).
    fn holds_writing(&self) -> bool {
        match editor::read_text(&self.path) {
            Ok(text) => text != self.template,
            Err(Unreadable::Io(err)) => err.kind() != std::io::ErrorKind::NotFound,
            Err(Unreadable::TooLarge | Unreadable::NotUtf8) => true,
        }
    }

    fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether two texts of the file are the same, line endings aside.
fn same_text(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
}
