//! A cache of what the session list shows, so listing ten thousand sessions does not parse ten
//! thousand files.
//!
//! It is rebuildable and never the only copy of anything: each entry is checked against its
//! file's size and modification time, so sessions edited, added or removed by hand are picked
//! up; a missing, damaged or outdated cache is simply rebuilt. It holds list rows only (ids,
//! dates, titles, reasons a file is unreadable), not answers.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::files::{self, Links};

use serde::{Deserialize, Serialize};

use super::Entry;
use super::atomic::write_atomic;

/// Bumped whenever what is cached changes shape.
const CACHE_VERSION: u32 = 3;
/// The most of a cache file read: a row is about 450 bytes, so this is over half a million
/// sessions. A larger (or endless) file is ignored, and the list read from the sessions.
pub(super) const MAX_CACHE_SIZE: u64 = 256 * 1024 * 1024;

/// When and how big a file was: if either changed, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    size: u64,
    secs: i64,
    nanos: u32,
}

impl Stamp {
    /// The stamp of a file from its metadata (not following links, as reading does not), or
    /// `None` if there is no usable time (then the file is parsed each time).
    pub(super) fn of(meta: &fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            secs: i64::try_from(modified.as_secs()).ok()?,
            nanos: modified.subsec_nanos(),
        })
    }
}

/// One cached row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Cached {
    pub stamp: Stamp,
    pub entry: Entry,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    files: HashMap<String, Cached>,
}

/// The cached rows by file name; empty when there is no usable cache.
pub(super) fn load(path: &Path) -> HashMap<String, Cached> {
    files::read_regular(path, Links::Refuse, MAX_CACHE_SIZE)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
        .filter(|cache| cache.version == CACHE_VERSION)
        .map(|cache| cache.files)
        .unwrap_or_default()
}

/// Writes the cache. Failing to is harmless (the next list reads the files again), so errors
/// are ignored.
pub(super) fn save(path: &Path, files: HashMap<String, Cached>) {
    let cache = CacheFile {
        version: CACHE_VERSION,
        files,
    };
    if let Ok(bytes) = serde_json::to_vec(&cache) {
        let _ = write_atomic(path, &bytes);
    }
}
