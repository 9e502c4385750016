//! Tests of the store: ids, atomic saves, listing, locks, revisions and the doctor.

use super::*;
use crate::script::Script;
use std::os::unix::fs::PermissionsExt;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
}

fn store() -> (tempfile::TempDir, SessionStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::open(dir.path()).unwrap();
    (dir, store)
}

fn session(id: &str) -> Session {
    let mut s = Session::new(id.into(), &Script::default_script(), now());
    let what = s.prompt_at("acknowledge", "what").unwrap();
    s.set_answer(what, "I broke the build.\nTwice.".into());
    s
}

#[test]
fn ids_are_sortable_timestamps_with_a_suffix_on_collision() {
    let (_dir, store) = store();
    let first = store.new_id(now()).unwrap();
    assert_eq!(first.id(), "20261122-234501");
    let second = store.new_id(now()).unwrap();
    assert_eq!(second.id(), "20261122-234501-2", "the first id is locked");
    store.save(&session(first.id())).unwrap();
    drop(first);
    let third = store.new_id(now()).unwrap();
    assert_eq!(third.id(), "20261122-234501-3", "the first id has a file");
}

#[test]
fn ids_order_by_time_then_numeric_suffix() {
    let mut ids = vec![
        "20261122-234501-10",
        "20261122-234501",
        "20261123-000000",
        "20261122-234501-2",
    ];
    ids.sort_by(|a, b| id_order(a, b));
    assert_eq!(
        ids,
        [
            "20261122-234501",
            "20261122-234501-2",
            "20261122-234501-10",
            "20261123-000000"
        ]
    );
}

#[test]
fn save_then_load_round_trips_and_is_readable_text() {
    let (_dir, store) = store();
    let s = session("20261122-234501");
    let path = store.save(&s).unwrap();
    assert_eq!(path, store.dir().join("20261122-234501.ron"));
    assert_eq!(store.load("20261122-234501").unwrap(), s);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("// An ownup session."));
    assert!(
        text.contains("answer: \"I broke the build.\nTwice.\""),
        "multi-line answers stay readable:\n{text}"
    );
    assert!(text.contains("started: \"2026-11-22T23:45:01+01:00\""));
    assert!(text.contains("status: Draft"));
}

#[test]
fn a_completed_session_round_trips_with_numeric_offsets() {
    let (_dir, store) = store();
    let mut s = session("done");
    let utc = DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z").unwrap();
    s.complete(utc);
    let path = store.save(&s).unwrap();
    assert_eq!(store.load("done").unwrap(), s);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("finished: Some(\"2026-11-23T08:00:00+00:00\")"),
        "{text}"
    );
}

#[test]
fn files_are_0600_and_directories_0700() {
    let (dir, store) = store();
    let path = store.save(&session("a")).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&dir.path().join("locks")), 0o700);
}

#[test]
fn a_second_lock_on_the_same_session_is_refused() {
    let (_dir, store) = store();
    let _held = store.lock("x").unwrap();
    assert!(matches!(store.lock("x"), Err(StoreError::Locked(id)) if id == "x"));
    assert!(store.lock("y").is_ok(), "other sessions are free");
}

