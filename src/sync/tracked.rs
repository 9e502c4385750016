//! Which files `ownup sync` carries between machines: decided here, and only here.
//!
//! Sessions, their revisions and the trash travel; nothing else in the data folder does. The
//! index (`cache/`) is rebuilt on each machine, a lock (`locks/`) means something only where it
//! is held, `drafts/check-ins.ron` is text being typed on this machine (two machines typing
//! check-in notes would overwrite each other's, and a note is recorded into its session, which
//! travels, once it is done), and config.ron and scripts travel with dotfiles. Hidden files are
//! a save in progress (`.<name>.….tmp`) or a session open in an editor (`.edit-….md`).
//!
//! When sessions are encrypted (`key.age` is there), git is given only `.age` files: the
//! sealed store key and the encrypted sessions, revisions and trash (`.ron.age`); a file not
//! encrypted yet stays on this machine until `ownup encrypt` encrypts it.

use std::fs;
use std::path::Path;

/// The folders that travel, under the data folder.
pub const FOLDERS: [&str; 3] = ["sessions", "revisions", "trash"];
/// The ignore file ownup writes at the top of the data folder, for a hand-run `git add`.
pub const GITIGNORE: &str = ".gitignore";
/// How every file that travels is named, not encrypted.
const EXT: &str = ".ron";
/// How every file that travels is named, encrypted.
const SEALED_EXT: &str = ".ron.age";
/// The sealed store key of an encrypted store, at the top of the data folder.
pub const KEY: &str = "key.age";
/// The first line of the ignore file ownup writes: one without it is the person's own.
const GITIGNORE_HEADER: &str = "# Written by ownup sync";

/// Whether the file at `path` (relative to the data folder, `/`-separated) travels:
/// `sessions/<id>.ron`, `trash/<id>.ron` or `revisions/<id>/<name>.ron` (or `.ron.age`), with
/// names that are not hidden and hold no control character, or `key.age`.
pub fn is_tracked(path: &str) -> bool {
    if path == KEY {
        return true;
    }
    let parts: Vec<&str> = path.split('/').collect();
    let named =
        |part: &str| !part.is_empty() && !part.starts_with('.') && !part.chars().any(char::is_control);
    let file = |part: &str| {
        named(part)
            && [EXT, SEALED_EXT]
                .iter()
                .any(|ext| part.len() > ext.len() && part.ends_with(ext))
    };
    match parts.as_slice() {
        ["sessions" | "trash", name] => file(name),
        ["revisions", id, name] => named(id) && file(name),
        _ => false,
    }
}

/// The session a tracked file belongs to: the id in `sessions/<id>.ron`, `trash/<id>.ron` or
/// `revisions/<id>/…`.
pub fn session_of(path: &str) -> Option<&str> {
    match path.split('/').collect::<Vec<_>>().as_slice() {
        ["sessions" | "trash", name] => name.strip_suffix(SEALED_EXT).or_else(|| name.strip_suffix(EXT)),
        ["revisions", id, _] => Some(id),
        _ => None,
    }
}

/// Whether writing `path` changes a session's own file (in `sessions/` or `trash/`), which
/// only the holder of the session's lock may do.
pub fn is_session_file(path: &str) -> bool {
    path.starts_with("sessions/") || path.starts_with("trash/")
}

/// Whether the data folder `root` is an encrypted store's: its sealed key is there.
pub fn is_encrypted(root: &Path) -> bool {
    fs::symlink_metadata(root.join(KEY)).is_ok_and(|meta| meta.is_file())
}

/// Whether the file at `path`, which git has from the last sync and is not on disk in the
/// store's form, is gone from this machine for good: a removal to send. Not when something
/// else is there (a link, a folder: the last version committed stays), nor when it is there in
/// the other form (decrypted here, and the store took a key since: the others keep theirs),
/// nor for an encrypted file or the key in a store that is not encrypted (decrypted here, or
/// its key lost: not removed from the others).
pub fn is_gone(root: &Path, path: &str, store_encrypted: bool) -> bool {
    if !is_tracked(path) || fs::symlink_metadata(root.join(path)).is_ok() {
        return false;
    }
    if !store_encrypted && in_store_form(path, true) {
        return false;
    }
    match path.strip_suffix(".age") {
        Some(plain) if path.ends_with(SEALED_EXT) => fs::symlink_metadata(root.join(plain)).is_err(),
        _ => true,
    }
}

