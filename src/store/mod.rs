//! SessionStore: where session files live, and all disk IO for them.
//!
//! One human-readable RON file per session in `<data>/sessions/`, named by a sortable id.
//! Every write is atomic: a temp file in the same directory, written and fsynced, renamed over
//! the target, then the directory fsynced. A file that cannot be read is reported, never
//! overwritten. Directories are created 0700 and files 0600 (created that way, not chmod-ed).

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::session::{Session, SessionId, Status};

mod atomic;
mod commitments;
mod convert;
mod doctor;
mod drafts;
mod format;
mod index;
mod layout;
mod moved;
mod rescue;
mod sealed;
mod update;

use atomic::create_private_dir;
pub use atomic::write_atomic;
pub use commitments::{CommitmentMatch, Matches};
pub use convert::Converted;
pub use doctor::Report;
pub use drafts::{CheckInDraft, SetAside};
pub use format::{LoadError, load_file, parse_session, to_ron};
use format::{read_bytes, read_session};
use index::{Index, Stamp};
use layout::EXT;
pub use layout::{Layout, is_sealed_name};
pub use rescue::{other_file_system, rescue_dir, write_rescue_copy};
pub use sealed::Keys;
pub use update::Added;

use crate::files::{Kind, TMP_SUFFIX};

/// How many changed sessions are parsed and written to the index at a time.
const INDEX_CHUNK: usize = 2048;
/// How the name of a revision kept from another machine ends (before `.ron`, and any `-2`).
const OTHER_MACHINE: &str = "other-machine";
/// Temp files older than this are leftovers of a crash, not a save in progress.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

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
    /// A file is in the way.
    #[error("{0}")]
    Conflict(String),
    /// The session would make a file larger than ownup reads back.
    #[error(
        "cannot save {}: it would be {} MB, more than the {} ownup reads back — shorten the longest answer",
        path.display(),
        size / (1024 * 1024),
        crate::files::describe_size(crate::files::MAX_FILE_SIZE)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The bytes it would take.
        size: usize,
    },
    /// The index beside the session files could not be read.
    #[error("cannot read the index {} — `ownup doctor --fix` rebuilds it", .0.display())]
    Index(PathBuf),
    /// Another ownup holds the session.
    #[error("session {0} is open in another ownup window — finish there first, or open it read-only")]
    Locked(String),
    /// A commitment is no longer where it was when the list was read (the session was edited).
    #[error("session {0} has changed since the list was read; open it to check in")]
    CommitmentChanged(String),
    /// Another ownup is checking in.
    #[error("checking in is open in another ownup window — finish there first")]
    CheckInsLocked,
    /// A commitment could not be added (see the reason).
    #[error(transparent)]
    NotAdded(#[from] crate::session::AddError),
    /// Another ownup is encrypting or decrypting the store.
    #[error(
        "your sessions are being encrypted or decrypted by another ownup — wait for it to end, then try again"
    )]
    Converting,
    /// Another ownup has the store open, so it cannot be encrypted or decrypted now.
    #[error(
        "ownup is open in another window (or another ownup command is running) — close it, then run this again; nothing was changed"
    )]
    InUse,
    /// The store is encrypted, and was opened without its key: nothing is written.
    #[error(
        "cannot save {}: the store is encrypted and ownup was not given its key, so nothing was written",
        .0.display()
    )]
    NoKey(PathBuf),
}

impl StoreError {
    /// Whether the data directory's file system has no room for a write (full, over quota
    /// or read-only): another file system is then the place to put the text.
    pub fn no_room(&self) -> bool {
        match self {
            StoreError::Write { source, .. } | StoreError::CreateDir { source, .. } => matches!(
                source.kind(),
                io::ErrorKind::StorageFull | io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::QuotaExceeded
            ),
            _ => false,
        }
    }
}

/// One `*.ron` name in the sessions folder, as [`SessionStore::session_files`] found it.
struct SessionFile {
    /// The id: the name without `.ron`.
    id: SessionId,
    /// What it is, as the folder says (a link is not followed).
    file_type: fs::FileType,
    /// The name itself, only when it is not `ID.ron` or `ID.ron.age` (a name that is not
    /// UTF-8).
    odd_name: Option<Box<std::ffi::OsStr>>,
    /// Whether it is named encrypted (`ID.ron.age`).
    sealed: bool,
}

impl SessionFile {
    /// Where it is, in the sessions folder `dir`.
    fn path(&self, dir: &Path) -> PathBuf {
        match &self.odd_name {
            Some(name) => dir.join(&**name),
            None => dir.join(self.name()),
        }
    }

    /// Its name (`ID.ron` or `ID.ron.age`; for an odd name, what stands for it).
    fn name(&self) -> String {
        layout::file_name(&self.id, self.sealed)
    }
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

/// One version of a session file on disk (see [`SessionStore::version_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileVersion {
    device: u64,
    inode: u64,
    size: u64,
    modified: (i64, i64),
}

impl FileVersion {
    fn of(meta: &fs::Metadata) -> FileVersion {
        use std::os::unix::fs::MetadataExt;
        FileVersion {
            device: meta.dev(),
            inode: meta.ino(),
            size: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
        }
    }
}

/// What a list shows of one readable session. A list of 100,000 holds 100,000 of these, so it
/// is kept small (104 bytes and two small allocations a row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The session id (its file is [`SessionStore::path_of`] it).
    pub id: SessionId,
    /// Draft or complete.
    pub status: Status,
    /// When it was started.
    pub started: DateTime<FixedOffset>,
    /// When it was last saved.
    pub updated: DateTime<FixedOffset>,
    /// The script followed (one copy shared by the rows of a script, when read from the index).
    pub script: Arc<ScriptLabel>,
    /// The first answer line, shortened; may be empty.
    pub title: Box<str>,
    /// Steps with at least one answer.
    pub answered_steps: u16,
    /// All steps.
    pub total_steps: u16,
    /// The commitments still open, for the check-in reminder.
    pub open_commitments: Box<[OpenCommitment]>,
    /// When the writer asked to be offered this draft again ("not now"). Boxed: few rows
    /// have one, and a list row stays small.
    pub come_back: Option<Box<DateTime<FixedOffset>>>,
}

