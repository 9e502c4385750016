//! The index beside the session files: one row per session file (what the list shows) and a
//! full-text index of the answers, in one SQLite database (`cache/index.sqlite3`).
//!
//! The answers are indexed without being stored (a contentless FTS5 table): the index knows
//! which words each session has, not its text, which stays in the session files alone.
//!
//! Why SQLite: the home screen needs the newest screenful of rows without reading the rest
//! (an ordered table read with `LIMIT`), search needs every hit for a word without reading every
//! session (FTS5, with prefix indexes so `roll` finds "rolled"), and both must be updated a
//! few rows at a time, safely, while another ownup may be reading them. One well-kept library
//! does all three; a hand-made format would have to re-invent each.
//!
//! In an encrypted store the index holds no text at all: each row's list entry and answers
//! are sealed together with the store's [`RowKey`] (so a row says only its file's name and
//! stamp), the full-text table stays empty, and search opens the rows instead. The index
//! names the key its rows are sealed with, and one sealed with another key (or none) is made
//! anew.
//!
//! It is a cache and never the only copy of anything: each row is checked against its file's
//! inode, size, modification and change time (a `cp -p` or `rsync -a` that restores the
//! modification time still changes the change time), so sessions edited, added or removed by
//! hand are picked up. A missing, damaged or outdated index is deleted and rebuilt; if it cannot
//! be used at all, the list and search read the session files instead.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use compact_str::CompactString;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::Entry;
use crate::crypt::RowKey;

/// The largest index `ownup doctor` expects: it holds every answer once more, with prefix
/// indexes, so it may be a few times the size of the sessions.
pub(super) const MAX_INDEX_SIZE: u64 = 64 * 1024 * 1024 * 1024;

/// Bumped whenever what is stored changes shape: an index of another version is rebuilt.
const VERSION: i64 = 4;

/// How a file was when its row was made: if any of it changed, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    inode: i64,
    size: i64,
    /// Modification time, in nanoseconds since the epoch.
    modified: i64,
    /// Change time (which no copy tool can restore), in nanoseconds since the epoch.
    changed: i64,
}

