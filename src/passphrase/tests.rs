//! Tests of the passphrase file and of the exchange on the terminal, without a terminal (a
//! real one is in tests/passphrase_tty.rs).

use super::*;
use std::collections::VecDeque;
use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::time::{Duration, Instant};

// The passphrase file.

/// Writes `content` to a passphrase file in `dir` and reads it back.
fn read_back(dir: &tempfile::TempDir, content: &[u8]) -> Result<String, String> {
    let path = dir.path().join("passphrase");
    fs::write(&path, content).unwrap();
    from_file(&path)
        .map(|secret| secret.expose_secret().to_string())
        .map_err(|err| err.to_string())
}

#[test]
fn one_line_break_at_the_end_is_stripped_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    for (content, passphrase) in [
        ("correct horse\n", "correct horse"),
        ("correct horse", "correct horse"),
        ("correct horse\r\n", "correct horse"),
        ("two breaks\n\n", "two breaks\n"),
        ("two crlfs\r\n\r\n", "two crlfs\r\n"),
        ("  spaces kept \t\n", "  spaces kept \t"),
        ("a lone cr\r", "a lone cr\r"),
        ("two\nlines\n", "two\nlines"),
        ("\n\n", "\n"),
        ("é日👍\n", "é日👍"),
    ] {
        assert_eq!(
            read_back(&dir, content.as_bytes()),
            Ok(passphrase.to_string()),
            "{content:?}"
        );
    }
}

#[test]
fn an_empty_file_or_one_with_only_a_line_break_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passphrase");
    let shown = path.display();
    assert_eq!(
        read_back(&dir, b""),
        Err(format!(
            "passphrase file {shown}: is empty — write the passphrase into it"
        ))
    );
    for content in [&b"\n"[..], b"\r\n"] {
        assert_eq!(
            read_back(&dir, content),
            Err(format!(
                "passphrase file {shown}: holds only a line break — write the passphrase into it"
            ))
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().join("passphrase").display().to_string();
    assert_eq!(
        read_back(&dir, b"caf\xe9\n"),
        Err(format!(
            "passphrase file {shown}: is not UTF-8 text — save the passphrase in it as UTF-8"
        ))
    );
}

#[test]
fn a_file_past_the_limit_is_refused_and_one_at_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().join("passphrase").display().to_string();
    assert_eq!(
        read_back(&dir, &vec![b'a'; MAX_LENGTH + 1]),
        Err(format!(
            "passphrase file {shown}: is larger than 64 KiB, too large for a passphrase — put only the passphrase in it"
        ))
    );
    assert_eq!(
        read_back(&dir, &vec![b'a'; MAX_LENGTH]).map(|p| p.len()),
        Ok(MAX_LENGTH)
    );
}

#[test]
fn a_missing_file_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-file");
    let err = from_file(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "passphrase file {}: does not exist — write the passphrase into it, or unset \
             OWNUP_PASSPHRASE_FILE to be asked on the terminal",
            path.display()
        )
    );
    assert!(matches!(err, PassphraseError::File { path: ref named, .. } if *named == path));
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        from_file(dir.path()).unwrap_err().to_string(),
        format!(
            "passphrase file {}: is a directory, not a file — point OWNUP_PASSPHRASE_FILE at a \
             file holding the passphrase",
            dir.path().display()
        )
    );
}

#[test]
fn a_fifo_is_refused_at_once_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let c = CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let start = Instant::now();
    let err = from_file(&fifo).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(
        err.to_string(),
        format!(
            "passphrase file {}: is a FIFO (named pipe), not a file — point OWNUP_PASSPHRASE_FILE \
             at a file holding the passphrase",
            fifo.display()
        )
    );
    // Through a link, too.
    let link = dir.path().join("link");
    symlink(&fifo, &link).unwrap();
    assert!(
        from_file(&link)
            .unwrap_err()
            .to_string()
            .contains("is a FIFO (named pipe)")
    );
}

