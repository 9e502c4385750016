//! The command line: clap definitions and the non-interactive commands (the review commands —
//! list, show, export, trash — are in `review.rs`).

use std::io::{self, IsTerminal, Write as _};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand};
use clap_complete::{ArgValueCandidates, ArgValueCompleter};

use crate::clock::Clock;
use crate::config::Paths;
use crate::output::{Printable, Stdout};
use crate::session::{SessionId, Status};
use crate::store::{Entry, SessionStore};

mod check;
mod coaching;
pub mod complete;
mod doctor;
mod encryption;
mod follow;
pub mod keys;
mod pager;
mod review;
mod scripts;
mod sync;

use crate::setup::Setup;
use crate::tui::{self, Start};
pub use doctor::doctor;

/// ownup — a calm terminal coach for owning a mistake at work.
///
/// Run without a command to open the app. Everything you write is saved on this computer, one
/// readable file per session, and goes nowhere else unless you sync it (`ownup sync`).
#[derive(Debug, Parser)]
#[command(name = "ownup", version, about, long_about, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// Ignore config.ron and use the defaults (e.g. while it has a mistake).
    #[arg(long, global = true)]
    pub no_config: bool,
    /// What to do; opens the home screen when left out.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Examples, the environment and the exit status, at the end of `ownup --help` and the man page.
pub const AFTER_HELP: &str = "\
Examples:
  ownup                                  open the app
  ownup new --script quick               a short session for a small slip
  ownup new --editor --script quick      the whole session in your own editor, as one document
  ownup list --status draft              the drafts
  ownup show 202611                      a session by the start of its id
  ownup delete 20261120-100000           to the trash; ownup trash restore brings it back
  ownup export --all --format json -o backup.json
  ownup check --step apologize \"Sorry if anyone was upset.\"
  ownup commitments done 7x9t --note \"Merged.\"   check in on a commitment by its id
  ownup due                              a line when commitments are due, for a shell prompt
  source <(ownup completions bash)       in ~/.bashrc: Tab completes ids and scripts too
  ownup sync --remote /media/usb/ownup.git   sessions on every machine through git (then: ownup sync)

