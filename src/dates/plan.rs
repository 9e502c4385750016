//! When-then plans told apart from stories. "When the deploy fails, I roll back first" is a
//! plan: a situation, and an action chosen for it. "When the deploy failed, I rolled back" is
//! what happened, "If I had checked, I would have caught it" what did not, and "When I'm tired
//! I always make mistakes" a description of oneself: no action is chosen in any of them.
//!
//! A plan is read in one sentence as an opener (`when`, `whenever`, `if`, `next time`,
//! `every time`, `as soon as`) at the start of a clause, a situation that is not told in the
//! past, and then, after a comma, `then`, or an `I` that starts a clause:
//! - `I will Y`, `I'll Y`, `I'm going to Y`, `I won't Y` — any action but a prediction
//!   ("I will probably forget", "I will make mistakes", "I will get defensive");
//! - `I Y` or `I don't Y` with Y a remedy: pausing, checking, asking, telling, undoing
//!   ([`REMEDIES`]), and no word that makes it a description ("always", "usually", "too",
//!   "less"). Only the verb tells "When the deploy fails, I roll back" (a plan) from "When I'm
//!   tired, I push straight to main" (a habit described, often in Learn's answers), so verbs
//!   as often used for either (push, merge, run, write, send…) are not read in this form;
//! - `I need to Y`, `I have to Y`, `I must Y`, read as `I will Y`;
//! - after a comma or `then` only, the imperative `Y` or `don't Y` with Y an action
//!   ([`ACTIONS`]): "When in doubt, ask", "run it on staging first".
//!
//! Wishes ("I'd like to", "I want to") and duties ("I should") are not plans: they choose
//! nothing yet. The situation is kept without its opener, the action without its "I" (and its
//! "will"); a negation stays ("won't reply until morning").

use super::WhenThen;
use crate::text::Folded;

#[cfg(test)]
mod tests;
// Word lists, kept a few to a line.
#[rustfmt::skip]
mod vocabulary;

use vocabulary::{
    ACTIONS, ADJECTIVES_IN_ED, ADVERBS, AUXILIARIES, DESCRIPTIONS, DETERMINERS, GOT_INTO, HEDGES,
    IRREGULAR_PAST, NEGATABLE, NOT_SITUATIONS, OPENERS, QUESTIONS, REMEDIES, SOFTENERS, STANCES,
    SUBORDINATORS, TAKEN_PAUSES, UNCHOSEN,
};

/// A situation longer than this many bytes is not read: it is not a plan's, and trying every
/// comma of a long one would be slow.
const MAX_SITUATION: usize = 400;

/// How many openers of one sentence are tried: a sentence with more is no plan anyway, and
/// each costs a look at up to [`MAX_SITUATION`] bytes after it.
const MAX_OPENERS: usize = 4;

/// How many places where a situation may end are tried after an opener: more commas than
/// this are a list, not a situation.
const MAX_CUTS: usize = 24;

/// How many words of an action are looked at for a word that makes it a description.
const MAX_ACTION_WORDS: usize = 16;

/// See [`super::when_then`].
pub(super) fn when_then(text: &str) -> Option<WhenThen> {
    // Found in a folded copy, taken from the original: lower-casing may change lengths.
    let folded = Folded::new(text);
    let lower = folded.as_str();
    sentences(lower).find_map(|(start, end)| {
        let (when, then) = plan_in(&lower[start..end])?;
        let when = folded.original_slice(start + when.start..start + when.end);
        let then = folded.original_slice(start + then.start..start + then.end);
        let when = when.trim().trim_end_matches(',').trim();
        let then = then
            .trim()
            .trim_end_matches(['.', '!', '?', ';', ':', ','])
            .trim();
        (!when.is_empty() && !then.is_empty()).then(|| WhenThen {
            when: when.to_string(),
            then: then.to_string(),
        })
    })
}

/// The byte ranges of the sentences of `text`: ended by `.`, `!` or `?` before a space, or by
/// a line break.
fn sentences(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            let ends = c == '\n'
                || (matches!(c, '.' | '!' | '?')
                    && chars.peek().is_none_or(|(_, next)| next.is_whitespace()));
            if ends {
                let sentence = (start, at + c.len_utf8());
                start = at + c.len_utf8();
                return Some(sentence);
            }
        }
        (start < text.len()).then(|| {
            let sentence = (start, text.len());
            start = text.len();
            sentence
        })
    })
}

type Span = std::ops::Range<usize>;

/// The situation and the action of the first plan in `sentence` (folded), as byte ranges.
fn plan_in(sentence: &str) -> Option<(Span, Span)> {
    openers(sentence).take(MAX_OPENERS).find_map(|after| {
        let situation_end = cut(sentence, after + MAX_SITUATION);
        let cuts = cuts(sentence, after, situation_end);
        // An "I" clause anywhere first, the imperative (which a list's comma could fake) last.
        let found = cuts
            .iter()
            .find_map(|place| Some((place.at, place.rest + chosen_by_me(&sentence[place.rest..])?)))
            .or_else(|| {
                cuts.iter()
                    .filter(|place| place.kind != Cut::Subject)
                    .find_map(|place| Some((place.at, place.rest + imperative(&sentence[place.rest..])?)))
            });
        let (at, action) = found?;
        situation(&sentence[after..at]).then_some((after..at, action..sentence.len()))
    })
}

