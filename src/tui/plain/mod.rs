//! Plain mode: a session asked one question at a time as plain lines of text, for a screen
//! reader, a dumb terminal, an SSH session or a pipe (`ownup new --plain`, and chosen by itself
//! when standard input or output is not a terminal, or `TERM=dumb`).
//!
//! No cursor movement, no redraws, no colour: every line is printed once, in order, escaped
//! like all of ownup's output. The conversation itself is pure (`conversation.rs`); this is
//! its runtime, the only part that reads, prints and saves. Text is kept as safe as in the
//! full-screen app, by the same means: the session's lock, the same [`Writer`] (atomic, fsync,
//! a file changed outside kept), saved after every answer, synchronously; and the
//! [`Guardian`], which on a signal writes what was typed so far.

mod answer;
mod conversation;
mod input;
#[cfg(test)]
mod tests;
pub(super) mod words;

use std::io::{self, Write as _};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow, bail};

use super::Start;
use super::guardian::Guardian;
use super::writer::{Writer, kept_outside_message};
use crate::clock::Clock;
use crate::output::{Printable, Stdout, say};
use crate::script::Script;
use crate::session::{Session, SessionId, Status};
use crate::setup::Setup;
use crate::store::{SessionLock, SessionStore};
use conversation::{Conversation, Leaving, Out};
use input::{Input, Read};

/// How a run of plain mode ended, when it did not end in error.
enum Ending {
    /// The session was finished.
    Finished,
    /// It was left a draft (or never written, when nothing was typed).
    Left(Leaving),
}

/// Runs plain mode: a new session, or a draft resumed, until it is finished or left.
pub fn run(store: SessionStore, clock: Clock, setup: Setup, start: Start) -> Result<()> {
    super::sweep_in_background(&store);
    let writer = Arc::new(Writer::new(store.clone()));
    let Opened {
        lock: _lock,
        session,
        guide,
        resumed,
    } = open(&store, &writer, &setup, start, clock.now(), "--plain")?;
    let guardian = Guardian::start_plain(Arc::clone(&writer)).context("cannot watch for signals")?;
    super::terminal::install_panic_hook(guardian.clone());
    let auto_sync = crate::sync::auto::AutoSync::start(&store, setup.config.sync.auto, clock.now());
    let id = session.id.clone();
    guardian.set_parting(Some(format!("ownup: to go on: ownup resume --plain {id}")));
    let mut conversation = Conversation::new(session, guide, setup.lexicon, resumed);
    let mut runtime = Runtime {
        writer,
        guardian,
        clock,
        out: Printable::stdout(),
        published: None,
    };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| runtime.converse(&mut conversation)));
    let Ok(outcome) = outcome else {
        // The panic hook wrote the last snapshot published (the conversation is not trusted
        // after a panic) and printed the message.
        let farewell = runtime.guardian.after_panic().unwrap_or_default();
        for line in farewell.lines() {
            say(line);
        }
        std::process::exit(101);
    };
    match outcome? {
        Ending::Finished => {
            for line in auto_sync.finished(runtime.clock.now()) {
                say(line);
            }
            Ok(())
        }
        Ending::Left(why) => {
            let left = runtime.leave(&conversation, why, &id);
            for line in auto_sync.left() {
                say(line);
            }
            left
        }
    }
}

/// A session opened for writing outside the full-screen app.
pub(super) struct Opened {
    /// Held until the process ends: no other ownup can edit the session meanwhile.
    pub lock: SessionLock,
    /// The session: new, or the draft as read.
    pub session: Session,
    /// The script it follows, for intros, hints and limits (`None` if it is gone).
    pub guide: Option<Script>,
    /// Whether it is a draft read from its file.
    pub resumed: bool,
}

