//! Check-in notes and dates being typed, kept in `<data>/drafts/check-ins.ron` until the
//! check-in is recorded, so that a crash, a signal or leaving the screen loses none of them.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::atomic::{create_private_dir, write_atomic};
use super::{SessionStore, StoreError};
use crate::files::{Links, MAX_FILE_SIZE, read_regular};
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
}

impl CheckInDraft {
    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.new_date.trim().is_empty() && self.note.trim().is_empty()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "CheckInDrafts")]
struct DraftsFile {
    version: u32,
    drafts: Vec<CheckInDraft>,
}

impl SessionStore {
    /// The file of the check-in drafts.
    pub fn check_in_drafts_path(&self) -> PathBuf {
        self.drafts.join("check-ins.ron")
    }

    /// The check-in drafts kept; none when there is no file or it cannot be read (it is then
    /// left as it is, for a person to look at, and `ownup doctor` reports it).
    pub fn check_in_drafts(&self) -> Vec<CheckInDraft> {
        read_regular(&self.check_in_drafts_path(), Links::Refuse, MAX_FILE_SIZE)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| ron::from_str::<DraftsFile>(&text).ok())
            .map(|file| file.drafts)
            .unwrap_or_default()
    }

    /// Keeps `drafts` (atomically, 0600); with none left, removes the file.
    pub fn save_check_in_drafts(&self, drafts: &[CheckInDraft]) -> Result<PathBuf, StoreError> {
        let path = self.check_in_drafts_path();
        let drafts: Vec<CheckInDraft> = drafts
            .iter()
            .filter(|d| !d.is_empty() || d.outcome.is_some())
            .cloned()
            .collect();
        if drafts.is_empty() {
            return match fs::remove_file(&path) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    Err(StoreError::Write { path, source: err })
                }
                _ => Ok(path),
            };
        }
        create_private_dir(&self.drafts)?;
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
        write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }
}