/// Whether a tree with files at `paths` is an encrypted store's: it has the sealed key, or
/// any encrypted file (the key may have been removed from it, by hand or by someone who can
/// write to the remote: its sessions are still encrypted, and stay so).
pub fn holds_encrypted<'a>(mut paths: impl Iterator<Item = &'a String>) -> bool {
    paths.any(|path| path == KEY || (is_tracked(path) && path.ends_with(SEALED_EXT)))
}

/// Whether `path` (which travels) is in the form the store at `root` keeps: encrypted in an
/// encrypted store (the sealed key too), not encrypted in one that is not.
pub fn in_store_form(path: &str, encrypted: bool) -> bool {
    match encrypted {
        true => path == KEY || path.ends_with(SEALED_EXT),
        false => path != KEY && !path.ends_with(SEALED_EXT),
    }
}

/// Every file that travels in the data folder `root`, as it is now: regular files only (a
/// link, a FIFO or a folder named like a session never travels), in the store's form (see
/// [`in_store_form`]) — encrypted ones only when `encrypted` (the store is, or the remote
/// is and its key is on its way here) — sorted.
pub fn on_disk(root: &Path, encrypted: bool) -> Vec<String> {
    let mut found = Vec::new();
    if is_encrypted(root) {
        found.push(KEY.to_string());
    }
    for folder in ["sessions", "trash"] {
        found.extend(files_in(&root.join(folder), folder));
    }
    for (dir, id) in folders_in(&root.join("revisions")) {
        found.extend(files_in(&dir, &format!("revisions/{id}")));
    }
    found.retain(|path| is_tracked(path) && in_store_form(path, encrypted));
    // Named encrypted is not enough: a file that is not (a plain session renamed by hand)
    // stays here, and `ownup doctor` reports it.
    found.retain(|path| !path.ends_with(SEALED_EXT) || begins_as_age(&root.join(path)));
    found.sort();
    found
}

/// The session files in the data folder `root` that travel only once encrypted, when
/// `encrypted` (the store is, or the remote is): those not encrypted, kept here meanwhile.
pub fn held_back(root: &Path, encrypted: bool) -> usize {
    if !encrypted {
        return 0;
    }
    let mut found = Vec::new();
    for folder in ["sessions", "trash"] {
        found.extend(files_in(&root.join(folder), folder));
    }
    found
        .iter()
        .filter(|path| is_tracked(path) && !in_store_form(path, true))
        .count()
}

/// Whether the file at `path` begins as an age file does.
fn begins_as_age(path: &Path) -> bool {
    use std::io::Read as _;
    const MAGIC: &[u8] = b"age-encryption.org/";
    let mut start = [0u8; MAGIC.len()];
    fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| start == MAGIC)
}

/// The regular files in `dir`, as `<prefix>/<name>`.
fn files_in(dir: &Path, prefix: &str) -> Vec<String> {
    entries(dir)
        .filter(|(_, kind)| kind.is_file())
        .map(|(name, _)| format!("{prefix}/{name}"))
        .collect()
}

/// The folders in `dir` (not through a link), with their names.
fn folders_in(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    entries(dir)
        .filter(|(_, kind)| kind.is_dir())
        .map(|(name, _)| (dir.join(&name), name))
        .collect()
}

/// The entries of `dir` whose names are UTF-8, with their kinds (links not followed).
fn entries(dir: &Path) -> impl Iterator<Item = (String, fs::FileType)> {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| Some((entry.file_name().into_string().ok()?, entry.file_type().ok()?)))
}

/// The ignore file ownup writes: it keeps a `git add` run by hand in the data folder to what
/// [`is_tracked`] says. (ownup itself adds the files [`on_disk`] lists, whatever this says.)
pub fn gitignore(encrypted: bool) -> String {
    let (what, ext, key) = match encrypted {
        true => (
            "encrypted: only the sealed key (key.age), and sessions, their revisions and the\n# trash encrypted (.ron.age),",
            SEALED_EXT,
            format!("!/{KEY}\n"),
        ),
        false => ("only sessions, their revisions and the trash", EXT, String::new()),
    };
    format!(
        "{GITIGNORE_HEADER}: {what} go between machines.
# Never the index (cache/), the locks (locks/), check-in notes being typed (drafts/),
# config.ron or scripts/ (they can travel with your dotfiles), nor hidden files (a save in
# progress, a session open in an editor). ownup rewrites this file; see `ownup sync --help`.
/*
!/{GITIGNORE}
{key}!/sessions/
!/trash/
!/revisions/
/sessions/*
!/sessions/*{ext}
/trash/*
!/trash/*{ext}
/revisions/*
!/revisions/*/
/revisions/*/*
!/revisions/*/*{ext}
.*
!/{GITIGNORE}
"
    )
}

