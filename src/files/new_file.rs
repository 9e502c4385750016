//! Writing a new file (an export, a rescue copy) that never replaces anything by surprise.
//!
//! The text goes to a temp file beside the target first, so that a failure (a full disk, a
//! crash) never leaves half a file under the name asked for. The temp file is then hard-linked
//! to the name: the link fails if anything is there, so there is no moment between checking
//! and writing when something could appear and be overwritten. Replacing is only on request,
//! only of a regular file or a symbolic link (the link itself, never what it points to), and
//! atomic: a rename.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Kind;

/// Temp files are hidden and end in this suffix, so a crash never leaves a lookalike session.
pub(crate) const TMP_SUFFIX: &str = ".tmp";

/// What may be replaced at the target of a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing: the file must not exist.
    Refuse,
    /// A regular file, or a symbolic link (the link itself). Never a FIFO, socket, device or
    /// directory.
    Replace,
}

/// Why a new file was not written. Nothing at the target was changed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file (or a link, when `link`) is already there.
    #[error("{} already exists — choose another name", path.display())]
    Exists {
        /// The target.
        path: PathBuf,
        /// Whether what is there is a symbolic link.
        link: bool,
    },
    /// A FIFO, socket, device or directory is there, which is never replaced.
    #[error("{} is {} — ownup writes only regular files; choose another name", path.display(), kind.describe())]
    NotAFile {
        /// The target.
        path: PathBuf,
        /// What is there.
        kind: Kind,
    },
    /// Writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Whether a new file may be written at `path`, without writing anything: to check every
/// target of an export before writing any.
pub fn check_target(path: &Path, existing: Existing) -> Result<(), WriteError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(WriteError::Io {
                path: path.into(),
                source,
            });
        }
    };
    match (Kind::of(meta.file_type()), existing) {
        (None | Some(Kind::Symlink), Existing::Replace) => Ok(()),
        (None, Existing::Refuse) => Err(WriteError::Exists {
            path: path.into(),
            link: false,
        }),
        (Some(Kind::Symlink), Existing::Refuse) => Err(WriteError::Exists {
            path: path.into(),
            link: true,
        }),
        (Some(kind), _) => Err(WriteError::NotAFile {
            path: path.into(),
            kind,
        }),
    }
}

/// Writes `bytes` to a new file at `path` (0600), atomically; see the module comment. With
/// [`Existing::Replace`] a regular file or link there is replaced, by a rename.
pub fn write_new(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), WriteError> {
    check_target(path, existing)?;
    let failed = |source| WriteError::Io {
        path: path.into(),
        source,
    };
    let tmp = write_temp_beside(path, bytes).map_err(failed)?;
    let placed = match existing {
        Existing::Replace => fs::rename(&tmp, path).map_err(failed),
        Existing::Refuse => {
            let linked = link_new(&tmp, path, bytes);
            let _ = fs::remove_file(&tmp);
            linked
        }
    };
    if placed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    placed?;
    sync_dir(path).map_err(failed)
}

/// Gives the temp file its name, failing if anything has that name.
fn link_new(tmp: &Path, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists {
            path: path.into(),
            link: fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()),
        }),
        // FAT, exFAT and some network file systems have no hard links (EPERM, ENOTSUP). Then
        // the file is created exclusively under its name and written there: still never over
        // anything, but a crash mid-write would leave a partial new file (never a damaged
        // old one).
        Err(err)
            if matches!(
                err.raw_os_error(),
                Some(libc::EPERM | libc::ENOTSUP | libc::ENOSYS | libc::EMLINK)
            ) =>
        {
            write_exclusive(path, bytes)
        }
        Err(source) => Err(WriteError::Io {
            path: path.into(),
            source,
        }),
    }
}

/// Creates `path` (it must not exist, not even as a link) and writes `bytes` to it.
fn write_exclusive(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            return Err(WriteError::Exists {
                path: path.into(),
                link: fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()),
            });
        }
        Err(source) => {
            return Err(WriteError::Io {
                path: path.into(),
                source,
            });
        }
    };
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|source| {
            // It is ours and incomplete: leave nothing half-written under the name.
            let _ = fs::remove_file(path);
            WriteError::Io {
                path: path.into(),
                source,
            }
        })
}

/// Writes `bytes` to a new hidden temp file (0600) in `path`'s directory, flushed to disk;
/// returns its path. The caller renames or links it into place, or removes it.
pub(crate) fn write_temp_beside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = parent(path);
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}{TMP_SUFFIX}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(err) => {
            let _ = fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// Makes a new name in `path`'s directory durable.
pub(crate) fn sync_dir(path: &Path) -> io::Result<()> {
    File::open(parent(path))?.sync_all()
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}