/// `at`, or the nearest character boundary before it, within `text`.
fn cut(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where each situation starts: after an opener at the start of a clause.
fn openers(sentence: &str) -> impl Iterator<Item = usize> + '_ {
    word_starts(sentence).filter_map(move |at| {
        let rest = &sentence[at..];
        let opener = OPENERS.iter().find(|opener| {
            rest.strip_prefix(**opener)
                .is_some_and(|after| after.starts_with(char::is_whitespace))
        })?;
        clause_starts_at(sentence, at).then(|| {
            let after = at + opener.len();
            after + (sentence[after..].len() - sentence[after..].trim_start().len())
        })
    })
}

/// Byte positions in `text` where a word starts.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous: Option<char> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let starts = c.is_alphanumeric() && previous.is_none_or(|p| !p.is_alphanumeric() && p != '\'');
        previous = Some(c);
        starts.then_some(at)
    })
}

/// Whether a clause starts at `at`: at the start, after punctuation, or after "and", "so"…
/// ("The time when I will…" and "Tell me when…" are no plans).
fn clause_starts_at(sentence: &str, at: usize) -> bool {
    let before = sentence[..at].trim_end();
    match before.chars().next_back() {
        None => true,
        Some(c) if !c.is_alphanumeric() && c != '\'' => true,
        Some(_) => before.rsplit(char::is_whitespace).next().is_some_and(|word| {
            matches!(
                word,
                "and" | "so" | "but" | "then" | "now" | "also" | "or" | "plus"
            )
        }),
    }
}

/// How a situation is cut from its action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// A comma, perhaps followed by "then".
    Comma,
    /// "then" without a comma.
    Then,
    /// An "I" that starts a clause without a comma: "when the deploy fails I roll back".
    Subject,
}

/// A place where the situation may end (`at`) and the action begin (`rest`).
struct Place {
    at: usize,
    rest: usize,
    kind: Cut,
}

/// Every place in `sentence[from..to]` where the situation may end, in order.
fn cuts(sentence: &str, from: usize, to: usize) -> Vec<Place> {
    let mut places = Vec::new();
    let region = &sentence[from..to];
    for (i, c) in region.char_indices() {
        let at = from + i;
        if c == ',' {
            let rest = at + 1;
            let skipped = sentence[rest..].len() - sentence[rest..].trim_start().len();
            let rest = rest + skipped;
            let rest = match sentence[rest..].strip_prefix("then") {
                Some(after) if after.starts_with([' ', ',']) => {
                    let after = after.trim_start_matches([' ', ',']);
                    sentence.len() - after.len()
                }
                _ => rest,
            };
            places.push(Place {
                at,
                rest,
                kind: Cut::Comma,
            });
        }
    }
    for at in word_starts(region).map(|i| from + i).filter(|&at| at > from) {
        let rest = &sentence[at..];
        let before = sentence[..at].trim_end();
        // After a comma, the comma's place already covers it.
        if before.ends_with(',') {
            continue;
        }
        if let Some(after) = rest.strip_prefix("then ") {
            places.push(Place {
                at,
                rest: sentence.len() - after.trim_start().len(),
                kind: Cut::Then,
            });
        } else if (rest.starts_with("i ") || rest.starts_with("i'"))
            && !before
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|word| SUBORDINATORS.contains(&word))
        {
            places.push(Place {
                at,
                rest: at,
                kind: Cut::Subject,
            });
        }
    }
    places.sort_by_key(|place| place.at);
    places.truncate(MAX_CUTS);
    places
}

/// The words of the first [`MAX_SITUATION`] bytes of `text` with their positions, without the
/// punctuation around them: what is read of an action or a situation never needs more.
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = &text[..cut(text, MAX_SITUATION)];
    word_starts(text).map(move |at| {
        let word = &text[at..];
        let end = word
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .map_or(word.len(), |(i, _)| i);
        (at, word[..end].trim_end_matches(['\'', '-']))
    })
}

