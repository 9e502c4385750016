//! `ownup doctor` over the data folder: every session parsed, leftover temp files, and the
//! kind, owner and mode of everything ownup keeps there (sessions, revisions, trash, cache,
//! locks, drafts). It changes nothing; `Checkup::fix` is the one thing that does, and only on request.

use std::path::PathBuf;

use super::index::MAX_INDEX_SIZE;
use super::{Layout, LoadError, SessionStore, StoreError, id_order, read_session};
use crate::files::{Checkup, MAX_FILE_SIZE};

/// What `ownup doctor` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Session files that load.
    pub ok: Vec<PathBuf>,
    /// Session files that do not, with why (FIFOs, links and devices among them).
    pub unreadable: Vec<LoadError>,
    /// Temp files left by an interrupted save.
    pub temp_files: Vec<PathBuf>,
    /// Owners, modes and kinds of everything kept, sessions included.
    pub checkup: Checkup,
    /// The check-in drafts file, if it cannot be read, and why.
    pub unreadable_drafts: Option<(PathBuf, String)>,
    /// Drafts files that could not be read and were set aside, kept for a person to look at.
    pub set_aside_drafts: Vec<PathBuf>,
    /// Files written in the person's editor and kept (ownup ended, or could not take them,
    /// while the editor had them): their words, not yet in any session.
    pub editor_files: Vec<PathBuf>,
    /// Files not in the store's form: not encrypted in an encrypted store (`ownup encrypt`
    /// encrypts them), or encrypted in one that is not (`ownup decrypt` left them).
    pub not_encrypted: Vec<PathBuf>,
}

impl Report {
    /// Whether anything needs attention.
    pub fn is_healthy(&self) -> bool {
        self.unreadable.is_empty()
            && self.temp_files.is_empty()
            && self.checkup.is_clear()
            && self.unreadable_drafts.is_none()
            && self.set_aside_drafts.is_empty()
            && self.editor_files.is_empty()
            && self.not_encrypted.is_empty()
    }
}

impl SessionStore {
    /// Checks every file in the store without changing any.
    pub fn doctor(&self) -> Result<Report, StoreError> {
        let mut report = Report::default();
        let mut files = self.session_files()?;
        files.sort_by(|a, b| id_order(&a.id, &b.id));
        let checkup = &mut report.checkup;
        let layout = &self.layout;
        checkup.folders_above(layout.root());
        checkup.dir(layout.root());
        checkup.dir(layout.sessions());
        checkup.reached_through(layout.sessions(), |checkup| {
            for file in files {
                let (path, file_type) = (file.path(layout.sessions()), file.file_type);
                match read_session(&path, &file.id, file_type, self.keys()) {
                    Ok(_) => report.ok.push(path.clone()),
                    Err(err) => report.unreadable.push(err),
                }
                // What is not a file, or too large, is unreadable above: only owner and mode.
                if file_type.is_file() {
                    checkup.data_file(&path, file_type, "session file", u64::MAX);
                }
            }
        });
        report.temp_files = self.stale_temp_files()?;
        checkup.data_folder(layout.locks(), "lock file", MAX_FILE_SIZE, false);
        checkup.data_folder(layout.revisions(), "session file", MAX_FILE_SIZE, true);
        checkup.data_folder(layout.trash(), "session file", MAX_FILE_SIZE, false);
        // Where there is no state folder (macOS), the locks are a folder in the cache.
        checkup.data_folder_but(layout.cache(), layout.locks(), "cache file", MAX_INDEX_SIZE);
        checkup.data_folder(layout.drafts(), "drafts file", MAX_FILE_SIZE, false);
        if let Err(reason) = self.read_check_in_drafts() {
            report.unreadable_drafts = Some((self.check_in_drafts_path(), reason));
        }
        report.editor_files = crate::files::sorted_entries(layout.sessions())
            .into_iter()
            .filter(|(path, file_type)| {
                file_type.is_file()
                    && path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(".edit-") && n.ends_with(".md"))
            })
            .map(|(path, _)| path)
            .collect();
        report.not_encrypted = self.files_not_in_the_store_form();
        report.set_aside_drafts = crate::files::sorted_entries(layout.drafts())
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| Layout::is_set_aside_drafts(path))
            .collect();
        Ok(report)
    }
}
