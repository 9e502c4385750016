//! Plain mode on the real binary: a session asked as plain lines through a pipe and in a dumb
//! terminal — the answers on disk exactly as typed, the commands, the end of the input, signals,
//! a second instance, input that is not UTF-8, hostile text.

mod common;

use std::process::Output;

use common::*;
use ownup::session::{CommitmentStatus, Session, Status};
use ownup::store::load_file;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The one session on disk.
#[track_caller]
fn only_session(sandbox: &Sandbox) -> Session {
    let files = sandbox.session_files();
    assert_eq!(files.len(), 1, "one session file: {files:?}");
    load_file(&files[0]).expect("a readable session")
}

/// What `ownup` says when it leaves session `id` a draft.
fn kept(id: &str) -> String {
    format!("ownup: your answers are kept in the draft {id} — to go on: ownup resume --plain {id}\n")
}

const ID: &str = "20261122-234501";

/// Every prompt of the quick script answered, one answer after another.
const QUICK: &str = "I sent the client last month's figures.\n\n\
                     3\n\
                     That was my mistake; I have sent the right ones.\n\n\
                     2\n\
                     When I send numbers to a client, I will check them against the report first.\n\n";

#[test]
fn a_piped_session_is_complete_with_exactly_the_answers_given() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(
        session.answer_to("own-it", "what"),
        "I sent the client last month's figures."
    );
    assert_eq!(session.answer_to("own-it", "size"), "3");
    assert_eq!(
        session.answer_to("make-it-right", "repair"),
        "That was my mistake; I have sent the right ones."
    );
    assert_eq!(
        session.answer_to("make-it-right", "told"),
        "Not yet: I will tell them today"
    );
    assert_eq!(
        session.answer_to("prevent-it", "when-then"),
        "When I send numbers to a client, I will check them against the report first."
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("A quick own-up: 5 questions in 3 steps.\n"),
        "{text}"
    );
    assert!(text.contains("\nStep 2 of 3: Make it right\n"), "{text}");
    assert!(
        text.contains("\nQuestion 4 of 5: Have you told the people affected?\nHint: Sooner is kinder.\n  1. Yes, already\n"),
        "{text}"
    );
    assert!(
        text.contains("\nChosen: Not yet: I will tell them today.\n"),
        "{text}"
    );
    let path = sandbox.sessions_dir().join(format!("{ID}.ron"));
    assert!(
        text.ends_with(&format!(
            "\nFinished, and saved to {}.\nYou did the hard part: you looked at it squarely. Come back to check on the \
             commitment you made; ownup will ask when it is due.\nCommitments:\n  1. When I send numbers to a \
             client, check them against the report first: me.\nTo read it again: ownup show {ID}\n",
            path.display()
        )),
        "{text}"
    );
}

#[test]
fn without_a_terminal_plain_mode_is_chosen_without_the_flag() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_input(&["new", "--script", "quick"], QUICK);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("A quick own-up: 5 questions in 3 steps.\n"));
    assert_eq!(only_session(&sandbox).status, Status::Complete);
}

#[test]
fn an_answer_has_as_many_lines_as_are_typed_before_an_empty_line_or_a_full_stop() {
    let sandbox = Sandbox::new();
    let input = "First line.\n  Indented second line.\n\n\
                 \n\
                 Say sorry.\nResend the figures.\n.\n\
                 \n\
                 When X, I will Y.\nAnd a second plan.\n";
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let session = only_session(&sandbox);
    assert_eq!(
        session.answer_to("own-it", "what"),
        "First line.\n  Indented second line."
    );
    assert_eq!(session.answer_to("own-it", "size"), "");
    assert_eq!(
        session.answer_to("make-it-right", "repair"),
        "Say sorry.\nResend the figures."
    );
    // The input ended inside the last answer: what was typed of it is kept.
    assert_eq!(
        session.answer_to("prevent-it", "when-then"),
        "When X, I will Y.\nAnd a second plan."
    );
    assert_eq!(session.status, Status::Draft);
    assert_eq!(
        stderr(&out),
        format!("ownup: the input ended; {}", &kept(ID)[7..])
    );
}

