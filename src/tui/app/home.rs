//! The home screen's state and logic: the session list, search, and the way into a session.

use ratatui_textarea::{Input, Key};

use super::{App, Effect, Modal, Msg, RESUME_WINDOW_HOURS, Screen, error, unreadable_message};
use crate::search::{Highlight, Hit, Index, Item, Query, Searcher};
use crate::session::Status;
use crate::store::Entry;
use crate::tui::keys::Action;
use crate::tui::view;

/// Whether the answers have been read for searching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// Only titles can be searched.
    NotLoaded,
    /// Being read in the background.
    Loading,
    /// Titles and answers are searched.
    Loaded,
}

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
#[derive(Debug)]
pub struct Home {
    /// All sessions, newest first.
    pub entries: Vec<Entry>,
    /// What search looks at, one per entry.
    pub items: Vec<Item>,
    /// The word index of the answers, once loaded.
    pub index: Index,
    /// Whether answers are searched yet.
    pub answers: Answers,
    /// Bumped on every new list, so answers read for an older list are dropped.
    pub generation: u64,
    /// The search box, while one is open.
    pub search: Option<Search>,
    searcher: Searcher,
    /// The selected row (of the search results, when searching).
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// Whether the list has been loaded yet.
    pub loaded: bool,
    /// A session to select once the list is reloaded.
    pub select_after_refresh: Option<String>,
    /// The answer line a search found, to scroll to when its session opens.
    pub focus: Option<String>,
}

impl Default for Home {
    fn default() -> Self {
        Home {
            entries: Vec::new(),
            items: Vec::new(),
            index: Index::default(),
            answers: Answers::NotLoaded,
            generation: 0,
            search: None,
            searcher: Searcher::default(),
            selected: 0,
            offset: 0,
            loaded: false,
            select_after_refresh: None,
            focus: None,
        }
    }
}

impl Home {
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

    /// Makes the search items for the list, if they are not there yet.
    fn ensure_items(&mut self) {
        if self.items.len() != self.entries.len() {
            self.items = crate::search::items(&self.entries);
            self.index = Index::default();
            self.answers = Answers::NotLoaded;
            self.searcher.reset();
        }
    }

    /// Runs the query in the search box again, keeping the selection on the same session.
    fn run_search(&mut self) {
        self.ensure_items();
        let keep = self.selected_entry().map(|e| e.id().to_string());
        if let Some(search) = &mut self.search {
            search.query = Query::parse(&search.input);
            search.hits = self.searcher.search(&self.items, &self.index, &search.query);
        }
        self.select_id(keep.as_deref());
    }

    /// Selects the row of session `id` if it is shown, else the first row.
    fn select_id(&mut self, id: Option<&str>) {
        let found =
            id.and_then(|id| (0..self.row_count()).find(|&r| self.row(r).is_some_and(|(e, _)| e.id() == id)));
        self.selected = found.unwrap_or(0);
        self.offset = self.offset.min(self.selected);
    }

    /// Moves the selection, keeping it on screen (`page` rows tall).
    pub(super) fn select(&mut self, row: usize, page: usize) {
        let last = self.row_count().saturating_sub(1);
        self.selected = row.min(last);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }
}

impl App {
    /// A fresh list for the home screen; the first one may bring an offer to resume a draft.
    pub(super) fn listed(&mut self, entries: Vec<Entry>) -> Vec<Effect> {
        if !self.resume_offer_checked {
            self.resume_offer_checked = true;
            let now = self.clock.now();
            let recent = entries.iter().find_map(|entry| match entry {
                Entry::Session(s)
                    if s.status == Status::Draft
                        && now.signed_duration_since(s.updated).num_hours() < RESUME_WINDOW_HOURS =>
                {
                    Some(s)
                }
                _ => None,
            });
            if let Some(draft) = recent
                && self.modal.is_none()
            {
                self.modal = Some(Modal::ResumeOffer {
                    id: draft.id.clone(),
                    title: draft.title.clone(),
                    updated: draft.updated,
                });
            }
        }
        let home = &mut self.home;
        let keep = home
            .select_after_refresh
            .take()
            .or_else(|| home.selected_entry().map(|e| e.id().to_string()));
        // Search items are made when a search needs them, not for every list.
        home.items.clear();
        home.entries = entries;
        home.index = Index::default();
        home.answers = Answers::NotLoaded;
        home.generation += 1;
        home.searcher.reset();
        home.loaded = true;
        if home.search.is_some() {
            home.run_search();
            home.select_id(keep.as_deref());
            return self.load_answers();
        }
        home.select_id(keep.as_deref());
        vec![]
    }

