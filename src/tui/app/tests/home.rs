//! The home screen keeps its word: which drafts are offered on start and how the offer is put
//! away.

use super::*;
use crate::keymap::{KeyName, KeySpec};

/// A draft `id` saved just now, with `answered_steps` steps answered.
fn draft(id: &str, answered_steps: u16) -> Entry {
    let Entry::Session(mut s) = summary(id, Status::Draft) else {
        panic!()
    };
    s.answered_steps = answered_steps;
    Entry::Session(s)
}

#[test]
fn a_draft_with_nothing_written_is_not_offered_on_start() {
    // Only the feeling check-in answered (no step counts it): nothing to come back to.
    let mut app = app();
    app.update(Msg::Listed(Ok(vec![draft("empty", 0)])));
    assert!(app.modal.is_none(), "{:?}", app.modal);
    assert_eq!(app.context(), Context::Home);

    // The newest draft with words in it is offered, past an empty one.
    let mut app = self::app();
    app.update(Msg::Listed(Ok(vec![draft("empty", 0), draft("words", 1)])));
    assert!(
        matches!(&app.modal, Some(Modal::ResumeOffer { id, .. }) if id == "words"),
        "{:?}",
        app.modal
    );

    // One the person asked to come back to is offered when its time comes, words or not:
    // "not now" is offered at the first check-in, before anything is written.
    let Entry::Session(mut s) = draft("later", 0) else {
        panic!()
    };
    s.come_back = Some(Box::new(clock().now() - chrono::Duration::minutes(1)));
    let mut app = self::app();
    app.update(Msg::Listed(Ok(vec![Entry::Session(s)])));
    assert!(
        matches!(&app.modal, Some(Modal::ResumeOffer { id, come_back: Some(_), .. }) if id == "later"),
        "{:?}",
        app.modal
    );
}

#[test]
fn q_and_esc_put_the_resume_offer_away_and_ownup_stays() {
    for key in [KeySpec::char('q'), KeySpec::plain(KeyName::Esc)] {
        let mut app = app();
        app.update(Msg::Listed(Ok(vec![draft("words", 1)])));
        assert_eq!(app.context(), Context::ResumeOffer);
        let action = app.keymap.action_for(app.context(), key);
        assert_eq!(action, Some(Action::Dismiss), "{key:?}");
        assert!(act(&mut app, Action::Dismiss).is_empty());
        assert!(app.modal.is_none());
        assert!(!app.quit, "{key:?} does not quit from under the offer");
        assert_eq!(app.context(), Context::Home);
        // On the home screen itself, q quits.
        assert_eq!(
            app.keymap.action_for(app.context(), KeySpec::char('q')),
            Some(Action::Quit)
        );
    }
}
