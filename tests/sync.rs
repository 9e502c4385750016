//! `ownup sync` on the real binary: two machines (two sealed OWNUP_HOMEs) and one bare
//! repository in a temp folder as the remote. git runs with no configuration but the test's
//! own (`GIT_CONFIG_GLOBAL=/dev/null`, no system file, HOME in the sandbox), so the person's
//! git settings are never read, and nothing leaves the machine.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Sandbox, SessionBuilder};
use ownup::store::SessionStore;

/// The id of the session most tests share.
const ID: &str = "20261120-090000";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The environment git runs with, in the tests and under ownup: nothing of the machine's.
fn sealed_git_env(home: &Path) -> Vec<(String, String)> {
    vec![
        ("GIT_CONFIG_GLOBAL".into(), "/dev/null".into()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
        ("HOME".into(), home.join("home").display().to_string()),
    ]
}

/// Runs `git ARGS` in `dir`, sealed, and returns what it printed; fails the test if git fails.
#[track_caller]
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .envs(sealed_git_env(dir))
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// A bare repository in a temp folder: the remote both machines sync with.
struct Remote {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Remote {
    #[track_caller]
    fn new() -> Remote {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ownup.git");
        git(dir.path(), &["init", "--quiet", "--bare", "ownup.git"]);
        Remote { _dir: dir, path }
    }

    fn url(&self) -> String {
        self.path.display().to_string()
    }

    /// Commits on its `main` what `change` does to a clone of it: someone with write access,
    /// by hand.
    #[track_caller]
    fn commit_by_hand(&self, change: impl FnOnce(&Path)) {
        let work = tempfile::tempdir().unwrap();
        git(work.path(), &["clone", "--quiet", "-b", "main", &self.url(), "w"]);
        let clone = work.path().join("w");
        change(&clone);
        git(&clone, &["add", "--all", "--force"]);
        git(
            &clone,
            &[
                "-c",
                "user.name=x",
                "-c",
                "user.email=x@x",
                "commit",
                "--quiet",
                "-m",
                "by hand",
            ],
        );
        git(&clone, &["push", "--quiet", "origin", "HEAD:main"]);
    }

    /// Fails the test if any of `words` is anywhere in the repository's files, as they are
    /// (objects, packs, refs): in the clear on the remote.
    #[track_caller]
    fn assert_not_in_the_clear(&self, words: &[&str]) {
        let everything = everything_in(&self.path);
        for word in words {
            assert!(
                !everything.windows(word.len()).any(|w| w == word.as_bytes()),
                "{word} is in the clear on the remote"
            );
        }
    }

    /// The files on its `main`.
    #[track_caller]
    fn files(&self) -> Vec<String> {
        git(&self.path, &["ls-tree", "-r", "--name-only", "main"])
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// A machine: a sandbox whose git reads nothing of the real one's.
fn machine() -> Sandbox {
    let mut sandbox = Sandbox::new();
    let env = sealed_git_env(sandbox.home());
    sandbox.extra_env.extend(env);
    sandbox
}

/// Saves session `id` with `answer` as what happened, on `sandbox`.
#[track_caller]
fn save(sandbox: &Sandbox, id: &str, answer: &str) {
    let store = SessionStore::open(sandbox.home()).unwrap();
    let started = format!(
        "{}-{}-{}T{}:{}:{}+01:00",
        &id[0..4],
        &id[4..6],
        &id[6..8],
        &id[9..11],
        &id[11..13],
        &id[13..15]
    );
    let session = SessionBuilder::new(id)
        .started(&started)
        .answer("acknowledge", "what", answer)
        .complete()
        .build();
    store.save(&session).unwrap();
}

/// The text of session `id`'s file on `sandbox`.
#[track_caller]
fn text_of(sandbox: &Sandbox, id: &str) -> String {
    std::fs::read_to_string(sandbox.sessions_dir().join(format!("{id}.ron"))).unwrap()
}

/// `ownup sync` on `sandbox`, which must succeed; returns what it printed.
#[track_caller]
fn sync(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.run(&[&["sync"], args].concat());
    assert!(out.status.success(), "sync failed: {}", stderr(&out));
    assert_eq!(stderr(&out), "");
    stdout(&out)
}

#[test]
fn a_session_made_on_one_machine_appears_on_the_other() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, ID, "Deployed without the migration check");
    assert_eq!(
        sync(&a, &["--remote", &remote.url()]),
        format!("Synced with {}: 1 session sent, 0 received.\n", remote.url())
    );
    assert_eq!(remote.files(), [".gitignore", &format!("sessions/{ID}.ron")]);
    // ownup's commits carry its own name when git knows none, and say what changed.
    let log = git(a.home(), &["log", "-1", "--format=%an <%ae>%n%s%n%b"]);
    let mut lines = log.lines();
    assert_eq!(lines.next(), Some("ownup <ownup@localhost>"));
    let subject = lines.next().unwrap();
    assert!(subject.starts_with("ownup: 1 session changed on "), "{subject}");
    assert!(log.contains(&format!("added sessions/{ID}.ron")), "{log}");

    assert_eq!(
        sync(&b, &["--remote", &remote.url()]),
        format!("Synced with {}: 0 sessions sent, 1 received.\n", remote.url())
    );
    assert_eq!(text_of(&b, ID), text_of(&a, ID));
    let list = stdout(&b.run(&["list"]));
    assert!(
        list.contains(ID) && list.contains("Deployed without the migration check"),
        "{list}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(b.sessions_dir().join(format!("{ID}.ron")))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "written private");
    // Once set, the remote is remembered; nothing new is nothing to say.
    assert_eq!(sync(&b, &[]), format!("Up to date with {}.\n", remote.url()));
    assert_eq!(sync(&a, &[]), format!("Up to date with {}.\n", remote.url()));
}

#[test]
fn different_sessions_changed_on_both_machines_merge() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, ID, "Missed the Q3 deadline");
    save(&a, "20261120-100000", "Sent the wrong numbers");
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);

    // A writes a new session and deletes one; B writes another and edits the first.
    save(&a, "20261121-080000", "Forgot the standup");
    SessionStore::open(a.home())
        .unwrap()
        .trash("20261120-100000")
        .unwrap();
    save(&b, "20261121-090000", "Broke the build");
    save(&b, ID, "Missed the Q3 deadline, and said so late");
    assert_eq!(
        sync(&a, &[]),
        format!("Synced with {}: 2 sessions sent, 0 received.\n", remote.url())
    );
    assert_eq!(
        sync(&b, &[]),
        format!("Synced with {}: 2 sessions sent, 2 received.\n", remote.url())
    );
    assert_eq!(
        sync(&a, &[]),
        format!("Synced with {}: 0 sessions sent, 2 received.\n", remote.url())
    );
    let names = |sandbox: &Sandbox| -> Vec<String> {
        sandbox
            .session_files()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let all = [
        format!("{ID}.ron"),
        "20261121-080000.ron".into(),
        "20261121-090000.ron".into(),
    ];
    assert_eq!(names(&a), all);
    assert_eq!(names(&b), all);
    for id in [ID, "20261121-080000", "20261121-090000"] {
        assert_eq!(text_of(&a, id), text_of(&b, id), "{id} is the same on both");
    }
    assert!(text_of(&a, ID).contains("said so late"));
    assert!(
        b.home().join("trash/20261120-100000.ron").is_file(),
        "the trash travels"
    );
    assert_eq!(git(a.home(), &["status", "--porcelain"]), "");
    assert_eq!(git(b.home(), &["status", "--porcelain"]), "");
    assert_eq!(sync(&b, &[]), format!("Up to date with {}.\n", remote.url()));
}

#[test]
fn the_same_session_changed_on_both_machines_keeps_both_texts() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, ID, "First words");
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    save(&a, ID, "Written on the laptop");
    save(&b, ID, "Written on the desktop");
    sync(&a, &[]);

    let kept = b
        .home()
        .join(format!("revisions/{ID}/20261122-234501-other-machine.ron"));
    assert_eq!(
        sync(&b, &[]),
        format!(
            "Session {ID} was changed on both machines: yours is unchanged, the other machine's is kept as {}\nSynced with {}: 1 session sent, 1 received.\n",
            kept.display(),
            remote.url()
        )
    );
    assert!(
        text_of(&b, ID).contains("Written on the desktop"),
        "yours stays in place"
    );
    let theirs = std::fs::read_to_string(&kept).unwrap();
    assert!(
        theirs.contains("Written on the laptop"),
        "theirs is kept whole: {theirs}"
    );
    ownup::store::load_file(&kept).expect("the kept version is a whole session");

    // The first machine comes to the same: both texts, said as it is there.
    let mine = a
        .home()
        .join(format!("revisions/{ID}/20261122-234501-other-machine.ron"));
    assert_eq!(
        sync(&a, &[]),
        format!(
            "Session {ID} was changed on both machines: the other machine's version is in place now, and yours is kept as {}\nSynced with {}: 0 sessions sent, 1 received.\n",
            mine.display(),
            remote.url()
        )
    );
    assert_eq!(text_of(&a, ID), text_of(&b, ID));
    assert!(
        std::fs::read_to_string(&mine)
            .unwrap()
            .contains("Written on the laptop")
    );
    assert_eq!(sync(&a, &[]), format!("Up to date with {}.\n", remote.url()));
    assert_eq!(sync(&b, &[]), format!("Up to date with {}.\n", remote.url()));

    // The reader says so, and where the other text is.
    let mut tui = b.spawn(&[]);
    tui.wait_for("Written on the desktop");
    tui.send(common::ENTER);
    let screen = tui.wait_for("Changed on another machine at the same time");
    assert!(screen.contains("the other version is kept in"), "{screen}");
    assert!(screen.contains("other-machine.ron"), "{screen}");
    tui.send(common::CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn what_stays_on_one_machine_is_never_committed() {
    let remote = Remote::new();
    let a = machine();
    save(&a, ID, "Missed the Q3 deadline");
    let home = a.home();
    // The index (made by a list), locks, check-in drafts, settings, scripts, a save in
    // progress, a session open in an editor, a link and stray files.
    assert!(a.run(&["list"]).status.success());
    assert!(home.join("cache/index.sqlite3").is_file());
    std::fs::create_dir_all(home.join("drafts")).unwrap();
    std::fs::write(home.join("drafts/check-ins.ron"), "[]").unwrap();
    std::fs::write(home.join("config.ron"), "Config()").unwrap();
    std::fs::create_dir_all(home.join("scripts")).unwrap();
    std::fs::write(home.join("scripts/mine.ron"), "Script()").unwrap();
    std::fs::write(home.join("locks/20261120-090000.lock"), "").unwrap();
    std::fs::write(home.join(format!("sessions/.{ID}.ron.1.0.tmp")), "half").unwrap();
    std::fs::write(home.join(format!("sessions/.edit-{ID}-42.md")), "# draft").unwrap();
    std::fs::write(home.join("sessions/notes.txt"), "notes").unwrap();
    std::os::unix::fs::symlink(home.join("config.ron"), home.join("sessions/link.ron")).unwrap();
    save(&a, "20261121-080000", "Forgot the standup");
    SessionStore::open(home)
        .unwrap()
        .trash("20261121-080000")
        .unwrap();
    save(&a, "20261121-090000", "Broke the build");
    let store = SessionStore::open(home).unwrap();
    let at = common::time("2026-11-22T10:00:00+01:00");
    store.keep_revision("20261121-090000", at).unwrap();

    sync(&a, &["--remote", &remote.url()]);
    let travels = [
        ".gitignore",
        "revisions/20261121-090000/20261122-100000.ron",
        &format!("sessions/{ID}.ron"),
        "sessions/20261121-090000.ron",
        "trash/20261121-080000.ron",
    ];
    let committed: Vec<String> = git(home, &["ls-files"]).lines().map(str::to_string).collect();
    assert_eq!(committed, travels);
    assert_eq!(remote.files(), travels);
    // A link put in a session's place is never committed, nor taken as the session removed.
    let session = home.join("sessions/20261121-090000.ron");
    std::fs::remove_file(&session).unwrap();
    std::os::unix::fs::symlink(home.join("config.ron"), &session).unwrap();
    assert_eq!(sync(&a, &[]), format!("Up to date with {}.\n", remote.url()));
    assert_eq!(remote.files(), travels);
    // A `git add` by hand goes no further: the ignore file agrees with what ownup commits
    // (but for the link, which an ignore file cannot tell from a file).
    std::fs::remove_file(home.join("sessions/link.ron")).unwrap();
    git(home, &["add", "--all"]);
    let by_hand: Vec<String> = git(home, &["ls-files"]).lines().map(str::to_string).collect();
    assert_eq!(by_hand, travels);
}

#[test]
fn without_a_remote_sync_commits_here_and_says_how_to_add_one() {
    let a = machine();
    save(&a, ID, "Missed the Q3 deadline");
    assert_eq!(
        sync(&a, &[]),
        format!(
            "Committed 1 session in {}. No remote is set: add one with ownup sync --remote URL\n",
            a.home().display()
        )
    );
    assert_eq!(git(a.home(), &["rev-list", "--count", "HEAD"]), "1\n");
    assert_eq!(
        sync(&a, &[]),
        "Nothing new to commit. No remote is set: add one with ownup sync --remote URL\n"
    );
    // git's own files are private too.
    use std::os::unix::fs::PermissionsExt;
    let config = std::fs::metadata(a.home().join(".git/config")).unwrap();
    assert_eq!(config.permissions().mode() & 0o077, 0, "no access for others");
}

#[test]
fn without_git_sync_says_to_install_it() {
    let mut a = machine();
    let empty = tempfile::tempdir().unwrap();
    a.extra_env
        .push(("PATH".into(), empty.path().display().to_string()));
    save(&a, ID, "Missed the Q3 deadline");
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ownup: ownup sync uses git, which is not installed (or not on your PATH): install it (e.g. `sudo apt install git`, or `brew install git`), then run ownup sync again\n"
    );
    assert!(!a.home().join(".git").exists(), "nothing was made");
}

