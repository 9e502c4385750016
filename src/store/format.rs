//! The session file format: RON text with a header comment, parsed with clear errors.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{EXT, describe_io};
use crate::problems::line_col;
use crate::session::{FORMAT_VERSION, Session};

/// The header written at the top of every session file.
const HEADER: &str = "// An ownup session. Plain text you can read; edit by hand with care.\n";

/// Why a session file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, Deserialize)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is empty.
    #[error("{}: the file is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}:{col}: the file is not valid UTF-8 text", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
    },
    /// The file was written by a newer ownup.
    #[error(
        "{}: written by a newer ownup (session format {found}; this ownup reads up to {FORMAT_VERSION}) — update ownup to open it",
        path.display()
    )]
    FutureVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// The text is not a valid session.
    #[error("{}:{line}:{col}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        reason: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::FutureVersion { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// The RON text of a session, as written to disk.
pub fn to_ron(session: &Session) -> Result<String, super::StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ")
        // One line per prompt keeps files short; multi-line answers still break lines.
        .depth_limit(4);
    let body = ron::ser::to_string_pretty(session, config).map_err(|err| super::StoreError::Serialize {
        id: session.id.clone(),
        message: err.to_string(),
    })?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Parses a session from its file text. `path` is used in messages.
pub fn parse_session(text: &str, path: &Path) -> Result<Session, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.into() });
    }
    // A newer format is named as such rather than as a confusing field error. The version is
    // only probed when the full parse fails, so good files are parsed once.
    #[derive(Deserialize)]
    #[serde(rename = "Session")]
    struct Probe {
        version: u32,
    }
    let future = |found: u32| LoadError::FutureVersion {
        path: path.into(),
        found,
    };
    let parsed = ron::from_str::<Session>(text);
    if let Ok(session) = &parsed
        && session.version > FORMAT_VERSION
    {
        return Err(future(session.version));
    }
    if parsed.is_err()
        && let Ok(probe) = ron::from_str::<Probe>(text)
        && probe.version > FORMAT_VERSION
    {
        return Err(future(probe.version));
    }
    parsed.map_err(|err| {
        // An error that reaches the last character means the text stops mid-way.
        let last = line_col(text.trim_end().as_bytes());
        let reaches_end = (err.span.end.line, err.span.end.col) >= last;
        let cut_off = matches!(err.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) || reaches_end;
        LoadError::Invalid {
            path: path.into(),
            line: err.span.start.line,
            col: err.span.start.col,
            reason: if cut_off {
                "the file ends too early: it looks cut off".to_string()
            } else {
                err.code.to_string()
            },
        }
    })
}

/// Reads a session file of the store: the id inside must match the file name, or a save would
/// write a second copy under another name.
pub(super) fn read_session(path: &Path, id: &str) -> Result<Session, LoadError> {
    let session = load_file(path)?;
    if session.id != id {
        return Err(LoadError::Invalid {
            path: path.into(),
            line: 1,
            col: 1,
            reason: format!(
                "the id inside ({}) does not match the file name — rename the file to {}.{EXT}",
                session.id, session.id
            ),
        });
    }
    Ok(session)
}

/// Reads and parses one session file.
pub fn load_file(path: &Path) -> Result<Session, LoadError> {
    let bytes = fs::read(path).map_err(|err| LoadError::Io {
        path: path.into(),
        reason: describe_io(&err),
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let (line, col) = line_col(&err.as_bytes()[..err.utf8_error().valid_up_to()]);
        LoadError::NotUtf8 {
            path: path.into(),
            line,
            col,
        }
    })?;
    parse_session(&text, path)
}
