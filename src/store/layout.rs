//! Where the store keeps things: every folder and file of the store is named here, once, so
//! that the store, `ownup doctor` and the README cannot disagree about a path.
//!
//! ```text
//! <data>/sessions/<id>.ron                  one file per session
//! <data>/revisions/<id>/<time>.ron          earlier versions of an edited session
//! <data>/trash/<id>.ron                     deleted sessions, until removed by hand
//! <data>/drafts/check-ins.ron               check-in notes not yet recorded
//! <cache>/index.sqlite3                     the list and search index (rebuildable)
//! <locks>/<id>.lock                         what keeps two ownups off one session
//! <data>/key.age                            the store key, sealed (an encrypted store only)
//! ```
//!
//! In an encrypted store every file of the data folder but the sealed key ends in `.ron.age`
//! instead of `.ron` ([`Layout::sealed`]).
//!
//! The data folder holds only what is worth keeping and carrying to another machine; the
//! cache and the locks are the platform's to keep elsewhere ([`Layout::split`]). Under one
//! folder (`OWNUP_HOME`, and every test), `<cache>` is `<data>/cache` and `<locks>`
//! `<data>/locks`.

use std::path::{Path, PathBuf};

/// File extension of session files.
pub(super) const EXT: &str = "ron";
/// What an encrypted file adds to its name: `.age`, as the `age` tool names its files.
pub(super) const SEALED_EXT: &str = "age";
/// The start of the name a check-in drafts file that cannot be read is set aside under.
const SET_ASIDE_DRAFTS: &str = "check-ins-unreadable-";

/// The folders and files of a store, all under one data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    root: PathBuf,
    sessions: PathBuf,
    revisions: PathBuf,
    trash: PathBuf,
    locks: PathBuf,
    cache: PathBuf,
    drafts: PathBuf,
    /// Whether files are named (and written) encrypted.
    sealed: bool,
}

impl Layout {
    /// The layout of the store all under `root` (nothing is created).
    pub fn new(root: &Path) -> Layout {
        Layout::split(root, &root.join("cache"), &root.join("locks"))
    }

    /// The layout of a store whose data is under `root`, its cache (the index) in `cache`
    /// and its lock files in `locks` (nothing is created).
    pub fn split(root: &Path, cache: &Path, locks: &Path) -> Layout {
        Layout {
            root: root.to_path_buf(),
            sessions: root.join("sessions"),
            revisions: root.join("revisions"),
            trash: root.join("trash"),
            locks: locks.to_path_buf(),
            cache: cache.to_path_buf(),
            drafts: root.join("drafts"),
            sealed: false,
        }
    }

    /// This layout with its files named encrypted (`.ron.age`) or not.
    pub fn sealed(self, sealed: bool) -> Layout {
        Layout { sealed, ..self }
    }

    /// Whether its files are named encrypted.
    pub fn is_sealed(&self) -> bool {
        self.sealed
    }

    /// The store key, sealed: `key.age`. Its being there is what makes a store encrypted.
    pub fn key(&self) -> PathBuf {
        self.root.join("key.age")
    }

    /// The name of the file `stem` in this layout: `<stem>.ron`, or `<stem>.ron.age`.
    fn file_name(&self, stem: &str) -> String {
        file_name(stem, self.sealed)
    }

    /// Where earlier versions of ownup kept the cache and the locks, inside the data folder,
    /// when this layout keeps them elsewhere: `(<data>/cache, <data>/locks)`.
    pub fn old_places(&self) -> Option<(PathBuf, PathBuf)> {
        let (cache, locks) = (self.root.join("cache"), self.root.join("locks"));
        (cache != self.cache || locks != self.locks).then_some((cache, locks))
    }

    /// The data folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the session files.
    pub fn sessions(&self) -> &Path {
        &self.sessions
    }

    /// The file of session `id`: `sessions/<id>.ron` (`.ron.age` when sealed).
    pub fn session(&self, id: &str) -> PathBuf {
        self.sessions.join(self.file_name(id))
    }

    /// The file of session `id` in the other form: `.ron` when sealed, else `.ron.age`. In an
    /// encrypted store it is a file not encrypted yet.
    pub fn session_twin(&self, id: &str) -> PathBuf {
        self.sessions.join(file_name(id, !self.sealed))
    }

    /// The folder of earlier versions of edited sessions.
    pub fn revisions(&self) -> &Path {
        &self.revisions
    }

    /// The folder of the earlier versions of session `id`: `revisions/<id>/`.
    pub fn revision_dir(&self, id: &str) -> PathBuf {
        self.revisions.join(id)
    }