/// Whether `text` is an ignore file ownup wrote (and may write again).
pub fn is_ours(text: &str) -> bool {
    text.starts_with(GITIGNORE_HEADER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sessions_revisions_and_trash_travel_and_nothing_else() {
        for path in [
            "sessions/20261122-234501.ron",
            "sessions/20261122-234501-2.ron",
            "trash/20261120-090000.ron",
            "revisions/20261122-234501/20261123-100000.ron",
            "revisions/20261122-234501/20261123-100000-other-machine.ron",
        ] {
            assert!(is_tracked(path), "{path} travels");
        }
        for path in [
            ".gitignore",
            "config.ron",
            "scripts/mine.ron",
            "cache/index.sqlite3",
            "locks/20261122-234501.lock",
            "locks/sync.lock",
            "drafts/check-ins.ron",
            "sessions/.20261122-234501.ron.1234.0.tmp",
            "sessions/.edit-20261122-234501-99.md",
            "sessions/notes.txt",
            "sessions/.ron",
            "sessions/sub/20261122-234501.ron",
            "revisions/20261122-234501.ron",
            "revisions/.hidden/a.ron",
            "revisions/a/b/c.ron",
            "trash/\u{1b}[2J.ron",
            "",
        ] {
            assert!(!is_tracked(path), "{path:?} stays");
        }
    }

    #[test]
    fn a_tracked_file_names_its_session() {
        assert_eq!(
            session_of("sessions/20261122-234501.ron"),
            Some("20261122-234501")
        );
        assert_eq!(session_of("trash/20261122-234501.ron"), Some("20261122-234501"));
        assert_eq!(
            session_of("revisions/20261122-234501/x.ron"),
            Some("20261122-234501")
        );
        assert_eq!(session_of(".gitignore"), None);
        assert!(is_session_file("trash/a.ron") && !is_session_file("revisions/a/b.ron"));
    }

    #[test]
    fn only_regular_files_that_travel_are_found_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["sessions", "trash", "revisions/a", "drafts", "cache", "locks"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        for file in [
            "sessions/a.ron",
            "sessions/.a.ron.1.0.tmp",
            "trash/b.ron",
            "revisions/a/1.ron",
            "drafts/check-ins.ron",
            "cache/index.sqlite3",
            "locks/a.lock",
            "config.ron",
        ] {
            fs::write(root.join(file), "x").unwrap();
        }
        std::os::unix::fs::symlink(root.join("config.ron"), root.join("sessions/link.ron")).unwrap();
        fs::create_dir(root.join("sessions/dir.ron")).unwrap();
        assert_eq!(
            on_disk(root, false),
            ["revisions/a/1.ron", "sessions/a.ron", "trash/b.ron"]
        );
        // The remote is encrypted, and this store not yet: nothing of it travels.
        assert!(on_disk(root, true).is_empty());
        // Encrypted: the sealed key and the encrypted files, and nothing not encrypted.
        for file in [
            "key.age",
            "sessions/c.ron.age",
            "revisions/a/2.ron.age",
            "trash/d.ron.age",
        ] {
            fs::write(root.join(file), "age-encryption.org/v1\n").unwrap();
        }
        // Named encrypted, and not: it stays.
        fs::write(root.join("sessions/e.ron.age"), "(version: 1)").unwrap();
        assert_eq!(
            on_disk(root, true),
            [
                "key.age",
                "revisions/a/2.ron.age",
                "sessions/c.ron.age",
                "trash/d.ron.age"
            ]
        );
    }

    #[test]
    fn encrypted_files_travel_and_name_their_session() {
        assert!(is_tracked("key.age") && is_tracked("sessions/a.ron.age"));
        assert!(is_tracked("revisions/a/1-other-machine.ron.age"));
        assert!(!is_tracked("sessions/key.age") && !is_tracked("drafts/check-ins.ron.age"));
        assert_eq!(session_of("sessions/a.ron.age"), Some("a"));
        assert_eq!(session_of("trash/a.ron.age"), Some("a"));
        assert_eq!(session_of("key.age"), None);
        assert!(in_store_form("key.age", true) && !in_store_form("key.age", false));
        assert!(in_store_form("sessions/a.ron", false) && !in_store_form("sessions/a.ron", true));
    }

    #[test]
    fn the_ignore_file_is_known_as_ours() {
        assert!(is_ours(&gitignore(false)) && is_ours(&gitignore(true)));
        assert!(!is_ours("target/\n"));
    }

    proptest! {
        #[test]
        fn any_path_is_judged_without_panic(path in "\\PC{0,40}") {
            let tracked = is_tracked(&path);
            prop_assert!(!tracked || session_of(&path).is_some());
        }
    }
}