#[test]
fn a_device_is_refused() {
    assert_eq!(
        from_file(Path::new("/dev/zero")).unwrap_err().to_string(),
        "passphrase file /dev/zero: is a character device, not a file — point \
         OWNUP_PASSPHRASE_FILE at a file holding the passphrase"
    );
}

#[test]
fn a_link_to_a_file_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("real");
    fs::write(&file, "linked\n").unwrap();
    let link = dir.path().join("link");
    symlink(&file, &link).unwrap();
    assert_eq!(from_file(&link).unwrap().expose_secret(), "linked");
}

#[test]
fn an_unreadable_file_says_so() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // Root reads any file: there is nothing to refuse.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passphrase");
    fs::write(&path, "secret\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    assert_eq!(
        from_file(&path).unwrap_err().to_string(),
        format!(
            "passphrase file {}: cannot be read (permission denied) — make it readable by you: chmod u+r",
            path.display()
        )
    );
}

#[test]
fn an_empty_variable_is_as_if_unset() {
    assert_eq!(file_named_by(None), None);
    assert_eq!(file_named_by(Some("".into())), None);
    assert_eq!(
        file_named_by(Some("/run/secret".into())),
        Some(PathBuf::from("/run/secret"))
    );
}

#[test]
fn a_secret_is_cut_at_its_length() {
    let secret = exact_secret("abc\n".to_string(), 3);
    assert_eq!(secret.expose_secret(), "abc");
}

// The exchange on the terminal, over a script of lines typed.

/// A conversation that answers each read with the next line of a script, and keeps what was
/// shown, as the screen would: a line typed shows as nothing but the line break after it.
struct Scripted {
    typed: VecDeque<Result<Line, PassphraseError>>,
    screen: String,
}

impl Scripted {
    /// Lines typed: "" is an empty line, "^C" a cancel, "<too long>" and "<not UTF-8>" those.
    fn typing(lines: &[&str]) -> Scripted {
        let typed = lines
            .iter()
            .map(|&line| match line {
                "" => Ok(Line::Empty),
                "^C" => Err(PassphraseError::Cancelled),
                "<too long>" => Ok(Line::TooLong),
                "<not UTF-8>" => Ok(Line::NotUtf8),
                text => Ok(Line::Passphrase(SecretString::from(text))),
            })
            .collect();
        Scripted {
            typed,
            screen: String::new(),
        }
    }

    /// The exchange with `confirm`: the passphrase or the error's message, and the screen.
    fn ask(mut self, confirm: Option<&str>) -> (Result<String, String>, String) {
        let result = converse(&mut self, "Passphrase: ", confirm)
            .map(|secret| secret.expose_secret().to_string())
            .map_err(|err| err.to_string());
        assert!(self.typed.is_empty(), "lines left unread: {}", self.typed.len());
        (result, self.screen)
    }
}

impl Conversation for Scripted {
    fn show(&mut self, prompt: &str) -> Result<(), PassphraseError> {
        self.screen.push_str(prompt);
        Ok(())
    }

    fn tell(&mut self, line: &str) -> Result<(), PassphraseError> {
        self.screen.push_str(line);
        self.screen.push('\n');
        Ok(())
    }

    fn read_line(&mut self) -> Result<Line, PassphraseError> {
        self.screen.push('\n');
        self.typed
            .pop_front()
            .expect("asked for more lines than were typed")
    }
}

#[test]
fn without_confirm_the_first_line_is_the_passphrase() {
    let (result, screen) = Scripted::typing(&["hunter2"]).ask(None);
    assert_eq!(result, Ok("hunter2".into()));
    assert_eq!(screen, "Passphrase: \n");
}

#[test]
fn with_confirm_both_lines_must_match() {
    let (result, screen) = Scripted::typing(&["hunter2", "hunter2"]).ask(Some("Again: "));
    assert_eq!(result, Ok("hunter2".into()));
    assert_eq!(screen, "Passphrase: \nAgain: \n");
}

