//! Patterns over the words of a text: `not my fault`, `<person> should have`, `{just|only} a
//! small <mistake>`, `i am .. <label>`.
//!
//! A pattern is words separated by spaces, matched against [`Token`]s (lower case, contractions
//! opened up: write `was not`, and "wasn't" matches). Besides plain words:
//! - `{a|b c|d}` is any one of the alternatives (each may be several words);
//! - `<class>` is any phrase of the lexicon's class of that name; `<name>` (built in) is a
//!   capitalised word that is not a common word, such as a person's name;
//! - `..` is up to three words of any kind except a negation ("i am .. idiot" reads
//!   "I'm such a complete idiot", never "I'm not an idiot"); `...` is up to fifteen words or
//!   marks of any kind ("sorry ... but");
//! - `#` is a number, and `*ed` any word of three letters or more before "ed".
//!
//! Between any two parts, filler words ("really", "totally", …) and commas may come and go:
//! "it wasn't *really*, *honestly* my fault" matches `not my fault`. A match stays inside one
//! sentence.

use std::collections::BTreeMap;

use super::read::Token;

/// Words that deny what follows: a gap never crosses one, and a match after one in the same
/// clause is not what the person says (see [`super::Lexicon`]).
pub const NEGATIONS: &[&str] = &[
    "not", "never", "no", "without", "instead", "stop", "nor", "neither",
];

/// The largest gap `..` stands for.
const GAP: usize = 3;

/// The most filler words (or commas) taken between two parts of a pattern.
const FILLERS: usize = 4;

/// The largest gap `...` stands for.
const LONG_GAP: usize = 15;

/// One part of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A word.
    Word(String),
    /// Any of several phrases.
    AnyOf(Vec<Vec<String>>),
    /// Any of several phrases, or nothing.
    Maybe(Vec<Vec<String>>),
    /// A phrase of the lexicon's class of this name.
    Class(String),
    /// A capitalised word that is not a common word.
    Name,
    /// Up to [`GAP`] words, none a negation.
    Gap,
    /// Up to [`LONG_GAP`] words or marks of any kind, in the same sentence.
    LongGap,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<Part>,
}

/// What a pattern needs besides the tokens: the classes and fillers of the lexicon.
pub struct Vocabulary<'a> {
    /// Phrases by class name, each split into words.
    pub classes: &'a BTreeMap<String, Vec<Vec<String>>>,
    /// Words that may come and go between parts.
    pub fillers: &'a [String],
}

