//! The root causes that keep coming back: the words and two-word phrases that recur across
//! sessions' root-cause answers ("time pressure", "code review"), each with the sessions it
//! comes from. A phrase counts once per session; it recurs when it is in two sessions or
//! more. Stop words and words that say nothing about a cause on their own ("run", "time",
//! "merge", "thing") are left out, and a word that only recurs inside a recurring phrase is
//! shown as the phrase.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::session::SessionId;

/// The most recurring causes shown.
pub const MOST: usize = 8;

/// Words too common to say anything about causes.
pub(super) const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "didn",
    "do",
    "does",
    "doesn",
    "don",
    "down",
    "even",
    "every",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "just",
    "like",
    "ll",
    "made",
    "make",
    "me",
    "more",
    "most",
    "much",
    "my",
    "no",
    "nobody",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "re",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "still",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "up",
    "us",
    "ve",
    "very",
    "was",
    "wasn",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "d",
    "m",
    "won",
    "weren",
    "couldn",
    "wouldn",
    "shouldn",
    "hadn",
    "haven",
    "hasn",
    "aren",
    "around",
    "until",
    "without",
    "against",
    "between",
    "during",
    "under",
    "another",
    "each",
    "both",
    "either",
    "neither",
    "such",
    "own",
    "myself",
    "itself",
    "themselves",
    "yourself",
    "anyone",
    "someone",
    "everyone",
    "something",
    "anything",
    "everything",
    "there's",
    "here",
    "yes",
];

/// Words that name no cause on their own: generic verbs, nouns and adverbs. In a phrase with a
/// word that does ("review process"), they are kept; alone, never.
const GENERIC: &[&str] = &[
    "run",
    "ran",
    "running",
    "runs",
    "merge",
    "merged",
    "merging",
    "went",
    "go",
    "goes",
    "going",
    "gone",
    "take",
    "took",
    "taken",
    "taking",
    "think",
    "thought",
    "know",
    "knew",
    "known",
    "say",
    "said",
    "tell",
    "told",
    "want",
    "wanted",
    "need",
    "needed",
    "needs",
    "use",
    "used",
    "using",
    "try",
    "tried",
    "trying",
    "come",
    "came",
    "see",
    "saw",
    "seen",
    "look",
    "looked",
    "feel",
    "felt",
    "give",
    "gave",
    "given",
    "put",
    "keep",
    "kept",
    "let",
    "seem",
    "seemed",
    "happen",
    "happened",
    "happens",
    "work",
    "worked",
    "working",
    "done",
    "doing",
    "thing",
    "things",
    "way",
    "ways",
    "lot",
    "lots",
    "time",
    "times",
    "day",
    "days",
    "week",
    "weeks",
    "bit",
    "kind",
    "sort",
    "part",
    "really",
    "actually",
    "maybe",
    "probably",
    "enough",
    "yet",
    "already",
    "never",
    "always",
    "ever",
    "quite",
    "pretty",
    "last",
    "next",
    "first",
    "new",
    "old",
    "sure",
    "able",
    "many",
    "few",
    "less",
    "people",
    "person",
    "team",
    "someone",
    "problem",
    "problems",
    "issue",
    "issues",
    "mistake",
    "mistakes",
    "cause",
    "causes",
    "root",
    "reason",
    "reasons",
    "because",
    "due",
    "result",
    "led",
    "lead",
    "caused",
    "wrong",
    "bad",
    "good",
    "big",
    "small",
    "whole",
    "end",
    "ended",
    "start",
    "started",
    "stuff",
    "case",
    "point",
    "fact",
    "place",
    "able",
    "didnt",
    "dont",
    "wasnt",
    "im",
    "ive",
    // What happened, not why: plain verbs of doing and changing.
    "missed",
    "miss",
    "updated",
    "update",
    "pushed",
    "push",
    "posted",
    "post",
    "changed",
    "change",
    "added",
    "add",
    "wrote",
    "write",
    "written",
    "lost",
    "sent",
    "send",
    "asked",
    "ask",
    "called",
    "call",
    "promised",
    "promise",
    "fixed",
    "fix",
    "checked",
    "found",
    "find",
    "left",
    "moved",
    "opened",
    "closed",
    "close",
    "set",
    "turned",
    "became",
    "become",
    "getting",
    "making",
    "having",
    // How, when and how much: adverbs, numbers, times of day and of the calendar.
    "instead",
    "properly",
    "kindly",
    "honestly",
    "back",
    "different",
    "real",
    "again",
    "once",
    "twice",
    "two",
    "three",
    "four",
    "five",
    "half",
    "whole",
    "almost",
    "nearly",
    "rather",
    "morning",
    "afternoon",
    "evening",
    "night",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
    // Who and what the work is about: the subject of every answer, not a cause in it.
    "customer",
    "customers",
    "client",
    "clients",
    "user",
    "users",
    "account",
    "accounts",
    "data",
    "system",
    "systems",
    "ticket",
    "tickets",
    "project",
    "projects",
    "order",
    "orders",
    "value",
    "values",
    "manager",
    "boss",
    "colleague",
    "colleagues",
    "company",
    "office",
    "email",
    "emails",
];

