//! Problems in hand-written files (scripts, the config): what is wrong, where, and how to fix
//! it, printed as `path:line:col: message`. No terminal code.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::files::{self, Kind, Links, MAX_FILE_SIZE, ReadError};

/// Where a text came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary.
    BuiltIn(String),
    /// Read from a file.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(name) => write!(f, "built-in script {name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One thing wrong, located where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, when known.
    pub at: Option<(usize, usize)>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why a file (a script, the config) could not be used: every problem found, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems {
    /// The file (or built-in name) the problems are in.
    pub origin: Origin,
    /// All problems found; never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match problem.at {
                Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.origin, problem.message)?,
                None => write!(f, "{}: {}", self.origin, problem.message)?,
            }
        }
        Ok(())
    }
}

impl Problems {
    /// The same problems, by place only: each message replaced by one that quotes nothing
    /// of the file.
    pub fn unquoted(self) -> Problems {
        let mut problems: Vec<Problem> = Vec::new();
        for problem in self.problems {
            if problems.iter().all(|p| p.at != problem.at) {
                problems.push(Problem {
                    at: problem.at,
                    message: "a problem here — not quoted, because this is a link to a file outside its folder; open that file to see".into(),
                });
            }
        }
        Problems {
            origin: self.origin,
            problems,
        }
    }

    /// One problem.
    pub fn single(origin: Origin, at: Option<(usize, usize)>, message: String) -> Self {
        Problems {
            origin,
            problems: vec![Problem { at, message }],
        }
    }
}

/// The candidate closest to `typed`, if it is close enough to be what was meant (a typo):
/// edits between the two, a swap of neighbours counting as one (typos often are).
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(typed, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// ` — did you mean "x"?` when `typed` looks like a typo of a candidate, else nothing.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(typed, candidates).map_or_else(String::new, |c| format!(" — did you mean \"{c}\"?"))
}

/// Reads a hand-written text file, or says plainly why it cannot be read. A link is followed
/// (dotfile managers link config files), but only to a regular file of at most 16 MB: a FIFO
/// or a device is never opened, and an endless file never read to its end.
pub fn read_text(path: &Path) -> Result<String, Problems> {
    let origin = Origin::File(path.to_path_buf());
    let bytes = files::read_regular(path, Links::Follow, MAX_FILE_SIZE).map_err(|err| {
        let reason = match err {
            ReadError::Io(err) => match err.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => err.to_string(),
            },
            ReadError::NotAFile(Kind::Directory) => "this is a directory, not a file".to_string(),
            ReadError::NotAFile(kind) => format!(
                "this is {}, not a file — ownup reads only regular files",
                kind.describe()
            ),
            ReadError::TooLarge { limit } => format!(
                "it is larger than {}, far too large for a script or settings file",
                files::describe_size(limit)
            ),
        };
        Problems::single(origin.clone(), None, format!("cannot read the file: {reason}"))
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let (line, col) = line_col(&err.as_bytes()[..err.utf8_error().valid_up_to()]);
        Problems::single(
            origin,
            Some((line, col)),
            "the file is not valid UTF-8 text — save it as UTF-8".to_string(),
        )
    })
}

/// Reads a hand-written file and parses it with `parse`. When the file is a link to somewhere
/// outside its folder, its problems are reported by place only, never quoting its text: such a
/// link may lead to a file that is nobody's business (a key, a password file), and messages
/// end up in terminals, logs and bug reports.
pub fn parse_file<T>(
    path: &Path,
    parse: impl FnOnce(&str, Origin) -> Result<T, Problems>,
) -> Result<T, Problems> {
    // Decided before reading, from the same link that is then followed.
    let outside = links_outside(path);
    let text = read_text(path)?;
    parse(&text, Origin::File(path.to_path_buf()))
        .map_err(|problems| if outside { problems.unquoted() } else { problems })
}

/// Whether `path` is a symbolic link to a file outside the folder the link is in (or to a
/// place that cannot be told).
pub fn links_outside(path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return false;
    }
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(path), std::fs::canonicalize(folder)) {
        (Ok(target), Ok(folder)) => !target.starts_with(folder),
        _ => true,
    }
}

