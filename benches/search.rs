//! Time per search keystroke over a directory of sessions (e.g. 10,000 from the seed example).
//!
//! ```sh
//! cargo run --release --example seed -- --count 10000 --home /tmp/ownup-10k
//! cargo bench --bench search -- /tmp/ownup-10k
//! ```
//!
//! Lists the sessions the way the home screen does (bringing the index up to date), then types
//! queries one character at a time and reports, per keystroke, what the screen waits for: the
//! title search done at once, and the time until every hit is shown (the words looked up in the
//! index, the newest hits' answers read for highlights, the results ranked). Ends with the
//! peak memory (max RSS) of the whole run.

// A developer tool printing its own figures and messages, no user text: plain println is fine.
#![allow(clippy::disallowed_macros)]

use std::time::{Duration, Instant};

use std::collections::HashMap;

use ownup::search::{self, Item, Query, Searcher, WordHits};
use ownup::store::{Entry, SessionStore};

fn main() {
    let (mut home, mut identity) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--identity" => identity = args.next(),
            flag if flag.starts_with('-') => {}
            dir => home = home.or(Some(dir.to_string())),
        }
    }
    let Some(home) = home else {
        eprintln!(
            "usage: cargo bench --bench search -- DIR [--identity FILE]   (a directory made by the seed example; FILE for one encrypted with ownup encrypt --identity)"
        );
        return;
    };
    let mut store = SessionStore::open(std::path::Path::new(&home)).expect("open the store");
    // An encrypted store (`--identity FILE`, the identity its key is sealed to): the index
    // rows are opened in memory on each lookup.
    if let Some(identity) = identity {
        let identity = std::fs::read_to_string(identity).expect("read the identity file");
        let sealed = store
            .sealed_key()
            .expect("read key.age")
            .expect("an encrypted store");
        let key = ownup::crypt::StoreKey::unseal(&sealed, ownup::crypt::Seal::IdentityFile(&identity))
            .expect("open the store key");
        store = store.with_keys(std::sync::Arc::new(ownup::store::Keys::new(key)));
        println!("encrypted store");
    }

    let start = Instant::now();
    let entries: Vec<Entry> = store.list().expect("list");
    let listed = start.elapsed();
    let items: Vec<Item> = search::items(&entries);
    let rows: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id().as_str(), i))
        .collect();
    println!(
        "{} sessions: list (index checked against the files) {listed:.1?}",
        items.len()
    );

    let (mut titles, mut complete, mut lookups) = (Vec::new(), Vec::new(), Vec::new());
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
        let start_at = titles.len();
        let mut found = 0;
        for end in 1..=query.len() {
            if !query.is_char_boundary(end) {
                continue;
            }
            let q = Query::parse(&query[..end]);
            let mut items = items.clone();
            // At once, in the keystroke: titles (answers still being looked up).
            let start = Instant::now();
            searcher.search(&items, &WordHits::default(), &q);
            titles.push(start.elapsed());
            // In the background, then shown: every hit.
            let start = Instant::now();
            let words = search::prefixes(&q.text);
            let ids = if words.is_empty() {
                Vec::new()
            } else {
                store.answer_matches(&words).expect("look up")
            };
            lookups.push(start.elapsed());
            let newest: Vec<_> = ids.iter().take(search::HIGHLIGHT_LIMIT).cloned().collect();
            for (id, body) in store.answers_of(&newest) {
                items[rows[id.as_str()]].set_body(body);
            }
            let mut found_rows: Vec<usize> = ids.iter().map(|id| rows[id.as_str()]).collect();
            found_rows.sort_unstable();
            let hits = searcher.search(
                &items,
                &WordHits {
                    words,
                    items: found_rows,
                },
                &q,
            );
            complete.push(start.elapsed());
            found = hits.len();
        }
        let slowest = |t: &[Duration]| t.iter().max().copied().unwrap_or_default();
        println!(
            "{query:<26} {found:>6} hits  titles: slowest key {:>9.2?}  all hits: first key {:>9.2?}, slowest key {:>9.2?}",
            slowest(&titles[start_at..]),
            complete[start_at],
            slowest(&complete[start_at..]),
        );
    }
    for (name, times) in [
        ("titles at once", &mut titles),
        ("index lookup alone", &mut lookups),
        ("all hits shown", &mut complete),
    ] {
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "{name}: {} keystrokes, median {:.2?}, p95 {:.2?}, max {:.2?}",
            times.len(),
            at(0.5),
            at(0.95),
            times.last().copied().unwrap_or(Duration::ZERO)
        );
    }
    println!("max RSS of this run: {} MB", max_rss_kb() / 1024);
}

/// The peak resident memory of this process so far, in KB.
fn max_rss_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss
}
