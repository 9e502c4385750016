//! `sync: (auto: true)` outside the app — plain mode and `--editor`: a sync in the background
//! while the session is written, and one once it is finished, waited for a little while
//! before ownup ends and then said in a line. (The app does the same with its own jobs.)

use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::{Mode, Report, sync};
use crate::store::SessionStore;

/// How long ownup waits, once the session is written, for a sync to end.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A sync running in the background, if one was started.
pub struct AutoSync {
    store: SessionStore,
    running: Option<mpsc::Receiver<Result<Report, String>>>,
}

impl AutoSync {
    /// Starts a sync of `store` in the background when `auto` (config.ron's `sync.auto`).
    pub fn start(store: &SessionStore, auto: bool, now: DateTime<FixedOffset>) -> AutoSync {
        let mut auto_sync = AutoSync {
            store: store.clone(),
            running: None,
        };
        if auto {
            auto_sync.running = spawn(store, now);
        }
        auto_sync
    }

    /// Whether syncing is on.
    fn on(&self) -> bool {
        self.running.is_some()
    }

    /// Once the session is finished: waits for the sync started (at most [`PATIENCE`]),
    /// syncs again, so that the finished session travels, and waits for that one; returns
    /// what to tell the person, a line each.
    pub fn finished(mut self, now: DateTime<FixedOffset>) -> Vec<String> {
        if !self.on() {
            return vec![];
        }
        let deadline = Instant::now() + PATIENCE;
        let first = match self.wait(deadline) {
            Some(Ok(report)) => report,
            Some(Err(why)) => return vec![format!("ownup: could not sync: {why}")],
            None => return vec![still_running()],
        };
        self.running = spawn(&self.store, now);
        let second = match self.wait(deadline) {
            Some(Ok(report)) => report,
            Some(Err(why)) => return vec![format!("ownup: could not sync: {why}")],
            None => return vec![still_running()],
        };
        // The first may have taken the session already (it is written fast, and a sync
        // that starts with it may end after it): what either did is said, once.
        let mut lines = Vec::new();
        if did_something(&first) {
            lines.extend(first.lines());
        }
        if did_something(&second) || lines.is_empty() {
            lines.extend(second.lines());
        }
        lines.into_iter().map(|l| format!("ownup: {l}")).collect()
    }

    /// When a draft is left: waits a little for the sync started, so that it is not cut off
    /// for nothing; says only what needs attention.
    pub fn left(mut self) -> Vec<String> {
        match self.wait(Instant::now() + PATIENCE / 4) {
            Some(Err(why)) => vec![format!("ownup: could not sync: {why}")],
            Some(Ok(report)) if report.needs_attention() => report
                .lines()
                .into_iter()
                .map(|l| format!("ownup: {l}"))
                .collect(),
            _ => vec![],
        }
    }

    /// The result of the sync running, waited for until `deadline`; `None` if it is still
    /// running then (or none is).
    fn wait(&mut self, deadline: Instant) -> Option<Result<Report, String>> {
        let running = self.running.take()?;
        let patience = deadline.saturating_duration_since(Instant::now());
        match running.recv_timeout(patience) {
            Ok(result) => Some(result),
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Err("the sync stopped unexpectedly".into())),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
        }
    }
}

/// Whether a sync sent, took in or kept anything.
fn did_something(report: &Report) -> bool {
    !report.sent.is_empty() || !report.received.is_empty() || report.needs_attention()
}

fn still_running() -> String {
    "ownup: the sync was still running and was stopped (safely); the next sync finishes it".into()
}

/// A sync of `store` on a thread of its own, never asking anything on the terminal.
fn spawn(store: &SessionStore, now: DateTime<FixedOffset>) -> Option<mpsc::Receiver<Result<Report, String>>> {
    let store = store.clone();
    let (reply, received) = mpsc::channel();
    std::thread::Builder::new()
        .name("ownup-sync".into())
        .spawn(move || {
            let _ =
                reply.send(sync(&store, now, Mode::Background, None, None).map_err(|err| err.to_string()));
        })
        .ok()?;
    Some(received)
}
