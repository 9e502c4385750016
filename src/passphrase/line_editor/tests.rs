//! Tests of the line editing, key by key, without a terminal.

use super::*;
use age::secrecy::ExposeSecret as _;
use proptest::prelude::*;

/// The line as a test reads it: the passphrase, or what else it was in angle brackets.
fn shown(line: Line) -> String {
    match line {
        Line::Passphrase(secret) => secret.expose_secret().to_string(),
        Line::Empty => "<empty>".into(),
        Line::TooLong => "<too long>".into(),
        Line::NotUtf8 => "<not UTF-8>".into(),
    }
}

/// Feeds `bytes` to `editor`; what the last byte did, and the line if it ended one.
fn feed_all(editor: &mut LineEditor, bytes: &[u8]) -> (Step, Option<String>) {
    let mut step = Step::Continue;
    for (i, &byte) in bytes.iter().enumerate() {
        step = editor.feed(byte);
        if step != Step::Continue {
            assert_eq!(i, bytes.len() - 1, "ended early, at byte {i} of {bytes:?}");
        }
    }
    let line = (step == Step::Done).then(|| shown(editor.take_line()));
    (step, line)
}

/// The line `bytes` make in a new editor; they must end it.
#[track_caller]
fn typed(bytes: &[u8]) -> String {
    let (step, line) = feed_all(&mut LineEditor::new(), bytes);
    assert_eq!(step, Step::Done, "the bytes {bytes:?} did not end the line");
    line.unwrap_or_default()
}

#[test]
fn typing_then_enter_gives_the_line_and_either_cr_or_lf_ends_it() {
    assert_eq!(typed(b"correct horse\r"), "correct horse");
    assert_eq!(typed(b"correct horse\n"), "correct horse");
    assert_eq!(typed("  spaces kept  \r".as_bytes()), "  spaces kept  ");
    assert_eq!(typed(b"\r"), "<empty>");
}

#[test]
fn the_lf_of_a_crlf_is_not_a_second_enter_but_two_lfs_are_two() {
    let mut editor = LineEditor::new();
    assert_eq!(feed_all(&mut editor, b"one\r"), (Step::Done, Some("one".into())));
    assert_eq!(
        feed_all(&mut editor, b"\ntwo\r"),
        (Step::Done, Some("two".into()))
    );
    let mut editor = LineEditor::new();
    assert_eq!(feed_all(&mut editor, b"one\n"), (Step::Done, Some("one".into())));
    assert_eq!(feed_all(&mut editor, b"\n"), (Step::Done, Some("<empty>".into())));
    // Only right after the CR: a later LF is an Enter.
    let mut editor = LineEditor::new();
    feed_all(&mut editor, b"one\r");
    assert_eq!(feed_all(&mut editor, b"x\n"), (Step::Done, Some("x".into())));
}

#[test]
fn backspace_deletes_a_whole_character_however_many_bytes_it_took() {
    assert_eq!(typed("café\x7f\r".as_bytes()), "caf");
    assert_eq!(typed("ok👍\x7f\r".as_bytes()), "ok");
    assert_eq!(typed("日本語\x7f\r".as_bytes()), "日本");
    assert_eq!(typed("日本語\x7f\x7f\x7f\r".as_bytes()), "<empty>");
    // BS (Ctrl-H) as well as DEL.
    assert_eq!(typed("éé\x08\r".as_bytes()), "é");
    // A combining accent is a character of its own, as in the kernel's line editing.
    assert_eq!(typed("e\u{301}\x7f\r".as_bytes()), "e");
    // On an empty line it does nothing.
    assert_eq!(typed(b"\x7f\x7fab\r"), "ab");
}

#[test]
fn ctrl_u_clears_the_line() {
    assert_eq!(typed(b"wrong\x15right\r"), "right");
    assert_eq!(typed("日本\x15\r".as_bytes()), "<empty>");
}

#[test]
fn escape_sequences_are_dropped_whole() {
    // Up, F1, Ctrl-Right, Delete, F5.
    assert_eq!(typed(b"a\x1b[Ab\x1bOPc\x1b[1;5Cd\x1b[3~e\x1b[15~\r"), "abcde");
    // The markers of a bracketed paste go; what was pasted stays.
    assert_eq!(typed(b"\x1b[200~pasted\x1b[201~\r"), "pasted");
    // Alt with a key, Alt with a non-ASCII character.
    assert_eq!(typed("a\x1bxb\x1béc\r".as_bytes()), "abc");
    // A sequence begun inside another.
    assert_eq!(typed(b"a\x1b[1\x1b[Bb\r"), "ab");
}

