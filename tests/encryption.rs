//! Encryption at rest on the real binary: `ownup encrypt` with an age identity file and with
//! a passphrase (from `OWNUP_PASSPHRASE_FILE`), then every command on the encrypted store; no
//! word of an answer anywhere under the sandbox afterwards; the `age` tool (Debian's `age`,
//! installed by .ci/run) opens what ownup wrote; a wrong key changes nothing; a kill -9 at
//! any moment of `ownup encrypt` leaves every session readable; `ownup decrypt` gives back
//! the very bytes there were.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use age::secrecy::ExposeSecret as _;
use common::{Sandbox, SessionBuilder};
use ownup::session::Outcome;
use ownup::store::{CheckInDraft, SessionStore};

/// Words written in the sessions: none may be found on disk once they are encrypted.
const SECRETS: [&str; 5] = [
    "Quokkadeploy",
    "Zanzibarmigration",
    "Marguerite",
    "Pangolinnote",
    "Wombatrevision",
];

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "ownup failed:\n{}\n{}",
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// A store with a session of each kind: finished (with a revision kept), a draft, one in the
/// trash, and check-in notes being typed.
#[track_caller]
fn store_with_everything(sandbox: &Sandbox) {
    let store = SessionStore::open(sandbox.home()).unwrap();
    let finished = SessionBuilder::new("20261120-090000")
        .started("2026-11-20T09:00:00+01:00")
        .answer(
            "acknowledge",
            "what",
            format!("I shipped {} on a Friday.", SECRETS[0]),
        )
        .answer("act", "contain", format!("Rolled back the {}.", SECRETS[1]))
        .complete()
        .build();
    store.save(&finished).unwrap();
    store
        .keep_revision("20261120-090000", common::time("2026-11-20T10:00:00+01:00"))
        .unwrap();
    let edited = SessionBuilder::new("20261120-090000")
        .started("2026-11-20T09:00:00+01:00")
        .answer(
            "acknowledge",
            "what",
            format!("I shipped {} on a Friday.", SECRETS[0]),
        )
        .answer("act", "contain", format!("Rolled back the {}.", SECRETS[1]))
        .answer(
            "apologize",
            "who",
            format!("{} and the team — {}", SECRETS[2], SECRETS[4]),
        )
        .complete()
        .build();
    store.save(&edited).unwrap();
    let draft = SessionBuilder::new("20261121-090000")
        .started("2026-11-21T09:00:00+01:00")
        .answer("acknowledge", "what", "A draft about the invoice run.")
        .build();
    store.save(&draft).unwrap();
    let trashed = SessionBuilder::new("20261119-090000")
        .started("2026-11-19T09:00:00+01:00")
        .answer("acknowledge", "what", "Sent the wrong report to the client.")
        .build();
    store.save(&trashed).unwrap();
    store.trash("20261119-090000").unwrap();
    store
        .save_check_in_drafts(&[CheckInDraft {
            session: "20261120-090000".into(),
            index: 0,
            action: "Add a check".into(),
            outcome: Some(Outcome::Done),
            new_date: String::new(),
            note: SECRETS[3].into(),
            done_on: String::new(),
        }])
        .unwrap();
}

/// Every file under `dir` with its bytes, by path relative to `dir` (links not followed).
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                todo.push(path);
            } else if kind.is_file() {
                found.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    found
}

/// The files ownup keeps as data (sessions, revisions, trash, drafts), by path.
fn data_files(sandbox: &Sandbox) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(sandbox.home())
        .into_iter()
        .filter(|(path, _)| {
            ["sessions", "revisions", "trash", "drafts"]
                .iter()
                .any(|folder| path.starts_with(folder))
        })
        .collect()
}

/// Fails if any of [`SECRETS`] is in any file under the sandbox (the identity file and the
/// passphrase file aside, which hold no answer).
#[track_caller]
fn assert_no_secret_on_disk(sandbox: &Sandbox) {
    for (path, bytes) in files_under(sandbox.home()) {
        for secret in SECRETS {
            let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
            assert!(!found, "{secret} is in {} in the clear", path.display());
        }
    }
}