Environment:
  OWNUP_HOME   keep all data, settings, cache and locks under this one directory
  OWNUP_NOW    the time ownup takes as now (RFC 3339, e.g. 2026-11-22T23:45:00+01:00), for tests
  NO_COLOR     no colour (https://no-color.org)
  VISUAL, EDITOR   your own editor, for long answers (Ctrl-E) and for --editor
  PAGER        the pager for `ownup show` on a terminal (default: less -R)
  OWNUP_PASSPHRASE_FILE   a file holding the passphrase of encrypted sessions (never the passphrase itself)
  OWNUP_NEW_PASSPHRASE_FILE   a file holding the new passphrase, for `ownup passphrase`
  TZ           the time zone dates are shown and understood in

Exit status:
  0  done (also when `ownup check` or `ownup due` finds nothing)
  1  an error, said on standard error with what and where
  2  the command line could not be understood";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session straight away.
    New {
        /// A script name (e.g. own-it) or the path of a .ron script file.
        #[arg(long, value_name = "NAME_OR_PATH", add = ArgValueCandidates::new(complete::script_names))]
        script: Option<String>,
        /// Ask the questions as plain lines, one at a time (for a screen reader or a pipe);
        /// chosen by itself when standard input or output is not a terminal, or TERM=dumb.
        #[arg(long)]
        plain: bool,
        /// Write the whole session in your own editor ($VISUAL, else $EDITOR, else vi), as one
        /// Markdown document with the questions as headings; saved when the editor closes.
        #[arg(long, conflicts_with = "plain")]
        editor: bool,
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
    /// Print one session as Markdown (through $PAGER on a terminal).
    Show {
        /// A session id, or the start of one.
        #[arg(add = ArgValueCandidates::new(complete::session_ids))]
        id: String,
        /// Include answers to private prompts.
        #[arg(long)]
        include_private: bool,
        /// Print straight to the terminal, never through a pager.
        #[arg(long)]
        no_pager: bool,
    },
    /// Export sessions as Markdown or JSON.
    Export(ExportArgs),
    /// Move a session to the trash; `ownup trash restore ID` brings it back.
    ///
    /// Nothing is erased: the file moves to the trash folder as it is. Refused for a session
    /// open in an ownup window, and for a file ownup cannot read (it is left as it is).
    Delete {
        /// A session id, or the start of one (it must name only one).
        #[arg(add = ArgValueCandidates::new(complete::session_ids))]
        id: String,
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
        #[arg(add = ArgValueCandidates::new(complete::draft_ids))]
        id: Option<String>,
        /// Ask the questions as plain lines, one at a time (for a screen reader or a pipe);
        /// chosen by itself when standard input or output is not a terminal, or TERM=dumb.
        #[arg(long)]
        plain: bool,
        /// Go on with the draft in your own editor, as one Markdown document with its answers
        /// under the questions (see `ownup new --editor`).
        #[arg(long, conflicts_with = "plain")]
        editor: bool,
    },
    /// Check every file ownup keeps and report what needs attention; changes nothing unless --fix.
    ///
    /// Sessions, revisions, trash, cache, locks, config.ron and scripts, and the data folder
    /// itself: what cannot be read, what others may read, what is not yours.
    Doctor {
        /// Make what others may read private again (chmod go-rwx; never through a link).
        #[arg(long)]
        fix: bool,
    },
    /// The commitments made in your sessions: list them (open ones, due ones, or all, each with
    /// its id), check in on one, or add one.
    ///
    /// An id can be shortened to any unique start: `ownup commitments done 7x9t`.
    #[command(args_conflicts_with_subcommands = true)]
    Commitments {
        /// Check in on a commitment, or add one; lists them when left out.
        #[command(subcommand)]
        action: Option<CommitmentAction>,
        /// Only those whose date has come.
        #[arg(long, conflicts_with = "all")]
        due: bool,
        /// Done and dropped ones too.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// One short line when commitments are due ("2 commitments due — ownup commitments --due"),
    /// nothing otherwise: for a shell prompt or a login hook.
    ///
    /// Reads the index beside the sessions, not every session, so it stays quick with thousands
    /// of them. Exits 0 whether or not anything is due.
    Due,
    /// Looking back: sessions per month, how commitments went, words that recur in root causes.
    Stats,
    /// Read a text as the coach does: the nudges, commitments and when-then plans in it.
    ///
    /// Check an apology email or an action list before sending it. The text is the arguments
    /// joined by spaces, or standard input when there are none. Exits 0 whether or not anything
    /// was found.
    Check {
        /// The script whose step the text is read in (default: the configured default script).
        #[arg(long, add = ArgValueCandidates::new(complete::script_names))]
        script: Option<String>,
        /// The step id to read the text as an answer in (default: the script's first step).
        #[arg(long)]
        step: Option<String>,
        /// Print JSON: {"step", "nudges": [{kind, start, end, text, say}], "commitments":
        /// [{action, owner, by, due}], "plans": [{when, then}]}; offsets are bytes.
        #[arg(long)]
        json: bool,
        /// The text; read from standard input when left out.
        text: Vec<String>,
    },
    /// The scripts: list them, start your own, check one.
    Script {
        /// What to do with scripts.
        #[command(subcommand)]
        action: ScriptAction,
    },
    /// The settings file, config.ron: where it is, a commented one to start from, check it.
    Config {
        /// What to do with the config.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Sync your sessions with your other machines through git: commit what changed here,
    /// take in what the remote has, send what it lacks.
    ///
    /// The data folder becomes a git repository, of sessions, revisions and the trash only
    /// (never the index, locks, check-in notes being typed or settings). The remote is any git
    /// remote: a private repository, a bare one on a USB stick, a server over SSH; set it once
    /// with --remote, on each machine. A session changed on two machines keeps both texts:
    /// yours stays, the other machine's is kept as a revision (the reader shows it). Uses the
    /// git you have, with your SSH keys and settings.
    Sync {
        /// Sync with this git remote from now on (kept by git as the remote `origin`).
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
        /// Say where your sessions stand with the remote, as of the last sync: when it was,
        /// and what was written here since. Nothing is sent, received or committed.
        #[arg(long, conflicts_with = "remote")]
        status: bool,
    },
    /// Encrypt your sessions with age, so that they can be read only with your passphrase or
    /// identity file.
    ///
    /// Every session, revision, trashed session and check-in draft becomes an age file
    /// (`ID.ron.age`), each read back and checked before its plain file is removed; new ones are
    /// written encrypted. Your sessions' key is kept in `key.age` beside them, sealed with your
    /// passphrase or to your identity, and config.ron records which. Run it again after an
    /// interruption, or with the other option to change how the key is held. See README,
    /// "Encryption", for what it protects against and what it does not.
    #[command(group = clap::ArgGroup::new("key").required(true))]
    Encrypt {
        /// Seal the key to this age identity file (from `age-keygen -o FILE`) or SSH private
        /// key (ed25519 or RSA; its passphrase, if it has one, is asked once a run); ownup reads
        /// it on each run.
        #[arg(long, value_name = "FILE", group = "key")]
        identity: Option<PathBuf>,
        /// Seal the key with a passphrase, asked once a run (or read from the file
        /// OWNUP_PASSPHRASE_FILE names).
        #[arg(long, group = "key")]
        passphrase: bool,
    },
    /// Turn encrypted sessions back into plain text files, and forget the key.
    Decrypt,
    /// Give your sessions' key a new passphrase: asks the one it has, then the new one twice.
    ///
    /// Only the seal of the key (key.age) changes: no session is rewritten, and the old
    /// passphrase no longer opens key.age. Your other machines take the new seal at their next
    /// `ownup sync`, which asks them for the new passphrase once. (OWNUP_PASSPHRASE_FILE gives
    /// the passphrase it has, OWNUP_NEW_PASSPHRASE_FILE the new one, for scripts.)
    Passphrase,
    /// Print a shell completion script: `source <(ownup completions bash)` (see README,
    /// "Install").
    ///
    /// The script asks ownup on each Tab, so that session ids, commitment ids and script names
    /// are completed too (with titles, in shells that show them). With --static, a script that
    /// completes only commands and options, for a package or a shell without ownup at hand.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
        /// A script that never runs ownup: commands and options only.
        #[arg(long = "static")]
        standalone: bool,
    },
    /// Print the manual page (roff): `ownup man | man -l -`, or save it as ownup.1.
    Man,
}

/// `ownup export` arguments.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Session ids (or starts of ids); see `ownup list`.
    #[arg(add = ArgValueCandidates::new(complete::session_ids))]
    pub ids: Vec<String>,
    /// Export every readable session.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// Markdown (one document) or JSON (an array of sessions).
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// A file to write, or a directory for one file per session; standard output if left out.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include answers to private prompts.
    #[arg(long)]
    pub include_private: bool,
    /// Markdown to share with a manager or a postmortem: never a private answer, the steps
    /// written, the apology's substance and the actions as a task list with owner, due date
    /// and status.
    #[arg(long, conflicts_with_all = ["include_private", "format"])]
    pub share: bool,
    /// Replace a file already there (or a link: the link itself, never what it points to).
    #[arg(long)]
    pub force: bool,
}

/// `ownup script` subcommands.
#[derive(Debug, Subcommand)]
pub enum ScriptAction {
    /// Every script: name, title, steps, where it comes from, and which is the default.
    List,
    /// Write a commented starting script to your scripts folder (never over an existing file).
    Init {
        /// The new script's name (and file name).
        #[arg(default_value = "my-script")]
        name: String,
        /// Start from a copy of this script instead of the template.
        #[arg(long, value_name = "SCRIPT", add = ArgValueCandidates::new(complete::script_names))]
        from: Option<String>,
    },
    /// Print the guide to writing a script: every field, the prompt kinds, an example
    /// (through $PAGER on a terminal).
    Docs {
        /// Print straight to the terminal, never through a pager.
        #[arg(long)]
        no_pager: bool,
    },
    /// Check a script (by name or path), or every script; prints each problem and how to fix it.
    Check {
        /// A script name or the path of a .ron file; all scripts when left out.
        #[arg(add = ArgValueCandidates::new(complete::script_names))]
        script: Option<String>,
    },
}

/// `ownup commitments` subcommands.
#[derive(Debug, Subcommand)]
pub enum CommitmentAction {
    /// Mark a commitment done.
    Done {
        /// The commitment's id (see `ownup commitments`), or the start of one.
        #[arg(add = ArgValueCompleter::new(complete::open_commitment_ids))]
        id: String,
        /// What happened, in a line.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day it was done, when not today: yesterday, monday, 3 days ago, nov 28.
        #[arg(long, value_name = "WHEN")]
        on: Option<String>,
    },
    /// Not yet: give a commitment a new by-when.
    Move {
        /// The commitment's id (see `ownup commitments`), or the start of one.
        #[arg(add = ArgValueCompleter::new(complete::open_commitment_ids))]
        id: String,
        /// The new by-when, as you would write it: friday, in 2 weeks, Dec 15, 2026-12-15.
        #[arg(long, value_name = "WHEN")]
        to: String,
        /// Why, or what happened so far, in a line.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Let a commitment go, on purpose.
    Drop {
        /// The commitment's id (see `ownup commitments`), or the start of one.
        #[arg(add = ArgValueCompleter::new(complete::open_commitment_ids))]
        id: String,
        /// Why, in a line.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Add a commitment to a session, as a line of its commitments prompt.
    ///
    /// The line is written as in the Correct step: "what — who — by when" (who and by when may
    /// be left out), e.g. "Add a migration check to CI — me — by Friday". Quote it: a shell
    /// would take an unquoted ` -- ` for itself.
    Add {
        /// The session to add it to (an id, or the start of one); the most recent when left out.
        #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::session_ids))]
        session: Option<String>,
        /// The commitment, in one line.
        line: String,
    },
}

/// `ownup config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print where config.ron is (it need not exist).
    Path,
    /// Write a commented config.ron with every field at its default (never over an existing one).
    Init,
    /// Check config.ron and print each problem and how to fix it.
    Check,
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
    /// Markdown: one session with a YAML front matter; several one after another.
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
        #[arg(add = ArgValueCandidates::new(complete::trashed_ids))]
        id: String,
    },
}

pub use crate::output::say;

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    crate::files::ignore_file_size_signal();
    if let Some(why) = crate::files::unusable_time_zone() {
        say(format_args!("ownup: {why}; using UTC"));
        // SAFETY: nothing else runs yet: no thread has been started, none reads the environment.
        unsafe { std::env::set_var("TZ", "UTC") };
    }
    let mut out = Printable::stdout();
    let result = run_with(cli, &mut out);
    // Buffered output goes out even after an error, and a write that fails (a full disk
    // under `ownup export > file`) is an error, not a quietly short file.
    let flushed = out.flush().context("cannot write to standard output");
    result.and(flushed)
}