#[test]
fn the_escape_key_alone_is_ignored_and_keys_after_it_still_work() {
    // Enter right after Escape ends the line.
    assert_eq!(typed(b"ab\x1b\r"), "ab");
    // Backspace and Ctrl-C too.
    assert_eq!(typed(b"ab\x1b\x7f\r"), "a");
    let mut editor = LineEditor::new();
    assert_eq!(feed_all(&mut editor, b"ab\x1b\x03"), (Step::Cancelled, None));
    // A pause after it lets the next letter be a letter, not Alt with it.
    let mut editor = LineEditor::new();
    feed_all(&mut editor, b"a\x1b");
    assert!(editor.awaits_escape());
    editor.pause();
    assert!(!editor.awaits_escape());
    assert_eq!(feed_all(&mut editor, b"b\r"), (Step::Done, Some("ab".into())));
    // Without one, it is Alt-b.
    assert_eq!(typed(b"a\x1bb\r"), "a");
    // A pause inside a longer sequence does not end it.
    let mut editor = LineEditor::new();
    feed_all(&mut editor, b"a\x1b[");
    editor.pause();
    assert_eq!(feed_all(&mut editor, b"Ab\r"), (Step::Done, Some("ab".into())));
}

#[test]
fn ctrl_c_cancels_and_ctrl_d_cancels_an_empty_line() {
    for bytes in [&b"\x03"[..], b"typed\x03", b"\x04", b"ab\x15\x04"] {
        let mut editor = LineEditor::new();
        assert_eq!(feed_all(&mut editor, bytes), (Step::Cancelled, None), "{bytes:?}");
        // Nothing typed before is kept for the next line.
        assert_eq!(feed_all(&mut editor, b"\r"), (Step::Done, Some("<empty>".into())));
    }
    // On a line with text, Ctrl-D is ignored.
    assert_eq!(typed(b"ab\x04c\r"), "abc");
}

#[test]
fn other_control_bytes_are_ignored() {
    assert_eq!(typed(b"a\x00b\x01c\td\x1ae\x13f\x17g\r"), "abcdefg");
}

#[test]
fn a_character_may_arrive_split_across_reads() {
    let mut editor = LineEditor::new();
    let bytes = "é日👍".as_bytes();
    for &byte in bytes {
        assert_eq!(editor.feed(byte), Step::Continue);
    }
    assert_eq!(feed_all(&mut editor, b"\r"), (Step::Done, Some("é日👍".into())));
    // Backspace after half a character removes the half.
    assert_eq!(typed(b"a\xe6\x97\x7f\r"), "a");
}

#[test]
fn bytes_that_are_not_utf8_are_reported() {
    assert_eq!(typed(b"caf\xe9\r"), "<not UTF-8>");
    assert_eq!(typed(b"a\xe6\x97\r"), "<not UTF-8>");
    // The next line starts afresh.
    let mut editor = LineEditor::new();
    feed_all(&mut editor, b"\xff\r");
    assert_eq!(feed_all(&mut editor, b"ok\r"), (Step::Done, Some("ok".into())));
}

#[test]
fn a_line_past_the_limit_is_too_long_and_the_next_starts_afresh() {
    let mut editor = LineEditor::new();
    let long = vec![b'a'; MAX_LENGTH + 1];
    feed_all(&mut editor, &long);
    // Backspace does not make it fit: what was dropped is not known.
    editor.feed(DEL);
    assert_eq!(
        feed_all(&mut editor, b"\r"),
        (Step::Done, Some("<too long>".into()))
    );
    assert_eq!(feed_all(&mut editor, b"ok\r"), (Step::Done, Some("ok".into())));
    // Exactly the limit is fine; Ctrl-U clears an overflow.
    let mut at_limit = vec![b'b'; MAX_LENGTH];
    at_limit.push(b'\r');
    assert_eq!(typed(&at_limit).len(), MAX_LENGTH);
    long.iter().for_each(|&b| {
        editor.feed(b);
    });
    assert_eq!(
        feed_all(&mut editor, b"\x15ok\r"),
        (Step::Done, Some("ok".into()))
    );
}

#[test]
fn debug_never_shows_what_was_typed() {
    let mut editor = LineEditor::new();
    feed_all(&mut editor, b"hunter2");
    assert!(!format!("{editor:?}").contains("hunter2"));
    assert!(!format!("{editor:?}").contains("104"), "not as bytes either");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut editor = LineEditor::new();
        for byte in bytes {
            if editor.feed(byte) == Step::Done {
                editor.take_line();
            }
        }
        editor.pause();
        editor.take_line();
    }

    #[test]
    fn text_without_control_characters_is_kept_as_typed(text in "\\PC*") {
        let mut bytes = text.clone().into_bytes();
        bytes.push(b'\r');
        let expected = if text.is_empty() { "<empty>".to_string() } else { text };
        prop_assert_eq!(typed(&bytes), expected);
    }

    #[test]
    fn backspace_after_a_character_leaves_what_came_before(
        before in "\\PC{0,10}", c in any::<char>().prop_filter("not a control", |c| !c.is_control())
    ) {
        let bytes = format!("{before}{c}\x7f\r").into_bytes();
        let expected = if before.is_empty() { "<empty>".to_string() } else { before };
        prop_assert_eq!(typed(&bytes), expected);
    }
}
