//! Bringing what another machine sent into this one, file by file, without git's merge.
//!
//! Each file that travels is one session's (or one of its revisions), so two machines that
//! wrote different sessions never touch the same file: what only the other machine changed is
//! written here, atomically, by ownup. When both changed the same file differently, this
//! machine's version stays where it is and the other one is kept beside it as a revision
//! (`revisions/<id>/<time>-other-machine.ron`), which the reader shows. Nothing is ever merged
//! line by line, so a session file is always one machine's whole text, never a mix, and the
//! data folder is never left in a conflict for a person to untangle.
//!
//! A session whose file would be written is locked first, as any writer of it is: one open in
//! an ownup here (being written) is never changed under it. Then nothing is taken in this
//! time, and the sync says so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::SyncError;
use super::repo::{Change, Oid, Repo};
use super::tracked::{self, GITIGNORE};
use crate::store::{SessionLock, SessionStore, StoreError};

/// The other machine's version of a session, kept beside this one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The session.
    pub id: String,
    /// Where the other machine's version is.
    pub path: PathBuf,
}

/// What taking in the other machine's commits did.
#[derive(Debug, Default)]
pub struct Merged {
    /// Versions changed on both machines, the other one kept as a revision.
    pub kept: Vec<Kept>,
    /// Sessions removed (or moved to the trash) there and changed here: kept here as they are.
    pub kept_here: Vec<String>,
    /// Versions changed on both machines, taken in by the other machine first: its version is
    /// in place now, and this machine's is the revision it kept.
    pub replaced: Vec<Kept>,
    /// Whether `key.age` had been removed there, and this machine's was kept.
    pub key_kept: bool,
    /// Sessions removed there without going to the trash (by hand): in the trash here.
    pub put_in_trash: Vec<String>,
}

/// Whether the other machine's commits could be taken in.
#[derive(Debug)]
pub enum Outcome {
    /// They were: the branch now has them.
    Merged(Merged),
    /// They change sessions open in an ownup here: nothing was taken in.
    OpenHere(BTreeSet<String>),
}