/// A script as a list row names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLabel {
    /// Its name.
    pub name: Box<str>,
    /// Its title.
    pub title: Box<str>,
}

impl ScriptLabel {
    /// The label `name`, `title`: the copy already made on this thread when there is one (a
    /// list of thousands of sessions follows a few scripts).
    pub fn shared(name: &str, title: &str) -> Arc<ScriptLabel> {
        thread_local! {
            static SHARED: std::cell::RefCell<Vec<Arc<ScriptLabel>>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        SHARED.with_borrow_mut(|shared| {
            if let Some(known) = shared.iter().find(|l| *l.name == *name && *l.title == *title) {
                return known.clone();
            }
            let new = Arc::new(ScriptLabel {
                name: name.into(),
                title: title.into(),
            });
            if shared.len() < 64 {
                shared.push(new.clone());
            }
            new
        })
    }
}

/// [`Summary`] as it is written (in the index): the script's name and title are fields of
/// their own, and text is borrowed from the JSON where it can be, so that reading a row makes
/// no copy it then throws away (100,000 rows left 100,000 holes in the heap).
#[derive(Serialize, Deserialize)]
#[serde(rename = "Summary")]
struct SummaryRow<'a> {
    id: SessionId,
    status: Status,
    started: DateTime<FixedOffset>,
    updated: DateTime<FixedOffset>,
    #[serde(borrow)]
    script_name: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    script_title: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    title: std::borrow::Cow<'a, str>,
    answered_steps: u16,
    total_steps: u16,
    #[serde(default)]
    open_commitments: std::borrow::Cow<'a, [OpenCommitment]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    come_back: Option<DateTime<FixedOffset>>,
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SummaryRow {
            id: self.id.clone(),
            status: self.status,
            started: self.started,
            updated: self.updated,
            script_name: (&*self.script.name).into(),
            script_title: (&*self.script.title).into(),
            title: (&*self.title).into(),
            answered_steps: self.answered_steps,
            total_steps: self.total_steps,
            open_commitments: (&*self.open_commitments).into(),
            come_back: self.come_back.as_deref().copied(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Summary, D::Error> {
        let row = SummaryRow::deserialize(deserializer)?;
        Ok(Summary {
            id: row.id,
            status: row.status,
            started: row.started,
            updated: row.updated,
            script: ScriptLabel::shared(&row.script_name, &row.script_title),
            title: row.title.into(),
            answered_steps: row.answered_steps,
            total_steps: row.total_steps,
            open_commitments: row.open_commitments.into_owned().into(),
            come_back: row.come_back.map(Box::new),
        })
    }
}

/// An open commitment as the session list knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCommitment {
    /// Its index in the session's commitments.
    pub index: u32,
    /// What will be done.
    pub action: Box<str>,
    /// Who does it (a short name, held inline).
    pub owner: CompactString,
    /// By when.
    pub due: Option<chrono::NaiveDate>,
    /// When it comes up for a check-in (see [`crate::session::Commitment::check_from`]);
    /// `due` for rows indexed before this was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_from: Option<chrono::NaiveDate>,
    /// Whether it is a when-then plan (its check-in asks whether the plan fired).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plan: bool,
}

impl OpenCommitment {
    /// Whether it comes up for a check-in by `today` (for a row indexed before `check_from`
    /// was kept: whether its date has come).
    pub fn comes_up_by(&self, today: chrono::NaiveDate) -> bool {
        self.check_from.or(self.due).is_some_and(|day| day <= today)
    }
}

impl Summary {
    /// How many of its commitments come up for a check-in by `today`: what the home screen's
    /// reminder and `ownup due` count.
    pub fn due_count(&self, today: chrono::NaiveDate) -> usize {
        self.open_commitments
            .iter()
            .filter(|c| c.comes_up_by(today))
            .count()
    }

    /// What the list shows of `session`.
    pub fn of(session: &Session) -> Summary {
        Summary {
            id: session.id.clone(),
            status: session.status,
            started: session.started,
            updated: session.updated,
            script: ScriptLabel::shared(&session.script.name, &session.script.title),
            title: session.title().into(),
            answered_steps: u16::try_from(session.answered_steps()).unwrap_or(u16::MAX),
            total_steps: u16::try_from(session.steps.len()).unwrap_or(u16::MAX),
            open_commitments: session
                .commitments
                .iter()
                .enumerate()
                .filter(|(_, c)| c.status == crate::session::CommitmentStatus::Open)
                .filter_map(|(index, c)| {
                    Some(OpenCommitment {
                        index: u32::try_from(index).ok()?,
                        action: c.action.as_str().into(),
                        owner: c.owner.as_str().into(),
                        due: c.due,
                        check_from: c.check_from(),
                        plan: c.when.is_some(),
                    })
                })
                .collect(),
            come_back: session.come_back.map(Box::new),
        }
    }
}

/// A session id with its session, or why its file could not be read.
pub type Loaded = (SessionId, Result<Session, LoadError>);

/// One row of the session list: a readable session, or a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// A session that loaded.
    Session(Summary),
    /// A `.ron` file in the sessions directory that is not a readable session.
    Unreadable {
        /// The id taken from the file name.
        id: SessionId,
        /// Why it could not be read (with its path).
        error: Box<LoadError>,
    },
}

impl Entry {
    /// The id (file stem) of the entry.
    pub fn id(&self) -> &SessionId {
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
    /// The same lock in the folder where an older ownup, still running, looks for it.
    _old: Option<File>,
    id: SessionId,
}

impl SessionLock {
    /// The id of the locked session.
    pub fn id(&self) -> &SessionId {
        &self.id
    }
}

/// The session files on disk.
#[derive(Debug, Clone)]
pub struct SessionStore {
    layout: Layout,
    /// The key, once given, of an encrypted store.
    keys: Option<Arc<Keys>>,
    /// The store's own lock, held shared while the store is open (every ownup), exclusive
    /// while it is encrypted or decrypted: no ownup writes in the old form meanwhile.
    _hold: Option<Arc<File>>,
    /// The words of an encrypted store's answers, indexed in memory by the first search.
    words: index::WordsCache,
}

/// How the store's own lock is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// Alongside other ownups.
    Shared,
    /// Alone: to encrypt or decrypt.
    Exclusive,
}