/// An age identity file for the person, written in the sandbox's home.
fn identity(sandbox: &Sandbox) -> PathBuf {
    let person = age::x25519::Identity::generate();
    let path = sandbox.user_home().join("identity.txt");
    std::fs::write(
        &path,
        format!(
            "# created: for a test\n# public key: {}\n{}\n",
            person.to_public(),
            person.to_string().expose_secret()
        ),
    )
    .unwrap();
    path
}

/// Runs the `age` tool.
#[track_caller]
fn age_tool(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = Command::new("age")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the age tool (apt install age)");
    assert!(out.status.success(), "age {args:?}: {}", stderr(&out));
    out.stdout
}

#[test]
fn an_identity_file_encrypts_everything_and_every_command_still_works() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    // The index is built, with the words of every answer in it.
    ok(&sandbox.run(&["list"]));
    let before = data_files(&sandbox);
    let identity = identity(&sandbox);

    let out = ok(&sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]));
    assert!(out.contains("Encrypted 5 files"), "{out}");
    assert!(out.contains("sealed to your identity file"), "{out}");
    assert_no_secret_on_disk(&sandbox);
    let after = data_files(&sandbox);
    assert!(
        after
            .keys()
            .all(|path| path.to_string_lossy().ends_with(".ron.age")),
        "{:?}",
        after.keys()
    );
    assert_eq!(after.len(), before.len(), "one encrypted file for each");
    let config = std::fs::read_to_string(sandbox.home().join("config.ron")).unwrap();
    assert!(config.contains("identity"), "{config}");

    // list, show, export and the trash read it.
    let list = ok(&sandbox.run(&["list"]));
    assert!(
        list.contains("Quokkadeploy") && list.contains("invoice run"),
        "{list}"
    );
    let shown = ok(&sandbox.run(&["show", "20261120-090000"]));
    assert!(
        shown.contains("Zanzibarmigration") && shown.contains("Marguerite"),
        "{shown}"
    );
    let export = ok(&sandbox.run(&["export", "--all", "--format", "json"]));
    assert!(export.contains("Quokkadeploy"), "{export}");
    assert!(ok(&sandbox.run(&["trash"])).contains("wrong report"));
    ok(&sandbox.run(&["trash", "restore", "20261119-090000"]));
    assert!(sandbox.sessions_dir().join("20261119-090000.ron.age").is_file());
    let doctor = ok(&sandbox.run(&["doctor"]));
    assert!(!doctor.contains("plain"), "{doctor}");
    assert_no_secret_on_disk(&sandbox);

    // The age tool opens the store key with the person's identity, then any session with it.
    let key = age_tool(
        &["-d", "-i", identity.to_str().unwrap(), "key.age"],
        sandbox.home(),
    );
    std::fs::write(sandbox.home().join("store-key.txt"), &key).unwrap();
    let session = age_tool(
        &["-d", "-i", "store-key.txt", "sessions/20261120-090000.ron.age"],
        sandbox.home(),
    );
    std::fs::remove_file(sandbox.home().join("store-key.txt")).unwrap();
    assert_eq!(session, before[Path::new("sessions/20261120-090000.ron")]);

    // decrypt gives back the very bytes (the restored session is in the trash no more).
    let out = ok(&sandbox.run(&["decrypt"]));
    assert!(out.contains("plain text again"), "{out}");
    let mut restored = before.clone();
    let trashed = restored.remove(Path::new("trash/20261119-090000.ron")).unwrap();
    restored.insert(PathBuf::from("sessions/20261119-090000.ron"), trashed);
    assert_eq!(data_files(&sandbox), restored);
    assert!(!sandbox.home().join("key.age").exists());
    let config = std::fs::read_to_string(sandbox.home().join("config.ron")).unwrap();
    assert!(!config.contains("encryption"), "{config}");
    assert!(ok(&sandbox.run(&["list"])).contains("Quokkadeploy"));
}

