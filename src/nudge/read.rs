//! A person's text as the nudges read it: words (contractions opened up, lower case) and the
//! punctuation between them, each with where it is in the original text, which sentence and
//! clause it belongs to, and whether it is inside quotation marks.

use std::ops::Range;

/// One word or mark of punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case; a contraction's parts are tokens of their own ("wasn't" is "was", "not").
    pub text: String,
    /// Where it is in the original text (the parts of a contraction share the whole word's).
    pub span: Range<usize>,
    /// Whether it is punctuation rather than a word.
    pub mark: bool,
    /// Whether the original word began with a capital letter.
    pub capital: bool,
    /// Which sentence it is in (a sentence ends at `.`, `!`, `?` or a line break).
    pub sentence: u32,
    /// Whether it is inside quotation marks.
    pub quoted: bool,
    /// Whether the same word is written in lower case somewhere in the text (then a capital
    /// at the start of a sentence does not make it a name).
    pub also_lower: bool,
}

impl Token {
    /// Whether this token ends a clause: words before it and after it are in different clauses.
    pub fn ends_clause(&self) -> bool {
        self.mark && matches!(self.text.as_str(), "," | ";" | ":" | "(" | ")" | "—" | "–" | "-")
    }
}

/// Reads `text` into tokens.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut sentence = 0u32;
    let mut quoted = false;
    // Where the open quotation began (an index into `out`).
    let mut opened = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            // A word goes on through letters, digits, and an apostrophe or hyphen between them.
            while let Some(&(i, next)) = chars.peek() {
                let joins = matches!(next, '\'' | '’' | 'ʼ' | '-')
                    && text[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char);
                if is_word_char(next) || joins {
                    end = i + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            for (i, part) in open_up(&word.to_lowercase().replace(['’', 'ʼ'], "'"))
                .into_iter()
                .enumerate()
            {
                out.push(Token {
                    text: part,
                    span: start..end,
                    mark: false,
                    // Only the first part of "I'm" is capitalised.
                    capital: i == 0 && c.is_uppercase(),
                    sentence,
                    quoted,
                    also_lower: false,
                });
            }
            continue;
        }
        let end = start + c.len_utf8();
        match c {
            '"' | '“' | '”' | '«' | '»' => {
                let now = match c {
                    '“' | '«' => true,
                    '”' | '»' => false,
                    _ => !quoted,
                };
                if now && !quoted {
                    opened = out.len();
                }
                quoted = now;
            }
            // A single quotation mark opens only before a word and closes only after one, so
            // that an apostrophe is never read as one.
            '\'' | '‘' | '’' => {
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let opens = before.is_none_or(|b| !is_word_char(b)) && after.is_some_and(is_word_char);
                let closes = before.is_some_and(is_word_char) && after.is_none_or(|a| !is_word_char(a));
                if opens && !quoted {
                    quoted = true;
                    opened = out.len();
                } else if closes && quoted {
                    quoted = false;
                }
            }
            '.' | '!' | '?' | '\n' => {
                // "e.g." and "3.5" do not end a sentence: a full stop followed by a letter or digit.
                let next = text[end..].chars().next();
                if c != '.' || next.is_none_or(|n| !is_word_char(n)) {
                    sentence += 1;
                    if c == '\n' && quoted {
                        unquote(&mut out, opened);
                        quoted = false;
                    }
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(Token {
                text: c.to_string(),
                span: start..end,
                mark: true,
                capital: false,
                sentence,
                quoted,
                also_lower: false,
            }),
        }
    }
    if quoted {
        unquote(&mut out, opened);
    }
    let lower: std::collections::HashSet<String> = out
        .iter()
        .filter(|t| !t.capital && !t.mark)
        .map(|t| t.text.clone())
        .collect();
    for t in &mut out {
        t.also_lower = lower.contains(&t.text);
    }
    out
}

/// A quotation mark never closed before the end of its line quotes nothing ("'cause", "'90s",
/// a stray "): only a balanced quotation is someone else's words.
fn unquote(tokens: &mut [Token], from: usize) {
    for t in tokens.iter_mut().skip(from) {
        t.quoted = false;
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '%'
}

/// The words a (lower-case) word stands for: contractions opened up, with or without the
/// apostrophe ("wasnt" is how it is often typed); a possessive `'s` is a word of its own.
fn open_up(word: &str) -> Vec<String> {
    const WHOLE: &[(&str, &[&str])] = &[
        ("won't", &["will", "not"]),
        ("wont", &["will", "not"]),
        ("can't", &["can", "not"]),
        ("cant", &["can", "not"]),
        ("cannot", &["can", "not"]),
        ("shan't", &["shall", "not"]),
        ("ain't", &["is", "not"]),
        ("i'm", &["i", "am"]),
        ("im", &["i", "am"]),
        ("i've", &["i", "have"]),
        ("ive", &["i", "have"]),
        ("i'll", &["i", "will"]),
        ("i'd", &["i", "would"]),
        ("it's", &["it", "is"]),
        ("its", &["its"]),
        ("that's", &["that", "is"]),
        ("thats", &["that", "is"]),
        ("what's", &["what", "is"]),
        ("whats", &["what", "is"]),
        ("there's", &["there", "is"]),
        ("here's", &["here", "is"]),
        ("who's", &["who", "is"]),
        ("he's", &["he", "is"]),
        ("she's", &["she", "is"]),
        ("let's", &["let", "us"]),
        ("y'all", &["you", "all"]),
    ];
    if let Some((_, parts)) = WHOLE.iter().find(|(w, _)| *w == word) {
        return parts.iter().map(|p| p.to_string()).collect();
    }
    // Negations typed without the apostrophe: only these, so that "want" stays a word.
    const BARE_NOT: &[&str] = &[
        "wasnt", "isnt", "arent", "werent", "didnt", "dont", "doesnt", "hasnt", "havent", "hadnt",
        "shouldnt", "couldnt", "wouldnt", "mustnt", "neednt",
    ];
    if BARE_NOT.contains(&word) {
        return vec![word[..word.len() - 2].to_string(), "not".into()];
    }
    for (suffix, part) in [
        ("n't", "not"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'ll", "will"),
        ("'d", "would"),
        ("'s", "'s"),
        ("'m", "am"),
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return vec![stem.to_string(), part.to_string()];
        }
    }
    // "Dana'" or "ops'" (a plural possessive) is the word.
    vec![word.trim_end_matches('\'').to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn contractions_open_up_with_or_without_the_apostrophe() {
        assert_eq!(
            words("It wasn’t really my fault"),
            ["it", "was", "not", "really", "my", "fault"]
        );
        assert_eq!(
            words("I'm sure it wasnt"),
            ["i", "am", "sure", "it", "was", "not"]
        );
        assert_eq!(
            words("Dana's fault, QA should've"),
            ["dana", "'s", "fault", ",", "qa", "should", "have"]
        );
        assert_eq!(words("I want it"), ["i", "want", "it"]);
    }

    #[test]
    fn quotes_sentences_and_spans() {
        let t = tokens("She said \"no big deal\". Then I'm sorry");
        let quoted: Vec<&str> = t.iter().filter(|t| t.quoted).map(|t| t.text.as_str()).collect();
        assert_eq!(quoted, ["no", "big", "deal"]);
        assert_eq!(t.last().unwrap().sentence, 1);
        let text = "Ünïcode wasn't";
        let t = tokens(text);
        assert_eq!(&text[t[1].span.clone()], "wasn't");
        assert_eq!(&text[t[2].span.clone()], "wasn't");
        // An apostrophe inside or after a word is not a quotation mark.
        assert!(
            tokens("the ops' queue isn't 'big'")
                .iter()
                .any(|t| t.quoted && t.text == "big")
        );
        assert!(!tokens("the ops' queue isn't big").iter().any(|t| t.quoted));
    }
}
