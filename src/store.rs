//! SessionStore: where session files live, and all disk IO for them.
//!
//! One human-readable RON file per session in `<data>/sessions/`, named by a sortable id.
//! Every write is atomic: a temp file in the same directory, written and fsynced, renamed over
//! the target, then the directory fsynced. A file that cannot be read is reported, never
//! overwritten. Directories are created 0700 and files 0600 (created that way, not chmod-ed).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::script::line_col;
use crate::session::{FORMAT_VERSION, Session, Status};

/// File extension of session files.
const EXT: &str = "ron";
/// Temp files are hidden and end in this suffix, so a crash never leaves a lookalike session.
const TMP_SUFFIX: &str = ".tmp";
/// Temp files older than this are leftovers of a crash, not a save in progress.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// The header written at the top of every session file.
const HEADER: &str = "// An ownup session. Plain text you can read; edit by hand with care.\n";

/// Something went wrong reading or writing the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A directory could not be created.
    #[error("cannot create the directory {}: {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot save {}: {}", path.display(), describe_io(source))]
    Write {
        /// The file being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The sessions directory could not be read.
    #[error("cannot read the directory {}: {source}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A session could not be turned into text (should not happen).
    #[error("cannot write session {id} as RON: {message}")]
    Serialize {
        /// The session id.
        id: String,
        /// Why.
        message: String,
    },
    /// No session has this id.
    #[error("no session with the id {0} — `ownup list` shows them all")]
    NotFound(String),
    /// Several sessions start with this id prefix.
    #[error("{prefix} could be any of {} — give more of the id", candidates.join(", "))]
    Ambiguous {
        /// What was asked for.
        prefix: String,
        /// The ids it matches.
        candidates: Vec<String>,
    },
    /// The session's file exists but cannot be read.
    #[error(transparent)]
    Unreadable(#[from] LoadError),
    /// Another ownup holds the session.
    #[error("session {0} is open in another ownup window — finish there first, or open it read-only")]
    Locked(String),
}

/// Plain words for the IO errors people actually meet when saving.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => err.to_string(),
    }
}

/// Why a session file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is empty.
    #[error("{}: the file is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}:{col}: the file is not valid UTF-8 text", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
    },
    /// The file was written by a newer ownup.
    #[error(
        "{}: written by a newer ownup (session format {found}; this ownup reads up to {FORMAT_VERSION}) — update ownup to open it",
        path.display()
    )]
    FutureVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// The text is not a valid session.
    #[error("{}:{line}:{col}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        reason: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::FutureVersion { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// What a list shows of one readable session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The session id.
    pub id: String,
    /// Its file.
    pub path: PathBuf,
    /// Draft or complete.
    pub status: Status,
    /// When it was started.
    pub started: DateTime<FixedOffset>,
    /// When it was last saved.
    pub updated: DateTime<FixedOffset>,
    /// The script's title.
    pub script_title: String,
    /// The first answer line, shortened; may be empty.
    pub title: String,
    /// Steps with at least one answer.
    pub answered_steps: usize,
    /// All steps.
    pub total_steps: usize,
}

impl Summary {
    fn of(session: &Session, path: PathBuf) -> Summary {
        Summary {
            id: session.id.clone(),
            path,
            status: session.status,
            started: session.started,
            updated: session.updated,
            script_title: session.script.title.clone(),
            title: session.title(),
            answered_steps: session.answered_steps(),
            total_steps: session.steps.len(),
        }
    }
}

/// One row of the session list: a readable session, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A session that loaded.
    Session(Summary),
    /// A `.ron` file in the sessions directory that is not a readable session.
    Unreadable {
        /// The id taken from the file name.
        id: String,
        /// Why it could not be read (with its path).
        error: LoadError,
    },
}

impl Entry {
    /// The id (file stem) of the entry.
    pub fn id(&self) -> &str {
        match self {
            Entry::Session(s) => &s.id,
            Entry::Unreadable { id, .. } => id,
        }
    }
}

/// Exclusive hold on a session, released when dropped (or when the process dies).
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    id: String,
}

