//! The cache and the locks, moved out of the data folder: what earlier versions of ownup left
//! in `<data>/cache` and `<data>/locks` is cleared away when the store opens, so that the data
//! folder carries only sessions, revisions, trash and drafts.
//!
//! The old index is only removed (the new one is built from the session files). An old lock
//! file is removed only when no process holds it; one that is held belongs to an older ownup
//! still running, and is honoured by [`held_elsewhere`] until that ownup lets it go.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::index::remove_index_files;
use super::layout::{Layout, lock_file_name};

/// Clears the old cache and the old lock files that no process holds, and their folders when
/// nothing else is left in them. Best effort: what cannot be removed stays, harmless.
pub(super) fn clear_old_places(layout: &Layout) {
    let Some((cache, locks)) = layout.old_places() else {
        return;
    };
    // Where the cache or the locks are kept now may be where they were (XDG_STATE_HOME set to
    // the data folder's parent, say): that one is in use, not old.
    if cache != layout.cache() && is_real_dir(&cache) {
        let index = cache.join("index.sqlite3");
        remove_index_files(&index);
        if fs::symlink_metadata(cache.join("list.json")).is_ok_and(|m| m.is_file()) {
            let _ = fs::remove_file(cache.join("list.json"));
        }
        let _ = fs::remove_dir(&cache); // only when empty
    }
    if locks != layout.locks() && is_real_dir(&locks) {
        for (path, file_type) in crate::files::sorted_entries(&locks) {
            let is_lock = path.extension().is_some_and(|e| e == "lock");
            if !is_lock || !file_type.is_file() {
                continue;
            }
            // Removed while held by us, so that no other process can have taken it between.
            if let Some(file) = open_existing(&path)
                && file.try_lock().is_ok()
            {
                let _ = fs::remove_file(&path);
            }
        }
        let _ = fs::remove_dir(&locks); // only when empty
    }
}

/// The old lock file of `name`, held by this process, when an older ownup may still use it;
/// `Err(())` when another process holds it. `Ok(None)` when there is none (the usual case: a
/// stat of a folder that is not there).
pub(super) fn held_elsewhere(layout: &Layout, name: &str) -> Result<Option<File>, ()> {
    let Some((_, locks)) = layout.old_places() else {
        return Ok(None);
    };
    if locks == layout.locks() || !is_real_dir(&locks) {
        return Ok(None);
    }
    let Some(file) = open_existing(&locks.join(lock_file_name(name))) else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(_) => Err(()),
    }
}

fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Opens an existing regular file to lock it: never creates, never follows a link, never
/// waits on a FIFO.
fn open_existing(path: &Path) -> Option<File> {
    let file = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .ok()?;
    file.metadata().ok()?.is_file().then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(root: &Path) -> Layout {
        Layout::split(
            &root.join("data"),
            &root.join("cache/ownup"),
            &root.join("state/ownup/locks"),
        )
    }

    #[test]
    fn the_old_cache_and_free_locks_are_cleared_and_held_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let layout = split(dir.path());
        let (cache, locks) = layout.old_places().unwrap();
        fs::create_dir_all(&cache).unwrap();
        fs::create_dir_all(&locks).unwrap();
        for name in ["index.sqlite3", "index.sqlite3-wal", "list.json"] {
            fs::write(cache.join(name), "x").unwrap();
        }
        fs::write(locks.join("free.lock"), "").unwrap();
        fs::write(locks.join("held.lock"), "").unwrap();
        let held = open_existing(&locks.join("held.lock")).unwrap();
        held.try_lock().unwrap();

        // A second handle in this process stands for an older ownup holding the lock:
        // flock locks are per open file, so this one cannot be taken.
        assert!(held_elsewhere(&layout, "held").is_err());
        assert!(held_elsewhere(&layout, "free").unwrap().is_some());
        assert!(held_elsewhere(&layout, "none").unwrap().is_none());

        clear_old_places(&layout);
        assert!(!cache.exists(), "the old cache folder is gone");
        assert!(!locks.join("free.lock").exists());
        assert!(locks.join("held.lock").exists(), "a held lock stays");
        drop(held);
        clear_old_places(&layout);
        assert!(!locks.exists(), "and goes once let go");
        assert!(held_elsewhere(&layout, "held").unwrap().is_none());
    }

    #[test]
    fn what_is_not_ownups_stays() {
        let dir = tempfile::tempdir().unwrap();
        let layout = split(dir.path());
        let (cache, locks) = layout.old_places().unwrap();
        fs::create_dir_all(&cache).unwrap();
        fs::create_dir_all(&locks).unwrap();
        fs::write(cache.join("notes.txt"), "mine").unwrap();
        fs::write(locks.join("notes.txt"), "mine").unwrap();
        clear_old_places(&layout);
        assert_eq!(fs::read_to_string(cache.join("notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(locks.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn the_locks_kept_where_the_old_ones_were_are_not_old() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let layout = Layout::split(&data, &dir.path().join("cache"), &data.join("locks"));
        fs::create_dir_all(layout.locks()).unwrap();
        fs::write(layout.lock("x"), "").unwrap();
        clear_old_places(&layout);
        assert!(layout.lock("x").exists(), "the locks folder in use stays");
        assert!(
            held_elsewhere(&layout, "x").unwrap().is_none(),
            "and is not taken twice"
        );
    }

    #[test]
    fn under_one_folder_nothing_is_old() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        fs::create_dir_all(layout.locks()).unwrap();
        fs::write(layout.lock("x"), "").unwrap();
        clear_old_places(&layout);
        assert!(layout.lock("x").exists());
        assert!(held_elsewhere(&layout, "x").unwrap().is_none());
    }
}
