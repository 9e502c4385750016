//! Searching sessions: a query of words and filters, matched against titles and answers.
//!
//! Titles are matched fuzzily (nucleo, as in fzf: `dply pay` finds "I deployed the payments
//! service"). Answers, which are long, are matched by words: every word typed must begin a word
//! somewhere in the session's answers (`roll back` finds "we rolled back"), looked up in a word
//! index, so a keystroke costs a binary search rather than a scan of every answer — fuzzy matching
//! over pages of text would also match nearly everything. Each match carries the character
//! positions to highlight: in the title, or in the answer line it was found on.
//!
//! Typing more of a query narrows the previous results instead of searching everything again.
//! No terminal code here.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::session::{Session, Status};
use crate::store::{Entry, ScriptLabel};

/// Results beyond this many get no highlights (they are far down the list).
pub const HIGHLIGHT_LIMIT: usize = 100;

/// One searchable session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The title as the matcher reads it, converted once (converting on every keystroke cost
    /// ~1 µs a title: 9 ms over 10,000); the only copy the search keeps (an ASCII title is
    /// kept as bytes).
    title32: Utf32String,
    /// All answers, one after another, or `None` until they are loaded.
    body: Option<String>,
    /// Draft or complete; `None` for a file that cannot be read.
    pub status: Option<Status>,
    /// The script, shared by the items (and list rows) of the same script.
    pub script: Arc<ScriptLabel>,
    /// The day the session started.
    pub day: Option<NaiveDate>,
}

impl Item {
    /// An item with a title and filterable facts; its answers can be added later.
    pub fn new(title: &str, status: Option<Status>, script: &str, day: Option<NaiveDate>) -> Item {
        Item::with_script(title, status, ScriptLabel::shared(script, ""), day)
    }

    fn with_script(
        title: &str,
        status: Option<Status>,
        script: Arc<ScriptLabel>,
        day: Option<NaiveDate>,
    ) -> Item {
        Item {
            title32: Utf32String::from(title),
            body: None,
            status,
            script,
            day,
        }
    }

    /// Sets the answers to search in (the word index is built by [`Index::new`]).
    pub fn set_body(&mut self, body: String) {
        self.body = Some(body);
    }

    /// Forgets the answers.
    pub fn clear_body(&mut self) {
        self.body = None;
    }

    /// Whether the answers are loaded.
    pub fn has_body(&self) -> bool {
        self.body.is_some()
    }
}

/// Search items for list rows, in the same order; answers are attached later with
/// [`attach_answers`].
pub fn items(entries: &[Entry]) -> Vec<Item> {
    // The script is the row's own copy, shared by the rows of that script.
    let none = ScriptLabel::shared("", "");
    entries
        .iter()
        .map(|entry| match entry {
            Entry::Session(s) => Item::with_script(
                &s.title,
                Some(s.status),
                s.script.clone(),
                Some(s.started.date_naive()),
            ),
            Entry::Unreadable { id, .. } => Item::with_script(id, None, none.clone(), None),
        })
        .collect()
}

/// All of a session's answers as one text, one answer after another.
pub fn answers_text(session: &Session) -> String {
    let mut text = String::new();
    for answer in session
        .steps
        .iter()
        .flat_map(|s| &s.prompts)
        .map(|p| p.answer.trim())
    {
        if !answer.is_empty() {
            text.push_str(answer);
            text.push('\n');
        }
    }
    text
}

/// Gives each item the answers of its session, matched by id.
pub fn attach_answers<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    items: &mut [Item],
    answers: Vec<(String, String)>,
) {
    let mut by_id: std::collections::HashMap<String, String> = answers.into_iter().collect();
    for (id, item) in ids.into_iter().zip(items.iter_mut()) {
        if let Some(text) = by_id.remove(id) {
            item.set_body(text);
        }
    }
}

/// Every word of every item's answers, sorted, with the items it appears in.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Index {
    words: Vec<(Box<str>, Vec<u32>)>,
}