#[test]
fn skip_back_and_quit() {
    let sandbox = Sandbox::new();
    let input = ":back\n\nfirst\n\n:skip\n:back\n:back\nmore\n\n:quit\nnever read\n";
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\nThis is the first question.\n"), "{text}");
    assert!(
        text.contains("\nThis question needs an answer before the session can be finished. Write one, or :skip to come back to it.\n"),
        "{text}"
    );
    assert!(
        text.contains("\nYour answer so far:\n  first\nLines you type are added to it;"),
        "{text}"
    );
    assert_eq!(stderr(&out), kept(ID));
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Draft);
    assert_eq!(session.answer_to("own-it", "what"), "first\nmore");
    // Left at the question it was on.
    assert_eq!(Some(session.position), session.prompt_at("own-it", "size"));
}

#[test]
fn a_draft_left_at_the_end_of_the_input_is_resumed_to_completion() {
    let sandbox = Sandbox::new();
    // The input ends in the middle of a line of the first answer.
    let out = sandbox.run_with_input(
        &["new", "--plain", "--script", "quick"],
        "What happened.\nsecond line",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("ownup: the input ended; {}", &kept(ID)[7..])
    );
    let draft = only_session(&sandbox);
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.answer_to("own-it", "what"), "What happened.\nsecond line");

    let out = sandbox.run_with_input(&["resume", "--plain"], "\n4\nI will put it right.\n\n1\n\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "Going on with \"A quick own-up\" (session {ID}), at question 1 of 5.\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("\nYour answer so far:\n  What happened.\n  second line\n"),
        "{text}"
    );
    assert!(text.contains("\nFinished, and saved to "), "{text}");
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.answer_to("own-it", "what"), "What happened.\nsecond line");
    assert_eq!(session.answer_to("own-it", "size"), "4");
    assert_eq!(
        session.answer_to("make-it-right", "repair"),
        "I will put it right."
    );
    assert_eq!(session.answer_to("make-it-right", "told"), "Yes, already");
    assert_eq!(session.answer_to("prevent-it", "when-then"), "");
}

#[test]
fn the_default_script_with_its_check_ins_and_a_dated_commitment() {
    let sandbox = Sandbox::new();
    let input = [
        "2",                                 // How are you feeling? heavy
        "Mistakes were made in the deploy.", // What happened (required)
        "",
        "Customers could not pay for an hour.",
        "",
        "",                                   // my part
        "",                                   // contain
        "",                                   // tell
        "",                                   // help
        "",                                   // who
        "I shipped the migration unchecked.", // responsibility (required)
        "",
        "I will fix the data by hand tonight.", // repair (required)
        "",
        "",                                             // prevent
        "",                                             // timeline
        "",                                             // causes
        "",                                             // lucky
        "",                                             // feedback
        "Add a migration check to CI — me — by Friday", // actions (required)
        "Tell Sam — me — by someday",
        "",
        "",              // share
        "",              // when-then
        "",              // show
        "",              // kind word
        "fairly steady", // How are you feeling now?
        "",
    ]
    .join("\n");
    let out = sandbox.run_with_input(&["new", "--plain"], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "\nQuestion 1 of 21: How are you feeling about it right now? (private)\n\
             Hint: A quick private check-in first. Any answer is all right.\n\
             \x20 1. it weighs on me a lot\n  2. heavy\n  3. unsettled\n  4. fairly steady\n  5. steady\n\
             Type a number from 1 to 5, or the words; an empty line leaves it; :later stops here for now and keeps the draft.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nChosen: 2, heavy.\nThat is a hard place to write from."),
        "{text}"
    );
    // A nudge, said after the answer that set it off.
    assert!(text.contains("\nA thought: "), "{text}");
    assert!(
        text.contains("\n  Noted: \"Add a migration check to CI\", me, by Friday 27 November 2026.\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  Noted: \"Tell Sam\", me, but \"someday\" is not a date I understand, so no check-in will come.\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nNot understood as a date, so no check-in will come: \"someday\" (Tell Sam).\n\
             How you felt about it (private): heavy (2) at the start, fairly steady (4) at the end.\n\
             Commitments:\n  1. Add a migration check to CI: me, by Friday 27 November 2026.\n  \
             2. Tell Sam: me, by \"someday\" (not a date I understand).\n"
        ),
        "{text}"
    );
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.script.name, "own-it");
    assert_eq!(session.answer_to("acknowledge", "feeling-start"), "2");
    assert_eq!(session.answer_to("improve", "feeling-end"), "4");
    assert_eq!(
        session.answer_to("correct", "actions"),
        "Add a migration check to CI — me — by Friday\nTell Sam — me — by someday"
    );
    let dated = &session.commitments[0];
    assert_eq!(dated.action, "Add a migration check to CI");
    assert_eq!(dated.due.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
    assert_eq!(dated.status, CommitmentStatus::Open);
    assert_eq!(session.commitments[1].due, None);
}

