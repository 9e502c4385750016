//! Snapshots of every screen at 80x24 and at the narrowest supported size, 40x12.

use std::path::PathBuf;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};

use crate::clock::Clock;
use crate::script::Script;
use crate::session::{Position, Session, Status};
use crate::store::{Entry, LoadError, Summary};
use crate::tui::app::{App, Msg, Opened, type_text};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;

/// Every screen and dialog is drawn at each of these: a small terminal, the classic one, a
/// large one. (The smallest ownup draws at, 40x12, is checked by tests of its own.)
const SIZES: [(u16, u16); 3] = [(50, 15), (80, 24), (120, 40)];

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap())
}

fn app(size: (u16, u16)) -> App {
    let mut app = App::new(Theme::mono(), clock().now(), Script::default_script());
    app.update(Msg::Resize(size.0, size.1));
    app
}

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    let mut state = super::RenderState::default();
    terminal
        .draw(|frame| super::draw(app, &mut state, frame))
        .unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &App) {
    let (w, h) = app.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app));
}

fn opened(session: Session) -> Msg {
    Msg::Opened(Box::new(Opened {
        session,
        path: None,
        guide: Some(Script::default_script()),
    }))
}

fn session() -> Session {
    Session::new("20261122-234501".into(), &Script::default_script(), clock().now())
}

fn answered_session() -> Session {
    let mut s = session();
    let at = |s: &Session, step, prompt| s.prompt_at(step, prompt).unwrap();
    s.set_answer(
        at(&s, "acknowledge", "what"),
        "I deployed the payments service on Friday evening without running the migration check.".into(),
    );
    s.set_answer(
        at(&s, "acknowledge", "impact"),
        "Checkout failed for 20 minutes.".into(),
    );
    s.set_answer(at(&s, "acknowledge", "my-part"), "I skipped the check.".into());
    s.set_answer(at(&s, "acknowledge", "feeling-start"), "2".into());
    s.set_answer(
        at(&s, "act", "contain"),
        "Rolled back at 18:20.\nPosted in #incidents.".into(),
    );
    s
}

fn entries() -> Vec<Entry> {
    let summary = |id: &str, status, title: &str| {
        let s = session();
        let started = chrono::NaiveDateTime::parse_from_str(&id[..15], "%Y%m%d-%H%M%S")
            .unwrap()
            .and_local_timezone(*s.started.offset())
            .unwrap();
        Entry::Session(Summary {
            id: id.into(),
            status,
            started,
            updated: s.updated,
            script: if id.starts_with("202610") {
                crate::store::ScriptLabel::shared("quick", &s.script.title)
            } else {
                crate::store::ScriptLabel::shared(&s.script.name, &s.script.title)
            },
            title: title.into(),
            answered_steps: 2,
            total_steps: 6,
            open_commitments: Box::new([]),
            come_back: None,
        })
    };
    vec![
        summary(
            "20261122-234501",
            Status::Draft,
            "I deployed the payments service on Friday evening without…",
        ),
        Entry::Unreadable {
            id: "20261120-090000".into(),
            error: Box::new(LoadError::Empty {
                path: PathBuf::from("/s/20261120-090000.ron"),
            }),
        },
        summary(
            "20261118-101500",
            Status::Complete,
            "Missed the deadline for the Q3 report",
        ),
        summary("20261101-080000", Status::Complete, ""),
        summary(
            "20261030-190000",
            Status::Complete,
            "Snapped at Sam in the standup",
        ),
        summary(
            "20261002-083000",
            Status::Draft,
            "Forgot to renew the TLS certificate",
        ),
    ]
}

/// The home screen with those entries, the resume offer dismissed.
fn home_app(size: (u16, u16)) -> App {
    let mut app = app(size);
    app.update(Msg::Listed(Ok(entries())));
    app.update(Msg::Action(Action::Dismiss));
    app
}