impl Index {
    /// Indexes the answers (and titles) of `items`.
    pub fn new(items: &[Item]) -> Index {
        let mut postings: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let i = i as u32;
            let title = item.title32.to_string();
            for text in [Some(title.as_str()), item.body.as_deref()].into_iter().flatten() {
                for word in words(text).map(|w| w.lower) {
                    let list = postings.entry(word).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        let mut words: Vec<(Box<str>, Vec<u32>)> = postings
            .into_iter()
            .map(|(w, items)| (w.into_boxed_str(), items))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Index { words }
    }

    /// Marks in `found` every item with a word starting with `prefix` (lower case).
    fn mark(&self, prefix: &str, found: &mut [bool]) {
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        for (_, items) in self.words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
        {
            for &i in items {
                if let Some(slot) = found.get_mut(i as usize) {
                    *slot = true;
                }
            }
        }
    }

    /// For each item, whether every one of `prefixes` begins a word of it.
    fn matching(&self, prefixes: &[String], len: usize) -> Vec<bool> {
        let mut all = vec![true; len];
        let mut found = vec![false; len];
        for prefix in prefixes {
            found.iter_mut().for_each(|f| *f = false);
            self.mark(prefix, &mut found);
            all.iter_mut().zip(&found).for_each(|(a, f)| *a &= *f);
        }
        all
    }
}

/// Where to learn which items have every word of a query in their answers: the in-memory
/// [`Index`], or [`WordHits`] looked up elsewhere (the store's full-text index).
pub trait Words {
    /// For each of `len` items, whether every one of `prefixes` begins a word of its answers;
    /// `None` while that is not known yet (then only titles are searched).
    fn matching(&self, prefixes: &[String], len: usize) -> Option<Vec<bool>>;
}

impl Words for Index {
    fn matching(&self, prefixes: &[String], len: usize) -> Option<Vec<bool>> {
        Some(Index::matching(self, prefixes, len))
    }
}

/// The items found to have every one of some words in their answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordHits {
    /// The word beginnings looked for, lower case (see [`prefixes`]).
    pub words: Vec<String>,
    /// The items that have them all.
    pub items: Vec<usize>,
}

impl Words for WordHits {
    fn matching(&self, prefixes: &[String], len: usize) -> Option<Vec<bool>> {
        if self.words != prefixes {
            return None;
        }
        let mut found = vec![false; len];
        for &i in &self.items {
            if let Some(slot) = found.get_mut(i) {
                *slot = true;
            }
        }
        Some(found)
    }
}

/// The lower-case word beginnings a query's text looks for in answers.
pub fn prefixes(text: &str) -> Vec<String> {
    words(text).map(|w| w.lower).collect()
}

/// The ids of the answers that have a word beginning with each of `prefixes`: a search without
/// an index, by reading every answer.
pub fn ids_matching<Id: Clone>(answers: &[(Id, String)], prefixes: &[String]) -> Vec<Id> {
    let ids: Vec<Id> = answers.iter().map(|(id, _)| id.clone()).collect();
    ids_in(&index_answers(answers), &ids, prefixes)
}

/// The words of `answers` (an id and its answers each, in order), indexed once for
/// [`ids_in`] to look up as often as needed.
pub fn index_answers<Id>(answers: &[(Id, String)]) -> Index {
    let mut items: Vec<Item> = answers.iter().map(|_| Item::new("", None, "", None)).collect();
    for (item, (_, text)) in items.iter_mut().zip(answers) {
        item.set_body(text.clone());
    }
    Index::new(&items)
}

/// Of `ids` (in the order [`index_answers`] was given their answers), those whose answers have
/// a word beginning with each of `prefixes`.
pub fn ids_in<Id: Clone>(index: &Index, ids: &[Id], prefixes: &[String]) -> Vec<Id> {
    let found = index.matching(prefixes, ids.len());
    ids.iter()
        .zip(found)
        .filter(|(_, found)| *found)
        .map(|(id, _)| id.clone())
        .collect()
}

/// A word of a text, lower-cased, with where it is in the original, in characters.
struct Word {
    /// Character index of its first letter.
    start: usize,
    /// The lower-cased word.
    lower: String,
}

impl Word {
    /// The character positions in `text` (the text the word was read from) of the letters
    /// that the first `lower_chars` lower-case characters come from. Lower-casing can change
    /// how many characters a letter takes (`İ` becomes `i̇`), so the two counts may differ.
    fn original_positions(&self, text: &str, lower_chars: usize) -> Range<usize> {
        let mut seen = 0;
        let mut len = 0;
        for c in text.chars().skip(self.start) {
            if seen >= lower_chars {
                break;
            }
            seen += c.to_lowercase().count();
            len += 1;
        }
        self.start..self.start + len
    }
}

/// The words of `text`, lower-cased, with the character index each starts at.
fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut chars = text.chars().enumerate().peekable();
    std::iter::from_fn(move || {
        while chars.peek().is_some_and(|(_, c)| !c.is_alphanumeric()) {
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut lower = String::new();
        while let Some((_, c)) = chars.next_if(|(_, c)| c.is_alphanumeric()) {
            lower.extend(c.to_lowercase());
        }
        Some(Word { start, lower })
    })
}

/// A parsed query: words to find and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The words, as typed (filters removed).
    pub text: String,
    /// `status:draft` or `status:complete`.
    pub status: Option<Status>,
    /// `script:NAME`.
    pub script: Option<String>,
    /// `since:YYYY-MM-DD`.
    pub since: Option<NaiveDate>,
    /// What was wrong with a filter, if anything (the filter is then ignored).
    pub problem: Option<String>,
}