#[test]
fn a_passphrase_file_encrypts_and_a_wrong_one_changes_nothing() {
    let sandbox = Sandbox::new().with_passphrase("correct horse battery staple");
    store_with_everything(&sandbox);
    ok(&sandbox.run(&["list"]));
    let before = data_files(&sandbox);
    let out = ok(&sandbox.run(&["encrypt", "--passphrase"]));
    assert!(out.contains("sealed with your passphrase"), "{out}");
    assert_no_secret_on_disk(&sandbox);
    assert!(ok(&sandbox.run(&["list"])).contains("Quokkadeploy"));
    let shown = ok(&sandbox.run(&["show", "20261120-090000"]));
    assert!(shown.contains("Marguerite"), "{shown}");

    // A wrong passphrase: a clear error, and not a byte changed anywhere.
    let on_disk = files_under(sandbox.home());
    let wrong = clone_of(&sandbox).with_passphrase("correct horse battery stapler");
    for args in [
        &["list"][..],
        &["show", "20261120-090000"],
        &["export", "--all"],
        &["decrypt"],
        &["encrypt", "--passphrase"],
        &["doctor"],
    ] {
        let out = wrong.run(args);
        assert!(
            !out.status.success(),
            "{args:?} with a wrong passphrase succeeded"
        );
        let err = stderr(&out);
        assert!(
            err.contains("does not open") && err.contains("key.age"),
            "{args:?}: {err}"
        );
        assert!(!stdout(&out).contains("Quokkadeploy"));
        assert_eq!(files_under(sandbox.home()), on_disk, "{args:?} changed a file");
    }
    // Nothing at hand and no terminal to ask on.
    let none = clone_of(&sandbox);
    let out = none.run(&["list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("OWNUP_PASSPHRASE_FILE"), "{}", stderr(&out));
    // A shell prompt's `ownup due` is never asked, and says nothing.
    let out = none.run(&["due"]);
    assert!(out.status.success() && out.stdout.is_empty(), "{}", stderr(&out));
    assert_eq!(files_under(sandbox.home()), on_disk);

    ok(&sandbox.run(&["decrypt"]));
    assert_eq!(data_files(&sandbox), before);
}

/// Another sandbox on the same folder (the same OWNUP_HOME), with the same environment.
fn clone_of(sandbox: &Sandbox) -> Sandbox {
    let mut other = Sandbox::new();
    other.extra_env = sandbox.extra_env.clone();
    other
        .extra_env
        .retain(|(k, _)| k != "OWNUP_PASSPHRASE_FILE" && k != "OWNUP_PASSPHRASE_WORK");
    other
        .extra_env
        .push(("OWNUP_HOME".into(), sandbox.home().display().to_string()));
    other
        .extra_env
        .push(("HOME".into(), sandbox.user_home().display().to_string()));
    other
}

#[test]
fn a_missing_or_wrong_identity_is_a_clear_error_that_touches_nothing() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    let identity = identity(&sandbox);
    ok(&sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]));
    let on_disk = files_under(sandbox.home());

    // Another person's identity, in its place.
    let mine = std::fs::read(&identity).unwrap();
    let other = age::x25519::Identity::generate();
    std::fs::write(&identity, format!("{}\n", other.to_string().expose_secret())).unwrap();
    let out = sandbox.run(&["list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("does not open"), "{}", stderr(&out));
    // No identity file at all.
    std::fs::remove_file(&identity).unwrap();
    let out = sandbox.run(&["show", "20261120-090000"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("identity file") && err.contains("no such file"),
        "{err}"
    );
    let mut now = files_under(sandbox.home());
    now.remove(Path::new("home/identity.txt"));
    let mut then = on_disk.clone();
    then.remove(Path::new("home/identity.txt"));
    assert_eq!(now, then, "nothing changed");
    std::fs::write(&identity, mine).unwrap();
    assert!(ok(&sandbox.run(&["list"])).contains("Quokkadeploy"));
}

#[test]
fn new_sessions_are_written_encrypted_and_plain_files_are_reported_then_encrypted() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    // A session written now, in plain lines.
    let answers = "I forgot the Capybaraticket.\n\n3\nThat was mine.\n\n2\nWhen I file, I check.\n\n";
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], answers);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = files_under(&sandbox.sessions_dir());
    assert!(
        files.keys().all(|p| p.to_string_lossy().ends_with(".ron.age")),
        "{:?}",
        files.keys()
    );
    for (path, bytes) in files_under(sandbox.home()) {
        assert!(
            !bytes.windows(10).any(|w| w == b"Capybarati"),
            "in the clear in {}",
            path.display()
        );
    }
    // A plain file put in by hand (or synced from a machine that does not encrypt) is read,
    // reported, then encrypted.
    let by_hand = SessionBuilder::new("20261110-100000")
        .answer("acknowledge", "what", "Written by hand.")
        .build();
    std::fs::write(
        sandbox.sessions_dir().join("20261110-100000.ron"),
        ownup::store::to_ron(&by_hand).unwrap(),
    )
    .unwrap();
    // And a plain copy of the session just written, with other text: the encrypted one is
    // the session; the other is kept, encrypted, as a revision.
    let other = SessionBuilder::new("20261122-234501")
        .answer("acknowledge", "what", "Another text of it.")
        .build();
    std::fs::write(
        sandbox.sessions_dir().join("20261122-234501.ron"),
        ownup::store::to_ron(&other).unwrap(),
    )
    .unwrap();
    let list = ok(&sandbox.run(&["list"]));
    assert!(list.contains("Written by hand"), "{list}");
    let doctor = sandbox.run(&["doctor"]);
    assert!(!doctor.status.success());
    assert!(stdout(&doctor).contains("plain       "), "{}", stdout(&doctor));
    let out = ok(&sandbox.run(&["encrypt", "--passphrase"]));
    assert!(
        out.contains("Encrypted 1 file.") && out.contains("both are kept"),
        "{out}"
    );
    assert!(sandbox.sessions_dir().join("20261110-100000.ron.age").is_file());
    assert!(!sandbox.sessions_dir().join("20261110-100000.ron").exists());
    assert!(!sandbox.sessions_dir().join("20261122-234501.ron").exists());
    let kept = files_under(&sandbox.home().join("revisions/20261122-234501"));
    assert_eq!(kept.len(), 1, "{:?}", kept.keys());
    assert!(
        kept.keys()
            .all(|p| p.to_string_lossy().ends_with("-beside.ron.age"))
    );
    let list = ok(&sandbox.run(&["list"]));
    assert!(
        list.contains("Capybaraticket") && list.contains("Written by hand"),
        "{list}"
    );
    ok(&sandbox.run(&["doctor"]));
}

