//! How long a save takes with a 100 KB answer, and what typing costs meanwhile.
//!
//! Run with `cargo bench --bench save`. Prints wall-clock figures (median, p95, max) for:
//! - `store.save` of a session holding one 100 KB answer (serialise, write, fsync, rename,
//!   fsync the directory) — this runs on the writer thread in the app;
//! - what the UI thread does to hand a save over (snapshot: commit + clone);
//! - one keystroke end to end in the UI thread (update + draw of an 80x24 frame) with the
//!   100 KB answer in the editor, alone and while the writer thread saves continuously;
//! - the same keystroke in a 100 KB list of commitments, whose preview is drawn under the editor.
//!
//! `OWNUP_BENCH_ANSWER_KB=900 cargo bench --bench save` measures with answers of another size.

// A developer tool printing its own figures and messages, no user text: plain println is fine.
#![allow(clippy::disallowed_macros)]

#[path = "common/timing.rs"]
mod timing;
use timing::{Stats, time};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};

use ownup::clock::Clock;
use ownup::script::Script;
use ownup::session::{Position, Session};
use ownup::store::SessionStore;
use ownup::tui::app::{App, Msg, Opened};
use ownup::tui::theme::Theme;
use ownup::tui::view;

/// The answer's size: 100 KB, or `OWNUP_BENCH_ANSWER_KB` KB.
fn answer_bytes() -> usize {
    std::env::var("OWNUP_BENCH_ANSWER_KB")
        .ok()
        .and_then(|kb| kb.parse::<usize>().ok())
        .unwrap_or(100)
        * 1024
}

fn answer() -> String {
    let paragraph = "I deployed the payments service on Friday evening without running the migration \
                     check, and checkout failed for twenty minutes before the rollback finished.\n";
    let bytes = answer_bytes();
    paragraph.repeat(bytes / paragraph.len() + 1)[..bytes].to_string()
}

fn session() -> Session {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
    let mut s = Session::new("20261122-234501".into(), &Script::default_script(), now);
    s.set_answer(Position::default(), answer());
    s
}

fn app_with_answer() -> App {
    let mut app = App::new(Theme::mono(), Clock::System.now(), Script::default_script());
    app.update(Msg::Resize(80, 24));
    app.update(Msg::Opened(Box::new(Opened {
        session: session(),
        path: None,
        guide: Some(Script::default_script()),
    })));
    app
}

/// An app on the commitments prompt, whose answer is 100 KB of commitments.
fn app_with_commitments() -> App {
    let script = Script::default_script();
    let mut s = session();
    let pos = s
        .positions()
        .find(|&p| {
            s.prompt(p)
                .is_some_and(|p| p.kind == ownup::script::Kind::Commitment)
        })
        .expect("the default script asks for commitments");
    let line = "Add a migration check to CI — me — by Friday\n";
    s.set_answer(pos, line.repeat(answer_bytes() / line.len() + 1));
    s.position = pos;
    let mut app = App::new(Theme::mono(), Clock::System.now(), script.clone());
    app.update(Msg::Resize(80, 24));
    app.update(Msg::Opened(Box::new(Opened {
        session: s,
        path: None,
        guide: Some(script),
    })));
    app
}

fn keystroke(app: &mut App, render: &mut view::RenderState, terminal: &mut Terminal<TestBackend>) {
    app.update(Msg::Input(Input {
        key: Key::Char('x'),
        ..Input::default()
    }));
    terminal.draw(|frame| view::draw(app, render, frame)).unwrap();
}

fn main() {
    let dir = tempfile::tempdir_in(std::env::current_dir().unwrap()).unwrap();
    let store = SessionStore::open(dir.path()).unwrap();
    let s = session();
    println!(
        "session file: {} bytes (one answer of {} bytes)",
        ownup::store::to_ron(&s).unwrap().len(),
        answer_bytes()
    );

    time(200, || ownup::store::to_ron(&s).unwrap()).report("serialise to RON (writer thread)");
    time(100, || store.save(&s).unwrap())
        .report("store.save: serialise + write + fsync + rename (writer thread)");

    // Each round types one character (not timed), then takes the snapshot a save hands over.
    let mut app = app_with_answer();
    let mut handover = Vec::new();
    for _ in 0..200 {
        app.update(Msg::Input(Input {
            key: Key::Char('x'),
            ..Input::default()
        }));
        let start = Instant::now();
        let unsaved = app.unsaved(app.now);
        handover.push(start.elapsed());
        assert!(
            unsaved
                .session
                .is_some_and(|s| s.session.answer(Position::default()).len() > answer_bytes())
        );
    }
    Stats(handover).report("snapshot of what is unsaved (UI thread, per change)");

    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut render = view::RenderState::default();
    let mut app = app_with_answer();
    time(500, || keystroke(&mut app, &mut render, &mut terminal)).report(&format!(
        "keystroke: update + draw 80x24, {} KB answer",
        answer_bytes() / 1024
    ));
    time(500, || {
        app.update(Msg::Input(Input {
            key: Key::Char('x'),
            ..Input::default()
        }))
    })
    .report("  of which update (the editor takes the key)");
    time(500, || {
        terminal
            .draw(|frame| view::draw(&app, &mut render, frame))
            .map(|_| ())
            .unwrap()
    })
    .report("  of which draw 80x24 (no change)");

    let mut app = app_with_commitments();
    time(500, || keystroke(&mut app, &mut render, &mut terminal)).report(&format!(
        "keystroke: update + draw 80x24, {} KB of commitments",
        answer_bytes() / 1024
    ));
    time(500, || {
        terminal
            .draw(|frame| view::draw(&app, &mut render, frame))
            .map(|_| ())
            .unwrap()
    })
    .report("  of which draw 80x24 (no change)");

    // The same while another thread saves the session over and over, as autosave would.
    let stop = Arc::new(AtomicBool::new(false));
    let saver = {
        let stop = Arc::clone(&stop);
        let store = store.clone();
        let s = s.clone();
        std::thread::spawn(move || {
            let mut saves = 0u32;
            while !stop.load(Ordering::Relaxed) {
                store.save(&s).unwrap();
                saves += 1;
            }
            saves
        })
    };
    let mut app = app_with_answer();
    let start = Instant::now();
    time(500, || keystroke(&mut app, &mut render, &mut terminal))
        .report("keystroke while saving continuously");
    stop.store(true, Ordering::Relaxed);
    let saves = saver.join().unwrap();
    println!(
        "  ({saves} saves completed during those keystrokes, {:.1?})",
        start.elapsed()
    );
}
