//! Check-in notes and dates being typed, kept in `<data>/drafts/check-ins.ron` until the
//! check-in is recorded, so that a crash, a signal or leaving the screen loses none of them.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::atomic::{create_private_dir, write_atomic};
use super::{SessionStore, StoreError};
use crate::files::{Links, ReadError, read_regular};
use crate::session::Outcome;

/// Version of the drafts file.
const DRAFTS_VERSION: u32 = 1;

/// A check-in being written: what was typed for one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInDraft {
    /// The session the commitment was made in.
    pub session: String,
    /// The commitment's index in that session.
    pub index: usize,
    /// Its action, to be sure it is still the same commitment.
    pub action: String,
    /// The outcome chosen, once the note is being written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The new date typed for "not yet", as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub new_date: String,
    /// The note typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The day typed for "done" on another day, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done_on: String,
}

impl CheckInDraft {
    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.new_date.trim().is_empty() && self.note.trim().is_empty() && self.done_on.trim().is_empty()
    }
}

/// A drafts file that could not be read, renamed so that nothing in it is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where it was.
    pub path: PathBuf,
    /// Where it is now.
    pub kept_as: PathBuf,
    /// Why it could not be read.
    pub reason: String,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The check-in drafts in {} could not be read ({}); the file is kept, unchanged, as {}.",
            self.path.display(),
            self.reason,
            self.kept_as.display()
        )
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "CheckInDrafts")]
struct DraftsFile {
    version: u32,
    drafts: Vec<CheckInDraft>,
}

impl SessionStore {
    /// The file of the check-in drafts (where they are written).
    pub fn check_in_drafts_path(&self) -> PathBuf {
        self.layout.check_in_drafts()
    }

    /// The file the check-in drafts are read from: in an encrypted store, one not encrypted
    /// yet when there is no encrypted one.
    fn check_in_drafts_current(&self) -> PathBuf {
        let path = self.check_in_drafts_path();
        let twin = self.layout.check_in_drafts_twin();
        if self.is_encrypted() && fs::symlink_metadata(&path).is_err() && fs::symlink_metadata(&twin).is_ok()
        {
            return twin;
        }
        path
    }

    /// The check-in drafts kept, and what was set aside if the file could not be read: a file
    /// that is damaged, not a regular file, or from a newer ownup is never overwritten or
    /// removed — it is renamed beside itself (see [`SetAside`]) and the drafts start empty.
    pub fn check_in_drafts(&self) -> (Vec<CheckInDraft>, Option<SetAside>) {
        match self.read_check_in_drafts() {
            Ok(drafts) => (drafts, None),
            Err(reason) => (Vec::new(), self.set_drafts_aside(reason)),
        }
    }

    /// The drafts in the file, none if there is no file, or why it cannot be read.
    pub(super) fn read_check_in_drafts(&self) -> Result<Vec<CheckInDraft>, String> {
        let path = self.check_in_drafts_current();
        let bytes = match read_regular(&path, Links::Refuse, super::format::size_limit(&path)) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(ReadError::Io(err)) => return Err(err.to_string()),
            Err(ReadError::NotAFile(kind)) => return Err(format!("it is {}, not a file", kind.describe())),
            Err(ReadError::TooLarge { limit }) => {
                return Err(format!(
                    "it is larger than {}",
                    crate::files::describe_size(limit)
                ));
            }
        };
        let bytes = super::sealed::decode(bytes, &path, self.keys()).map_err(|err| match err {
            super::LoadError::Sealed { reason, .. } => format!("it {reason}"),
            other => other.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
        let file = ron::from_str::<DraftsFile>(&text).map_err(|err| {
            format!(
                "line {}, column {}: {}",
                err.span.start.line,
                err.span.start.col,
                crate::problems::syntax_message(&err.code)
            )
        })?;
        if file.version > DRAFTS_VERSION {
            return Err(format!(
                "it was written by a newer ownup (version {}; this one reads {DRAFTS_VERSION})",
                file.version
            ));
        }
        Ok(file.drafts)
    }

    /// Renames the drafts file that cannot be read to a free name beside it.
    fn set_drafts_aside(&self, reason: String) -> Option<SetAside> {
        let path = self.check_in_drafts_current();
        // Named as it is: encrypted or not.
        let layout = self.layout.clone().sealed(super::is_sealed_name(&path));
        for n in 1..1000 {
            let kept_as = layout.set_aside_drafts(n);
            if fs::symlink_metadata(&kept_as).is_ok() {
                continue;
            }
            // A hard link then an unlink never replaces a file that appeared meanwhile.
            return match fs::hard_link(&path, &kept_as).and_then(|()| fs::remove_file(&path)) {
                Ok(()) => Some(SetAside {
                    path,
                    kept_as,
                    reason,
                }),
                Err(_) => fs::rename(&path, &kept_as).ok().map(|()| SetAside {
                    path,
                    kept_as,
                    reason,
                }),
            };
        }
        None
    }

    /// Keeps `drafts` (atomically, 0600); with none left, removes the file.
    pub fn save_check_in_drafts(&self, drafts: &[CheckInDraft]) -> Result<PathBuf, StoreError> {
        let path = self.check_in_drafts_path();
        // What is there and cannot be read (changed by hand since it was read) is kept.
        if let Err(reason) = self.read_check_in_drafts()
            && self.set_drafts_aside(reason).is_none()
        {
            return Err(StoreError::Conflict(format!(
                "{} cannot be read and could not be set aside — move it away, then check in again",
                path.display()
            )));
        }
        let drafts: Vec<CheckInDraft> = drafts
            .iter()
            .filter(|d| !d.is_empty() || d.outcome.is_some())
            .cloned()
            .collect();
        if drafts.is_empty() {
            self.remove_drafts_twin()?;
            return match fs::remove_file(&path) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    Err(StoreError::Write { path, source: err })
                }
                _ => Ok(path),
            };
        }
        create_private_dir(self.layout.drafts())?;
        let file = DraftsFile {
            version: DRAFTS_VERSION,
            drafts,
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).map_err(|err| {
            StoreError::Serialize {
                id: "check-in drafts".into(),
                message: err.to_string(),
            }
        })?;
        let bytes = self.encode(text.as_bytes(), &path)?;
        write_atomic(&path, &bytes).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        self.remove_drafts_twin()?;
        Ok(path)
    }

    /// In an encrypted store, removes the drafts file not encrypted yet (once its drafts, read
    /// before, are written encrypted or recorded).
    fn remove_drafts_twin(&self) -> Result<(), StoreError> {
        let twin = self.layout.check_in_drafts_twin();
        if !self.is_encrypted() || !fs::symlink_metadata(&twin).is_ok_and(|m| m.is_file()) {
            return Ok(());
        }
        fs::remove_file(&twin).map_err(|source| StoreError::Write { path: twin, source })
    }
}
