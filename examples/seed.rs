//! Generates realistic synthetic sessions, for measuring ownup at scale. Not a user command.
//!
//! ```sh
//! cargo run --release --example seed -- --count 10000 --home /tmp/ownup-10k
//! ```
//!
//! Sessions follow the built-in `own-it` script, spread over the three years before the pinned
//! date, about one in eight left as a draft. Answers are stitched from phrase banks so that they
//! read like real ones and give search something to find. The same `--seed` gives the same files.

// A developer tool printing its own figures and messages, no user text: plain println is fine.
#![allow(clippy::disallowed_macros)]

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Duration, FixedOffset};
use ownup::script::Script;
use ownup::session::{Position, Session};
use ownup::store::SessionStore;

const SUBJECTS: &[&str] = &[
    "I deployed the payments service",
    "I merged the billing migration",
    "I sent the quarterly report",
    "I replied to the client",
    "I changed the DNS records",
    "I rotated the API keys",
    "I scheduled the release",
    "I reviewed the pull request",
    "I promised the roadmap date",
    "I ran the cleanup script",
    "I answered the support ticket",
    "I presented the budget",
];
const MISTAKES: &[&str] = &[
    "without running the migration check",
    "with last month's numbers",
    "in a harsh tone I regret",
    "to the wrong customer list",
    "on a Friday evening with nobody on call",
    "without telling the on-call engineer",
    "two days after the deadline",
    "without reading the whole diff",
    "before the tests had finished",
    "against production instead of staging",
];
const IMPACTS: &[&str] = &[
    "Checkout failed for twenty minutes and about 300 orders were lost.",
    "The client had to redo their planning for the week.",
    "My teammate felt dismissed in front of the whole team.",
    "Support answered forty tickets from confused customers.",
    "The finance team made a decision on the wrong figures.",
    "Two engineers lost their evening rolling it back.",
    "The launch slipped by a week.",
    "Nobody could log in to the dashboard until the morning.",
];
const CAUSES: &[&str] = &[
    "The checklist lives in a wiki page nobody opens.",
    "I was rushing to finish before the weekend.",
    "The staging data did not look like production.",
    "Nobody owns the release process end to end.",
    "The alert went to a channel I had muted.",
    "I assumed someone else had already checked.",
    "The tool allows running against production without a prompt.",
    "I had not slept well and did not ask for a second pair of eyes.",
];
const ACTIONS: &[&str] = &[
    "Add a migration check to CI — me — by Friday",
    "Write the release checklist into the deploy script — me — by next Tuesday",
    "Ask Sam to pair on the next three releases — Sam — this sprint",
    "Apologise to the client on a call — me — tomorrow morning",
    "Move alerts for payments to the on-call pager — Priya — by end of month",
    "Review my messages before sending when I am upset — me — from today",
    "Share the incident write-up with the team — me — Thursday",
];
const KIND: &[&str] = &[
    "Everyone makes mistakes; what matters is how you handle it, and you are handling it.",
    "You noticed, you owned it and you fixed it. That is the job.",
    "Be as patient with yourself as you would be with a new colleague.",
    "One bad evening does not undo years of careful work.",
];

/// A small deterministic PRNG (xorshift64*), so the example needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn answer(rng: &mut Rng, step: &str, prompt: usize) -> String {
    match (step, prompt) {
        ("acknowledge", 0) => format!("{} {}.", rng.pick(SUBJECTS), rng.pick(MISTAKES)),
        ("acknowledge", _) | ("act", _) => format!("{} {}", rng.pick(IMPACTS), rng.pick(IMPACTS)),
        ("learn", _) => (0..2 + rng.below(3))
            .map(|_| rng.pick(CAUSES))
            .collect::<Vec<_>>()
            .join(" "),
        ("correct", _) => (0..1 + rng.below(3))
            .map(|_| rng.pick(ACTIONS))
            .collect::<Vec<_>>()
            .join("\n"),
        ("improve", 2) => rng.pick(KIND).to_string(),
        _ => format!("{} {}", rng.pick(CAUSES), rng.pick(IMPACTS)),
    }
}

fn main() -> ExitCode {
    let mut count = 10_000usize;
    let mut home: Option<PathBuf> = None;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--count", Some(v)) => count = v.parse().expect("--count takes a number"),
            ("--home", Some(v)) => home = Some(PathBuf::from(v)),
            ("--seed", Some(v)) => seed = v.parse().expect("--seed takes a number"),
            _ => {
                eprintln!("usage: seed --count N --home DIR [--seed S]");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(home) = home else {
        eprintln!("usage: seed --count N --home DIR [--seed S]");
        return ExitCode::FAILURE;
    };
    let store = SessionStore::open(&home).expect("open the store");
    let script = Script::default_script();
    let end: DateTime<FixedOffset> = DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
    let mut rng = Rng(seed.max(1));
    let mut bytes = 0u64;
    for _ in 0..count {
        let started = end - Duration::seconds(rng.below(3 * 365 * 24 * 3600) as i64);
        let base = started.format("%Y%m%d-%H%M%S").to_string();
        let mut id = base.clone();
        let mut n = 2;
        while store.path_of(&id).exists() {
            id = format!("{base}-{n}");
            n += 1;
        }
        let mut session = Session::new(id.into(), &script, started);
        let draft = rng.below(8) == 0;
        let positions: Vec<Position> = session.positions().collect();
        let answered = if draft {
            1 + rng.below(positions.len())
        } else {
            positions.len()
        };
        for &pos in &positions[..answered] {
            let step = session.steps[pos.step].id.clone();
            session.set_answer(pos, answer(&mut rng, &step, pos.prompt));
        }
        session.updated = started + Duration::minutes(10 + rng.below(50) as i64);
        // The corrective actions become commitments; most older ones were kept.
        session.sync_commitments(started.date_naive());
        for i in 0..session.commitments.len() {
            if started < end - Duration::days(30) && rng.below(4) != 0 {
                let when = session.updated + Duration::days(1 + rng.below(14) as i64);
                session.check_in(i, ownup::session::Outcome::Done, None, String::new(), when);
            }
        }
        if !draft {
            session.complete(session.updated);
        }
        let path = store.save(&session).expect("save");
        bytes += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    }
    println!(
        "wrote {count} sessions to {} (average {} bytes each)",
        store.dir().display(),
        bytes / count.max(1) as u64
    );
    ExitCode::SUCCESS
}
