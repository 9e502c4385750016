//! Export never overwrites: an existing file, link, FIFO or device at `--output` is refused
//! (files and links replaced only with `--force`), refused files are left byte for byte, and
//! an export with nothing in it touches nothing.

#![allow(clippy::disallowed_macros)] // a test may print its own notes (timings)

mod common;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::*;
use ownup::store::SessionStore;

#[track_caller]
fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A sandbox with two sessions.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    for (id, answer) in [
        ("20261120-100000", "Missed the deadline"),
        ("20261121-100000", "Harsh message"),
    ] {
        let s = SessionBuilder::new(id)
            .started("2026-11-20T10:00:00+01:00")
            .answer("acknowledge", "what", answer)
            .build();
        store.save(&s).unwrap();
    }
    sandbox
}

/// A file's bytes and modification time, to prove it was not touched.
fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

/// The names in `dir`, sorted: no temp file may be left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_existing_file_is_refused_and_left_byte_identical_unless_forced() {
    let sandbox = sandbox();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("notes.md");
    fs::write(&file, "my own notes, not an export\n").unwrap();
    let before = snapshot(&file);
    std::thread::sleep(Duration::from_millis(20));

    let refused = sandbox.run(&["export", "--all", "-o", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        format!(
            "ownup: {} already exists — use --force to replace it, or choose another name\n",
            file.display()
        )
    );
    assert_eq!(snapshot(&file), before, "byte-identical and not even rewritten");
    assert_eq!(names(out_dir.path()), ["notes.md"]);

    let forced = sandbox.run(&["export", "--all", "--force", "-o", file.to_str().unwrap()]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        stderr(&forced),
        format!("Exported 2 sessions to {}\n", file.display())
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap().matches(" · started ").count(),
        2
    );
    assert_eq!(names(out_dir.path()), ["notes.md"]);
}

#[test]
fn a_link_is_refused_and_with_force_the_link_is_replaced_never_its_target() {
    let sandbox = sandbox();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("precious.txt");
    fs::write(&target, "keep me").unwrap();
    let link = out_dir.path().join("export.md");
    symlink(&target, &link).unwrap();

    let refused = sandbox.run(&["export", "20261120", "-o", link.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        format!(
            "ownup: {} already exists as a symbolic link — use --force to replace the link (not what it points to), or choose another name\n",
            link.display()
        )
    );
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());

    let forced = sandbox.run(&["export", "20261120", "--force", "-o", link.to_str().unwrap()]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        fs::symlink_metadata(&link).unwrap().is_file(),
        "the link itself was replaced"
    );
    assert!(fs::read_to_string(&link).unwrap().contains("Missed the deadline"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
}

#[test]
fn a_fifo_or_a_device_is_refused_even_with_force_and_never_waited_on() {
    let sandbox = sandbox();
    let out_dir = tempfile::tempdir().unwrap();
    let fifo = out_dir.path().join("pipe.md");
    mkfifo(&fifo);
    for force in [false, true] {
        let mut args = vec!["export", "--all", "-o", fifo.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let (out, took) = sandbox.run_timed(&args);
        eprintln!("export to a FIFO (force: {force}) took {took:?}");
        assert!(took < Duration::from_secs(1), "{took:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "ownup: {} is a FIFO (named pipe) — ownup replaces only regular files and links, even with --force; choose another name\n",
                fifo.display()
            )
        );
    }
    let null = sandbox.run(&["export", "--all", "--force", "-o", "/dev/null"]);
    assert_eq!(
        stderr(&null),
        "ownup: /dev/null is a character device — ownup replaces only regular files and links, even with --force; choose another name\n"
    );
    assert_eq!(names(out_dir.path()), ["pipe.md"]);
}

#[test]
fn nothing_to_export_touches_nothing() {
    let sandbox = Sandbox::new();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("all.md");
    fs::write(&file, "an earlier export").unwrap();
    let before = snapshot(&file);
    for args in [
        vec!["export", "--all", "--force", "-o", file.to_str().unwrap()],
        vec![
            "export",
            "--all",
            "-o",
            out_dir.path().join("new.md").to_str().unwrap(),
        ],
        vec!["export", "--all"],
    ] {
        let out = sandbox.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "ownup: nothing to export — there are no readable sessions in {}\n",
                sandbox.sessions_dir().display()
            )
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(snapshot(&file), before, "never truncated to nothing");
    assert_eq!(names(out_dir.path()), ["all.md"]);
}

#[test]
fn exporting_into_a_directory_is_all_or_nothing() {
    let sandbox = sandbox();
    let out_dir = tempfile::tempdir().unwrap();
    let taken = out_dir.path().join("20261121-100000.md");
    fs::write(&taken, "someone else's file").unwrap();
    let before = snapshot(&taken);

    let refused = sandbox.run(&["export", "--all", "-o", out_dir.path().to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        format!(
            "ownup: {} already exists — use --force to replace it, or choose another name\n",
            taken.display()
        )
    );
    assert_eq!(
        names(out_dir.path()),
        ["20261121-100000.md"],
        "the other one is not written either"
    );
    assert_eq!(snapshot(&taken), before);

    let forced = sandbox.run(&[
        "export",
        "--all",
        "--force",
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        names(out_dir.path()),
        ["20261120-100000.md", "20261121-100000.md"]
    );
    assert!(fs::read_to_string(&taken).unwrap().contains("Harsh message"));

    // A FIFO among the targets stops the export before anything is written, even forced.
    let fifo_dir = tempfile::tempdir().unwrap();
    mkfifo(&fifo_dir.path().join("20261120-100000.json"));
    let refused = sandbox.run(&[
        "export",
        "--all",
        "--force",
        "--format",
        "json",
        "-o",
        fifo_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(names(fifo_dir.path()), ["20261120-100000.json"]);
}

#[test]
fn nothing_is_exported_into_the_data_folder_even_with_force() {
    let sandbox = sandbox();
    let session = sandbox.session_files()[0].clone();
    let before = fs::read(&session).unwrap();
    let out = sandbox.run(&["export", "--all", "--force", "-o", session.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: {} is inside a folder of ownup's own, where an export could replace a session — export somewhere else\n",
            session.display()
        )
    );
    assert_eq!(fs::read(&session).unwrap(), before, "the session is intact");
}
