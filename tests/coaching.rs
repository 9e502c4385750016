//! Coaching that follows through, on the real binary: commitments due, check-ins, the
//! commitments command, nudges, the apology builder and stats.

mod common;

use common::*;

/// Answers the required prompts of own-it up to its commitments, where it leaves the cursor.
#[track_caller]
fn answer_up_to_the_commitments(tui: &mut Tui) {
    tui.past_the_check_in();
    tui.type_text("I deployed on a Friday without the migration check.");
    tui.send(&TAB.repeat(7));
    tui.wait_for("What exactly do you take responsibility for?");
    tui.type_text("Skipping the check.");
    tui.send(TAB);
    tui.wait_for("How will you make it right?");
    tui.type_text("Fix the orders tonight.");
    tui.send(&TAB.repeat(6));
    tui.wait_for("Which corrective actions will you take?");
}

/// Answers the required prompts of own-it, with two commitments due `by`, and finishes.
#[track_caller]
fn finish_a_session_with_two_commitments(sandbox: &Sandbox, by: &str) {
    let mut tui = sandbox.spawn(&["new"]);
    answer_up_to_the_commitments(&mut tui);
    tui.type_text(&format!("Add a CI check — me — {by}"));
    tui.send(ENTER);
    tui.type_text(&format!("Tell the team — me — {by}"));
    tui.wait_for("→ Tell the team · me · by ");
    tui.finish();
    let summary = tui.wait_for("Saved to");
    assert!(summary.contains("Finished"), "{summary}");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn commitments_due_are_announced_and_checked_in_one_by_one() {
    let mut sandbox = Sandbox::new();
    finish_a_session_with_two_commitments(&sandbox, "tomorrow");

    let out = sandbox.run(&["commitments"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ID        DUE         STATUS    OWNER     ACTION\n\
         7x9tmhv9  2026-11-23  open      me        Add a CI check  (20261122-234501)\n\
         7x9h3pdf  2026-11-23  open      me        Tell the team  (20261122-234501)\n"
    );

    // Two days later.
    sandbox.now = "2026-11-24T09:00:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("2 commitments due — press c to check in");
    assert!(home.contains("Sessions (1)"), "{home}");
    tui.send("c");
    let screen = tui.wait_for("Add a CI check");
    assert!(screen.contains("due yesterday"), "{screen}");
    assert!(screen.contains("1 of 2"), "{screen}");
    tui.send("d");
    tui.wait_for("Done. What happened?");
    tui.type_text("Merged the check.");
    tui.send(ENTER);
    tui.wait_for("Tell the team");
    tui.wait_for("2 of 2");
    tui.send("n");
    tui.wait_for("By when, now?");
    tui.type_text("someday");
    tui.send(ENTER);
    tui.wait_for("is not a date");
    tui.send(&BACKSPACE.repeat("someday".len()));
    tui.type_text("friday");
    tui.send(ENTER);
    tui.wait_for("Moved to Fri 27 Nov");
    tui.type_text("waiting on the team meeting");
    tui.send(ENTER);
    let home = tui.wait_for("Checked in on 2 commitments.");
    assert!(
        !home.contains("commitments due"),
        "nothing is due any more:\n{home}"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());

    let out = sandbox.run(&["commitments", "--json", "--all"]);
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["action"], "Tell the team");
    assert_eq!(rows[0]["status"], "open");
    assert_eq!(rows[0]["due"], "2026-11-27");
    assert_eq!(rows[0]["overdue"], false);
    assert_eq!(rows[0]["history"][0]["outcome"], "not yet");
    assert_eq!(rows[0]["history"][0]["new_due"], "2026-11-27");
    assert_eq!(rows[0]["history"][0]["note"], "waiting on the team meeting");
    assert_eq!(rows[0]["history"][0]["at"], "2026-11-24T09:00:00+01:00");
    assert_eq!(rows[1]["action"], "Add a CI check");
    assert_eq!(rows[1]["status"], "done");
    assert_eq!(rows[1]["history"][0]["note"], "Merged the check.");
    assert_eq!(rows[1]["session"], "20261122-234501");

    let due = sandbox.run(&["commitments", "--due"]);
    assert_eq!(
        String::from_utf8_lossy(&due.stderr),
        "Nothing is due. Well kept.\n"
    );

    // The history shows on the session's page and in its export.
    let md = sandbox.run(&["show", "20261122"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains(
            "- [x] Add a CI check — me — by 2026-11-23 (done)\n  - 2026-11-24 done: Merged the check.\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("  - 2026-11-24 not yet → 2026-11-27: waiting on the team meeting\n"),
        "{md}"
    );
}

const F2: &str = "\x1bOQ";

#[test]
fn blaming_in_acknowledge_gets_one_quiet_nudge_that_can_be_dismissed() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("It wasn't my fault, they didn't tell me");
    let screen = tui.wait_for("A thought:");
    assert!(screen.contains("points away from your part"), "{screen}");
    assert_eq!(screen.matches("A thought:").count(), 1, "one nudge per answer");
    tui.send(F2);
    tui.wait_until("the nudge dismissed", |s| !s.contains("A thought:"));
    tui.type_text(" about the freeze.");
    tui.wait_for("about the freeze.");
    assert!(
        !tui.screen().contains("A thought:"),
        "dismissed stays dismissed for this answer"
    );

    // A neutral answer gets none.
    tui.send(TAB);
    tui.wait_for("Who was affected, and how?");
    tui.type_text("Customers could not pay for twenty minutes.");
    // A nudge is looked for in the same update that takes the key, so the settled frame that
    // shows the last words typed is the one that would show a nudge for them.
    let screen = tui.wait_for("Customers could not pay for twenty minutes.");
    assert!(!screen.contains("A thought:"), "{screen}");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn nudges_can_be_turned_off() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.home().join("config.ron"), "Config(nudges: false)").unwrap();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("It wasn't my fault, they didn't tell me");
    // The words that get a nudge when nudges are on (see the test above), all on screen: the
    // frame that shows them is the one a nudge would have been drawn in.
    let screen = tui.wait_for("It wasn't my fault, they didn't tell me");
    assert!(!screen.contains("A thought:"), "{screen}");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn the_apology_builder_refuses_a_conditional_apology_and_says_why() {
    const CTRL_S: &str = "\x13";
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 100, 30);
    tui.open_apology_builder();
    tui.type_text("Sam");
    tui.send(TAB);
    tui.type_text("I'm sorry if anyone was upset by the report");
    tui.send(TAB);
    tui.send(TAB);
    tui.type_text("Resend the report today");
    tui.wait_for("Resend the report today");
    tui.send(CTRL_S);
    let screen = tui.wait_for("Not kept yet.");
    assert!(screen.contains("conditional"), "{screen}");
    // Still open, every word there: mended, it is kept.
    assert!(screen.contains("upset by the report"), "{screen}");
    tui.send("\x1b[Z\x1b[Z"); // back to "What did you do?"
    tui.send(&"\x7f".repeat(" if anyone was upset by the report".len()));
    tui.type_text(" I sent the report with last month's numbers");
    tui.wait_for("with last month's numbers");
    tui.send(CTRL_S);
    tui.wait_for("The apology is kept with this session.");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn the_commitment_preview_shows_the_day_understood_and_marks_a_by_when_that_was_not() {
    let sandbox = Sandbox::new(); // Sunday 22 November 2026
    let mut tui = sandbox.spawn_sized(&["new"], 100, 30);
    tui.past_the_check_in();
    tui.send(&TAB.repeat(14));
    tui.wait_for("Step 5 of 6");
    tui.type_text("Add a migration check to CI by friday");
    tui.send("\n");
    tui.type_text("Call the vendor — Sam — someday");
    tui.send("\n");
    tui.type_text("Write the runbook (Priya, by Dec 9)");
    let screen = tui.wait_for("by Wed 9 Dec");
    assert!(
        screen.contains("→ Add a migration check to CI · me · by Fri 27 Nov"),
        "{screen}"
    );
    assert!(
        screen.contains("→ Write the runbook · Priya · by Wed 9 Dec"),
        "{screen}"
    );
    assert!(
        screen.contains("→ Call the vendor · Sam · \"someday\" is not a date I understand"),
        "{screen}"
    );
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn a_when_then_plan_comes_up_for_a_check_in_a_week_later() {
    let mut sandbox = Sandbox::new(); // Sunday 22 November 2026
    let mut tui = sandbox.spawn_sized(&["new"], 100, 30);
    tui.past_the_check_in();
    tui.type_text("I deployed on a Friday without the migration check.");
    tui.send(&TAB.repeat(16));
    tui.wait_for("Step 6 of 6");
    tui.type_text("When I feel rushed before a deploy, I will run the checklist.");
    tui.wait_for("run the checklist.");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());

    // Six days later: not yet.
    sandbox.now = "2026-11-28T09:00:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("Sessions (1)");
    assert!(!home.contains("due — press c"), "{home}");
    tui.send("q");
    tui.wait_exit();

    // A week later: "Did the plan fire?"
    sandbox.now = "2026-11-29T09:00:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("1 commitment due — press c to check in");
    tui.send("c");
    let screen = tui.wait_for("Did the plan fire? What happened?");
    assert!(screen.contains("run the checklist"), "{screen}");
    tui.send(CTRL_C);
    tui.wait_exit();
}

#[test]
fn a_by_when_that_was_not_understood_is_listed_when_the_session_is_finished() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 120, 40);
    answer_up_to_the_commitments(&mut tui);
    tui.type_text("Add a CI check — me — someday");
    tui.wait_for("\"someday\" is not a date I understand");
    tui.finish();
    let summary = tui.wait_for("Saved to");
    assert!(
        summary.contains("Not understood as a date, so no check-in will come: \"someday\" (Add a CI check)."),
        "{summary}"
    );
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn feeling_low_at_the_start_can_stop_for_now_and_the_draft_is_offered_again_when_asked() {
    let mut sandbox = Sandbox::new(); // Sunday 22 November 2026, 23:45
    let mut tui = sandbox.spawn_sized(&["new"], 100, 30);
    tui.wait_for("How are you feeling about it right now?");
    tui.send("1");
    tui.wait_for("That is a hard place to write from.");
    tui.send("n");
    let dialog = tui.wait_for("When would you like ownup to offer it again?");
    assert!(dialog.contains("Tomorrow morning"), "{dialog}");
    assert!(
        !dialog.contains("This evening"),
        "no evening left at 23:45: {dialog}"
    );
    tui.send("\r");
    tui.wait_for("Kept as a draft. ownup will offer it again tomorrow at 09:00.");
    // The list is read again in the background: on a busy machine the notice comes first.
    tui.wait_for("Sessions (1)");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let file = std::fs::read_to_string(&sandbox.session_files()[0]).unwrap();
    assert!(
        file.contains("come_back: Some(\"2026-11-23T09:00:00+01:00\")"),
        "{file}"
    );

    // The next morning before nine: not yet, not even as a recent draft.
    sandbox.now = "2026-11-23T08:30:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    let home = tui.wait_for("Sessions (1)");
    assert!(!home.contains("Welcome back"), "{home}");
    tui.send("q");
    tui.wait_exit();

    // Two days later: offered, then resumed at the check-in where it was left.
    sandbox.now = "2026-11-25T10:00:00+01:00".into();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("You wanted to come back to this draft about now:");
    tui.send("\r");
    let screen = tui.wait_for("How are you feeling about it right now?");
    assert!(screen.contains("● 1 it weighs on me a lot"), "{screen}");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    let file = std::fs::read_to_string(&sandbox.session_files()[0]).unwrap();
    assert!(!file.contains("come_back"), "the reminder is done: {file}");
}

#[test]
fn closing_the_apology_builder_with_changes_asks_first() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 100, 30);
    tui.open_apology_builder();
    tui.type_text("Sam");
    tui.wait_for("Hi Sam,");
    tui.send(ESC);
    let dialog = tui.wait_for("You changed the apology since it was last kept.");
    assert!(dialog.contains("keep it as a draft"), "{dialog}");
    assert!(dialog.contains("throw the changes away"), "{dialog}");
    // Esc: back to the builder, every word there.
    tui.send(ESC);
    tui.wait_until("the dialog closed", |s| !s.contains("You changed the apology"));
    tui.type_text(" and Kim");
    tui.wait_for("Sam and Kim");
    // d: thrown away, the builder closed.
    tui.send(ESC);
    tui.wait_for("You changed the apology since it was last kept.");
    tui.send("d");
    tui.wait_for("The changes in the builder were thrown away.");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    for file in sandbox.session_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("Kim"), "{text}");
    }
}