#[test]
fn a_second_sync_while_one_runs_is_refused() {
    let a = machine();
    save(&a, ID, "Missed the Q3 deadline");
    let store = SessionStore::open(a.home()).unwrap();
    let held = store.lock("sync").unwrap();
    let out = a.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ownup: another ownup sync is running (from the app or a shell) — wait for it to end, then sync again\n"
    );
    assert!(!a.home().join(".git").exists(), "nothing was done");
    drop(held);
    sync(&a, &[]);
}

#[test]
fn a_session_open_here_is_never_changed_under_it() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, ID, "First words");
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    save(&a, ID, "Written on the laptop");
    sync(&a, &[]);

    // An ownup on B has the session open (it holds the session's lock).
    let open = SessionStore::open(b.home()).unwrap().lock(ID).unwrap();
    let before = text_of(&b, ID);
    let out = b.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: session {ID} is open in ownup here and changed on another machine: nothing was received or sent — close it, then sync again\n"
        )
    );
    assert_eq!(text_of(&b, ID), before, "untouched while open");
    drop(open);
    assert_eq!(
        sync(&b, &[]),
        format!("Synced with {}: 0 sessions sent, 1 received.\n", remote.url())
    );
    assert!(text_of(&b, ID).contains("Written on the laptop"));
}