    /// An earlier version of session `id`, named `name`: `revisions/<id>/<name>.ron`
    /// (`.ron.age` when sealed).
    pub fn revision(&self, id: &str, name: &str) -> PathBuf {
        self.revision_dir(id).join(self.file_name(name))
    }

    /// The folder of deleted sessions.
    pub fn trash(&self) -> &Path {
        &self.trash
    }

    /// Where session `id` is while deleted: `trash/<id>.ron` (`.ron.age` when sealed).
    pub fn trashed(&self, id: &str) -> PathBuf {
        self.trash.join(self.file_name(id))
    }

    /// Where session `id` is while deleted, in the other form (see [`Layout::session_twin`]).
    pub fn trashed_twin(&self, id: &str) -> PathBuf {
        self.trash.join(file_name(id, !self.sealed))
    }

    /// The folder of lock files.
    pub fn locks(&self) -> &Path {
        &self.locks
    }

    /// The lock file of `name` (a session id, or what else is locked): `locks/<name>.lock`.
    pub fn lock(&self, name: &str) -> PathBuf {
        self.locks.join(lock_file_name(name))
    }

    /// The folder of what can be rebuilt from the session files.
    pub fn cache(&self) -> &Path {
        &self.cache
    }

    /// The list and search index: `cache/index.sqlite3`.
    pub fn index(&self) -> PathBuf {
        self.cache.join("index.sqlite3")
    }

    /// The list cache of earlier versions, replaced by the index: `cache/list.json`.
    pub fn old_list_cache(&self) -> PathBuf {
        self.cache.join("list.json")
    }

    /// The folder of text being typed and not yet recorded.
    pub fn drafts(&self) -> &Path {
        &self.drafts
    }

    /// The check-in notes and dates being typed: `drafts/check-ins.ron` (`.ron.age` when
    /// sealed).
    pub fn check_in_drafts(&self) -> PathBuf {
        self.drafts.join(self.file_name("check-ins"))
    }

    /// The check-in drafts file in the other form (see [`Layout::session_twin`]).
    pub fn check_in_drafts_twin(&self) -> PathBuf {
        self.drafts.join(file_name("check-ins", !self.sealed))
    }

    /// Where the `n`th check-in drafts file that could not be read is set aside:
    /// `drafts/check-ins-unreadable-<n>.ron` (`.ron.age` when sealed).
    pub fn set_aside_drafts(&self, n: u32) -> PathBuf {
        self.drafts
            .join(self.file_name(&format!("{SET_ASIDE_DRAFTS}{n}")))
    }

    /// Whether `path` is named as a set-aside check-in drafts file.
    pub fn is_set_aside_drafts(path: &Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(SET_ASIDE_DRAFTS))
    }

    /// Every folder of the store, by name, where only ownup writes.
    pub fn folders(&self) -> [(&'static str, &Path); 6] {
        [
            ("sessions", &self.sessions),
            ("revisions", &self.revisions),
            ("trash", &self.trash),
            ("locks", &self.locks),
            ("cache", &self.cache),
            ("drafts", &self.drafts),
        ]
    }
}

/// The name of the lock file of `name`: `<name>.lock`.
pub(super) fn lock_file_name(name: &str) -> String {
    format!("{name}.lock")
}

/// The name of a file of the store: `<stem>.ron`, or `<stem>.ron.age` when `sealed`.
pub(super) fn file_name(stem: &str, sealed: bool) -> String {
    match sealed {
        true => format!("{stem}.{EXT}.{SEALED_EXT}"),
        false => format!("{stem}.{EXT}"),
    }
}

/// The id of a session file name: its name without `.ron` or `.ron.age`.
pub(super) fn id_of(name: &str) -> Option<&str> {
    name.strip_suffix(".ron.age")
        .or_else(|| name.strip_suffix(".ron"))
}