/// The answers of [`entries`], as the store's index would find them.
fn answers() -> Vec<(crate::session::SessionId, String)> {
    vec![
        (
            "20261118-101500".into(),
            "The client waited a week.\nI told my manager too late.".into(),
        ),
        (
            "20261030-190000".into(),
            "I apologised to Sam after the standup.".into(),
        ),
    ]
}

/// Types into the search box, answering each lookup of words as the index would.
fn type_search(app: &mut App, text: &str) {
    for c in text.chars() {
        let mut effects = app.update(Msg::Input(Input {
            key: Key::Char(c),
            ..Input::default()
        }));
        while let Some(crate::tui::app::Effect::FindWords { generation, words }) = effects.pop() {
            let ids = crate::search::ids_matching(&answers(), &words);
            let found = answers().into_iter().filter(|(id, _)| ids.contains(id)).collect();
            effects.extend(app.update(Msg::WordsFound {
                generation,
                words,
                ids,
                answers: found,
            }));
        }
    }
}

#[test]
fn search_results() {
    for size in SIZES {
        let mut app = home_app(size);
        app.update(Msg::Action(Action::Search));
        type_search(&mut app, "sam");
        snapshot("search_sam", &app);
        app.update(Msg::Input(Input {
            key: Key::Char('u'),
            ctrl: true,
            ..Input::default()
        }));
        type_search(&mut app, "manager status:complete");
        snapshot("search_answer", &app);
        app.update(Msg::Input(Input {
            key: Key::Char('u'),
            ctrl: true,
            ..Input::default()
        }));
        type_search(&mut app, "nothing like this");
        snapshot("search_none", &app);
    }
}

#[test]
fn reading_a_past_session_and_the_delete_and_export_dialogs() {
    for size in SIZES {
        let mut app = app(size);
        app.rescue_dir = PathBuf::from("/home/me");
        let mut s = answered_session();
        s.complete(s.started);
        app.update(Msg::Viewing(
            Box::new(s),
            PathBuf::from("/home/me/.local/share/ownup/sessions/20261122-234501.ron"),
            vec![],
        ));
        snapshot("detail", &app);
        app.update(Msg::Action(Action::Help));
        snapshot("help_reader", &app);
        app.update(Msg::Action(Action::Close));
        app.update(Msg::Action(Action::Delete));
        snapshot("delete_confirm", &app);
        app.update(Msg::Action(Action::Dismiss));
        app.update(Msg::Action(Action::Export));
        snapshot("export_dialog", &app);
    }
}

#[test]
fn home_empty() {
    for size in SIZES {
        let mut app = app(size);
        app.update(Msg::Listed(Ok(vec![])));
        snapshot("home_empty", &app);
    }
}

#[test]
fn script_picker() {
    for size in SIZES {
        let mut app = app(size);
        app.scripts = Script::built_in_names().filter_map(Script::built_in).collect();
        app.update(Msg::Listed(Ok(vec![])));
        app.update(Msg::Action(Action::New));
        app.update(Msg::Action(Action::Down));
        snapshot("script_picker", &app);
    }
}

#[test]
fn a_long_script_list_keeps_the_highlighted_one_and_the_keys_in_view() {
    let mut app = app((40, 12));
    let mut scripts: Vec<Script> = Script::built_in_names().filter_map(Script::built_in).collect();
    for n in 0..9 {
        let mut extra = Script::default_script();
        extra.name = format!("team-{n}");
        extra.title = format!("Team script {n}");
        scripts.push(extra);
    }
    app.scripts = scripts;
    app.update(Msg::Listed(Ok(vec![])));
    app.update(Msg::Action(Action::New));
    for _ in 0..7 {
        app.update(Msg::Action(Action::Down));
    }
    let screen = render(&app);
    assert!(screen.contains("▸ Team script 4"), "{screen}");
    assert!(screen.contains("Six steps from"), "{screen}");
    assert!(screen.contains("Enter start"), "{screen}");
    assert!(!screen.contains("Which script?"), "{screen}");
}