#[test]
fn a_kill_at_any_moment_of_encrypt_leaves_every_session_readable() {
    const SESSIONS: usize = 300;
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    {
        let store = SessionStore::open(sandbox.home()).unwrap();
        for n in 0..SESSIONS {
            let id = format!("202611{:02}-{:06}", 1 + n / 100, n % 100);
            let session = SessionBuilder::new(&id)
                .answer("acknowledge", "what", format!("Session {n}: {}", SECRETS[0]))
                .build();
            store.save(&session).unwrap();
        }
    }
    let readable = |sandbox: &Sandbox| {
        let out = sandbox.run(&["list", "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = rows.as_array().unwrap().clone();
        let unreadable = rows.iter().filter(|row| row["status"] == "unreadable").count();
        (rows.len(), unreadable)
    };
    // Killed after a few files, about half, and most of them: each time the rest is plain,
    // what was done is encrypted, and every session reads.
    for stop_after in [1, SESSIONS / 2, SESSIONS - 20] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ownup"))
            .arg("encrypt")
            .arg("--passphrase")
            .env_clear()
            .envs(sandbox.env_vars())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            let done = std::fs::read_dir(sandbox.sessions_dir())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".ron.age"))
                .count();
            if done >= stop_after || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
        }
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let count = |ext: &str| {
            std::fs::read_dir(sandbox.sessions_dir())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(ext))
                .count()
        };
        // Killed part-way, not after the end: some files are encrypted, some are not yet.
        assert!(!finished, "encrypt ended before it was killed");
        assert!(count(".ron.age") >= stop_after && count(".ron") > 0);
        assert_eq!(
            readable(&sandbox),
            (SESSIONS, 0),
            "after a kill past {stop_after} files"
        );
    }
    // Run again, it finishes: every file encrypted, none left plain.
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    assert_eq!(readable(&sandbox), (SESSIONS, 0));
    assert_no_secret_on_disk(&sandbox);
    let doctor = ok(&sandbox.run(&["doctor"]));
    assert!(!doctor.contains("plain"), "{doctor}");
}

