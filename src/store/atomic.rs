//! Atomic, private writes: a temp file in the same directory (0600), fsync, rename over the
//! target, fsync the directory. The target is never truncated.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

use super::StoreError;
use crate::files::{sync_dir, write_temp_beside};

/// Writes `bytes` to `path` atomically: temp file beside it (0600), fsync, rename, fsync dir.
/// The target is never truncated; on failure it keeps its previous content.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_stat(path, bytes).map(|_| ())
}

/// [`write_atomic`], returning the metadata of the file as written: taken from the temp file
/// before the rename (which keeps inode, size and times), so that a change made by something
/// else right after the rename is never mistaken for this write.
pub(super) fn write_atomic_stat(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    let tmp = write_temp_beside(path, bytes)?;
    let written = fs::symlink_metadata(&tmp).and_then(|meta| {
        fs::rename(&tmp, path)?;
        Ok(meta)
    });
    match written {
        Ok(meta) => sync_dir(path).map(|()| meta),
        Err(err) => {
            let _ = fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// Creates `dir` and its missing parents, private to this user (0700).
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })
}