impl SessionLock {
    /// The id of the locked session.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The session files on disk.
#[derive(Debug, Clone)]
pub struct SessionStore {
    dir: PathBuf,
    locks: PathBuf,
    revisions: PathBuf,
}

impl SessionStore {
    /// Opens the store under `data_dir`, creating `sessions/` and `locks/` (0700) if needed.
    /// Previous versions of edited sessions are kept in `revisions/`.
    pub fn open(data_dir: &Path) -> Result<SessionStore, StoreError> {
        let store = SessionStore {
            dir: data_dir.join("sessions"),
            locks: data_dir.join("locks"),
            revisions: data_dir.join("revisions"),
        };
        for dir in [&store.dir, &store.locks] {
            create_private_dir(dir)?;
        }
        Ok(store)
    }

    /// The sessions directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of session `id`.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXT}"))
    }

    /// A fresh sortable id for a session started at `now` (`YYYYMMDD-HHMMSS`, with `-2`, `-3`…
    /// on collision), locked so that no other instance can take it.
    pub fn new_id(&self, now: DateTime<FixedOffset>) -> Result<SessionLock, StoreError> {
        let base = now.format("%Y%m%d-%H%M%S").to_string();
        for n in 1.. {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if self.path_of(&id).exists() {
                continue;
            }
            match self.lock(&id) {
                // Re-check: another instance may have saved it between our check and lock.
                Ok(lock) if !self.path_of(&id).exists() => return Ok(lock),
                Ok(_) | Err(StoreError::Locked(_)) => continue,
                Err(other) => return Err(other),
            }
        }
        unreachable!("the id search is unbounded")
    }