#[test]
fn later_at_the_first_check_in_keeps_the_draft_and_when_to_offer_it() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_input(&["new", "--plain"], "1\n:later\n1\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with(
            "When should ownup offer this draft again?\n  1. Tomorrow morning\n  2. In a few days\n  3. Next week\n  \
             4. No reminder: just keep the draft\nType a number; an empty line keeps the draft with no reminder; \
             :back goes back to the question.\nKept as a draft. ownup will offer it again tomorrow at 09:00. Take \
             care of yourself meanwhile.\n"
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), kept(ID));
    let session = only_session(&sandbox);
    assert_eq!(session.answer_to("acknowledge", "feeling-start"), "1");
    assert_eq!(
        session.come_back.map(|at| at.to_rfc3339()).as_deref(),
        Some("2026-11-23T09:00:00+01:00")
    );
}

#[test]
fn nothing_typed_keeps_nothing() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_input(&["new", "--plain", "--script", "quick"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "ownup: the input ended; nothing was written, so no session was kept\n"
    );
    assert!(sandbox.session_files().is_empty());
}

#[test]
fn input_that_is_not_utf8_stops_with_everything_before_it_kept() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_bytes(
        &["new", "--plain", "--script", "quick"],
        b"Kept line.\nnot \xff UTF-8\nnever read\n\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: line 2 of the input is not UTF-8 text (is the terminal or the file in another encoding?), so ownup \
             stopped before it; what came before is kept in the draft {ID} — to go on: ownup resume --plain {ID}\n"
        )
    );
    let session = only_session(&sandbox);
    assert_eq!(session.answer_to("own-it", "what"), "Kept line.");
    assert_eq!(session.status, Status::Draft);
}

#[test]
fn hostile_text_in_an_answer_is_kept_exactly_and_never_echoed_raw() {
    let sandbox = Sandbox::new();
    let script = sandbox.home().join("hostile.ron");
    std::fs::write(
        &script,
        r#"Script(name: "hostile", title: "Hostile", steps: [Step(id: "s", title: "S", prompts: [
            Prompt(id: "what", ask: "What?"),
            Prompt(id: "actions", ask: "Actions?", kind: Commitment),
        ])])"#,
    )
    .unwrap();
    let hostile =
        "Set \x1b]0;pwned\x07 the title, \x1b]52;c;aGk=\x07 the clipboard, \u{9b}2J and \u{202e}reversed";
    let action = "Clear \x1b[2J the screen — me — by Friday";
    let input = format!("{hostile}\n\n:back\n\n{action}\n:quit\n");
    let out = sandbox.run_with_input(
        &["new", "--plain", "--script", &script.display().to_string()],
        &input,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains(['\x1b', '\x07', '\u{9b}', '\u{202e}']),
        "a control character reached the output: {text:?}"
    );
    // Read back when the question comes again, and said back as a commitment.
    assert!(
        text.contains(
            "\nYour answer so far:\n  Set ^[]0;pwned^G the title, ^[]52;c;aGk=^G the clipboard, <U+009B>2J and <U+202E>reversed\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n  Noted: \"Clear ^[[2J the screen\", me, by Friday 27 November 2026.\n"),
        "{text}"
    );
    let session = only_session(&sandbox);
    assert_eq!(session.answer_to("s", "what"), hostile);
    assert_eq!(session.answer_to("s", "actions"), action);
}

