//! What scrolling costs in the reader with a 100 KB session: one step is the update that moves
//! the page and the draw of a 100x30 frame.
//!
//! Run with `cargo bench --bench reader`. Prints wall-clock figures (median, p95, max).

// A developer tool printing its own figures and messages, no user text: plain println is fine.
#![allow(clippy::disallowed_macros)]

#[path = "common/timing.rs"]
mod timing;
use timing::time;

use std::path::PathBuf;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use ownup::clock::Clock;
use ownup::script::Script;
use ownup::session::{Position, Session};
use ownup::tui::app::{App, Msg};
use ownup::tui::keys::Action;
use ownup::tui::theme::Theme;
use ownup::tui::view;

const ANSWER_BYTES: usize = 100 * 1024;
const SIZE: (u16, u16) = (100, 30);

fn session() -> Session {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
    let mut s = Session::new("20261122-234501".into(), &Script::default_script(), now);
    let paragraph = "I deployed the payments service on Friday evening without running the migration \
                     check, and checkout failed for twenty minutes before the rollback finished.\n";
    let answer = paragraph.repeat(ANSWER_BYTES / paragraph.len() + 1)[..ANSWER_BYTES].to_string();
    s.set_answer(Position::default(), answer);
    s
}

fn main() {
    let mut app = App::new(Theme::mono(), Clock::System.now(), Script::default_script());
    app.update(Msg::Resize(SIZE.0, SIZE.1));
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let mut render = view::RenderState::default();
    let start = Instant::now();
    app.update(Msg::Viewing(
        Box::new(session()),
        PathBuf::from("/s/x.ron"),
        vec![],
    ));
    terminal
        .draw(|frame| view::draw(&app, &mut render, frame))
        .unwrap();
    println!(
        "open a 100 KB session in the reader: update + first draw {:.3?}",
        start.elapsed()
    );
    // Down then up again, so that every step moves the page (the document is far longer than
    // 250 rows at this width).
    let mut step = 0;
    let mut scroll = |app: &mut App| {
        step += 1;
        let action = if step % 500 < 250 {
            Action::Down
        } else {
            Action::Up
        };
        app.update(Msg::Action(action))
    };
    time(500, || {
        scroll(&mut app);
        terminal
            .draw(|frame| view::draw(&app, &mut render, frame))
            .map(|_| ())
            .unwrap()
    })
    .report("scroll one line: update + draw 100x30, 100 KB session");
    time(500, || scroll(&mut app)).report("  of which update");
    time(500, || {
        terminal
            .draw(|frame| view::draw(&app, &mut render, frame))
            .map(|_| ())
            .unwrap()
    })
    .report("  of which draw 100x30 (no change)");
}