#[test]
fn search_in_the_app_finds_words_in_encrypted_sessions() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    let identity = identity(&sandbox);
    ok(&sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]));
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Quokkadeploy");
    tui.wait_for("Sessions (2) · encrypted");
    tui.send("/");
    tui.type_text("zanzib");
    let screen = tui.wait_for("1 session matches");
    assert!(screen.contains("Zanzibarmigration"), "{screen}");
    tui.send("\x1b");
    tui.wait_until("the search closed", |s| !s.contains("matches"));
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_no_secret_on_disk(&sandbox);
}

#[test]
fn a_linked_config_stays_a_link_and_encryption_asked_for_but_not_in_effect_is_said() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    // config.ron kept in a dotfiles folder, linked, with comments of its own.
    let dotfiles = sandbox.user_home().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let mine = "// My settings.\nConfig(\n    theme: \"light\", // I like it light\n)\n";
    std::fs::write(dotfiles.join("config.ron"), mine).unwrap();
    std::os::unix::fs::symlink(dotfiles.join("config.ron"), sandbox.home().join("config.ron")).unwrap();
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    let link = std::fs::symlink_metadata(sandbox.home().join("config.ron")).unwrap();
    assert!(link.file_type().is_symlink(), "still a link");
    let written = std::fs::read_to_string(dotfiles.join("config.ron")).unwrap();
    assert_eq!(
        written,
        "// My settings.\nConfig(\n    theme: \"light\", // I like it light\n    encryption: (passphrase: true),\n)\n"
    );
    ok(&sandbox.run(&["decrypt"]));
    assert_eq!(
        std::fs::read_to_string(dotfiles.join("config.ron")).unwrap(),
        mine
    );

    // The same config.ron on a machine whose sessions are not encrypted: nothing is written
    // in the clear that was asked to be encrypted; doctor says why, decrypt puts it right.
    std::fs::write(
        dotfiles.join("config.ron"),
        "Config(encryption: (passphrase: true))\n",
    )
    .unwrap();
    for args in [&["list"][..], &["new", "--plain", "--script", "quick"], &["sync"]] {
        let out = sandbox.run_with_input(args, "Never written.\n\n");
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("config.ron says your sessions are encrypted"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        !files_under(sandbox.home())
            .values()
            .any(|b| b.windows(5).any(|w| w == b"Never"))
    );
    let doctor = sandbox.run(&["doctor"]);
    assert!(!doctor.status.success());
    assert!(
        stdout(&doctor).contains("attention   config.ron says"),
        "{}",
        stdout(&doctor)
    );
    // Never in a shell prompt's `ownup due`.
    assert_eq!(stderr(&sandbox.run(&["due"])), "");
    let out = ok(&sandbox.run(&["decrypt"]));
    assert!(out.contains("config.ron no longer says they are"), "{out}");
    ok(&sandbox.run(&["list"]));
}

