//! Property tests of the two parsers and the session file format: arbitrary input never panics,
//! and any session survives a save and a load exactly.

use std::path::Path;

use proptest::prelude::*;

use ownup::script::{Origin, Script};
use ownup::session::{Position, Session, Status};
use ownup::store::{SessionStore, parse_session, to_ron};

fn base_session() -> Session {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
    Session::new("20261122-234501".into(), &Script::default_script(), now)
}

/// Answers of every kind: any Unicode (control characters, quotes, `"#`, CR), empty ones,
/// and now and then a very long one.
fn answer() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[\"#\\\\\r\n\t a-zé漢🙂]{0,40}",
        1 => Just(String::new()),
        1 => (1usize..4).prop_map(|n| "long line of words, ".repeat(n * 2500)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_script_parser_never_panics(text in any::<String>()) {
        let _ = Script::parse(&text, Origin::BuiltIn("fuzz".into()));
    }

    #[test]
    fn the_script_parser_never_panics_on_near_miss_ron(text in "[A-Za-z(){}\\[\\]:, \"0-9\n]{0,200}") {
        let _ = Script::parse(&format!("Script({text})"), Origin::BuiltIn("fuzz".into()));
    }

    #[test]
    fn the_session_parser_never_panics(text in any::<String>()) {
        let _ = parse_session(&text, Path::new("fuzz.ron"));
    }

    #[test]
    fn damaged_session_files_are_errors_not_panics(cut in 0usize..4000, at in 0usize..4000, byte in any::<char>()) {
        let text = to_ron(&base_session()).unwrap();
        let cut = cut.min(text.len());
        let truncated: String = text.chars().take(cut).collect();
        let _ = parse_session(&truncated, Path::new("20261122-234501.ron"));
        let mut damaged: Vec<char> = text.chars().collect();
        let at = at % damaged.len();
        damaged[at] = byte;
        let damaged: String = damaged.into_iter().collect();
        let _ = parse_session(&damaged, Path::new("20261122-234501.ron"));
    }

    #[test]
    fn any_session_round_trips_through_a_file(
        answers in proptest::collection::vec(answer(), 21),
        complete in any::<bool>(),
        step in 0usize..6,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::open(dir.path()).unwrap();
        let mut session = base_session();
        let positions: Vec<Position> = session.positions().collect();
        prop_assert_eq!(positions.len(), answers.len());
        for (pos, answer) in positions.into_iter().zip(answers) {
            session.set_answer(pos, answer);
        }
        session.position = Position { step, prompt: 0 };
        if complete {
            session.complete(session.started);
        }
        store.save(&session).unwrap();
        let loaded = store.load(&session.id).unwrap();
        prop_assert_eq!(&loaded, &session);
        prop_assert_eq!(loaded.status, if complete { Status::Complete } else { Status::Draft });
    }
}