impl Query {
    /// Parses what was typed in the search box.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut words = Vec::new();
        for token in input.split_whitespace() {
            let Some((key, value)) = token.split_once(':') else {
                words.push(token);
                continue;
            };
            match key.to_ascii_lowercase().as_str() {
                "status" => match value.to_ascii_lowercase().as_str() {
                    "draft" => query.status = Some(Status::Draft),
                    "complete" | "done" => query.status = Some(Status::Complete),
                    "" => {}
                    _ => query.problem = Some(format!("status:{value}? use status:draft or status:complete")),
                },
                "script" if !value.is_empty() => query.script = Some(value.to_string()),
                "script" => {}
                "since" => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                    Ok(day) => query.since = Some(day),
                    // Still being typed: no complaint until it looks like a whole date.
                    Err(_) if value.len() < 10 => {}
                    Err(_) => {
                        query.problem = Some(format!("since:{value}? use a date like since:2026-11-01"))
                    }
                },
                _ => words.push(token),
            }
        }
        query.text = words.join(" ");
        query
    }

    fn same_filters(&self, other: &Query) -> bool {
        self.status == other.status && self.script == other.script && self.since == other.since
    }

    fn admits(&self, item: &Item) -> bool {
        self.status.is_none_or(|s| item.status == Some(s))
            && self
                .script
                .as_ref()
                .is_none_or(|s| item.script.name.eq_ignore_ascii_case(s))
            && self
                .since
                .is_none_or(|since| item.day.is_some_and(|day| day >= since))
    }
}

/// Where a match was found, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Highlight {
    /// Character positions in the title.
    Title(Vec<u32>),
    /// The answer line the words were found on, and character positions in it.
    Answer {
        /// The line.
        line: String,
        /// Positions to highlight in it.
        positions: Vec<u32>,
    },
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the searched items.
    pub index: usize,
    /// Higher is better.
    pub score: u32,
    /// What to highlight; `None` past [`HIGHLIGHT_LIMIT`] or for filter-only queries.
    pub highlight: Option<Highlight>,
}

/// Runs queries, remembering the last one to narrow from.
pub struct Searcher {
    matcher: Matcher,
    last: Option<(Query, Vec<usize>)>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
            last: None,
        }
    }
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("last", &self.last.as_ref().map(|l| &l.0))
            .finish()
    }
}