#[test]
fn encrypt_and_decrypt_wait_until_no_other_ownup_has_the_sessions_open() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    let data = |sandbox: &Sandbox| {
        let mut files = files_under(sandbox.home());
        files.retain(|path, _| !path.starts_with("cache") && !path.starts_with("locks"));
        files
    };
    let before = data(&sandbox);
    // The app, open on the home screen: it would go on writing in the clear.
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Quokkadeploy");
    let out = sandbox.run(&["encrypt", "--passphrase"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("open in another window"),
        "{}",
        stderr(&out)
    );
    assert_eq!(data(&sandbox), before, "nothing changed");
    tui.send("q");
    assert!(tui.wait_exit().success());
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    // And the other way: an app open on the encrypted sessions keeps decrypt off them.
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("Quokkadeploy");
    let out = sandbox.run(&["decrypt"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("open in another window"),
        "{}",
        stderr(&out)
    );
    assert!(sandbox.home().join("key.age").is_file());
    tui.send("q");
    assert!(tui.wait_exit().success());
    ok(&sandbox.run(&["decrypt"]));
}

#[test]
fn encrypted_files_without_their_key_are_never_given_a_new_one() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    let key = std::fs::read(sandbox.home().join("key.age")).unwrap();
    std::fs::remove_file(sandbox.home().join("key.age")).unwrap();
    let on_disk = files_under(sandbox.home());
    let out = sandbox.run(&["encrypt", "--passphrase"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("put key.age back"), "{}", stderr(&out));
    // config.ron still asks for encryption: nothing is written in the clear either.
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], "Plain?\n\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("put key.age back"), "{}", stderr(&out));
    let mut now = files_under(sandbox.home());
    now.retain(|path, _| !path.starts_with("locks"));
    let mut then = on_disk.clone();
    then.retain(|path, _| !path.starts_with("locks"));
    assert_eq!(now, then, "nothing changed");
    std::fs::write(sandbox.home().join("key.age"), key).unwrap();
    assert!(ok(&sandbox.run(&["list"])).contains("Quokkadeploy"));
}

#[test]
fn a_session_of_the_largest_size_ownup_writes_still_reads_once_encrypted() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    // A session just under the 16 MB ownup writes: encrypted, it is a little larger.
    let big = SessionBuilder::new("20261101-100000")
        .answer("acknowledge", "what", "x".repeat(16 * 1024 * 1024 - 8 * 1024))
        .build();
    SessionStore::open(sandbox.home()).unwrap().save(&big).unwrap();
    let out = ok(&sandbox.run(&["encrypt", "--passphrase"]));
    assert!(out.contains("Encrypted 6 files"), "{out}");
    let list = ok(&sandbox.run(&["list"]));
    assert!(
        list.contains("20261101-100000") && !list.contains("unreadable"),
        "{list}"
    );
}

#[test]
fn a_plain_file_named_as_encrypted_is_reported_not_read() {
    let sandbox = Sandbox::new().with_passphrase("pass phrase");
    store_with_everything(&sandbox);
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    // A plain session renamed as if encrypted.
    let plain = SessionBuilder::new("20261102-100000")
        .answer("acknowledge", "what", "Renamed by hand.")
        .build();
    std::fs::write(
        sandbox.sessions_dir().join("20261102-100000.ron.age"),
        ownup::store::to_ron(&plain).unwrap(),
    )
    .unwrap();
    let list = ok(&sandbox.run(&["list"]));
    assert!(list.contains("named as an encrypted file"), "{list}");
    let doctor = sandbox.run(&["doctor"]);
    assert!(!doctor.status.success());
    assert!(
        stdout(&doctor).contains("named as an encrypted file"),
        "{}",
        stdout(&doctor)
    );
}

