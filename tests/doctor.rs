//! Doctor sees everything: the kind, owner and mode of the data folder, sessions, revisions,
//! trash, cache, locks, config and scripts; `--fix` makes what is too open private, and only that.

#![allow(clippy::disallowed_macros)] // a test may print its own notes (timings)

mod common;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};

use common::*;
use ownup::store::SessionStore;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

#[track_caller]
fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[track_caller]
fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn is_root() -> bool {
    let id = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&id.stdout).trim() == "0"
}

/// A sandbox with one session (`20261120-100000`), a kept revision of it, and the list cache.
fn with_a_revision_and_a_cache() -> (Sandbox, std::path::PathBuf) {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let s = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", "Missed the deadline")
        .build();
    store.save(&s).unwrap();
    let revision = store.keep_revision(&s.id, s.started).unwrap();
    assert!(sandbox.run(&["list"]).status.success(), "makes the cache");
    (sandbox, revision)
}

#[test]
fn doctor_reports_a_0644_revision_and_a_0755_cache_dir_and_fix_makes_them_private() {
    let (sandbox, revision) = with_a_revision_and_a_cache();
    let home = sandbox.home().to_path_buf();
    let cache = home.join("cache");
    chmod(&revision, 0o644);
    chmod(&cache, 0o755);
    let revision_text = fs::read(&revision).unwrap();
    // As an ordinary user when the tests run as root: --fix needs no privileges.
    let sandbox = sandbox.unprivileged();

    let doctor = sandbox.run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert_eq!(
        stdout(&doctor),
        format!(
            "Checking {home}\n\
             ok          {home}/sessions/20261120-100000.ron\n\
             too open    {} (mode 644; should be 600 — ownup doctor --fix sets it)\n\
             too open    {home}/cache (mode 755; should be 700 — ownup doctor --fix sets it)\n\
             1 session ok, 2 paths open to others (ownup doctor --fix makes them private).\n",
            revision.display(),
            home = home.display()
        )
    );
    assert_eq!(stderr(&doctor), "ownup: some files need attention (see above)\n");
    assert_eq!(
        (mode(&revision), mode(&cache)),
        (0o644, 0o755),
        "doctor changes nothing"
    );

    let fix = sandbox.run(&["doctor", "--fix"]);
    assert!(fix.status.success(), "{}", stderr(&fix));
    assert_eq!(
        stdout(&fix),
        format!(
            "Checking {home}\n\
             ok          {home}/sessions/20261120-100000.ron\n\
             fixed       {} (mode 644, now 600)\n\
             fixed       {home}/cache (mode 755, now 700)\n\
             rebuilt     {home}/cache/index.sqlite3 (the list and search index, from the session files)\n\
             1 session ok, 2 paths made private.\n",
            revision.display(),
            home = home.display()
        )
    );
    assert_eq!((mode(&revision), mode(&cache)), (0o600, 0o700));
    assert_eq!(fs::read(&revision).unwrap(), revision_text, "content untouched");

    let again = sandbox.run(&["doctor"]);
    assert!(again.status.success(), "{}", stdout(&again));
    assert!(
        stdout(&again).ends_with("\n1 session ok.\n"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn doctor_checks_locks_trash_config_scripts_and_the_data_folder_itself() {
    let (sandbox, _) = with_a_revision_and_a_cache();
    let home = sandbox.home().to_path_buf();
    let store = SessionStore::open(&home).unwrap();
    drop(store.lock("20261120-100000").unwrap());
    let lock = home.join("locks/20261120-100000.lock");
    let session = home.join("sessions/20261120-100000.ron");
    let config = home.join("config.ron");
    fs::write(&config, "Config()\n").unwrap();
    let scripts = home.join("scripts");
    fs::create_dir(&scripts).unwrap();
    let script = scripts.join("mine.ron");
    fs::write(&script, ownup::library::starting_text("mine", None)).unwrap();
    mkfifo(&home.join("trash"));
    mkfifo(&home.join("locks/x.lock"));
    // A config linked from elsewhere (a dotfile manager) is not ownup's to judge, but a script
    // linked to a FIFO is reported.
    let dotfiles = tempfile::tempdir().unwrap();
    let nudges = dotfiles.path().join("nudges.ron");
    fs::write(&nudges, ownup::nudge::BUILT_IN_LEXICON).unwrap();
    chmod(&nudges, 0o644);
    symlink(&nudges, home.join("nudges.ron")).unwrap();
    mkfifo(&dotfiles.path().join("fifo"));
    symlink(dotfiles.path().join("fifo"), scripts.join("linked.ron")).unwrap();
    for (path, m) in [
        (&home, 0o777),
        (&lock, 0o644),
        (&session, 0o666),
        (&config, 0o644),
        (&scripts, 0o755),
        (&script, 0o640),
    ] {
        chmod(path, m);
    }

    let doctor = sandbox.run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    let h = home.display();
    assert_eq!(
        stdout(&doctor),
        format!(
            "Checking {h}\n\
             ok          {h}/sessions/20261120-100000.ron\n\
             unreadable  {h}/locks/x.lock: is a FIFO (named pipe), not a lock file — ownup reads only regular files\n\
             unreadable  {h}/trash: is a FIFO (named pipe), not a folder — ownup keeps its files in a folder here; move it away\n\
             unreadable  {h}/scripts/linked.ron: is a link to a FIFO (named pipe), not to a file — ownup reads only regular files\n\
             too open    {h} (mode 777; should be 700 — ownup doctor --fix sets it)\n\
             too open    {h}/sessions/20261120-100000.ron (mode 666; should be 600 — ownup doctor --fix sets it)\n\
             too open    {h}/locks/20261120-100000.lock (mode 644; should be 600 — ownup doctor --fix sets it)\n\
             too open    {h}/config.ron (mode 644; should be 600 — ownup doctor --fix sets it)\n\
             too open    {h}/scripts (mode 755; should be 700 — ownup doctor --fix sets it)\n\
             too open    {h}/scripts/mine.ron (mode 640; should be 600 — ownup doctor --fix sets it)\n\
             1 session ok, 3 unreadable (left untouched: fix or move them by hand), 6 paths open to others (ownup doctor --fix makes them private).\n"
        )
    );

    let fix = sandbox.run(&["doctor", "--fix"]);
    assert_eq!(fix.status.code(), Some(1), "the FIFOs still need a person");
    assert!(
        stdout(&fix).ends_with(
            "1 session ok, 3 unreadable (left untouched: fix or move them by hand), 6 paths made private.\n"
        ),
        "{}",
        stdout(&fix)
    );
    for (path, m) in [
        (&home, 0o700),
        (&lock, 0o600),
        (&session, 0o600),
        (&config, 0o600),
        (&scripts, 0o700),
        (&script, 0o600),
        (&nudges, 0o644),
    ] {
        assert_eq!(mode(path), m, "{}", path.display());
    }
}

#[test]
fn a_data_folder_of_someone_else_or_under_a_folder_anyone_may_change_is_reported() {
    let sandbox = Sandbox::new();
    let open = sandbox.home().join("open");
    fs::create_dir(&open).unwrap();
    chmod(&open, 0o777);
    let data = open.join("data");
    let mut sandbox = sandbox;
    sandbox
        .extra_env
        .push(("OWNUP_HOME".into(), data.display().to_string()));
    assert!(sandbox.run(&["list"]).status.success(), "creates the data folder");
    let doctor = sandbox.run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert!(
        stdout(&doctor).contains(&format!(
            "exposed     {} (mode 777: others may write to it and could replace your data folder inside it — chmod go-w it)\n",
            open.display()
        )),
        "{}",
        stdout(&doctor)
    );

    if !is_root() {
        eprintln!("not root: the test of a data folder owned by someone else is skipped");
        return;
    }
    let status = Command::new("chown")
        .args(["65534:65534"])
        .arg(&data)
        .status()
        .unwrap();
    assert!(status.success());
    let doctor = sandbox.run(&["doctor"]);
    assert!(
        stdout(&doctor).contains(&format!(
            "not yours   {} (owned by user 65534, and you are user 0 — ownup may be unable to save there: chown it to yourself)\n",
            data.display()
        )),
        "{}",
        stdout(&doctor)
    );
    assert!(
        stdout(&doctor).ends_with("1 path not yours, 1 folder above the data folder open to others.\n"),
        "{}",
        stdout(&doctor)
    );
}

/// Without `OWNUP_HOME`, the data folder holds only what is worth keeping: the index goes to
/// the cache folder and the locks to the state folder, and what an earlier version left in
/// the data folder is cleared (the index rebuilt, free locks removed, a held one honoured).
#[test]
fn the_cache_and_locks_live_outside_the_data_folder_and_old_ones_are_cleared() {
    let sandbox = Sandbox::new().with_platform_folders();
    let home = sandbox.user_home();
    let data = home.join(".local/share/ownup");
    let (cache, locks) = (home.join(".cache/ownup"), home.join(".local/state/ownup/locks"));
    // What an earlier version left: an index and a lock file in the data folder.
    for dir in ["cache", "locks"] {
        fs::create_dir_all(data.join(dir)).unwrap();
    }
    chmod(&data, 0o700); // as ownup made it
    fs::write(data.join("cache/index.sqlite3"), "an old index").unwrap();
    fs::write(data.join("locks/20261120-100000.lock"), "").unwrap();

    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], "It went wrong.\n\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("draft"), "{}", stdout(&out));

    let mut in_data: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    in_data.sort();
    assert_eq!(in_data, ["sessions"], "only what is worth keeping");
    assert_eq!(fs::read_dir(data.join("sessions")).unwrap().count(), 1);
    assert!(
        cache.join("index.sqlite3").is_file(),
        "the index is in the cache folder"
    );
    assert!(locks.is_dir(), "the locks are in the state folder");
    assert_eq!(mode(&cache), 0o700);
    assert_eq!(mode(&locks), 0o700);

    let out = sandbox.run(&["doctor"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with(&format!(
            "Checking {}, {}, {} and {}\n",
            data.display(),
            home.join(".config/ownup").display(),
            cache.display(),
            locks.display()
        )),
        "{}",
        stdout(&out)
    );
}

/// An older ownup still running holds its lock in the data folder: the session stays its own.
#[test]
fn a_lock_held_where_an_older_ownup_keeps_it_is_honoured() {
    let sandbox = Sandbox::new().with_platform_folders();
    let data = sandbox.user_home().join(".local/share/ownup");
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], "It went wrong.\n\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let id = fs::read_dir(data.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .unwrap();
    fs::create_dir_all(data.join("locks")).unwrap();
    let old = data.join(format!("locks/{id}.lock"));
    fs::write(&old, "").unwrap();
    let held = fs::OpenOptions::new().write(true).open(&old).unwrap();
    held.try_lock().unwrap();

    let out = sandbox.run_with_input(&["resume", "--plain", &id], ":quit\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("open in another ownup"), "{}", stderr(&out));
    assert!(old.exists(), "a held lock is never removed");
    drop(held);
    let out = sandbox.run_with_input(&["resume", "--plain", &id], ":quit\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !data.join("locks").exists(),
        "once let go, the old folder is cleared"
    );
}

/// A folder of ownup's that is a link to somewhere else: what is behind it is reported, and
/// `--fix` changes none of it (the link could lead anywhere, even /etc).
#[test]
fn fix_never_changes_what_is_behind_a_linked_folder() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(&SessionBuilder::new("20261120-100000").build())
        .unwrap();
    let outside = sandbox.home().join("home/outside");
    fs::create_dir_all(outside.join("sub")).unwrap();
    fs::write(outside.join("notes.txt"), "mine").unwrap();
    chmod(&outside.join("notes.txt"), 0o644);
    chmod(&outside.join("sub"), 0o755);
    for folder in ["revisions", "trash", "drafts"] {
        let _ = fs::remove_dir_all(sandbox.home().join(folder));
        symlink(&outside, sandbox.home().join(folder)).unwrap();
    }
    let out = sandbox.run(&["doctor", "--fix"]);
    assert!(stdout(&out).contains("notes.txt"), "{}", stdout(&out));
    assert_eq!(mode(&outside.join("notes.txt")), 0o644, "{}", stdout(&out));
    assert_eq!(mode(&outside.join("sub")), 0o755);
}

/// A locks folder that cannot be made (here a file stands where the state folder should be)
/// keeps nobody from reading: list, show and export work; editing says what is in the way.
#[test]
fn a_locks_folder_that_cannot_be_made_only_stops_editing() {
    let sandbox = Sandbox::new().with_platform_folders();
    let home = sandbox.user_home();
    let data = home.join(".local/share/ownup");
    fs::create_dir_all(data.join("sessions")).unwrap();
    chmod(&data, 0o700);
    let store = SessionStore::open_layout(ownup::store::Layout::split(
        &data,
        &home.join(".cache/ownup"),
        &data.join("locks"),
    ))
    .unwrap();
    store
        .save(&SessionBuilder::new("20261120-100000").build())
        .unwrap();
    let _ = fs::remove_dir_all(data.join("locks"));
    fs::create_dir_all(home.join(".local")).unwrap();
    fs::write(home.join(".local/state"), "not a folder").unwrap();
    for args in [&["list"][..], &["show", "20261120"], &["export", "--all"]] {
        let out = sandbox.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = sandbox.run_with_input(&["resume", "--plain", "20261120"], ":quit\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(".local/state"), "{}", stderr(&out));
}

/// Text left in an editor's file (ownup was killed while the editor had it) is not forgotten:
/// doctor names it.
#[test]
fn doctor_names_text_left_from_an_editor() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(&SessionBuilder::new("20261120-100000").build())
        .unwrap();
    let left = sandbox.sessions_dir().join(".edit-20261120-100000-4242.md");
    fs::write(&left, "What I wrote before the power went.").unwrap();
    chmod(&left, 0o600);
    let out = sandbox.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1), "needs attention");
    assert!(
        stdout(&out).contains(&format!("kept        {}", left.display())),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("1 file kept from your editor"),
        "{}",
        stdout(&out)
    );
}