    /// Takes the lock of session `id`, or says it is held elsewhere.
    pub fn lock(&self, id: &str) -> Result<SessionLock, StoreError> {
        let path = self.locks.join(format!("{id}.lock"));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(|source| StoreError::Write { path, source })?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock {
                _file: file,
                id: id.to_string(),
            }),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Locked(id.to_string())),
            Err(fs::TryLockError::Error(source)) => Err(StoreError::Write {
                path: self.locks.join(format!("{id}.lock")),
                source,
            }),
        }
    }

    /// Saves `session` atomically to its file; returns the path.
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        let text = to_ron(session)?;
        let path = self.path_of(&session.id);
        write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// Loads session `id`.
    pub fn load(&self, id: &str) -> Result<Session, StoreError> {
        let path = self.path_of(id);
        if !path.exists() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        Ok(read_session(&path, id)?)
    }

    /// Every session file, newest first; unreadable files are listed with their reason.
    pub fn list(&self) -> Result<Vec<Entry>, StoreError> {
        let mut entries: Vec<Entry> = self
            .session_files()?
            .into_iter()
            .map(|(id, path)| match read_session(&path, &id) {
                Ok(session) => Entry::Session(Summary::of(&session, path)),
                Err(error) => Entry::Unreadable { id, error },
            })
            .collect();
        entries.sort_by(|a, b| id_order(b.id(), a.id()));
        Ok(entries)
    }

    /// `(id, path)` of every `*.ron` file in the sessions directory.
    fn session_files(&self) -> Result<Vec<(String, PathBuf)>, StoreError> {
        let read_err = |source| StoreError::ReadDir {
            path: self.dir.clone(),
            source,
        };
        let mut files = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(read_err)? {
            let entry = entry.map_err(read_err)?;
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            if let Some(id) = name.strip_suffix(&format!(".{EXT}")) {
                files.push((id.to_string(), path));
            }
        }
        Ok(files)
    }

    /// Temp files left behind by an interrupted save (older than a minute).
    pub fn stale_temp_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let now = SystemTime::now();
        let mut found = Vec::new();
        let entries = fs::read_dir(&self.dir).map_err(|source| StoreError::ReadDir {
            path: self.dir.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let is_temp = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') && n.ends_with(TMP_SUFFIX));
            let age = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| now.duration_since(modified).ok());
            if is_temp && age.is_some_and(|age| age >= STALE_TEMP_AGE) {
                found.push(path);
            }
        }
        found.sort();
        Ok(found)
    }

    /// Removes leftover temp files; returns those removed.
    pub fn clean_temp_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let stale = self.stale_temp_files()?;
        Ok(stale.into_iter().filter(|p| fs::remove_file(p).is_ok()).collect())
    }

    /// The id of the session named by `id_or_prefix`: an exact id, or a prefix of exactly one.
    pub fn find(&self, id_or_prefix: &str) -> Result<String, StoreError> {
        let mut ids: Vec<String> = self.session_files()?.into_iter().map(|(id, _)| id).collect();
        if ids.iter().any(|id| id == id_or_prefix) {
            return Ok(id_or_prefix.to_string());
        }
        ids.retain(|id| id.starts_with(id_or_prefix));
        ids.sort_by(|a, b| id_order(a, b));
        match ids.len() {
            0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
            1 => Ok(ids.remove(0)),
            _ => Err(StoreError::Ambiguous {
                prefix: id_or_prefix.to_string(),
                candidates: ids,
            }),
        }
    }

    /// Keeps the current file of session `id` as a revision, before an edit overwrites it:
    /// `<data>/revisions/<id>/<time>.ron`. Returns the copy's path.
    pub fn keep_revision(&self, id: &str, at: DateTime<FixedOffset>) -> Result<PathBuf, StoreError> {
        let source = self.path_of(id);
        let bytes = fs::read(&source).map_err(|err| LoadError::Io {
            path: source.clone(),
            reason: describe_io(&err),
        })?;
        let dir = self.revisions.join(id);
        create_private_dir(&dir)?;
        let mut path = dir.join(format!("{}.{EXT}", at.format("%Y%m%d-%H%M%S")));
        for n in 2.. {
            if !path.exists() {
                break;
            }
            path = dir.join(format!("{}-{n}.{EXT}", at.format("%Y%m%d-%H%M%S")));
        }
        write_atomic(&path, &bytes).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// Previous versions kept of session `id`, oldest first.
    pub fn revisions(&self, id: &str) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.revisions.join(id)) else {
            return vec![];
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == EXT))
            .collect();
        let stem = |p: &PathBuf| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        found.sort_by(|a, b| id_order(&stem(a), &stem(b)));
        found
    }

    /// Checks every file in the store without changing any.
    pub fn doctor(&self) -> Result<Report, StoreError> {
        let mut report = Report::default();
        let mut files = self.session_files()?;
        files.sort_by(|a, b| id_order(&a.0, &b.0));
        for (id, path) in files {
            match read_session(&path, &id) {
                Ok(_) => report.ok.push(path),
                Err(err) => report.unreadable.push(err),
            }
        }
        report.temp_files = self.stale_temp_files()?;
        for path in [&self.dir, &self.locks].into_iter().chain(&report.ok) {
            check_private(path, &mut report.too_open);
        }
        Ok(report)
    }
}

/// What `ownup doctor` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Session files that load.
    pub ok: Vec<PathBuf>,
    /// Session files that do not, with why.
    pub unreadable: Vec<LoadError>,
    /// Temp files left by an interrupted save.
    pub temp_files: Vec<PathBuf>,
    /// Files or directories others can read, with their mode.
    pub too_open: Vec<(PathBuf, u32)>,
}

impl Report {
    /// Whether anything needs attention.
    pub fn is_healthy(&self) -> bool {
        self.unreadable.is_empty() && self.temp_files.is_empty() && self.too_open.is_empty()
    }
}

/// Notes `path` if its group or others may read, write or enter it.
fn check_private(path: &Path, out: &mut Vec<(PathBuf, u32)>) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            out.push((path.to_path_buf(), mode));
        }
    }
}

/// Creates `dir` and its missing parents, private to this user (0700).
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })
}

/// Orders ids by time, then by collision suffix numerically (`-2` before `-10`).
fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(id: &str) -> (&str, u64) {
        // Ids are `YYYYMMDD-HHMMSS` (15 chars) plus an optional `-N`.
        match id.get(15..).and_then(|rest| rest.strip_prefix('-')) {
            Some(n) if n.chars().all(|c| c.is_ascii_digit()) => (&id[..15], n.parse().unwrap_or(u64::MAX)),
            _ => (id, 0),
        }
    }
    key(a).cmp(&key(b))
}

