//! The update logic, driven message by message without a terminal.

use std::path::PathBuf;

use chrono::DateTime;
use ratatui_textarea::{Input, Key};

use super::*;
use crate::clock::Clock;
use crate::script::Origin;
use crate::session::{Position, Status};
use crate::store::Summary;

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap())
}

fn script() -> Script {
    Script::parse(
        r#"Script(name: "t", title: "Test", steps: [
            Step(id: "a", title: "A", intro: "First.", prompts: [
                Prompt(id: "one", ask: "One?", hint: "h1", required: true),
                Prompt(id: "two", ask: "Two?"),
            ]),
            Step(id: "b", title: "B", prompts: [Prompt(id: "three", ask: "Three?")]),
        ])"#,
        Origin::BuiltIn("t".into()),
    )
    .unwrap()
}

fn app() -> App {
    App::new(Theme::mono(), clock().now(), script())
}

/// An app on the session screen with a fresh session.
fn writing_app() -> App {
    let mut app = app();
    let session = Session::new("20261122-234501".into(), &script(), clock().now());
    assert!(app.update(opened(session, None)).is_empty());
    app
}

fn opened(session: Session, path: Option<&str>) -> Msg {
    Msg::Opened(Box::new(Opened {
        session,
        path: path.map(PathBuf::from),
        guide: Some(script()),
    }))
}

fn w(app: &App) -> &Writing {
    app.writing().expect("on the session screen")
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    app.update(Msg::Action(action))
}

/// Replies to a save effect as the runtime would after writing the file.
fn save_ok(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    answer_save(app, &effects, Ok(()))
}

/// Answers the one save in `effects` as the writer thread would, failing with `error`.
fn save_fails(app: &mut App, effects: &[Effect], error: &str) -> Vec<Effect> {
    answer_save(app, effects, Err(Failure::other(error)))
}

fn answer_save(app: &mut App, effects: &[Effect], result: Result<(), Failure>) -> Vec<Effect> {
    let [Effect::Save { snapshot, after }] = effects else {
        panic!("expected one save, got {effects:?}");
    };
    let id = &snapshot.session.id;
    app.update(Msg::Saved {
        id: id.clone(),
        mark: snapshot.mark,
        after: *after,
        result: result.map(|()| PathBuf::from(format!("/data/sessions/{id}.ron"))),
        kept_outside: None,
    })
}

fn saved_session(effects: &[Effect]) -> &Session {
    match effects {
        [Effect::Save { snapshot, .. }] => &snapshot.session,
        other => panic!("expected one save, got {other:?}"),
    }
}

#[test]
fn typing_edits_the_answer_and_enter_inserts_a_newline() {
    let mut app = writing_app();
    type_text(&mut app, "first\nsecond");
    assert_eq!(w(&app).editor.lines(), ["first", "second"]);
    assert!(w(&app).is_dirty());
    assert_eq!(app.context(), Context::Writing);
}

#[test]
fn pasted_text_is_inserted_whole_with_newlines_normalised() {
    let mut app = writing_app();
    app.update(Msg::Paste("one\r\ntwo\rthree\nfour".into()));
    assert_eq!(w(&app).editor.lines(), ["one", "two", "three", "four"]);
    assert_eq!(w(&app).saves.revision, 1, "a paste is one edit");
}

#[test]
fn tab_and_shift_tab_move_between_prompts_and_keep_answers() {
    let mut app = writing_app();
    type_text(&mut app, "answer one");
    let effects = act(&mut app, Action::NextPrompt);
    assert_eq!(w(&app).pos, Position { step: 0, prompt: 1 });
    assert_eq!(
        saved_session(&effects).answer(Position::default()),
        "answer one",
        "saved on leaving"
    );
    save_ok(&mut app, effects);
    type_text(&mut app, "answer two");
    act(&mut app, Action::NextPrompt);
    assert_eq!(
        w(&app).pos,
        Position { step: 1, prompt: 0 },
        "after a step's last prompt, the next step"
    );
    assert!(w(&app).editor.is_empty());
    act(&mut app, Action::PrevPrompt);
    assert_eq!(w(&app).editor.lines(), ["answer two"]);
    act(&mut app, Action::PrevPrompt);
    assert_eq!(w(&app).editor.lines(), ["answer one"]);
    assert_eq!(
        w(&app).editor.cursor(),
        (0, 10),
        "the cursor is at the end of the answer"
    );
}

#[test]
fn undo_survives_moving_to_another_prompt_and_back() {
    let mut app = writing_app();
    type_text(&mut app, "alpha beta gamma");
    let ctrl = |c| {
        Msg::Input(Input {
            key: Key::Char(c),
            ctrl: true,
            ..Input::default()
        })
    };
    app.update(ctrl('a'));
    app.update(ctrl('k'));
    assert!(w(&app).editor.is_empty(), "the line is deleted");
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "elsewhere");
    act(&mut app, Action::PrevPrompt);
    app.update(ctrl('u'));
    assert_eq!(
        w(&app).editor.lines(),
        ["alpha beta gamma"],
        "the deletion is taken back"
    );
    act(&mut app, Action::NextPrompt);
    assert_eq!(w(&app).editor.lines(), ["elsewhere"]);
}

#[test]
fn undo_survives_leaving_the_session_and_opening_it_again() {
    let mut app = writing_app();
    type_text(&mut app, "alpha beta gamma");
    app.update(Msg::Input(Input {
        key: Key::Char('w'),
        ctrl: true,
        ..Input::default()
    }));
    assert_eq!(w(&app).editor.lines(), ["alpha beta "]);
    let effects = act(&mut app, Action::Leave);
    let saved = saved_session(&effects).clone();
    save_ok(&mut app, effects);
    assert!(matches!(app.screen, Screen::Home));
    app.update(opened(saved.clone(), Some("/s/x.ron")));
    app.update(Msg::Input(Input {
        key: Key::Char('u'),
        ctrl: true,
        ..Input::default()
    }));
    assert_eq!(
        w(&app).editor.lines(),
        ["alpha beta gamma"],
        "the word comes back"
    );

    // Changed elsewhere meanwhile: the history does not apply to that text, and is dropped.
    let effects = act(&mut app, Action::Leave);
    let mut changed = saved_session(&effects).clone();
    save_ok(&mut app, effects);
    changed.set_answer(Position::default(), "rewritten by hand".into());
    app.update(opened(changed, Some("/s/x.ron")));
    app.update(Msg::Input(Input {
        key: Key::Char('u'),
        ctrl: true,
        ..Input::default()
    }));
    assert_eq!(w(&app).editor.lines(), ["rewritten by hand"]);
}

