//! The command line: clap definitions and the non-interactive commands (the review commands —
//! list, show, export, trash — are in `review.rs`).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Paths;
use crate::script::Script;
use crate::session::Status;
use crate::store::{Entry, SessionStore};

mod review;
use crate::tui::{self, Start};

/// ownup — a calm terminal coach for owning a mistake at work.
///
/// Run without a command to open the app. Everything you write is saved on this computer only,
/// one readable file per session.
#[derive(Debug, Parser)]
#[command(name = "ownup", version, about, long_about)]
pub struct Cli {
    /// What to do; opens the home screen when left out.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session straight away.
    New {
        /// A script name (e.g. own-it) or the path of a .ron script file.
        #[arg(long, value_name = "NAME_OR_PATH")]
        script: Option<String>,
    },
    /// List sessions, newest first: id, date, status, steps answered and title.
    List {
        /// Print JSON instead of columns.
        #[arg(long)]
        json: bool,
        /// Only sessions with this status.
        #[arg(long, value_enum)]
        status: Option<StatusFilter>,
    },
    /// Print one session as Markdown.
    Show {
        /// A session id, or the start of one.
        id: String,
    },
    /// Export sessions as Markdown or JSON.
    Export {
        /// Session ids (or starts of ids); see `ownup list`.
        ids: Vec<String>,
        /// Export every readable session.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Markdown (one document) or JSON (an array of sessions).
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// A file to write, or a directory for one file per session; standard output if left out.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List deleted sessions, or bring one back.
    Trash {
        /// What to do with the trash; lists it when left out.
        #[command(subcommand)]
        action: Option<TrashAction>,
    },
    /// Resume a draft where you left off: the most recent one, or the one with this id.
    Resume {
        /// A session id, or the start of one.
        id: Option<String>,
    },
    /// Check every session file and report what is wrong; changes nothing.
    Doctor,
}

/// `--status` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFilter {
    /// Not finished yet.
    Draft,
    /// Finished with Ctrl-S.
    Complete,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown with a YAML front matter per session.
    Md,
    /// JSON: an array of sessions.
    Json,
}

/// `ownup trash` subcommands.
#[derive(Debug, Subcommand)]
pub enum TrashAction {
    /// Bring a session back from the trash.
    Restore {
        /// The session id, or the start of one.
        id: String,
    },
}

/// Prints a line on standard error. Unlike `eprintln!`, never panics when stderr is gone (a
/// closed terminal, `2>&-`).
pub fn say(text: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{text}");
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    let paths = Paths::from_env()?;
    let clock = Clock::from_env()?;
    match cli.command {
        None => interactive(&paths, clock, Start::Home),
        Some(Command::New { script }) => {
            let script = resolve_script(script.as_deref(), &paths)?;
            interactive(&paths, clock, Start::New(Box::new(script)))
        }
        Some(Command::List { json, status }) => {
            let status = status.map(|s| match s {
                StatusFilter::Draft => Status::Draft,
                StatusFilter::Complete => Status::Complete,
            });
            review::list(&open_store(&paths)?, json, status, &mut io::stdout().lock())
        }
        Some(Command::Show { id }) => review::show(&open_store(&paths)?, &id, &mut io::stdout().lock()),
        Some(Command::Export {
            ids,
            all,
            format,
            output,
        }) => review::export(&open_store(&paths)?, &ids, all, format, output.as_deref()),
        Some(Command::Trash { action: None }) => {
            review::trash_list(&open_store(&paths)?, &mut io::stdout().lock())
        }
        Some(Command::Trash {
            action: Some(TrashAction::Restore { id }),
        }) => review::trash_restore(&open_store(&paths)?, &id),
        Some(Command::Resume { id }) => {
            let id = draft_to_resume(&open_store(&paths)?, id.as_deref())?;
            interactive(&paths, clock, Start::Open(id))
        }
        Some(Command::Doctor) => {
            let healthy = doctor(&open_store(&paths)?, &mut io::stdout().lock())?;
            if healthy {
                Ok(())
            } else {
                bail!("some files need attention (see above)")
            }
        }
    }
}