#[test]
fn the_start_line_says_what_n_does_at_every_size() {
    let several = || {
        Script::built_in_names()
            .filter_map(Script::built_in)
            .collect::<Vec<_>>()
    };
    for (size, one, many) in [
        (
            (50, 15),
            " n  new session: Own a mistake · 6 steps",
            " n  new session — choose a script",
        ),
        (
            (80, 24),
            " n  new session: Own a mistake · 6 steps",
            " n  new session — choose a script (Own a mistake is the default)",
        ),
        (
            (120, 40),
            " n  new session: Own a mistake · 6 steps",
            " n  new session — choose a script (Own a mistake is the default)",
        ),
        (
            (40, 12),
            " n  new session: Own a mistake · 6 steps",
            " n  new session — choose a script",
        ),
    ] {
        for (scripts, want) in [(vec![Script::default_script()], one), (several(), many)] {
            let mut app = app(size);
            app.scripts = scripts;
            app.update(Msg::Listed(Ok(vec![])));
            let screen = render(&app);
            let line = screen.lines().nth(3).unwrap_or_default();
            assert_eq!(line.trim_matches('"').trim_end(), want, "{size:?}:\n{screen}");
        }
    }
}

#[test]
fn deleting_from_home_names_the_session_and_offers_the_way_back() {
    for size in SIZES {
        let mut app = home_app(size);
        app.update(Msg::Action(Action::Delete));
        snapshot("home_delete_confirm", &app);
        app.update(Msg::Action(Action::Accept));
        app.update(Msg::Trashed(Ok("20261122-234501".into())));
        snapshot("home_deleted", &app);
    }
}

#[test]
fn home_with_sessions() {
    for size in SIZES {
        let mut app = app(size);
        app.update(Msg::Listed(Ok(entries())));
        snapshot("resume_offer", &app);
        app.update(Msg::Action(Action::Dismiss));
        app.update(Msg::Action(Action::Down));
        app.update(Msg::Action(Action::Open));
        snapshot("home_sessions", &app);
    }
}

#[test]
fn session_first_prompt() {
    for size in SIZES {
        let mut app = app(size);
        app.update(opened(session()));
        snapshot("session_start", &app);
    }
}

#[test]
fn session_mid_way_with_text() {
    for size in SIZES {
        let mut app = app(size);
        let mut s = answered_session();
        s.position = Position { step: 1, prompt: 1 };
        app.update(opened(s));
        type_text(&mut app, "My manager, now.\nThe support team, within the hour.");
        snapshot("session_writing", &app);
    }
}

#[test]
fn a_long_answer_wraps_at_spaces_and_shows_its_end() {
    for size in SIZES {
        let mut app = app(size);
        let mut s = answered_session();
        s.position = Position { step: 0, prompt: 1 };
        app.update(opened(s));
        type_text(
            &mut app,
            " I merged the release branch without running the integration suite, because I was \
             in a hurry . The deploy broke checkout for everyone for about forty minutes, and I \
             saw it much later. That is on me , and I am sorry.",
        );
        snapshot("session_long_answer", &app);
    }
}

#[test]
fn session_required_notice() {
    for size in SIZES {
        let mut app = app(size);
        app.update(opened(session()));
        app.update(Msg::Action(Action::Finish));
        snapshot("session_required", &app);
    }
}

#[test]
fn summary_after_finishing() {
    for size in SIZES {
        let mut app = app(size);
        app.update(opened(answered_session()));
        let effects = app.update(Msg::Action(Action::Finish));
        assert!(effects.is_empty(), "required prompts are missing");
        // Fill the required ones, then finish.
        type_text(&mut app, "That I skipped the check.");
        app.update(Msg::Action(Action::Finish));
        type_text(&mut app, "Fix the orders by hand tonight.");
        app.update(Msg::Action(Action::Finish));
        type_text(&mut app, "Add a migration check to CI — me — by Friday");
        // Finishing first brings the closing check-in, once.
        app.update(Msg::Action(Action::Finish));
        type_text(&mut app, "4");
        let effects = app.update(Msg::Action(Action::Finish));
        let [
            crate::tui::app::Effect::Save {
                snapshot: saved,
                after,
            },
        ] = effects.as_slice()
        else {
            panic!("{effects:?}")
        };
        app.update(Msg::Saved {
            id: saved.session.id.clone(),
            mark: saved.mark,
            kept_outside: None,
            after: *after,
            result: Ok(PathBuf::from(
                "/home/me/.local/share/ownup/sessions/20261122-234501.ron",
            )),
        });
        snapshot("summary", &app);
    }
}