/// The name of the store's own lock (`locks/store.lock`; no session id is named so).
const STORE_LOCK: &str = "store";

impl SessionStore {
    /// Opens the store all under `data_dir` (see [`SessionStore::open_layout`]).
    pub fn open(data_dir: &Path) -> Result<SessionStore, StoreError> {
        SessionStore::open_layout(Layout::new(data_dir))
    }

    /// Opens the store laid out as `layout`, creating the sessions and locks folders (0700)
    /// if needed, and clearing what earlier versions left in the data folder when the cache
    /// and locks are kept elsewhere. Previous versions of edited sessions are kept in
    /// `revisions/`.
    pub fn open_layout(layout: Layout) -> Result<SessionStore, StoreError> {
        create_private_dir(layout.sessions())?;
        // The locks folder is needed only to edit: a read-only one must not keep anyone from
        // reading, listing or exporting. `lock` makes it when it is missing, and says why not.
        let _ = create_private_dir(layout.locks());
        moved::clear_old_places(&layout);
        let hold = hold(&layout, Hold::Shared)?;
        Ok(SessionStore::of(layout, hold))
    }

    /// Opens the store laid out as `layout` alone, to encrypt or decrypt it:
    /// [`StoreError::InUse`] while any other ownup has it open.
    pub fn open_alone(layout: Layout) -> Result<SessionStore, StoreError> {
        create_private_dir(layout.sessions())?;
        create_private_dir(layout.locks())?;
        let hold = hold(&layout, Hold::Exclusive)?.ok_or_else(|| StoreError::Write {
            path: layout.lock(STORE_LOCK),
            source: io::Error::other("the store's lock file cannot be made"),
        })?;
        Ok(SessionStore::of(layout, Some(hold)))
    }

    /// The store as it is on disk now (encrypted or not, as `key.age` says), with the same
    /// hold on it and no key.
    pub fn reopened(&self) -> SessionStore {
        SessionStore::of(self.layout.clone(), self._hold.clone())
    }

    fn of(layout: Layout, hold: Option<Arc<File>>) -> SessionStore {
        // Encrypted when its sealed key is there (a link is not a key of ownup's).
        let sealed = fs::symlink_metadata(layout.key()).is_ok();
        SessionStore {
            layout: layout.sealed(sealed),
            keys: None,
            _hold: hold,
            words: index::WordsCache::default(),
        }
    }

    /// Whether the store is encrypted (its sealed key, `key.age`, is there).
    pub fn is_encrypted(&self) -> bool {
        self.layout.is_sealed()
    }

    /// The store with its key given: its encrypted files can be read, and new ones written.
    pub fn with_keys(self, keys: Arc<Keys>) -> SessionStore {
        SessionStore {
            keys: Some(keys),
            ..self
        }
    }

    /// The key given, if any.
    pub fn keys(&self) -> Option<&Keys> {
        self.keys.as_deref()
    }

    /// The key the index rows are sealed with: in an encrypted store, once its key is given.
    fn row_key(&self) -> Option<&crate::crypt::RowKey> {
        self.keys().filter(|_| self.is_encrypted()).map(Keys::rows)
    }

    /// Whether the index may be used: not in an encrypted store opened without its key, whose
    /// index (sealed) it could neither read nor write without making it anew.
    fn index_usable(&self) -> bool {
        !self.is_encrypted() || self.keys.is_some()
    }

    /// The file session `id` is read from: its encrypted file, else one not encrypted yet
    /// (in an encrypted store); its only form in a store that is not.
    pub fn current_file(&self, id: &str) -> PathBuf {
        let path = self.path_of(id);
        if self.is_encrypted() && fs::symlink_metadata(&path).is_err() {
            let twin = self.layout.session_twin(id);
            if fs::symlink_metadata(&twin).is_ok() {
                return twin;
            }
        }
        path
    }

    /// `plain` encrypted to the store key, in an encrypted store whose key was given (for a
    /// rescue file, written outside the store); `None` otherwise.
    pub fn seal_bytes(&self, plain: &[u8]) -> Option<Vec<u8>> {
        let keys = self.keys().filter(|_| self.is_encrypted())?;
        keys.store().encrypt(plain).ok()
    }

