//! The session file format: RON text with a header comment, parsed with clear errors.

use std::fs;
use std::path::{Path, PathBuf};

use crate::files::{self, Links, MAX_FILE_SIZE, ReadError};

use serde::Deserialize;

use super::sealed::{Keys, decode};
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
    /// Not a regular file, or too large: refused before it was read (or read past the limit).
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why: what it is, and what ownup reads.
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
    /// The file is encrypted, and cannot be opened (no key, another key, damaged).
    #[error("{}: {reason}", path.display())]
    Sealed {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
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
            | LoadError::Refused { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::FutureVersion { path, .. }
            | LoadError::Sealed { path, .. }
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
        id: session.id.to_string(),
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

/// Reads a session file of the store, seen in its directory as `file_type`: the id inside
/// must match the file name, or a save would write a second copy under another name.
pub(super) fn read_session(
    path: &Path,
    id: &str,
    file_type: fs::FileType,
    keys: Option<&Keys>,
) -> Result<Session, LoadError> {
    let bytes = files::read_regular_as(path, file_type, Links::Refuse, size_limit(path))
        .map_err(|err| read_error(path, err))?;
    let session = parse_bytes(decode(bytes, path, keys)?, path)?;
    if session.id != id {
        return Err(LoadError::Invalid {
            path: path.into(),
            line: 1,
            col: 1,
            reason: format!(
                "the id inside ({}) does not match the file name — rename the file to {}.{EXT}{}",
                session.id,
                session.id,
                if super::layout::is_sealed_name(path) {
                    ".age"
                } else {
                    ""
                }
            ),
        });
    }
    Ok(session)
}

/// Reads and parses one session file, not encrypted. A link is not followed, and only a
/// regular file of at most 16 MB is read: anything else is reported as unreadable, never
/// opened or quoted.
pub fn load_file(path: &Path) -> Result<Session, LoadError> {
    parse_bytes(decode(read_bytes(path)?, path, None)?, path)
}

/// The bytes of a session file ownup keeps (a session, a revision), read as [`load_file`] does.
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    files::read_regular(path, Links::Refuse, size_limit(path)).map_err(|err| read_error(path, err))
}

/// What age adds to a file: its header, and 16 bytes for each 64 KiB of text (a session of the
/// largest size ownup writes, encrypted, is still read back).
const SEALED_SLACK: u64 = 64 * 1024;

/// The largest file of the store at `path` that is read: [`MAX_FILE_SIZE`], and what
/// encryption adds for a file named encrypted.
pub(super) fn size_limit(path: &Path) -> u64 {
    match super::layout::is_sealed_name(path) {
        true => MAX_FILE_SIZE + SEALED_SLACK,
        false => MAX_FILE_SIZE,
    }
}

/// Why a session file was not read, for the list and the doctor.
pub(super) fn read_error(path: &Path, err: ReadError) -> LoadError {
    match err {
        ReadError::NotAFile(kind) => LoadError::Refused {
            path: path.into(),
            reason: files::not_a_file(kind, "session file"),
        },
        ReadError::TooLarge { limit } => LoadError::Refused {
            path: path.into(),
            reason: format!(
                "is larger than {}, too large for a session file — ownup reads session files up to that size",
                files::describe_size(limit)
            ),
        },
        ReadError::Io(err) => LoadError::Io {
            path: path.into(),
            reason: describe_io(&err),
        },
    }
}

fn parse_bytes(bytes: Vec<u8>, path: &Path) -> Result<Session, LoadError> {
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
