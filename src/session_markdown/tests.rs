use proptest::prelude::*;

use super::*;
use crate::script::Origin;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
}

fn quick() -> Script {
    Script::built_in("quick").unwrap()
}

fn own_it() -> Script {
    Script::default_script()
}

fn session_of(script: &Script) -> Session {
    Session::new("20261122-234501".into(), script, now())
}

#[track_caller]
fn at(session: &Session, step: &str, prompt: &str) -> Position {
    session
        .prompt_at(step, prompt)
        .expect("the prompt is in the script")
}

/// The answer read for `step`/`prompt`.
#[track_caller]
fn read<'a>(parsed: &'a Parsed, session: &Session, step: &str, prompt: &str) -> &'a str {
    let pos = at(session, step, prompt);
    parsed
        .answers
        .iter()
        .find(|(p, _)| *p == pos)
        .map(|(_, a)| a.as_str())
        .expect("every question has an answer read")
}

/// `document` with `answer` written under the heading line `heading` (after its comment).
#[track_caller]
fn write_under(document: &str, heading: &str, answer: &str) -> String {
    let at = document
        .find(&format!("{heading}\n"))
        .expect("the heading is there");
    let after = at + heading.len() + 1;
    let comment_end = if document[after..].starts_with("<!--") {
        after + document[after..].find("-->\n").unwrap() + 4
    } else {
        after
    };
    format!(
        "{}\n{answer}\n{}",
        &document[..comment_end],
        &document[comment_end..]
    )
}

const QUICK_DOCUMENT: &str = "\
# A quick own-up
<!--
Write your answers under the questions, then save and quit your editor.
Leave a question empty to skip it. When every question marked \"Needed to finish\" has an answer, the session is finished; otherwise it is kept as a draft.
Notes like this one are ownup's and are left out. Everything else you write is kept: a heading of your own, and the text under it, go with the answer above them.
For a number, write the number (or the words of a choice).
To save nothing, empty the file, or quit your editor with an error (:cq in vim); what you wrote is then kept in this file.
-->

## Own it
<!-- Small slips deserve a small, honest look. Say what happened and your part in it. -->

### What happened?
<!-- Needed to finish. One or two sentences, facts only, with your part in them: \"I sent the client last month's figures.\" -->

I sent the client last month's figures.
And told nobody.

### How big was the impact on the people affected?
<!--
A number from 1 to 5.
1: a small inconvenience, soon put right; 5: it cost someone a lot of time, money or trust.
-->

3

## Make it right
<!-- Name what you are responsible for and how you will repair it. -->

### What will you say, and what will you do to put it right?
<!-- Needed to finish. \"That was my mistake; I have sent the corrected numbers.\" No \"sorry if…\". -->


### Have you told the people affected?
<!--
The number or the words of one:
1. Yes, already
2. Not yet: I will tell them today
3. Not yet: I will tell them by the next working day
Sooner is kinder.
-->


## Prevent it
<!-- One small change is enough. Make it specific. -->

### When this situation comes up again, what will you do?
<!-- \"When I send numbers to a client, I will check them against the report first.\" -->

";

fn quick_answered() -> Session {
    let mut s = session_of(&quick());
    s.set_answer(
        at(&s, "own-it", "what"),
        "I sent the client last month's figures.\nAnd told nobody.".into(),
    );
    s.set_answer(at(&s, "own-it", "size"), "3".into());
    s
}

#[test]
fn the_document_has_the_questions_as_headings_and_the_guidance_in_comments() {
    let s = quick_answered();
    let form = Form::new(&s, Some(&quick()));
    assert_eq!(form.render(&s), QUICK_DOCUMENT);
}

#[test]
fn the_feelings_are_numbered_and_private_questions_marked() {
    let s = session_of(&own_it());
    let doc = Form::new(&s, Some(&own_it())).render(&s);
    assert!(
        doc.contains(
            "### How are you feeling about it right now?\n<!--\nPrivate: kept out of exports. A number from 1 to 5, or the words:\n\
             1. it weighs on me a lot\n2. heavy\n3. unsettled\n4. fairly steady\n5. steady\n\
             A quick private check-in first. Any answer is all right.\n-->\n"
        ),
        "{doc}"
    );
    assert!(
        doc.contains("### Which corrective actions will you take? Give each an owner and a by-when.\n<!-- Needed to finish. One per line: what — who — by when. One per line, e.g. \"Add a migration check to CI — me — by Friday\". -->\n"),
        "{doc}"
    );
}