#[test]
fn help_over_the_session_and_the_home_screen() {
    for size in SIZES {
        let mut app = app(size);
        app.update(opened(session()));
        app.update(Msg::Action(Action::Help));
        snapshot("help_session", &app);
        let mut app = self::app(size);
        app.update(Msg::Listed(Ok(entries())));
        app.update(Msg::Action(Action::Dismiss));
        app.update(Msg::Action(Action::Help));
        snapshot("help_home", &app);
    }
}

#[test]
fn too_small() {
    for size in [(39, 12), (80, 11), (20, 5)] {
        let mut app = app(size);
        app.update(opened(session()));
        snapshot("too_small", &app);
    }
}

#[test]
fn search_highlights_are_styled_on_the_matched_characters() {
    let mut app = home_app((80, 24));
    app.update(Msg::Action(Action::Search));
    type_search(&mut app, "sam");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| super::draw(&app, &mut super::RenderState::default(), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let row = (0..24u16)
        .find(|&y| {
            (0..80u16)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Snapped at Sam")
        })
        .expect("the result row");
    let line: String = (0..80u16).map(|x| buffer[(x, row)].symbol()).collect();
    let byte = line.find("Sam in").unwrap();
    let start = line[..byte].chars().count() as u16;
    let highlight = Theme::mono().highlight;
    for x in start..start + 3 {
        let cell = &buffer[(x, row)];
        assert!(
            cell.modifier.contains(highlight.add_modifier),
            "{:?} at {x} is highlighted",
            cell.symbol()
        );
    }
    let after = &buffer[(start + 4, row)];
    assert!(
        !after.modifier.contains(ratatui::style::Modifier::UNDERLINED),
        "only the match"
    );
}

#[test]
fn choice_scale_and_commitment_prompts() {
    let library = crate::library::Library::load(std::path::Path::new("/nonexistent"));
    let quick = library.get("quick").unwrap().script.clone();
    let mut quick_session = Session::new("20261122-234501".into(), &quick, clock().now());
    quick_session.set_answer(Position { step: 0, prompt: 1 }, "3".into());
    quick_session.set_answer(
        Position { step: 1, prompt: 1 },
        "Not yet: I will tell them today".into(),
    );
    for (size, (name, pos)) in SIZES
        .into_iter()
        .flat_map(|size| [(size, ("scale", (0, 1))), (size, ("choice", (1, 1)))])
    {
        let mut app = app(size);
        let mut s = quick_session.clone();
        s.position = Position {
            step: pos.0,
            prompt: pos.1,
        };
        app.update(Msg::Opened(Box::new(Opened {
            session: s,
            path: None,
            guide: Some(quick.clone()),
        })));
        snapshot(&format!("kind_{name}"), &app);
    }
    for size in SIZES {
        let mut app = app(size);
        let mut s = session();
        s.position = Position { step: 4, prompt: 0 };
        app.update(opened(s));
        type_text(
            &mut app,
            "Add a migration check to CI — me — by Friday\nTell the team | Sam | 2026-12-01\n\
             Write the runbook — me — by Dec 4\nPair on the next release — Kim — next week\n\
             Review the alerts — me — end of month",
        );
        snapshot("kind_commitment", &app);
    }
}

#[test]
fn the_check_in_screen_and_the_reminder() {
    use crate::store::OpenCommitment;
    for size in SIZES {
        let mut app = app(size);
        let mut entries = entries();
        if let Entry::Session(s) = &mut entries[0] {
            s.open_commitments = Box::new([
                OpenCommitment {
                    index: 0,
                    action: "Add a migration check to CI".into(),
                    owner: "me".into(),
                    due: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
                    check_from: None,
                    plan: false,
                },
                OpenCommitment {
                    index: 1,
                    action: "Tell the support team what changed".into(),
                    owner: "Sam".into(),
                    due: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
                    check_from: None,
                    plan: false,
                },
                OpenCommitment {
                    index: 2,
                    action: "Not due yet".into(),
                    owner: "me".into(),
                    due: chrono::NaiveDate::from_ymd_opt(2026, 12, 22),
                    check_from: None,
                    plan: false,
                },
            ]);
        }
        app.update(Msg::Listed(Ok(entries)));
        app.update(Msg::Action(Action::Dismiss));
        snapshot("home_due", &app);
        assert_eq!(
            app.update(Msg::Action(Action::CheckIn)),
            [crate::tui::app::Effect::BeginCheckIn]
        );
        app.update(Msg::CheckInBegun(vec![], None));
        snapshot("check_in", &app);
        app.update(Msg::Action(Action::Help));
        snapshot("help_check_in", &app);
        app.update(Msg::Action(Action::Close));
        app.update(Msg::Action(Action::MarkDone));
        app.update(Msg::Action(Action::DoneOn));
        type_text(&mut app, "yesterday");
        app.update(Msg::Action(Action::Accept));
        snapshot("check_in_done_on", &app);
        app.update(Msg::Action(Action::Dismiss));
        app.update(Msg::Action(Action::NotYet));
        type_text(&mut app, "someday");
        app.update(Msg::Action(Action::Accept));
        snapshot("check_in_bad_date", &app);
    }
}

#[test]
fn the_apology_builder() {
    for size in SIZES {
        let mut app = app(size);
        let mut s = answered_session();
        s.position = Position { step: 2, prompt: 0 };
        app.update(opened(s));
        app.update(Msg::Action(Action::Apology));
        type_text(&mut app, "Sam");
        app.update(Msg::Action(Action::NextPrompt));
        type_text(&mut app, "the report went out with last month's numbers");
        app.update(Msg::Action(Action::NextPrompt));
        type_text(&mut app, "you had to redo the planning");
        snapshot("apology_builder", &app);
        // Esc with changes asks what to do with them.
        app.update(Msg::Action(Action::Dismiss));
        snapshot("apology_close", &app);
    }
}

#[test]
fn the_way_out_when_text_cannot_be_saved() {
    for size in SIZES {
        let mut app = app(size);
        app.rescue_dir = PathBuf::from("/home/me");
        let mut s = session();
        s.position = s.prompt_at("acknowledge", "what").unwrap();
        app.update(opened(s));
        type_text(&mut app, " and more");
        let effects = app.update(Msg::Action(Action::Interrupt));
        let [
            crate::tui::app::Effect::Save {
                snapshot: saved,
                after,
            },
        ] = effects.as_slice()
        else {
            panic!("expected one save, got {effects:?}");
        };
        app.update(Msg::Saved {
            id: saved.session.id.clone(),
            mark: saved.mark,
            after: *after,
            result: Err(crate::tui::app::Failure::other(
                "No space left on device (os error 28)",
            )),
            kept_outside: None,
        });
        snapshot("rescue", &app);
    }
}

#[test]
fn the_stats_panel() {
    use crate::session::Outcome;
    let script = Script::default_script();
    let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
    let mut sessions = Vec::new();
    for (i, month) in [
        "2026-06-10",
        "2026-09-03",
        "2026-09-20",
        "2026-11-02",
        "2026-11-15",
        "2026-11-20",
    ]
    .iter()
    .enumerate()
    {
        let started = at(&format!("{month}T10:00:00+01:00"));
        let mut s = Session::new(
            format!("{}-100000", month.replace('-', "")).into(),
            &script,
            started,
        );
        s.set_answer(
            Position { step: 3, prompt: 1 },
            "Time pressure; no review; the checklist was out of date.".into(),
        );
        s.set_answer(
            Position { step: 4, prompt: 0 },
            "Add a review step — me — in 3 days".into(),
        );
        s.sync_commitments(started.date_naive());
        let (Some(start), Some(end)) = s.feeling_positions() else {
            panic!("the default script has its check-ins");
        };
        s.set_answer(start, ["2", "1", "3"][i % 3].into());
        s.set_answer(end, ["3", "3", "4"][i % 3].into());
        if i % 2 == 0 {
            s.check_in(
                0,
                Outcome::Done,
                None,
                String::new(),
                started + chrono::Duration::days(2),
            );
        }
        sessions.push(s);
    }
    let stats = crate::stats::Stats::of(&sessions, clock().now().date_naive());
    for size in SIZES {
        let mut app = app(size);
        app.update(Msg::Listed(Ok(vec![])));
        assert_eq!(
            app.update(Msg::Action(Action::Stats)),
            [crate::tui::app::Effect::LoadStats]
        );
        app.update(Msg::StatsReady(Box::new(stats.clone())));
        snapshot("stats", &app);
        app.update(Msg::Action(Action::Help));
        snapshot("help_stats", &app);
    }
}

#[test]
fn indented_text_breaks_at_spaces_and_hangs_under_its_indent() {
    assert_eq!(
        super::indented("Three short steps for a small slip", "  ", 14),
        vec!["  Three short", "  steps for a", "  small slip"]
    );
    assert_eq!(super::indented("", "  ", 10), Vec::<String>::new());
    // A word wider than the line stays whole; the paragraph breaks it.
    assert_eq!(
        super::indented("a incomprehensibilities b", "", 6),
        vec!["a", "incomprehensibilities", "b"]
    );
    // Width is counted in columns, not bytes.
    assert_eq!(super::indented("été été été", "", 7), vec!["été été", "été"]);
}

#[test]
fn no_cell_holds_a_character_the_terminal_would_act_on() {
    let mut s = session();
    s.set_answer(
        s.prompt_at("acknowledge", "what").unwrap(),
        "owned \u{202e}txt.exe\u{2066} \x1b]0;pwned\x07 \u{9b}2J".into(),
    );
    s.position = s.prompt_at("acknowledge", "what").unwrap();
    // The header draws the script's title as a line of its own, where ratatui keeps zero-width
    // characters (it hangs them on the cell before).
    s.script.title = "Own \u{202e}it\x1b]2;pwned\x07".into();
    let mut app = app((80, 24));
    app.update(opened(s));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| super::draw(&app, &mut super::RenderState::default(), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let acted_on: Vec<&str> = buffer
        .content
        .iter()
        .map(|cell| cell.symbol())
        .filter(|symbol| symbol.contains(crate::output::needs_escape))
        .collect();
    assert_eq!(acted_on, Vec::<&str>::new(), "{}", render(&app));
    // The rest of the answer is there, in the order it was written.
    let screen = render(&app);
    assert!(screen.contains("owned txt.exe ]0;pwned 2J"), "{screen}");
    assert!(screen.contains("ownup · Own it]2;pwned"), "{screen}");
}

#[test]
fn scrub_empties_a_cell_set_directly_to_a_control() {
    let mut buffer = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 3, 1));
    buffer[(0, 0)].set_symbol("\x1b");
    buffer[(1, 0)].set_symbol("a\u{202e}");
    buffer[(2, 0)].set_symbol("é");
    super::scrub(&mut buffer);
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    assert_eq!(symbols, [" ", "a", "é"]);
}

#[test]
fn not_now_and_a_session_open_elsewhere() {
    for size in SIZES {
        let mut app = app(size);
        app.update(opened(session()));
        app.update(Msg::Action(Action::NotNow));
        snapshot("come_back", &app);
        let mut app = home_app(size);
        app.update(Msg::LockedElsewhere("20261122-234501".into()));
        snapshot("locked", &app);
    }
}

#[test]
fn the_home_screen_says_when_the_sessions_are_encrypted() {
    let mut app = home_app((80, 24));
    assert!(!render(&app).contains("encrypted"));
    app.encrypted = true;
    assert!(
        render(&app).contains(" Sessions (6) · encrypted"),
        "{}",
        render(&app)
    );
}
