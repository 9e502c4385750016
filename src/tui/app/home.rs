//! The home screen's state and logic: the session list, search, and the way into a session.

use ratatui_textarea::{Input, Key};

use super::{App, Effect, Modal, Msg, Notice, RESUME_WINDOW_HOURS, Screen, error, unreadable_message};
use crate::search::{Highlight, Hit, Item, Query, Searcher, WordHits};
use crate::session::{SessionId, Status};
use crate::store::Entry;
use crate::tui::keys::Action;

/// The search box and its results.
#[derive(Debug)]
pub struct Search {
    /// What was typed.
    pub input: String,
    /// The query it means.
    pub query: Query,
    /// The matching sessions, best first.
    pub hits: Vec<Hit>,
}

/// State of the home screen. It lives as long as the app, so coming back from a session finds
/// the list, the search and the selection as they were.
#[derive(Debug, Default)]
pub struct Home {
    /// All sessions, newest first (only the newest until the whole list is read).
    pub entries: Vec<Entry>,
    /// Whether `entries` is the whole list, checked against the files.
    pub complete: bool,
    /// What search looks at, one per entry.
    pub items: Vec<Item>,
    /// The sessions whose answers have the words of the query, as last looked up.
    pub words: WordHits,
    /// The words being looked up in the answers now, if any.
    pub looking_up: Option<Vec<String>>,
    /// The items given answers to highlight, cleared with each lookup.
    with_body: Vec<usize>,
    /// Bumped on every new list, so answers found for an older list are dropped.
    pub generation: u64,
    /// The search box, while one is open.
    pub search: Option<Search>,
    searcher: Searcher,
    /// The selected row (of the search results, when searching).
    pub selected: usize,
    /// How many rows a page of the list has, as last drawn (see [`Msg::HomePage`]).
    pub page: usize,
    /// Whether the list has been loaded yet.
    pub loaded: bool,
    /// A session to select once the list is reloaded.
    pub select_after_refresh: Option<SessionId>,
    /// The answer line a search found, to scroll to when its session opens.
    pub focus: Option<String>,
}

impl Home {
    /// Shows `entries` as the list, keeping the search and the selection on `keep`.
    fn show(&mut self, entries: Vec<Entry>, keep: Option<&str>) -> Vec<Effect> {
        // Search items are made when a search needs them, not for every list.
        self.items.clear();
        self.entries = entries;
        self.generation += 1;
        self.searcher.reset();
        self.loaded = true;
        let effects = if self.search.is_some() {
            self.run_search()
        } else {
            vec![]
        };
        self.select_id(keep);
        effects
    }

    /// Puts `entry` in the list, in its place by id (replacing the row of the same id).
    pub(super) fn upsert(&mut self, entry: Entry) {
        if !self.loaded {
            return; // the list being read will have it
        }
        let keep = self.selected_entry().map(|e| e.id().to_string());
        let mut entries = std::mem::take(&mut self.entries);
        match entries.binary_search_by(|e| crate::store::id_order(entry.id(), e.id())) {
            Ok(row) => entries[row] = entry,
            Err(row) => entries.insert(row, entry),
        }
        let _ = self.show(entries, keep.as_deref());
    }

    /// Takes commitment `index` of session `id` off the open ones in its row.
    pub(super) fn checked_in(&mut self, id: &str, index: usize) {
        if let Some(row) = self.row_of(id)
            && let Some(Entry::Session(summary)) = self.entries.get_mut(row)
        {
            summary.open_commitments = summary
                .open_commitments
                .iter()
                .filter(|c| c.index as usize != index)
                .cloned()
                .collect();
        }
    }

    /// The row of session `id` in the whole list (newest first, so found by halving).
    fn row_of(&self, id: &str) -> Option<usize> {
        self.entries
            .binary_search_by(|entry| crate::store::id_order(id, entry.id()))
            .ok()
            .filter(|&row| self.entries[row].id() == id)
    }