#[test]
fn moving_past_either_end_says_so() {
    let mut app = writing_app();
    act(&mut app, Action::PrevPrompt);
    assert_eq!(w(&app).notice.as_deref(), Some("This is the first question."));
    act(&mut app, Action::NextPrompt);
    act(&mut app, Action::NextPrompt);
    act(&mut app, Action::NextPrompt);
    assert_eq!(w(&app).pos, Position { step: 1, prompt: 0 });
    assert_eq!(
        w(&app).notice.as_deref(),
        Some("This is the last question. Press Ctrl-S to finish.")
    );
    type_text(&mut app, "x");
    assert_eq!(w(&app).notice, None, "typing clears the notice");
}

#[test]
fn finishing_with_a_required_prompt_empty_jumps_there() {
    let mut app = writing_app();
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "only the second");
    let effects = act(&mut app, Action::Finish);
    assert!(effects.is_empty(), "nothing is completed: {effects:?}");
    assert_eq!(w(&app).pos, Position::default());
    assert_eq!(w(&app).notice.as_deref(), Some("This one is needed to finish."));
    assert_eq!(w(&app).session.status, Status::Draft);
}

#[test]
fn finishing_saves_a_complete_session_then_shows_the_summary() {
    let mut app = writing_app();
    type_text(&mut app, "I broke it");
    let effects = act(&mut app, Action::Finish);
    let session = saved_session(&effects);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.finished, Some(clock().now()));
    assert_eq!(session.answer(Position::default()), "I broke it");
    let effects = save_ok(&mut app, effects);
    assert_eq!(effects, [Effect::Release("20261122-234501".into())]);
    let Screen::Reader(reader) = &app.screen else {
        panic!("summary expected")
    };
    assert!(reader.just_finished);
    assert_eq!(reader.path, PathBuf::from("/data/sessions/20261122-234501.ron"));
    assert_eq!(app.context(), Context::Reader);
}

#[test]
fn a_failed_finish_keeps_the_text_and_the_draft_status() {
    let mut app = writing_app();
    type_text(&mut app, "I broke it");
    let effects = act(&mut app, Action::Finish);
    save_fails(&mut app, &effects, "cannot save x: the disk is full");
    let w = w(&app);
    assert_eq!(w.editor.lines(), ["I broke it"]);
    assert_eq!(w.session.status, Status::Draft);
    assert_eq!(w.save_error.as_deref(), Some("cannot save x: the disk is full"));
    assert!(w.is_dirty());
}