/// Whether a file of the store is named encrypted (`.ron.age`).
pub fn is_sealed_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".ron.age"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout::new(Path::new("/data"))
    }

    #[test]
    fn every_path_is_under_the_data_folder_in_its_named_folder() {
        let layout = layout();
        assert_eq!(
            layout.session("20261122-234501"),
            Path::new("/data/sessions/20261122-234501.ron")
        );
        assert_eq!(layout.revision_dir("a"), Path::new("/data/revisions/a"));
        assert_eq!(
            layout.revision("a", "20261122-234501-outside"),
            Path::new("/data/revisions/a/20261122-234501-outside.ron")
        );
        assert_eq!(layout.trashed("a"), Path::new("/data/trash/a.ron"));
        assert_eq!(layout.lock("check-ins"), Path::new("/data/locks/check-ins.lock"));
        assert_eq!(layout.index(), Path::new("/data/cache/index.sqlite3"));
        assert_eq!(layout.old_list_cache(), Path::new("/data/cache/list.json"));
        assert_eq!(layout.check_in_drafts(), Path::new("/data/drafts/check-ins.ron"));
        assert_eq!(
            layout.set_aside_drafts(2),
            Path::new("/data/drafts/check-ins-unreadable-2.ron")
        );
        assert!(Layout::is_set_aside_drafts(&layout.set_aside_drafts(7)));
        assert!(!Layout::is_set_aside_drafts(&layout.check_in_drafts()));
        for (name, folder) in layout.folders() {
            assert_eq!(folder, layout.root().join(name));
        }
    }

    #[test]
    fn split_the_cache_and_locks_are_elsewhere_and_the_old_places_named() {
        let layout = Layout::split(
            Path::new("/data"),
            Path::new("/cache/ownup"),
            Path::new("/state/ownup/locks"),
        );
        assert_eq!(layout.session("a"), Path::new("/data/sessions/a.ron"));
        assert_eq!(layout.check_in_drafts(), Path::new("/data/drafts/check-ins.ron"));
        assert_eq!(layout.index(), Path::new("/cache/ownup/index.sqlite3"));
        assert_eq!(layout.lock("a"), Path::new("/state/ownup/locks/a.lock"));
        assert_eq!(
            layout.old_places(),
            Some((PathBuf::from("/data/cache"), PathBuf::from("/data/locks")))
        );
        assert_eq!(Layout::new(Path::new("/data")).old_places(), None);
    }

    #[test]
    fn a_session_id_comes_back_from_its_file_name() {
        let name = layout().session("20261122-234501-2");
        let name = name.file_name().and_then(|n| n.to_str()).unwrap();
        assert_eq!(id_of(name), Some("20261122-234501-2"));
        assert_eq!(id_of("notes.txt"), None);
        assert_eq!(id_of("20261122-234501.ron.age"), Some("20261122-234501"));
    }

    #[test]
    fn a_sealed_layout_names_every_file_of_the_data_folder_encrypted() {
        let layout = layout().sealed(true);
        assert_eq!(layout.session("a"), Path::new("/data/sessions/a.ron.age"));
        assert_eq!(layout.session_twin("a"), Path::new("/data/sessions/a.ron"));
        assert_eq!(
            layout.revision("a", "t"),
            Path::new("/data/revisions/a/t.ron.age")
        );
        assert_eq!(layout.trashed("a"), Path::new("/data/trash/a.ron.age"));
        assert_eq!(layout.trashed_twin("a"), Path::new("/data/trash/a.ron"));
        assert_eq!(
            layout.check_in_drafts(),
            Path::new("/data/drafts/check-ins.ron.age")
        );
        assert_eq!(
            layout.set_aside_drafts(2),
            Path::new("/data/drafts/check-ins-unreadable-2.ron.age")
        );
        assert!(Layout::is_set_aside_drafts(&layout.set_aside_drafts(2)));
        assert_eq!(layout.key(), Path::new("/data/key.age"));
        assert!(is_sealed_name(&layout.session("a")));
        assert!(!is_sealed_name(&layout.session_twin("a")));
        // The cache and the locks are not files of the data folder.
        assert_eq!(layout.index(), Path::new("/data/cache/index.sqlite3"));
        assert_eq!(layout.lock("a"), Path::new("/data/locks/a.lock"));
    }

    /// The README's "Where your files live" names every folder the store keeps, and the files
    /// in them that a person may meet.
    #[test]
    fn the_readme_names_every_folder_and_file_of_the_layout() {
        let readme = include_str!("../../README.md");
        let (_, section) = readme
            .split_once("## Where your files live")
            .expect("README has a \"Where your files live\" section");
        let section = section.split("\n## ").next().unwrap_or_default();
        let layout = layout();
        for (name, _) in layout.folders() {
            assert!(
                section.contains(&format!("`{name}/")),
                "README does not name {name}/"
            );
        }
        for file in [layout.index(), layout.check_in_drafts()] {
            let relative = file.strip_prefix(layout.root()).unwrap().display().to_string();
            assert!(
                section.contains(&format!("`{relative}`")),
                "README does not name {relative}"
            );
        }
    }
}