#[test]
fn a_document_read_back_unchanged_gives_exactly_the_answers_it_was_made_of() {
    let s = quick_answered();
    let form = Form::new(&s, Some(&quick()));
    let parsed = form.parse(&form.render(&s), &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(parsed.moved, []);
    assert_eq!(parsed.missing, []);
    let mut again = s.clone();
    assert!(!parsed.apply_to(&mut again), "nothing changed");
    assert_eq!(again, s);
}

#[test]
fn answers_are_read_from_under_their_headings() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = form.render(&s);
    let doc = write_under(
        &doc,
        "### What will you say, and what will you do to put it right?",
        "  I said sorry.\n\n  And resent it.  ",
    );
    let doc = write_under(&doc, "### Have you told the people affected?", "2");
    let parsed = form.parse(&doc, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(
        read(&parsed, &s, "make-it-right", "repair"),
        "  I said sorry.\n\n  And resent it.  ",
        "inside lines and spaces kept; only blank lines around the answer go"
    );
    assert_eq!(
        read(&parsed, &s, "make-it-right", "told"),
        "Not yet: I will tell them today"
    );
    assert_eq!(read(&parsed, &s, "own-it", "what"), "");
}

#[test]
fn a_heading_of_your_own_and_its_text_go_with_the_answer_above() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = write_under(
        &form.render(&s),
        "### What happened?",
        "I sent the wrong figures.\n\n## My own notes\nI was tired.\n# Even a title\nStill mine.",
    );
    let parsed = form.parse(&doc, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(
        read(&parsed, &s, "own-it", "what"),
        "I sent the wrong figures.\n\n## My own notes\nI was tired.\n# Even a title\nStill mine."
    );
    let what = at(&s, "own-it", "what");
    assert_eq!(
        parsed.moved,
        [
            Moved {
                heading: "## My own notes".into(),
                into: Some(what)
            },
            Moved {
                heading: "# Even a title".into(),
                into: Some(what)
            },
        ]
    );
}

#[test]
fn text_under_a_step_heading_goes_with_the_question_before_it() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = form
        .render(&s)
        .replace("## Prevent it\n", "## Prevent it\nA thought before the plan.\n");
    let doc = write_under(&doc, "### Have you told the people affected?", "1");
    let parsed = form.parse(&doc, &s);
    // The question before is a choice: the thought cannot be its answer, and is not dropped.
    assert_eq!(
        parsed.problems,
        [Problem {
            at: Some(at(&s, "make-it-right", "told")),
            message: "\"Have you told the people affected?\" takes the number (1 to 3) or the words of one of its choices, and \"1 A thought before the plan.\" is not one (a heading or notes of your own go with the question above them: put them under a question answered in words)".into(),
        }]
    );
    let doc = form.render(&s).replace(
        "## Make it right\n",
        "## Make it right\nA thought before the repair.\n",
    );
    let parsed = form.parse(&doc, &s);
    assert_eq!(
        parsed.problems,
        [Problem {
            at: Some(at(&s, "own-it", "size")),
            message: "\"How big was the impact on the people affected?\" takes a number from 1 to 5, and \"A thought before the repair.\" is not one".into(),
        }]
    );
}

#[test]
fn text_above_every_question_goes_before_the_first_answer_in_words() {
    let s = session_of(&own_it());
    let form = Form::new(&s, Some(&own_it()));
    let doc = form.render(&s).replacen(
        "# Own a mistake\n",
        "Written first.\n# Own a mistake\nAnd under the title.\n",
        1,
    );
    let doc = write_under(&doc, "### What happened, in plain words?", "The answer.");
    let parsed = form.parse(&doc, &s);
    assert_eq!(parsed.problems, []);
    // The check-in comes first, but takes a number: the text goes to the first text question.
    assert_eq!(
        read(&parsed, &s, "acknowledge", "what"),
        "Written first.\nAnd under the title.\n\nThe answer."
    );
    assert_eq!(read(&parsed, &s, "acknowledge", "feeling-start"), "");
}

