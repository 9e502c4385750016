//! Tests of reading only regular files, writing new files, and the privacy checks.

use super::*;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::time::{Duration, Instant};

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_fifo_is_refused_at_once_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("a.ron");
    mkfifo(&fifo);
    let start = Instant::now();
    for links in [Links::Refuse, Links::Follow] {
        let err = read_regular(&fifo, links, MAX_FILE_SIZE).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile(Kind::Fifo)), "{err:?}");
    }
    // Even when the caller was told it is a regular file, the open handle is checked.
    let regular = {
        let f = dir.path().join("f");
        fs::write(&f, "x").unwrap();
        fs::symlink_metadata(&f).unwrap().file_type()
    };
    let err = read_regular_as(&fifo, regular, Links::Refuse, MAX_FILE_SIZE).unwrap_err();
    assert!(matches!(err, ReadError::NotAFile(Kind::Fifo)), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn links_are_refused_or_followed_only_to_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("real.ron");
    fs::write(&file, "text").unwrap();
    let link = dir.path().join("link.ron");
    symlink(&file, &link).unwrap();
    let zero = dir.path().join("zero.ron");
    symlink("/dev/zero", &zero).unwrap();

    let err = read_regular(&link, Links::Refuse, MAX_FILE_SIZE).unwrap_err();
    assert!(matches!(err, ReadError::NotAFile(Kind::Symlink)), "{err:?}");
    assert_eq!(
        read_regular(&link, Links::Follow, MAX_FILE_SIZE).unwrap(),
        b"text"
    );
    let err = read_regular(&zero, Links::Follow, MAX_FILE_SIZE).unwrap_err();
    assert!(matches!(err, ReadError::NotAFile(Kind::CharDevice)), "{err:?}");
    // Told it is a regular file, the link is still not followed: O_NOFOLLOW.
    let regular = fs::symlink_metadata(&file).unwrap().file_type();
    let err = read_regular_as(&zero, regular, Links::Refuse, MAX_FILE_SIZE).unwrap_err();
    assert!(matches!(err, ReadError::NotAFile(Kind::Symlink)), "{err:?}");
}

#[test]
fn a_file_over_the_limit_is_too_large_and_one_at_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big");
    fs::write(&path, vec![b'a'; 11]).unwrap();
    let err = read_regular(&path, Links::Refuse, 10).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { limit: 10 }), "{err:?}");
    assert_eq!(read_regular(&path, Links::Refuse, 11).unwrap().len(), 11);
    assert_eq!(
        not_a_file(Kind::Fifo, "session file"),
        "is a FIFO (named pipe), not a session file — ownup reads only regular files"
    );
    assert_eq!(describe_size(MAX_FILE_SIZE), "16 MB");
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_file_never_replaces_anything_unless_asked_and_then_only_files_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    write_new(&target, b"first", Existing::Refuse).unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"first");
    assert_eq!(mode(&target), 0o600);

    let err = write_new(&target, b"second", Existing::Refuse).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{} already exists — choose another name", target.display())
    );
    assert_eq!(fs::read(&target).unwrap(), b"first");

    write_new(&target, b"third", Existing::Replace).unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"third");

    // A link is replaced itself; what it points to is left alone.
    let pointed = dir.path().join("pointed");
    fs::write(&pointed, "keep me").unwrap();
    let link = dir.path().join("link.md");
    symlink(&pointed, &link).unwrap();
    assert!(matches!(
        write_new(&link, b"x", Existing::Refuse),
        Err(WriteError::Exists { link: true, .. })
    ));
    write_new(&link, b"new", Existing::Replace).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().is_file());
    assert_eq!(fs::read(&link).unwrap(), b"new");
    assert_eq!(fs::read(&pointed).unwrap(), b"keep me");

    // A FIFO or a directory is never replaced, and never opened (that would block).
    let fifo = dir.path().join("fifo.md");
    mkfifo(&fifo);
    let sub = dir.path().join("sub.md");
    fs::create_dir(&sub).unwrap();
    for path in [&fifo, &sub] {
        for existing in [Existing::Refuse, Existing::Replace] {
            let err = write_new(path, b"x", existing).unwrap_err();
            assert!(matches!(err, WriteError::NotAFile { .. }), "{err:?}");
        }
    }
    assert_eq!(
        names(dir.path()),
        ["fifo.md", "link.md", "out.md", "pointed", "sub.md"],
        "no temp file is left behind"
    );
}

#[test]
fn a_failed_write_leaves_nothing_under_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("out.md");
    let err = write_new(&missing, b"x", Existing::Refuse).unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }), "{err:?}");
    assert!(names(dir.path()).is_empty());
}

#[test]
fn the_checkup_finds_open_modes_and_fix_makes_them_private_without_following_links() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    fs::create_dir(&folder).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let file = folder.join("a.ron");
    fs::write(&file, "x").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let outside = dir.path().join("outside");
    fs::write(&outside, "y").unwrap();
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&outside, folder.join("b.ron")).unwrap();
    mkfifo(&folder.join("c.ron"));

    let mut checkup = Checkup::default();
    checkup.data_folder(&folder, "session file", MAX_FILE_SIZE, false);
    let open: Vec<(&Path, u32)> = checkup
        .too_open
        .iter()
        .map(|t| (t.path.as_path(), t.mode))
        .collect();
    assert_eq!(open, [(folder.as_path(), 0o755), (file.as_path(), 0o644)]);
    assert_eq!(
        checkup.not_files,
        [
            (
                folder.join("b.ron"),
                "is a symbolic link, not a session file — ownup does not follow links in its data folder; put the file itself here".to_string()
            ),
            (
                folder.join("c.ron"),
                "is a FIFO (named pipe), not a session file — ownup reads only regular files".to_string()
            ),
        ]
    );
    assert!(checkup.not_yours.is_empty());

    let fixed = checkup.fix();
    assert!(fixed.iter().all(|f| f.result.is_ok()), "{fixed:?}");
    assert!(checkup.too_open.is_empty());
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&outside), 0o644, "the link's target is not touched");
    assert_eq!(fs::read(&file).unwrap(), b"x");
}

#[test]
fn a_folder_reached_through_a_link_is_reported_but_not_changed_by_fix() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o755)).unwrap();
    let link = dir.path().join("link");
    symlink(&real, &link).unwrap();
    let mut checkup = Checkup::default();
    assert!(checkup.dir(&link));
    assert_eq!(checkup.too_open.len(), 1);
    assert!(checkup.too_open[0].link);
    let fixed = checkup.fix();
    assert!(
        fixed[0]
            .result
            .as_ref()
            .unwrap_err()
            .contains("--fix does not follow")
    );
    assert_eq!(mode(&real), 0o755);
    assert_eq!(checkup.too_open.len(), 1, "still open");
}
