//! Patterns over the words of a text: `not my fault`, `<person> should have`, `{just|only} a
//! small <mistake>`, `i am .. <label>`.
//!
//! A pattern is words separated by spaces, matched against [`Token`]s (lower case, contractions
//! opened up: write `was not`, and "wasn't" matches). Besides plain words:
//! - `{a|b c|d}` is any one of the alternatives (each may be several words);
//! - `<class>` is any phrase of the lexicon's class of that name; `<name>` (built in) is a
//!   capitalised word that is not a common word, such as a person's name;
//! - `..` is up to three words of any kind except a negation ("i am .. idiot" reads
//!   "I'm such a complete idiot", never "I'm not an idiot").
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
                if word == ".." {
                    parts.push(Part::Gap);
                } else {
                    parts.extend(phrase(word).into_iter().map(Part::Word));
                }
                rest = rest[end..].trim_start();
            }
        }
        if parts.iter().all(|p| *p == Part::Gap) {
            return Err("an empty pattern".into());
        }
        Ok(Pattern { parts })
    }

    /// Every match in `tokens`, as the range of tokens it covers, earliest first (one a start).
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
        // Fillers between parts (never before the first).
        let mut starts = vec![at];
        if part > 0 {
            let mut i = at;
            while tokens
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
        t.sentence == sentence && !t.mark && (t.text == word || (word == NAME && is_name(tokens, at)))
    })
}

/// In a class, the phrase that stands for any name.
pub const NAME: &str = "<name>";

/// Where `phrase` ends if it is at `at`.
fn phrase_at(tokens: &[Token], at: usize, sentence: u32, phrase: &[String]) -> Option<usize> {
    phrase
        .iter()
        .enumerate()
        .all(|(i, word)| word_at(tokens, at + i, sentence, word))
        .then_some(at + phrase.len())
}

fn phrase(text: &str) -> Vec<String> {
    super::read::tokens(text)
        .into_iter()
        .filter(|t| !t.mark)
        .map(|t| t.text)
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
    ];
    let t = &tokens[at];
    t.capital && !t.mark && !COMMON.contains(&t.text.as_str()) && t.text.chars().all(char::is_alphabetic)
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
