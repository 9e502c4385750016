//! Ctrl-E: an answer written in the person's own editor ($VISUAL, else $EDITOR, else vi), the
//! way git and jrnl do it. The terminal is handed over while the editor runs and taken back
//! after; the answer comes back from the file, or stays as it was with a message saying why.
//!
//! The file is private (0600, created new, beside the sessions, never in a shared /tmp). A
//! Ctrl-C in the editor is the editor's (the guardian lets it be); if ownup must end while
//! the editor is open, it says where the file is, and the file is kept.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use super::guardian::Guardian;
use super::terminal;
use crate::store::SessionStore;

/// The editor when neither $VISUAL nor $EDITOR says.
const DEFAULT_EDITOR: &str = "vi";

/// The most read back from the editor's file (as for every file ownup reads).
const MAX_BYTES: u64 = 16 << 20;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi` (empty values do not count).
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| DEFAULT_EDITOR.to_string())
}

/// Opens `text` (the answer of session `id`) in the person's editor and returns what they left
/// in it, or why the answer stays as it was. `limit` is the longest answer the prompt takes.
pub fn edit(
    store: &SessionStore,
    guardian: &Guardian,
    mouse: bool,
    id: &str,
    text: &str,
    limit: Option<usize>,
) -> Result<String, String> {
    let editor = editor_command();
    let path = file_for(store, id);
    write_private(&path, text).map_err(|err| {
        format!(
            "Could not make a file for your editor ({}: {err}); your answer is unchanged.",
            path.display()
        )
    })?;
    guardian.editing(Some(path.clone()));
    // Hand the terminal over, run the editor, take the terminal back.
    guardian.set_terminal_active(false, mouse);
    terminal::restore();
    let status = run(&editor, &path);
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    let _ = terminal::reenter(mouse);
    guardian.set_terminal_active(true, mouse);
    guardian.request_redraw();
    let result = read_back(&path, &editor, status, text, limit);
    guardian.editing(None);
    if result.is_ok() || !kept(&result) {
        let _ = std::fs::remove_file(&path);
    }
    result
}

/// The private file the editor is given for session `id`: hidden, beside the sessions (never
/// in a shared /tmp), named for this process so that two ownups never share one.
pub(crate) fn file_for(store: &SessionStore, id: &str) -> PathBuf {
    store.dir().join(format!(".edit-{id}-{}.md", std::process::id()))
}

/// Runs `editor` on `path` and waits for it. Through the shell, as git does, so that
/// EDITOR="code --wait" works; the path is an argument, never part of the command.
pub(crate) fn run(editor: &str, path: &Path) -> std::io::Result<ExitStatus> {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("ownup-editor")
        .arg(path)
        .status()
}

/// Why an editor that ran did not end well (`None` when it did): "was not found (set
/// $VISUAL or $EDITOR)", "ended with status 3"…
pub(crate) fn failure(status: ExitStatus) -> Option<String> {
    if status.success() {
        return None;
    }
    Some(match status.code() {
        Some(127) => "was not found (set $VISUAL or $EDITOR)".to_string(),
        Some(126) => "could not be run".to_string(),
        Some(code) => format!("ended with status {code}"),
        None => "was stopped by a signal".to_string(),
    })
}

/// Whether the file is kept after `result` (it holds text that is not in the answer).
fn kept(result: &Result<String, String>) -> bool {
    matches!(result, Err(message) if message.contains("is kept in"))
}

/// Writes `text` to a new file at `path`, readable by its owner only, flushed to disk.
pub(crate) fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    // Editors expect a text file to end with a line break; it is taken off again after.
    if !text.is_empty() && !text.ends_with('\n') {
        file.write_all(b"\n")?;
    }
    file.sync_all()
}

/// Why what the editor saved cannot be read as text.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// Not UTF-8.
    NotUtf8,
    /// Reading it failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::TooLarge => write!(f, "your editor saved more than 16 MB"),
            Unreadable::NotUtf8 => write!(f, "your editor saved text that is not UTF-8"),
            Unreadable::Io(err) => write!(f, "could not read back what your editor saved ({err})"),
        }
    }
}

/// What the editor left in `path`, read with the limits of every file ownup reads.
/// A FIFO or device the editor left in its place is never opened (that could block for ever);
/// a link to a regular file is followed, as editors that save through one leave it.
pub(crate) fn read_text(path: &Path) -> Result<String, Unreadable> {
    use crate::files::{Links, ReadError, read_regular};
    let bytes = read_regular(path, Links::Follow, MAX_BYTES).map_err(|err| match err {
        ReadError::TooLarge { .. } => Unreadable::TooLarge,
        ReadError::Io(err) => Unreadable::Io(err),
        ReadError::NotAFile(kind) => Unreadable::Io(std::io::Error::other(format!(
            "it is {}, not a file",
            kind.describe()
        ))),
    })?;
    String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)
}

/// What the editor left, as the new answer, or why the answer stays as it was.
fn read_back(
    path: &Path,
    editor: &str,
    status: std::io::Result<ExitStatus>,
    before: &str,
    limit: Option<usize>,
) -> Result<String, String> {
    let shown = crate::output::printable(editor);
    let status = status
        .map_err(|err| format!("Could not start your editor ({shown}): {err}. Your answer is unchanged."))?;
    if let Some(why) = failure(status) {
        return Err(format!("Your editor ({shown}) {why}; your answer is unchanged."));
    }
    let keep = |why: &str| {
        format!(
            "{why}, so your answer is unchanged; what you wrote is kept in {}.",
            path.display()
        )
    };
    let mut text = match read_text(path) {
        Ok(text) => text,
        Err(Unreadable::Io(err)) => {
            return Err(format!(
                "Could not read back what your editor saved ({err}); your answer is unchanged."
            ));
        }
        Err(Unreadable::TooLarge) => return Err(keep("Your editor saved more than 16 MB")),
        Err(Unreadable::NotUtf8) => return Err(keep("Your editor saved text that is not UTF-8")),
    };
    // The line break added for the editor, or one the editor added, when the answer had none.
    if !before.ends_with('\n') && text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    if let Some(limit) = limit
        && text.chars().count() > limit
    {
        return Err(keep(&format!(
            "The text from your editor is longer than this answer takes ({limit} characters)"
        )));
    }
    Ok(text)
}