#[test]
fn text_above_every_question_with_no_question_in_words_is_a_problem() {
    let script = Script::parse(
        r#"Script(name: "n", title: "Numbers", steps: [Step(id: "s", title: "S", prompts: [
            Prompt(id: "a", ask: "How much?", kind: Scale(1, 3)),
        ])])"#,
        Origin::BuiltIn("n".into()),
    )
    .unwrap();
    let s = session_of(&script);
    let form = Form::new(&s, Some(&script));
    let parsed = form.parse(&format!("Hello there\n{}", form.render(&s)), &s);
    assert_eq!(
        parsed.problems,
        [Problem {
            at: None,
            message: "the text above the first question (\"Hello there\") has no question to go with, as none here is answered in words: move it under a question, or delete it".into()
        }]
    );
}

#[test]
fn picked_answers_take_the_number_the_words_or_both_as_listed() {
    let s = session_of(&own_it());
    let form = Form::new(&s, Some(&own_it()));
    let feeling = "### How are you feeling about it right now?";
    for (written, stored) in [
        ("2", "2"),
        ("heavy", "2"),
        ("Fairly Steady", "4"),
        ("2. heavy", "2"),
        ("2 heavy", "2"),
        (" 5) steady ", "5"),
    ] {
        let doc = write_under(&form.render(&s), feeling, written);
        let parsed = form.parse(&doc, &s);
        assert_eq!(parsed.problems, [], "{written}");
        assert_eq!(
            read(&parsed, &s, "acknowledge", "feeling-start"),
            stored,
            "{written}"
        );
    }
    for wrong in ["2 steady", "seven", "6", "0"] {
        let doc = write_under(&form.render(&s), feeling, wrong);
        let parsed = form.parse(&doc, &s);
        assert_eq!(
            parsed.problems,
            [Problem {
                at: Some(at(&s, "acknowledge", "feeling-start")),
                message: format!(
                    "\"How are you feeling about it right now?\" takes a number from 1 to 5, or its words, and \"{wrong}\" is not one"
                ),
            }],
        );
        // What was written stays in the answer read, for the person to put right.
        assert_eq!(read(&parsed, &s, "acknowledge", "feeling-start"), wrong);
    }
}

#[test]
fn a_scale_answer_in_words_is_a_problem_that_keeps_the_words() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = write_under(
        &form.render(&s),
        "### How big was the impact on the people affected?",
        "seven",
    );
    let parsed = form.parse(&doc, &s);
    assert_eq!(
        parsed.problems,
        [Problem {
            at: Some(at(&s, "own-it", "size")),
            message: "\"How big was the impact on the people affected?\" takes a number from 1 to 5, and \"seven\" is not one".into(),
        }]
    );
}