#[test]
fn list_is_newest_first_and_reports_unreadable_files_beside_valid_ones() {
    let (_dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    store.save(&session("20261121-100000")).unwrap();
    fs::write(
        store.dir().join("20261122-100000.ron"),
        "Session(version: 1, id: ",
    )
    .unwrap();
    fs::write(store.dir().join(".20261122-100000.ron.1.0.tmp"), "half").unwrap();
    fs::write(store.dir().join("notes.txt"), "not a session").unwrap();
    let list = store.list().unwrap();
    let ids: Vec<_> = list.iter().map(Entry::id).collect();
    assert_eq!(ids, ["20261122-100000", "20261121-100000", "20261120-100000"]);
    assert!(matches!(
        &list[0],
        Entry::Unreadable { error, .. } if matches!(**error, LoadError::Invalid { line: 1, .. })
    ));
    let Entry::Session(summary) = &list[1] else {
        panic!()
    };
    assert_eq!(&*summary.title, "I broke the build.");
    assert_eq!(summary.answered_steps, 1);
    assert_eq!(summary.total_steps, 6);
}

#[test]
fn empty_future_and_non_utf8_files_get_their_own_reasons() {
    let p = Path::new("s.ron");
    assert_eq!(
        parse_session("  \n", p).unwrap_err().to_string(),
        "s.ron: the file is empty"
    );
    let future = to_ron(&session("x"))
        .unwrap()
        .replace("version: 1,", "version: 9,");
    assert_eq!(
        parse_session(&future, p).unwrap_err().to_string(),
        "s.ron: written by a newer ownup (session format 9; this ownup reads up to 1) — update ownup to open it"
    );
    let (_dir, store) = store();
    let path = store.dir().join("bad.ron");
    fs::write(&path, b"// caf\xe9").unwrap();
    assert_eq!(
        load_file(&path).unwrap_err().to_string(),
        format!("{}:1:7: the file is not valid UTF-8 text", path.display())
    );
}

#[test]
fn a_failed_save_keeps_the_old_file_and_leaves_no_temp_file() {
    let (_dir, store) = store();
    let s = session("keep");
    let path = store.save(&s).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o500)).unwrap();
    let result = store.save(&session("keep"));
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o700)).unwrap();
    // Root ignores directory permissions; only assert the failure where it can happen.
    if let Err(err) = result {
        assert!(err.to_string().contains("permission denied"), "{err}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    let names: Vec<_> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["keep.ron"]);
}

#[test]
fn only_old_temp_files_count_as_leftovers() {
    let (_dir, store) = store();
    let fresh = store.dir().join(".a.ron.1.0.tmp");
    let old = store.dir().join(".b.ron.1.1.tmp");
    fs::write(&fresh, "x").unwrap();
    fs::write(&old, "x").unwrap();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    assert_eq!(store.clean_temp_files().unwrap(), vec![old.clone()]);
    assert!(fresh.exists() && !old.exists());

    // Beside key.age: a sealed copy of the key from a change of passphrase cut short.
    let root = store.layout().root().to_path_buf();
    let key_copy = root.join(".key.age.1.0.tmp");
    let not_ours = root.join(".other.1.0.tmp");
    for path in [&key_copy, &not_ours] {
        fs::write(path, "x").unwrap();
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    assert_eq!(store.clean_temp_files().unwrap(), vec![key_copy.clone()]);
    assert!(!key_copy.exists() && not_ours.exists());
}

#[test]
fn ids_are_found_by_unique_prefix() {
    let (_dir, store) = store();
    for id in ["20261120-100000", "20261121-100000", "20261121-100000-2"] {
        store.save(&session(id)).unwrap();
    }
    assert_eq!(store.find("20261120").unwrap(), "20261120-100000");
    assert_eq!(
        store.find("20261121-100000").unwrap(),
        "20261121-100000",
        "exact beats prefix"
    );
    assert_eq!(
        store.find("20261121").unwrap_err().to_string(),
        "20261121 could be any of 20261121-100000, 20261121-100000-2 — give more of the id"
    );
    assert_eq!(
        store.find("2025").unwrap_err().to_string(),
        "no session with the id 2025 — `ownup list` shows them all"
    );
}

#[test]
fn a_revision_keeps_the_file_as_it_was() {
    let (dir, store) = store();
    let path = store.save(&session("r")).unwrap();
    let before = fs::read(&path).unwrap();
    let kept = store.keep_revision("r", now()).unwrap();
    let again = store.keep_revision("r", now()).unwrap();
    assert_eq!(kept, dir.path().join("revisions/r/20261122-234501.ron"));
    assert_eq!(again, dir.path().join("revisions/r/20261122-234501-2.ron"));
    assert_eq!(fs::read(&kept).unwrap(), before);
    assert_eq!(store.revisions("r"), vec![kept, again]);
    assert!(
        store.keep_revision("missing", now()).is_err(),
        "nothing to keep is an error"
    );
}

#[test]
fn the_doctor_reports_without_changing_anything() {
    let (_dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    let bad = store.dir().join("20261121-100000.ron");
    fs::write(&bad, "garbage").unwrap();
    let tmp = store.dir().join(".x.ron.1.0.tmp");
    fs::write(&tmp, "half").unwrap();
    File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(600))
        .unwrap();
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o644)).unwrap();
    let root = store.dir().parent().unwrap();
    fs::set_permissions(root, fs::Permissions::from_mode(0o700)).unwrap();
    let revision = store.keep_revision("20261120-100000", now()).unwrap();
    fs::set_permissions(&revision, fs::Permissions::from_mode(0o640)).unwrap();
    let report = store.doctor().unwrap();
    assert_eq!(report.ok, vec![store.dir().join("20261120-100000.ron")]);
    assert_eq!(report.unreadable.len(), 1);
    assert_eq!(report.unreadable[0].path(), bad.as_path());
    assert_eq!(report.temp_files, vec![tmp.clone()]);
    let open: Vec<(&Path, u32)> = report
        .checkup
        .too_open
        .iter()
        .map(|t| (t.path.as_path(), t.mode))
        .collect();
    assert_eq!(
        open,
        [
            (store.dir(), 0o755),
            (bad.as_path(), 0o644),
            (revision.as_path(), 0o640)
        ],
        "unreadable sessions and revisions are checked too"
    );
    assert!(report.checkup.not_yours.is_empty());
    assert!(!report.is_healthy());
    assert!(tmp.exists() && bad.exists());
    assert_eq!(fs::read_to_string(&bad).unwrap(), "garbage");
}