/// Where the action starts in `rest` when it is an "I" clause that chooses one: "I will Y",
/// "I'll Y", "I'm going to Y", "I won't Y", "I Y" with Y an action, "I don't Y".
fn chosen_by_me(rest: &str) -> Option<usize> {
    const FUTURE: &[&str] = &[
        "i will ",
        "i'll ",
        "i shall ",
        "i'm going to ",
        "i am going to ",
        "i'm gonna ",
    ];
    const REFUSED: &[&str] = &["i won't ", "i will not ", "i'll not ", "i shall not "];
    const NEEDED: &[&str] = &["i need to ", "i have to ", "i must "];
    if let Some(lead) = REFUSED.iter().find(|lead| rest.starts_with(**lead)) {
        // The negation stays in the action: "won't reply until morning".
        let first = words_of(&rest[lead.len()..]).next()?.1;
        return (!HEDGES.contains(&first)).then_some(2);
    }
    // "I need to get a review" chooses as "I will get a review" does.
    if let Some(lead) = FUTURE.iter().chain(NEEDED).find(|lead| rest.starts_with(**lead)) {
        return future_action(&rest[lead.len()..]).then_some(lead.len());
    }
    let after = rest.strip_prefix("i ")?;
    present_action(after).then_some(2)
}

/// Whether `action`, after "I will", is something chosen, not a prediction.
fn future_action(action: &str) -> bool {
    let words: Vec<&str> = words_of(action).map(|(_, w)| w).take(4).collect();
    let words = match words.as_slice() {
        [first, rest @ ..] if SOFTENERS.contains(first) => rest,
        words => words,
    };
    match words {
        [] => false,
        [first, ..] if HEDGES.contains(first) || UNCHOSEN.contains(first) => false,
        ["make", next, ..] => !matches!(*next, "mistakes" | "a" | "errors" | "an" | "the"),
        ["get", next, ..] => !GOT_INTO.contains(next),
        ["be", next, ..] => STANCES.contains(next),
        ["have", next, ..] => !(past_like(next) || matches!(*next, "been" | "done" | "made" | "lost")),
        [_, ..] => true,
    }
}

/// Whether `action`, after "I", starts with a remedy (see [`REMEDIES`]) and nothing in it
/// makes it a description of oneself.
fn present_action(action: &str) -> bool {
    let head: Vec<&str> = words_of(action).map(|(_, w)| w).take(4).collect();
    let verb_at = usize::from(head.first().is_some_and(|w| SOFTENERS.contains(w)));
    let chosen = match head.get(verb_at..).unwrap_or_default() {
        // "I stop answering messages" is what goes wrong; "I stop and ask" a plan.
        ["stop", next, ..] => !next.ends_with("ing"),
        // "I take a break", "take five"; but "I take it personally", "take the blame", "take over".
        ["take", next, ..] => TAKEN_PAUSES.contains(next),
        _ => true,
    };
    chosen
        && starts_with_action(&head, REMEDIES)
        && !words_of(action)
            .take(MAX_ACTION_WORDS)
            .any(|(_, w)| DESCRIPTIONS.contains(&w))
}

/// Whether `words` start (perhaps after "first", "immediately"…) with one of `verbs`, or with
/// "don't" and one of them or of [`NEGATABLE`].
fn starts_with_action(words: &[&str], verbs: &[&str]) -> bool {
    let words = match words {
        [first, rest @ ..] if SOFTENERS.contains(first) => rest,
        words => words,
    };
    match words {
        ["don't" | "dont", verb, ..] | ["do", "not", verb, ..] => {
            verbs.contains(verb) || NEGATABLE.contains(verb)
        }
        [verb, ..] => verbs.contains(verb),
        [] => false,
    }
}

/// Where the action starts in `rest` when it is an imperative: "run it on staging first",
/// "don't reply".
fn imperative(rest: &str) -> Option<usize> {
    let words: Vec<&str> = words_of(rest).map(|(_, w)| w).take(4).collect();
    let first = words_of(rest).next()?.0;
    (first == 0 && starts_with_action(&words, ACTIONS)).then_some(0)
}

/// Whether `text` (the words between the opener and the action) is a situation still to come:
/// not a question ("when will I learn"), not a turn of phrase ("if so", "if I'm honest"), and
/// not told in the past ("when the deploy failed", "if I had checked").
fn situation(text: &str) -> bool {
    let text = text.trim().trim_end_matches(',').trim_end();
    if text.is_empty() || NOT_SITUATIONS.contains(&text) {
        return false;
    }
    let words: Vec<&str> = words_of(text).map(|(_, w)| w).collect();
    if words.first().is_some_and(|first| QUESTIONS.contains(first)) {
        return false;
    }
    !words.iter().enumerate().any(|(i, word)| {
        let past = IRREGULAR_PAST.contains(word)
            || word.ends_with("'d")
            || (past_like(word) && i > 0 && !ADJECTIVES_IN_ED.contains(word));
        // "is rolled back", "I've made", "the failed deploy" are not the past.
        let excused = words[..i]
            .iter()
            .rev()
            .find(|w| !ADVERBS.contains(*w))
            .is_some_and(|before| {
                AUXILIARIES.contains(before)
                    || DETERMINERS.contains(before)
                    || ["'m", "'s", "'re", "'ve"].iter().any(|end| before.ends_with(end))
            });
        past && !excused
    })
}

/// Whether `word` looks like a regular past tense: "failed", "noticed" (but not "need",
/// "red", "speed").
fn past_like(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && !word.ends_with("eed") && word.chars().all(char::is_alphabetic)
}