impl Stamp {
    /// The stamp of a file from its metadata (not following links, as reading does not).
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        let nanos = |secs: i64, nsec: i64| secs.saturating_mul(1_000_000_000).saturating_add(nsec);
        Stamp {
            inode: meta.ino() as i64,
            size: meta.size() as i64,
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// A row to write: a file's name, stamp, list entry and answers.
pub(super) struct Row {
    pub name: String,
    pub stamp: Stamp,
    pub entry: Entry,
    /// All answers, for search; empty for an unreadable file.
    pub answers: String,
}

/// The open index.
pub(super) struct Index {
    conn: Connection,
    /// The key its rows are sealed with, in an encrypted store.
    rows: Option<RowKey>,
}

/// The words of an encrypted store's answers, indexed in memory (see [`Index::matching`]):
/// shared by every copy of a store.
pub(super) type WordsCache = std::sync::Arc<std::sync::Mutex<Option<SealedWords>>>;

/// The words of the sealed rows, as of the index's [`Index::fingerprint`].
#[derive(Debug)]
pub(super) struct SealedWords {
    fingerprint: [i64; 4],
    names: Vec<String>,
    index: crate::search::Index,
}

/// What a sealed row holds.
#[derive(serde::Serialize, serde::Deserialize)]
struct SealedRow<E, A> {
    entry: E,
    answers: A,
}

/// The key that sorts ids as [`super::id_order`] does, so SQLite can order rows by it: the
/// time part, a zero byte, then the collision number padded to 20 digits.
pub(super) fn sort_key(id: &str) -> Vec<u8> {
    let (time, n) = match id.get(15..).and_then(|rest| rest.strip_prefix('-')) {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => (&id[..15], n.parse().unwrap_or(u64::MAX)),
        _ => (id, 0),
    };
    let mut key = time.as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(format!("{n:020}").as_bytes());
    key
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS files (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        sort BLOB NOT NULL,
        inode INTEGER NOT NULL,
        size INTEGER NOT NULL,
        modified INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        entry TEXT NOT NULL,
        sealed BLOB
    );
    CREATE INDEX IF NOT EXISTS files_by_sort ON files (sort);
    CREATE VIRTUAL TABLE IF NOT EXISTS answers USING fts5(
        body,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3'
    );
";

impl Index {
    /// Opens (or creates) the index at `path`. A file there that is not a usable index of this
    /// version is removed and the index made anew; `None` if even that fails (then callers read
    /// the session files).
    pub(super) fn open(path: &Path, rows: Option<&RowKey>) -> Option<Index> {
        unlink_strangers(path);
        match Index::try_open(path, rows) {
            Ok(index) => Some(index),
            // Another ownup is making or writing it: not damaged, just not ours this time.
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                None
            }
            Err(_) => {
                remove_index_files(path);
                Index::try_open(path, rows).ok()
            }
        }
    }

    /// Opens the index only if it is there, without creating or repairing anything: for the
    /// first frame, which must not wait for a rebuild.
    pub(super) fn open_existing(path: &Path, rows: Option<&RowKey>) -> Option<Index> {
        if !journal_names(path).all(|name| own_file_or_none(&name)) {
            return None;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .ok()?;
        conn.busy_timeout(std::time::Duration::from_secs(2)).ok()?;
        let index = Index {
            conn,
            rows: rows.cloned(),
        };
        // Only a whole index is trusted: one cut short (a full disk) is not used until rebuilt.
        (index.version().ok()? == Some(VERSION) && index.is_complete() && index.sealed_as_asked())
            .then_some(index)
    }

    fn try_open(path: &Path, rows: Option<&RowKey>) -> rusqlite::Result<Index> {
        // Created here, private from the start: SQLite would make it with the umask's mode,
        // and its journal files take the database's mode.
        match fs::symlink_metadata(path) {
            Ok(meta) if !meta.is_file() => {
                if meta.is_dir() {
                    return Err(rusqlite::Error::InvalidPath(path.to_path_buf()));
                }
                let _ = fs::remove_file(path);
            }
            _ => {}
        }
        let created = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path);
        if created.is_err() {
            return Err(rusqlite::Error::InvalidPath(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Made by SQLite itself (another ownup removed it meanwhile), it may have the umask's
        // mode: it holds the words of every answer, so it is made private.
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
        // Several ownups may read while one writes; a cache can be rebuilt, so a write needs no
        // fsync of its own.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let index = Index {
            conn,
            rows: rows.cloned(),
        };
        match index.version()? {
            // One sealed with another key, or with none, is made anew: never mixed.
            Some(VERSION) if index.sealed_as_asked() => {}
            Some(_) => return Err(rusqlite::Error::InvalidQuery),
            None => {
                index.conn.execute_batch(SCHEMA)?;
                index.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?1)",
                    params![VERSION],
                )?;
                index.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('key', ?1)",
                    params![index.rows.as_ref().map_or("", |key| key.name())],
                )?;
            }
        }
        Ok(index)
    }

    /// Whether its rows are sealed with the key it was opened with (or, opened without one,
    /// not sealed).
    fn sealed_as_asked(&self) -> bool {
        let named = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'key'", [], |row| {
                row.get::<_, String>(0)
            })
            .unwrap_or_default();
        named == self.rows.as_ref().map_or("", |key| key.name())
    }

    /// Whether the last update finished: an update marks the index incomplete first and
    /// complete once all its rows are in.
    pub(super) fn is_complete(&self) -> bool {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'complete'", [], |row| {
                row.get::<_, i64>(0)
            })
            .is_ok_and(|v| v == 1)
    }

    /// Marks the index complete (every file's row written) or not.
    pub(super) fn set_complete(&self, complete: bool) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('complete', ?1)",
                params![i64::from(complete)],
            )
            .map(|_| ())
    }

    fn version(&self) -> rusqlite::Result<Option<i64>> {
        let has_meta: bool = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |row| row.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !has_meta {
            return Ok(None);
        }
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'version'", [], |row| {
                row.get(0)
            })
            .optional()
    }

    /// The stamp and row number of every file in the index, by name.
    pub(super) fn stamps(&self) -> rusqlite::Result<HashMap<CompactString, (Stamp, i64)>> {
        let mut statement = self
            .conn
            .prepare("SELECT name, inode, size, modified, changed, id FROM files")?;
        let rows = statement.query_map([], |row| {
            Ok((
                // Inline, not a string allocated a file (a name is `ID.ron`, 19 bytes).
                CompactString::from(row.get_ref(0)?.as_str()?),
                (
                    Stamp {
                        inode: row.get(1)?,
                        size: row.get(2)?,
                        modified: row.get(3)?,
                        changed: row.get(4)?,
                    },
                    row.get::<_, i64>(5)?,
                ),
            ))
        })?;
        rows.collect()
    }

    /// Removes the rows `gone` (row number and file name) and writes `rows` (new or changed
    /// files), in one transaction. A row is removed only if it still has that name: another
    /// ownup may have reused its number for another file since the stamps were read.
    pub(super) fn update(&mut self, gone: &[(i64, String)], rows: &[Row]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut delete_file = tx.prepare_cached("DELETE FROM files WHERE id = ?1 AND name = ?2")?;
            let mut delete_answers = tx.prepare_cached("DELETE FROM answers WHERE rowid = ?1")?;
            for (id, name) in gone {
                if delete_file.execute(params![id, name])? > 0 {
                    delete_answers.execute(params![id])?;
                }
            }
            let mut upsert = tx.prepare_cached(
                "INSERT INTO files (name, sort, inode, size, modified, changed, entry, sealed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (name) DO UPDATE SET sort = excluded.sort, inode = excluded.inode,
                   size = excluded.size, modified = excluded.modified, changed = excluded.changed,
                   entry = excluded.entry, sealed = excluded.sealed
                 RETURNING id",
            )?;
            let mut insert_answers =
                tx.prepare_cached("INSERT INTO answers (rowid, body) VALUES (?1, ?2)")?;
            let failed =
                |e: Box<dyn std::error::Error + Send + Sync>| rusqlite::Error::ToSqlConversionFailure(e);
            for row in rows {
                let (entry, sealed) = match &self.rows {
                    None => (
                        serde_json::to_string(&row.entry).map_err(|e| failed(e.into()))?,
                        None,
                    ),
                    Some(key) => {
                        let plain = serde_json::to_vec(&SealedRow {
                            entry: &row.entry,
                            answers: &row.answers,
                        })
                        .map_err(|e| failed(e.into()))?;
                        (
                            String::new(),
                            Some(key.seal(&plain).map_err(|e| failed(e.into()))?),
                        )
                    }
                };
                let id: i64 = upsert.query_row(
                    params![
                        row.name,
                        sort_key(row.entry.id()),
                        row.stamp.inode,
                        row.stamp.size,
                        row.stamp.modified,
                        row.stamp.changed,
                        entry,
                        sealed
                    ],
                    |r| r.get(0),
                )?;
                // The words of whatever had this row number before (this file's older text,
                // or a file removed since) go first. A sealed row's words are in the row.
                delete_answers.execute(params![id])?;
                if self.rows.is_none() {
                    insert_answers.execute(params![id, row.answers])?;
                }
            }
        }
        tx.commit()
    }

    /// Calls `f` with every row's entry, newest first; stops early when `f` returns false.
    /// Rows that do not parse are skipped.
    pub(super) fn each_entry(
        &self,
        limit: Option<usize>,
        f: impl FnMut(Entry) -> bool,
    ) -> rusqlite::Result<()> {
        self.each_row(limit, f)
    }

    /// Like [`Index::each_entry`], with each row read as `T`: a type that takes only the part
    /// of an [`Entry`] it needs is read quicker than the whole of it.
    pub(super) fn each_row<T: serde::de::DeserializeOwned>(
        &self,
        limit: Option<usize>,
        mut f: impl FnMut(T) -> bool,
    ) -> rusqlite::Result<()> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut statement = self
            .conn
            .prepare_cached("SELECT entry, sealed FROM files ORDER BY sort DESC LIMIT ?1")?;
        let mut rows = statement.query(params![limit])?;
        while let Some(row) = rows.next()? {
            let entry = match &self.rows {
                None => serde_json::from_str::<T>(row.get_ref(0)?.as_str()?).ok(),
                Some(key) => row
                    .get_ref(1)?
                    .as_blob_or_null()?
                    .and_then(|sealed| key.open(sealed).ok())
                    .and_then(|plain| {
                        serde_json::from_slice::<SealedRow<T, serde::de::IgnoredAny>>(&plain).ok()
                    })
                    .map(|row| row.entry),
            };
            // A row that does not open or parse is skipped (its file is read again when it
            // changes; `ownup doctor --fix` rebuilds the index).
            let Some(entry) = entry else {
                continue;
            };
            if !f(entry) {
                break;
            }
        }
        Ok(())
    }

    /// The words of every sealed row's answers, opened and indexed in memory in `words` once,
    /// and again only when a row has changed since: a search types its query a key at a time.
    pub(super) fn prepare_words<'w>(
        &self,
        words: &'w WordsCache,
    ) -> rusqlite::Result<std::sync::MutexGuard<'w, Option<SealedWords>>> {
        let mut cache = words.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(key) = &self.rows else {
            return Ok(cache);
        };
        let now = self.fingerprint()?;
        if cache.as_ref().is_none_or(|cached| cached.fingerprint != now) {
            let answers = self.sealed_answers(key)?;
            *cache = Some(SealedWords {
                fingerprint: now,
                index: crate::search::index_answers(&answers),
                names: answers.into_iter().map(|(name, _)| name).collect(),
            });
        }
        Ok(cache)
    }

    /// What changes whenever a row is written or removed.
    fn fingerprint(&self) -> rusqlite::Result<[i64; 4]> {
        self.conn.query_row(
            // The low bits of the times (nanoseconds: their sum would overflow).
            "SELECT count(*), coalesce(max(id), 0), coalesce(sum(modified & 4294967295), 0),
                    coalesce(sum(changed & 4294967295), 0) FROM files",
            [],
            |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
        )
    }

    /// The id and answers of every sealed row, newest first (for search in an encrypted
    /// store, whose full-text table is empty).
    fn sealed_answers(&self, key: &RowKey) -> rusqlite::Result<Vec<(String, String)>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT name, sealed FROM files ORDER BY sort DESC")?;
        let mut rows = statement.query([])?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            let name = row.get_ref(0)?.as_str()?.to_string();
            let Some(sealed) = row.get_ref(1)?.as_blob_or_null()? else {
                continue;
            };
            let answers = key
                .open(sealed)
                .ok()
                .and_then(|plain| {
                    serde_json::from_slice::<SealedRow<serde::de::IgnoredAny, String>>(&plain).ok()
                })
                .map(|row| row.answers);
            if let Some(answers) = answers {
                found.push((name, answers));
            }
        }
        Ok(found)
    }

    /// The names of the files whose answers have a word beginning with each of `prefixes`
    /// (lower case), newest first.
    pub(super) fn matching(&self, prefixes: &[String], words: &WordsCache) -> rusqlite::Result<Vec<String>> {
        let Some(query) = fts_query(prefixes) else {
            return Ok(Vec::new());
        };
        if self.rows.is_some() {
            let cache = self.prepare_words(words)?;
            return Ok(cache
                .as_ref()
                .map(|cached| crate::search::ids_in(&cached.index, &cached.names, prefixes))
                .unwrap_or_default());
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT files.name FROM answers JOIN files ON files.id = answers.rowid WHERE answers MATCH ?1
             ORDER BY files.sort DESC",
        )?;
        let rows = statement.query_map(params![query], |row| row.get::<_, String>(0))?;
        rows.collect()
    }
}