/// Opens the session `start` names (taking its lock, noting its file's version with `writer`):
/// a new one at `now`, or a draft. A finished session is refused: it is read with `ownup show`
/// and edited in the app. `flag` is the mode's own flag, for the message when none is named.
pub(super) fn open(
    store: &SessionStore,
    writer: &Writer,
    setup: &Setup,
    start: Start,
    now: chrono::DateTime<chrono::FixedOffset>,
    flag: &str,
) -> Result<Opened> {
    match start {
        Start::New(script) => {
            let lock = store.new_id(now).context("cannot start a new session")?;
            writer.opened(lock.id());
            let session = Session::new(lock.id().clone(), &script, now);
            Ok(Opened {
                lock,
                session,
                guide: Some(*script),
                resumed: false,
            })
        }
        Start::Open(id) => {
            let lock = store.lock(&id)?;
            // Noted before reading: a change made after this is kept when ownup saves over it.
            writer.opened(&id);
            let session = store.load(&id)?;
            if session.status == Status::Complete {
                bail!(
                    "session {id} is finished; read it with: ownup show {id} (a finished session is edited in the app: open it and press e)"
                );
            }
            let guide = setup.library.get(&session.script.name).map(|l| l.script.clone());
            Ok(Opened {
                lock,
                session,
                guide,
                resumed: true,
            })
        }
        Start::Home => bail!(
            "this mode writes one session: start one with `ownup new {flag}`, or go on with a draft with `ownup resume {flag}`"
        ),
    }
}

/// What the conversation's runtime owns.
struct Runtime {
    writer: Arc<Writer>,
    guardian: Guardian,
    clock: Clock,
    out: Printable<Stdout>,
    /// The revision of the conversation last handed to the guardian.
    published: Option<u64>,
}

impl Runtime {
    /// Asks, reads and saves until the conversation is over.
    fn converse(&mut self, conversation: &mut Conversation) -> Result<Ending> {
        let mut input = Input::new(io::BufReader::with_capacity(1 << 16, io::stdin().lock()));
        let mut outs = conversation.start(self.clock.now());
        loop {
            for out in outs.drain(..) {
                match out {
                    Out::Say(text) => {
                        if let Err(err) = writeln!(self.out, "{text}") {
                            return self.cannot_go_on(conversation, &err, "cannot write to standard output");
                        }
                    }
                    Out::Save => self.save(conversation),
                    Out::Finish => return self.finish(conversation),
                    Out::Leave(why) => return Ok(Ending::Left(why)),
                }
            }
            if let Err(err) = self.out.flush() {
                return self.cannot_go_on(conversation, &err, "cannot write to standard output");
            }
            // Whatever happens while waiting for the next line (a signal, a closed terminal),
            // what was typed is written. Lines already read in are handled first: a long
            // answer pasted or piped in is not copied for every one of its lines.
            if input.waits() {
                self.publish(conversation);
            }
            outs = match input.next_line() {
                Ok(Read::Line(text)) => conversation.line(&text, self.clock.now()),
                Ok(Read::TooLong) => vec![Out::Say(format!(
                    "That line is longer than an answer may be ({} characters); it was not added.",
                    crate::tui::field::MAX_CHARS
                ))],
                Ok(Read::NotUtf8) => {
                    let why = format!(
                        "line {} of the input is not UTF-8 text (is the terminal or the file in another encoding?), so ownup stopped before it",
                        input.number
                    );
                    return Err(self.stop(conversation, &why));
                }
                Ok(Read::End) => conversation.end_of_input(),
                Err(err) => return self.cannot_go_on(conversation, &err, "cannot read the input"),
            };
        }
    }

    /// Hands the guardian what a signal would have to write, if it changed.
    fn publish(&mut self, conversation: &Conversation) {
        if self.published != Some(conversation.revision()) {
            self.published = Some(conversation.revision());
            self.guardian.publish(conversation.unsaved(self.clock.now()));
        }
    }

