//! The guided session, end to end, in a real pseudo-terminal running the built binary.

mod common;

use common::*;
use ownup::script::{Kind, Script};
use ownup::session::Status;
use ownup::store::load_file;

/// The answer typed for each prompt in the full walk-through: its step and prompt, numbered
/// from 1 as the stepper shows them.
fn answer_for(step: usize, prompt: usize) -> String {
    format!("answer {}.{} — owned, no excuses", step + 1, prompt + 1)
}

#[test]
fn a_whole_session_from_the_home_screen_to_the_saved_file() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(" Sessions");
    tui.wait_for("None yet");
    tui.send("n");
    tui.wait_for("Which script?");
    tui.send(ENTER);
    tui.wait_for("Step 1 of 6");

    // Every prompt of the script, in the order the app walks them, with what is typed there
    // (a number at the check-ins, "heavy" at the start and "fairly steady" at the end).
    let script = Script::default_script();
    let mut walk: Vec<(&str, &str, String)> = Vec::new();
    for (s, step) in script.steps.iter().enumerate() {
        for (p, prompt) in step.prompts.iter().enumerate() {
            let screen = tui.wait_for(&prompt.ask[..20]);
            assert!(screen.contains(&format!("Step {} of 6", s + 1)), "{screen}");
            assert!(
                screen.contains(&step.title),
                "the stepper shows {}:\n{screen}",
                step.title
            );
            if prompt.kind == Kind::Feeling {
                let value = if walk.is_empty() { "2" } else { "4" };
                tui.send(value);
                tui.wait_for(&format!("● {value} "));
                walk.push((step.id.as_str(), prompt.id.as_str(), value.to_string()));
                if walk.len() < script.prompt_count() {
                    tui.send(TAB);
                }
                continue;
            }
            let mut answer = answer_for(s, p);
            tui.type_text(&answer);
            if walk.len() == 1 {
                // Enter inserts a newline.
                tui.send(ENTER);
                tui.type_text("second line");
                answer.push_str("\nsecond line");
            }
            tui.wait_for(&answer_for(s, p));
            walk.push((step.id.as_str(), prompt.id.as_str(), answer));
            if walk.len() < script.prompt_count() {
                tui.send(TAB);
            }
        }
    }

    // Shift-Tab goes back, and the answer is still there.
    tui.send(SHIFT_TAB);
    tui.wait_for(&walk[walk.len() - 2].2);
    tui.send(TAB);
    tui.wait_for("● 4 fairly steady");

    // Every question answered: Ctrl-S finishes at once.
    tui.send(CTRL_S);
    let summary = tui.wait_for("Saved to");
    assert!(summary.contains("Finished"), "{summary}");
    assert!(summary.contains("1. Acknowledge"), "{summary}");
    assert!(summary.contains("answer 1.2 — owned, no excuses"), "{summary}");
    assert!(
        summary.contains("How you felt about it (private): heavy (2) at the start, fairly steady (4) at"),
        "{summary}"
    );
    assert!(summary.contains("second line"), "{summary}");

    let files = sandbox.session_files();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("sessions/20261122-234501.ron"), "{files:?}");
    assert!(
        summary.contains("20261122-234501.ron"),
        "the summary says where: {summary}"
    );
    let session = load_file(&files[0]).unwrap();
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.finished.unwrap().to_rfc3339(), NOW);
    assert_eq!(session.script.name, "own-it");
    for (step, prompt, answer) in &walk {
        assert_eq!(
            session.answer_to(step, prompt),
            answer,
            "the answer to {step}/{prompt}"
        );
    }

    // Back home, the session is listed; q quits and the terminal is restored.
    tui.send(ESC);
    tui.wait_for(" Sessions");
    let home = tui.wait_for("complete");
    assert!(home.contains("answer 1.2 — owned, no excuses"), "{home}");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}