#[test]
fn a_copy_under_another_name_is_unreadable_so_it_is_never_saved_over_the_original() {
    let (_dir, store) = store();
    let path = store.save(&session("20261120-100000")).unwrap();
    fs::copy(&path, store.dir().join("copy.ron")).unwrap();
    let list = store.list().unwrap();
    let Entry::Unreadable { error, .. } = list.iter().find(|e| e.id() == "copy").unwrap() else {
        panic!("{list:?}")
    };
    assert_eq!(
        error.to_string(),
        format!(
            "{}:1:1: the id inside (20261120-100000) does not match the file name — rename the file to 20261120-100000.ron",
            store.dir().join("copy.ron").display()
        )
    );
}

#[test]
fn the_index_follows_files_edited_added_and_removed_by_hand() {
    let (dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    store.save(&session("20261121-100000")).unwrap();
    let first = store.list().unwrap();
    let cache = dir.path().join("cache/index.sqlite3");
    assert!(cache.exists(), "the list built the index");
    assert_eq!(
        store.newest(1).unwrap(),
        first[..1],
        "the newest rows, without the files"
    );
    assert_eq!(
        store.list().unwrap(),
        first,
        "a second list reads the same from the cache"
    );

    // Edit one by hand (another size), remove one, add one, break one.
    let edited = store.path_of("20261120-100000");
    let text = fs::read_to_string(&edited)
        .unwrap()
        .replace("I broke the build.", "I broke the build, badly.");
    fs::write(&edited, text).unwrap();
    fs::remove_file(store.path_of("20261121-100000")).unwrap();
    store.save(&session("20261122-100000")).unwrap();
    let list = store.list().unwrap();
    let ids: Vec<_> = list.iter().map(Entry::id).collect();
    assert_eq!(ids, ["20261122-100000", "20261120-100000"]);
    let Entry::Session(summary) = &list[1] else {
        panic!()
    };
    assert_eq!(&*summary.title, "I broke the build, badly.");

    // Same size, new content and time: still noticed.
    let same_size = fs::read_to_string(&edited).unwrap().replace("badly", "sadly");
    fs::write(&edited, same_size).unwrap();
    File::options()
        .write(true)
        .open(&edited)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    let Entry::Session(summary) = &store.list().unwrap()[1] else {
        panic!()
    };
    assert_eq!(&*summary.title, "I broke the build, sadly.");
    let words = |w: &str| store.answer_matches(&[w.to_string()]).unwrap();
    assert_eq!(words("sadl"), ["20261120-100000"], "the answers are indexed anew");
    assert!(words("badly").is_empty());

    // Same size and the modification time put back, as `cp -p` or `rsync -a` leave it: the
    // change time still tells.
    let before = fs::metadata(&edited).unwrap().modified().unwrap();
    let same_size = fs::read_to_string(&edited).unwrap().replace("sadly", "madly");
    fs::write(&edited, same_size).unwrap();
    File::options()
        .write(true)
        .open(&edited)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let Entry::Session(summary) = &store.list().unwrap()[1] else {
        panic!()
    };
    assert_eq!(&*summary.title, "I broke the build, madly.");
    assert_eq!(words("madly"), ["20261120-100000"]);
    assert!(words("sadly").is_empty());

    // A damaged index is rebuilt, never an error; it is the owner's alone.
    fs::write(&cache, "{ not a database").unwrap();
    assert_eq!(store.list().unwrap().len(), 2);
    assert_eq!(words("madly"), ["20261120-100000"]);
    let mode = fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // Without a usable index (here a folder in its place) the files are read instead.
    fs::remove_file(&cache).unwrap();
    fs::create_dir(&cache).unwrap();
    assert_eq!(store.list().unwrap().len(), 2);
    assert_eq!(words("madly"), ["20261120-100000"]);
    assert_eq!(store.newest(5), None);
}

#[test]
fn trashed_sessions_leave_the_list_and_come_back() {
    let (dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    let to = store.trash("20261120-100000").unwrap();
    assert_eq!(to, dir.path().join("trash/20261120-100000.ron"));
    assert!(store.list().unwrap().is_empty());
    assert_eq!(store.trashed().len(), 1);
    assert_eq!(store.trashed()[0].id(), "20261120-100000");
    let mode = fs::metadata(dir.path().join("trash"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o700);

    // Its id is not given to a new session meanwhile.
    let at = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
    assert_eq!(store.new_id(at).unwrap().id(), "20261120-100000-2");

    store.restore("20261120-100000").unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
    assert!(store.trashed().is_empty());
    assert_eq!(
        store.restore("20261120-100000").unwrap_err().to_string(),
        "20261120-100000 is not in the trash — `ownup trash` lists what is"
    );
}

#[test]
fn a_session_open_elsewhere_is_not_trashed() {
    let (_dir, store) = store();
    store.save(&session("x")).unwrap();
    let _held = store.lock("x").unwrap();
    assert!(matches!(store.trash("x"), Err(StoreError::Locked(_))));
    assert!(store.path_of("x").exists());
}

#[test]
fn only_a_session_file_is_trashed_so_that_it_can_come_back() {
    let (dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    let link = store.path_of("20261121-100000");
    std::os::unix::fs::symlink(store.path_of("20261120-100000"), &link).unwrap();
    assert_eq!(
        store.trash("20261121-100000").unwrap_err().to_string(),
        format!(
            "{} is not moved to the trash: it is a symbolic link, not a session file — ownup does not follow links in its data folder; put the file itself here",
            link.display()
        )
    );
    assert!(fs::symlink_metadata(&link).is_ok());
    assert!(!dir.path().join("trash/20261121-100000.ron").exists());
    assert!(matches!(store.trash("nosuch"), Err(StoreError::NotFound(_))));
}

#[test]
fn a_lock_file_that_is_a_fifo_or_a_link_is_refused_at_once() {
    let (dir, store) = store();
    let fifo = dir.path().join("locks/20261120-100000.lock");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = store.lock("20261120-100000").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is a FIFO (named pipe), not a lock file — remove it, and ownup makes a new one",
            fifo.display()
        )
    );
    let link = dir.path().join("locks/20261121-100000.lock");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let err = store.lock("20261121-100000").unwrap_err();
    assert!(
        err.to_string().contains("is a symbolic link, not a lock file"),
        "{err}"
    );
}

fn draft(note: &str) -> crate::store::CheckInDraft {
    crate::store::CheckInDraft {
        session: "20261120-100000".into(),
        index: 0,
        action: "Fix it".into(),
        outcome: None,
        new_date: String::new(),
        note: note.into(),
        done_on: String::new(),
    }
}

#[test]
fn check_in_drafts_that_cannot_be_read_are_set_aside_never_overwritten() {
    let (dir, store) = store();
    store
        .save_check_in_drafts(&[draft("A long note I care about.")])
        .unwrap();
    let path = store.check_in_drafts_path();
    let (read, problem) = store.check_in_drafts();
    assert_eq!((read.len(), problem), (1, None));

    // Cut off at the end: set aside, byte for byte, and the drafts start empty.
    let text = fs::read_to_string(&path).unwrap();
    let cut = &text[..text.len() - 8];
    fs::write(&path, cut).unwrap();
    let (read, problem) = store.check_in_drafts();
    assert!(read.is_empty());
    let problem = problem.expect("set aside");
    assert_eq!(
        problem.kept_as,
        dir.path().join("drafts/check-ins-unreadable-1.ron")
    );
    assert_eq!(fs::read_to_string(&problem.kept_as).unwrap(), cut);
    assert!(
        problem.to_string().contains("could not be read (line"),
        "{problem}"
    );
    assert!(store.doctor().unwrap().set_aside_drafts == [problem.kept_as.clone()]);

    // Damaged again behind ownup's back, then saved over: kept first, under the next name.
    fs::write(&path, "CheckInDrafts(version: 1, drafts: [(note: \"unterminated").unwrap();
    assert!(store.doctor().unwrap().unreadable_drafts.is_some());
    store.save_check_in_drafts(&[draft("x")]).unwrap();
    let second = dir.path().join("drafts/check-ins-unreadable-2.ron");
    assert!(fs::read_to_string(&second).unwrap().contains("unterminated"));
    assert_eq!(store.check_in_drafts().0[0].note, "x");

    // From a newer ownup: not read (its fields would be dropped), set aside.
    fs::write(&path, text.replace("version: 1", "version: 2")).unwrap();
    let (read, problem) = store.check_in_drafts();
    assert!(read.is_empty());
    assert!(problem.unwrap().reason.contains("newer ownup"));
    assert!(dir.path().join("drafts/check-ins-unreadable-3.ron").exists());

    // With nothing left to keep, a damaged file is set aside rather than removed.
    fs::write(&path, "garbage").unwrap();
    store.save_check_in_drafts(&[]).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("drafts/check-ins-unreadable-4.ron")).unwrap(),
        "garbage"
    );
}