#[test]
fn the_two_check_ins_in_the_same_words_are_told_apart_by_order() {
    let s = session_of(&own_it());
    let form = Form::new(&s, Some(&own_it()));
    let doc = form.render(&s);
    let first = doc.find("### How are you feeling").unwrap();
    let second = doc.rfind("### How are you feeling").unwrap();
    assert_ne!(first, second);
    let heading = "### How are you feeling about it right now?\n";
    let doc = format!(
        "{}{heading}\n2\n{}{heading}\n4\n{}",
        &doc[..first],
        &doc[first + heading.len()..second],
        &doc[second + heading.len()..]
    );
    let parsed = form.parse(&doc, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(read(&parsed, &s, "acknowledge", "feeling-start"), "2");
    assert_eq!(read(&parsed, &s, "improve", "feeling-end"), "4");
}

#[test]
fn a_heading_again_is_text_and_a_heading_gone_keeps_its_answer() {
    let mut s = session_of(&quick());
    s.set_answer(at(&s, "prevent-it", "when-then"), "When X, I will Y.".into());
    let form = Form::new(&s, Some(&quick()));
    let doc = form.render(&s);
    // "What happened?" twice; "When this situation…" gone, with its answer.
    let doc = write_under(&doc, "### What happened?", "First.\n### What happened?\nMore.");
    let cut = doc.find("### When this situation").unwrap();
    let doc = &doc[..cut];
    let parsed = form.parse(doc, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(
        read(&parsed, &s, "own-it", "what"),
        "First.\n### What happened?\nMore."
    );
    assert_eq!(read(&parsed, &s, "prevent-it", "when-then"), "When X, I will Y.");
    assert_eq!(parsed.missing, [at(&s, "prevent-it", "when-then")]);
}

#[test]
fn comments_are_left_out_only_when_every_line_is_ownups() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = form.render(&s);
    // A comment of the person's own is text.
    let mine = write_under(&doc, "### What happened?", "<!-- my note -->\nText.");
    assert_eq!(
        read(&form.parse(&mine, &s), &s, "own-it", "what"),
        "<!-- my note -->\nText."
    );
    // Words written into ownup's comment are kept, with the comment around them.
    let into = doc.replace(
        "<!--\nA number from 1 to 5.\n",
        "<!--\nA number from 1 to 5.\nI think 4, but unsure.\n",
    );
    let parsed = form.parse(&into, &s);
    assert_eq!(parsed.problems.len(), 1, "{parsed:?}");
    assert!(
        read(&parsed, &s, "own-it", "size").contains("I think 4, but unsure."),
        "{parsed:?}"
    );
    // Words after ownup's comment on its closing line are kept.
    let after = doc.replace(
        "<!-- \"When I send numbers to a client, I will check them against the report first.\" -->",
        "<!-- \"When I send numbers to a client, I will check them against the report first.\" --> When I send, I check.",
    );
    assert_eq!(
        read(&form.parse(&after, &s), &s, "prevent-it", "when-then"),
        "When I send, I check."
    );
    // A comment of ownup's with lines taken out is still ownup's.
    let fewer = doc.replace(
        "1: a small inconvenience, soon put right; 5: it cost someone a lot of time, money or trust.\n",
        "",
    );
    let parsed = form.parse(&fewer, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(read(&parsed, &s, "own-it", "size"), "");
    // An opening never closed is text, and swallows nothing after it.
    let open = write_under(&doc, "### What happened?", "<!-- unfinished\nMine.");
    let parsed = form.parse(&open, &s);
    assert_eq!(read(&parsed, &s, "own-it", "what"), "<!-- unfinished\nMine.");
    assert_eq!(parsed.problems, []);
}

#[test]
fn answer_lines_that_would_read_as_ownups_are_escaped_and_come_back_as_they_were() {
    let mut s = session_of(&quick());
    let tricky = "### What happened?\n  ##   Own it  \n<!-- Sooner is kinder. -->\n\\### What happened?\n\\\\\\<!--\n\\plain backslash\n# Not one of ours\n```\n-->";
    s.set_answer(at(&s, "own-it", "what"), tricky.into());
    let form = Form::new(&s, Some(&quick()));
    let doc = form.render(&s);
    assert!(
        doc.contains(
            "\n\\### What happened?\n\\  ##   Own it  \n\\<!-- Sooner is kinder. -->\n\\\\### What happened?\n\\\\\\\\<!--\n\\plain backslash\n# Not one of ours\n```\n-->\n"
        ),
        "{doc}"
    );
    let parsed = form.parse(&doc, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(read(&parsed, &s, "own-it", "what"), tricky);
    assert_eq!(parsed.moved, [], "a heading already in the answer is not news");
}

#[test]
fn an_escape_typed_in_the_editor_is_taken_as_one() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = write_under(
        &form.render(&s),
        "### When this situation comes up again, what will you do?",
        "\\### What happened?\n\\n is a newline",
    );
    assert_eq!(
        read(&form.parse(&doc, &s), &s, "prevent-it", "when-then"),
        "### What happened?\n\\n is a newline"
    );
}

#[test]
fn dos_line_endings_are_read_as_lf_and_other_carriage_returns_kept() {
    let s = session_of(&quick());
    let form = Form::new(&s, Some(&quick()));
    let doc = write_under(&form.render(&s), "### What happened?", "One.\nTwo.");
    let dos = doc.replace('\n', "\r\n");
    let parsed = form.parse(&dos, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(read(&parsed, &s, "own-it", "what"), "One.\nTwo.");
    let mixed = write_under(&form.render(&s), "### What happened?", "One.\r\nTwo.\r");
    assert_eq!(
        read(&form.parse(&mixed, &s), &s, "own-it", "what"),
        "One.\r\nTwo.\r"
    );
}

#[test]
fn an_answer_longer_than_its_question_takes_is_a_problem() {
    let script = Script::parse(
        r#"Script(name: "l", title: "Short", steps: [Step(id: "s", title: "S", prompts: [
            Prompt(id: "a", ask: "In brief?", max_chars: 5),
        ])])"#,
        Origin::BuiltIn("l".into()),
    )
    .unwrap();
    let s = session_of(&script);
    let form = Form::new(&s, Some(&script));
    let doc = form.render(&s);
    assert!(
        doc.contains("### In brief?\n<!-- At most 5 characters. -->\n"),
        "{doc}"
    );
    let parsed = form.parse(&write_under(&doc, "### In brief?", "123456"), &s);
    assert_eq!(
        parsed.problems,
        [Problem {
            at: Some(Position::default()),
            message: "the answer to \"In brief?\" has 6 characters, and it takes at most 5: shorten it"
                .into()
        }]
    );
    let parsed = form.parse(&write_under(&doc, "### In brief?", "12345"), &s);
    assert_eq!(parsed.problems, []);
    // An answer already too long (a script changed since) is not a problem while unchanged.
    let mut long = s.clone();
    long.set_answer(Position::default(), "1234567".into());
    let parsed = form.parse(&form.render(&long), &long);
    assert_eq!(parsed.problems, []);
}