    /// Asks for the answers to be read, once per list.
    fn load_answers(&mut self) -> Vec<Effect> {
        let home = &mut self.home;
        home.ensure_items();
        if home.answers != Answers::NotLoaded || home.entries.is_empty() {
            return vec![];
        }
        home.answers = Answers::Loading;
        vec![Effect::LoadAnswers {
            generation: home.generation,
            items: home.items.clone(),
            ids: home.entries.iter().map(|e| e.id().to_string()).collect(),
        }]
    }

    /// Answers read in the background: search them from now on.
    pub(super) fn answers_loaded(&mut self, generation: u64, items: Vec<Item>, index: Index) {
        let home = &mut self.home;
        if generation != home.generation || items.len() != home.entries.len() {
            return; // read for a list that has changed since
        }
        home.items = items;
        home.index = index;
        home.answers = Answers::Loaded;
        home.searcher.reset();
        home.run_search();
    }

    pub(super) fn update_home(&mut self, msg: Msg) -> Vec<Effect> {
        let page = view::home::list_height(self.size, self.home.search.is_some()).max(1);
        let home = &mut self.home;
        let Msg::Action(action) = msg else {
            return vec![];
        };
        match action {
            Action::Up => home.select(home.selected.saturating_sub(1), page),
            Action::Down => home.select(home.selected + 1, page),
            Action::PageUp => home.select(home.selected.saturating_sub(page), page),
            Action::PageDown => home.select(home.selected + page, page),
            Action::Top => home.select(0, page),
            Action::Bottom => home.select(usize::MAX, page),
            Action::New => return self.start_new(),
            Action::CheckIn => return self.ask_to_check_in(),
            Action::Stats => {
                self.notice = Some(super::Notice {
                    text: "Looking back over your sessions…".into(),
                    is_error: false,
                });
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
                    home.run_search();
                }
                self.notice = None;
                return self.load_answers();
            }
            Action::Undo => match self.last_deleted.take() {
                Some(id) => return vec![Effect::Restore(id)],
                None => {
                    self.notice = Some(error(
                        "Nothing to bring back: no session was deleted since ownup started.".into(),
                    ))
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
        let page = view::home::list_height(self.size, true).max(1);
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
            Msg::Action(Action::Up) => home.select(home.selected.saturating_sub(1), page),
            Msg::Action(Action::Down) => home.select(home.selected + 1, page),
            Msg::Action(Action::PageUp) => home.select(home.selected.saturating_sub(page), page),
            Msg::Action(Action::PageDown) => home.select(home.selected + page, page),
            _ => return vec![],
        }
        if home.search.as_ref().is_some_and(|s| s.input.len() != before) {
            home.run_search();
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

    /// After a deletion: home, with a way back.
    pub(super) fn trashed(&mut self, id: String) -> Vec<Effect> {
        self.screen = Screen::Home;
        self.modal = None;
        self.notice = Some(super::Notice {
            text: "Moved to the trash. Press u to bring it back.".into(),
            is_error: false,
        });
        self.last_deleted = Some(id);
        vec![Effect::Refresh]
    }

    /// After a restore: home, with the session selected.
    pub(super) fn restored(&mut self, id: String) -> Vec<Effect> {
        self.screen = Screen::Home;
        self.notice = Some(super::Notice {
            text: "Brought back from the trash.".into(),
            is_error: false,
        });
        self.home.select_after_refresh = Some(id);
        vec![Effect::Refresh]
    }
}