#[test]
fn a_custom_script_from_a_path_runs_and_enforces_required_prompts() {
    let sandbox = Sandbox::new();
    let path = demo_script();
    let mut tui = sandbox.spawn(&["new", "--script", path.to_str().unwrap()]);
    let screen = tui.wait_for("A tiny custom script");
    assert!(screen.contains("Step 1 of 2"), "{screen}");
    assert!(screen.contains("Notice"), "{screen}");
    assert!(screen.contains("Say what happened."), "{screen}");
    assert!(
        screen.contains("What happened, in one sentence? (required)"),
        "{screen}"
    );
    assert!(screen.contains("Facts only."), "{screen}");

    // Finishing with the required prompt empty says so and stays there.
    tui.send(TAB);
    tui.wait_for("What will you do next?");
    tui.type_text("Call the client first thing.");
    tui.send(CTRL_S);
    let screen = tui.wait_for("This one is needed to finish.");
    assert!(screen.contains("What happened, in one sentence?"), "{screen}");
    tui.type_text("I sent the invoice to the wrong client.");
    tui.send(CTRL_S);
    let screen = tui.wait_for("Saved to");
    assert!(screen.contains("A tiny custom script"), "{screen}");

    let files = sandbox.session_files();
    let session = load_file(&files[0]).unwrap();
    assert_eq!(session.script.name, "bars-demo");
    assert_eq!(session.status, Status::Complete);
    assert_eq!(
        session.answer_to("notice", "what"),
        "I sent the invoice to the wrong client."
    );
    assert_eq!(session.answer_to("next", "do"), "Call the client first thing.");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn esc_keeps_a_draft_and_ctrl_c_saves_before_quitting() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("A draft I will finish later");
    tui.send(ESC);
    tui.wait_for(" Sessions");
    let screen = tui.wait_for("A draft I will finish later");
    assert!(screen.contains("draft"), "{screen}");

    tui.send("n");
    tui.wait_for("Which script?");
    tui.send(ENTER);
    tui.past_the_check_in();
    tui.type_text("Words typed just before Ctrl-C");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();

    assert_eq!(sandbox.session_files().len(), 2);
    let first = load_file(&sandbox.sessions_dir().join("20261122-234501.ron")).unwrap();
    let second = load_file(&sandbox.sessions_dir().join("20261122-234501-2.ron")).unwrap();
    assert_eq!(first.status, Status::Draft);
    assert_eq!(
        first.answer_to("acknowledge", "what"),
        "A draft I will finish later"
    );
    assert_eq!(second.id, "20261122-234501-2", "same second, so a suffix");
    assert_eq!(
        second.answer_to("acknowledge", "what"),
        "Words typed just before Ctrl-C"
    );
}

#[test]
fn help_opens_from_any_screen_and_question_marks_are_text_in_the_editor() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for(" Sessions");
    tui.send("?");
    tui.wait_for("start a new session");
    tui.send(ESC);
    tui.wait_until("help closed", |s| !s.contains("Keys"));
    tui.send("n");
    tui.wait_for("Which script?");
    tui.send(ENTER);
    tui.past_the_check_in();
    tui.type_text("Why? Because?");
    tui.wait_for("Why? Because?");
    assert!(
        !tui.screen().contains("Keys"),
        "? does not open help in the editor"
    );
    tui.send(F1);
    let help = tui.wait_for("Keys");
    assert!(help.contains("Shift-Tab"), "{help}");
    assert!(help.contains("finish and save"), "{help}");
    tui.send(F1);
    tui.wait_until("help closed", |s| !s.contains("Keys"));
    tui.type_text(" Still here.");
    tui.wait_for("Why? Because? Still here.");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn pasted_text_is_inserted_whole() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    // Bracketed paste, with a tab that must not move to the next prompt.
    tui.send("\x1b[200~first pasted line\r\nsecond\tline\x1b[201~");
    tui.wait_for("first pasted line");
    let screen = tui.wait_for("second");
    assert!(
        screen.contains("Step 1 of 6") && screen.contains("What happened"),
        "{screen}"
    );
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    let session = load_file(&sandbox.session_files()[0]).unwrap();
    assert_eq!(
        session.answer_to("acknowledge", "what"),
        "first pasted line\nsecond\tline"
    );
}

#[test]
fn a_tiny_terminal_says_so_and_the_app_recovers_when_resized() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.spawn_sized(&["new"], 30, 10);
    tui.wait_for("Terminal too small");
    tui.resize(80, 24);
    tui.past_the_check_in();
    tui.type_text("typed after the resize");
    tui.wait_for("typed after the resize");
    tui.resize(39, 24);
    tui.wait_for("Terminal too small");
    tui.resize(40, 12);
    tui.wait_for("typed after the resize");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}