fn run_with(cli: Cli, out: &mut Printable<Stdout>) -> Result<()> {
    let paths = Paths::from_env()?;
    let clock = Clock::from_env()?;
    match cli.command {
        None => interactive(&paths, clock, cli.no_config, Mode::Chosen, |_| Ok(Start::Home)),
        Some(Command::New {
            script,
            plain,
            editor,
        }) => interactive(&paths, clock, cli.no_config, Mode::of(plain, editor), |setup| {
            let script = match script {
                Some(arg) => setup.resolve(&arg, &paths)?,
                None => setup.default_script(),
            };
            Ok(Start::New(Box::new(script)))
        }),
        Some(Command::Script { action }) => scripts::script(&paths, cli.no_config, action, out),
        Some(Command::Commitments {
            action: Some(action), ..
        }) => follow::commitment(&open_store(&paths, cli.no_config)?, action, clock.now()),
        Some(Command::Due) => follow::due(&paths, clock.now().date_naive(), out),
        Some(Command::Commitments {
            action: None,
            due,
            all,
            json,
        }) => {
            let which = match (due, all) {
                (true, _) => coaching::Which::Due,
                (_, true) => coaching::Which::All,
                _ => coaching::Which::Open,
            };
            let today = clock.now().date_naive();
            coaching::commitments(&open_store(&paths, cli.no_config)?, which, json, today, out)
        }
        Some(Command::Check {
            script,
            step,
            json,
            text,
        }) => {
            let setup = Setup::load(&paths, cli.no_config)?;
            let script = match script {
                Some(arg) => setup.resolve(&arg, &paths)?,
                None => setup.default_script(),
            };
            let today = clock.now().date_naive();
            check::check(&setup, &script, step.as_deref(), text, json, today, out)
        }
        Some(Command::Sync { status: true, .. }) => {
            let store = SessionStore::open_layout(paths.layout())?;
            sync::status(&store, clock.now(), out)
        }
        Some(Command::Sync { remote, .. }) => {
            // Sync moves files, encrypted or not: the key is used when at hand, never asked. Not
            // while config.ron asks for encryption that is not in effect: nothing would be sent
            // in the clear that was asked to be kept encrypted.
            let store = SessionStore::open_layout(paths.layout())?;
            if let Some(why) = keys::not_in_effect(&store, &paths, cli.no_config) {
                bail!("{why}");
            }
            let store = match keys::unlock(store.clone(), &paths, cli.no_config, keys::Ask::Never) {
                Ok(Some(unlocked)) => unlocked,
                Ok(None) | Err(_) => store,
            };
            sync::sync(&store, &paths, cli.no_config, clock.now(), remote.as_deref(), out)
        }
        Some(Command::Encrypt { identity, .. }) => {
            let how = match identity {
                Some(path) => encryption::How::Identity(path),
                None => encryption::How::Passphrase,
            };
            encryption::encrypt(&paths, cli.no_config, how, out)
        }
        Some(Command::Decrypt) => encryption::decrypt(&paths, cli.no_config, out),
        Some(Command::Passphrase) => encryption::change_passphrase(&paths, cli.no_config, out),
        Some(Command::Stats) => {
            coaching::stats(&open_store(&paths, cli.no_config)?, clock.now().date_naive(), out)
        }
        Some(Command::Config { action }) => scripts::config(&paths, action, out),
        Some(Command::List { json, status }) => {
            let status = status.map(|s| match s {
                StatusFilter::Draft => Status::Draft,
                StatusFilter::Complete => Status::Complete,
            });
            review::list(&open_store(&paths, cli.no_config)?, json, status, out)
        }
        Some(Command::Show {
            id,
            include_private,
            no_pager,
        }) => {
            let store = open_store(&paths, cli.no_config)?;
            if !no_pager && io::stdout().is_terminal() {
                let mut page = Printable::new(Vec::new());
                review::show(&store, &id, include_private, &mut page)?;
                return pager::page(page.exact(), out);
            }
            review::show(&store, &id, include_private, out)
        }
        Some(Command::Completions { shell, standalone }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            if standalone {
                clap_complete::generate(shell, &mut command, "ownup", &mut script);
            } else {
                complete::registration(shell, &mut script)?;
            }
            out.exact().write_all(&script)?;
            Ok(())
        }
        Some(Command::Man) => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .context("cannot write the manual page")?;
            out.exact().write_all(&page)?;
            Ok(())
        }
        Some(Command::Export(args)) => review::export(
            &open_store(&paths, cli.no_config)?,
            &args,
            clock.now().date_naive(),
            out,
        ),
        Some(Command::Delete { id }) => review::delete(&open_store(&paths, cli.no_config)?, &id),
        Some(Command::Trash { action: None }) => review::trash_list(&open_store(&paths, cli.no_config)?, out),
        Some(Command::Trash {
            action: Some(TrashAction::Restore { id }),
        }) => review::trash_restore(&open_store(&paths, cli.no_config)?, &id),
        Some(Command::Resume { id, plain, editor }) => {
            let id = draft_to_resume(&open_store(&paths, cli.no_config)?, id.as_deref())?;
            interactive(&paths, clock, cli.no_config, Mode::of(plain, editor), |_| {
                Ok(Start::Open(id))
            })
        }
        Some(Command::Doctor { fix }) => {
            let store = SessionStore::open_layout(paths.layout())?;
            let attention = keys::not_in_effect(&store, &paths, cli.no_config);
            if let Some(why) = &attention {
                writeln!(out, "attention   {why}")?;
            }
            let store = keys::unlock(store, &paths, cli.no_config, keys::Ask::Terminal)?
                .context("the key of your sessions is not at hand")?;
            let healthy = doctor(&store, &paths, fix, out)? && attention.is_none();
            if healthy {
                Ok(())
            } else {
                bail!("some files need attention (see above)")
            }
        }
    }
}