#[test]
fn esc_saves_a_draft_then_goes_home() {
    let mut app = writing_app();
    type_text(&mut app, "half a thought");
    let effects = act(&mut app, Action::Leave);
    let session = saved_session(&effects);
    assert_eq!(session.status, Status::Draft);
    assert_eq!(session.answer(Position::default()), "half a thought");
    let effects = save_ok(&mut app, effects);
    assert_eq!(
        effects,
        [Effect::Release("20261122-234501".into()), Effect::Refresh]
    );
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn esc_on_an_untouched_session_leaves_no_file() {
    let mut app = writing_app();
    let effects = act(&mut app, Action::Leave);
    assert_eq!(
        effects,
        [Effect::Release("20261122-234501".into()), Effect::Refresh]
    );
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn ctrl_c_saves_then_quits_and_never_quits_on_a_failed_save() {
    let mut app = writing_app();
    type_text(&mut app, "keep me");
    let effects = act(&mut app, Action::Interrupt);
    assert!(!app.quit, "not before the text is on disk");
    let [Effect::Save { after, .. }] = effects.as_slice() else {
        panic!("expected one save, got {effects:?}")
    };
    assert_eq!(*after, After::Quit);
    save_fails(&mut app, &effects, "permission denied");
    assert!(!app.quit);
    assert_eq!(w(&app).editor.lines(), ["keep me"]);
    let effects = act(&mut app, Action::Interrupt);
    save_ok(&mut app, effects);
    assert!(app.quit);
}

#[test]
fn autosave_happens_only_when_something_changed_and_no_save_is_running() {
    let mut app = writing_app();
    assert!(app.update(Msg::AutosaveDue).is_empty(), "nothing written yet");
    type_text(&mut app, "a");
    assert!(app.autosave_wanted());
    let effects = app.update(Msg::AutosaveDue);
    assert_eq!(saved_session(&effects).answer(Position::default()), "a");
    assert!(!app.autosave_wanted(), "a save is running");
    type_text(&mut app, "b");
    assert!(app.update(Msg::FocusLost).is_empty(), "one save at a time");
    save_ok(&mut app, effects);
    assert!(w(&app).is_dirty(), "the b came after the save");
    let effects = app.update(Msg::FocusLost);
    assert_eq!(saved_session(&effects).answer(Position::default()), "ab");
    save_ok(&mut app, effects);
    assert!(!w(&app).is_dirty());
    assert!(app.unsaved(clock().now()).is_empty());
}

#[test]
fn the_unsaved_session_carries_the_editor_text_and_position() {
    let mut app = writing_app();
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "typed but not saved");
    let before = app.revision();
    let unsaved = app.unsaved(clock().now());
    assert_eq!(app.revision(), before, "reading what is unsaved changes nothing");
    let session = unsaved.session.expect("unsaved").session;
    assert_eq!(
        session.answer(Position { step: 0, prompt: 1 }),
        "typed but not saved"
    );
    assert_eq!(session.position, Position { step: 0, prompt: 1 });
}

#[test]
fn help_opens_and_closes_and_takes_the_keys_meanwhile() {
    let mut app = writing_app();
    act(&mut app, Action::Help);
    assert_eq!(app.context(), Context::Help);
    act(&mut app, Action::Close);
    assert_eq!(app.context(), Context::Writing);
}

#[test]
fn a_tiny_terminal_switches_to_the_too_small_context_and_back() {
    let mut app = app();
    app.update(Msg::Resize(39, 24));
    assert_eq!(app.context(), Context::TooSmall);
    app.update(Msg::Resize(40, 12));
    assert_eq!(app.context(), Context::Home);
}

#[test]
fn what_is_typed_in_a_terminal_too_small_to_show_it_still_goes_in() {
    let mut app = writing_app();
    type_text(&mut app, "before ");
    for size in [(39, 24), (0, 0)] {
        app.update(Msg::Resize(size.0, size.1));
        assert_eq!(app.context(), Context::Writing, "{size:?}");
        type_text(&mut app, "unseen ");
        app.update(Msg::Paste("pasted ".into()));
        assert!(
            act(&mut app, Action::NextPrompt).is_empty(),
            "no moving about unseen"
        );
    }
    app.update(Msg::Resize(80, 24));
    assert_eq!(w(&app).editor.text(), "before unseen pasted unseen pasted ");
    assert_eq!(w(&app).pos, Position::default());
}

fn summary(id: &str, status: Status) -> Entry {
    let session = Session::new(id.into(), &script(), clock().now());
    Entry::Session(Summary {
        id: id.into(),
        status,
        started: session.started,
        updated: session.updated,
        script: crate::store::ScriptLabel::shared("t", "Test"),
        title: format!("title {id}").into(),
        answered_steps: 1,
        total_steps: 2,
        open_commitments: Box::new([]),
        come_back: None,
    })
}

#[test]
fn home_moves_through_the_list_and_opens_the_selected_session() {
    let mut app = app();
    let entries = vec![
        summary("c", Status::Draft),
        summary("b", Status::Complete),
        summary("a", Status::Complete),
    ];
    app.update(Msg::Listed(Ok(entries)));
    assert!(
        matches!(app.modal, Some(Modal::ResumeOffer { ref id, .. }) if id == "c"),
        "a recent draft is offered"
    );
    act(&mut app, Action::Dismiss);
    assert_eq!(app.context(), Context::Home);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    let home = &app.home;
    assert_eq!(home.selected, 2, "stops at the last");
    act(&mut app, Action::Top);
    act(&mut app, Action::Down);
    assert_eq!(
        act(&mut app, Action::Open),
        [Effect::View("b".into())],
        "complete sessions open to read"
    );
    act(&mut app, Action::Top);
    assert_eq!(
        act(&mut app, Action::Open),
        [Effect::Open("c".into())],
        "drafts open to resume"
    );
    assert_eq!(act(&mut app, Action::New), [Effect::StartNew(Box::new(script()))]);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn opening_an_unreadable_entry_explains_why() {
    let mut app = app();
    let error = LoadError::Empty {
        path: PathBuf::from("/s/x.ron"),
    };
    app.update(Msg::Listed(Ok(vec![Entry::Unreadable {
        id: "x".into(),
        error: Box::new(error),
    }])));
    assert!(act(&mut app, Action::Open).is_empty());
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some("Cannot read this session, so it is left untouched. /s/x.ron: the file is empty")
    );
}

/// Draws `app` as the runtime would, keeping what drawing keeps in `render`.
fn draw(app: &App, render: &mut crate::tui::view::RenderState) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| crate::tui::view::draw(app, render, frame))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_reader_scrolls_within_the_document_and_goes_back_home() {
    let mut app = app();
    app.update(Msg::Resize(80, 12));
    let session = Session::new("x".into(), &script(), clock().now());
    app.update(Msg::Viewing(Box::new(session), PathBuf::from("/s/x.ron"), vec![]));
    let mut render = Default::default();
    let mut offset = |app: &App| {
        draw(app, &mut render);
        render.reader_offset()
    };
    act(&mut app, Action::Bottom);
    let bottom = offset(&app);
    assert!(bottom > 0);
    act(&mut app, Action::Down);
    assert_eq!(offset(&app), bottom, "no scrolling past the end");
    act(&mut app, Action::Up);
    assert_eq!(offset(&app), bottom - 1, "up at once from the end");
    act(&mut app, Action::Top);
    act(&mut app, Action::Up);
    assert_eq!(offset(&app), 0);
    act(&mut app, Action::PageDown);
    assert_eq!(
        offset(&app),
        bottom.min(10),
        "a page is the rows the document has"
    );
    app.update(Msg::Resize(80, 40));
    assert_eq!(offset(&app), 0, "back within the document when it all fits");
    assert_eq!(
        act(&mut app, Action::Back),
        [],
        "reading changed nothing to reload"
    );
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn a_session_opened_from_a_line_found_in_an_answer_starts_at_that_line() {
    let mut app = app();
    app.update(Msg::Resize(80, 12));
    let mut session = Session::new("x".into(), &script(), clock().now());
    // Prompts "one", "two" and "three" of the test script.
    let filler: Vec<String> = (1..=30).map(|n| format!("line {n}")).collect();
    session.set_answer(Position { step: 0, prompt: 0 }, filler.join("\n"));
    session.set_answer(Position { step: 0, prompt: 1 }, "the line found".into());
    session.set_answer(Position { step: 1, prompt: 0 }, filler.join("\n"));
    app.home.focus = Some("the line found".into());
    app.update(Msg::Viewing(Box::new(session), PathBuf::from("/s/x.ron"), vec![]));
    let screen = draw(&app, &mut Default::default());
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[3].contains("the line found"),
        "two lines of context above it:\n{screen}"
    );
}

#[test]
fn the_help_scrolls_when_it_does_not_fit() {
    let mut app = app();
    app.update(Msg::Resize(80, 12));
    act(&mut app, Action::Help);
    let mut render = Default::default();
    let mut offset = |app: &App| {
        draw(app, &mut render);
        render.help_offset()
    };
    assert_eq!(offset(&app), 0);
    act(&mut app, Action::PageDown);
    let end = offset(&app);
    assert!(end > 0);
    act(&mut app, Action::Down);
    assert_eq!(offset(&app), end, "no further than the end");
    act(&mut app, Action::Up);
    assert_eq!(offset(&app), end - 1);
    act(&mut app, Action::Close);
    act(&mut app, Action::Help);
    assert_eq!(offset(&app), 0, "opens at the top again");
}

#[test]
fn after_a_failed_autosave_the_next_change_retries() {
    let mut app = writing_app();
    type_text(&mut app, "a");
    let effects = app.update(Msg::AutosaveDue);
    save_fails(&mut app, &effects, "cannot save: the disk is full");
    assert!(!app.autosave_wanted(), "no retry loop on the same text");
    assert_eq!(
        w(&app).save_error.as_deref(),
        Some("cannot save: the disk is full")
    );
    assert_eq!(w(&app).editor.lines(), ["a"]);
    type_text(&mut app, "b");
    assert!(app.autosave_wanted(), "a new change retries");
    let effects = app.update(Msg::AutosaveDue);
    save_ok(&mut app, effects);
    assert_eq!(w(&app).save_error, None);
}