#[test]
fn the_index_never_writes_through_a_link_nor_trusts_a_half_written_index() {
    let (dir, store) = store();
    store.save(&session("20261120-100000")).unwrap();
    store.list().unwrap();
    let cache = dir.path().join("cache");
    let words = |w: &str| store.answer_matches(&[w.to_string()]).unwrap();

    // A hard link to a file elsewhere in place of a journal: only the name goes.
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    fs::hard_link(&victim, cache.join("index.sqlite3-wal")).unwrap();
    fs::write(
        store.path_of("20261120-100000"),
        fs::read(store.path_of("20261120-100000")).unwrap(),
    )
    .unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // The index cut short by a full disk is not searched: the files are.
    {
        let conn = rusqlite::Connection::open(cache.join("index.sqlite3")).unwrap();
        conn.execute("UPDATE meta SET value = 0 WHERE key = 'complete'", [])
            .unwrap();
        conn.execute("DELETE FROM answers", []).unwrap();
    }
    assert_eq!(words("brok"), ["20261120-100000"], "read from the files");

    // A cache folder that is a link to another folder is never written into nor cleaned.
    fs::remove_dir_all(&cache).unwrap();
    let elsewhere = outside.path().join("other-app");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("index.sqlite3"), "someone else's").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &cache).unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
    assert_eq!(words("brok"), ["20261120-100000"]);
    assert_eq!(
        fs::read_to_string(elsewhere.join("index.sqlite3")).unwrap(),
        "someone else's"
    );
}
/// 100,000 rows are held on the home screen: a row that grows shows in the memory used.
#[test]
fn a_list_row_stays_small() {
    assert!(
        std::mem::size_of::<Entry>() <= 112,
        "{}",
        std::mem::size_of::<Entry>()
    );
    assert!(std::mem::size_of::<crate::store::OpenCommitment>() <= 56);
}

