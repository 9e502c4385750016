//! Encrypting a store's files, and decrypting them (`ownup encrypt`, `ownup decrypt`): every
//! file of the data folder rewritten in the other form, each verified by reading it back before
//! the old form is removed, so that an interruption at any point leaves every session
//! readable in one form or the other. Run again, it carries on where it stopped.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format::size_limit;
use super::{LoadError, SessionStore, StoreError, is_sealed_name, layout};
use crate::crypt::StoreKey;
use crate::files::{Links, sorted_entries};

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Converted {
    /// Files rewritten in the new form.
    pub converted: usize,
    /// Files left in the old form because both forms were there and held the same text: the
    /// old one was removed.
    pub twins_removed: usize,
    /// Files whose other form held other text: kept, in the new form, under another name
    /// (the old form removed).
    pub kept_beside: Vec<PathBuf>,
    /// Sessions open in another ownup, left as they were: run again once it is closed.
    pub locked: Vec<String>,
    /// Files that could not be converted, and why: left as they were.
    pub failed: Vec<(PathBuf, String)>,
}

impl Converted {
    /// Whether every file is now in the new form.
    pub fn is_complete(&self) -> bool {
        self.locked.is_empty() && self.failed.is_empty()
    }
}

/// A file of the data folder, by where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `sessions/<id>.ron`: taken under the session's lock.
    Session,
    /// `revisions/<id>/<name>.ron`.
    Revision,
    /// `trash/<id>.ron`.
    Trash,
    /// `drafts/…`: taken under the check-ins lock.
    Drafts,
}

impl SessionStore {
    /// Writes `sealed` (the store key, sealed) as this store's `key.age`, which makes it an
    /// encrypted store. Never over a key already there.
    pub fn write_sealed_key(&self, sealed: &[u8]) -> Result<PathBuf, StoreError> {
        let path = self.layout.key();
        crate::files::write_new(&path, sealed, crate::files::Existing::Refuse).map_err(|err| {
            StoreError::Conflict(format!("cannot write the store key {}: {err}", path.display()))
        })?;
        Ok(path)
    }