/// The session `ownup resume [ID]` opens: the one named, or the most recent draft.
fn draft_to_resume(store: &SessionStore, id: Option<&str>) -> Result<SessionId> {
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

/// The store, with its key when it is encrypted (asked once a run). When config.ron asks for
/// encryption and the sessions are not encrypted, nothing goes on: `ownup doctor`,
/// `ownup encrypt` and `ownup decrypt` are the way out.
fn open_store(paths: &Paths, no_config: bool) -> Result<SessionStore> {
    let store = SessionStore::open_layout(paths.layout())?;
    if let Some(why) = keys::not_in_effect(&store, paths, no_config) {
        bail!("{why}");
    }
    keys::unlock(store, paths, no_config, keys::Ask::Terminal)?
        .context("the key of your sessions is not at hand")
}

/// How a session is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// In the app, or in plain lines where the terminal cannot hold the app.
    Chosen,
    /// In plain lines (`--plain`).
    Plain,
    /// Whole, in the person's own editor (`--editor`).
    Editor,
}

impl Mode {
    /// The mode the flags ask for (clap lets only one of them through).
    fn of(plain: bool, editor: bool) -> Mode {
        match (plain, editor) {
            (_, true) => Mode::Editor,
            (true, false) => Mode::Plain,
            (false, false) => Mode::Chosen,
        }
    }
}

