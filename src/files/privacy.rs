//! Who owns ownup's files and who else may read them: the checks behind `ownup doctor`, and
//! `ownup doctor --fix`, which makes what is too open private again.
//!
//! Everything ownup keeps must belong to the user running it (the effective uid): ownup
//! creates it all as that user, so anything owned by someone else was put there by someone
//! else, or by an ownup run with sudo — and then saving over it may fail. Comparing with the
//! data folder's owner instead would miss the worst case, a data folder that is someone else's.

use std::fs::{self, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{Kind, describe_size, not_a_file};

/// A file or folder that others may read, write or enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooOpen {
    /// The file or folder.
    pub path: PathBuf,
    /// Its permission bits.
    pub mode: u32,
    /// Whether it is a folder.
    pub dir: bool,
    /// Whether it is reached through a symbolic link (then `--fix` leaves it alone).
    pub link: bool,
}

impl TooOpen {
    /// The mode it should have: the same for its owner, nothing for anyone else.
    pub fn wanted(&self) -> u32 {
        self.mode & 0o700
    }
}

/// What `--fix` did to one path that was too open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// What was too open.
    pub was: TooOpen,
    /// Done, or why not.
    pub result: Result<(), String>,
}

/// What doctor found about ownership, modes and kinds of files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Checkup {
    /// Files and folders others may read, write or enter.
    pub too_open: Vec<TooOpen>,
    /// Files and folders owned by another user, with that user's id.
    pub not_yours: Vec<(PathBuf, u32)>,
    /// Things in ownup's places that are not what belongs there, with why.
    pub not_files: Vec<(PathBuf, String)>,
    /// Folders above the data folder that someone else could change, with why.
    pub exposed: Vec<(PathBuf, String)>,
}

impl Checkup {
    /// Whether nothing was found.
    pub fn is_clear(&self) -> bool {
        self.too_open.is_empty()
            && self.not_yours.is_empty()
            && self.not_files.is_empty()
            && self.exposed.is_empty()
    }