#[test]
fn an_unchanged_answer_keeps_its_blank_lines_and_a_changed_one_loses_them() {
    let mut s = session_of(&quick());
    s.set_answer(at(&s, "own-it", "what"), "\n  \nSent it.\n\n".into());
    let form = Form::new(&s, Some(&quick()));
    let doc = form.render(&s);
    let parsed = form.parse(&doc, &s);
    assert_eq!(read(&parsed, &s, "own-it", "what"), "\n  \nSent it.\n\n");
    let parsed = form.parse(&doc.replace("Sent it.", "Sent it twice."), &s);
    assert_eq!(read(&parsed, &s, "own-it", "what"), "Sent it twice.");
}

#[test]
fn reopened_with_problems_the_text_is_the_persons_below_a_list_read_as_ownups() {
    let s = session_of(&quick());
    let mut form = Form::new(&s, Some(&quick()));
    let doc = write_under(
        &form.render(&s),
        "### How big was the impact on the people affected?",
        "seven",
    );
    let doc = write_under(&doc, "### What happened?", "Mine.");
    let problems = form.parse(&doc, &s).problems;
    let again = form.reopen(&doc, &problems);
    assert_eq!(
        again,
        format!(
            "<!--\nownup could not save this yet:\n- \"How big was the impact on the people affected?\" takes a number from 1 to 5, and \"seven\" is not one\n\
             Put it right below, then save and quit; nothing else you wrote is changed.\n\
             To stop instead, quit your editor with an error (:cq in vim): nothing is saved, and this file is kept.\n-->\n{doc}"
        )
    );
    // Read again: the same answers, the same problem; the list itself is not text.
    let parsed = form.parse(&again, &s);
    assert_eq!(parsed.problems, problems);
    assert_eq!(read(&parsed, &s, "own-it", "what"), "Mine.");
    // Put right and reopened again: the old list is replaced, not stacked.
    let fixed = again.replace("\nseven\n", "\n4\n");
    let parsed = form.parse(&fixed, &s);
    assert_eq!(parsed.problems, []);
    assert_eq!(read(&parsed, &s, "own-it", "size"), "4");
    let twice = form.reopen(&again, &problems);
    assert_eq!(twice.matches(PROBLEMS_HEADER).count(), 1, "{twice}");
    assert!(twice.ends_with(&doc), "{twice}");
}

#[test]
fn blank_lines_are_trimmed_only_at_the_edges() {
    assert_eq!(trim_blank_lines(""), "");
    assert_eq!(trim_blank_lines(" \n\t\n"), "");
    assert_eq!(trim_blank_lines("\n  a \n\n b\n \n"), "  a \n\n b");
    assert_eq!(trim_blank_lines("a\r\n\r\n"), "a\r");
}