#[test]
fn a_remote_that_cannot_be_reached_is_said_with_where() {
    let a = machine();
    save(&a, ID, "Missed the Q3 deadline");
    let missing = a.home().join("no-such-remote.git");
    let out = a.run(&["sync", "--remote", &missing.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("ownup: cannot receive from {}: ", missing.display())),
        "{err}"
    );
    assert!(err.contains("does not appear to be a git repository"), "{err}");
    // What changed here is committed, and the remote is kept for next time.
    assert_eq!(git(a.home(), &["rev-list", "--count", "HEAD"]), "1\n");
    assert_eq!(
        git(a.home(), &["remote", "get-url", "origin"]).trim(),
        missing.display().to_string()
    );
}

#[test]
fn two_machines_that_kept_sessions_before_syncing_join_without_losing_any() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, "20261118-080000", "Only on the laptop");
    save(&b, "20261119-080000", "Only on the desktop");
    // The same id, started in the same second on both: two texts, neither lost.
    save(&a, ID, "Laptop's own");
    save(&b, ID, "Desktop's own");
    sync(&a, &["--remote", &remote.url()]);
    let kept = b
        .home()
        .join(format!("revisions/{ID}/20261122-234501-other-machine.ron"));
    assert_eq!(
        sync(&b, &["--remote", &remote.url()]),
        format!(
            "Session {ID} was changed on both machines: yours is unchanged, the other machine's is kept as {}\nSynced with {}: 2 sessions sent, 2 received.\n",
            kept.display(),
            remote.url()
        )
    );
    sync(&a, &[]);
    for sandbox in [&a, &b] {
        assert_eq!(sandbox.session_files().len(), 3);
        assert_eq!(git(sandbox.home(), &["status", "--porcelain"]), "");
    }
    assert!(text_of(&a, ID).contains("Desktop's own"));
    for id in ["20261118-080000", "20261119-080000", ID] {
        assert_eq!(text_of(&a, id), text_of(&b, id));
    }
    let other = a
        .home()
        .join(format!("revisions/{ID}/20261122-234501-other-machine.ron"));
    assert!(std::fs::read_to_string(other).unwrap().contains("Laptop's own"));
}

#[test]
fn files_this_ownup_does_not_sync_on_the_remote_stop_the_sync_before_anything_changes() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    save(&a, ID, "First words");
    sync(&a, &["--remote", &remote.url()]);
    // Something else (a newer ownup, a hand-made commit) adds what ownup does not know.
    let elsewhere = tempfile::tempdir().unwrap();
    git(
        elsewhere.path(),
        &["clone", "--quiet", "-b", "main", &remote.url(), "clone"],
    );
    let clone = elsewhere.path().join("clone");
    std::fs::write(clone.join("notes.txt"), "hello").unwrap();
    std::fs::write(clone.join("sessions/20261121-080000.ron"), "(new)").unwrap();
    git(&clone, &["add", "--all", "--force"]);
    git(
        &clone,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "--quiet",
            "-m",
            "x",
        ],
    );
    git(&clone, &["push", "--quiet", "origin", "main"]);

    let out = b.run(&["sync", "--remote", &remote.url()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ownup: the remote has files ownup does not sync (notes.txt), committed by hand or by a newer ownup — nothing was received or sent; take them out of the remote (git rm --cached) or update ownup here, then sync again\n"
    );
    assert!(b.session_files().is_empty(), "nothing was taken in");
}