/// Takes `theirs` (the remote's commit) into the branch at `ours` (`None` before the first
/// commit), writing what changed there into the data folder. `now` names kept versions.
/// `accept_key` is a sealed key (`key.age`) the other machine has that may replace this one's:
/// the same key sealed anew there, checked by the caller.
pub fn integrate(
    repo: &Repo,
    store: &SessionStore,
    (ours, theirs): (Option<&str>, &str),
    now: DateTime<FixedOffset>,
    host: &str,
    accept_key: Option<&[u8]>,
) -> Result<Outcome, SyncError> {
    let base = match ours {
        Some(ours) => repo.merge_base(ours, theirs)?,
        // Two machines that began syncing apart share no history: everything is new to both.
        None => None,
    };
    let base = match base {
        Some(base) => base,
        None => repo.empty_tree()?,
    };
    let mine = match ours {
        Some(ours) => repo.diff(&base, ours)?,
        None => BTreeMap::new(),
    };
    let (mut only_theirs, mut both) = (Vec::new(), Vec::new());
    let mut unknown = Vec::new();
    for (path, change) in repo.diff(&base, theirs)? {
        if path == GITIGNORE {
            continue; // ownup's own, written again on every sync
        }
        if !tracked::is_tracked(&path) || !change.regular {
            unknown.push(path);
            continue;
        }
        match mine.get(&path) {
            None => only_theirs.push((path, change)),
            Some(my) if my.new == change.new => {}
            Some(_) => both.push((path, change)),
        }
    }
    if !unknown.is_empty() {
        return Err(SyncError::Unknown { paths: unknown });
    }
    // The key of the sessions changed on the other machine (sealed anew, another key, or
    // decrypted) while this machine has one: taking another key would leave this machine's
    // sessions that the other has not seen unreadable, so it is taken only when the caller
    // found it opens them (`accept_key`). Without a key here, the other's is taken (a machine
    // joining, or one decrypted to take it).
    let (mut key_accepted, mut key_kept) = (false, false);
    let key_change = both
        .iter()
        .chain(&only_theirs)
        .find(|(path, _)| path == tracked::KEY)
        .map(|(_, change)| change.new.clone());
    match key_change {
        Some(Some(blob)) if store.layout().key().exists() => {
            let sealed = repo.blob(&blob)?;
            if accept_key != Some(&sealed[..]) {
                return Err(SyncError::KeyChanged { theirs: sealed });
            }
            key_accepted = true;
        }
        // Removed there: never ownup's doing (a machine that decrypts leaves the remote
        // encrypted), but by hand, or by someone who can write to the remote. Taking it would
        // have sessions go there in the clear: the last one synced is kept, and sent again.
        Some(None) => {
            only_theirs.retain(|(path, _)| path != tracked::KEY);
            both.retain(|(path, _)| path != tracked::KEY);
            key_kept = true;
        }
        _ => {}
    }
    if (key_accepted || !store.layout().key().exists())
        && let Some(at) = both.iter().position(|(path, _)| path == tracked::KEY)
    {
        only_theirs.push(both.remove(at));
    }
    // A session's own file removed there, neither moved to the trash nor put back in the
    // other form (encrypted, or out of the trash): never ownup's doing, but by hand, or by
    // someone who can write to the remote. It is not removed here: it goes to the trash.
    let removed_by_hand: Vec<String> = only_theirs
        .iter()
        .filter(|(path, change)| change.new.is_none() && path.starts_with("sessions/"))
        .filter(|(path, _)| {
            let id = tracked::session_of(path).unwrap_or_default();
            !only_theirs.iter().chain(&both).any(|(other, change)| {
                change.new.is_some()
                    && tracked::session_of(other) == Some(id)
                    && tracked::is_session_file(other)
            })
        })
        .map(|(path, _)| path.clone())
        .collect();
    only_theirs.retain(|(path, _)| !removed_by_hand.contains(path));
    let _locks = match lock_sessions(store, &only_theirs)? {
        Ok(locks) => locks,
        Err(open) => return Ok(Outcome::OpenHere(open)),
    };
    // Changed here since the commit just made (by hand, or a tool that takes no lock): that
    // text is as much this machine's as a committed one.
    let changed_here = differ_from_committed(repo, &only_theirs)?;
    // The key changed here only by being removed (decrypted here), or sealed anew on both:
    // the other's is taken.
    let take_key = key_accepted || !store.layout().key().exists();
    // What the other machine sent, read by one git.
    let wanted: Vec<&str> = only_theirs
        .iter()
        .filter_map(|(_, change)| change.new.as_deref())
        .collect();
    let contents: BTreeMap<String, Vec<u8>> = wanted
        .iter()
        .map(|oid| oid.to_string())
        .zip(repo.blobs(&wanted)?)
        .collect();
    // An encrypted file sent over one that opens here, and that the key here does not open:
    // never ownup's doing (a key sealed anew is the same key), but a remote written by hand,
    // or by someone else. This machine's stays, and the other's is kept beside it.
    let unopenable_over_ours = |path: &str, change: &Change| -> bool {
        let key = match store.keys() {
            Some(keys) if store.is_encrypted() => keys.store(),
            _ => return false,
        };
        let theirs = change.new.as_ref().and_then(|oid| contents.get(oid));
        match theirs {
            Some(bytes) if path.ends_with(".ron.age") && !key.opens(bytes) => {
                crate::files::read_regular(&repo.dir().join(path), crate::files::Links::Refuse, u64::MAX)
                    .is_ok_and(|ours| key.opens(&ours))
            }
            _ => false,
        }
    };
    let (only_theirs, also_mine): (Vec<_>, Vec<_>) = only_theirs.into_iter().partition(|(path, change)| {
        (take_key && path == tracked::KEY)
            || !(changed_here.contains(path) || unopenable_over_ours(path, change))
    });
    both.extend(also_mine);

    let mut merged = Merged {
        replaced: replaced(repo, ours, &only_theirs)?,
        key_kept,
        ..Merged::default()
    };
    let (mut written, mut removed) = (Vec::new(), Vec::new());
    for (path, change) in &only_theirs {
        let file = repo.dir().join(path);
        match &change.new {
            Some(oid) => {
                // One for each asked for (or `blobs` failed): never an empty file instead.
                let Some(bytes) = contents.get(oid) else {
                    return Err(SyncError::Write {
                        path: file,
                        why: "git gave fewer files than asked for".into(),
                    });
                };
                write_file(&file, bytes)?;
                written.push(path.clone());
            }
            None => {
                remove_file(&file)?;
                removed.push(path.clone());
            }
        }
    }
    for (path, change) in &both {
        let Some(id) = tracked::session_of(path) else {
            continue;
        };
        match &change.new {
            Some(blob) => {
                let kept = store.keep_other_machine_version(id, &repo.blob(blob)?, now)?;
                if let Ok(relative) = kept.strip_prefix(repo.dir()) {
                    written.push(relative.to_string_lossy().into_owned());
                }
                merged.kept.push(Kept {
                    id: id.to_string(),
                    path: kept,
                });
            }
            None => merged.kept_here.push(id.to_string()),
        }
    }
    for path in &removed_by_hand {
        let Some(id) = tracked::session_of(path) else {
            continue;
        };
        // Only the very file removed there goes to the trash here (a machine that decrypted has
        // its plain twin: that one stays, and travels only once encrypted).
        if !std::fs::symlink_metadata(repo.dir().join(path)).is_ok_and(|meta| meta.is_file()) {
            continue;
        }
        // Open in an ownup here, or in the way: left where it is (and sent again).
        if let Ok(to) = store.trash(id) {
            if let Ok(relative) = to.strip_prefix(repo.dir()) {
                written.push(relative.to_string_lossy().into_owned());
            }
            removed.push(path.clone());
            merged.put_in_trash.push(id.to_string());
        }
    }
    repo.stage(&written)?;
    repo.unstage(&removed)?;
    commit_merge(repo, ours, theirs, &merged, host)?;
    Ok(Outcome::Merged(merged))
}

