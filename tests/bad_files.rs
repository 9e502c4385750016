//! Session files that cannot be read are reported, never fatal and never modified, and do not
//! hide the valid sessions beside them.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::SystemTime;

use common::*;
use ownup::session::Session;
use ownup::store::{SessionStore, to_ron};

struct Bad {
    path: PathBuf,
    bytes: Vec<u8>,
    modified: SystemTime,
}

fn session(id: &str, answer: &str) -> Session {
    SessionBuilder::new(id)
        .started("2026-11-21T10:00:00+01:00")
        .answer("acknowledge", "what", answer)
        .build()
}

/// Two good sessions and four bad files: corrupt, truncated, empty and from a future version.
fn setup(sandbox: &Sandbox) -> Vec<Bad> {
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(&session("20261120-100000", "An older good session"))
        .unwrap();
    store
        .save(&session("20261122-100000", "A newer good session"))
        .unwrap();
    let text = |id: &str| to_ron(&session(id, "whatever")).unwrap();
    let files = [
        (
            "20261121-090000",
            text("20261121-090000")
                .replace("status: Draft", "status: Drafty")
                .into_bytes(),
        ),
        (
            "20261121-100000",
            text("20261121-100000").as_bytes()[..700].to_vec(),
        ),
        ("20261121-110000", Vec::new()),
        (
            "20261121-120000",
            text("20261121-120000")
                .replace("version: 1,", "version: 7,")
                .into_bytes(),
        ),
    ];
    files
        .into_iter()
        .map(|(id, bytes)| {
            let path = store.path_of(id);
            fs::write(&path, &bytes).unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
            Bad {
                modified: fs::metadata(&path).unwrap().modified().unwrap(),
                path,
                bytes,
            }
        })
        .collect()
}

#[track_caller]
fn assert_untouched(bad: &[Bad]) {
    for file in bad {
        assert_eq!(
            fs::read(&file.path).unwrap(),
            file.bytes,
            "{} was modified",
            file.path.display()
        );
        assert_eq!(
            fs::metadata(&file.path).unwrap().modified().unwrap(),
            file.modified
        );
    }
}

#[test]
fn list_and_doctor_name_each_problem_and_keep_the_good_sessions() {
    let sandbox = Sandbox::new();
    let bad = setup(&sandbox);
    let p = |i: usize| bad[i].path.display().to_string();

    let list = sandbox.run(&["list"]);
    assert!(list.status.success());
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        format!(
            "ID                 STARTED           STATUS      STEPS  TITLE\n\
             20261122-100000    2026-11-21 10:00  draft       1/6    A newer good session\n\
             20261121-120000    -                 unreadable  -      {}: written by a newer ownup (session format 7; this ownup reads up to 1) — update ownup to open it\n\
             20261121-110000    -                 unreadable  -      {}: the file is empty\n\
             20261121-100000    -                 unreadable  -      {}:24:35: the file ends too early: it looks cut off\n\
             20261121-090000    -                 unreadable  -      {}:5:13: Unexpected variant named `Drafty` in enum `Status`, expected either `Draft` or `Complete` instead\n\
             20261120-100000    2026-11-21 10:00  draft       1/6    An older good session\n",
            p(3),
            p(2),
            p(1),
            p(0)
        )
    );

    let doctor = sandbox.run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    let dir = sandbox.sessions_dir();
    assert_eq!(
        String::from_utf8_lossy(&doctor.stdout),
        format!(
            "Checking {}\n\
             ok          {}/20261120-100000.ron\n\
             ok          {}/20261122-100000.ron\n\
             unreadable  {}:5:13: Unexpected variant named `Drafty` in enum `Status`, expected either `Draft` or `Complete` instead\n\
             unreadable  {}:24:35: the file ends too early: it looks cut off\n\
             unreadable  {}: the file is empty\n\
             unreadable  {}: written by a newer ownup (session format 7; this ownup reads up to 1) — update ownup to open it\n\
             2 sessions ok, 4 unreadable (left untouched: fix or move them by hand).\n",
            sandbox.home().display(),
            dir.display(),
            dir.display(),
            p(0),
            p(1),
            p(2),
            p(3)
        )
    );
    assert_eq!(
        String::from_utf8_lossy(&doctor.stderr),
        "ownup: some files need attention (see above)\n"
    );
    assert_untouched(&bad);
}

#[test]
fn a_healthy_store_passes_the_doctor() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store.save(&session("20261120-100000", "fine")).unwrap();
    let doctor = sandbox.run(&["doctor"]);
    assert!(doctor.status.success());
    assert!(String::from_utf8_lossy(&doctor.stdout).ends_with("1 session ok.\n"));
}

#[test]
fn the_home_screen_shows_unreadable_files_and_everything_else_keeps_working() {
    let sandbox = Sandbox::new();
    let bad = setup(&sandbox);
    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("An older good session");
    assert_eq!(home.matches("unreadable").count(), 4, "{home}");
    tui.send("j");
    tui.send(ENTER);
    let screen = tui.wait_for("Cannot read this session, so it is left untouched.");
    assert!(screen.contains("written by a newer ownup"), "{screen}");
    // The good sessions still open, and new ones can be written.
    tui.send("G");
    tui.send(ENTER);
    tui.past_the_check_in();
    tui.wait_for("An older good session");
    tui.send(ESC);
    tui.wait_for(" Sessions");
    tui.send("n");
    tui.wait_for("Which script?");
    tui.send(ENTER);
    tui.past_the_check_in();
    tui.type_text("a new one beside the broken files");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(sandbox.session_files().len(), 7);
    assert_untouched(&bad);
}

#[test]
fn a_draft_that_became_unreadable_is_not_offered_or_overwritten() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let path = store.path_of("20261122-234500");
    fs::write(
        &path,
        "Session(version: 1, id: \"20261122-234500\", status: Draft,",
    )
    .unwrap();
    let out = sandbox.run(&["resume", "20261122-234500"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "ownup: {}:1:57: the file ends too early: it looks cut off\n",
            path.display()
        )
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Session(version: 1, id: \"20261122-234500\", status: Draft,"
    );
}

#[test]
fn a_session_file_whose_name_is_not_utf8_is_reported_not_skipped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store.save(&session("20261122-100000", "A good session")).unwrap();
    let name = OsStr::from_bytes(b"20261121-09\xff0000.ron");
    let path = sandbox.sessions_dir().join(name);
    fs::write(
        &path,
        to_ron(&session("20261121-090000", "renamed by hand")).unwrap(),
    )
    .unwrap();

    let out = sandbox.run(&["list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("A good session"), "{stdout}");
    assert!(
        stdout.contains("the id inside (20261121-090000) does not match the file name — rename the file to 20261121-090000.ron"),
        "{stdout}"
    );
    assert!(stdout.contains("20261121-09\u{FFFD}0000"), "{stdout}");
    assert!(path.exists(), "left as it is");
}