/// A cause that recurs, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The word or two-word phrase, as it was most often written.
    pub phrase: String,
    /// The sessions it comes from, oldest first.
    pub sessions: Vec<SessionId>,
}

/// The causes that recur across `answers` (a session and its root-cause text), most sessions
/// first, at most [`MOST`].
pub fn recurring<'a>(answers: impl IntoIterator<Item = (&'a SessionId, &'a str)>) -> Vec<Cause> {
    // Key (stemmed words) → sessions, and how each key was written.
    let mut found: HashMap<Vec<String>, BTreeSet<SessionId>> = HashMap::new();
    let mut written: HashMap<Vec<String>, BTreeMap<String, usize>> = HashMap::new();
    for (session, text) in answers {
        for clause in text.split(is_clause_break) {
            let words: Vec<(String, String)> = clause
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .map(|w| w.trim_matches('-'))
                .filter(|w| !w.is_empty())
                .map(|w| (w.to_lowercase(), stem(&w.to_lowercase())))
                .collect();
            // A word is letters first, and not so long that it is no word ("31m", a pasted
            // hash, a URL run together are not causes).
            let content = |(word, _): &(String, String)| {
                (3..=24).contains(&word.chars().count())
                    && word.chars().next().is_some_and(char::is_alphabetic)
                    && !STOP_WORDS.contains(&word.as_str())
            };
            for (i, pair) in words.iter().enumerate() {
                if content(pair) && !GENERIC.contains(&pair.0.as_str()) {
                    note(
                        &mut found,
                        &mut written,
                        session,
                        vec![pair.1.clone()],
                        pair.0.clone(),
                    );
                }
                if let Some(next) = words.get(i + 1)
                    && content(pair)
                    && content(next)
                    && !(GENERIC.contains(&pair.0.as_str()) && GENERIC.contains(&next.0.as_str()))
                {
                    let key = vec![pair.1.clone(), next.1.clone()];
                    note(
                        &mut found,
                        &mut written,
                        session,
                        key,
                        format!("{} {}", pair.0, next.0),
                    );
                }
            }
        }
    }
    let recurring: Vec<(Vec<String>, BTreeSet<SessionId>)> = found
        .into_iter()
        .filter(|(_, sessions)| sessions.len() > 1)
        .collect();
    // A word that recurs no more than a recurring phrase holding it is shown as the phrase.
    let phrases: Vec<&(Vec<String>, BTreeSet<SessionId>)> =
        recurring.iter().filter(|(key, _)| key.len() == 2).collect();
    let mut causes: Vec<(Vec<String>, BTreeSet<SessionId>)> = recurring
        .iter()
        .filter(|(key, sessions)| {
            key.len() == 2
                || !phrases
                    .iter()
                    .any(|(phrase, within)| phrase.contains(&key[0]) && sessions.is_subset(within))
        })
        .cloned()
        .collect();
    causes.sort_by(|(a, a_sessions), (b, b_sessions)| {
        b_sessions
            .len()
            .cmp(&a_sessions.len())
            .then(b.len().cmp(&a.len()))
            .then(a.cmp(b))
    });
    causes.truncate(MOST);
    causes
        .into_iter()
        .map(|(key, sessions)| Cause {
            phrase: most_written(&written[&key]),
            sessions: sessions.into_iter().collect(),
        })
        .collect()
}