/// The RON text of a session, as written to disk.
pub fn to_ron(session: &Session) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ");
    let body = ron::ser::to_string_pretty(session, config).map_err(|err| StoreError::Serialize {
        id: session.id.clone(),
        message: err.to_string(),
    })?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Parses a session from its file text. `path` is used in messages.
pub fn parse_session(text: &str, path: &Path) -> Result<Session, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.into() });
    }
    // Look at the version first, so a newer format is named as such rather than as a
    // confusing field error.
    #[derive(Deserialize)]
    #[serde(rename = "Session")]
    struct Probe {
        version: u32,
    }
    if let Ok(probe) = ron::from_str::<Probe>(text)
        && probe.version > FORMAT_VERSION
    {
        return Err(LoadError::FutureVersion {
            path: path.into(),
            found: probe.version,
        });
    }
    ron::from_str::<Session>(text).map_err(|err| {
        // An error that reaches the last character means the text stops mid-way.
        let last = line_col(text.trim_end().as_bytes());
        let reaches_end = (err.span.end.line, err.span.end.col) >= last;
        let cut_off = matches!(err.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) || reaches_end;
        LoadError::Invalid {
            path: path.into(),
            line: err.span.start.line,
            col: err.span.start.col,
            reason: if cut_off {
                "the file ends too early: it looks cut off".to_string()
            } else {
                err.code.to_string()
            },
        }
    })
}

/// Reads a session file of the store: the id inside must match the file name, or a save would
/// write a second copy under another name.
fn read_session(path: &Path, id: &str) -> Result<Session, LoadError> {
    let session = load_file(path)?;
    if session.id != id {
        return Err(LoadError::Invalid {
            path: path.into(),
            line: 1,
            col: 1,
            reason: format!(
                "the id inside ({}) does not match the file name — rename the file to {}.{EXT}",
                session.id, session.id
            ),
        });
    }
    Ok(session)
}

/// Reads and parses one session file.
pub fn load_file(path: &Path) -> Result<Session, LoadError> {
    let bytes = fs::read(path).map_err(|err| LoadError::Io {
        path: path.into(),
        reason: describe_io(&err),
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let (line, col) = line_col(&err.as_bytes()[..err.utf8_error().valid_up_to()]);
        LoadError::NotUtf8 {
            path: path.into(),
            line,
            col,
        }
    })?;
    parse_session(&text, path)
}