#[test]
fn a_version_from_another_machine_is_kept_beside_this_ones_and_found_again() {
    let (_dir, store) = store();
    let id = "20261122-234501";
    store.save(&session(id)).unwrap();
    store.keep_revision(id, now()).unwrap();
    let theirs = to_ron(&session(id)).unwrap().replace("Twice.", "Three times.");
    let first = store
        .keep_other_machine_version(id, theirs.as_bytes(), now())
        .unwrap();
    let second = store.keep_other_machine_version(id, b"(", now()).unwrap();
    assert_eq!(
        first,
        store.layout().revision(id, "20261122-234501-other-machine")
    );
    assert_eq!(
        second,
        store.layout().revision(id, "20261122-234501-other-machine-2")
    );
    assert_eq!(fs::read_to_string(&first).unwrap(), theirs, "kept byte for byte");
    assert_eq!(fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(store.other_machine_versions(id), [first, second]);
    let mine = store.load(id).unwrap();
    let what = mine.prompt_at("acknowledge", "what").unwrap();
    assert!(
        mine.answer(what).ends_with("Twice."),
        "this machine's stays in place"
    );
    assert!(!is_other_machine_version(Path::new("20261122-234501.ron")));
    assert!(!is_other_machine_version(Path::new(
        "20261122-234501-outside.ron"
    )));
    assert!(!is_other_machine_version(Path::new("other-machine.ron")));
}

/// A store in `dir` made encrypted (its key sealed with a quick passphrase), with its key.
fn encrypted(dir: &Path) -> SessionStore {
    use age::secrecy::SecretString;
    let key = crate::crypt::StoreKey::generate();
    let phrase = SecretString::from("pass".to_string());
    let sealed = key
        .seal(crate::crypt::Seal::Passphrase(&phrase, Some(4)))
        .unwrap();
    SessionStore::open(dir)
        .unwrap()
        .write_sealed_key(&sealed)
        .unwrap();
    let store = SessionStore::open(dir).unwrap();
    assert!(store.is_encrypted());
    store.with_keys(Arc::new(Keys::new(key)))
}

/// Whether `needle` is in any file under `dir`.
fn anywhere_under(dir: &Path, needle: &str) -> Option<PathBuf> {
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                todo.push(path);
            } else if fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
            {
                return Some(path);
            }
        }
    }
    None
}