    /// Writes the session, now, if it is worth a file. A failure is said, and the answers stay
    /// here: the next answer tries again, and leaving writes them elsewhere if it must.
    fn save(&mut self, conversation: &mut Conversation) {
        self.publish(conversation);
        let Some(snapshot) = conversation.unsaved(self.clock.now()).session else {
            return;
        };
        match self.writer.write_session(&snapshot) {
            Ok(written) => {
                conversation.saved(snapshot.mark);
                if let Some(kept) = written.kept_outside {
                    say(format_args!("ownup: {}", kept_outside_message(&kept)));
                }
            }
            Err(err) => say(format_args!(
                "ownup: could not save ({err}) — your answers are still here; ownup tries again after your next answer"
            )),
        }
    }

    /// Writes the finished session and shows the summary; if it cannot be written, it stays a
    /// draft and goes wherever the last write can put it.
    fn finish(&mut self, conversation: &mut Conversation) -> Result<Ending> {
        self.publish(conversation);
        let snapshot = conversation.unsaved(self.clock.now()).session;
        let written = snapshot
            .as_ref()
            .map(|s| self.writer.write_session(s))
            .transpose();
        match written {
            Ok(Some(written)) => {
                if let Some(kept) = written.kept_outside {
                    say(format_args!("ownup: {}", kept_outside_message(&kept)));
                }
                let summary = words::summary(conversation.session(), &written.path);
                writeln!(self.out, "{summary}")
                    .and_then(|()| self.out.flush())
                    .context("cannot write to standard output")?;
                Ok(Ending::Finished)
            }
            // Nothing at all was written, in a script that asks for nothing: nothing to keep.
            Ok(None) => {
                writeln!(self.out, "Finished, with nothing written: no session was kept.")
                    .and_then(|()| self.out.flush())
                    .context("cannot write to standard output")?;
                Ok(Ending::Finished)
            }
            Err(err) => {
                conversation.not_finished();
                say(format_args!(
                    "ownup: the session could not be finished, because it could not be saved ({err})"
                ));
                Err(self.stop(
                    conversation,
                    "your answers could not be saved where they belong (see above)",
                ))
            }
        }
    }

    /// The last write, when the conversation cannot go on (`why`): the answers are written
    /// (or rescued) and the error says where they are.
    fn stop(&mut self, conversation: &Conversation, why: &str) -> anyhow::Error {
        let _ = self.out.flush();
        if self.write_last(conversation) {
            let id = &conversation.session().id;
            anyhow!("{why}; what came before is kept in the draft {id} — to go on: ownup resume --plain {id}")
        } else {
            anyhow!("{why}")
        }
    }

    /// Like [`Runtime::stop`], for an input or output that failed.
    fn cannot_go_on(&mut self, conversation: &Conversation, err: &io::Error, what: &str) -> Result<Ending> {
        Err(self.stop(conversation, &format!("{what}: {err}")))
    }

    /// Writes what is unsaved as the last write of the process, and says any trouble. Whether
    /// the session's file has it all.
    fn write_last(&mut self, conversation: &Conversation) -> bool {
        let farewell = self.guardian.write_last(&conversation.unsaved(self.clock.now()));
        for line in &farewell.trouble {
            say(line);
        }
        farewell.saved_to.is_some() || (farewell.trouble.is_empty() && conversation.has_file())
    }

    /// Leaves the session a draft, and says how to go on with it.
    fn leave(&mut self, conversation: &Conversation, why: Leaving, id: &SessionId) -> Result<()> {
        let _ = self.out.flush();
        let kept = self.write_last(conversation);
        let ended = match why {
            Leaving::EndOfInput => "the input ended; ",
            Leaving::Quit | Leaving::Later => "",
        };
        if kept {
            say(format_args!(
                "ownup: {ended}your answers are kept in the draft {id} — to go on: ownup resume --plain {id}"
            ));
        } else if conversation.unsaved(self.clock.now()).session.is_none() {
            say(format_args!(
                "ownup: {ended}nothing was written, so no session was kept"
            ));
        } else {
            bail!("your answers could not be saved (see above)");
        }
        Ok(())
    }
}