#[test]
fn when_quitting_cannot_save_the_text_can_be_written_elsewhere() {
    let mut app = writing_app();
    app.rescue_dir = PathBuf::from("/home/me");
    type_text(&mut app, "precious words");
    let effects = act(&mut app, Action::Interrupt);
    save_fails(&mut app, &effects, "cannot save: the file system is read-only");
    assert!(!app.quit);
    assert_eq!(app.context(), Context::Rescue);
    act(&mut app, Action::WriteElsewhere);
    assert_eq!(app.context(), Context::RescuePath);
    let field = w(&app).rescue.as_ref().unwrap().path.as_ref().unwrap();
    assert_eq!(field.lines(), ["/home/me/ownup-20261122-234501.ron"]);
    // Edit the suggested path: remove ".ron", type ".txt".
    for _ in 0..4 {
        app.update(Msg::Input(Input {
            key: Key::Backspace,
            ..Input::default()
        }));
    }
    type_text(&mut app, ".txt");
    let effects = act(&mut app, Action::Accept);
    let [Effect::WriteElsewhere { path, session }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path, &PathBuf::from("/home/me/ownup-20261122-234501.txt"));
    assert_eq!(session.answer(Position::default()), "precious words");
    app.update(Msg::WroteElsewhere(Err(Failure::other(
        "/home/me/x already exists — choose another name",
    ))));
    assert!(!app.quit);
    assert_eq!(
        w(&app).rescue.as_ref().unwrap().write_error.as_deref(),
        Some("/home/me/x already exists — choose another name")
    );
    let effects = app.update(Msg::WroteElsewhere(Ok(path.clone())));
    assert!(app.quit);
    assert_eq!(effects, [Effect::Release("20261122-234501".into())]);
    assert_eq!(
        app.farewell.as_deref(),
        Some(
            "ownup could not save to its own folder (cannot save: the file system is read-only), so your text was written to /home/me/ownup-20261122-234501.txt"
        )
    );
}

#[test]
fn the_rescue_dialog_can_go_back_to_writing_or_quit_only_when_asked_twice() {
    let mut app = writing_app();
    type_text(&mut app, "words");
    let effects = act(&mut app, Action::Interrupt);
    save_fails(&mut app, &effects, "permission denied");
    act(&mut app, Action::Dismiss);
    assert_eq!(app.context(), Context::Writing, "Esc goes back to the text");
    type_text(&mut app, " more");
    assert_eq!(w(&app).editor.lines(), ["words more"]);
    let effects = act(&mut app, Action::Interrupt);
    save_fails(&mut app, &effects, "permission denied");
    act(&mut app, Action::Discard);
    assert!(app.quit);
}

#[test]
fn the_first_list_offers_a_draft_from_the_last_day_only() {
    let recent = |hours_ago: i64| {
        let Entry::Session(mut s) = summary("d", Status::Draft) else {
            panic!()
        };
        s.updated = clock().now() - chrono::Duration::hours(hours_ago);
        vec![Entry::Session(s)]
    };
    let mut app = app();
    app.update(Msg::Listed(Ok(recent(25))));
    assert!(app.modal.is_none(), "too old");

    let mut app = self::app();
    app.update(Msg::Listed(Ok(recent(23))));
    assert!(matches!(app.modal, Some(Modal::ResumeOffer { .. })));
    assert_eq!(app.context(), Context::ResumeOffer);
    assert_eq!(act(&mut app, Action::Accept), [Effect::Open("d".into())]);
    assert!(app.modal.is_none());

    let mut app = self::app();
    app.update(Msg::Listed(Ok(recent(1))));
    assert_eq!(
        act(&mut app, Action::New),
        [Effect::StartNew(Box::new(script()))],
        "start fresh"
    );

    let mut app = self::app();
    app.update(Msg::Listed(Ok(recent(1))));
    act(&mut app, Action::Dismiss);
    app.update(Msg::Listed(Ok(recent(1))));
    assert!(app.modal.is_none(), "offered once");
}

#[test]
fn the_time_is_the_last_tick_and_saves_are_stamped_with_it() {
    let draft = |updated| {
        let Entry::Session(mut s) = summary("d", Status::Draft) else {
            panic!()
        };
        s.updated = updated;
        vec![Entry::Session(s)]
    };
    // A draft of an hour ago is recent; a day later, by the tick, it is not.
    let mut app = app();
    app.update(Msg::Tick(clock().now() + chrono::Duration::hours(24)));
    app.update(Msg::Listed(Ok(draft(clock().now() - chrono::Duration::hours(1)))));
    assert!(app.modal.is_none(), "25 hours old by the last tick");

    let mut app = writing_app();
    type_text(&mut app, "words");
    let later = clock().now() + chrono::Duration::minutes(5);
    app.update(Msg::Tick(later));
    let effects = app.update(Msg::AutosaveDue);
    let [Effect::Save { snapshot, .. }] = effects.as_slice() else {
        panic!("expected a save, got {effects:?}")
    };
    assert_eq!(snapshot.session.updated, later);
}

#[test]
fn a_session_open_elsewhere_is_offered_read_only() {
    let mut app = app();
    let effects = app.update(Msg::LockedElsewhere("x".into()));
    assert_eq!(effects, [Effect::Refresh]);
    assert_eq!(app.context(), Context::Locked);
    assert_eq!(act(&mut app, Action::Accept), [Effect::View("x".into())]);
}

#[test]
fn editing_a_finished_session_keeps_the_old_text_as_a_revision_once() {
    let mut app = app();
    let mut session = Session::new("done".into(), &script(), clock().now());
    session.set_answer(Position::default(), "before".into());
    session.complete(clock().now());
    app.update(Msg::Viewing(
        Box::new(session.clone()),
        PathBuf::from("/s/done.ron"),
        vec![],
    ));
    assert_eq!(act(&mut app, Action::Edit), [Effect::Open("done".into())]);
    app.update(opened(session, Some("/s/done.ron")));
    assert_eq!(w(&app).editor.lines(), ["before"], "resumed where it was left");
    type_text(&mut app, " and after");
    let effects = app.update(Msg::AutosaveDue);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save { snapshot, .. }] if snapshot.keep_revision
    ));
    save_ok(&mut app, effects);
    type_text(&mut app, "!");
    let effects = app.update(Msg::AutosaveDue);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Save { snapshot, .. }] if !snapshot.keep_revision
        ),
        "only once"
    );
}

#[test]
fn time_ago_reads_naturally() {
    let now = clock().now();
    let ago = |minutes| super::ago(now, now - chrono::Duration::minutes(minutes));
    assert_eq!(ago(0), "just now");
    assert_eq!(ago(1), "1 minute ago");
    assert_eq!(ago(59), "59 minutes ago");
    assert_eq!(ago(60), "1 hour ago");
    assert_eq!(ago(23 * 60), "23 hours ago");
    assert_eq!(ago(3 * 1440), "3 days ago");
}