    /// Replaces `key.age` with `sealed`: the same store key sealed another way (atomically:
    /// the old seal or the new one is there at every moment).
    pub fn replace_sealed_key(&self, sealed: &[u8]) -> Result<PathBuf, StoreError> {
        let path = self.layout.key();
        write_atomic(&path, sealed).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// The sealed store key, `key.age`, as it is on disk; `None` in a store not encrypted.
    pub fn sealed_key(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let path = self.layout.key();
        match crate::files::read_regular(&path, Links::Refuse, 64 * 1024) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(crate::files::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(StoreError::Unreadable(super::format::read_error(&path, err))),
        }
    }

    /// Removes `key.age`, once no file is encrypted any more (the end of `ownup decrypt`).
    pub fn remove_sealed_key(&self) -> Result<(), StoreError> {
        let path = self.layout.key();
        fs::remove_file(&path)
            .and_then(|()| crate::files::sync_dir(&path))
            .map_err(|source| StoreError::Write { path, source })
    }

    /// Removes every temp file a save cut short left in the data folder's folders (sessions,
    /// revisions, trash, drafts), however new: only while the store is held alone
    /// ([`SessionStore::open_alone`]), when no save can be under way. Returns how many.
    pub fn remove_temp_files(&self) -> usize {
        let mut dirs = vec![
            self.layout.sessions().to_path_buf(),
            self.layout.trash().to_path_buf(),
            self.layout.drafts().to_path_buf(),
        ];
        dirs.extend(
            sorted_entries(self.layout.revisions())
                .into_iter()
                .filter(|(_, kind)| kind.is_dir())
                .map(|(dir, _)| dir),
        );
        let mut removed = self.remove_key_temp_files(|_| true);
        for dir in dirs {
            for (path, kind) in sorted_entries(&dir) {
                let temp = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.') && n.ends_with(crate::files::TMP_SUFFIX));
                if temp && kind.is_file() && fs::remove_file(&path).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }

    /// Removes what a write of `key.age` cut short left beside it (`.key.age.<pid>.<n>.tmp`: a
    /// sealed copy of the key, perhaps with a passphrase since replaced), when `stale` says the
    /// process that wrote it (by its pid) is gone. Returns how many were removed.
    pub fn remove_key_temp_files(&self, stale: impl Fn(u32) -> bool) -> usize {
        let prefix = ".key.age.";
        sorted_entries(self.layout.root())
            .into_iter()
            .filter(|(_, kind)| kind.is_file())
            .filter(|(path, _)| {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    return false;
                };
                let Some(middle) = name
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(crate::files::TMP_SUFFIX))
                else {
                    return false;
                };
                middle
                    .split('.')
                    .next()
                    .and_then(|pid| pid.parse::<u32>().ok())
                    .is_some_and(&stale)
            })
            .filter(|(path, _)| fs::remove_file(path).is_ok())
            .count()
    }

    /// Every file of the data folder (sessions, revisions, trash, drafts) not in the store's
    /// form: not encrypted in an encrypted store, encrypted in one that is not.
    pub fn files_not_in_the_store_form(&self) -> Vec<PathBuf> {
        let encrypted = self.is_encrypted();
        self.data_files()
            .into_iter()
            .filter(|(path, _)| is_sealed_name(path) != encrypted)
            .map(|(path, _)| path)
            .collect()
    }

    /// Whether there is an encrypted session here (in `sessions/` or `trash/`).
    pub fn has_encrypted_sessions(&self) -> bool {
        self.data_files()
            .iter()
            .any(|(path, place)| is_sealed_name(path) && matches!(place, Place::Session | Place::Trash))
    }

    /// The encrypted files here (sessions, trash, drafts) that `key` does not open: what would
    /// be lost if this store took `key` for its own. Not revisions: one may hold a version from
    /// elsewhere that no key of this store opens, kept so that nothing is lost.
    pub fn files_not_opened_by(&self, key: &StoreKey) -> Vec<PathBuf> {
        self.data_files()
            .into_iter()
            .filter(|(path, place)| is_sealed_name(path) && *place != Place::Revision)
            .filter(|(path, _)| {
                crate::files::read_regular(path, Links::Refuse, size_limit(path))
                    .map_or(true, |bytes| !key.opens(&bytes))
            })
            .map(|(path, _)| path)
            .collect()
    }

    /// Every session, revision, trashed session and drafts file (named `.ron` or `.ron.age`,
    /// not hidden), with where it is; what is not a regular file too, to be reported.
    fn data_files(&self) -> Vec<(PathBuf, Place)> {
        let named = |path: &Path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.') && layout::id_of(n).is_some())
        };
        let mut found = Vec::new();
        for (dir, place) in [
            (self.layout.sessions(), Place::Session),
            (self.layout.trash(), Place::Trash),
            (self.layout.drafts(), Place::Drafts),
        ] {
            found.extend(
                sorted_entries(dir)
                    .into_iter()
                    .filter(|(path, _)| named(path))
                    .map(|(path, _)| (path, place)),
            );
        }
        for (dir, kind) in sorted_entries(self.layout.revisions()) {
            if kind.is_dir() {
                found.extend(
                    sorted_entries(&dir)
                        .into_iter()
                        .filter(|(path, _)| named(path))
                        .map(|(path, _)| (path, Place::Revision)),
                );
            }
        }
        found
    }