#[test]
fn a_session_open_in_plain_mode_cannot_be_edited_by_a_second_ownup() {
    let sandbox = Sandbox::new();
    let mut first = sandbox.spawn(&["new", "--plain", "--script", "quick"]);
    first.wait_for("Question 1 of 5: What happened?");
    first.send("Written in the first window.\r\r");
    first.wait_for("Question 2 of 5");
    // Saved when the answer ended, before the next question was asked.
    assert_eq!(
        only_session(&sandbox).answer_to("own-it", "what"),
        "Written in the first window."
    );

    let second = sandbox.run_with_input(&["resume", "--plain", ID], "Overwritten?\n\n");
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(
        stderr(&second),
        format!(
            "ownup: session {ID} is open in another ownup window — finish there first, or open it read-only\n"
        )
    );
    assert_eq!(stdout(&second), "");
    first.send(":quit\r");
    assert!(first.wait_exit().success());
    assert_eq!(
        only_session(&sandbox).answer_to("own-it", "what"),
        "Written in the first window."
    );
}

#[test]
fn a_dumb_terminal_gets_plain_lines_without_a_single_escape_sequence() {
    let mut sandbox = Sandbox::new();
    sandbox.extra_env.push(("TERM".into(), "dumb".into()));
    let mut tui = sandbox.spawn(&["new", "--script", "quick"]);
    tui.wait_for("Question 1 of 5: What happened? (needed to finish)");
    tui.send("I typed this in a dumb terminal.\r\r");
    tui.wait_for("Question 2 of 5");
    tui.send(":quit\r");
    tui.wait_for("to go on: ownup resume --plain");
    assert!(tui.wait_exit().success());
    let transcript = tui.transcript();
    assert!(
        !transcript.contains(&0x1b),
        "no cursor movement, no colour, no alternate screen: {}",
        String::from_utf8_lossy(&transcript)
    );
    assert_eq!(
        only_session(&sandbox).answer_to("own-it", "what"),
        "I typed this in a dumb terminal."
    );
}

/// Types part of an answer, makes sure ownup has read it, then ends ownup with `end`; what was
/// typed is on disk. The terminal hands ownup one line at a time, and `:help` changes nothing:
/// once its answer is on the screen, the lines before it were read and handed to the guardian.
fn an_ending_saves_what_was_typed(end: impl FnOnce(&mut Tui)) {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new", "--plain", "--script", "quick"]);
    tui.wait_for("Question 1 of 5: What happened?");
    tui.send("Half an answer,\rtyped before the end.\r:help\r");
    tui.wait_for(":help   this list");
    assert!(
        sandbox.session_files().is_empty(),
        "an answer not ended is not saved yet"
    );
    end(&mut tui);
    let status = tui.wait_exit();
    assert!(!status.success(), "a signal exit is not a success: {status:?}");
    tui.wait_for(&format!("to go on: ownup resume --plain {ID}"));
    let screen = tui.screen();
    assert!(screen.contains("ownup: your text was saved to "), "{screen}");
    // Plain mode never took the terminal, so it sends nothing to put it back.
    let transcript = tui.transcript();
    assert!(
        !transcript.contains(&0x1b),
        "an escape sequence on the way out: {}",
        String::from_utf8_lossy(&transcript)
    );
    let session = only_session(&sandbox);
    assert_eq!(
        session.answer_to("own-it", "what"),
        "Half an answer,\ntyped before the end."
    );
    assert_eq!(session.status, Status::Draft);
}

#[test]
fn ctrl_c_saves_what_was_typed() {
    an_ending_saves_what_was_typed(|tui| tui.send(CTRL_C));
}

#[test]
fn sigterm_saves_what_was_typed() {
    an_ending_saves_what_was_typed(|tui| tui.signal("TERM"));
}

#[test]
fn sighup_saves_what_was_typed() {
    an_ending_saves_what_was_typed(|tui| tui.signal("HUP"));
}