#[test]
fn a_page_of_the_list_is_as_tall_as_it_was_drawn() {
    let mut app = app();
    app.update(Msg::Resize(80, 14));
    let entries = (0..40)
        .map(|i| summary(&format!("2026110{}-0000{i:02}", i % 9), Status::Complete))
        .collect();
    app.update(Msg::Listed(Ok(entries)));
    app.update(Msg::Action(Action::Dismiss));
    let mut render = crate::tui::view::RenderState::default();
    draw(&app, &mut render);
    let page = render.home().page();
    assert!(page > 1);
    app.update(Msg::HomePage(page));
    act(&mut app, Action::PageDown);
    assert_eq!(app.home.selected, page);
    let screen = draw(&app, &mut render);
    assert!(screen.contains('▸'), "the selection is kept on screen:\n{screen}");
    act(&mut app, Action::PageUp);
    assert_eq!(app.home.selected, 0);
}

#[test]
fn with_mouse_support_a_click_selects_then_opens_and_the_wheel_moves() {
    let mut app = app();
    app.update(Msg::Resize(80, 24));
    let entries = vec![
        summary("c", Status::Complete),
        summary("b", Status::Complete),
        summary("a", Status::Complete),
    ];
    app.update(Msg::Listed(Ok(entries)));
    // Where a click lands is read from the frame drawn: lines 0-5 are the header, 6 is the
    // month heading, the rows follow.
    let mut render = crate::tui::view::RenderState::default();
    draw(&app, &mut render);
    assert_eq!(render.home().row_at(6), None, "a month heading");
    assert_eq!(render.home().row_at(2), None, "outside the list");
    let row = render.home().row_at(8).expect("a row");
    assert!(app.update(Msg::ClickRow(row)).is_empty());
    assert_eq!(app.home.selected, 1);
    assert_eq!(
        app.update(Msg::ClickRow(row)),
        [Effect::View("b".into())],
        "a second click opens"
    );
    assert!(
        app.update(Msg::Click { x: 10, y: 8 }).is_empty(),
        "an unresolved click does nothing"
    );
    app.update(Msg::Wheel { down: true });
    assert_eq!(app.home.selected, 2);
    app.update(Msg::Wheel { down: false });
    assert_eq!(app.home.selected, 0);
}

#[test]
fn the_apology_builder_fills_the_apologize_step_and_keeps_the_message() {
    let mut app = App::new(Theme::mono(), clock().now(), Script::default_script());
    let session = Session::new("s".into(), &Script::default_script(), clock().now());
    app.update(Msg::Opened(Box::new(Opened {
        session,
        path: None,
        guide: Some(Script::default_script()),
    })));
    // The builder opens in a script with an apologize step; it starts on "to whom".
    app.update(Msg::Action(Action::Apology));
    assert_eq!(app.context(), Context::Apology);
    type_text(&mut app, "Sam");
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "I sent the old figures");
    act(&mut app, Action::NextPrompt);
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "I will resend them today");
    let built = w(&app).builder.as_ref().unwrap().apology();
    assert!(built.missing().is_empty());
    assert_eq!(act(&mut app, Action::Copy), [Effect::Copy(built.message())]);
    let effects = act(&mut app, Action::Accept);
    assert!(
        matches!(effects.as_slice(), [Effect::Save { .. }]),
        "kept at once: {effects:?}"
    );
    let writing = w(&app);
    assert_eq!(
        writing.session.apology.as_ref().map(|a| a.to.as_str()),
        Some("Sam")
    );
    let step = writing
        .session
        .steps
        .iter()
        .position(|s| s.id == "apologize")
        .unwrap();
    let answer = |prompt| writing.session.answer(Position { step, prompt });
    assert_eq!(
        (answer(0), answer(1), answer(2)),
        ("Sam", "I sent the old figures", "I will resend them today")
    );
    assert_eq!(app.context(), Context::Writing);
}

#[test]
fn ctrl_c_while_finishing_still_quits_once_both_saves_are_done() {
    let mut app = writing_app();
    let finish = {
        let mut s = Session::new("20261122-234501".into(), &Script::default_script(), clock().now());
        for pos in s.positions().collect::<Vec<_>>() {
            s.set_answer(pos, "answered".into());
        }
        s
    };
    app.update(opened(finish, None));
    let finishing = act(&mut app, Action::Finish);
    assert!(matches!(
        finishing.as_slice(),
        [Effect::Save {
            after: After::Summary,
            ..
        }]
    ));
    let quitting = act(&mut app, Action::Interrupt);
    assert!(matches!(
        quitting.as_slice(),
        [Effect::Save {
            after: After::Quit,
            ..
        }]
    ));
    save_ok(&mut app, finishing);
    assert!(matches!(app.screen, Screen::Reader(_)), "the summary");
    assert!(!app.quit);
    save_ok(&mut app, quitting);
    assert!(app.quit, "the Ctrl-C is not forgotten");
}

