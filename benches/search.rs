//! Time per search keystroke over a directory of sessions (e.g. 10,000 from the seed example).
//!
//! ```sh
//! cargo run --release --example seed -- --count 10000 --home /tmp/ownup-10k
//! cargo bench --bench search -- /tmp/ownup-10k
//! ```
//!
//! Loads every session the way the home screen does (list rows, then all answers), then types
//! queries one character at a time and reports how long each keystroke's search takes.

// A developer tool printing its own figures and messages, no user text: plain println is fine.
#![allow(clippy::disallowed_macros)]

use std::time::{Duration, Instant};

use ownup::search::{self, Item, Query, Searcher};
use ownup::store::{Entry, SessionStore};

fn main() {
    let Some(home) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench search -- DIR   (a directory made by the seed example)");
        return;
    };
    let store = SessionStore::open(std::path::Path::new(&home)).expect("open the store");

    let start = Instant::now();
    let entries: Vec<Entry> = store.list().expect("list");
    let listed = start.elapsed();
    let start = Instant::now();
    let mut items: Vec<Item> = search::items(&entries);
    let answers = store
        .map_all(|id, session| session.ok().map(|s| (id, search::answers_text(&s))))
        .expect("read all")
        .into_iter()
        .flatten()
        .collect();
    search::attach_answers(entries.iter().map(Entry::id), &mut items, answers);
    let index = search::Index::new(&items);
    let with_answers = start.elapsed();
    println!(
        "{} sessions: list rows {listed:.1?}; all answers loaded and indexed {with_answers:.1?}",
        items.len()
    );

    let mut all = Vec::new();
    for query in [
        "rolled back",
        "migration check",
        "dply pymnts",
        "sam",
        "e",
        "status:draft on call",
        "since:2026-01-01 client",
        "zzzz",
    ] {
        let mut searcher = Searcher::default();
        let mut times = Vec::new();
        let mut found = 0;
        for end in 1..=query.len() {
            if !query.is_char_boundary(end) {
                continue;
            }
            let q = Query::parse(&query[..end]);
            let start = Instant::now();
            let hits = searcher.search(&items, &index, &q);
            times.push(start.elapsed());
            found = hits.len();
        }
        let max = times.iter().max().copied().unwrap_or_default();
        let first = times[0];
        println!("{query:<26} {found:>6} hits  first key {first:>9.2?}  slowest key {max:>9.2?}");
        all.extend(times);
    }
    all.sort();
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    println!(
        "all {} keystrokes: median {:.2?}, p95 {:.2?}, max {:.2?} (budget: one frame, 16 ms)",
        all.len(),
        at(0.5),
        at(0.95),
        all.last().copied().unwrap_or(Duration::ZERO)
    );
}