#[test]
fn an_ssh_ed25519_key_seals_the_key_and_the_age_tool_opens_it_with_that_key() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    let key = sandbox.user_home().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(&key)
        .output()
        .expect("ssh-keygen (apt install openssh-client)");
    assert!(made.status.success(), "{}", stderr(&made));
    let out = ok(&sandbox.run(&["encrypt", "--identity", key.to_str().unwrap()]));
    assert!(out.contains("Encrypted 5 files"), "{out}");
    assert_no_secret_on_disk(&sandbox);
    assert!(ok(&sandbox.run(&["list"])).contains("Quokkadeploy"));
    // The age tool takes an SSH key as an identity too.
    let store_key = age_tool(&["-d", "-i", key.to_str().unwrap(), "key.age"], sandbox.home());
    assert!(String::from_utf8_lossy(&store_key).contains("AGE-SECRET-KEY-1"));
    // Another SSH key does not open it.
    let other = sandbox.user_home().join("other");
    Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .output()
        .unwrap();
    std::fs::copy(&other, &key).unwrap();
    let out = sandbox.run(&["list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("does not open"), "{}", stderr(&out));
    // Not a key at all: said as such.
    std::fs::write(&key, "hello\n").unwrap();
    let out = sandbox.run(&["list"]);
    assert!(
        stderr(&out).contains("neither an age identity file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_ssh_key_with_a_passphrase_of_its_own_asks_for_it_on_the_terminal() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    let key = sandbox.user_home().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "ssh secret", "-f"])
        .arg(&key)
        .output()
        .expect("ssh-keygen (apt install openssh-client)");
    assert!(made.status.success(), "{}", stderr(&made));
    // Sealing needs only its public half: nothing is asked.
    ok(&sandbox.run(&["encrypt", "--identity", key.to_str().unwrap()]));
    // Opening asks for it, on the terminal, and shows nothing typed.
    let mut tui = sandbox.spawn(&["list"]);
    tui.wait_for("passphrase");
    tui.send("ssh secret\r");
    let screen = tui.wait_for("Quokkadeploy");
    assert!(!screen.contains("ssh secret"), "{screen}");
    assert!(tui.wait_exit().success());
    // Without a terminal it cannot be asked: said, and nothing changes.
    let out = sandbox.run(&["list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("does not open"), "{}", stderr(&out));
}

#[test]
fn a_new_passphrase_reseals_the_key_and_rewrites_no_session() {
    let sandbox = Sandbox::new().with_passphrase("the old passphrase");
    store_with_everything(&sandbox);
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    let files_before = data_files(&sandbox);
    let key = sandbox.home().join("key.age");
    let sealed_before = std::fs::read(&key).unwrap();

    // The new one from a file, as a script gives it.
    let mut changing = clone_of(&sandbox).with_passphrase("the old passphrase");
    let new_file = sandbox.user_home().join("new-passphrase.txt");
    changing
        .extra_env
        .push(("OWNUP_NEW_PASSPHRASE_FILE".into(), new_file.display().to_string()));
    // A new passphrase that could never be typed, or none at all: refused, nothing changed.
    for (bad, why) in [
        ("line one\nline two\n", "line break"),
        ("   \n", "only spaces"),
        ("bell\u{7}and\u{1b}[31m\n", "control character"),
    ] {
        std::fs::write(&new_file, bad).unwrap();
        let out = changing.run(&["passphrase"]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
        assert_eq!(std::fs::read(&key).unwrap(), sealed_before);
    }
    std::fs::remove_file(&new_file).unwrap();
    let out = changing.run(&["passphrase"]);
    assert!(
        stderr(&out).contains("unset OWNUP_NEW_PASSPHRASE_FILE"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&new_file, "the new passphrase\n").unwrap();
    // What a change killed half-way left: a sealed copy of the key, gone now.
    let left = sandbox.home().join(".key.age.4194303.0.tmp");
    std::fs::write(&left, &sealed_before).unwrap();
    let said = ok(&changing.run(&["passphrase"]));
    assert!(said.contains("opens with the new passphrase"), "{said}");
    assert!(!left.exists());
    assert_ne!(std::fs::read(&key).unwrap(), sealed_before);
    // Only key.age changed: every session, revision, trashed session and draft is as it was.
    assert_eq!(data_files(&sandbox), files_before);
    // The old passphrase no longer opens it; the new one does.
    let old = sandbox.run(&["list"]);
    assert!(!old.status.success());
    assert!(stderr(&old).contains("does not open"), "{}", stderr(&old));
    let new = clone_of(&sandbox).with_passphrase("the new passphrase");
    assert!(ok(&new.run(&["list"])).contains("Quokkadeploy"));
    // The same passphrase again: nothing to do.
    let mut again = clone_of(&sandbox).with_passphrase("the new passphrase");
    again
        .extra_env
        .push(("OWNUP_NEW_PASSPHRASE_FILE".into(), new_file.display().to_string()));
    let sealed = std::fs::read(&key).unwrap();
    assert!(ok(&again.run(&["passphrase"])).contains("nothing was changed"));
    assert_eq!(std::fs::read(&key).unwrap(), sealed);
    // Decrypted with the new one, every file is there.
    ok(&new.run(&["decrypt"]));
    assert_eq!(data_files(&sandbox).len(), files_before.len());
}

#[test]
fn a_new_passphrase_is_asked_twice_on_the_terminal_and_only_a_store_with_one_has_it() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    // Not encrypted: nothing to change, said how to begin.
    let out = sandbox.run(&["passphrase"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ownup encrypt --passphrase"),
        "{}",
        stderr(&out)
    );
    // Sealed to an identity: said, nothing changed.
    let identity = identity(&sandbox);
    ok(&sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]));
    let sealed = std::fs::read(sandbox.home().join("key.age")).unwrap();
    let out = sandbox.run(&["passphrase"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("identity file"), "{}", stderr(&out));
    assert_eq!(std::fs::read(sandbox.home().join("key.age")).unwrap(), sealed);
    ok(&sandbox.run(&["decrypt"]));

    // With a passphrase typed on the terminal: the old one, then the new one twice; nothing
    // typed is shown.
    let mut sandbox = sandbox.with_passphrase("typed before");
    ok(&sandbox.run(&["encrypt", "--passphrase"]));
    sandbox
        .extra_env
        .retain(|(name, _)| name != "OWNUP_PASSPHRASE_FILE");
    let mut tui = sandbox.spawn(&["passphrase"]);
    tui.wait_for("Passphrase for your ownup sessions");
    tui.send("typed before\r");
    tui.wait_for("The new passphrase");
    tui.send("typed after\r");
    tui.wait_for("The same new passphrase again");
    tui.send("typed after\r");
    let screen = tui.wait_for("opens with the new passphrase");
    assert!(!screen.contains("typed"), "{screen}");
    assert!(tui.wait_exit().success());
    let after = clone_of(&sandbox).with_passphrase("typed after");
    assert!(ok(&after.run(&["list"])).contains("Quokkadeploy"));
}

#[test]
fn a_key_age_that_does_not_open_the_encrypted_files_here_is_never_used_to_encrypt_more() {
    let sandbox = Sandbox::new();
    store_with_everything(&sandbox);
    let identity = identity(&sandbox);
    ok(&sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]));
    // Someone puts in a key of their own, sealed to the person's identity (its public half is
    // all it takes); then a plain session arrives.
    let text = std::fs::read_to_string(&identity).unwrap();
    let planted = ownup::crypt::StoreKey::generate()
        .seal(ownup::crypt::Seal::IdentityFile(&text))
        .unwrap();
    std::fs::write(sandbox.home().join("key.age"), &planted).unwrap();
    let plain = SessionBuilder::new("20261121-090000")
        .started("2026-11-21T09:00:00+01:00")
        .answer("acknowledge", "what", "Plainwords arriving late.")
        .build();
    let file = sandbox.sessions_dir().join("20261121-090000.ron");
    std::fs::write(&file, ownup::store::to_ron(&plain).unwrap()).unwrap();
    let before = files_under(sandbox.home());
    let out = sandbox.run(&["encrypt", "--identity", identity.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("do not open with the key") && err.contains("nothing was encrypted"),
        "{err}"
    );
    assert_eq!(files_under(sandbox.home()), before, "a file changed");
}
