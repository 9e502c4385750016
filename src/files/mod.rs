//! Reading and writing files safely, for every file ownup touches: sessions, revisions, trash,
//! the index, config.ron, scripts and the nudge lexicon.
//!
//! Only regular files are read. A FIFO, socket or device named like one of ownup's files is
//! never opened, so it cannot hang ownup (a FIFO blocks an open until a writer comes) or feed it
//! without end (`/dev/zero`); what is opened is checked again through the open handle, and
//! never read past a limit. New files never replace anything unless asked to (`new_file`), and
//! doctor's checks of modes and owners are in `privacy`.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

mod new_file;
mod privacy;

pub use new_file::{Existing, WriteError, check_target, write_new};
pub(crate) use new_file::{TMP_SUFFIX, sync_dir, write_temp_beside};
pub(crate) use privacy::sorted_entries;
pub use privacy::{Checkup, Fixed, TooOpen, current_uid};

/// The most ownup reads of a session, a script or config.ron: far more than any real one
/// (a long session is tens of kilobytes), far less than memory.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Whether a symbolic link at the path itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Never: the path must itself be a regular file. For ownup's data files, which ownup
    /// always writes as files, so a link there was put there by something else.
    Refuse,
    /// To a regular file. For hand-written files (config.ron, scripts), which dotfile
    /// managers often keep elsewhere and link to.
    Follow,
}

/// What a path is, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A directory.
    Directory,
    /// A symbolic link.
    Symlink,
    /// A FIFO (named pipe).
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device, like `/dev/zero`.
    CharDevice,
    /// A block device, like a disk.
    BlockDevice,
    /// Something else the system knows of.
    Other,
}

impl Kind {
    /// The kind of `file_type`; `None` for a regular file.
    pub fn of(file_type: fs::FileType) -> Option<Kind> {
        if file_type.is_file() {
            None
        } else if file_type.is_dir() {
            Some(Kind::Directory)
        } else if file_type.is_symlink() {
            Some(Kind::Symlink)
        } else if file_type.is_fifo() {
            Some(Kind::Fifo)
        } else if file_type.is_socket() {
            Some(Kind::Socket)
        } else if file_type.is_char_device() {
            Some(Kind::CharDevice)
        } else if file_type.is_block_device() {
            Some(Kind::BlockDevice)
        } else {
            Some(Kind::Other)
        }
    }

    /// What it is, for messages: "a FIFO (named pipe)".
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Directory => "a directory",
            Kind::Symlink => "a symbolic link",
            Kind::Fifo => "a FIFO (named pipe)",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Other => "not a regular file",
        }
    }
}

/// Why one of ownup's data files is not a file ownup reads: "is a FIFO (named pipe), not a
/// session file — ownup reads only regular files". `what` names the file ("session file").
pub fn not_a_file(kind: Kind, what: &str) -> String {
    match kind {
        Kind::Symlink => format!(
            "is a symbolic link, not a {what} — ownup does not follow links in its data folder; put the file itself here"
        ),
        Kind::Other => format!("is not a regular file, so not a {what} — ownup reads only regular files"),
        kind => format!(
            "is {}, not a {what} — ownup reads only regular files",
            kind.describe()
        ),
    }
}

/// A size limit for messages: "16 MB".
pub fn describe_size(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// It is not a regular file (or it is a link where links are refused); it was not read.
    NotAFile(Kind),
    /// It is larger than the limit; no more than the limit was read.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Opening or reading it failed.
    Io(io::Error),
}

/// Reads `path` whole if it is a regular file of at most `limit` bytes. Its type is looked at
/// before it is opened, so that a FIFO, socket or device is never opened at all: opening some
/// devices has effects (a tape rewinds, a watchdog arms).
pub fn read_regular(path: &Path, links: Links, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = match links {
        Links::Refuse => fs::symlink_metadata(path),
        Links::Follow => fs::metadata(path),
    }
    .map_err(ReadError::Io)?;
    read_regular_as(path, meta.file_type(), links, limit)
}

/// Like [`read_regular`], for a path whose type is known already: from its directory entry,
/// which costs no system call when listing thousands of sessions.
pub fn read_regular_as(
    path: &Path,
    file_type: fs::FileType,
    links: Links,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    match (Kind::of(file_type), links) {
        (None, _) => {}
        (Some(Kind::Symlink), Links::Follow) => {
            let target = fs::metadata(path).map_err(ReadError::Io)?;
            if let Some(kind) = Kind::of(target.file_type()) {
                return Err(ReadError::NotAFile(kind));
            }
        }
        (Some(kind), _) => return Err(ReadError::NotAFile(kind)),
    }
    // Non-blocking: should the path have become a FIFO since it was looked at, opening it
    // returns at once instead of waiting for a writer. No controlling terminal from a tty.
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|err| match err.raw_os_error() {
            Some(libc::ELOOP) if links == Links::Refuse => ReadError::NotAFile(Kind::Symlink),
            _ => ReadError::Io(err),
        })?;
    // The open handle decides, not the path: the path may have changed since it was looked at.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = Kind::of(meta.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte more than the limit tells a file that grows (or lies about its size) apart.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Why `$TZ` cannot be used, if it names a file that is not a plain time zone file: the
/// time library reads the file it names whole, so `TZ=:/dev/zero` ate memory without end and
/// a FIFO blocked for ever.
pub fn unusable_time_zone() -> Option<String> {
    let tz = std::env::var_os("TZ")?;
    let tz = tz.to_string_lossy();
    let name = tz.strip_prefix(':').unwrap_or(&tz);
    if name.is_empty() {
        return None;
    }
    let path = if name.starts_with('/') {
        std::path::PathBuf::from(name)
    } else {
        let dir = std::env::var_os("TZDIR").unwrap_or_else(|| "/usr/share/zoneinfo".into());
        Path::new(&dir).join(name)
    };
    // A name that is no file at all is a rule like `CET-1CEST`, read without any file.
    let meta = fs::metadata(&path).ok()?;
    let problem = match Kind::of(meta.file_type()) {
        Some(kind) => kind.describe().to_string(),
        None if meta.len() > MAX_TIME_ZONE_FILE => "too large for a time zone file".to_string(),
        None => return None,
    };
    Some(format!("TZ names {}, which is {problem}", path.display()))
}

/// Time zone files are a few kilobytes; the largest are well under this.
const MAX_TIME_ZONE_FILE: u64 = 1024 * 1024;

/// A write past a file-size limit (`ulimit -f`) raises SIGXFSZ, whose default ends the
/// process with the text unsaved; ignored, the write fails with an error instead, which ownup
/// reports like a full disk (and keeps the text).
pub fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(test)]
mod tests;