#[test]
fn with_no_room_on_its_disk_the_rescue_copy_is_proposed_on_another() {
    let mut app = writing_app();
    app.rescue_dir = PathBuf::from("/home/me");
    app.other_fs_dir = Some(PathBuf::from("/run/user/1000"));
    type_text(&mut app, "words");
    let effects = act(&mut app, Action::Interrupt);
    let [Effect::Save { snapshot, after }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    app.update(Msg::Saved {
        id: snapshot.session.id.clone(),
        mark: snapshot.mark,
        after: *after,
        result: Err(Failure::new(
            FailureKind::NoRoom,
            "cannot save x: the disk is full",
        )),
        kept_outside: None,
    });
    act(&mut app, Action::WriteElsewhere);
    let Some(Rescue {
        path: Some(field), ..
    }) = &w(&app).rescue
    else {
        panic!("the path field is open");
    };
    assert_eq!(field.text(), "/run/user/1000/ownup-20261122-234501.ron");
}

#[test]
fn closing_the_apology_builder_keeps_what_was_typed_as_a_draft() {
    let mut app = writing_app();
    let mut s = Session::new("20261122-234501".into(), &Script::default_script(), clock().now());
    s.position = Position { step: 2, prompt: 0 };
    app.update(opened(s, None));
    act(&mut app, Action::Apology);
    type_text(&mut app, "Sam");
    assert!(
        app.unsaved(clock().now())
            .session
            .is_some_and(|s| s.session.apology_draft.is_some_and(|a| a.to == "Sam"))
    );
    // Esc with changes not kept asks; Esc again goes back to the builder, every word there.
    act(&mut app, Action::Dismiss);
    assert!(matches!(app.modal, Some(Modal::CloseBuilder)));
    assert_eq!(app.context(), Context::CloseBuilder);
    act(&mut app, Action::Dismiss);
    assert!(app.modal.is_none());
    assert_eq!(
        w(&app).builder.as_ref().map(|b| b.fields[0].text()),
        Some("Sam".into())
    );
    // Esc, then Enter: closed, kept as a draft.
    act(&mut app, Action::Dismiss);
    act(&mut app, Action::Accept);
    assert!(w(&app).builder.is_none());
    assert_eq!(
        w(&app).session.apology_draft.as_ref().map(|a| a.to.as_str()),
        Some("Sam")
    );
    assert!(w(&app).needs_saving());
    // Opened again and closed without a change: no question.
    act(&mut app, Action::Apology);
    act(&mut app, Action::Dismiss);
    assert!(app.modal.is_none());
    assert!(w(&app).builder.is_none());
    // Changes thrown away with d: the draft is what it was.
    act(&mut app, Action::Apology);
    type_text(&mut app, " and Kim");
    act(&mut app, Action::Dismiss);
    act(&mut app, Action::Discard);
    assert!(w(&app).builder.is_none());
    assert_eq!(
        w(&app).session.apology_draft.as_ref().map(|a| a.to.as_str()),
        Some("Sam")
    );
    act(&mut app, Action::Apology);
    let builder = w(&app).builder.as_ref().expect("open again");
    assert_eq!(builder.fields[0].text(), "Sam", "it opens with the draft");
    act(&mut app, Action::Accept);
    assert_eq!(
        w(&app).session.apology.as_ref().map(|a| a.to.as_str()),
        Some("Sam")
    );
    assert!(w(&app).session.apology_draft.is_none(), "kept: no longer a draft");
}

/// Lists one finished session with one commitment due ("Add a check", due Nov 20).
fn list_one_due(app: &mut App) {
    let mut entry = summary("s1", Status::Complete);
    if let Entry::Session(s) = &mut entry {
        s.open_commitments = Box::new([crate::store::OpenCommitment {
            index: 0,
            action: "Add a check".into(),
            owner: "me".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            check_from: None,
            plan: false,
        }]);
    }
    app.update(Msg::Listed(Ok(vec![entry])));
    app.modal = None;
}

#[test]
fn done_on_another_day_is_asked_with_tab_and_recorded_with_the_check_in() {
    let mut app = app();
    list_one_due(&mut app);
    act(&mut app, Action::CheckIn);
    app.update(Msg::CheckInBegun(vec![], None));
    act(&mut app, Action::MarkDone);
    let stage = |app: &App| match &app.screen {
        Screen::CheckIn(state) => (state.stage.clone(), state.error.clone()),
        _ => panic!("not checking in"),
    };
    act(&mut app, Action::DoneOn);
    assert_eq!(stage(&app).0, Stage::DoneOn);
    type_text(&mut app, "in 3 days");
    act(&mut app, Action::Accept);
    assert!(
        stage(&app)
            .1
            .is_some_and(|e| e.contains("is not a day it could have been done"))
    );
    // Esc: back to the note, done today.
    act(&mut app, Action::Dismiss);
    assert_eq!(stage(&app).0, Stage::Note(crate::session::Outcome::Done, None));
    act(&mut app, Action::DoneOn);
    let Screen::CheckIn(state) = &mut app.screen else {
        panic!()
    };
    assert_eq!(state.field.text(), "in 3 days", "what was typed is kept");
    state.field = crate::tui::field::Field::single_line("");
    type_text(&mut app, "yesterday");
    act(&mut app, Action::Accept);
    // NOW is Sunday 22 November 2026.
    let yesterday = chrono::NaiveDate::from_ymd_opt(2026, 11, 21);
    assert_eq!(
        stage(&app),
        (Stage::Note(crate::session::Outcome::Done, yesterday), None)
    );
    type_text(&mut app, "merged");
    let effects = act(&mut app, Action::Accept);
    assert!(
        matches!(
            effects.first(),
            Some(Effect::CheckIn { outcome: crate::session::Outcome::Done, new_due, note, .. })
                if *new_due == yesterday && note == "merged"
        ),
        "{effects:?}"
    );
}

#[test]
fn a_check_in_note_is_a_draft_until_recorded_and_comes_back_where_it_was_left() {
    let due = list_one_due;
    let mut app = app();
    due(&mut app);
    assert_eq!(act(&mut app, Action::CheckIn), [Effect::BeginCheckIn]);
    app.update(Msg::CheckInBegun(vec![], None));
    act(&mut app, Action::MarkDone);
    type_text(&mut app, "merged on Friday");
    let drafts = app
        .unsaved(clock().now())
        .check_ins
        .expect("the note is unsaved")
        .drafts;
    assert_eq!(drafts[0].note, "merged on Friday");
    assert_eq!(drafts[0].outcome, Some(crate::session::Outcome::Done));
    // Esc goes back to the choice and keeps the note; choosing again brings it back.
    act(&mut app, Action::Dismiss);
    act(&mut app, Action::MarkDone);
    let Screen::CheckIn(state) = &app.screen else {
        panic!()
    };
    assert_eq!(state.field.text(), "merged on Friday");

    // A later run, with the drafts read from disk: the check-in opens where it was left.
    let mut later = super::App::new(Theme::mono(), clock().now(), script());
    later.update(Msg::CheckInDrafts(drafts.clone()));
    assert!(
        later
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("press c to go on"))
    );
    due(&mut later);
    act(&mut later, Action::CheckIn);
    later.update(Msg::CheckInBegun(drafts, None));
    let Screen::CheckIn(state) = &later.screen else {
        panic!()
    };
    assert_eq!(state.stage, Stage::Note(crate::session::Outcome::Done, None));
    assert_eq!(state.field.text(), "merged on Friday");
    let effects = act(&mut later, Action::Accept);
    let Some(Effect::CheckIn {
        session,
        index,
        action,
        note,
        ..
    }) = effects.first()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(note, "merged on Friday");
    let reply = |result| Msg::CheckedIn {
        session: session.clone(),
        index: *index,
        action: action.clone(),
        result,
    };
    // Not written (the session is open elsewhere): the note stays for the next check-in.
    later.update(reply(Err(Failure::new(
        FailureKind::LockedElsewhere,
        "session s1 is open in another ownup window",
    ))));
    assert!(
        later
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("what you wrote is kept"))
    );
    assert_eq!(later.check_ins.drafts.len(), 1);
    later.update(reply(Ok(())));
    let left = later
        .unsaved(clock().now())
        .check_ins
        .expect("the drafts changed");
    assert!(left.drafts.is_empty(), "recorded: no longer a draft");
}