/// Rewords RON's deserialisation errors where they are unclear to someone writing RON by hand.
pub fn syntax_message(code: &ron::Error) -> String {
    match code {
        ron::Error::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("a struct");
            format!("{outer} is missing the field `{field}` — add {field}: ...")
        }
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            format!(
                "{outer} has no field `{found}` (this is ownup {}) — expected one of: {}",
                env!("CARGO_PKG_VERSION"),
                expected.join(", ")
            )
        }
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this field");
            let choices = if *outer == *"Kind" {
                "Text, List, Choice([\"a\", \"b\"]), Scale(1, 5), Commitment, Feeling".to_string()
            } else {
                expected.join(", ")
            };
            format!("`{found}` is not a valid {outer} — use one of: {choices}")
        }
        ron::Error::ExpectedBoolean => "expected true or false here".into(),
        ron::Error::ExpectedInteger => "expected a whole number here".into(),
        ron::Error::ExpectedString => "expected text in double quotes here, like \"this\"".into(),
        ron::Error::ExpectedArray => "expected a list here, like [\"a\", \"b\"]".into(),
        ron::Error::ExpectedMap => "expected a map here, like { \"key\": \"value\" }".into(),
        ron::Error::ExpectedMapColon => "expected a colon between a key and its value".into(),
        ron::Error::ExpectedArrayEnd => "expected a comma or ] to end the list".into(),
        ron::Error::ExpectedMapEnd => "expected a comma or } to end the map".into(),
        ron::Error::ExpectedStructLikeEnd => "expected a comma or ) here".into(),
        ron::Error::ExpectedComma => {
            "expected a comma here — fields and list items are separated by commas".into()
        }
        ron::Error::Eof => "the file ends too early — a bracket or parenthesis is not closed".into(),
        other => other.to_string(),
    }
}

/// 1-based line and column of the end of `prefix`.
pub fn line_col(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = 1 + text.matches('\n').count();
    let col = 1 + text.rsplit('\n').next().map_or(0, |last| last.chars().count());
    (line, col)
}

/// Finds where fields sit in script source, to point validation problems at a line.
///
/// RON's deserializer does not keep spans for values, so we look for the literal text
/// `field: "value"`. It is a best effort: when not found, the problem is reported without a line.
pub struct Finder<'a> {
    source: &'a str,
}

impl<'a> Finder<'a> {
    /// A finder over `source`.
    pub fn new(source: &'a str) -> Self {
        Finder { source }
    }

    /// Byte offsets of the start of `field: "value"` at or after `from`, and of its end.
    pub fn field(&self, field: &str, value: &str, from: usize) -> Option<(usize, usize)> {
        let needle = format!("\"{}\"", escape(value));
        let mut start = from;
        while let Some(rel) = self.source.get(start..)?.find(&needle) {
            let at = start + rel;
            let before = self.source[..at].trim_end();
            if let Some(before) = before.strip_suffix(':')
                && before.trim_end().ends_with(field)
            {
                let key = before.trim_end();
                let key_start = key.len() - field.len();
                let boundary = key[..key_start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                if boundary {
                    return Some((key_start, at + needle.len()));
                }
            }
            start = at + needle.len();
        }
        None
    }

    /// Byte offset of the first string literal `"value"`.
    pub fn literal(&self, value: &str) -> Option<usize> {
        self.source.find(&format!("\"{}\"", escape(value)))
    }

    /// Byte offset of the identifier `word` followed by a colon.
    pub fn keyword(&self, word: &str, from: usize) -> Option<usize> {
        let mut start = from;
        while let Some(rel) = self.source.get(start..)?.find(word) {
            let at = start + rel;
            if self.source[at + word.len()..].trim_start().starts_with(':') {
                return Some(at);
            }
            start = at + word.len();
        }
        None
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source.as_bytes()[..offset])
    }

    /// A problem located at a byte offset, when one was found.
    pub fn problem(&self, at: Option<usize>, message: String) -> Problem {
        Problem {
            at: at.map(|offset| self.line_col(offset)),
            message,
        }
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}
