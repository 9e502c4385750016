//! Where ownup keeps its files, and the settings that shape it.
//!
//! Data lives in `dirs::data_dir()/ownup`, configuration in `dirs::config_dir()/ownup`, the
//! index (rebuildable) in `dirs::cache_dir()/ownup` and lock files in
//! `dirs::state_dir()/ownup/locks` (where there is no state folder, as on macOS,
//! `<cache>/ownup/locks`): syncing or backing up the data folder carries only what is worth
//! keeping. When `OWNUP_HOME` is set, everything lives under it instead, which is how tests
//! seal themselves off from the real home directory.

use std::path::{Path, PathBuf};

use crate::files::{Checkup, sorted_entries};

mod edit;
mod lenient;
mod look;
mod settings;

pub use edit::{EditError, set_field};
pub use look::{Colour, Element, NamedColour, Theme};
pub use settings::{CONFIG_TEMPLATE, Config, Encryption, PromptChange, SyncSettings};

/// The directories ownup reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Sessions, revisions, trash and drafts.
    pub data_dir: PathBuf,
    /// `config.ron` and user scripts.
    pub config_dir: PathBuf,
    /// The list and search index, rebuilt from the sessions when missing.
    pub cache_dir: PathBuf,
    /// Lock files. Not `dirs::runtime_dir()`: `XDG_RUNTIME_DIR` is unset in a cron job or an
    /// `su` shell, and two ownups must agree on where the locks are to keep off each other.
    pub locks_dir: PathBuf,
}

/// No place to keep files could be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot find a data or config directory for this user (is HOME set?) — set OWNUP_HOME to a directory where ownup may keep its files"
)]
pub struct NoHomeError;

impl Paths {
    /// Paths from the environment: `OWNUP_HOME` if set and non-empty, else the platform's
    /// data and config directories.
    pub fn from_env() -> Result<Paths, NoHomeError> {
        match std::env::var_os("OWNUP_HOME") {
            Some(home) if !home.is_empty() => Ok(Paths::under(Path::new(&home))),
            _ => {
                let cache_dir = dirs::cache_dir().ok_or(NoHomeError)?.join("ownup");
                let locks_dir = match dirs::state_dir() {
                    Some(state) => state.join("ownup").join("locks"),
                    None => cache_dir.join("locks"),
                };
                Ok(Paths {
                    data_dir: dirs::data_dir().ok_or(NoHomeError)?.join("ownup"),
                    config_dir: dirs::config_dir().ok_or(NoHomeError)?.join("ownup"),
                    cache_dir,
                    locks_dir,
                })
            }
        }
    }

    /// Everything under one directory.
    pub fn under(home: &Path) -> Paths {
        let layout = crate::store::Layout::new(home);
        Paths {
            data_dir: home.to_path_buf(),
            config_dir: home.to_path_buf(),
            cache_dir: layout.cache().to_path_buf(),
            locks_dir: layout.locks().to_path_buf(),
        }
    }

    /// Where the store keeps each of its files.
    pub fn layout(&self) -> crate::store::Layout {
        crate::store::Layout::split(&self.data_dir, &self.cache_dir, &self.locks_dir)
    }

    /// Where session files are kept.
    pub fn sessions_dir(&self) -> PathBuf {
        self.layout().sessions().to_path_buf()
    }

    /// Where user scripts are kept.
    pub fn scripts_dir(&self) -> PathBuf {
        self.config_dir.join("scripts")
    }

    /// The config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.ron")
    }

    /// Checks the kind, owner and mode of the config's files, for `ownup doctor`: the config
    /// folder (unless it is the data folder, checked with the sessions), config.ron, the nudge
    /// lexicon, the scripts folder and the scripts in it.
    pub fn check_files(&self, checkup: &mut Checkup) {
        if self.config_dir != self.data_dir {
            checkup.dir(&self.config_dir);
        }
        checkup.hand_written(&self.config_file());
        checkup.hand_written(&self.config_dir.join(crate::nudge::LEXICON_FILE));
        if checkup.dir(&self.scripts_dir()) {
            for (path, _) in sorted_entries(&self.scripts_dir()) {
                if path.extension().is_some_and(|e| e == "ron") {
                    checkup.hand_written(&path);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_lives_under_one_home() {
        let paths = Paths::under(Path::new("/tmp/h"));
        assert_eq!(paths.sessions_dir(), Path::new("/tmp/h/sessions"));
        assert_eq!(paths.scripts_dir(), Path::new("/tmp/h/scripts"));
        assert_eq!(paths.config_file(), Path::new("/tmp/h/config.ron"));
        assert_eq!(paths.layout(), crate::store::Layout::new(Path::new("/tmp/h")));
        assert_eq!(paths.layout().old_places(), None);
    }
}
