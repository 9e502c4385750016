//! Where text goes when the data directory cannot take it (a full or read-only disk): a rescue
//! file, private to the user, in a place more likely to be writable.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The directory for rescue files: `$XDG_RUNTIME_DIR` (private to the user, usually in
/// memory, so writable when a disk is full), else the temp directory.
pub fn rescue_dir() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute() && dir.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// A directory on another file system than `data_dir`, for a rescue copy when the data
/// directory's has no room: the home directory if it is elsewhere, else `$XDG_RUNTIME_DIR`,
/// `/dev/shm` or the temp directory. `None` if every one shares the data directory's.
pub fn other_file_system(data_dir: &Path, home: Option<&Path>) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let device = |dir: &Path| {
        std::fs::metadata(dir)
            .ok()
            .filter(|m| m.is_dir())
            .map(|m| m.dev())
    };
    let data = device(data_dir)?;
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    [
        home.map(Path::to_path_buf),
        runtime,
        Some(PathBuf::from("/dev/shm")),
        Some(std::env::temp_dir()),
    ]
    .into_iter()
    .flatten()
    .filter(|dir| dir.is_absolute())
    .find(|dir| device(dir).is_some_and(|d| d != data))
}

/// Writes `bytes` to a new file `ownup-rescue-NAME.EXT` in `dir` (then `-2`, `-3`… if taken),
/// 0600, never over an existing file; returns its path.
pub fn write_rescue_copy(dir: &Path, name: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    for n in 1..1000 {
        let file_name = match n {
            1 => format!("ownup-rescue-{name}.{ext}"),
            n => format!("ownup-rescue-{name}-{n}.{ext}"),
        };
        let path = dir.join(file_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match file {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                return match written {
                    Ok(()) => Ok(path),
                    Err(err) => {
                        // A half-written rescue file would only mislead.
                        let _ = std::fs::remove_file(&path);
                        Err(err)
                    }
                };
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many rescue files already",
    ))
}