impl Searcher {
    /// Forgets the last query, e.g. when the items changed.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// The items matching `query`, best first (ties keep the items' order). `words` tells
    /// which items have the query's words in their answers.
    ///
    /// Items with every word of the query (the beginning of a word in their answers or title)
    /// rank first, those whose title also matches fuzzily first among them; then items whose
    /// title alone matches fuzzily: a word found exactly says more than scattered letters.
    pub fn search(&mut self, items: &[Item], words: &impl Words, query: &Query) -> Vec<Hit> {
        let text = query.text.trim();
        if text.is_empty() {
            self.last = None;
            return (0..items.len())
                .filter(|&i| query.admits(&items[i]))
                .map(|index| Hit {
                    index,
                    score: 0,
                    highlight: None,
                })
                .collect();
        }
        // Typing more of the same query can only narrow the titles that match.
        let narrowed: Option<&Vec<usize>> = match &self.last {
            Some((last, titles))
                if last.same_filters(query)
                    && query.text.starts_with(&last.text)
                    && titles.iter().all(|&i| i < items.len()) =>
            {
                Some(titles)
            }
            _ => None,
        };
        let fuzzy = Pattern::new(text, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy);
        let prefixes = prefixes(text);
        let in_answers = if prefixes.is_empty() {
            None
        } else {
            words.matching(&prefixes, items.len())
        };
        let matcher = &mut self.matcher;
        let mut titles = Vec::new();
        let mut title_score = |i: usize, matcher: &mut Matcher| {
            let score = fuzzy.score(items[i].title32.slice(..), matcher);
            if score.is_some() {
                titles.push(i);
            }
            score
        };
        let mut hits: Vec<Hit> = Vec::new();
        let mut add = |index: usize, title: Option<u32>, word: bool| {
            if title.is_none() && !word {
                return;
            }
            let score = u32::from(word) * 4_000_000 + title.map_or(0, |s| 1_000_000 + s.min(999_999));
            hits.push(Hit {
                index,
                score,
                highlight: None,
            });
        };
        match narrowed {
            Some(candidates) => {
                let candidates = candidates.clone();
                let mut next = candidates.iter().peekable();
                for i in 0..items.len() {
                    let word = in_answers.as_ref().is_some_and(|found| found[i]);
                    let was_title = next.next_if(|&&c| c == i).is_some();
                    if !(word || was_title) || !query.admits(&items[i]) {
                        continue;
                    }
                    let title = if was_title { title_score(i, matcher) } else { None };
                    add(i, title, word);
                }
            }
            None => {
                for (i, item) in items.iter().enumerate() {
                    if !query.admits(item) {
                        continue;
                    }
                    let title = title_score(i, matcher);
                    let word = in_answers.as_ref().is_some_and(|found| found[i]);
                    add(i, title, word);
                }
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        self.highlight(items, text, &mut hits);
        self.last = Some((query.clone(), titles));
        hits
    }

    fn highlight(&mut self, items: &[Item], text: &str, hits: &mut [Hit]) {
        let fuzzy = Pattern::new(text, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy);
        let prefixes: Vec<String> = words(text).map(|w| w.lower).collect();
        let mut positions = Vec::new();
        for hit in hits.iter_mut().take(HIGHLIGHT_LIMIT) {
            let item = &items[hit.index];
            positions.clear();
            if fuzzy
                .indices(item.title32.slice(..), &mut self.matcher, &mut positions)
                .is_some()
            {
                positions.sort_unstable();
                positions.dedup();
                hit.highlight = Some(Highlight::Title(positions.clone()));
            } else if let Some(body) = &item.body {
                hit.highlight = answer_line(body, &prefixes);
            }
        }
    }
}

/// The first answer line with a word starting with one of `prefixes`, and the character
/// positions of every matching prefix on it.
fn answer_line(body: &str, prefixes: &[String]) -> Option<Highlight> {
    body.lines().find_map(|line| {
        let mut positions = Vec::new();
        for word in words(line) {
            if let Some(p) = prefixes
                .iter()
                .filter(|p| word.lower.starts_with(p.as_str()))
                .map(|p| p.chars().count())
                .max()
            {
                positions.extend(word.original_positions(line, p).map(|c| c as u32));
            }
        }
        (!positions.is_empty()).then(|| Highlight::Answer {
            line: line.to_string(),
            positions,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, body: &str, status: Status, script: &str, day: &str) -> Item {
        let mut item = Item::new(
            title,
            Some(status),
            script,
            Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()),
        );
        item.set_body(body.to_string());
        item
    }

    fn items() -> Vec<Item> {
        vec![
            item(
                "I deployed the payments service",
                "Checkout failed.\nWe rolled back at 18:20.",
                Status::Complete,
                "own-it",
                "2026-11-20",
            ),
            item(
                "Missed the Q3 deadline",
                "The client waited.\nI told my manager late.",
                Status::Draft,
                "quick",
                "2026-10-01",
            ),
            item(
                "Harsh message to Sam",
                "I apologised to Sam in person.",
                Status::Complete,
                "own-it",
                "2026-11-02",
            ),
        ]
    }

    fn indices(hits: &[Hit]) -> Vec<usize> {
        hits.iter().map(|h| h.index).collect()
    }

    #[test]
    fn filters_are_parsed_out_of_the_words() {
        let q = Query::parse("status:draft  rolled back script:own-it since:2026-11-01");
        assert_eq!(q.text, "rolled back");
        assert_eq!(q.status, Some(Status::Draft));
        assert_eq!(q.script.as_deref(), Some("own-it"));
        assert_eq!(q.since, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(q.problem, None);
    }

    #[test]
    fn bad_filters_say_what_to_type_and_half_typed_dates_wait() {
        assert_eq!(
            Query::parse("status:maybe").problem.as_deref(),
            Some("status:maybe? use status:draft or status:complete")
        );
        assert_eq!(Query::parse("since:2026-1").problem, None, "still typing");
        assert_eq!(
            Query::parse("since:2026-13-01").problem.as_deref(),
            Some("since:2026-13-01? use a date like since:2026-11-01")
        );
        assert_eq!(
            Query::parse("re:deploy").text,
            "re:deploy",
            "unknown keys are words"
        );
    }

    #[test]
    fn titles_match_fuzzily_with_highlights() {
        let items = items();
        let hits = Searcher::default().search(&items, &Index::new(&items), &Query::parse("dply pay"));
        assert_eq!(indices(&hits), [0]);
        let Some(Highlight::Title(positions)) = &hits[0].highlight else {
            panic!("{hits:?}")
        };
        let title: Vec<char> = items[0].title32.to_string().chars().collect();
        let marked: String = positions.iter().map(|&p| title[p as usize]).collect();
        assert_eq!(marked, "dplypay");
    }

    #[test]
    fn answers_match_by_words_and_show_the_line_found() {
        let items = items();
        let hits = Searcher::default().search(&items, &Index::new(&items), &Query::parse("rolled"));
        assert_eq!(indices(&hits), [0]);
        assert_eq!(
            hits[0].highlight,
            Some(Highlight::Answer {
                line: "We rolled back at 18:20.".into(),
                positions: vec![3, 4, 5, 6, 7, 8],
            })
        );
        // Scattered letters in a long answer are not a match.
        assert!(
            Searcher::default()
                .search(&items, &Index::new(&items), &Query::parse("zqx"))
                .is_empty()
        );
    }

    #[test]
    fn words_found_exactly_rank_above_fuzzy_title_matches() {
        let items = vec![
            item(
                "Light neighbour with Rosa about the outage",
                "I was short with her.",
                Status::Complete,
                "own-it",
                "2026-11-21",
            ),
            item(
                "Missed the deadline",
                "The lighthouse dashboard was stale.",
                Status::Complete,
                "own-it",
                "2026-11-20",
            ),
            item(
                "The lighthouse migration",
                "It went out untested.",
                Status::Complete,
                "own-it",
                "2026-11-19",
            ),
        ];
        let hits = Searcher::default().search(&items, &Index::new(&items), &Query::parse("lighthouse"));
        assert_eq!(
            indices(&hits),
            [2, 1, 0],
            "the word in the title, then in the answers, then scattered letters of a title"
        );
        // Still looking the words up in the answers: titles only, for now.
        let pending = WordHits::default();
        let hits = Searcher::default().search(&items, &pending, &Query::parse("lighthouse"));
        assert_eq!(indices(&hits), [2, 0]);
        // Looked up elsewhere (the store's index) for these very words.
        let found = WordHits {
            words: vec!["lighthouse".into()],
            items: vec![1, 2],
        };
        let hits = Searcher::default().search(&items, &found, &Query::parse("lighthouse"));
        assert_eq!(indices(&hits), [2, 1, 0]);
    }

    #[test]
    fn filters_alone_keep_the_order() {
        let items = items();
        let index = Index::new(&items);
        let mut searcher = Searcher::default();
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("status:complete"))),
            [0, 2]
        );
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("script:QUICK"))),
            [1]
        );
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("since:2026-11-01"))),
            [0, 2]
        );
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse(""))),
            [0, 1, 2]
        );
    }

    #[test]
    fn typing_narrows_and_deleting_widens_again() {
        let items = items();
        let index = Index::new(&items);
        let mut searcher = Searcher::default();
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("sa"))).len(),
            2
        );
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("sam"))),
            [2]
        );
        assert_eq!(
            indices(&searcher.search(&items, &index, &Query::parse("sa"))).len(),
            2,
            "wider again"
        );
    }

    #[test]
    fn answers_not_loaded_yet_are_searched_by_title_only() {
        let mut items = items();
        items[0].body = None;
        assert!(
            Searcher::default()
                .search(&items, &Index::new(&items), &Query::parse("rolled"))
                .is_empty()
        );
        assert!(!items[0].has_body());
    }
}