fn note(
    found: &mut HashMap<Vec<String>, BTreeSet<SessionId>>,
    written: &mut HashMap<Vec<String>, BTreeMap<String, usize>>,
    session: &SessionId,
    key: Vec<String>,
    as_written: String,
) {
    *written
        .entry(key.clone())
        .or_default()
        .entry(as_written)
        .or_default() += 1;
    found.entry(key).or_default().insert(session.clone());
}

/// The way a key was written most often (the first in order, on a tie).
fn most_written(forms: &BTreeMap<String, usize>) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(form, _)| form.clone())
        .unwrap_or_default()
}

/// Where a phrase cannot run on: the end of a sentence or clause, a dash, a bracket, a line.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '—' | '–' | '\n' | '"' | '“' | '”'
    )
}

/// A word's plural and its singular as one: "reviews", "review".
fn stem(word: &str) -> String {
    let keep = word.chars().count() <= 4
        || ["ss", "us", "is", "ous"].iter().any(|end| word.ends_with(end))
        || !word.ends_with('s');
    if keep {
        word.to_string()
    } else if let Some(base) = word.strip_suffix("ies") {
        format!("{base}y")
    } else {
        word[..word.len() - 1].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn causes(answers: &[&str]) -> Vec<(String, usize)> {
        let ids: Vec<SessionId> = (0..answers.len())
            .map(|i| SessionId::from(format!("s{i}").as_str()))
            .collect();
        recurring(ids.iter().zip(answers.iter().copied()))
            .into_iter()
            .map(|c| (c.phrase, c.sessions.len()))
            .collect()
    }

    /// Root-cause answers as people write them, with the themes that truly recur labelled:
    /// what is found must be those themes, and nothing generic.
    #[test]
    fn recurring_causes_are_the_themes_not_the_filler() {
        let answers = [
            "I was under time pressure and skipped the code review. The deploy ran at 5pm.",
            "Time pressure again: the release had to go out, so I merged without code review.",
            "No checklist for migrations. I ran the migration by hand and forgot a step.",
            "We merged on a Friday; there was no checklist and nobody on call knew the system.",
            "I assumed the config was the same in staging and production.",
            "The staging config differed from production and I didn't check. Time was short.",
            "I took on too much work and said yes to every request.",
        ];
        let found = causes(&answers);
        let phrases: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            found,
            [
                ("code review".to_string(), 2),
                ("time pressure".to_string(), 2),
                ("checklist".to_string(), 2),
                ("config".to_string(), 2),
                ("production".to_string(), 2),
                ("staging".to_string(), 2),
            ],
            "{phrases:?}"
        );
        for generic in [
            "run", "ran", "time", "merge", "merged", "work", "pressure", "review",
        ] {
            assert!(!phrases.contains(&generic), "{generic} in {phrases:?}");
        }
    }

    #[test]
    fn a_cause_counts_once_per_session_and_plurals_are_one() {
        let found = causes(&[
            "Reviews were rushed. Reviews always are.",
            "The review was rushed.",
            "Nothing in common here.",
        ]);
        assert_eq!(found, [("reviews".to_string(), 2), ("rushed".to_string(), 2)]);
        assert!(
            causes(&["Time pressure.", "Unrelated answer."]).is_empty(),
            "one session is no recurrence"
        );
    }
}