/// Opens the app, once the config and scripts are known to be sound: a broken config.ron says
/// what is wrong before the terminal is touched. A session is asked in plain lines when `plain`
/// is asked for, when standard input or output is not a terminal, or in a dumb terminal; it is
/// written whole in the person's editor when that is asked for (whatever the terminal: the
/// editor is the one to need it).
fn interactive(
    paths: &Paths,
    clock: Clock,
    no_config: bool,
    mode: Mode,
    start: impl FnOnce(&Setup) -> Result<Start>,
) -> Result<()> {
    let setup = Setup::load(paths, no_config)?;
    let start = start(&setup)?;
    let terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
    let plain = mode == Mode::Plain;
    match start {
        Start::New(_) | Start::Open(_) if mode == Mode::Editor => {
            tui::whole_editor::run(open_store(paths, no_config)?, clock, setup, start)
        }
        Start::Home if !terminal => bail!(
            "the home screen needs an interactive terminal; without one, write a session with: ownup new --plain — or see your sessions with: ownup list"
        ),
        Start::Home => tui::run(open_store(paths, no_config)?, clock, setup, start),
        Start::New(_) | Start::Open(_) if plain || !terminal || dumb => {
            tui::plain::run(open_store(paths, no_config)?, clock, setup, start)
        }
        Start::New(_) | Start::Open(_) => tui::run(open_store(paths, no_config)?, clock, setup, start),
    }
}