#[test]
fn with_auto_sync_the_app_syncs_when_it_starts_and_after_a_finished_session() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    sync(&b, &["--remote", &remote.url()]);
    save(&a, ID, "Written on the laptop");
    sync(&a, &["--remote", &remote.url()]);
    std::fs::write(b.home().join("config.ron"), "Config(sync: (auto: true))").unwrap();

    // On start: what the laptop sent comes in, in the background, and is listed.
    let mut tui = b.spawn(&[]);
    let screen = tui.wait_for("synced: 1 received");
    tui.wait_for("Written on the laptop");
    assert!(
        !screen.contains("git"),
        "git says nothing on the app's screen:\n{screen}"
    );
    tui.send(common::CTRL_C);
    assert!(tui.wait_exit().success());

    // After a finished session: it goes out without being asked.
    let demo = common::demo_script().display().to_string();
    let mut tui = b.spawn(&["new", "--script", &demo]);
    tui.wait_for("What happened, in one sentence?");
    tui.type_text("Broke the build on the desktop");
    tui.send(common::CTRL_S);
    tui.wait_for("Saved to");
    common::eventually("the finished session is sent", || remote.files().len() == 3);
    tui.send(common::CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(
        sync(&a, &[]),
        format!("Synced with {}: 0 sessions sent, 1 received.\n", remote.url())
    );
    let list = stdout(&a.run(&["list"]));
    assert!(list.contains("Broke the build on the desktop"), "{list}");
}