#[test]
fn a_mismatch_is_said_and_asked_again() {
    let (result, screen) = Scripted::typing(&["one", "two", "three", "three"]).ask(Some("Again: "));
    assert_eq!(result, Ok("three".into()));
    assert_eq!(
        screen,
        "Passphrase: \nAgain: \nThe passphrases do not match — try again\nPassphrase: \nAgain: \n"
    );
}

#[test]
fn three_mismatches_give_up_without_saying_try_again() {
    let (result, screen) = Scripted::typing(&["a", "b", "c", "d", "e", "f"]).ask(Some("Again: "));
    assert_eq!(
        result,
        Err("the passphrases did not match in 3 tries — nothing was changed".into())
    );
    assert_eq!(screen.matches("try again").count(), 2);
    assert!(screen.ends_with("Passphrase: \nAgain: \n"), "{screen}");
}

#[test]
fn an_empty_line_is_refused_and_counts_as_a_try() {
    let (result, screen) = Scripted::typing(&["", "ok"]).ask(None);
    assert_eq!(result, Ok("ok".into()));
    assert_eq!(
        screen,
        "Passphrase: \nAn empty passphrase cannot be used — type one, or press Ctrl-C to stop\nPassphrase: \n"
    );
    let (result, _) = Scripted::typing(&["", "", ""]).ask(None);
    assert_eq!(
        result,
        Err("no passphrase was typed in 3 tries — nothing was changed".into())
    );
    // Mixed: the last try decides what is said.
    let (result, _) = Scripted::typing(&["", "a", "b", ""]).ask(Some("Again: "));
    assert_eq!(
        result,
        Err("no passphrase was typed in 3 tries — nothing was changed".into())
    );
}

#[test]
fn an_empty_or_too_long_confirmation_is_a_mismatch() {
    let (result, screen) = Scripted::typing(&["one", "", "one", "<too long>", "x", "x"]).ask(Some("Again: "));
    assert_eq!(result, Ok("x".into()));
    assert_eq!(screen.matches("do not match").count(), 2);
}

#[test]
fn a_line_too_long_is_said_and_asked_again() {
    let (result, screen) = Scripted::typing(&["<too long>", "ok"]).ask(None);
    assert_eq!(result, Ok("ok".into()));
    assert!(
        screen.contains("\nThat is longer than 64 KiB — type a shorter one\n"),
        "{screen}"
    );
    let (result, _) = Scripted::typing(&["<too long>", "", "<too long>"]).ask(None);
    assert_eq!(
        result,
        Err("the passphrase typed was longer than 64 KiB — nothing was changed".into())
    );
    assert_eq!(MAX_LENGTH, 64 * 1024, "the messages say 64 KiB");
}

#[test]
fn cancelling_at_either_prompt_stops_at_once() {
    for typed in [&["^C"][..], &["one", "^C"], &["one", "two", "^C"]] {
        let (result, _) = Scripted::typing(typed).ask(Some("Again: "));
        assert_eq!(
            result,
            Err("no passphrase given — nothing was changed".into()),
            "{typed:?}"
        );
    }
}

#[test]
fn text_that_is_not_utf8_stops_at_once() {
    let expected = Err(
        "what was typed is not UTF-8 text — set the terminal to UTF-8, or set \
                        OWNUP_PASSPHRASE_FILE to a file holding the passphrase"
            .to_string(),
    );
    assert_eq!(Scripted::typing(&["<not UTF-8>"]).ask(None).0, expected);
    assert_eq!(
        Scripted::typing(&["one", "<not UTF-8>"]).ask(Some("Again: ")).0,
        expected
    );
}

#[test]
fn the_other_messages_say_what_to_do() {
    assert_eq!(
        PassphraseError::NoTerminal.to_string(),
        "there is no terminal to ask for the passphrase on — set OWNUP_PASSPHRASE_FILE to a file holding it"
    );
    assert_eq!(
        PassphraseError::Terminal("the terminal was closed".into()).to_string(),
        "the passphrase could not be asked for on the terminal: the terminal was closed"
    );
}
