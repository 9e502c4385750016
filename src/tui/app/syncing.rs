//! Auto-sync (`sync: (auto: true)` in config.ron): when the app starts and after each finished
//! session, a sync runs in the background (see [`crate::sync`]); the app never waits for it.
//! The home screen's footer says how it is going, and what needs the person's eye (a session
//! changed on two machines, a sync that failed) becomes a notice. A failure is only ever a
//! notice.

use super::{App, Effect, Notice};

/// How the background sync is going, for the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStatus {
    /// A sync is running.
    Running,
    /// The last one went through: a word or two on how ("synced: 1 received").
    Done(String),
    /// The last one failed (the notice said why).
    Failed,
}

/// What a background sync did, as the app needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// A word or two for the footer.
    pub short: String,
    /// What to tell the person, when something needs their eye (else empty).
    pub attention: Vec<String>,
    /// Whether sessions came in (the list is then read again).
    pub received: bool,
}

impl App {
    /// A sync is due (the app started, or a session was finished): starts one when auto-sync
    /// is on, or, when one is running, one more after it.
    pub(super) fn sync_due(&mut self) -> Vec<Effect> {
        if !self.auto_sync {
            return vec![];
        }
        if self.sync == Some(SyncStatus::Running) {
            self.sync_again = true;
            return vec![];
        }
        self.sync = Some(SyncStatus::Running);
        vec![Effect::Sync]
    }

    /// The background sync ended.
    pub(super) fn synced(&mut self, result: Result<Synced, String>) -> Vec<Effect> {
        let mut effects = Vec::new();
        match result {
            Ok(synced) => {
                self.sync = Some(SyncStatus::Done(synced.short));
                if !synced.attention.is_empty() {
                    self.notice = Some(Notice::info(synced.attention.join(" ")));
                }
                if synced.received {
                    effects.push(Effect::Refresh);
                }
            }
            Err(why) => {
                self.sync = Some(SyncStatus::Failed);
                self.notice = Some(Notice {
                    text: format!("Not synced: {why}"),
                    is_error: true,
                    undo: None,
                });
            }
        }
        if std::mem::take(&mut self.sync_again) {
            effects.extend(self.sync_due());
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::script::Script;
    use crate::session::Session;
    use crate::tui::app::{After, Msg, Opened, Screen};
    use crate::tui::keys::Action;
    use crate::tui::theme::Theme;

    fn now() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap()
    }

    fn app(auto_sync: bool) -> App {
        let mut app = App::new(Theme::mono(), now(), Script::default_script());
        app.auto_sync = auto_sync;
        app
    }

    fn synced(short: &str, attention: &[&str], received: bool) -> Msg {
        Msg::Synced(Ok(Synced {
            short: short.into(),
            attention: attention.iter().map(|s| s.to_string()).collect(),
            received,
        }))
    }

    #[test]
    fn without_auto_sync_nothing_syncs() {
        let mut app = app(false);
        assert_eq!(app.update(Msg::Started), []);
        assert_eq!(app.sync, None);
    }

    #[test]
    fn the_app_syncs_when_it_starts_and_says_how_it_went() {
        let mut app = app(true);
        assert_eq!(app.update(Msg::Started), [Effect::Sync]);
        assert_eq!(app.sync, Some(SyncStatus::Running));
        assert_eq!(app.update(synced("synced", &[], false)), []);
        assert_eq!(app.sync, Some(SyncStatus::Done("synced".into())));
        assert_eq!(app.notice, None, "nothing to say but the footer");
        // What came in is listed.
        app.update(Msg::Started);
        assert_eq!(
            app.update(synced("synced: 2 received", &[], true)),
            [Effect::Refresh]
        );
    }

    #[test]
    fn one_more_sync_runs_after_the_one_running_when_another_is_due() {
        let mut app = app(true);
        app.update(Msg::Started);
        assert_eq!(app.update(Msg::Started), [], "never two at once");
        assert_eq!(app.update(synced("synced", &[], false)), [Effect::Sync]);
        assert_eq!(app.sync, Some(SyncStatus::Running));
        assert_eq!(app.update(synced("synced", &[], false)), []);
    }

    #[test]
    fn a_session_changed_on_both_machines_or_a_failure_is_a_notice() {
        let mut app = app(true);
        app.update(Msg::Started);
        app.update(synced(
            "synced: 1 changed on both",
            &[
                "Session x was changed on both machines: …",
                "Synced with /r: 1 session sent, 1 received.",
            ],
            true,
        ));
        let notice = app.notice.clone().unwrap();
        assert!(!notice.is_error);
        assert!(
            notice.text.starts_with("Session x was changed on both machines"),
            "{notice:?}"
        );
        app.update(Msg::Started);
        assert_eq!(
            app.update(Msg::Synced(Err("cannot receive from /r: gone".into()))),
            []
        );
        assert_eq!(app.sync, Some(SyncStatus::Failed));
        let notice = app.notice.clone().unwrap();
        assert!(notice.is_error);
        assert_eq!(notice.text, "Not synced: cannot receive from /r: gone");
    }

    #[test]
    fn a_finished_session_is_synced_and_a_draft_saved_is_not() {
        let mut app = app(true);
        let session = Session::new("20261122-234501".into(), &Script::default_script(), now());
        app.update(Msg::Opened(Box::new(Opened {
            session,
            path: None,
            guide: None,
        })));
        let saved = |app: &mut App, after: After| {
            let Screen::Writing(w) = &app.screen else {
                panic!("writing")
            };
            let mark = w.mark();
            app.update(Msg::Saved {
                id: "20261122-234501".into(),
                mark,
                after,
                result: Ok(PathBuf::from("/d/sessions/20261122-234501.ron")),
                kept_outside: None,
            })
        };
        crate::tui::app::type_text(&mut app, "Broke the build");
        assert!(!saved(&mut app, After::Stay).contains(&Effect::Sync));
        app.update(Msg::Action(Action::Finish));
        assert!(saved(&mut app, After::Summary).contains(&Effect::Sync));
        assert_eq!(app.sync, Some(SyncStatus::Running));
    }
}