    /// The bytes to write as the file at `path`, from its text: encrypted in an encrypted
    /// store.
    fn encode<'a>(&self, plain: &'a [u8], path: &Path) -> Result<std::borrow::Cow<'a, [u8]>, StoreError> {
        sealed::encode(plain, path, self.is_encrypted(), self.keys())
    }

    /// Where everything this store keeps lives.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The sessions directory.
    pub fn dir(&self) -> &Path {
        self.layout.sessions()
    }

    /// The file of session `id`.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.layout.session(id)
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
            // A trashed session keeps its id, so that it can come back.
            if self.taken(&id) {
                continue;
            }
            match self.lock(&id) {
                // Re-check: another instance may have saved it between our check and lock.
                Ok(lock) if !self.taken(&id) => return Ok(lock),
                Ok(_) | Err(StoreError::Locked(_)) => continue,
                Err(other) => return Err(other),
            }
        }
        unreachable!("the id search is unbounded")
    }

    /// Whether a file of session `id` is there, in either form, kept or in the trash.
    fn taken(&self, id: &str) -> bool {
        [
            self.path_of(id),
            self.layout.session_twin(id),
            self.layout.trashed(id),
            self.layout.trashed_twin(id),
        ]
        .iter()
        .any(|path| fs::symlink_metadata(path).is_ok())
    }

    /// Takes the lock of session `id`, or says it is held elsewhere.
    pub fn lock(&self, id: &str) -> Result<SessionLock, StoreError> {
        create_private_dir(self.layout.locks())?;
        let path = self.layout.lock(id);
        let opened = open_lock_file(&path);
        let not_a_lock = |kind: Kind| {
            StoreError::Conflict(format!(
                "{} is {}, not a lock file — remove it, and ownup makes a new one",
                path.display(),
                kind.describe()
            ))
        };
        let file = match opened {
            Ok(file) => file,
            Err(source) => {
                return Err(
                    match fs::symlink_metadata(&path)
                        .ok()
                        .and_then(|m| Kind::of(m.file_type()))
                    {
                        Some(kind) => not_a_lock(kind),
                        None => StoreError::Write { path, source },
                    },
                );
            }
        };
        if let Some(kind) = file.metadata().ok().and_then(|m| Kind::of(m.file_type())) {
            return Err(not_a_lock(kind));
        }
        match file.try_lock() {
            Ok(()) => Ok(SessionLock {
                _file: file,
                _old: moved::held_elsewhere(&self.layout, id)
                    .map_err(|()| StoreError::Locked(id.to_string()))?,
                id: id.into(),
            }),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Locked(id.to_string())),
            Err(fs::TryLockError::Error(source)) => Err(StoreError::Write { path, source }),
        }
    }

    /// Saves `session` atomically to its file; returns the path.
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        self.save_versioned(session).map(|(path, _)| path)
    }

    /// [`SessionStore::save`], with the version of the file as written (see
    /// [`SessionStore::version_of`]).
    fn save_versioned(&self, session: &Session) -> Result<(PathBuf, FileVersion), StoreError> {
        let text = to_ron(session)?;
        let path = self.path_of(&session.id);
        // Never write what could not be read back.
        if u64::try_from(text.len()).unwrap_or(u64::MAX) > crate::files::MAX_FILE_SIZE {
            return Err(StoreError::TooLarge {
                path,
                size: text.len(),
            });
        }
        let bytes = self.encode(text.as_bytes(), &path)?;
        let meta = atomic::write_atomic_stat(&path, &bytes).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        self.clear_twin(&session.id, &path)?;
        Ok((path, FileVersion::of(&meta)))
    }

    /// Once session `id` is written encrypted at `written`, removes its file not encrypted
    /// yet, if there is one: it was the session's text before this save (kept as a revision
    /// when the save asked for one). One that is not a regular file is left for the doctor.
    fn clear_twin(&self, id: &str, written: &Path) -> Result<(), StoreError> {
        let twin = self.layout.session_twin(id);
        if !self.is_encrypted() || twin == written {
            return Ok(());
        }
        match fs::symlink_metadata(&twin) {
            Ok(meta) if meta.is_file() => fs::remove_file(&twin)
                .and_then(|()| crate::files::sync_dir(&twin))
                .map_err(|source| StoreError::Write { path: twin, source }),
            _ => Ok(()),
        }
    }

    /// Whether `path` (a file to write, or a directory to write into) is in one of the
    /// folders where only ownup writes (sessions, revisions, trash, cache, locks, drafts): an
    /// export there could replace a session.
    pub fn holds(&self, path: &Path) -> bool {
        // The nearest part of the path that exists, resolved; what is below it is new.
        let mut at = Some(path);
        let mut real = None;
        while let Some(p) = at {
            if let Ok(found) = fs::canonicalize(p) {
                real = Some(found);
                break;
            }
            at = p.parent().filter(|parent| !parent.as_os_str().is_empty());
        }
        let Some(real) = real.or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| fs::canonicalize(d).ok())
        }) else {
            return false;
        };
        self.layout
            .folders()
            .into_iter()
            .filter_map(|(_, dir)| fs::canonicalize(dir).ok())
            .any(|dir| real.starts_with(dir))
    }

    /// Which version of session `id`'s file is on disk: it changes whenever the file is
    /// written or replaced, by ownup or anything else. `None` when there is no file.
    pub fn version_of(&self, id: &str) -> Option<FileVersion> {
        let meta = fs::symlink_metadata(self.current_file(id)).ok()?;
        Some(FileVersion::of(&meta))
    }

    /// Saves `session`, first keeping the file's current text as a revision when
    /// `keep_revision` (an edit of a finished session). If the copy cannot be made, the file
    /// is not overwritten. Returns the file and its version as written.
    pub fn save_revising(
        &self,
        session: &Session,
        keep_revision: bool,
    ) -> Result<(PathBuf, FileVersion), StoreError> {
        if keep_revision {
            self.keep_revision(&session.id, session.updated)?;
        }
        self.save_versioned(session)
    }

    /// Loads session `id`.
    pub fn load(&self, id: &str) -> Result<Session, StoreError> {
        let path = self.current_file(id);
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.to_string()));
            }
            Err(err) => {
                return Err(LoadError::Io {
                    path,
                    reason: describe_io(&err),
                }
                .into());
            }
        };
        Ok(read_session(&path, id, meta.file_type(), self.keys())?)
    }

    /// Every session file, newest first; unreadable files are listed with their reason.
    ///
    /// Rows come from the index where a file is unchanged since it was indexed (same inode,
    /// size, modification and change time); other files are parsed, in parallel, and the index
    /// updated. Without a usable index every file is parsed.
    pub fn list(&self) -> Result<Vec<Entry>, StoreError> {
        let mut entries = Vec::new();
        self.each_entry(|entry| {
            entries.push(entry);
            true
        })?;
        // Grown by doubling: up to half of it spare, 8 MB at 100,000 rows.
        entries.shrink_to_fit();
        Ok(entries)
    }

    /// Calls `f` with every entry of [`SessionStore::list`], in order, until it returns false:
    /// the index is brought up to date first, then rows are read one at a time, so the first
    /// can be shown before the last is read.
    pub fn each_entry(&self, mut f: impl FnMut(Entry) -> bool) -> Result<(), StoreError> {
        let (index, mut others) = self.refreshed()?;
        let Some(index) = index else {
            others.sort_by(|a, b| id_order(b.id(), a.id()));
            for entry in others {
                if !f(entry) {
                    break;
                }
            }
            return Ok(());
        };
        // Files the index does not hold (not regular files) are merged in by id.
        others.sort_by(|a, b| id_order(a.id(), b.id()));
        let mut go_on = true;
        let read = index.each_entry(None, |entry| {
            while others
                .last()
                .is_some_and(|o| id_order(o.id(), entry.id()).is_gt())
            {
                if let Some(other) = others.pop() {
                    go_on = f(other);
                }
                if !go_on {
                    return false;
                }
            }
            go_on = f(entry);
            go_on
        });
        if read.is_err() {
            return Err(StoreError::Index(self.index_path()));
        }
        while go_on && let Some(other) = others.pop() {
            go_on = f(other);
        }
        Ok(())
    }

    /// The newest `n` rows as the index last knew them, without looking at the files: what
    /// the first frame shows while [`SessionStore::list`] checks them. `None` when there is
    /// no index yet.
    pub fn newest(&self, n: usize) -> Option<Vec<Entry>> {
        if !self.index_usable() {
            return None;
        }
        let index = Index::open_existing(&self.index_file()?, self.row_key())?;
        let mut entries = Vec::with_capacity(n);
        index
            .each_entry(Some(n), |entry| {
                entries.push(entry);
                true
            })
            .ok()?;
        Some(entries)
    }

    /// The ids of the sessions whose answers have a word beginning with each of `prefixes`
    /// (lower case; see [`crate::search`]), newest first: from the index, or without one by
    /// reading every session.
    pub fn answer_matches(&self, prefixes: &[String]) -> Result<Vec<SessionId>, StoreError> {
        if let Some(index) = self
            .index_file()
            .filter(|_| self.index_usable())
            .and_then(|path| Index::open_existing(&path, self.row_key()))
            && let Ok(names) = index.matching(prefixes, &self.words)
        {
            return Ok(names
                .into_iter()
                .filter_map(|name| layout::id_of(&name).map(SessionId::from))
                .collect());
        }
        let answers: Vec<(SessionId, String)> = self
            .map_all(|id, session| session.ok().map(|s| (id, crate::search::answers_text(&s))))?
            .into_iter()
            .flatten()
            .collect();
        Ok(crate::search::ids_matching(&answers, prefixes))
    }

    /// In an encrypted store, opens and indexes the words of every answer in memory now (what
    /// the first search would do), from the index; nothing otherwise.
    pub fn prepare_search(&self) {
        if self.is_encrypted()
            && let Some(index) = self
                .index_file()
                .filter(|_| self.index_usable())
                .and_then(|path| Index::open_existing(&path, self.row_key()))
        {
            // Ready once done; the lock goes at once.
            drop(index.prepare_words(&self.words));
        }
    }

    /// The answers of the sessions `ids` (all answers, one after another), for highlighting
    /// search hits; sessions that cannot be read are left out.
    pub fn answers_of(&self, ids: &[SessionId]) -> Vec<(SessionId, String)> {
        parallel_map(ids.to_vec(), |id| {
            let session = self.load(&id).ok()?;
            Some((id, crate::search::answers_text(&session)))
        })
        .into_iter()
        .flatten()
        .collect()
    }

    /// Removes the index (its words of every answer with it), to be rebuilt when next needed.
    pub fn remove_index(&self) {
        if let Some(path) = self.index_file() {
            index::remove_index_files(&path);
        }
    }

    /// Deletes the index beside the session files and builds it anew from them; returns where
    /// it is, or `None` if it cannot be made (the list and search then read the files).
    pub fn rebuild_index(&self) -> Result<Option<PathBuf>, StoreError> {
        if let Some(path) = self.index_file() {
            index::remove_index_files(&path);
        }
        let (index, _) = self.refreshed()?;
        Ok(index.map(|_| self.index_path()))
    }

    /// Brings the index up to date with the session files. Returns it (unless none can be
    /// used) and the entries it does not hold: files that are not regular files, or, without
    /// an index, every file, parsed.
    fn refreshed(&self) -> Result<(Option<Index>, Vec<Entry>), StoreError> {
        if !self.index_usable() {
            return Ok((None, self.unindexed()?));
        }
        // Opening the index and looking at the files are independent: do both at once.
        let (index, files) = std::thread::scope(|scope| {
            let index = scope.spawn(|| {
                create_private_dir(self.layout.cache()).ok()?;
                let index_path = self.index_file()?;
                // The list cache of earlier versions is replaced by the index.
                let _ = fs::remove_file(self.layout.old_list_cache());
                let index = Index::open(&index_path, self.row_key())?;
                let stamps = index.stamps().ok()?;
                Some((index, stamps))
            });
            let dir = self.layout.sessions();
            let files = self.session_files().map(|files| {
                files
                    .into_iter()
                    .map(|mut file| {
                        // No stat for what is not a file: it is reported, never indexed. The
                        // stat does not follow links, as reading does not.
                        let meta = file
                            .file_type
                            .is_file()
                            .then(|| fs::symlink_metadata(file.path(dir)).ok())
                            .flatten();
                        let stamp = meta.as_ref().filter(|m| m.is_file()).map(Stamp::of);
                        if let Some(meta) = meta {
                            file.file_type = meta.file_type();
                        }
                        (file, stamp)
                    })
                    .collect::<Vec<_>>()
            });
            (index.join().ok().flatten(), files)
        });
        let files = files?;
        let dir = self.layout.sessions();
        let read = |file: SessionFile| -> (Entry, String) {
            let path = file.path(dir);
            let id = file.id;
            match read_session(&path, &id, file.file_type, self.keys()) {
                Ok(session) => (
                    Entry::Session(Summary::of(&session)),
                    crate::search::answers_text(&session),
                ),
                Err(error) => (
                    Entry::Unreadable {
                        id,
                        error: Box::new(error),
                    },
                    String::new(),
                ),
            }
        };
        let Some((mut index, mut known)) = index else {
            let all = files.into_iter().map(|(file, _)| file).collect();
            return Ok((
                None,
                parallel_map(all, |file: SessionFile| {
                    entry_of(file.id.clone(), &file.path(dir), file.file_type, self.keys())
                }),
            ));
        };
        let mut others = Vec::new();
        let mut to_read = Vec::new();
        let mut name = String::new();
        for (file, stamp) in files {
            name.clear();
            name.push_str(&file.id);
            name.push('.');
            name.push_str(EXT);
            if file.sealed {
                name.push('.');
                name.push_str(layout::SEALED_EXT);
            }
            let Some(stamp) = stamp else {
                others.push(file);
                continue;
            };
            match known.remove(name.as_str()) {
                Some((was, _)) if was == stamp => {}
                _ => to_read.push((name.clone(), stamp, file)),
            }
        }
        let gone: Vec<(i64, String)> = known
            .into_iter()
            .map(|(name, (_, row))| (row, name.into_string()))
            .collect();
        let others = parallel_map(others, |file: SessionFile| {
            entry_of(file.id.clone(), &file.path(dir), file.file_type, self.keys())
        });
        if gone.is_empty() && to_read.is_empty() {
            // Every row matches its file: whole, even if the update that wrote them was cut short
            // before it could say so.
            if !index.is_complete() && index.set_complete(true).is_err() {
                return Ok((None, self.unindexed()?));
            }
            return Ok((Some(index), others));
        }
        // In chunks, so that at most a few thousand sessions' answers are in memory at once,
        // and parsed on the other cores while the last chunk is written to the index.
        let written = std::thread::scope(|scope| {
            let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<index::Row>>(1);
            let index = &mut index;
            let writer = scope.spawn(move || {
                // Not to be trusted by a search until every row is in (a full disk may stop it).
                index.set_complete(false)?;
                index.update(&gone, &[])?;
                for rows in received {
                    index.update(&[], &rows)?;
                }
                index.set_complete(true)
            });
            let mut files = to_read.into_iter().peekable();
            while files.peek().is_some() {
                let chunk: Vec<_> = files.by_ref().take(INDEX_CHUNK).collect();
                let rows = parallel_map(chunk, |(name, stamp, file)| {
                    let (entry, answers) = read(file);
                    index::Row {
                        name,
                        stamp,
                        entry,
                        answers,
                    }
                });
                if chunks.send(rows).is_err() {
                    break; // the writer stopped on an error, reported below
                }
            }
            drop(chunks);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        if written.is_err() {
            // An index that cannot be written (a full disk, a read-only folder) is not used:
            // the list is read from the files.
            drop(index);
            return Ok((None, self.unindexed()?));
        }
        Ok((Some(index), others))
    }

    /// Every file parsed, without the index.
    fn unindexed(&self) -> Result<Vec<Entry>, StoreError> {
        let files = self.session_files()?;
        let dir = self.layout.sessions();
        Ok(parallel_map(files, |file| {
            let path = file.path(dir);
            entry_of(file.id, &path, file.file_type, self.keys())
        }))
    }

    /// Every session, loaded in parallel, newest first; unreadable files with their reason.
    pub fn load_all(&self) -> Result<Vec<Loaded>, StoreError> {
        self.map_all(|id, session| (id, session))
    }

    /// `f` of every session (or why it cannot be read), in parallel, newest first. Each session
    /// is dropped once `f` is done with it, so only what `f` keeps stays in memory.
    pub fn map_all<R: Send>(
        &self,
        f: impl Fn(SessionId, Result<Session, LoadError>) -> R + Sync,
    ) -> Result<Vec<R>, StoreError> {
        let mut files = self.session_files()?;
        files.sort_by(|a, b| id_order(&b.id, &a.id));
        let dir = self.layout.sessions();
        Ok(parallel_map(files, |file| {
            let session = read_session(&file.path(dir), &file.id, file.file_type, self.keys());
            f(file.id, session)
        }))
    }

    /// Where the index is, through no symbolic link (SQLite refuses one anywhere in the
    /// path, and ownup never follows one in its own folders); `None` when the cache folder is
    /// not a folder of its own (a link to somewhere else is never written into).
    fn index_file(&self) -> Option<PathBuf> {
        let cache = self.layout.cache();
        if !fs::symlink_metadata(cache).ok()?.is_dir() {
            return None;
        }
        let name = self.layout.index();
        Some(fs::canonicalize(cache).ok()?.join(name.file_name()?))
    }

    fn index_path(&self) -> PathBuf {
        self.layout.index()
    }

    /// `(id, path, type)` of every `*.ron` entry in the sessions directory, whatever it is: the
    /// type comes with the directory entry, so that what is not a regular file is reported
    /// without being opened.
    fn session_files(&self) -> Result<Vec<SessionFile>, StoreError> {
        let dir = self.layout.sessions();
        let read_err = |source| StoreError::ReadDir {
            path: dir.to_path_buf(),
            source,
        };
        let mut files = Vec::new();
        let mut twins = false;
        for entry in fs::read_dir(dir).map_err(read_err)? {
            let entry = entry.map_err(read_err)?;
            let path = entry.path();
            // A name that is not UTF-8 is listed too (its id shown with U+FFFD), so that it is
            // reported — it cannot match the id inside — rather than silently left out.
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            if let Some(id) = layout::id_of(&name) {
                let file_type = entry.file_type().map_err(read_err)?;
                // Only an odd name keeps its own copy: no allocation a file for the rest, so
                // that looking at 100,000 files leaves no litter in the heap.
                let odd_name = (path.file_name() != Some(std::ffi::OsStr::new(&*name)))
                    .then(|| entry.file_name().into_boxed_os_str());
                let sealed = name.ends_with(layout::SEALED_EXT);
                if sealed != self.is_encrypted() {
                    twins = true;
                }
                files.push(SessionFile {
                    id: SessionId::from(id),
                    file_type,
                    odd_name,
                    sealed,
                });
            }
        }
        if twins {
            // A session in both forms (an encryption cut short, or a file synced from a
            // machine that encrypts differently) is one session: its file in the store's
            // form is the one read; `ownup doctor` reports the other.
            let encrypted = self.is_encrypted();
            files.sort_by(|a, b| {
                a.id.cmp(&b.id)
                    .then((a.sealed != encrypted).cmp(&(b.sealed != encrypted)))
            });
            files.dedup_by(|later, first| later.id == first.id);
        }
        Ok(files)
    }

    /// Temp files left behind by an interrupted save (older than a minute).
    pub fn stale_temp_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let now = SystemTime::now();
        let mut found = Vec::new();
        let dir = self.layout.sessions();
        let entries = fs::read_dir(dir).map_err(|source| StoreError::ReadDir {
            path: dir.to_path_buf(),
            source,
        })?;
        // Beside the sessions, and beside key.age (a sealed copy of the key, from a change of
        // passphrase cut short).
        let beside_key = fs::read_dir(self.layout.root())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(".key.age."))
            });
        for entry in entries.flatten().chain(beside_key) {
            let path = entry.path();
            let is_temp = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') && n.ends_with(TMP_SUFFIX));
            if !is_temp {
                continue; // no stat for the thousands of session files
            }
            let age = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| now.duration_since(modified).ok());
            if age.is_some_and(|age| age >= STALE_TEMP_AGE) {
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
    pub fn find(&self, id_or_prefix: &str) -> Result<SessionId, StoreError> {
        let mut ids: Vec<SessionId> = self.session_files()?.into_iter().map(|file| file.id).collect();
        if ids.iter().any(|id| id == id_or_prefix) {
            return Ok(id_or_prefix.into());
        }
        ids.retain(|id| id.starts_with(id_or_prefix));
        ids.sort_by(|a, b| id_order(a, b));
        match ids.len() {
            0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
            1 => Ok(ids.remove(0)),
            _ => Err(StoreError::Ambiguous {
                prefix: id_or_prefix.to_string(),
                candidates: ids.into_iter().map(String::from).collect(),
            }),
        }
    }

    /// Keeps the current file of session `id` as a revision, before an edit overwrites it:
    /// `<data>/revisions/<id>/<time>.ron`. Returns the copy's path.
    pub fn keep_revision(&self, id: &str, at: DateTime<FixedOffset>) -> Result<PathBuf, StoreError> {
        self.keep_copy(id, &at.format("%Y%m%d-%H%M%S").to_string())
    }

    /// Keeps the file of session `id` as it is now, changed by something other than this
    /// ownup while it had the session open, before this ownup's text replaces it:
    /// `<data>/revisions/<id>/<time>-outside.ron`. Returns the copy's path.
    pub fn keep_outside_version(&self, id: &str, at: DateTime<FixedOffset>) -> Result<PathBuf, StoreError> {
        self.keep_copy(id, &format!("{}-outside", at.format("%Y%m%d-%H%M%S")))
    }

    /// Keeps `bytes`, session `id` as another machine had it when both machines changed it
    /// (see [`crate::sync`]), beside this machine's version, which stays in place:
    /// `<data>/revisions/<id>/<time>-other-machine.ron`. Returns the copy's path.
    pub fn keep_other_machine_version(
        &self,
        id: &str,
        bytes: &[u8],
        at: DateTime<FixedOffset>,
    ) -> Result<PathBuf, StoreError> {
        let name = format!("{}-{OTHER_MACHINE}", at.format("%Y%m%d-%H%M%S"));
        // In an encrypted store, a version from a machine that does not encrypt is
        // encrypted here: no text is kept in the clear.
        let sealed;
        let bytes = match self.is_encrypted() && !crate::crypt::StoreKey::is_age(bytes) {
            true => {
                sealed = self.encode(bytes, &self.layout.revision(id, &name))?.into_owned();
                &sealed[..]
            }
            false => bytes,
        };
        self.keep_bytes(id, &name, bytes)
    }

    /// The versions of session `id` kept from another machine (see
    /// [`SessionStore::keep_other_machine_version`]), oldest first.
    pub fn other_machine_versions(&self, id: &str) -> Vec<PathBuf> {
        let mut kept = self.revisions(id);
        kept.retain(|path| is_other_machine_version(path));
        kept
    }

    /// Copies the file of session `id` to `<data>/revisions/<id>/<name>.ron` (`-2`, `-3`… if
    /// taken).
    fn keep_copy(&self, id: &str, name: &str) -> Result<PathBuf, StoreError> {
        let bytes = read_bytes(&self.current_file(id))?;
        // A file not encrypted yet, in an encrypted store, is kept encrypted.
        if self.is_encrypted() && !crate::crypt::StoreKey::is_age(&bytes) {
            let sealed = self.encode(&bytes, &self.layout.revision(id, name))?;
            return self.keep_bytes(id, name, &sealed);
        }
        self.keep_bytes(id, name, &bytes)
    }

    /// Writes `bytes` as `<data>/revisions/<id>/<name>.ron` (`-2`, `-3`… if taken), or
    /// `.ron.age` when they are encrypted.
    fn keep_bytes(&self, id: &str, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        create_private_dir(&self.layout.revision_dir(id))?;
        let layout = self.layout.clone().sealed(crate::crypt::StoreKey::is_age(bytes));
        let mut path = layout.revision(id, name);
        for n in 2.. {
            if fs::symlink_metadata(&path).is_err() {
                break;
            }
            path = layout.revision(id, &format!("{name}-{n}"));
        }
        write_atomic(&path, bytes).map_err(|source| StoreError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// Previous versions kept of session `id`, oldest first.
    pub fn revisions(&self, id: &str) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.layout.revision_dir(id)) else {
            return vec![];
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .and_then(layout::id_of)
                    .is_some()
            })
            .collect();
        let stem = |p: &PathBuf| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(layout::id_of)
                .map(str::to_string)
                .unwrap_or_default()
        };
        found.sort_by(|a, b| id_order(&stem(a), &stem(b)));
        found
    }

    /// Moves session `id` to `<data>/trash/`, from where [`SessionStore::restore`] brings it
    /// back. Refused while the session is open in another ownup, and for what restore would not
    /// bring back (a link, a FIFO…): a deletion can always be undone.
    pub fn trash(&self, id: &str) -> Result<PathBuf, StoreError> {
        let _lock = self.lock(id)?;
        let from = self.current_file(id);
        let Ok(meta) = fs::symlink_metadata(&from) else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        if let Some(kind) = Kind::of(meta.file_type()) {
            return Err(StoreError::Conflict(format!(
                "{} is not moved to the trash: it {}",
                from.display(),
                crate::files::not_a_file(kind, "session file")
            )));
        }
        create_private_dir(self.layout.trash())?;
        // In the trash as it was: encrypted or not.
        let to = self.layout.clone().sealed(is_sealed_name(&from)).trashed(id);
        if let Some(there) = [self.layout.trashed(id), self.layout.trashed_twin(id)]
            .into_iter()
            .find(|path| fs::symlink_metadata(path).is_ok())
        {
            return Err(StoreError::Conflict(format!(
                "{} is already in the trash — restore or remove it first",
                there.display()
            )));
        }
        move_file(&from, &to)?;
        Ok(to)
    }

    /// Brings session `id` back from the trash.
    pub fn restore(&self, id: &str) -> Result<PathBuf, StoreError> {
        let from = [self.layout.trashed(id), self.layout.trashed_twin(id)]
            .into_iter()
            .find(|path| fs::symlink_metadata(path).is_ok())
            .unwrap_or_else(|| self.layout.trashed(id));
        let Ok(meta) = fs::symlink_metadata(&from) else {
            return Err(StoreError::Conflict(format!(
                "{id} is not in the trash — `ownup trash` lists what is"
            )));
        };
        // Only what ownup put there goes back: a FIFO or a link is nothing it deleted.
        if let Some(kind) = Kind::of(meta.file_type()) {
            return Err(StoreError::Conflict(format!(
                "{} {}, so it is not brought back",
                from.display(),
                crate::files::not_a_file(kind, "session file")
            )));
        }
        let to = self.layout.clone().sealed(is_sealed_name(&from)).session(id);
        if let Some(there) = [self.path_of(id), self.layout.session_twin(id)]
            .into_iter()
            .find(|path| fs::symlink_metadata(path).is_ok())
        {
            return Err(StoreError::Conflict(format!(
                "{} already exists, so {} stays in the trash",
                there.display(),
                from.display()
            )));
        }
        move_file(&from, &to)?;
        Ok(to)
    }

    /// Sessions in the trash, newest first.
    pub fn trashed(&self) -> Vec<Entry> {
        let Ok(dir) = fs::read_dir(self.layout.trash()) else {
            return vec![];
        };
        let mut entries: Vec<Entry> = dir
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let id = SessionId::from(layout::id_of(path.file_name()?.to_str()?)?);
                let file_type = entry.file_type().ok()?;
                Some(entry_of(id, &path, file_type, self.keys()))
            })
            .collect();
        entries.sort_by(|a, b| id_order(b.id(), a.id()));
        entries
    }
}