#[test]
fn a_path_typed_in_the_export_dialog_is_not_thrown_away_by_esc() {
    let mut app = app();
    app.rescue_dir = PathBuf::from("/home/me");
    let session = Session::new("20261122-234501".into(), &script(), clock().now());
    app.update(Msg::Viewing(Box::new(session), PathBuf::from("/s/x.ron"), vec![]));
    act(&mut app, Action::Export);
    let field_text = |app: &App| match &app.modal {
        Some(Modal::ExportPath { field, .. }) => field.text(),
        other => panic!("{other:?}"),
    };
    assert_eq!(field_text(&app), "/home/me/ownup-20261122-234501.md");
    app.update(Msg::Paste("-for-sam".into()));
    act(&mut app, Action::Dismiss);
    assert!(app.modal.is_none());
    act(&mut app, Action::Export);
    assert_eq!(field_text(&app), "/home/me/ownup-20261122-234501.md-for-sam");
}

#[test]
fn a_save_that_never_ends_does_not_hold_a_quit_for_ever() {
    let mut app = writing_app();
    app.other_fs_dir = Some(PathBuf::from("/run/user/1000"));
    type_text(&mut app, "words");
    let quitting = act(&mut app, Action::Interrupt);
    assert!(matches!(
        quitting.as_slice(),
        [Effect::Save {
            after: After::Quit,
            ..
        }]
    ));
    // No reply comes: the disk does not answer.
    app.update(Msg::SaveStalled);
    let rescue = w(&app).rescue.as_ref().expect("the way out is offered");
    assert!(
        rescue.error.contains("the disk may not be answering"),
        "{}",
        rescue.error
    );
    act(&mut app, Action::WriteElsewhere);
    assert!(
        matches!(&w(&app).rescue, Some(Rescue { path: Some(f), .. }) if f.text().starts_with("/run/user/1000/"))
    );

    // Stalled before Ctrl-C: the dialog comes at once, with no second save queued.
    let mut app = writing_app();
    type_text(&mut app, "words");
    let autosave = app.update(Msg::AutosaveDue);
    assert_eq!(autosave.len(), 1);
    app.update(Msg::SaveStalled);
    assert!(w(&app).rescue.is_none(), "not quitting: only said");
    assert!(act(&mut app, Action::Interrupt).is_empty());
    assert!(w(&app).rescue.is_some());
}

#[test]
fn a_typed_path_starting_with_a_tilde_is_in_the_home_directory() {
    let home = std::path::Path::new("/home/me");
    assert_eq!(
        super::typed_path("~/notes.md", home),
        PathBuf::from("/home/me/notes.md")
    );
    assert_eq!(super::typed_path("~", home), PathBuf::from("/home/me"));
    assert_eq!(super::typed_path("~sam/x", home), PathBuf::from("~sam/x"));
    assert_eq!(super::typed_path("/tmp/x", home), PathBuf::from("/tmp/x"));
}

/// A script with the check-ins around two questions, as own-it has them.
fn feeling_script() -> Script {
    Script::parse(
        r#"Script(name: "f", title: "Feelings", steps: [
            Step(id: "a", title: "A", prompts: [
                Prompt(id: "start", ask: "How are you feeling about it right now?", kind: Feeling),
                Prompt(id: "one", ask: "One?", required: true),
            ]),
            Step(id: "b", title: "B", prompts: [
                Prompt(id: "two", ask: "Two?"),
                Prompt(id: "end", ask: "And now?", kind: Feeling),
            ]),
        ])"#,
        Origin::BuiltIn("f".into()),
    )
    .unwrap()
}

fn feeling_app() -> App {
    let mut app = app();
    let session = Session::new("20261122-234501".into(), &feeling_script(), clock().now());
    app.update(opened(session, None));
    app
}

fn key(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Input(Input {
        key: Key::Char(c),
        ..Input::default()
    }))
}

#[test]
fn the_opening_check_in_takes_a_number_and_says_what_it_expects_otherwise() {
    let mut app = feeling_app();
    assert_eq!(w(&app).kind(), crate::script::Kind::Feeling);
    key(&mut app, 'x');
    assert_eq!(
        w(&app).notice.as_deref(),
        Some("Press a number from 1 to 5, or n to stop here for now.")
    );
    key(&mut app, '9');
    assert_eq!(w(&app).session.answer(Position::default()), "", "out of range");
    key(&mut app, '2');
    assert_eq!(w(&app).session.answer(Position::default()), "2");
    assert!(w(&app).notice.is_none());
    assert_eq!(w(&app).session.feelings(), (Some(2), None));
    assert_eq!(
        w(&app).session.answered_steps(),
        0,
        "a feeling alone answers no step"
    );
    assert!(!w(&app).session.step_is_done(0));
}

#[test]
fn not_now_keeps_the_draft_with_a_time_to_come_back() {
    let mut app = feeling_app();
    key(&mut app, '1');
    key(&mut app, 'n');
    assert!(matches!(app.modal, Some(Modal::ComeBack { selected: 0 })));
    assert_eq!(app.context(), Context::ComeBack);
    // Esc goes back to writing, nothing changed.
    act(&mut app, Action::Dismiss);
    assert!(app.modal.is_none());
    assert!(w(&app).session.come_back.is_none());
    // It is 23:45: no evening left, so the first choice is tomorrow morning.
    key(&mut app, 'n');
    let choices = crate::tui::app::come_back_choices(clock().now());
    assert_eq!(choices[0].0, "Tomorrow morning");
    act(&mut app, Action::Down);
    let effects = act(&mut app, Action::Accept);
    let session = saved_session(&effects);
    assert_eq!(
        session.come_back,
        Some(DateTime::parse_from_rfc3339("2026-11-25T09:00:00+01:00").unwrap()),
        "in a few days"
    );
    assert_eq!(session.status, Status::Draft);
    assert_eq!(session.answer(Position::default()), "1");
    save_ok(&mut app, effects);
    assert!(matches!(app.screen, Screen::Home));
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some(
            "Kept as a draft. ownup will offer it again on Wed 25 Nov at 09:00. Take care of yourself meanwhile."
        )
    );
    // F4 offers the same from any question.
    let mut app = feeling_app();
    act(&mut app, Action::NextPrompt);
    act(&mut app, Action::NotNow);
    assert!(matches!(app.modal, Some(Modal::ComeBack { .. })));
}

