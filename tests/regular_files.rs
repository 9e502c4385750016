//! Only regular files, bounded: a FIFO, a link to an endless device, a link out of the data
//! folder or a huge file named like a session, script, trash item or config.ron is reported,
//! never waited on, never read without end and never quoted — and everything else keeps working.

#![allow(clippy::disallowed_macros)] // a test may print its own notes (timings)

mod common;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::*;
use ownup::session::Session;
use ownup::store::{SessionStore, to_ron};

/// A word that must never reach the output: it is only in a file outside the data folder.
const SECRET: &str = "HUNTER2SECRET";

#[track_caller]
fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) },
        0,
        "mkfifo {}",
        path.display()
    );
}

fn session(id: &str, answer: &str) -> Session {
    SessionBuilder::new(id)
        .started("2026-11-21T10:00:00+01:00")
        .answer("acknowledge", "what", answer)
        .build()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `ownup ARGS`, which must finish within a second and never print the secret.
#[track_caller]
fn run_quickly(sandbox: &Sandbox, args: &[&str]) -> Output {
    let (out, took) = sandbox.run_timed(args);
    eprintln!("ownup {args:?} took {took:?}");
    assert!(took < Duration::from_secs(1), "ownup {args:?} took {took:?}");
    for text in [stdout(&out), stderr(&out)] {
        assert!(
            !text.contains(SECRET),
            "ownup {args:?} quoted the secret:\n{text}"
        );
    }
    out
}

/// The odd files beside two good sessions, by id.
struct Odd {
    fifo: PathBuf,
    zero: PathBuf,
    urandom: PathBuf,
    outside: PathBuf,
    huge: PathBuf,
}

/// Two good sessions, and in `sessions/`: a FIFO, links to `/dev/zero` and `/dev/urandom`, a
/// link to a broken session outside the data folder (whose parse error would quote the secret),
/// and a 17 MB file. In `trash/`: a good session and a FIFO. In `scripts/`: a FIFO.
fn setup(sandbox: &Sandbox, outside_dir: &Path) -> Odd {
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(&session("20261120-100000", "An older good session"))
        .unwrap();
    store
        .save(&session("20261122-100000", "A newer good session"))
        .unwrap();
    let odd = Odd {
        fifo: store.path_of("20261121-090000"),
        zero: store.path_of("20261121-100000"),
        urandom: store.path_of("20261121-110000"),
        outside: store.path_of("20261121-120000"),
        huge: store.path_of("20261121-130000"),
    };
    mkfifo(&odd.fifo);
    symlink("/dev/zero", &odd.zero).unwrap();
    symlink("/dev/urandom", &odd.urandom).unwrap();
    let secret = outside_dir.join("secret.ron");
    let text = to_ron(&session("20261121-120000", "private")).unwrap();
    fs::write(
        &secret,
        text.replace("status: Draft", &format!("status: {SECRET}")),
    )
    .unwrap();
    symlink(&secret, &odd.outside).unwrap();
    fs::write(&odd.huge, vec![b' '; 17 * 1024 * 1024]).unwrap();
    fs::set_permissions(&odd.huge, fs::Permissions::from_mode(0o600)).unwrap();

    store
        .save(&session("20261119-100000", "A trashed session"))
        .unwrap();
    store.trash("20261119-100000").unwrap();
    mkfifo(&sandbox.home().join("trash/20261118-100000.ron"));
    fs::DirBuilder::new()
        .mode(0o700)
        .create(sandbox.home().join("scripts"))
        .unwrap();
    mkfifo(&sandbox.home().join("scripts/fifo.ron"));
    odd
}

fn reasons(odd: &Odd) -> [(PathBuf, String); 5] {
    let fifo = "is a FIFO (named pipe), not a session file — ownup reads only regular files";
    let link = "is a symbolic link, not a session file — ownup does not follow links in its data folder; put the file itself here";
    [
        (
            odd.huge.clone(),
            "is larger than 16 MB, too large for a session file — ownup reads session files up to that size"
                .into(),
        ),
        (odd.outside.clone(), link.into()),
        (odd.urandom.clone(), link.into()),
        (odd.zero.clone(), link.into()),
        (odd.fifo.clone(), fifo.into()),
    ]
}

#[test]
fn list_reports_each_odd_file_and_lists_the_good_sessions_within_a_second() {
    let sandbox = Sandbox::new();
    let outside = tempfile::tempdir().unwrap();
    let odd = setup(&sandbox, outside.path());
    let mut want = String::from(
        "ID                 STARTED           STATUS      STEPS  TITLE\n\
         20261122-100000    2026-11-21 10:00  draft       1/6    A newer good session\n",
    );
    for (path, reason) in reasons(&odd) {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        want.push_str(&format!(
            "{id:<18} -                 unreadable  -      {}: {reason}\n",
            path.display()
        ));
    }
    want.push_str("20261120-100000    2026-11-21 10:00  draft       1/6    An older good session\n");
    // Twice: the second comes from the list cache, which must not hide the odd files.
    for _ in 0..2 {
        let list = run_quickly(&sandbox, &["list"]);
        assert!(list.status.success(), "{}", stderr(&list));
        assert_eq!(stdout(&list), want);
    }

    let json = run_quickly(&sandbox, &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0]["title"], "A newer good session");
    assert_eq!(rows[6]["title"], "An older good session");
    for (row, (path, reason)) in rows[1..6].iter().zip(reasons(&odd)) {
        assert_eq!(row["status"], "unreadable");
        assert_eq!(row["path"], path.display().to_string());
        assert_eq!(row["error"], format!("{}: {reason}", path.display()));
    }
}

