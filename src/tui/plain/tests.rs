//! The plain conversation, line by line, without a terminal or a disk.

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;

use super::conversation::{Conversation, Leaving, Out};
use super::words::summary;
use crate::nudge::Lexicon;
use crate::script::Script;
use crate::session::{CommitmentStatus, Position, Session, Status};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
}

fn conversation(script: &str) -> Conversation {
    with_lexicon(script, Some(Lexicon::shared().clone()))
}

fn with_lexicon(script: &str, lexicon: Option<Lexicon>) -> Conversation {
    let script = Script::built_in(script).unwrap();
    let session = Session::new("20261122-234501".into(), &script, now());
    Conversation::new(session, Some(script), lexicon, false)
}

/// Feeds `lines`, returning everything said and done.
fn feed(c: &mut Conversation, lines: &[&str]) -> Vec<Out> {
    lines.iter().flat_map(|line| c.line(line, now())).collect()
}

fn said(outs: &[Out]) -> String {
    outs.iter()
        .filter_map(|o| match o {
            Out::Say(text) => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
fn answer(c: &Conversation, step: &str, prompt: &str) -> String {
    let pos = c.session().prompt_at(step, prompt).expect("the prompt exists");
    c.session().answer(pos).to_string()
}

#[test]
fn it_opens_with_the_first_step_and_question() {
    let mut c = conversation("quick");
    let text = said(&c.start(now()));
    assert!(
        text.starts_with("A quick own-up: 5 questions in 3 steps.\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\n\nStep 1 of 3: Own it\nSmall slips deserve a small, honest look. Say what happened and your part in it.\n\n\
             Question 1 of 5: What happened? (needed to finish)\n\
             Hint: One or two sentences, facts only, with your part in them: \"I sent the client last month's figures.\""
        ),
        "{text}"
    );
}

#[test]
fn a_whole_session_answered_in_lines_finishes() {
    let mut c = conversation("quick");
    c.start(now());
    let outs = feed(
        &mut c,
        &[
            "I sent last month's figures.",
            "To the whole client team.",
            "",
            "3",
            "I will send the right ones.",
            ".",
            "Not yet: I will tell them today",
            "When I send numbers, I will check them against the report first.",
            "",
        ],
    );
    assert_eq!(outs.last(), Some(&Out::Finish));
    assert_eq!(
        answer(&c, "own-it", "what"),
        "I sent last month's figures.\nTo the whole client team."
    );
    assert_eq!(answer(&c, "own-it", "size"), "3");
    assert_eq!(
        answer(&c, "make-it-right", "repair"),
        "I will send the right ones."
    );
    assert_eq!(
        answer(&c, "make-it-right", "told"),
        "Not yet: I will tell them today"
    );
    assert_eq!(c.session().status, Status::Complete);
    // The when-then plan is a commitment, found before the summary is shown.
    assert_eq!(c.session().commitments.len(), 1);
    let text = said(&outs);
    assert!(text.contains("Chosen: 3, on a scale of 1 to 5."), "{text}");
    assert!(
        text.contains("Chosen: Not yet: I will tell them today."),
        "{text}"
    );
}

#[test]
fn a_required_question_left_empty_is_asked_again() {
    let mut c = conversation("quick");
    c.start(now());
    let outs = feed(&mut c, &[""]);
    assert_eq!(
        said(&outs),
        "This question needs an answer before the session can be finished. Write one, or :skip to come back to it."
    );
    assert!(!outs.contains(&Out::Save));
    // Skipped, it is asked again at the end, and answering it finishes.
    let outs = feed(&mut c, &[":skip", "", ":skip", "", ""]);
    let text = said(&outs);
    assert!(
        text.contains(
            "Before the session can be finished, this question needs an answer.\n\nStep 1 of 3: Own it"
        ),
        "{text}"
    );
    // repair was required too: the first one missing is asked.
    assert!(text.ends_with("Question 1 of 5: What happened? (needed to finish)\nHint: One or two sentences, facts only, with your part in them: \"I sent the client last month's figures.\""), "{text}");
    let outs = feed(&mut c, &["I sent the wrong file.", ""]);
    assert!(
        said(&outs).contains("Question 3 of 5: What will you say"),
        "{}",
        said(&outs)
    );
    let outs = feed(&mut c, &["I will send the right one.", ""]);
    assert_eq!(outs.last(), Some(&Out::Finish));
}

#[test]
fn back_goes_to_the_previous_question_and_typed_lines_add_to_its_answer() {
    let mut c = conversation("quick");
    c.start(now());
    let outs = feed(&mut c, &[":back"]);
    assert_eq!(said(&outs), "This is the first question.");
    feed(&mut c, &["First line.", ""]);
    let outs = feed(&mut c, &[":back"]);
    let text = said(&outs);
    assert!(
        text.ends_with("Your answer so far:\n  First line.\nLines you type are added to it; an empty line keeps it as it is; :clear empties it."),
        "{text}"
    );
    feed(&mut c, &["Second line.", ""]);
    assert_eq!(answer(&c, "own-it", "what"), "First line.\nSecond line.");
    // An empty line keeps an answer as it is.
    feed(&mut c, &[":back", ""]);
    assert_eq!(answer(&c, "own-it", "what"), "First line.\nSecond line.");
    // :clear empties it, to be written again.
    let outs = feed(&mut c, &[":back", ":clear", "Again."]);
    assert!(said(&outs).contains("The answer is empty now; write it again."));
    assert_eq!(answer(&c, "own-it", "what"), "Again.");
}

#[test]
fn a_command_word_can_be_written_as_text() {
    let mut c = conversation("quick");
    c.start(now());
    feed(&mut c, &["::skip was what I typed", "::quit", ""]);
    assert_eq!(answer(&c, "own-it", "what"), "::skip was what I typed\n:quit");
}

#[test]
fn commands_in_the_middle_of_an_answer_keep_what_was_typed() {
    let mut c = conversation("quick");
    c.start(now());
    let outs = feed(&mut c, &["Half an answer", ":help", "and the rest", ":quit"]);
    assert!(said(&outs).contains(":later  stop for now"));
    assert_eq!(answer(&c, "own-it", "what"), "Half an answer\nand the rest");
    assert_eq!(outs.last(), Some(&Out::Leave(Leaving::Quit)));
    assert_eq!(c.session().status, Status::Draft);
}

#[test]
fn a_picked_answer_must_be_one_it_takes() {
    let mut c = conversation("quick");
    c.start(now());
    feed(&mut c, &["What happened.", ""]);
    let outs = feed(&mut c, &["7"]);
    assert_eq!(said(&outs), "Type a number from 1 to 5; an empty line leaves it.");
    let outs = feed(&mut c, &["", "Repair.", "", "yes, already"]);
    assert_eq!(answer(&c, "own-it", "size"), "");
    assert!(
        said(&outs).contains("  1. Yes, already\n  2. Not yet: I will tell them today\n"),
        "{}",
        said(&outs)
    );
    assert_eq!(answer(&c, "make-it-right", "told"), "Yes, already");
}

#[test]
fn own_it_with_its_check_ins_and_a_dated_commitment() {
    let mut c = conversation("own-it");
    let text = said(&c.start(now()));
    assert!(
        text.contains(
            "Question 1 of 21: How are you feeling about it right now? (private)\n\
             Hint: A quick private check-in first. Any answer is all right.\n  1. it weighs on me a lot\n  2. heavy\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(":later stops here for now and keeps the draft."),
        "{text}"
    );
    let outs = feed(&mut c, &["2"]);
    assert!(said(&outs).starts_with("Chosen: 2, heavy.\nThat is a hard place to write from."));
    // What happened (required), then on through the step with empty lines.
    feed(&mut c, &["I deployed on a Friday.", "", "", ""]);
    // Act (3), Apologize: who, responsibility, repair (both required), prevent; Learn (4).
    feed(
        &mut c,
        &[
            "",
            "",
            "",
            "",
            "The deploy.",
            "",
            "Fix the data.",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    let outs = feed(
        &mut c,
        &[
            "Add a migration check to CI — me — by Friday",
            "Tell Sam — me — by someday",
            "",
        ],
    );
    let text = said(&outs);
    assert!(
        text.contains("  Noted: \"Add a migration check to CI\", me, by Friday 27 November 2026.\n"),
        "{text}"
    );
    assert!(
        text.contains("  Noted: \"Tell Sam\", me, but \"someday\" is not a date I understand"),
        "{text}"
    );
    // share, then Improve: when-then, show, kind word, and the closing check-in.
    let outs = feed(&mut c, &["", "", "", "", "4"]);
    assert_eq!(outs.last(), Some(&Out::Finish));
    assert_eq!(answer(&c, "acknowledge", "feeling-start"), "2");
    assert_eq!(answer(&c, "improve", "feeling-end"), "4");
    let session = c.session();
    assert_eq!(session.commitments.len(), 2);
    assert!(
        session
            .commitments
            .iter()
            .all(|c| c.status == CommitmentStatus::Open)
    );
    let text = summary(
        session,
        std::path::Path::new("/data/sessions/20261122-234501.ron"),
    );
    assert!(
        text.contains("Finished, and saved to /data/sessions/20261122-234501.ron.\n"),
        "{text}"
    );
    assert!(
        text.contains("Not understood as a date, so no check-in will come: \"someday\" (Tell Sam).\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "How you felt about it (private): heavy (2) at the start, fairly steady (4) at the end.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Commitments:\n  1. Add a migration check to CI: me, by Friday 27 November 2026.\n  2. Tell Sam: me, by \"someday\" (not a date I understand).\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("To read it again: ownup show 20261122-234501"),
        "{text}"
    );
}

#[test]
fn later_keeps_the_draft_and_sets_when_to_come_back() {
    let mut c = conversation("own-it");
    c.start(now());
    let outs = feed(&mut c, &[":later"]);
    let text = said(&outs);
    // 23:45: no evening left today.
    assert!(
        text.starts_with("When should ownup offer this draft again?\n  1. Tomorrow morning\n"),
        "{text}"
    );
    let outs = feed(&mut c, &["9"]);
    assert_eq!(
        said(&outs),
        "Type a number from 1 to 4, or an empty line for no reminder."
    );
    let outs = feed(&mut c, &["1"]);
    assert_eq!(
        said(&outs),
        "Kept as a draft. ownup will offer it again tomorrow at 09:00. Take care of yourself meanwhile."
    );
    assert_eq!(outs.last(), Some(&Out::Leave(Leaving::Later)));
    assert_eq!(
        c.session().come_back,
        Some(DateTime::parse_from_rfc3339("2026-11-23T09:00:00+01:00").unwrap())
    );
    // Worth a file now, though nothing was written: the reminder is.
    assert!(c.unsaved(now()).session.is_some());
}

#[test]
fn later_can_go_back_to_the_question() {
    let mut c = conversation("own-it");
    c.start(now());
    let outs = feed(&mut c, &[":later", ":back"]);
    assert!(
        said(&outs).contains("Question 1 of 21: How are you feeling"),
        "{}",
        said(&outs)
    );
    feed(&mut c, &["3"]);
    assert_eq!(answer(&c, "acknowledge", "feeling-start"), "3");
}

#[test]
fn a_nudge_is_said_once_after_the_answer() {
    let mut c = conversation("quick");
    c.start(now());
    let outs = feed(&mut c, &["Mistakes were made.", ""]);
    let text = said(&outs);
    assert!(text.starts_with("A thought: "), "{text}");
    // Back to it and on again: the same nudge is not said twice.
    let outs = feed(&mut c, &[":back", "More.", ""]);
    assert!(!said(&outs).contains("A thought: "), "{}", said(&outs));
}

#[test]
fn an_answer_over_its_limit_refuses_the_line() {
    let script = Script::parse(
        r#"Script(name: "s", title: "S", steps: [Step(id: "a", title: "A", prompts: [
            Prompt(id: "p", ask: "Short?", max_chars: 10)])])"#,
        crate::script::Origin::BuiltIn("s".into()),
    )
    .unwrap();
    let session = Session::new("x".into(), &script, now());
    let mut c = Conversation::new(session, Some(script), None, false);
    c.start(now());
    let outs = feed(&mut c, &["12345", "67890"]);
    assert_eq!(
        said(&outs),
        "This answer is limited to 10 characters; that line was not added."
    );
    assert_eq!(c.session().answer(Position::default()), "12345");
}

#[test]
fn nothing_typed_is_not_worth_a_file_and_everything_typed_is_in_the_snapshot() {
    let mut c = conversation("quick");
    c.start(now());
    assert_eq!(c.unsaved(now()).session, None);
    feed(&mut c, &[":skip", ":skip"]);
    assert_eq!(c.unsaved(now()).session, None);
    feed(&mut c, &["half"]);
    let snapshot = c.unsaved(now()).session.expect("worth a file");
    let pos = snapshot.session.prompt_at("make-it-right", "repair").unwrap();
    assert_eq!(snapshot.session.answer(pos), "half");
    assert_eq!(snapshot.session.position, pos);
    assert_eq!(c.end_of_input(), [Out::Save, Out::Leave(Leaving::EndOfInput)]);
}

#[test]
fn a_draft_resumed_goes_on_where_it_was() {
    let script = Script::built_in("quick").unwrap();
    let mut session = Session::new("20261122-234501".into(), &script, now());
    let pos = session.prompt_at("make-it-right", "repair").unwrap();
    session.set_answer(pos, "Started.".into());
    session.position = pos;
    let mut c = Conversation::new(session, Some(script), None, true);
    let text = said(&c.start(now()));
    assert!(
        text.starts_with("Going on with \"A quick own-up\" (session 20261122-234501), at question 3 of 5.\n"),
        "{text}"
    );
    assert!(text.contains("Step 2 of 3: Make it right"), "{text}");
    assert!(text.contains("Your answer so far:\n  Started.\n"), "{text}");
    // Its file has it all until something changes; then it is saved whatever it holds.
    assert_eq!(c.unsaved(now()).session, None);
    feed(&mut c, &[":clear"]);
    assert!(c.unsaved(now()).session.is_some());
}

proptest! {
    #[test]
    fn any_line_anywhere_never_panics(lines in proptest::collection::vec(any::<String>(), 0..40)) {
        // Without nudges, which have properties of their own (and a lexicon per case is slow).
        let mut c = with_lexicon("own-it", None);
        c.start(now());
        for line in &lines {
            let outs = c.line(line, now());
            if outs.iter().any(|o| matches!(o, Out::Finish | Out::Leave(_))) {
                break;
            }
        }
        let _ = c.unsaved(now());
    }
}