impl Pattern {
    /// Compiles `source`; the error says what is wrong with it.
    pub fn parse(source: &str, classes: &BTreeMap<String, Vec<Vec<String>>>) -> Result<Pattern, String> {
        let mut parts = Vec::new();
        let source = source.to_lowercase().replace(['’', 'ʼ'], "'");
        let mut rest = source.trim();
        // `..` and `...` are gaps, `#` a number, `*ed` any word ending in "ed" (see the module).
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let Some((inside, after)) = after.split_once('}') else {
                    return Err(format!("\"{source}\" opens {{ without closing it"));
                };
                let alternatives: Vec<Vec<String>> = inside.split('|').map(phrase).collect();
                if alternatives.iter().any(Vec::is_empty) {
                    return Err(format!("\"{source}\" has an empty choice in {{{inside}}}"));
                }
                match after.strip_prefix('?') {
                    Some(after) => {
                        parts.push(Part::Maybe(alternatives));
                        rest = after.trim_start();
                    }
                    None => {
                        parts.push(Part::AnyOf(alternatives));
                        rest = after.trim_start();
                    }
                }
            } else if let Some(after) = rest.strip_prefix('<') {
                let Some((name, after)) = after.split_once('>') else {
                    return Err(format!("\"{source}\" opens < without closing it"));
                };
                if name == "name" {
                    parts.push(Part::Name);
                } else if classes.contains_key(name) {
                    parts.push(Part::Class(name.to_string()));
                } else {
                    return Err(format!(
                        "\"{source}\" uses <{name}>, which is not a class of the lexicon"
                    ));
                }
                rest = after.trim_start();
            } else {
                let end = rest.find([' ', '{', '<']).unwrap_or(rest.len());
                let word = &rest[..end];
                if word == "..." {
                    parts.push(Part::LongGap);
                } else if word == ".." {
                    parts.push(Part::Gap);
                } else if word == "#" || word.starts_with('*') {
                    parts.push(Part::Word(word.to_string()));
                } else {
                    parts.extend(phrase(word).into_iter().map(Part::Word));
                }
                rest = rest[end..].trim_start();
            }
        }
        if parts.iter().all(|p| matches!(p, Part::Gap | Part::LongGap)) {
            return Err("an empty pattern".into());
        }
        Ok(Pattern { parts })
    }

    /// The keys of the tokens a match can start at: words, [`NAME`] for a name, `#` for a
    /// number, and [`ANY`] when it can start anywhere (a gap, a glob).
    pub fn first_keys(&self, classes: &BTreeMap<String, Vec<Vec<String>>>) -> Vec<String> {
        let key = |word: &str| -> String {
            if word.starts_with('*') {
                ANY.to_string()
            } else {
                word.to_string()
            }
        };
        let mut keys = Vec::new();
        for part in &self.parts {
            match part {
                Part::Word(w) => keys.push(key(w)),
                Part::AnyOf(phrases) => keys.extend(phrases.iter().filter_map(|p| p.first()).map(|w| key(w))),
                Part::Maybe(phrases) => {
                    keys.extend(phrases.iter().filter_map(|p| p.first()).map(|w| key(w)));
                    continue; // it may be left out: the next part may start the match
                }
                Part::Class(name) => {
                    keys.extend(classes[name].iter().filter_map(|p| p.first()).map(|w| key(w)))
                }
                Part::Name => keys.push(NAME.to_string()),
                Part::Gap | Part::LongGap => keys.push(ANY.to_string()),
            }
            break;
        }
        keys.sort();
        keys.dedup();
        keys
    }

    /// Where a match starting at token `start` ends, if there is one.
    pub fn match_at(&self, start: usize, tokens: &[Token], words: &Vocabulary<'_>) -> Option<usize> {
        let token = tokens.get(start)?;
        if token.mark {
            return None;
        }
        self.match_from(0, start, tokens, words, token.sentence)
    }

    /// Every match in `tokens`, as the range of tokens it covers, earliest first (one a start).
    #[cfg(test)]
    pub fn find(&self, tokens: &[Token], words: &Vocabulary<'_>) -> Vec<std::ops::Range<usize>> {
        let mut found = Vec::new();
        for start in 0..tokens.len() {
            if tokens[start].mark {
                continue;
            }
            if let Some(end) = self.match_from(0, start, tokens, words, tokens[start].sentence) {
                found.push(start..end);
            }
        }
        found
    }

    /// Where a match of `parts[part..]` starting at token `at` ends, if there is one.
    fn match_from(
        &self,
        part: usize,
        at: usize,
        tokens: &[Token],
        words: &Vocabulary<'_>,
        sentence: u32,
    ) -> Option<usize> {
        let Some(current) = self.parts.get(part) else {
            return Some(at);
        };
        // Fillers between parts (never before the first), at most [`FILLERS`] of them: a run
        // of hundreds ("just just just…") would otherwise be tried at every part, and the
        // time would grow with a power of its length.
        let mut starts = vec![at];
        if part > 0 {
            let mut i = at;
            while starts.len() <= FILLERS
                && tokens
                    .get(i)
                    .is_some_and(|t| t.sentence == sentence && is_filler(t, words))
            {
                i += 1;
                starts.push(i);
            }
        }
        for at in starts {
            let next = |end: usize| self.match_from(part + 1, end, tokens, words, sentence);
            let found = match current {
                Part::Word(word) => word_at(tokens, at, sentence, word)
                    .then(|| next(at + 1))
                    .flatten(),
                Part::AnyOf(phrases) => phrases
                    .iter()
                    .filter_map(|p| phrase_at(tokens, at, sentence, p))
                    .find_map(next),
                Part::Maybe(phrases) => phrases
                    .iter()
                    .filter_map(|p| phrase_at(tokens, at, sentence, p))
                    .find_map(next)
                    .or_else(|| next(at)),
                Part::Class(name) => words.classes[name]
                    .iter()
                    .filter_map(|p| phrase_at(tokens, at, sentence, p))
                    .find_map(next),
                Part::Name => tokens
                    .get(at)
                    .filter(|t| t.sentence == sentence && is_name(tokens, at))
                    .and_then(|_| next(at + 1)),
                Part::Gap => (0..=GAP)
                    .take_while(|&n| {
                        n == 0
                            || tokens.get(at + n - 1).is_some_and(|t| {
                                t.sentence == sentence && !t.mark && !NEGATIONS.contains(&t.text.as_str())
                            })
                    })
                    .find_map(|n| next(at + n)),
                Part::LongGap => (0..=LONG_GAP)
                    .take_while(|&n| n == 0 || tokens.get(at + n - 1).is_some_and(|t| t.sentence == sentence))
                    .find_map(|n| next(at + n)),
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

fn is_filler(token: &Token, words: &Vocabulary<'_>) -> bool {
    if token.mark {
        return token.text == ",";
    }
    words.fillers.contains(&token.text)
}

/// Whether the token at `at` is `word` (or a name, for the word [`NAME`]).
fn word_at(tokens: &[Token], at: usize, sentence: u32, word: &str) -> bool {
    tokens.get(at).is_some_and(|t| {
        t.sentence == sentence
            && !t.mark
            && (t.text == word
                || (word == NAME && is_name(tokens, at))
                || (word == "#" && t.text.chars().next().is_some_and(|c| c.is_ascii_digit()))
                || word
                    .strip_prefix('*')
                    .is_some_and(|end| t.text.len() > end.len() + 2 && t.text.ends_with(end)))
    })
}

/// In a class, the phrase that stands for any name.
pub const NAME: &str = "<name>";

/// The key of a pattern that can start at any token (see [`Pattern::first_keys`]).
pub const ANY: &str = "*";

/// The keys a token can start a match under: its word, and [`NAME`] and `#` when it is one.
pub fn keys_of(tokens: &[Token], at: usize) -> impl Iterator<Item = &str> {
    let t = &tokens[at];
    let name = is_name(tokens, at).then_some(NAME);
    let number = t
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        .then_some("#");
    [Some(t.text.as_str()), name, number, Some(ANY)]
        .into_iter()
        .flatten()
}

/// Where `phrase` ends if it is at `at`.
fn phrase_at(tokens: &[Token], at: usize, sentence: u32, phrase: &[String]) -> Option<usize> {
    phrase
        .iter()
        .enumerate()
        .all(|(i, word)| word_at(tokens, at + i, sentence, word))
        .then_some(at + phrase.len())
}

/// The words of a phrase as tokens match them (a number `#` and a glob `*ed` as they are).
pub fn phrase(text: &str) -> Vec<String> {
    text.split_whitespace()
        .flat_map(|word| {
            if word == "#" || word == NAME || word == "'s" || (word.starts_with('*') && word.len() > 1) {
                vec![word.to_string()]
            } else {
                super::read::tokens(word)
                    .into_iter()
                    .filter(|t| !t.mark)
                    .map(|t| t.text)
                    .collect()
            }
        })
        .collect()
}

/// Whether the token at `at` reads as a name: capitalised, not "I", and not a common word
/// that is capitalised only for starting a sentence.
fn is_name(tokens: &[Token], at: usize) -> bool {
    const COMMON: &[&str] = &[
        "i",
        "the",
        "a",
        "an",
        "it",
        "this",
        "that",
        "these",
        "those",
        "we",
        "you",
        "they",
        "he",
        "she",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "and",
        "but",
        "so",
        "then",
        "when",
        "if",
        "after",
        "before",
        "because",
        "sorry",
        "honestly",
        "yesterday",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "nobody",
        "someone",
        "everyone",
        "no",
        "not",
        "yes",
        "ok",
        "okay",
        "well",
        "also",
        "just",
        "only",
        "there",
        "here",
        "what",
        "why",
        "how",
        "who",
        "once",
        "next",
        "last",
        "all",
        "some",
        "maybe",
        "oh",
        "hi",
        "hey",
        "dear",
        "thanks",
        "thank",
        "please",
        "another",
        "every",
        "each",
        "any",
        "one",
        "two",
        "three",
        "first",
        "second",
        "both",
        "either",
        "neither",
        "checkout",
        "deploy",
        "deployment",
        "release",
        "production",
        "prod",
        "staging",
        "customers",
        "customer",
        "users",
        "user",
        "data",
        "payments",
        "billing",
        "everything",
        "nothing",
        "something",
        "anyone",
        "root",
        "cause",
        "impact",
        "timeline",
        "status",
        "summary",
        "action",
        "actions",
        "fix",
        "rollback",
        "outage",
        "incident",
        "error",
        "errors",
        "bug",
        "build",
        "tests",
        "test",
        "migration",
        "config",
        "server",
        "servers",
        "database",
        "invoice",
        "invoices",
        "email",
        "emails",
        "report",
        "mistakes",
        "basically",
        "right",
        "wrong",
        "still",
        "again",
        "later",
        "now",
        "tonight",
        "morning",
        "evening",
        "apologies",
        "lesson",
        "lessons",
        "note",
        "notes",
        "update",
        "result",
        "since",
        "although",
        "though",
        "however",
        "while",
    ];
    let t = &tokens[at];
    if !t.capital || t.mark || COMMON.contains(&t.text.as_str()) || !t.text.chars().all(char::is_alphabetic) {
        return false;
    }
    // At the start of a sentence any word has a capital: a word ending like a verb or an
    // adverb there, or written in lower case elsewhere in the text, is not taken for a name.
    let starts_sentence = at == 0 || tokens[at - 1].sentence != t.sentence;
    !starts_sentence || !(["ing", "ed", "ly"].iter().any(|end| t.text.ends_with(end)) || t.also_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(pattern: &str, text: &str) -> Vec<String> {
        let mut classes = BTreeMap::new();
        classes.insert(
            "person".to_string(),
            vec![
                vec!["qa".to_string()],
                vec!["the".to_string(), "reviewer".to_string()],
            ],
        );
        let fillers = vec!["really".to_string(), "totally".to_string()];
        let words = Vocabulary {
            classes: &classes,
            fillers: &fillers,
        };
        let tokens = super::super::read::tokens(text);
        Pattern::parse(pattern, &classes)
            .unwrap()
            .find(&tokens, &words)
            .into_iter()
            .map(|r| text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn words_fillers_choices_classes_names_and_gaps() {
        assert_eq!(
            finds("not my fault", "It wasn't really, totally my fault."),
            ["wasn't really, totally my fault"]
        );
        assert_eq!(
            finds("<person> should have", "The reviewer should've seen it"),
            ["The reviewer should've"]
        );
        assert_eq!(
            finds("<name> should have", "Honestly Dana should have caught it"),
            ["Dana should have"]
        );
        assert_eq!(
            finds("<name> should have", "Honestly I should have caught it"),
            Vec::<String>::new()
        );
        assert_eq!(
            finds("{just|only} a {small|tiny} bug", "only a tiny bug"),
            ["only a tiny bug"]
        );
        assert_eq!(
            finds("i am .. idiot", "I'm such a complete idiot"),
            ["I'm such a complete idiot"]
        );
        assert_eq!(finds("i am .. idiot", "I'm not an idiot"), Vec::<String>::new());
        assert_eq!(
            finds("not my fault", "not my. fault"),
            Vec::<String>::new(),
            "one sentence"
        );
    }

    #[test]
    fn a_broken_pattern_says_what_is_wrong() {
        let classes = BTreeMap::new();
        assert!(
            Pattern::parse("{a|b", &classes)
                .unwrap_err()
                .contains("without closing")
        );
        assert!(
            Pattern::parse("<who> did", &classes)
                .unwrap_err()
                .contains("<who>")
        );
        assert!(Pattern::parse("..", &classes).is_err());
    }
}