#[test]
fn every_command_finishes_at_once_reports_the_odd_files_and_carries_on() {
    let sandbox = Sandbox::new();
    let outside = tempfile::tempdir().unwrap();
    let odd = setup(&sandbox, outside.path());

    let doctor = run_quickly(&sandbox, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    let report = stdout(&doctor);
    for (path, reason) in reasons(&odd) {
        assert!(
            report.contains(&format!("unreadable  {}: {reason}\n", path.display())),
            "{report}"
        );
    }
    let trash_fifo = sandbox.home().join("trash/20261118-100000.ron");
    assert!(
        report.contains(&format!(
            "unreadable  {}: is a FIFO (named pipe), not a session file — ownup reads only regular files\n",
            trash_fifo.display()
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "unreadable  {}: is a FIFO (named pipe), not a file — ownup reads only regular files\n",
            sandbox.home().join("scripts/fifo.ron").display()
        )),
        "{report}"
    );
    assert!(
        report.ends_with("2 sessions ok, 7 unreadable (left untouched: fix or move them by hand).\n"),
        "{report}"
    );

    let export = run_quickly(&sandbox, &["export", "--all"]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert_eq!(stdout(&export).matches(" · started ").count(), 2);
    for (path, reason) in reasons(&odd) {
        assert!(
            stderr(&export).contains(&format!(
                "ownup: skipped, cannot be read: {}: {reason}\n",
                path.display()
            )),
            "{}",
            stderr(&export)
        );
    }

    let stats = run_quickly(&sandbox, &["stats"]);
    assert!(stats.status.success(), "{}", stderr(&stats));
    assert!(
        stdout(&stats).starts_with("Sessions: 2 in all\n"),
        "{}",
        stdout(&stats)
    );
    let commitments = run_quickly(&sandbox, &["commitments"]);
    assert!(commitments.status.success(), "{}", stderr(&commitments));
    assert_eq!(stderr(&commitments), "No open commitments.\n");
    let due = run_quickly(&sandbox, &["due"]);
    assert!(due.status.success(), "{}", stderr(&due));
    assert_eq!((stdout(&due), stderr(&due)), (String::new(), String::new()));
    // Every odd file could hold a commitment with an id this short: none is opened.
    let done = run_quickly(&sandbox, &["commitments", "done", "0"]);
    assert_eq!(done.status.code(), Some(1));
    assert!(
        stderr(&done).starts_with("ownup: no commitment has an id starting with 0"),
        "{}",
        stderr(&done)
    );

    // The most recent draft is found past the odd files, and goes on in plain lines (there is
    // no terminal); the input ends at once, and it is kept as it was.
    let resume = run_quickly(&sandbox, &["resume"]);
    assert!(resume.status.success(), "{}", stderr(&resume));
    assert!(
        stdout(&resume).starts_with("Going on with "),
        "{}",
        stdout(&resume)
    );
    assert_eq!(
        stderr(&resume),
        "ownup: the input ended; your answers are kept in the draft 20261122-100000 — to go on: ownup resume --plain 20261122-100000\n"
    );
    let resume_fifo = run_quickly(&sandbox, &["resume", "20261121-090000"]);
    assert_eq!(
        stderr(&resume_fifo),
        format!(
            "ownup: {}: is a FIFO (named pipe), not a session file — ownup reads only regular files\n",
            odd.fifo.display()
        )
    );
    let show = run_quickly(&sandbox, &["show", "20261121-120000"]);
    assert_eq!(show.status.code(), Some(1));
    assert_eq!(
        stderr(&show),
        format!("ownup: {}: {}\n", odd.outside.display(), reasons(&odd)[1].1)
    );

    let trash = run_quickly(&sandbox, &["trash"]);
    assert_eq!(
        stdout(&trash),
        format!(
            "20261119-100000    2026-11-21 10:00  A trashed session\n\
             20261118-100000    unreadable  {}: is a FIFO (named pipe), not a session file — ownup reads only regular files\n",
            trash_fifo.display()
        )
    );

    let scripts = run_quickly(&sandbox, &["script", "list"]);
    assert!(scripts.status.success(), "{}", stderr(&scripts));
    assert!(stdout(&scripts).contains("own-it"), "{}", stdout(&scripts));
    assert_eq!(
        stderr(&scripts),
        format!(
            "ownup: not usable: {}: cannot read the file: this is a FIFO (named pipe), not a file — ownup reads only regular files\n",
            sandbox.home().join("scripts/fifo.ron").display()
        )
    );
    let check = run_quickly(&sandbox, &["config", "check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    // Nothing was changed, and the secret is where it was.
    assert!(
        fs::symlink_metadata(&odd.outside)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(outside.path().join("secret.ron"))
            .unwrap()
            .contains(SECRET)
    );
}

#[test]
fn the_home_screen_lists_the_good_sessions_beside_the_odd_files() {
    let sandbox = Sandbox::new();
    let outside = tempfile::tempdir().unwrap();
    setup(&sandbox, outside.path());
    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("An older good session");
    assert!(home.contains("A newer good session"), "{home}");
    assert_eq!(home.matches("unreadable").count(), 5, "{home}");
    assert!(!home.contains(SECRET), "{home}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// `ownup config check` with config.ron made by `make`, and the app, finish at once.
#[track_caller]
fn config_check(make: impl FnOnce(&Path)) -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    make(&sandbox.home().join("config.ron"));
    let check = run_quickly(&sandbox, &["config", "check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        stderr(&check),
        "ownup: config.ron has problems (see above) — ownup --no-config starts without it\n"
    );
    let app = run_quickly(&sandbox, &["new"]);
    assert_eq!(app.status.code(), Some(1));
    let list = run_quickly(&sandbox, &["list"]);
    assert!(list.status.success(), "list does not need the config");
    (sandbox, stdout(&check))
}

#[test]
fn a_fifo_or_a_link_to_a_device_as_config_is_reported_not_waited_on() {
    let (sandbox, out) = config_check(mkfifo);
    assert_eq!(
        out,
        format!(
            "{}: cannot read the file: this is a FIFO (named pipe), not a file — ownup reads only regular files\n",
            sandbox.home().join("config.ron").display()
        )
    );
    let (sandbox, out) = config_check(|path| symlink("/dev/zero", path).unwrap());
    assert_eq!(
        out,
        format!(
            "{}: cannot read the file: this is a character device, not a file — ownup reads only regular files\n",
            sandbox.home().join("config.ron").display()
        )
    );
}

#[test]
fn a_linked_config_is_followed_but_a_broken_one_outside_its_folder_is_not_quoted() {
    let outside = tempfile::tempdir().unwrap();
    let broken = outside.path().join("config.ron");
    fs::write(&broken, format!("Config(\n    {SECRET}: true,\n)\n")).unwrap();
    let (sandbox, out) = config_check(|path| symlink(&broken, path).unwrap());
    assert_eq!(
        out,
        format!(
            "{}:2:5: a problem here — not quoted, because this is a link to a file outside its folder; open that file to see\n",
            sandbox.home().join("config.ron").display()
        )
    );
    // The same text in config.ron itself is quoted, as the person wrote it: the test can fail.
    let sandbox = Sandbox::new();
    fs::copy(&broken, sandbox.home().join("config.ron")).unwrap();
    let check = sandbox.run(&["config", "check"]);
    assert!(stdout(&check).contains(SECRET), "{}", stdout(&check));

    // A link to a good config is followed (dotfile managers link config files).
    let good = outside.path().join("good.ron");
    fs::write(&good, "Config(theme: \"light\")\n").unwrap();
    let sandbox = Sandbox::new();
    symlink(&good, sandbox.home().join("config.ron")).unwrap();
    let check = sandbox.run(&["config", "check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn a_script_linked_from_outside_is_reported_without_quoting_it() {
    let sandbox = Sandbox::new();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("notes.txt");
    fs::write(&target, format!("{SECRET}: the launch codes\n")).unwrap();
    fs::create_dir(sandbox.home().join("scripts")).unwrap();
    let link = sandbox.home().join("scripts/shared.ron");
    symlink(&target, &link).unwrap();
    let list = run_quickly(&sandbox, &["script", "list"]);
    assert!(list.status.success());
    assert_eq!(
        stderr(&list),
        format!(
            "ownup: not usable: {}:1:1: a problem here — not quoted, because this is a link to a file outside its folder; open that file to see\n",
            link.display()
        )
    );
    let check = run_quickly(&sandbox, &["script", "check", "shared"]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn a_fifo_in_the_trash_is_not_brought_back_as_a_session() {
    let sandbox = Sandbox::new();
    let trash = sandbox.home().join("trash");
    fs::create_dir_all(&trash).unwrap();
    mkfifo(&trash.join("20261122-100000.ron"));
    let out = sandbox.run(&["trash", "restore", "20261122-100000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is a FIFO (named pipe), not a session file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!sandbox.sessions_dir().join("20261122-100000.ron").exists());
}