#[test]
fn a_draft_whose_time_has_come_is_offered_first_and_the_reminder_is_then_done() {
    let draft = |id: &str, hours_ago: i64, come_back: Option<i64>| {
        let Entry::Session(mut s) = summary(id, Status::Draft) else {
            panic!()
        };
        s.updated = clock().now() - chrono::Duration::hours(hours_ago);
        s.come_back = come_back.map(|h| Box::new(clock().now() + chrono::Duration::hours(h)));
        Entry::Session(s)
    };
    // A recent draft, one not yet due, and one due since an hour: the due one.
    let mut app = app();
    app.update(Msg::Listed(Ok(vec![
        draft("recent", 1, None),
        draft("later", 2, Some(5)),
        draft("due", 72, Some(-1)),
    ])));
    let Some(Modal::ResumeOffer { id, come_back, .. }) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert_eq!(id, "due");
    assert!(come_back.is_some());
    // Not yet due, old or recent: nothing (the person said when).
    let mut app = self::app();
    app.update(Msg::Listed(Ok(vec![draft("later", 30, Some(5))])));
    assert!(app.modal.is_none());
    let mut app = self::app();
    app.update(Msg::Listed(Ok(vec![draft("later", 1, Some(5))])));
    assert!(app.modal.is_none());
    // Opened once due: the reminder is cleared and saved as done.
    let mut s = Session::new("20261122-234501".into(), &script(), clock().now());
    s.come_back = Some(clock().now() - chrono::Duration::minutes(5));
    let mut app = self::app();
    app.update(opened(s, Some("/data/sessions/20261122-234501.ron")));
    assert!(w(&app).session.come_back.is_none());
    assert!(w(&app).needs_saving());
}

#[test]
fn finishing_asks_the_closing_check_in_once_and_never_requires_it() {
    let mut app = feeling_app();
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "I broke it.");
    let effects = act(&mut app, Action::Finish);
    assert_eq!(
        w(&app).pos,
        Position { step: 1, prompt: 1 },
        "brought to the check-in"
    );
    assert_eq!(
        w(&app).notice.as_deref(),
        Some("One last question before you finish (Ctrl-S again finishes without it).")
    );
    save_ok(&mut app, effects);
    // Unanswered, Ctrl-S again finishes.
    let effects = act(&mut app, Action::Finish);
    assert_eq!(saved_session(&effects).status, Status::Complete);
    assert_eq!(saved_session(&effects).feelings(), (None, None));

    // Answered, and finishing from elsewhere: not asked.
    let mut app = feeling_app();
    key(&mut app, '2');
    act(&mut app, Action::NextPrompt);
    type_text(&mut app, "I broke it.");
    act(&mut app, Action::NextPrompt);
    act(&mut app, Action::NextPrompt);
    key(&mut app, '4');
    act(&mut app, Action::PrevPrompt);
    let effects = act(&mut app, Action::Finish);
    let effects: Vec<Effect> = effects
        .into_iter()
        .filter(|e| {
            matches!(
                e,
                Effect::Save {
                    after: After::Summary,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(saved_session(&effects).feelings(), (Some(2), Some(4)));
    assert_eq!(
        saved_session(&effects).feelings_words().as_deref(),
        Some("heavy (2) at the start, fairly steady (4) at the end")
    );
}

#[test]
fn a_letter_on_a_scale_or_a_choice_says_what_it_takes() {
    let mut app = app();
    let script = Script::parse(
        r#"Script(name: "s", title: "S", steps: [Step(id: "a", title: "A", prompts: [
            Prompt(id: "size", ask: "How big?", kind: Scale(1, 5)),
            Prompt(id: "pick", ask: "Which?", kind: Choice(["x", "y"])),
        ])])"#,
        Origin::BuiltIn("s".into()),
    )
    .unwrap();
    app.update(opened(
        Session::new("20261122-234501".into(), &script, clock().now()),
        None,
    ));
    key(&mut app, 'q');
    assert_eq!(
        w(&app).notice.as_deref(),
        Some("Press a number from 1 to 5, or ←→ to choose.")
    );
    act(&mut app, Action::NextPrompt);
    key(&mut app, 'q');
    assert_eq!(
        w(&app).notice.as_deref(),
        Some("Press a number from 1 to 2, or ↑↓ to choose.")
    );
}

#[test]
fn fixes_from_an_attacker_run_on_the_check_ins() {
    // ↑ goes up the list of feelings (towards 1), as in a choice.
    let mut app = feeling_app();
    key(&mut app, '3');
    app.update(Msg::Input(Input {
        key: Key::Up,
        ..Input::default()
    }));
    assert_eq!(w(&app).session.answer(Position::default()), "2");
    app.update(Msg::Input(Input {
        key: Key::Down,
        ..Input::default()
    }));
    app.update(Msg::Input(Input {
        key: Key::Down,
        ..Input::default()
    }));
    assert_eq!(w(&app).session.answer(Position::default()), "4");
    // An out-of-range value edited by hand counts as nothing picked.
    let mut s = Session::new("20261122-234501".into(), &feeling_script(), clock().now());
    s.set_answer(Position::default(), "9".into());
    let mut app = self::app();
    app.update(opened(s, None));
    app.update(Msg::Input(Input {
        key: Key::Down,
        ..Input::default()
    }));
    assert_eq!(w(&app).session.answer(Position::default()), "1");
    // A reminder is done once the draft is opened, even before its time.
    let mut s = Session::new("20261122-234501".into(), &feeling_script(), clock().now());
    s.come_back = Some(clock().now() + chrono::Duration::days(2));
    let mut app = self::app();
    app.update(opened(s, Some("/data/sessions/20261122-234501.ron")));
    assert!(w(&app).session.come_back.is_none());
    assert!(w(&app).needs_saving());
    // No "not now" for a finished session.
    let mut s = Session::new("20261122-234501".into(), &feeling_script(), clock().now());
    s.complete(clock().now());
    let mut app = self::app();
    app.update(opened(s, Some("/data/sessions/20261122-234501.ron")));
    act(&mut app, Action::NotNow);
    assert!(app.modal.is_none());
    assert!(w(&app).notice.as_deref().is_some_and(|n| n.contains("finished")));
}

mod home;