/// Writes `bytes` to `path` atomically: temp file beside it (0600), fsync, rename, fsync dir.
/// The target is never truncated; on failure it keeps its previous content.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}{TMP_SUFFIX}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;
    use crate::session::Position;
    use std::os::unix::fs::PermissionsExt;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
    }

    fn store() -> (tempfile::TempDir, SessionStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        (dir, store)
    }

    fn session(id: &str) -> Session {
        let mut s = Session::new(id.into(), &Script::default_script(), now());
        s.set_answer(Position::default(), "I broke the build.\nTwice.".into());
        s
    }

    #[test]
    fn ids_are_sortable_timestamps_with_a_suffix_on_collision() {
        let (_dir, store) = store();
        let first = store.new_id(now()).unwrap();
        assert_eq!(first.id(), "20261122-234501");
        let second = store.new_id(now()).unwrap();
        assert_eq!(second.id(), "20261122-234501-2", "the first id is locked");
        store.save(&session(first.id())).unwrap();
        drop(first);
        let third = store.new_id(now()).unwrap();
        assert_eq!(third.id(), "20261122-234501-3", "the first id has a file");
    }

    #[test]
    fn ids_order_by_time_then_numeric_suffix() {
        let mut ids = vec![
            "20261122-234501-10",
            "20261122-234501",
            "20261123-000000",
            "20261122-234501-2",
        ];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(
            ids,
            [
                "20261122-234501",
                "20261122-234501-2",
                "20261122-234501-10",
                "20261123-000000"
            ]
        );
    }

    #[test]
    fn save_then_load_round_trips_and_is_readable_text() {
        let (_dir, store) = store();
        let s = session("20261122-234501");
        let path = store.save(&s).unwrap();
        assert_eq!(path, store.dir().join("20261122-234501.ron"));
        assert_eq!(store.load("20261122-234501").unwrap(), s);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("// An ownup session."));
        assert!(
            text.contains("answer: \"I broke the build.\nTwice.\""),
            "multi-line answers stay readable:\n{text}"
        );
        assert!(text.contains("started: \"2026-11-22T23:45:01+01:00\""));
        assert!(text.contains("status: Draft"));
    }

    #[test]
    fn a_completed_session_round_trips_with_numeric_offsets() {
        let (_dir, store) = store();
        let mut s = session("done");
        let utc = DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z").unwrap();
        s.complete(utc);
        let path = store.save(&s).unwrap();
        assert_eq!(store.load("done").unwrap(), s);
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("finished: Some(\"2026-11-23T08:00:00+00:00\")"),
            "{text}"
        );
    }

    #[test]
    fn files_are_0600_and_directories_0700() {
        let (dir, store) = store();
        let path = store.save(&session("a")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(store.dir()), 0o700);
        assert_eq!(mode(&dir.path().join("locks")), 0o700);
    }

    #[test]
    fn a_second_lock_on_the_same_session_is_refused() {
        let (_dir, store) = store();
        let _held = store.lock("x").unwrap();
        assert!(matches!(store.lock("x"), Err(StoreError::Locked(id)) if id == "x"));
        assert!(store.lock("y").is_ok(), "other sessions are free");
    }

    #[test]
    fn list_is_newest_first_and_reports_unreadable_files_beside_valid_ones() {
        let (_dir, store) = store();
        store.save(&session("20261120-100000")).unwrap();
        store.save(&session("20261121-100000")).unwrap();
        fs::write(
            store.dir().join("20261122-100000.ron"),
            "Session(version: 1, id: ",
        )
        .unwrap();
        fs::write(store.dir().join(".20261122-100000.ron.1.0.tmp"), "half").unwrap();
        fs::write(store.dir().join("notes.txt"), "not a session").unwrap();
        let list = store.list().unwrap();
        let ids: Vec<_> = list.iter().map(Entry::id).collect();
        assert_eq!(ids, ["20261122-100000", "20261121-100000", "20261120-100000"]);
        assert!(matches!(
            &list[0],
            Entry::Unreadable {
                error: LoadError::Invalid { line: 1, .. },
                ..
            }
        ));
        let Entry::Session(summary) = &list[1] else {
            panic!()
        };
        assert_eq!(summary.title, "I broke the build.");
        assert_eq!(summary.answered_steps, 1);
        assert_eq!(summary.total_steps, 6);
    }

    #[test]
    fn empty_future_and_non_utf8_files_get_their_own_reasons() {
        let p = Path::new("s.ron");
        assert_eq!(
            parse_session("  \n", p).unwrap_err().to_string(),
            "s.ron: the file is empty"
        );
        let future = to_ron(&session("x"))
            .unwrap()
            .replace("version: 1,", "version: 9,");
        assert_eq!(
            parse_session(&future, p).unwrap_err().to_string(),
            "s.ron: written by a newer ownup (session format 9; this ownup reads up to 1) — update ownup to open it"
        );
        let (_dir, store) = store();
        let path = store.dir().join("bad.ron");
        fs::write(&path, b"// caf\xe9").unwrap();
        assert_eq!(
            load_file(&path).unwrap_err().to_string(),
            format!("{}:1:7: the file is not valid UTF-8 text", path.display())
        );
    }

    #[test]
    fn a_failed_save_keeps_the_old_file_and_leaves_no_temp_file() {
        let (_dir, store) = store();
        let s = session("keep");
        let path = store.save(&s).unwrap();
        let before = fs::read(&path).unwrap();
        fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o500)).unwrap();
        let result = store.save(&session("keep"));
        fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o700)).unwrap();
        // Root ignores directory permissions; only assert the failure where it can happen.
        if let Err(err) = result {
            assert!(err.to_string().contains("permission denied"), "{err}");
        }
        assert_eq!(fs::read(&path).unwrap(), before);
        let names: Vec<_> = fs::read_dir(store.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["keep.ron"]);
    }

    #[test]
    fn only_old_temp_files_count_as_leftovers() {
        let (_dir, store) = store();
        let fresh = store.dir().join(".a.ron.1.0.tmp");
        let old = store.dir().join(".b.ron.1.1.tmp");
        fs::write(&fresh, "x").unwrap();
        fs::write(&old, "x").unwrap();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        assert_eq!(store.clean_temp_files().unwrap(), vec![old.clone()]);
        assert!(fresh.exists() && !old.exists());
    }

    #[test]
    fn ids_are_found_by_unique_prefix() {
        let (_dir, store) = store();
        for id in ["20261120-100000", "20261121-100000", "20261121-100000-2"] {
            store.save(&session(id)).unwrap();
        }
        assert_eq!(store.find("20261120").unwrap(), "20261120-100000");
        assert_eq!(
            store.find("20261121-100000").unwrap(),
            "20261121-100000",
            "exact beats prefix"
        );
        assert_eq!(
            store.find("20261121").unwrap_err().to_string(),
            "20261121 could be any of 20261121-100000, 20261121-100000-2 — give more of the id"
        );
        assert_eq!(
            store.find("2025").unwrap_err().to_string(),
            "no session with the id 2025 — `ownup list` shows them all"
        );
    }

    #[test]
    fn a_revision_keeps_the_file_as_it_was() {
        let (dir, store) = store();
        let path = store.save(&session("r")).unwrap();
        let before = fs::read(&path).unwrap();
        let kept = store.keep_revision("r", now()).unwrap();
        let again = store.keep_revision("r", now()).unwrap();
        assert_eq!(kept, dir.path().join("revisions/r/20261122-234501.ron"));
        assert_eq!(again, dir.path().join("revisions/r/20261122-234501-2.ron"));
        assert_eq!(fs::read(&kept).unwrap(), before);
        assert_eq!(store.revisions("r"), vec![kept, again]);
        assert!(
            store.keep_revision("missing", now()).is_err(),
            "nothing to keep is an error"
        );
    }

    #[test]
    fn the_doctor_reports_without_changing_anything() {
        let (_dir, store) = store();
        store.save(&session("20261120-100000")).unwrap();
        let bad = store.dir().join("20261121-100000.ron");
        fs::write(&bad, "garbage").unwrap();
        let tmp = store.dir().join(".x.ron.1.0.tmp");
        fs::write(&tmp, "half").unwrap();
        File::options()
            .write(true)
            .open(&tmp)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(600))
            .unwrap();
        fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o755)).unwrap();
        let report = store.doctor().unwrap();
        assert_eq!(report.ok, vec![store.dir().join("20261120-100000.ron")]);
        assert_eq!(report.unreadable.len(), 1);
        assert_eq!(report.unreadable[0].path(), bad.as_path());
        assert_eq!(report.temp_files, vec![tmp.clone()]);
        assert_eq!(report.too_open, vec![(store.dir().to_path_buf(), 0o755)]);
        assert!(!report.is_healthy());
        assert!(tmp.exists() && bad.exists());
        assert_eq!(fs::read_to_string(&bad).unwrap(), "garbage");
    }

    #[test]
    fn a_copy_under_another_name_is_unreadable_so_it_is_never_saved_over_the_original() {
        let (_dir, store) = store();
        let path = store.save(&session("20261120-100000")).unwrap();
        fs::copy(&path, store.dir().join("copy.ron")).unwrap();
        let list = store.list().unwrap();
        let Entry::Unreadable { error, .. } = list.iter().find(|e| e.id() == "copy").unwrap() else {
            panic!("{list:?}")
        };
        assert_eq!(
            error.to_string(),
            format!(
                "{}:1:1: the id inside (20261120-100000) does not match the file name — rename the file to 20261120-100000.ron",
                store.dir().join("copy.ron").display()
            )
        );
    }
}