    /// How many rows the list shows (search results when searching).
    pub fn row_count(&self) -> usize {
        self.search.as_ref().map_or(self.entries.len(), |s| s.hits.len())
    }

    /// The entry shown at `row`.
    pub fn row(&self, row: usize) -> Option<(&Entry, Option<&Hit>)> {
        match &self.search {
            Some(search) => {
                let hit = search.hits.get(row)?;
                Some((self.entries.get(hit.index)?, Some(hit)))
            }
            None => Some((self.entries.get(row)?, None)),
        }
    }

    /// The selected entry.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.row(self.selected).map(|(entry, _)| entry)
    }

    /// Whether the selected row is a session that `d` would offer to move to the trash.
    pub fn can_delete(&self) -> bool {
        matches!(self.selected_entry(), Some(Entry::Session(_)))
    }

    /// Makes the search items for the list, if they are not there yet.
    fn ensure_items(&mut self) {
        if self.items.len() != self.entries.len() {
            self.items = crate::search::items(&self.entries);
            self.words = WordHits::default();
            self.looking_up = None;
            self.with_body.clear();
            self.searcher.reset();
        }
    }

    /// Runs the query in the search box again, keeping the selection on the same session;
    /// asks for the query's words to be looked up in the answers if they are not yet.
    fn run_search(&mut self) -> Vec<Effect> {
        self.ensure_items();
        let keep = self.selected_entry().map(|e| e.id().to_string());
        let mut effects = Vec::new();
        if let Some(search) = &mut self.search {
            search.query = Query::parse(&search.input);
            search.hits = self.searcher.search(&self.items, &self.words, &search.query);
            let words = crate::search::prefixes(&search.query.text);
            if !words.is_empty() && words != self.words.words && self.looking_up.as_ref() != Some(&words) {
                self.looking_up = Some(words.clone());
                effects.push(Effect::FindWords {
                    generation: self.generation,
                    words,
                });
            }
        }
        self.select_id(keep.as_deref());
        effects
    }

    /// Whether answers are still being looked up for the query typed.
    pub fn searching_answers(&self) -> bool {
        self.search.as_ref().is_some_and(|search| {
            let words = crate::search::prefixes(&search.query.text);
            !words.is_empty() && words != self.words.words
        })
    }

    /// Selects the row of session `id` if it is shown, else the first row.
    fn select_id(&mut self, id: Option<&str>) {
        let found =
            id.and_then(|id| (0..self.row_count()).find(|&r| self.row(r).is_some_and(|(e, _)| e.id() == id)));
        self.selected = found.unwrap_or(0);
    }

    /// Moves the selection (the view scrolls to keep it on screen).
    pub(super) fn select(&mut self, row: usize) {
        let last = self.row_count().saturating_sub(1);
        self.selected = row.min(last);
    }
}

impl App {
    /// A fresh list for the home screen; the first one may bring an offer to resume a draft.
    pub(super) fn listed(&mut self, entries: Vec<Entry>) -> Vec<Effect> {
        if !self.resume_offer_checked {
            self.resume_offer_checked = true;
            let now = self.now;
            let drafts = || {
                entries.iter().filter_map(|entry| match entry {
                    Entry::Session(s) if s.status == Status::Draft => Some(s),
                    _ => None,
                })
            };
            // A draft the person asked to come back to, once its time has come (even with
            // nothing written: "not now" is offered at the first check-in, before any words);
            // else the newest draft written in lately.
            let due = drafts()
                .filter(|s| s.come_back.as_deref().is_some_and(|at| *at <= now))
                .min_by_key(|s| s.come_back.as_deref().copied());
            // Not one put off to a later time: the person said when. Not one with no answer
            // but the feeling check-in: there are no words in it to come back to, and the
            // offer would only stand between the person and the home screen.
            let recent = || {
                drafts().find(|s| {
                    now.signed_duration_since(s.updated).num_hours() < RESUME_WINDOW_HOURS
                        && s.come_back.is_none()
                        && s.answered_steps > 0
                })
            };
            if let Some(draft) = due.or_else(recent)
                && self.modal.is_none()
            {
                self.modal = Some(Modal::ResumeOffer {
                    id: draft.id.clone(),
                    title: draft.title.to_string(),
                    updated: draft.updated,
                    come_back: draft.come_back.as_deref().copied().filter(|at| *at <= now),
                });
            }
        }
        let home = &mut self.home;
        let keep = home
            .select_after_refresh
            .take()
            .or_else(|| home.selected_entry().map(|e| e.id().clone()));
        home.complete = true;
        home.show(entries, keep.as_deref())
    }