#[test]
fn with_auto_sync_a_failure_is_a_notice_and_the_app_goes_on() {
    let a = machine();
    save(&a, ID, "Written on the laptop");
    let missing = a.home().join("gone.git");
    let out = a.run(&["sync", "--remote", &missing.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(a.home().join("config.ron"), "Config(sync: (auto: true))").unwrap();
    let mut tui = a.spawn(&[]);
    let screen = tui.wait_for("not synced");
    assert!(screen.contains("Not synced: cannot receive from"), "{screen}");
    assert!(screen.contains("Written on the laptop"), "{screen}");
    tui.send(common::CTRL_C);
    assert!(tui.wait_exit().success());
}

/// Every object in the repository at `path`, as git prints it: what the remote would give
/// anyone who has it.
fn everything_in(path: &Path) -> Vec<u8> {
    let objects = git(
        path,
        &["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"],
    );
    let mut all = Vec::new();
    for oid in objects.lines() {
        let out = Command::new("git")
            .arg("-C")
            .arg(path)
            .args(["cat-file", "-p", oid])
            .envs(sealed_git_env(path))
            .output()
            .unwrap();
        all.extend(out.stdout);
    }
    all
}

#[test]
fn encrypted_sessions_travel_encrypted_and_open_on_the_other_machine() {
    let remote = Remote::new();
    let a = machine().with_passphrase("one passphrase");
    let b = machine().with_passphrase("one passphrase");
    save(&a, ID, "Pelicanmigration went out on a Friday");
    let out = a.run(&["encrypt", "--passphrase"]);
    assert!(out.status.success(), "{}", stderr(&out));
    sync(&a, &["--remote", &remote.url()]);
    assert_eq!(
        remote.files(),
        [".gitignore", "key.age", &format!("sessions/{ID}.ron.age")]
    );
    // B had a session of its own before: it stays, not sent while it is not encrypted.
    save(&b, "20261121-090000", "Flamingoreport from B");
    let said = sync(&b, &["--remote", &remote.url()]);
    assert!(said.contains("1 received"), "{said}");
    assert!(said.contains("run ownup encrypt here too"), "{said}");
    assert!(b.home().join("key.age").is_file());
    let list = stdout(&b.run(&["list"]));
    assert!(
        list.contains("Pelicanmigration") && list.contains("Flamingoreport"),
        "{list}"
    );
    assert_eq!(
        remote.files(),
        [".gitignore", "key.age", &format!("sessions/{ID}.ron.age")],
        "B's plain session stays on B"
    );
    // Encrypted on B too, it travels; no word is in the remote in the clear, ever.
    let out = b.run(&["encrypt", "--passphrase"]);
    assert!(out.status.success(), "{}", stderr(&out));
    sync(&b, &[]);
    sync(&a, &[]);
    let list = stdout(&a.run(&["list"]));
    assert!(list.contains("Flamingoreport"), "{list}");
    remote.assert_not_in_the_clear(&["Pelicanmigration", "Flamingoreport"]);
}

#[test]
fn two_machines_that_encrypted_with_keys_of_their_own_stop_and_say_how_to_go_on() {
    let remote = Remote::new();
    let a = machine().with_passphrase("passphrase of a");
    let b = machine().with_passphrase("passphrase of b");
    save(&a, ID, "On A");
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    assert!(b.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &[]);
    let out = b.run(&["sync"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ownup decrypt"), "{}", stderr(&out));
    // Nothing on B changed: its sessions open with its own passphrase.
    assert!(stdout(&b.run(&["list"])).contains("On A"));

    // The same passphrase on both, and a key of each: A's key.age opens with it, but the key
    // in it does not open B's files — never taken.
    let remote = Remote::new();
    let a = machine().with_passphrase("one for both");
    let b = machine().with_passphrase("one for both");
    save(&a, ID, "On A");
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    assert!(b.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &[]);
    let key_before = std::fs::read(b.home().join("key.age")).unwrap();
    let out = b.run(&["sync"]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("holds another key") && said.contains("ownup decrypt"),
        "{said}"
    );
    assert_eq!(std::fs::read(b.home().join("key.age")).unwrap(), key_before);
    assert!(stdout(&b.run(&["list"])).contains("On A"));
}

/// The text of a new age identity file.
fn new_identity() -> String {
    let person = age::x25519::Identity::generate();
    format!(
        "{}\n",
        age::secrecy::ExposeSecret::expose_secret(&person.to_string())
    )
}

/// `sandbox` (its data folder and passphrase file), for `ownup passphrase` with the new one in
/// `new_file`.
fn giving_a_new_passphrase(sandbox: &Sandbox, new_file: &Path) -> Sandbox {
    let mut changing = machine();
    changing.extra_env = sandbox.extra_env.clone();
    changing.extra_env.extend([
        ("OWNUP_HOME".to_string(), sandbox.home().display().to_string()),
        (
            "OWNUP_NEW_PASSPHRASE_FILE".to_string(),
            new_file.display().to_string(),
        ),
    ]);
    changing
}

/// The passphrase file of `sandbox` (made by `with_passphrase`), written with `passphrase`:
/// the person puts the new one in it.
fn set_passphrase_file(sandbox: &Sandbox, passphrase: &str) {
    let (_, file) = sandbox
        .extra_env
        .iter()
        .rfind(|(name, _)| name == "OWNUP_PASSPHRASE_FILE")
        .expect("a passphrase file");
    std::fs::write(file, format!("{passphrase}\n")).unwrap();
}

/// A session written on `sandbox` in plain lines (in an encrypted store, it is saved
/// encrypted).
#[track_caller]
fn write_session(sandbox: &Sandbox, what: &str) {
    let out = sandbox.run_with_input(
        &["new", "--plain", "--script", "quick"],
        &format!("{what}\n\n3\nMine.\n\n2\nWhen X, I will Y.\n\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_new_passphrase_set_on_one_machine_is_taken_by_the_other_at_its_next_sync() {
    let remote = Remote::new();
    let a = machine().with_passphrase("first passphrase");
    let b = machine().with_passphrase("first passphrase");
    save(&a, ID, "Written on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    assert!(b.run(&["encrypt", "--passphrase"]).status.success());
    // B writes a session and does not sync it yet; A gives the key a new passphrase.
    write_session(&b, "Only on B, not synced yet.");
    let new_file = a.user_home().join("new.txt");
    std::fs::write(&new_file, "second passphrase\n").unwrap();
    let changing = giving_a_new_passphrase(&a, &new_file);
    let out = changing.run(&["passphrase"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("next ownup sync"), "{}", stdout(&out));
    set_passphrase_file(&a, "second passphrase");
    let said = stdout(&a.run(&["sync", "--status"]));
    assert!(
        said.contains("key here (key.age) is not the remote's yet"),
        "{said}"
    );
    let said = sync(&a, &[]);
    assert!(said.contains("your sessions' key (key.age) sent"), "{said}");

    // B still has the old passphrase in its file: the sync stops, says what to do, and
    // changes nothing here or there.
    let (key_before, remote_before) = (std::fs::read(b.home().join("key.age")).unwrap(), remote.files());
    let out = b.run(&["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("put that passphrase in the file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(b.home().join("key.age")).unwrap(), key_before);
    assert_eq!(remote.files(), remote_before);
    assert!(stdout(&b.run(&["list"])).contains("Only on B"));
    let said = stdout(&b.run(&["sync", "--status"]));
    assert!(said.contains("The remote's key.age changed"), "{said}");
    assert!(!said.contains("key here (key.age) is not the remote's"), "{said}");

    // With the new one: B takes A's key.age, its session travels, and both open everything
    // with the new passphrase.
    set_passphrase_file(&b, "second passphrase");
    let said = sync(&b, &[]);
    assert!(said.contains("sealed anew on the other machine"), "{said}");
    assert!(said.contains("the passphrase set there"), "{said}");
    assert!(said.contains("1 session sent"), "{said}");
    sync(&a, &[]);
    for machine in [&a, &b] {
        let list = stdout(&machine.run(&["list"]));
        assert!(
            list.contains("Only on B") && list.contains("Written on A"),
            "{list}"
        );
    }
    set_passphrase_file(&b, "first passphrase");
    assert!(
        !b.run(&["list"]).status.success(),
        "the old passphrase still opens B's key"
    );

    // On a terminal, without a passphrase file, the new one is asked for, and not shown.
    std::fs::write(&new_file, "third passphrase\n").unwrap();
    assert!(changing.run(&["passphrase"]).status.success());
    sync(&a, &[]);
    let mut b = b;
    b.extra_env.retain(|(name, _)| name != "OWNUP_PASSPHRASE_FILE");
    let mut tui = b.spawn(&["sync"]);
    tui.wait_for("The passphrase set there");
    tui.send("a wrong one\r");
    tui.wait_for("try again");
    tui.send("third passphrase\r");
    let screen = tui.wait_for("Up to date");
    assert!(!screen.contains("third passphrase"), "{screen}");
    assert!(tui.wait_exit().success());
    assert_eq!(
        std::fs::read(b.home().join("key.age")).unwrap(),
        std::fs::read(a.home().join("key.age")).unwrap()
    );
}

#[test]
fn a_key_sealed_to_an_identity_there_and_with_a_passphrase_here_is_taken_and_config_follows() {
    let remote = Remote::new();
    let identity = new_identity();
    let a = machine().with_passphrase("the passphrase");
    let b = machine().with_passphrase("the passphrase");
    let on_b = b.user_home().join("id.txt");
    std::fs::write(&on_b, &identity).unwrap();
    save(&a, ID, "Written on A");
    let on_a = a.user_home().join("id.txt");
    std::fs::write(&on_a, &identity).unwrap();
    assert!(
        a.run(&["encrypt", "--identity", on_a.to_str().unwrap()])
            .status
            .success()
    );
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    assert!(
        b.run(&["encrypt", "--identity", on_b.to_str().unwrap()])
            .status
            .success()
    );
    // A seals the key with a passphrase instead; B, with that passphrase at hand, takes it,
    // and its config.ron says passphrase from now on.
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &[]);
    let said = sync(&b, &[]);
    assert!(said.contains("sealed anew"), "{said}");
    let config = std::fs::read_to_string(b.home().join("config.ron")).unwrap();
    assert!(config.contains("passphrase: true"), "{config}");
    assert!(stdout(&b.run(&["list"])).contains("Written on A"));
}

#[test]
fn with_auto_sync_a_session_written_in_plain_lines_or_the_editor_travels_once_finished() {
    let remote = Remote::new();
    let a = machine();
    sync(&a, &["--remote", &remote.url()]);
    std::fs::write(a.home().join("config.ron"), "Config(sync: (auto: true))\n").unwrap();
    let input = "Sent the figures twice.\n\n3\nThat was mine.\n\n2\nWhen I send, I check.\n\n";
    let out = a.run_with_input(&["new", "--plain", "--script", "quick"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("Synced with") && said.contains("1 session sent"),
        "{said}"
    );
    assert_eq!(remote.files().len(), 2, "{:?}", remote.files());

    // In the editor: a fake one that answers the questions a quick session needs.
    let editor = a.user_home().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nawk '{ print } /^### (What happened|What will you say|When this situation)/ { print \"Answered in the editor.\" }' \"$1\" > \"$1.new\" && cat \"$1.new\" > \"$1\" && rm \"$1.new\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut b = machine();
    b.extra_env.push(("EDITOR".into(), editor.display().to_string()));
    sync(&b, &["--remote", &remote.url()]);
    std::fs::write(b.home().join("config.ron"), "Config(sync: (auto: true))\n").unwrap();
    let out = b.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("1 session sent"), "{said}");
    assert_eq!(remote.files().len(), 3, "{:?}", remote.files());
}

#[test]
fn a_key_changed_on_the_other_machine_is_never_taken_over_this_ones_and_the_remote_stays_encrypted() {
    let remote = Remote::new();
    let a = machine().with_passphrase("shared");
    let b = machine().with_passphrase("shared");
    save(&a, ID, "Written on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    // B writes a session and does not sync yet; A seals the key to an identity instead.
    let out = b.run_with_input(
        &["new", "--plain", "--script", "quick"],
        "Only on B.\n\n3\nMine.\n\n2\nWhen X, I will Y.\n\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let identity = new_identity();
    let (on_a, on_b) = (a.user_home().join("id.txt"), b.user_home().join("id.txt"));
    std::fs::write(&on_a, &identity).unwrap();
    std::fs::write(&on_b, &identity).unwrap();
    assert!(
        a.run(&["encrypt", "--identity", on_a.to_str().unwrap()])
            .status
            .success()
    );
    sync(&a, &[]);
    // B's key.age is not A's any more, and B cannot open A's (config.ron names no identity
    // here): B's sync stops, changes nothing, and says how to go on.
    let key_before = std::fs::read(b.home().join("key.age")).unwrap();
    let out = b.run(&["sync"]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("sealed to an identity file") && said.contains("ownup encrypt --identity FILE"),
        "{said}"
    );
    assert_eq!(std::fs::read(b.home().join("key.age")).unwrap(), key_before);
    assert!(stdout(&b.run(&["list"])).contains("Only on B"));
    // Following what it said: B seals its key to that identity too, and its next sync takes
    // A's key.age (the same key, sealed anew): both have everything.
    let out = b.run(&["encrypt", "--identity", on_b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = sync(&b, &[]);
    assert!(said.contains("sealed anew on the other machine"), "{said}");
    assert!(said.contains("1 session sent"), "{said}");
    assert_eq!(
        std::fs::read(b.home().join("key.age")).unwrap(),
        std::fs::read(a.home().join("key.age")).unwrap()
    );
    sync(&a, &[]);
    for machine in [&a, &b] {
        let list = stdout(&machine.run(&["list"]));
        assert!(
            list.contains("Only on B") && list.contains("Written on A"),
            "{list}"
        );
    }

    // A decrypts: the remote stays encrypted, and A syncs nothing until it encrypts again
    // (nothing of A's goes there in the clear, and no key is taken in place of the one it
    // synced); encrypting again takes the key of the last sync, not a new one the others
    // could not open.
    assert!(a.run(&["decrypt"]).status.success());
    save(&a, "20261123-100000", "New on A while plain");
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("run `ownup encrypt` here first"),
        "{}",
        stderr(&out)
    );
    assert!(
        remote.files().contains(&"key.age".to_string()),
        "{:?}",
        remote.files()
    );
    sync(&b, &[]);
    let out = a.run(&["encrypt", "--identity", on_a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("key of the last sync"), "{}", stdout(&out));
    sync(&a, &[]);
    sync(&b, &[]);
    let list = stdout(&b.run(&["list"]));
    assert!(list.contains("New on A while plain"), "{list}");
    remote.assert_not_in_the_clear(&["Only on B", "New on A wh"]);
}

/// `value` quoted for sh.
fn sh_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// A folder with a `git` that, before each of the first `times` pushes, has `other` write a
/// session and sync it: the remote moves on between this machine's fetch and its push, as when
/// two machines sync at once. Put first in the PATH of the machine that is to push.
fn git_racing_with(other: &Sandbox, times: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ownup = env!("CARGO_BIN_EXE_ownup");
    let env: Vec<String> = other
        .env_vars()
        .iter()
        .map(|(name, value)| format!("{name}={}", sh_quoted(value)))
        .collect();
    let env = env.join(" ");
    let real_git = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let count = dir.path().join("pushes");
    let script = format!(
        r#"#!/bin/sh
for arg in "$@"; do
  if [ "$arg" = push ]; then
    n=$(cat {count} 2>/dev/null || echo 0)
    echo $((n + 1)) > {count}
    if [ "$n" -lt {times} ]; then
      printf 'Raced push %s.\n\n3\nMine.\n\n2\nWhen X, I will Y.\n\n' "$n" | env -i {env} {ownup} new --plain --script quick >/dev/null 2>&1 || exit 99
      env -i {env} {ownup} sync >/dev/null 2>&1 || exit 98
    fi
    break
  fi
done
exec {real_git} "$@"
"#,
        count = sh_quoted(&count.display().to_string()),
        ownup = sh_quoted(ownup),
        real_git = sh_quoted(&real_git),
    );
    let git = dir.path().join("git");
    std::fs::write(&git, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&git, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// `sandbox` with `dir` first in its PATH.
fn with_path_first(sandbox: &Sandbox, dir: &Path) -> Sandbox {
    let mut racing = machine();
    racing.extra_env = sandbox.extra_env.clone();
    let path = std::env::var("PATH").unwrap_or_default();
    racing.extra_env.extend([
        ("OWNUP_HOME".to_string(), sandbox.home().display().to_string()),
        ("PATH".to_string(), format!("{}:{path}", dir.display())),
    ]);
    racing
}

#[test]
fn a_remote_that_moves_on_between_fetch_and_push_is_taken_in_and_the_push_tried_again() {
    let remote = Remote::new();
    let (a, b) = (machine(), machine());
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    save(&a, ID, "Written on A");

    // Once: A's first push is refused (B sent a session meanwhile); A takes it in and pushes.
    let racing = git_racing_with(&b, 1);
    let said = sync(&with_path_first(&a, racing.path()), &[]);
    assert_eq!(
        std::fs::read_to_string(racing.path().join("pushes"))
            .unwrap()
            .trim(),
        "2",
        "{said}"
    );
    assert!(said.contains("1 session sent, 1 received"), "{said}");
    assert_eq!(remote.files().len(), 3, "{:?}", remote.files());
    sync(&b, &[]);
    assert!(stdout(&b.run(&["list"])).contains("Written on A"));

    // Every time, three times over: A gives up, says so, and loses nothing; the next sync
    // sends it all.
    save(&a, "20261121-090000", "Second on A");
    let racing = git_racing_with(&b, 3);
    let out = with_path_first(&a, racing.path()).run(&["sync"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("kept changing"), "{}", stderr(&out));
    let said = sync(&a, &[]);
    assert!(said.contains("1 session sent"), "{said}");
    sync(&b, &[]);
    let list = stdout(&b.run(&["list"]));
    assert!(list.contains("Second on A"), "{list}");
    assert_eq!(remote.files().len(), 7, "{:?}", remote.files());
}

#[test]
fn status_says_when_the_last_sync_was_and_what_is_not_sent_and_asks_nothing_of_the_remote() {
    let a = machine();
    save(&a, ID, "Written on A");
    // Never synced: said, and the data folder is left as it is.
    let said = stdout(&a.run(&["sync", "--status"]));
    assert!(said.contains("Not synced yet"), "{said}");
    assert!(!a.home().join(".git").exists());

    let remote = Remote::new();
    sync(&a, &["--remote", &remote.url()]);
    let said = stdout(&a.run(&["sync", "--status"]));
    assert!(said.contains(&format!("Remote: {}", remote.url())), "{said}");
    assert!(said.contains("Last synced: Sun 22 Nov 2026, 23:45"), "{said}");
    assert!(said.contains("Nothing here that the remote lacks"), "{said}");

    // Written and changed here since: named. Nothing is committed, and the remote is not
    // asked (it can be gone).
    save(&a, "20261121-090000", "New on A");
    save(&a, ID, "Changed on A");
    let commits = git(a.home(), &["rev-list", "--all", "--count"]);
    std::fs::rename(&remote.path, remote.path.with_extension("away")).unwrap();
    let out = a.run(&["sync", "--status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains(&format!("Not sent yet: 2 sessions written, changed or removed here since the last sync ({ID}, 20261121-090000)")),
        "{said}"
    );
    assert_eq!(git(a.home(), &["rev-list", "--all", "--count"]), commits);
    std::fs::rename(remote.path.with_extension("away"), &remote.path).unwrap();
    sync(&a, &[]);
    assert!(stdout(&a.run(&["sync", "--status"])).contains("Nothing here that the remote lacks"));

    // Encrypted: said, for both ends.
    let a = a.with_passphrase("status");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    let said = stdout(&a.run(&["sync", "--status"]));
    assert!(said.contains("Not sent yet: 2 sessions"), "{said}");
    assert!(
        said.contains("the remote has no encrypted sessions yet"),
        "{said}"
    );
    sync(&a, &[]);
    let said = stdout(&a.run(&["sync", "--status"]));
    assert!(said.contains("Encrypted here and on the remote"), "{said}");
    assert!(said.contains("Nothing here that the remote lacks"), "{said}");
}

#[test]
fn a_key_planted_on_the_remote_sealed_to_this_machines_identity_is_never_taken() {
    let remote = Remote::new();
    let identity = new_identity();
    // A machine encrypted before it wrote anything: no encrypted file here to check a key by.
    let a = machine();
    let on_a = a.user_home().join("id.txt");
    std::fs::write(&on_a, &identity).unwrap();
    let out = a.run(&["encrypt", "--identity", on_a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    sync(&a, &["--remote", &remote.url()]);

    // Someone who can write to the remote replaces key.age with a key of their own, sealed to
    // the person's identity (its public half is enough).
    let planted = ownup::crypt::StoreKey::generate()
        .seal(ownup::crypt::Seal::IdentityFile(&identity))
        .unwrap();
    remote.commit_by_hand(|clone| std::fs::write(clone.join("key.age"), &planted).unwrap());

    let key_before = std::fs::read(a.home().join("key.age")).unwrap();
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("holds another key"), "{}", stderr(&out));
    assert_eq!(std::fs::read(a.home().join("key.age")).unwrap(), key_before);
    // What A writes now is still encrypted to its own key.
    write_session(&a, "Private words after the attack.");
    assert!(stdout(&a.run(&["list"])).contains("Private words"));
}

#[test]
fn a_key_removed_from_the_remote_is_sent_again_and_no_session_goes_there_in_the_clear() {
    let remote = Remote::new();
    let a = machine().with_passphrase("kept");
    let b = machine().with_passphrase("kept");
    save(&a, ID, "Secretword written on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);

    // Someone removes key.age from the remote: A keeps its own, says so, and sends it again.
    remote.commit_by_hand(|clone| std::fs::remove_file(clone.join("key.age")).unwrap());
    let said = sync(&a, &[]);
    assert!(
        said.contains("key.age had been removed from the remote"),
        "{said}"
    );
    assert!(
        remote.files().contains(&"key.age".to_string()),
        "{:?}",
        remote.files()
    );

    // Removed again, and B decrypted meanwhile: the remote still holds encrypted sessions, so
    // nothing of B's goes there in the clear.
    remote.commit_by_hand(|clone| std::fs::remove_file(clone.join("key.age")).unwrap());
    assert!(b.run(&["decrypt"]).status.success());
    save(&b, "20261121-090000", "Plainword written on B");
    let said = stdout(&b.run(&["sync", "--status"]));
    assert!(
        !said.contains("Not sent yet") && said.contains("receives and sends nothing until ownup encrypt"),
        "{said}"
    );
    assert!(!b.run(&["sync"]).status.success());
    remote.assert_not_in_the_clear(&["Plainword", "Secretword"]);
}

#[test]
fn a_damaged_key_here_is_never_sent() {
    let remote = Remote::new();
    let a = machine().with_passphrase("kept");
    save(&a, ID, "Written on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    let before = git(&remote.path, &["rev-parse", "main"]);
    std::fs::write(a.home().join("key.age"), "garbage\n").unwrap();
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not an ownup store key"),
        "{}",
        stderr(&out)
    );
    assert_eq!(git(&remote.path, &["rev-parse", "main"]), before);
}

#[test]
fn a_session_replaced_on_the_remote_by_one_this_key_cannot_open_stays_readable_here() {
    let remote = Remote::new();
    let a = machine().with_passphrase("kept");
    save(&a, ID, "Readable words on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    let junk = ownup::crypt::StoreKey::generate().encrypt(b"junk").unwrap();
    remote
        .commit_by_hand(|clone| std::fs::write(clone.join(format!("sessions/{ID}.ron.age")), &junk).unwrap());
    let said = sync(&a, &[]);
    assert!(said.contains(&format!("Session {ID}")), "{said}");
    let shown = stdout(&a.run(&["show", ID]));
    assert!(shown.contains("Readable words on A"), "{shown}");
    let kept: Vec<_> = std::fs::read_dir(a.home().join("revisions").join(ID))
        .unwrap()
        .flatten()
        .map(|entry| std::fs::read(entry.path()).unwrap())
        .collect();
    assert!(kept.contains(&junk), "the other version is not kept");
}

#[test]
fn a_machine_that_decrypted_and_took_a_resealed_key_never_removes_encrypted_sessions_from_the_remote() {
    let remote = Remote::new();
    let a = machine().with_passphrase("p1");
    let b = machine().with_passphrase("p1");
    save(&a, ID, "Kept on A for good");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    sync(&b, &["--remote", &remote.url()]);
    assert!(b.run(&["decrypt"]).status.success());
    let new_file = a.user_home().join("new.txt");
    std::fs::write(&new_file, "p2\n").unwrap();
    let changing = giving_a_new_passphrase(&a, &new_file);
    assert!(changing.run(&["passphrase"]).status.success());
    set_passphrase_file(&a, "p2");
    sync(&a, &[]);
    // B syncs nothing while decrypted; encrypted again, with the key it last synced, it
    // takes the key sealed anew there (with the new passphrase), and nothing is removed.
    assert!(!b.run(&["sync"]).status.success());
    let out = b.run(&["encrypt", "--passphrase"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("key of the last sync"), "{}", stdout(&out));
    set_passphrase_file(&b, "p2");
    let said = sync(&b, &[]);
    assert!(said.contains("sealed anew"), "{said}");
    let said = stdout(&b.run(&["sync", "--status"]));
    assert!(said.contains("Nothing here that the remote lacks"), "{said}");
    assert!(
        remote.files().contains(&format!("sessions/{ID}.ron.age")),
        "{:?}",
        remote.files()
    );
    sync(&a, &[]);
    assert!(stdout(&a.run(&["show", ID])).contains("Kept on A for good"));
}

#[test]
fn a_session_removed_from_the_remote_by_hand_goes_to_the_trash_here() {
    let remote = Remote::new();
    let a = machine();
    save(&a, ID, "Removed by someone else");
    sync(&a, &["--remote", &remote.url()]);
    remote.commit_by_hand(|clone| std::fs::remove_file(clone.join(format!("sessions/{ID}.ron"))).unwrap());
    let said = sync(&a, &[]);
    assert!(said.contains("without going to the trash"), "{said}");
    assert!(said.contains(&format!("ownup trash restore {ID}")), "{said}");
    assert!(a.home().join(format!("trash/{ID}.ron")).is_file());
    assert!(
        remote.files().contains(&format!("trash/{ID}.ron")),
        "{:?}",
        remote.files()
    );
    assert!(stdout(&a.run(&["trash"])).contains("Removed by someone else"));
}

#[test]
fn a_decrypted_machine_sends_nothing_in_the_clear_to_a_remote_emptied_by_hand() {
    let remote = Remote::new();
    let a = machine().with_passphrase("kept");
    save(&a, ID, "Firstsecret on A");
    assert!(a.run(&["encrypt", "--passphrase"]).status.success());
    sync(&a, &["--remote", &remote.url()]);
    assert!(a.run(&["decrypt"]).status.success());
    save(&a, "20261121-090000", "Secondsecret on A");
    assert!(!a.run(&["sync"]).status.success());
    remote.commit_by_hand(|clone| {
        std::fs::remove_file(clone.join("key.age")).unwrap();
        std::fs::remove_dir_all(clone.join("sessions")).unwrap();
    });
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("decrypted your sessions"),
        "{}",
        stderr(&out)
    );
    remote.assert_not_in_the_clear(&["Firstsecret", "Secondsecret"]);
}

#[test]
fn a_decrypted_machine_never_encrypts_to_a_key_planted_on_the_remote() {
    let remote = Remote::new();
    let identity = new_identity();
    let a = machine();
    let on_a = a.user_home().join("id.txt");
    std::fs::write(&on_a, &identity).unwrap();
    save(&a, ID, "Secretword on A");
    assert!(
        a.run(&["encrypt", "--identity", on_a.to_str().unwrap()])
            .status
            .success()
    );
    sync(&a, &["--remote", &remote.url()]);
    assert!(a.run(&["decrypt"]).status.success());
    let planted = ownup::crypt::StoreKey::generate()
        .seal(ownup::crypt::Seal::IdentityFile(&identity))
        .unwrap();
    remote.commit_by_hand(|clone| std::fs::write(clone.join("key.age"), &planted).unwrap());
    // Decrypted, A takes nothing in; encrypted again, it has the key it last synced (not the
    // planted one), and its sync stops at the other key.
    assert!(!a.run(&["sync"]).status.success());
    let out = a.run(&["encrypt", "--identity", on_a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mine = ownup::crypt::StoreKey::unseal(
        &std::fs::read(a.home().join("key.age")).unwrap(),
        ownup::crypt::Seal::IdentityFile(&identity),
    )
    .unwrap();
    let theirs =
        ownup::crypt::StoreKey::unseal(&planted, ownup::crypt::Seal::IdentityFile(&identity)).unwrap();
    assert!(!mine.same_as(&theirs));
    let out = a.run(&["sync"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("holds another key"), "{}", stderr(&out));
    assert!(stdout(&a.run(&["show", ID])).contains("Secretword on A"));
}

#[test]
fn a_key_planted_on_a_plain_remote_is_never_used_to_encrypt_what_this_machine_has() {
    let remote = Remote::new();
    let identity = new_identity();
    let a = machine();
    save(&a, ID, "Plainsecret on A");
    sync(&a, &["--remote", &remote.url()]);
    let planted = ownup::crypt::StoreKey::generate()
        .seal(ownup::crypt::Seal::IdentityFile(&identity))
        .unwrap();
    remote.commit_by_hand(|clone| std::fs::write(clone.join("key.age"), &planted).unwrap());
    sync(&a, &[]);
    let on_a = a.user_home().join("id.txt");
    std::fs::write(&on_a, &identity).unwrap();
    let out = a.run(&["encrypt", "--identity", on_a.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("came from your remote"), "{}", stderr(&out));
    assert!(
        a.home().join(format!("sessions/{ID}.ron")).is_file(),
        "nothing encrypted"
    );
}