/// The sessions among `changes` that the other machine found changed on both machines when
/// it took in this one's: it put its own version in place, which `changes` bring here, and kept
/// this machine's (what `ours` has) as a revision, which `changes` bring too.
fn replaced(repo: &Repo, ours: Option<&str>, changes: &[(String, Change)]) -> Result<Vec<Kept>, SyncError> {
    let Some(ours) = ours else {
        return Ok(vec![]);
    };
    let mut found = Vec::new();
    for (path, change) in changes {
        let Some(id) = tracked::session_of(path) else {
            continue;
        };
        let is_kept_version = path.starts_with("revisions/")
            && change.old.is_none()
            && crate::store::is_other_machine_version(Path::new(path));
        if !is_kept_version || change.new.is_none() {
            continue;
        }
        let mut mine_replaced = false;
        for session in [format!("sessions/{id}.ron"), format!("sessions/{id}.ron.age")] {
            if changes.iter().any(|(other, _)| *other == session)
                && repo.blob_at(ours, &session)? == change.new
            {
                mine_replaced = true;
            }
        }
        if mine_replaced {
            found.push(Kept {
                id: id.to_string(),
                path: repo.dir().join(path),
            });
        }
    }
    Ok(found)
}

/// The locks of the sessions whose own files (in `sessions/` or `trash/`) would be written;
/// `Err` with those open in an ownup here, when any is.
fn lock_sessions(
    store: &SessionStore,
    changes: &[(String, Change)],
) -> Result<Result<Vec<SessionLock>, BTreeSet<String>>, SyncError> {
    let ids: BTreeSet<&str> = changes
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| tracked::is_session_file(path))
        .filter_map(tracked::session_of)
        .collect();
    let (mut locks, mut open) = (Vec::new(), BTreeSet::new());
    for id in ids {
        match store.lock(id) {
            Ok(lock) => locks.push(lock),
            Err(StoreError::Locked(_)) => {
                open.insert(id.to_string());
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(if open.is_empty() { Ok(locks) } else { Err(open) })
}

/// The paths among `changes` whose file on disk is not what this machine last committed
/// there (the change's old side: this machine did not change them since they met).
fn differ_from_committed(repo: &Repo, changes: &[(String, Change)]) -> Result<BTreeSet<String>, SyncError> {
    let mut differ = BTreeSet::new();
    let mut files = Vec::new();
    let mut expected: Vec<&Option<Oid>> = Vec::new();
    for (path, change) in changes {
        match std::fs::symlink_metadata(repo.dir().join(path)) {
            Ok(meta) if meta.is_file() => {
                files.push(path.clone());
                expected.push(&change.old);
            }
            // Something that is not a file is never replaced; a file that is missing must be.
            Ok(_) => {
                differ.insert(path.clone());
            }
            Err(_) if change.old.is_some() => {
                differ.insert(path.clone());
            }
            Err(_) => {}
        }
    }
    for ((path, hash), want) in files.iter().zip(repo.hash_files(&files)?).zip(expected) {
        if want.as_deref() != Some(hash.as_str()) {
            differ.insert(path.clone());
        }
    }
    Ok(differ)
}

/// Records the branch with `theirs` taken in: moved to `theirs` itself when the files are now
/// exactly what it has (this machine adds nothing to it: a fast-forward, or local commits whose
/// content the remote already holds), else a merge commit of what the index now holds.
fn commit_merge(
    repo: &Repo,
    ours: Option<&str>,
    theirs: &str,
    merged: &Merged,
    host: &str,
) -> Result<(), SyncError> {
    let tree = repo.write_tree()?;
    if tree == repo.tree_of(theirs)? {
        return repo.move_branch(theirs, ours);
    }
    let mut message = format!("ownup: take in what the other machine sent, on {host}\n");
    if !merged.kept.is_empty() {
        message.push_str("\nChanged on both machines; this one's stays, the other's is kept as:\n");
        for kept in &merged.kept {
            let path = kept.path.strip_prefix(repo.dir()).unwrap_or(&kept.path);
            message.push_str(&format!("  {}\n", path.display()));
        }
    }
    if !merged.put_in_trash.is_empty() {
        message.push_str("\nRemoved there without going to the trash, so put in the trash here:\n");
        for id in &merged.put_in_trash {
            message.push_str(&format!("  {id}\n"));
        }
    }
    if merged.key_kept {
        message.push_str("\nkey.age was removed there: this machine's is kept.\n");
    }
    if !merged.kept_here.is_empty() {
        message.push_str("\nRemoved there and changed here, so kept here:\n");
        for id in &merged.kept_here {
            message.push_str(&format!("  {id}\n"));
        }
    }
    let parents: Vec<&str> = ours.into_iter().chain([theirs]).collect();
    let commit = repo.commit_tree(&tree, &parents, &message)?;
    repo.move_branch(&commit, ours)
}

/// Writes `bytes` to `file` atomically (0600), making its folder (0700) if needed.
fn write_file(file: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    use std::os::unix::fs::DirBuilderExt;
    let failed = |err: std::io::Error| SyncError::Write {
        path: file.to_path_buf(),
        why: err.to_string(),
    };
    if let Some(dir) = file.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(failed)?;
    }
    crate::store::write_atomic(file, bytes).map_err(failed)
}

/// Removes `file` (gone already is as good), and makes that last.
fn remove_file(file: &Path) -> Result<(), SyncError> {
    match std::fs::remove_file(file) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(SyncError::Write {
            path: file.to_path_buf(),
            why: err.to_string(),
        }),
        _ => {
            if let Some(dir) = file.parent() {
                let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
            }
            Ok(())
        }
    }
}