#[test]
fn an_encrypted_store_writes_reads_lists_and_searches_without_text_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = encrypted(dir.path());
    let s = session("20261122-234501");
    let path = store.save(&s).unwrap();
    assert_eq!(path, dir.path().join("sessions/20261122-234501.ron.age"));
    assert_eq!(store.load("20261122-234501").unwrap(), s);
    store.keep_revision("20261122-234501", now()).unwrap();
    assert!(
        store.revisions("20261122-234501")[0]
            .to_string_lossy()
            .ends_with(".ron.age")
    );
    match &store.list().unwrap()[..] {
        [Entry::Session(row)] => assert_eq!(&*row.title, "I broke the build."),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.answer_matches(&["twic".into()]).unwrap(),
        ["20261122-234501"]
    );
    assert!(store.newest(5).is_some_and(|rows| rows.len() == 1));
    store
        .save_check_in_drafts(&[CheckInDraft {
            session: "20261122-234501".into(),
            index: 0,
            action: "a".into(),
            outcome: None,
            new_date: String::new(),
            note: "Brokenbuildnote".into(),
            done_on: String::new(),
        }])
        .unwrap();
    assert_eq!(store.check_in_drafts().0[0].note, "Brokenbuildnote");
    for needle in ["broke the build", "Twice", "Brokenbuildnote", "twice"] {
        assert_eq!(anywhere_under(dir.path(), needle), None, "{needle}");
    }
    // Without its key, the store reads nothing and writes nothing.
    let locked = SessionStore::open(dir.path()).unwrap();
    assert!(matches!(
        locked.load("20261122-234501"),
        Err(StoreError::Unreadable(LoadError::Sealed { .. }))
    ));
    assert!(matches!(locked.save(&s), Err(StoreError::NoKey(_))));
    assert!(matches!(&locked.list().unwrap()[..], [Entry::Unreadable { .. }]));
    // ... and leaves the sealed index as it was: the store with its key still uses it.
    assert!(store.newest(5).is_some());
}