    /// The newest rows as last indexed, shown while the whole list is read.
    pub(super) fn glimpsed(&mut self, entries: Vec<Entry>) -> Vec<Effect> {
        let home = &mut self.home;
        if home.loaded {
            return vec![]; // the whole list came first
        }
        home.show(entries, None)
    }

    /// The sessions whose answers have `words` (their ids, and the answers of the first few to
    /// highlight), looked up in the background.
    pub(super) fn words_found(
        &mut self,
        generation: u64,
        words: Vec<String>,
        ids: Vec<SessionId>,
        answers: Vec<(SessionId, String)>,
    ) -> Vec<Effect> {
        let home = &mut self.home;
        if generation != home.generation || home.looking_up.as_ref() != Some(&words) {
            return vec![]; // found for a list or a query that has changed since
        }
        home.ensure_items();
        home.looking_up = None;
        for i in home.with_body.drain(..) {
            if let Some(item) = home.items.get_mut(i) {
                item.clear_body();
            }
        }
        for (id, body) in answers {
            if let Some(row) = home.row_of(&id)
                && let Some(item) = home.items.get_mut(row)
            {
                item.set_body(body);
                home.with_body.push(row);
            }
        }
        let mut items: Vec<usize> = ids.iter().filter_map(|id| home.row_of(id)).collect();
        items.sort_unstable();
        home.words = WordHits { words, items };
        home.searcher.reset();
        home.run_search()
    }

    pub(super) fn update_home(&mut self, msg: Msg) -> Vec<Effect> {
        let home = &mut self.home;
        let Msg::Action(action) = msg else {
            return vec![];
        };
        match action {
            Action::Up => home.select(home.selected.saturating_sub(1)),
            Action::Down => home.select(home.selected + 1),
            Action::PageUp => home.select(home.selected.saturating_sub(home.page.max(1))),
            Action::PageDown => home.select(home.selected + home.page.max(1)),
            Action::Top => home.select(0),
            Action::Bottom => home.select(usize::MAX),
            Action::New => return self.start_new(),
            Action::CheckIn => return self.ask_to_check_in(),
            Action::Stats => {
                self.notice = Some(Notice::info("Looking back over your sessions…"));
                return vec![Effect::LoadStats];
            }
            Action::Open => return self.open_selected(),
            Action::Search => {
                if home.search.is_none() {
                    home.search = Some(Search {
                        input: String::new(),
                        query: Query::default(),
                        hits: Vec::new(),
                    });
                    home.searcher.reset();
                    self.notice = None;
                    return home.run_search();
                }
                self.notice = None;
                return vec![];
            }
            Action::Delete => self.ask_to_delete(),
            Action::Undo => match self.notice.take().and_then(|notice| notice.undo) {
                Some(id) => return vec![Effect::Restore(id)],
                None => {
                    self.notice = Some(Notice::info(
                        "Nothing to undo. Deleted sessions wait in the trash: `ownup trash` lists them, `ownup trash restore ID` brings one back.",
                    ));
                }
            },
            Action::Quit => self.quit = true,
            _ => {}
        }
        vec![]
    }