/// Lines that make a document hard to read back: ownup's own headings and comment lines, the
/// marks of comments, escapes, fences, white space and line breaks of every kind, and text.
fn tricky_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("### What happened?".to_string()),
        Just("  ###  How are you feeling about it right now?".to_string()),
        Just("## Own it".to_string()),
        Just("## Acknowledge".to_string()),
        Just("# Own a mistake".to_string()),
        Just("# A quick own-up".to_string()),
        Just("Sooner is kinder.".to_string()),
        Just("A number from 1 to 5.".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<!-- Sooner is kinder. -->".to_string()),
        Just("```".to_string()),
        Just("\\".to_string()),
        Just("\\\\### What happened?".to_string()),
        Just("#".to_string()),
        Just("".to_string()),
        Just("   ".to_string()),
        Just("\r".to_string()),
        Just("\u{2028}".to_string()),
        Just("\t# tabbed".to_string()),
        "[#<!\\-> a-z]{0,12}",
        any::<String>(),
    ]
}

fn tricky_answer() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_line(), 0..6).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn any_answers_come_back_exactly(
        answers in prop::collection::vec(tricky_answer(), 25),
        crlf in any::<bool>(),
        script in prop_oneof![Just(quick()), Just(own_it())],
    ) {
        let mut s = session_of(&script);
        let positions: Vec<Position> = s.positions().collect();
        for (pos, answer) in positions.iter().zip(&answers) {
            let answer = if crlf { answer.replace('\n', "\r\n") } else { answer.clone() };
            s.set_answer(*pos, answer);
        }
        let form = Form::new(&s, Some(&script));
        let parsed = form.parse(&form.render(&s), &s);
        prop_assert_eq!(&parsed.problems, &vec![]);
        prop_assert_eq!(&parsed.missing, &vec![]);
        prop_assert_eq!(&parsed.moved, &vec![]);
        for (pos, answer) in &parsed.answers {
            prop_assert_eq!(answer.as_str(), s.answer(*pos));
        }
    }

    #[test]
    fn written_answers_come_back_trimmed_of_blank_lines(
        answers in prop::collection::vec(tricky_answer(), 5),
    ) {
        // Written fresh into an empty document: what comes back is the text, bar blank
        // lines around it (picked questions left out: they take numbers).
        let blank = session_of(&quick());
        let mut s = blank.clone();
        let form = Form::new(&s, Some(&quick()));
        for (pos, answer) in s.positions().collect::<Vec<_>>().into_iter().zip(&answers) {
            if s.prompt(pos).unwrap().kind.is_typed() {
                s.set_answer(pos, answer.clone());
            }
        }
        let parsed = form.parse(&form.render(&s), &blank);
        prop_assert_eq!(&parsed.problems, &vec![]);
        for (pos, answer) in &parsed.answers {
            prop_assert_eq!(answer.as_str(), trim_blank_lines(s.answer(*pos)));
        }
    }

    #[test]
    fn no_line_of_the_persons_is_ever_dropped(
        lines in prop::collection::vec(
            prop_oneof![
                tricky_line().prop_map(|l| (l, false)),
                // The person's own lines, each with a mark to find it by.
                tricky_line().prop_map(|l| (l, true)),
            ],
            0..40,
        ),
        script in prop_oneof![Just(quick()), Just(own_it())],
    ) {
        let s = session_of(&script);
        let form = Form::new(&s, Some(&script));
        let mut marked = Vec::new();
        let doc: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, (line, mine))| {
                if *mine {
                    let mark = format!("⟦{i}⟧");
                    marked.push(mark.clone());
                    format!("{line}{mark}")
                } else {
                    line.clone()
                }
            })
            .collect();
        let doc = doc.join("\n");
        let parsed = form.parse(&doc, &s);
        if parsed.problems.is_empty() {
            let all: String = parsed.answers.iter().map(|(_, a)| a.as_str()).collect::<Vec<_>>().join("\n");
            for mark in marked {
                prop_assert!(all.contains(&mark), "{} lost from {:?}", mark, doc);
            }
        }
    }

    #[test]
    fn reading_any_text_never_panics(text in any::<String>(), extra in tricky_answer()) {
        let s = session_of(&own_it());
        let mut form = Form::new(&s, Some(&own_it()));
        let parsed = form.parse(&format!("{text}\n{extra}"), &s);
        let again = form.reopen(&text, &parsed.problems);
        let _ = form.parse(&again, &s);
    }
}