    /// Checks one of ownup's folders: a directory, yours, private. Returns whether it is a
    /// directory, so that what is in it can be checked too. A missing folder is fine.
    pub fn dir(&mut self, path: &Path) -> bool {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return false;
        };
        // A folder may be a link (to keep sessions in a synced folder, say): what it points to
        // is checked, but --fix does not follow it.
        let link = meta.file_type().is_symlink();
        let meta = if link {
            match fs::metadata(path) {
                Ok(target) => target,
                Err(_) => {
                    self.not_files.push((
                        path.into(),
                        "is a symbolic link to nothing — ownup keeps its files in a folder here".into(),
                    ));
                    return false;
                }
            }
        } else {
            meta
        };
        if !meta.is_dir() {
            let kind = Kind::of(meta.file_type()).map_or("a file", Kind::describe);
            self.not_files.push((
                path.into(),
                format!("is {kind}, not a folder — ownup keeps its files in a folder here; move it away"),
            ));
            return false;
        }
        self.owner_and_mode(path, &meta, true, link);
        true
    }

    /// Checks a folder of ownup's data and what is in it: each entry must be a regular file
    /// (a link is not followed) of at most `limit` bytes, yours and private. `what` names the
    /// files in messages ("lock file"). With `nested`, folders in it are checked the same way
    /// (one level, as in `revisions/<id>/`).
    pub fn data_folder(&mut self, dir: &Path, what: &str, limit: u64, nested: bool) {
        if !self.dir(dir) {
            return;
        }
        self.reached_through(dir, |checkup| {
            checkup.data_folder_entries(dir, what, limit, nested)
        });
    }

    /// Runs `check`, and when `dir` is a symbolic link, marks what it found too open as
    /// reached through a link: `--fix` never changes what is behind one (the folder may be a
    /// link to anywhere, even /etc).
    pub fn reached_through(&mut self, dir: &Path, check: impl FnOnce(&mut Checkup)) {
        let before = self.too_open.len();
        check(self);
        if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            for found in &mut self.too_open[before..] {
                found.link = true;
            }
        }
    }

    fn data_folder_entries(&mut self, dir: &Path, what: &str, limit: u64, nested: bool) {
        for (path, file_type) in sorted_entries(dir) {
            if nested && file_type.is_dir() {
                self.data_folder(&path, what, limit, false);
            } else {
                self.data_file(&path, file_type, what, limit);
            }
        }
    }

    /// [`Checkup::data_folder`], not nested, for a folder that may hold `other`, another of
    /// ownup's folders checked on its own.
    pub fn data_folder_but(&mut self, dir: &Path, other: &Path, what: &str, limit: u64) {
        if !self.dir(dir) {
            return;
        }
        self.reached_through(dir, |checkup| {
            for (path, file_type) in sorted_entries(dir) {
                if path != other {
                    checkup.data_file(&path, file_type, what, limit);
                }
            }
        });
    }

    /// Checks one file of ownup's data, seen in its folder as `file_type`.
    pub fn data_file(&mut self, path: &Path, file_type: fs::FileType, what: &str, limit: u64) {
        if let Some(kind) = Kind::of(file_type) {
            self.not_files.push((path.into(), not_a_file(kind, what)));
            return;
        }
        let Ok(meta) = fs::symlink_metadata(path) else {
            return; // gone since the folder was read
        };
        if meta.len() > limit {
            self.not_files.push((
                path.into(),
                format!(
                    "is larger than {}, too large for a {what} — ownup does not read it",
                    describe_size(limit)
                ),
            ));
        }
        self.owner_and_mode(path, &meta, meta.is_dir(), false);
    }

    /// Checks a hand-written file (config.ron, a script), if it exists. A link is followed,
    /// and then only what it points to being a regular file is checked: a linked file is kept
    /// elsewhere (by a dotfile manager, say), so its owner and mode are not ownup's business.
    pub fn hand_written(&mut self, path: &Path) {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return;
        };
        if meta.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(target) => {
                    if let Some(kind) = Kind::of(target.file_type()) {
                        self.not_files.push((
                            path.into(),
                            format!(
                                "is a link to {}, not to a file — ownup reads only regular files",
                                kind.describe()
                            ),
                        ));
                    }
                }
                Err(_) => self.not_files.push((
                    path.into(),
                    "is a symbolic link to nothing, so ownup does without it — remove it or fix the link"
                        .into(),
                )),
            }
            return;
        }
        match Kind::of(meta.file_type()) {
            Some(kind) => self.not_files.push((
                path.into(),
                format!(
                    "is {}, not a file — ownup reads only regular files",
                    kind.describe()
                ),
            )),
            None => self.owner_and_mode(path, &meta, false, false),
        }
    }

    /// Checks the folders above `dir` (ownup's data folder): someone who may change one of
    /// them could swap the data folder for another. A folder of root's or yours that only its
    /// owner may write to is fine, and so is a shared one with the sticky bit (like `/tmp`),
    /// where no one can rename what is not theirs.
    pub fn folders_above(&mut self, dir: &Path) {
        let Ok(real) = fs::canonicalize(dir) else {
            return;
        };
        let me = current_uid();
        for folder in real.ancestors().skip(1) {
            let Ok(meta) = fs::metadata(folder) else {
                continue;
            };
            let mode = meta.mode() & 0o7777;
            if meta.uid() != 0 && meta.uid() != me {
                self.exposed.push((
                    folder.into(),
                    format!(
                        "owned by user {}, who could replace your data folder inside it",
                        meta.uid()
                    ),
                ));
            } else if mode & 0o022 != 0 && mode & 0o1000 == 0 {
                self.exposed.push((
                    folder.into(),
                    format!(
                        "mode {:o}: others may write to it and could replace your data folder inside it — chmod go-w it",
                        mode & 0o777
                    ),
                ));
            }
        }
    }

    fn owner_and_mode(&mut self, path: &Path, meta: &fs::Metadata, dir: bool, link: bool) {
        if meta.uid() != current_uid() {
            self.not_yours.push((path.into(), meta.uid()));
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o077 != 0 {
            self.too_open.push(TooOpen {
                path: path.into(),
                mode,
                dir,
                link,
            });
        }
    }

    /// Makes what is too open private (`chmod go-rwx`), never through a link: each file is
    /// opened without following links, checked to still be what was seen, and changed through
    /// that handle (`fchmod`). Content is never touched. What was fixed leaves `too_open`.
    pub fn fix(&mut self) -> Vec<Fixed> {
        let mut done = Vec::new();
        let mut left = Vec::new();
        for was in std::mem::take(&mut self.too_open) {
            let result = if was.link {
                Err(format!(
                    "it is reached through a symbolic link, which --fix does not follow — chmod {:o} what it points to by hand",
                    was.wanted()
                ))
            } else {
                make_private(&was).map_err(|err| err.to_string())
            };
            if result.is_err() {
                left.push(was.clone());
            }
            done.push(Fixed { was, result });
        }
        self.too_open = left;
        done
    }
}

/// `chmod` of one path to `was.wanted()`, through a handle opened without following links.
fn make_private(was: &TooOpen) -> io::Result<()> {
    let mut flags = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY;
    if was.dir {
        flags |= libc::O_DIRECTORY;
    }
    let open = |write: bool| {
        OpenOptions::new()
            .read(!write)
            .write(write)
            .custom_flags(flags)
            .open(&was.path)
    };
    // A file only its owner may write (0200) cannot be opened to read; writing it without
    // truncating is as harmless.
    let file = match open(false) {
        Err(err) if err.kind() == io::ErrorKind::PermissionDenied && !was.dir => open(true)?,
        other => other?,
    };
    let meta = file.metadata()?;
    if meta.is_dir() != was.dir || !(meta.is_dir() || meta.is_file()) {
        return Err(io::Error::other(
            "it changed while being checked; run doctor again",
        ));
    }
    file.set_permissions(Permissions::from_mode(was.wanted()))
}

/// The entries of `dir` with their types (from the directory itself: no system call each),
/// sorted by name.
pub(crate) fn sorted_entries(dir: &Path) -> Vec<(PathBuf, fs::FileType)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return vec![];
    };
    let mut found: Vec<(PathBuf, fs::FileType)> = entries
        .flatten()
        .filter_map(|entry| Some((entry.path(), entry.file_type().ok()?)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The user ownup runs as (its effective uid), who should own everything it keeps.
pub fn current_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}
