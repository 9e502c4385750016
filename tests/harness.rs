//! The test harness keeps its promises: sessions are built and read by step and prompt id, and
//! a wrong id fails with a message that names the script and the ids it has.

mod common;

use common::*;
use ownup::export::JsonSession;
use ownup::script::Script;

#[test]
fn answers_land_on_the_prompt_named_not_on_a_position() {
    let session = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", "Missed the deadline")
        .answer("learn", "causes", "Nobody owned the calendar.")
        .complete()
        .build();
    let causes = session
        .steps
        .iter()
        .find(|s| s.id == "learn")
        .and_then(|s| s.prompts.iter().find(|p| p.id == "causes"))
        .expect("own-it has learn/causes");
    assert_eq!(causes.answer, "Nobody owned the calendar.");
    assert_eq!(session.answer_to("learn", "causes"), "Nobody owned the calendar.");
    assert_eq!(session.answer_to("acknowledge", "what"), "Missed the deadline");
    assert_eq!(session.answer_to("learn", "lucky"), "", "unanswered");
    assert_eq!(session.started.to_rfc3339(), "2026-11-20T10:00:00+01:00");
    assert_eq!(session.finished, Some(session.started));
    let json = JsonSession::new(&session, false);
    assert_eq!(json.answer_to("learn", "causes"), "Nobody owned the calendar.");
}

#[test]
fn the_demo_script_is_built_by_its_own_ids() {
    let script = Script::load(&demo_script()).expect("the demo script is valid");
    let session = SessionBuilder::of_script(&script, "20261122-234501")
        .answer("next", "do", "Call the client first thing.")
        .build();
    assert_eq!(session.script.name, "bars-demo");
    assert_eq!(session.answer_to("next", "do"), "Call the client first thing.");
    assert_eq!(session.answer_to("notice", "what"), "");
}

#[test]
#[should_panic(
    expected = "script \"own-it\" (session 20261120-100000) has no step \"acknowlege\" — its steps are: acknowledge, act, apologize, learn, correct, improve"
)]
fn an_unknown_step_names_the_script_and_its_steps() {
    let _ = SessionBuilder::new("20261120-100000").answer("acknowlege", "what", "typo");
}

#[test]
#[should_panic(
    expected = "step \"acknowledge\" of script \"own-it\" (session 20261120-100000) has no prompt \"wat\" — its prompts are: feeling-start, what, impact, my-part"
)]
fn an_unknown_prompt_names_the_step_and_its_prompts() {
    let _ = SessionBuilder::new("20261120-100000").answer("acknowledge", "wat", "typo");
}

#[test]
#[should_panic(
    expected = "script \"bars-demo\" (session 20261122-234501) has no step \"learn\" — its steps are: notice, next"
)]
fn reading_an_answer_by_an_id_of_another_script_fails_the_same_way() {
    let script = Script::load(&demo_script()).expect("the demo script is valid");
    let session = SessionBuilder::of_script(&script, "20261122-234501").build();
    let _ = session.answer_to("learn", "causes");
}