/// An FTS5 query for rows with a word beginning with every one of `prefixes`; `None` when
/// there is nothing to look for. Each prefix is quoted, so nothing in it is read as syntax.
fn fts_query(prefixes: &[String]) -> Option<String> {
    let terms: Vec<String> = prefixes
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| format!("\"{}\"*", p.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// The index file and its journal files.
fn journal_names(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    ["", "-wal", "-shm", "-journal"].into_iter().map(move |suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// Whether `path` is absent, or a regular file with no other name: a hard link to a file
/// elsewhere would have SQLite write the words of every answer into that file.
fn own_file_or_none(path: &Path) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) => meta.is_file() && meta.nlink() == 1,
        Err(_) => true,
    }
}

/// Removes from the cache folder any name of the index or its journals that is not a file of
/// its own (a link, a hard link, a FIFO): only the name goes, never what it points to.
fn unlink_strangers(path: &Path) {
    for name in journal_names(path) {
        if !own_file_or_none(&name) && !fs::symlink_metadata(&name).is_ok_and(|m| m.is_dir()) {
            let _ = fs::remove_file(&name);
        }
    }
}

/// Removes the index and its journal files (their names only: links are not followed).
pub(super) fn remove_index_files(path: &Path) {
    for name in journal_names(path) {
        if !fs::symlink_metadata(&name).is_ok_and(|m| m.is_dir()) {
            let _ = fs::remove_file(&name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_order_ids_as_the_store_does() {
        let mut ids = vec![
            "20261122-101010-10",
            "20261122-101010",
            "20261122-101010-2",
            "20261121-235959",
            "hand-named",
            "20261122-101010-x",
        ];
        let mut by_key = ids.clone();
        ids.sort_by(|a, b| super::super::id_order(a, b));
        by_key.sort_by_key(|id| sort_key(id));
        assert_eq!(ids, by_key);
    }

    fn row(id: &str, words: &str) -> Row {
        Row {
            name: format!("{id}.ron"),
            stamp: Stamp {
                inode: 1,
                size: 1,
                modified: 1,
                changed: 1,
            },
            entry: Entry::Unreadable {
                id: id.into(),
                error: Box::new(crate::store::LoadError::Empty {
                    path: PathBuf::from(format!("/s/{id}.ron")),
                }),
            },
            answers: words.into(),
        }
    }

    #[test]
    fn a_row_number_reused_by_another_ownup_is_not_removed_with_the_file_it_had() {
        let dir = tempfile::tempdir().unwrap();
        let mut index = Index::open(&dir.path().join("index.sqlite3"), None).unwrap();
        index
            .update(&[], &[row("a", "apple"), row("b", "banana")])
            .unwrap();
        let stale = index.stamps().unwrap();
        let (_, b) = stale["b.ron"];
        // Meanwhile another ownup removes b and adds c, which gets b's row number.
        index
            .update(&[(b, "b.ron".into())], &[row("c", "cherry")])
            .unwrap();
        assert_eq!(index.stamps().unwrap()["c.ron"].1, b, "the number was reused");
        // This one, with its stale view, removes b again: c stays, words and all.
        index.update(&[(b, "b.ron".into())], &[]).unwrap();
        assert_eq!(
            index.matching(&["cherr".into()], &WordsCache::default()).unwrap(),
            ["c.ron"]
        );
        assert!(
            index
                .matching(&["banan".into()], &WordsCache::default())
                .unwrap()
                .is_empty()
        );
        // Written again, a row's old words go: no word is left to a row number.
        index.update(&[], &[row("c", "cranberry")]).unwrap();
        assert!(
            index
                .matching(&["cherr".into()], &WordsCache::default())
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            index.matching(&["cran".into()], &WordsCache::default()).unwrap(),
            ["c.ron"]
        );
    }

    #[test]
    fn queries_quote_what_people_type() {
        assert_eq!(
            fts_query(&["roll".into(), "back".into()]).unwrap(),
            "\"roll\"* AND \"back\"*"
        );
        assert_eq!(fts_query(&["a\"b".into()]).unwrap(), "\"a\"\"b\"*");
        assert_eq!(fts_query(&[]), None);
    }
}