    /// Rewrites every file of the data folder not in the form `encrypt` asks for (encrypted,
    /// or not) in that form, verifying each before its old form is removed. Needs the store's
    /// key. `progress` is told `(done, of)` as it goes.
    pub fn convert(
        &self,
        encrypt: bool,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Converted, StoreError> {
        let keys = self.keys().ok_or_else(|| StoreError::NoKey(self.layout.key()))?;
        let mut done = Converted::default();
        let todo: Vec<(PathBuf, Place)> = self
            .data_files()
            .into_iter()
            .filter(|(path, _)| is_sealed_name(path) != encrypt)
            .collect();
        let _check_ins = match todo.iter().any(|(_, place)| *place == Place::Drafts) {
            true => match self.lock_check_ins() {
                Ok(lock) => Some(lock),
                Err(StoreError::CheckInsLocked) => {
                    done.locked.push("check-ins".into());
                    None
                }
                Err(other) => return Err(other),
            },
            false => None,
        };
        for (n, (from, place)) in todo.iter().enumerate() {
            progress(n, todo.len());
            let id = from
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(layout::id_of)
                .unwrap_or_default()
                .to_string();
            let _lock = match place {
                Place::Session => match self.lock(&id) {
                    Ok(lock) => Some(lock),
                    Err(StoreError::Locked(_)) => {
                        done.locked.push(id);
                        continue;
                    }
                    Err(other) => return Err(other),
                },
                Place::Drafts if _check_ins.is_none() => continue,
                Place::Drafts | Place::Revision | Place::Trash => None,
            };
            match self.convert_file(from, *place, &id, encrypt, keys.store()) {
                Ok(Outcome::Converted) => done.converted += 1,
                Ok(Outcome::TwinRemoved) => done.twins_removed += 1,
                Ok(Outcome::KeptBeside(path)) => done.kept_beside.push(path),
                Err(reason) => done.failed.push((from.clone(), reason)),
            }
        }
        progress(todo.len(), todo.len());
        Ok(done)
    }

    /// Converts the one file `from`.
    fn convert_file(
        &self,
        from: &Path,
        place: Place,
        id: &str,
        encrypt: bool,
        key: &StoreKey,
    ) -> Result<Outcome, String> {
        let bytes = crate::files::read_regular(from, Links::Refuse, size_limit(from))
            .map_err(|err| super::format::read_error(from, err).to_string())?;
        let plain = decode_with(bytes, from, key)?;
        let name = from
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(layout::id_of)
            .ok_or_else(|| format!("{} is not named as a file of ownup's", from.display()))?;
        let to = from.with_file_name(match encrypt {
            true => format!("{name}.ron.age"),
            false => format!("{name}.ron"),
        });
        let new_bytes = match encrypt {
            true => key.encrypt(&plain).map_err(|err| err.to_string())?,
            false => plain.clone(),
        };
        // The new form is there already (a conversion cut short, or a save since).
        let mut outcome = Outcome::Converted;
        let mut target = to.clone();
        if fs::symlink_metadata(&to).is_ok() {
            let there = crate::files::read_regular(&to, Links::Refuse, size_limit(&to))
                .ok()
                .and_then(|bytes| decode_with(bytes, &to, key).ok());
            if there.as_deref() == Some(&plain[..]) {
                remove(from)?;
                return Ok(Outcome::TwinRemoved);
            }
            // Other text: the one in the new form stays where it is, and this one is kept
            // beside it, so that neither is lost.
            target = self.beside(from, place, id, encrypt)?;
            outcome = Outcome::KeptBeside(target.clone());
        }
        write_atomic(&target, &new_bytes)
            .map_err(|err| format!("cannot write {}: {err}", target.display()))?;
        // Verified: read back, opened, and the same text, before the old form goes.
        let back = crate::files::read_regular(&target, Links::Refuse, size_limit(&target))
            .map_err(|err| super::format::read_error(&target, err).to_string())
            .and_then(|bytes| decode_with(bytes, &target, key))?;
        if back != plain {
            let _ = fs::remove_file(&target);
            return Err(format!(
                "{} did not read back as it was written; {} is left as it was",
                target.display(),
                from.display()
            ));
        }
        remove(from)?;
        Ok(outcome)
    }

    /// A free name for the text of `from` when its other form holds other text: a revision of
    /// its session (for a session or a trashed one), the next free name in the folder (for a
    /// revision), or a set-aside drafts file.
    fn beside(&self, from: &Path, place: Place, id: &str, encrypt: bool) -> Result<PathBuf, String> {
        let layout = self.layout.clone().sealed(encrypt);
        let free = |make: &dyn Fn(u32) -> PathBuf| {
            (1..1000)
                .map(make)
                .find(|path| fs::symlink_metadata(path).is_err())
                .ok_or_else(|| format!("no free name beside {}", from.display()))
        };
        match place {
            Place::Session | Place::Trash => {
                super::atomic::create_private_dir(&layout.revision_dir(id)).map_err(|err| err.to_string())?;
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                free(&|n| match n {
                    1 => layout.revision(id, &format!("{stamp}-beside")),
                    n => layout.revision(id, &format!("{stamp}-beside-{n}")),
                })
            }
            Place::Revision => {
                // `id` is the revision's name; its session's is the folder's.
                let session = from
                    .parent()
                    .and_then(|dir| dir.file_name())
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                free(&|n| match n {
                    1 => layout.revision(session, &format!("{id}-beside")),
                    n => layout.revision(session, &format!("{id}-beside-{n}")),
                })
            }
            Place::Drafts => free(&|n| layout.set_aside_drafts(n)),
        }
    }
}

/// What converting one file did.
enum Outcome {
    Converted,
    TwinRemoved,
    KeptBeside(PathBuf),
}

/// The text of `bytes`, read from `path`: decrypted with `key` when encrypted.
fn decode_with(bytes: Vec<u8>, path: &Path, key: &StoreKey) -> Result<Vec<u8>, String> {
    if !StoreKey::is_age(&bytes) {
        return Ok(bytes);
    }
    key.decrypt(&bytes).map_err(|err| {
        LoadError::Sealed {
            path: path.into(),
            reason: format!("is encrypted, and {err}"),
        }
        .to_string()
    })
}

/// Removes `path` and makes that durable.
fn remove(path: &Path) -> Result<(), String> {
    fs::remove_file(path)
        .and_then(|()| crate::files::sync_dir(path))
        .map_err(|err| format!("cannot remove {}: {err}", path.display()))
}