    /// Keys while the search box has the focus: text edits the query; arrows move; Enter opens;
    /// Esc clears the search.
    pub(super) fn update_search(&mut self, msg: Msg) -> Vec<Effect> {
        let home = &mut self.home;
        let Some(search) = &mut home.search else {
            return vec![];
        };
        let before = search.input.len();
        match msg {
            Msg::Input(Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            }) => search.input.push(c),
            Msg::Input(Input {
                key: Key::Backspace, ..
            }) => {
                search.input.pop();
            }
            Msg::Input(Input {
                key: Key::Char('u'),
                ctrl: true,
                ..
            }) => search.input.clear(),
            Msg::Input(Input {
                key: Key::Char('w'),
                ctrl: true,
                ..
            }) => {
                let kept = search.input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                search.input.truncate(kept);
            }
            Msg::Paste(text) => search.input.push_str(&text.replace(['\r', '\n', '\t'], " ")),
            Msg::Action(Action::Dismiss) => {
                let keep = home.selected_entry().map(|e| e.id().to_string());
                home.search = None;
                home.select_id(keep.as_deref());
                return vec![];
            }
            Msg::Action(Action::Open) => return self.open_selected(),
            Msg::Action(Action::Up) => home.select(home.selected.saturating_sub(1)),
            Msg::Action(Action::Down) => home.select(home.selected + 1),
            Msg::Action(Action::PageUp) => home.select(home.selected.saturating_sub(home.page.max(1))),
            Msg::Action(Action::PageDown) => home.select(home.selected + home.page.max(1)),
            _ => return vec![],
        }
        if home.search.as_ref().is_some_and(|s| s.input.len() != before) {
            return home.run_search();
        }
        vec![]
    }

    /// Enter on a row: a draft opens to write, a finished session to read, an unreadable file
    /// says why.
    fn open_selected(&mut self) -> Vec<Effect> {
        self.home.focus = match self.home.row(self.home.selected) {
            Some((
                _,
                Some(Hit {
                    highlight: Some(Highlight::Answer { line, .. }),
                    ..
                }),
            )) => Some(line.clone()),
            _ => None,
        };
        match self.home.selected_entry() {
            Some(Entry::Session(s)) if s.status == Status::Draft => vec![Effect::Open(s.id.clone())],
            Some(Entry::Session(s)) => vec![Effect::View(s.id.clone())],
            Some(Entry::Unreadable { error: err, .. }) => {
                self.notice = Some(error(unreadable_message(err)));
                vec![]
            }
            None => vec![],
        }
    }

    /// `d` on a row: asks before moving the session to the trash. A file that cannot be read
    /// is left alone, as everywhere else.
    fn ask_to_delete(&mut self) {
        match self.home.selected_entry() {
            Some(Entry::Session(s)) => {
                self.modal = Some(Modal::ConfirmDelete {
                    id: s.id.clone(),
                    title: s.title.to_string(),
                    status: s.status,
                });
            }
            Some(Entry::Unreadable { error: err, .. }) => {
                self.notice = Some(error(format!(
                    "Cannot read this session, so it is left untouched (not moved to the trash either). {err}"
                )));
            }
            None => {}
        }
    }

    /// After a deletion: home, with a way back for as long as the notice says so.
    pub(super) fn trashed(&mut self, id: SessionId) -> Vec<Effect> {
        self.screen = Screen::Home;
        self.modal = None;
        self.notice = Some(Notice {
            undo: Some(id.clone()),
            ..Notice::info("Moved to the trash — press u to undo.")
        });
        // Gone from the list at once; the list read anew follows.
        let home = &mut self.home;
        let row = home.selected;
        let mut entries = std::mem::take(&mut home.entries);
        entries.retain(|entry| *entry.id() != id);
        let mut effects = home.show(entries, None);
        home.select(row);
        effects.push(Effect::Refresh);
        effects
    }

    /// After a restore: home, with the session selected.
    pub(super) fn restored(&mut self, id: SessionId) -> Vec<Effect> {
        self.screen = Screen::Home;
        self.notice = Some(Notice::info("Brought back from the trash."));
        self.home.select_after_refresh = Some(id);
        vec![Effect::Refresh]
    }
}