/// Opens (or makes, 0600) the lock file at `path`: not through a link, and not waiting (opening
/// a FIFO to write blocks until a reader comes, and would hang the app).
fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Takes the store's own lock (`locks/store.lock`) as `how` says. `Ok(None)` when there is no
/// lock to take (a locks folder that cannot be written: reading goes on, and saving says why
/// when it needs its own lock).
fn hold(layout: &Layout, how: Hold) -> Result<Option<Arc<File>>, StoreError> {
    let Ok(file) = open_lock_file(&layout.lock(STORE_LOCK)) else {
        return Ok(None);
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let taken = match how {
        Hold::Shared => file.try_lock_shared(),
        Hold::Exclusive => file.try_lock(),
    };
    match taken {
        Ok(()) => Ok(Some(Arc::new(file))),
        Err(fs::TryLockError::WouldBlock) => Err(match how {
            Hold::Shared => StoreError::Converting,
            Hold::Exclusive => StoreError::InUse,
        }),
        Err(fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Whether the revision at `path` is a version kept from another machine (see
/// [`SessionStore::keep_other_machine_version`]).
pub fn is_other_machine_version(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .and_then(layout::id_of)
        .and_then(|stem| stem.split_once(OTHER_MACHINE))
        .is_some_and(|(time, rest)| time.ends_with('-') && (rest.is_empty() || rest.starts_with('-')))
}

/// Renames `from` to `to` (same file system) and makes both directories durable.
fn move_file(from: &Path, to: &Path) -> Result<(), StoreError> {
    let failed = |source| StoreError::Write {
        path: to.to_path_buf(),
        source,
    };
    fs::rename(from, to).map_err(failed)?;
    for dir in [from.parent(), to.parent()].into_iter().flatten() {
        File::open(dir).and_then(|d| d.sync_all()).map_err(failed)?;
    }
    Ok(())
}

/// `f` over `items` on all cores, results in the order of `items`.
fn parallel_map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let next: Vec<T> = items.by_ref().take(chunk).collect();
        if next.is_empty() {
            break;
        }
        chunks.push(next);
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// The list row of the session file at `path`, or why it cannot be read.
fn entry_of(id: SessionId, path: &Path, file_type: fs::FileType, keys: Option<&Keys>) -> Entry {
    match read_session(path, &id, file_type, keys) {
        Ok(session) => Entry::Session(Summary::of(&session)),
        Err(error) => Entry::Unreadable {
            id,
            error: Box::new(error),
        },
    }
}

/// Orders ids by time, then by collision suffix numerically (`-2` before `-10`).
pub fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(id: &str) -> (&str, u64) {
        // Ids are `YYYYMMDD-HHMMSS` (15 chars) plus an optional `-N`.
        match id.get(15..).and_then(|rest| rest.strip_prefix('-')) {
            Some(n) if n.chars().all(|c| c.is_ascii_digit()) => (&id[..15], n.parse().unwrap_or(u64::MAX)),
            _ => (id, 0),
        }
    }
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests;
