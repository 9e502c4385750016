//! The passphrase that opens an encrypted store (see [`crate::crypt`]): read from the file
//! named by `OWNUP_PASSPHRASE_FILE`, for scripts and tests, or else asked for on the terminal.
//!
//! The passphrase itself is never taken from an environment variable: the environment is
//! passed on to every program ownup starts (an editor, git), and a variable set on a command
//! line stays in the shell's history.
//!
//! On the terminal, `/dev/tty` is used, not stdin and stdout, so that asking works while they
//! are redirected (`ownup list | less`). Nothing is shown per key typed, not even a star, which
//! would tell the passphrase's length. The line editing is [`LineEditor`], pure and tested
//! without a terminal; the terminal part (`tty`) only turns echo off and back on and reads.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use age::secrecy::zeroize::Zeroize as _;
use age::secrecy::{ExposeSecret as _, SecretString};

use crate::files::{self, Kind, Links, ReadError};

mod line_editor;
mod tty;

pub use line_editor::{Line, LineEditor, Step};

/// The environment variable naming a file that holds the passphrase.
pub const FILE_VAR: &str = "OWNUP_PASSPHRASE_FILE";

/// The most bytes a passphrase may have, typed or in a file: far more than any passphrase,
/// little enough that pointing `OWNUP_PASSPHRASE_FILE` at a large file fails at once.
pub const MAX_LENGTH: usize = 64 * 1024;

/// How many times a person may type a passphrase (an empty one, or two that differ) before
/// ownup gives up.
pub const MAX_TRIES: usize = 3;

/// Said on the terminal when the two passphrases typed differ.
const MISMATCH: &str = "The passphrases do not match — try again";
/// Said on the terminal when Enter was pressed on an empty line.
const EMPTY: &str = "An empty passphrase cannot be used — type one, or press Ctrl-C to stop";
/// Said on the terminal when more than [`MAX_LENGTH`] bytes were typed.
const TOO_LONG: &str = "That is longer than 64 KiB — type a shorter one";

/// Why there is no passphrase, said for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    /// The person stopped (Ctrl-C, Ctrl-D on an empty line, or a signal).
    #[error("no passphrase given — nothing was changed")]
    Cancelled,
    /// There is no terminal to ask on, and no passphrase file.
    #[error("there is no terminal to ask for the passphrase on — set {FILE_VAR} to a file holding it")]
    NoTerminal,
    /// The passphrase and its confirmation differed on every try.
    #[error("the passphrases did not match in {MAX_TRIES} tries — nothing was changed")]
    Mismatch,
    /// Only empty lines were typed, the last try included.
    #[error("no passphrase was typed in {MAX_TRIES} tries — nothing was changed")]
    Empty,
    /// The last try was longer than [`MAX_LENGTH`].
    #[error("the passphrase typed was longer than {} KiB — nothing was changed", MAX_LENGTH / 1024)]
    TooLong,
    /// The terminal sent bytes that are not UTF-8.
    #[error(
        "what was typed is not UTF-8 text — set the terminal to UTF-8, or set {FILE_VAR} to a file holding the passphrase"
    )]
    NotUtf8,
    /// The passphrase file cannot be used.
    #[error("passphrase file {}: {reason}", path.display())]
    File {
        /// The file, as named by `OWNUP_PASSPHRASE_FILE`.
        path: PathBuf,
        /// What is wrong with it and what to do.
        reason: String,
    },
    /// Reading from or writing to the terminal failed.
    #[error("the passphrase could not be asked for on the terminal: {0}")]
    Terminal(String),
}

/// The passphrase: from the file named by `OWNUP_PASSPHRASE_FILE` if that is set and not
/// empty (`confirm` is then not needed), else asked for on the terminal (see [`ask`]).
pub fn obtain(prompt: &str, confirm: Option<&str>) -> Result<SecretString, PassphraseError> {
    match file_named_by(std::env::var_os(FILE_VAR)) {
        Some(path) => from_file(&path),
        None => ask(prompt, confirm),
    }
}

/// The file a value of `OWNUP_PASSPHRASE_FILE` names; an empty value names none, as if unset.
fn file_named_by(value: Option<OsString>) -> Option<PathBuf> {
    value.filter(|value| !value.is_empty()).map(PathBuf::from)
}

/// The passphrase in the file at `path`: all of it but one line break at the end (`\n` or
/// `\r\n`, as an editor or `echo` leaves), so that spaces and any other line break are part of
/// it, as with `age` and `pass`. Only a regular file of at most [`MAX_LENGTH`] bytes of UTF-8
/// text is read: a FIFO or a device is refused without being opened.
pub fn from_file(path: &Path) -> Result<SecretString, PassphraseError> {
    from_file_named_by(path, FILE_VAR)
}

/// [`from_file`], for a file named by the variable `var` (said in what goes wrong).
pub fn from_file_named_by(path: &Path, var: &str) -> Result<SecretString, PassphraseError> {
    let fail = |reason: String| PassphraseError::File {
        path: path.to_path_buf(),
        reason,
    };
    let limit = u64::try_from(MAX_LENGTH).unwrap_or(u64::MAX);
    let bytes = files::read_regular(path, Links::Follow, limit).map_err(|err| fail(unreadable(err, var)))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        err.into_bytes().zeroize();
        fail("is not UTF-8 text — save the passphrase in it as UTF-8".into())
    })?;
    let len = strip_one_line_break(&text).len();
    if len == 0 {
        let reason = if text.is_empty() {
            "is empty — write the passphrase into it"
        } else {
            "holds only a line break — write the passphrase into it"
        };
        return Err(fail(reason.into()));
    }
    Ok(exact_secret(text, len))
}