#[test]
fn an_index_sealed_with_another_key_or_none_is_made_anew() {
    let dir = tempfile::tempdir().unwrap();
    let plain = SessionStore::open(dir.path()).unwrap();
    plain.save(&session("20261122-234501")).unwrap();
    assert_eq!(plain.list().unwrap().len(), 1);
    assert!(plain.newest(1).is_some());
    let store = encrypted(dir.path());
    // The plain index is not used by the encrypted store, and is replaced when refreshed.
    assert!(store.newest(1).is_none());
    assert_eq!(store.list().unwrap().len(), 1);
    assert!(store.newest(1).is_some());
    assert_eq!(anywhere_under(&dir.path().join("cache"), "broke the"), None);
    // A store of the same files with another key does not trust it either.
    let other = SessionStore::open(dir.path())
        .unwrap()
        .with_keys(Arc::new(Keys::new(crate::crypt::StoreKey::generate())));
    assert!(other.newest(1).is_none());
}

#[test]
fn a_plain_file_beside_its_encrypted_twin_is_not_a_second_session_and_goes_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let plain = SessionStore::open(dir.path()).unwrap();
    plain.save(&session("20261122-234501")).unwrap();
    plain.save(&session("20261122-234502")).unwrap();
    let store = encrypted(dir.path());
    // Not encrypted yet: read as it is.
    assert_eq!(store.load("20261122-234501").unwrap(), session("20261122-234501"));
    assert_eq!(store.files_not_in_the_store_form().len(), 2);
    // Saved: written encrypted, and the plain file goes.
    store.save(&session("20261122-234501")).unwrap();
    assert!(!dir.path().join("sessions/20261122-234501.ron").exists());
    // Both forms at once (an encryption cut short): one row, the encrypted one.
    fs::copy(
        dir.path().join("sessions/20261122-234502.ron"),
        dir.path().join("sessions/20261122-234501.ron"),
    )
    .unwrap();
    let ids: Vec<String> = store.list().unwrap().iter().map(|e| e.id().to_string()).collect();
    assert_eq!(ids, ["20261122-234502", "20261122-234501"]);
    let done = store.convert(true, |_, _| {}).unwrap();
    assert!(done.is_complete(), "{done:?}");
    assert_eq!(done.converted, 1);
    assert_eq!(done.kept_beside.len(), 1, "the twin held other text: kept");
    assert!(store.files_not_in_the_store_form().is_empty());
    // And back.
    let done = store.convert(false, |_, _| {}).unwrap();
    assert!(done.is_complete());
    assert_eq!(
        fs::read_to_string(dir.path().join("sessions/20261122-234502.ron")).unwrap(),
        to_ron(&session("20261122-234502")).unwrap()
    );
}

#[test]
fn search_in_an_encrypted_store_indexes_the_words_once_and_again_only_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = encrypted(dir.path());
    // Enough rows that the sum of their times in nanoseconds would overflow.
    for n in 0..8 {
        store.save(&session(&format!("20261122-23450{n}"))).unwrap();
    }
    store.list().unwrap();
    assert_eq!(store.answer_matches(&["broke".into()]).unwrap().len(), 8);
    assert!(
        store.words.lock().unwrap().is_some(),
        "indexed from the index, not the files"
    );
    let cached = format!("{:?}", store.words.lock().unwrap());
    assert_eq!(store.answer_matches(&["twic".into()]).unwrap().len(), 8);
    assert_eq!(format!("{:?}", store.words.lock().unwrap()), cached, "reused");
    // A session changed: its words are seen.
    let mut changed = session("20261122-234500");
    let what = changed.prompt_at("acknowledge", "what").unwrap();
    changed.set_answer(what, "Another text.".into());
    store.save(&changed).unwrap();
    store.list().unwrap();
    assert_eq!(store.answer_matches(&["broke".into()]).unwrap().len(), 7);
    assert_eq!(
        store.answer_matches(&["another".into()]).unwrap(),
        ["20261122-234500"]
    );
}
