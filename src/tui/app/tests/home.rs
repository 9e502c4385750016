//! The home screen keeps its word: which drafts are offered on start and how the offer is put
//! away, and deleting a session (from the list or the reader) with a way back.

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

/// An app on the home screen with `entries` listed and no offer over it.
fn home_with(entries: Vec<Entry>) -> App {
    let mut app = app();
    app.update(Msg::Listed(Ok(entries)));
    app.modal = None;
    app
}

fn ids(app: &App) -> Vec<&str> {
    app.home.entries.iter().map(|e| e.id().as_str()).collect()
}

fn notice(app: &App) -> Option<&str> {
    app.notice.as_ref().map(|n| n.text.as_str())
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

#[test]
fn delete_at_home_asks_moves_to_the_trash_and_u_brings_it_back_while_the_notice_says_so() {
    let three = || {
        vec![
            summary("c", Status::Draft),
            summary("b", Status::Complete),
            summary("a", Status::Complete),
        ]
    };
    let mut app = home_with(three());
    for key in [KeySpec::char('d'), KeySpec::plain(KeyName::Delete)] {
        assert_eq!(app.keymap.action_for(Context::Home, key), Some(Action::Delete));
    }
    act(&mut app, Action::Down);

    // It asks first, naming the session; n (or Esc) keeps it.
    assert!(act(&mut app, Action::Delete).is_empty());
    let Some(Modal::ConfirmDelete { id, title, status }) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert_eq!(
        (id.as_str(), title.as_str(), *status),
        ("b", "title b", Status::Complete)
    );
    assert_eq!(app.context(), Context::ConfirmDelete);
    assert!(act(&mut app, Action::Dismiss).is_empty());
    assert!(app.modal.is_none());
    assert_eq!(ids(&app), ["c", "b", "a"]);

    // y moves it to the trash: gone from the list at once, the row below selected.
    act(&mut app, Action::Delete);
    assert_eq!(act(&mut app, Action::Accept), [Effect::Trash("b".into())]);
    assert_eq!(app.update(Msg::Trashed(Ok("b".into()))), [Effect::Refresh]);
    assert_eq!(ids(&app), ["c", "a"]);
    assert_eq!(app.home.selected_entry().map(|e| e.id().as_str()), Some("a"));
    assert_eq!(notice(&app), Some("Moved to the trash — press u to undo."));

    // Moving about leaves the notice, and u with it.
    act(&mut app, Action::Up);
    assert_eq!(act(&mut app, Action::Undo), [Effect::Restore("b".into())]);
    assert_eq!(notice(&app), None);
    assert_eq!(app.update(Msg::Restored(Ok("b".into()))), [Effect::Refresh]);
    assert_eq!(notice(&app), Some("Brought back from the trash."));
    app.update(Msg::Listed(Ok(three())));
    assert_eq!(app.home.selected_entry().map(|e| e.id().as_str()), Some("b"));

    // u says nothing else: once another notice replaces the offer, u restores nothing.
    act(&mut app, Action::Delete);
    act(&mut app, Action::Accept);
    app.update(Msg::Trashed(Ok("b".into())));
    act(&mut app, Action::Search);
    act(&mut app, Action::Dismiss);
    assert_eq!(notice(&app), None);
    assert!(act(&mut app, Action::Undo).is_empty());
    assert_eq!(
        notice(&app),
        Some(
            "Nothing to undo. Deleted sessions wait in the trash: `ownup trash` lists them, `ownup trash restore ID` brings one back."
        )
    );
}

#[test]
fn a_session_open_in_another_ownup_is_not_deleted_and_the_notice_says_why() {
    let mut app = home_with(vec![summary("b", Status::Draft)]);
    act(&mut app, Action::Delete);
    assert_eq!(act(&mut app, Action::Accept), [Effect::Trash("b".into())]);
    let held = Failure::new(
        FailureKind::LockedElsewhere,
        "session b is open in another ownup window — finish there first, or open it read-only",
    );
    assert!(app.update(Msg::Trashed(Err(held))).is_empty());
    assert_eq!(
        notice(&app),
        Some(
            "This session is open in another ownup window, so it stays where it is: close it there, then delete it."
        )
    );
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.is_error && n.undo.is_none())
    );
    assert_eq!(ids(&app), ["b"]);
    assert!(app.modal.is_none());
}

#[test]
fn an_unreadable_file_is_not_offered_for_deletion() {
    let unreadable = Entry::Unreadable {
        id: "x".into(),
        error: Box::new(LoadError::Empty {
            path: PathBuf::from("/s/x.ron"),
        }),
    };
    let mut app = home_with(vec![unreadable]);
    assert!(!app.home.can_delete());
    assert!(act(&mut app, Action::Delete).is_empty());
    assert!(app.modal.is_none());
    assert_eq!(
        notice(&app),
        Some(
            "Cannot read this session, so it is left untouched (not moved to the trash either). /s/x.ron: the file is empty"
        )
    );
    // Nor is there anything to delete in an empty list.
    let mut app = home_with(vec![]);
    assert!(!app.home.can_delete());
    assert!(act(&mut app, Action::Delete).is_empty());
    assert!(app.modal.is_none());
}

#[test]
fn delete_from_the_reader_comes_home_with_the_same_way_back() {
    let mut app = home_with(vec![summary("20261122-234501", Status::Complete)]);
    let mut s = Session::new("20261122-234501".into(), &script(), clock().now());
    s.set_answer(Position::default(), "Missed the deadline".into());
    s.complete(clock().now());
    app.update(Msg::Viewing(
        Box::new(s),
        PathBuf::from("/data/sessions/20261122-234501.ron"),
        vec![],
    ));
    assert_eq!(app.context(), Context::Reader);
    act(&mut app, Action::Delete);
    let Some(Modal::ConfirmDelete { title, status, .. }) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert_eq!(
        (title.as_str(), *status),
        ("Missed the deadline", Status::Complete)
    );
    assert_eq!(
        act(&mut app, Action::Accept),
        [Effect::Trash("20261122-234501".into())]
    );
    app.update(Msg::Trashed(Ok("20261122-234501".into())));
    assert!(matches!(app.screen, Screen::Home));
    assert!(app.home.entries.is_empty());
    assert_eq!(
        act(&mut app, Action::Undo),
        [Effect::Restore("20261122-234501".into())]
    );
}