/// Why a passphrase file could not be read, and what to do.
fn unreadable(err: ReadError, var: &str) -> String {
    match err {
        ReadError::NotAFile(Kind::Other) => {
            format!("is not a regular file — point {var} at a file holding the passphrase")
        }
        ReadError::NotAFile(kind) => format!(
            "is {}, not a file — point {var} at a file holding the passphrase",
            kind.describe()
        ),
        ReadError::TooLarge { .. } => format!(
            "is larger than {} KiB, too large for a passphrase — put only the passphrase in it",
            MAX_LENGTH / 1024
        ),
        ReadError::Io(err) => match err.kind() {
            std::io::ErrorKind::NotFound => format!(
                "does not exist — write the passphrase into it, or unset {var} to be asked on the terminal"
            ),
            std::io::ErrorKind::PermissionDenied => {
                "cannot be read (permission denied) — make it readable by you: chmod u+r".into()
            }
            _ => format!("cannot be read ({err})"),
        },
    }
}

/// Why `passphrase` will not do as a new one, if it will not: one that could never be typed
/// at a prompt (a line break in it), or that is only spaces.
pub fn unfit_as_new(passphrase: &SecretString) -> Option<&'static str> {
    let text = passphrase.expose_secret();
    if text.contains(['\n', '\r']) {
        Some(
            "it has a line break in it, so it could never be typed at a prompt — put the passphrase on one line",
        )
    } else if text.chars().any(char::is_control) {
        Some(
            "it has a control character in it (a tab, an escape…), which a prompt may not take as typed — use letters, digits, spaces and punctuation",
        )
    } else if text.trim().is_empty() {
        Some("it is only spaces — choose one with words or other characters in it")
    } else {
        None
    }
}

/// `text` without one `\n` or `\r\n` at its end, if it has one.
fn strip_one_line_break(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// The first `len` bytes of `text` (at a character boundary) as a secret, with `text` wiped.
/// Copied into a string of exactly that capacity: the secret keeps a boxed `str`, and shrinking
/// a larger string to one would leave a copy of the passphrase behind, unwiped.
fn exact_secret(mut text: String, len: usize) -> SecretString {
    let mut exact = String::with_capacity(len);
    exact.push_str(text.get(..len).unwrap_or_default());
    text.zeroize();
    SecretString::from(exact)
}

/// Only one passphrase is asked for at a time: the terminal's settings and the signals caught
/// while asking are the whole process's.
static ASKING: Mutex<()> = Mutex::new(());

/// Asks for the passphrase on the terminal (`/dev/tty`, even when stdin and stdout are
/// redirected), with `prompt` ("Passphrase: "), echo off. With `confirm` ("Again: "), asks a
/// second time and both must match, for a new passphrase. An empty line or two passphrases
/// that differ are said and asked again, up to [`MAX_TRIES`] tries in all.
///
/// The terminal's settings are put back however this ends, even on a panic or a signal.
pub fn ask(prompt: &str, confirm: Option<&str>) -> Result<SecretString, PassphraseError> {
    let _one_at_a_time = ASKING.lock().unwrap_or_else(PoisonError::into_inner);
    let mut terminal = tty::Terminal::open()?;
    converse(&mut terminal, prompt, confirm)
}

/// Where a passphrase is asked for: the terminal, or a script of answers in tests.
trait Conversation {
    /// Shows `prompt`, with no line break after it.
    fn show(&mut self, prompt: &str) -> Result<(), PassphraseError>;
    /// Says `line`, and a line break.
    fn tell(&mut self, line: &str) -> Result<(), PassphraseError>;
    /// Reads a line, or [`PassphraseError::Cancelled`] if the person stopped.
    fn read_line(&mut self) -> Result<Line, PassphraseError>;
}

/// The exchange of [`ask`], over any [`Conversation`].
fn converse(
    conversation: &mut impl Conversation,
    prompt: &str,
    confirm: Option<&str>,
) -> Result<SecretString, PassphraseError> {
    let mut tries = 0;
    loop {
        tries += 1;
        conversation.show(prompt)?;
        let (said, failed) = match conversation.read_line()? {
            Line::Passphrase(first) => {
                let Some(again) = confirm else {
                    return Ok(first);
                };
                conversation.show(again)?;
                match conversation.read_line()? {
                    Line::Passphrase(second) if second.expose_secret() == first.expose_secret() => {
                        return Ok(first);
                    }
                    Line::NotUtf8 => return Err(PassphraseError::NotUtf8),
                    Line::Passphrase(_) | Line::Empty | Line::TooLong => {
                        (MISMATCH, PassphraseError::Mismatch)
                    }
                }
            }
            Line::Empty => (EMPTY, PassphraseError::Empty),
            Line::TooLong => (TOO_LONG, PassphraseError::TooLong),
            Line::NotUtf8 => return Err(PassphraseError::NotUtf8),
        };
        if tries >= MAX_TRIES {
            // The error says it; "try again" would not be true.
            return Err(failed);
        }
        conversation.tell(said)?;
    }
}

#[cfg(test)]
mod tests;