/// The session `ownup resume [ID]` opens: the one named, or the most recent draft.
fn draft_to_resume(store: &SessionStore, id: Option<&str>) -> Result<String> {
    if let Some(id) = id {
        let id = store.find(id)?;
        store.load(&id)?;
        return Ok(id);
    }
    store
        .list()?
        .into_iter()
        .find_map(|entry| match entry {
            Entry::Session(s) if s.status == Status::Draft => Some(s.id),
            _ => None,
        })
        .context("there is no draft to resume — start a session with: ownup new")
}

/// `ownup doctor`: a report on every file; returns whether all is well.
pub fn doctor(store: &SessionStore, out: &mut impl Write) -> Result<bool> {
    let report = store.doctor()?;
    writeln!(out, "Checking {}", store.dir().display())?;
    for path in &report.ok {
        writeln!(out, "ok          {}", path.display())?;
    }
    for err in &report.unreadable {
        writeln!(out, "unreadable  {err}")?;
    }
    for path in &report.temp_files {
        writeln!(
            out,
            "leftover    {} (from an interrupted save; ownup removes it the next time it starts)",
            path.display()
        )?;
    }
    for (path, mode) in &report.too_open {
        let wanted = if path.is_dir() { "700" } else { "600" };
        writeln!(
            out,
            "too open    {} (mode {mode:o}; should be {wanted}: chmod {wanted} it)",
            path.display()
        )?;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut summary = vec![format!("{} ok", plural(report.ok.len(), "session"))];
    if !report.unreadable.is_empty() {
        summary.push(format!(
            "{} unreadable (left untouched: fix or move them by hand)",
            report.unreadable.len()
        ));
    }
    if !report.temp_files.is_empty() {
        summary.push(plural(report.temp_files.len(), "leftover temp file"));
    }
    if !report.too_open.is_empty() {
        summary.push(format!(
            "{} readable by others",
            plural(report.too_open.len(), "path")
        ));
    }
    writeln!(out, "{}.", summary.join(", "))?;
    Ok(report.is_healthy())
}

fn open_store(paths: &Paths) -> Result<SessionStore> {
    Ok(SessionStore::open(&paths.data_dir)?)
}

fn interactive(paths: &Paths, clock: Clock, start: Start) -> Result<()> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        bail!("ownup needs an interactive terminal; to see your sessions without one, run: ownup list");
    }
    let scripts = paths.scripts_dir();
    let find_script: tui::ScriptFinder = Box::new(move |name| {
        Script::built_in(name).or_else(|| Script::load(&scripts.join(format!("{name}.ron"))).ok())
    });
    tui::run(
        open_store(paths)?,
        clock,
        Script::default_script(),
        find_script,
        start,
    )
}

/// The script named or pointed to by `arg`: a path to a `.ron` file, a built-in name, or the
/// name of a file in the user's scripts directory.
pub fn resolve_script(arg: Option<&str>, paths: &Paths) -> Result<Script> {
    let Some(arg) = arg else {
        return Ok(Script::default_script());
    };
    let as_path = Path::new(arg);
    if arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".ron") || as_path.is_file() {
        return Ok(Script::load(as_path)?);
    }
    if let Some(script) = Script::built_in(arg) {
        return Ok(script);
    }
    let user: PathBuf = paths.scripts_dir().join(format!("{arg}.ron"));
    if user.is_file() {
        return Ok(Script::load(&user)?);
    }
    let built_in: Vec<_> = Script::built_in_names().collect();
    bail!(
        "no script named \"{arg}\" — built-in scripts: {}; your own scripts go in {}; or give the path of a .ron file",
        built_in.join(", "),
        paths.scripts_dir().display()
    )
}
