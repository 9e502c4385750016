//! Gentle nudges: language that works against owning a mistake (blame, passive evasion,
//! minimising, non-apologies, harsh self-talk, overgeneralising), noticed while writing, with
//! one quiet suggestion. The rules live in a RON lexicon (`assets/nudges.ron`, replaceable by
//! the user's `nudges.ron`), as [`pattern`]s over the words of the text ([`read`]).
//!
//! A pattern match is a nudge only if the person is saying it, of themselves, now:
//! - not inside quotation marks, and not reported speech ("my manager said it was not my
//!   fault"; "I told them…" is the person's own);
//! - not negated earlier in its clause ("I won't blame the reviewer");
//! - not in a when-then plan or reframe that names the thought in order to change it ("When I
//!   think \"I'm an idiot\", I will…");
//! - not next to a word the rule says undoes it (`unless_after`, `unless_in_sentence`: "the
//!   table was dropped *by* the cron job"; "*I* ran it and the table was dropped").
//!
//! Rules are step-aware: naming causes outside yourself is blame in Acknowledge and right in
//! Learn. No terminal code.

mod pattern;
mod read;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::problems::{Origin, Problem, Problems, syntax_message};
use pattern::{NEGATIONS, Pattern, Vocabulary};
use read::Token;

/// The lexicon shipped with ownup.
pub const BUILT_IN_LEXICON: &str = include_str!("../../assets/nudges.ron");
/// The name of the user's own lexicon in the config folder.
pub const LEXICON_FILE: &str = "nudges.ron";

/// Every rule, in the order they are tried, and the words their patterns share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Named lists of phrases, used in patterns as `<name>`.
    #[serde(default)]
    pub classes: BTreeMap<String, Vec<String>>,
    /// Words that may come and go between the parts of any pattern ("really", "totally").
    #[serde(default)]
    pub fillers: Vec<String>,
    /// The rules.
    pub rules: Vec<Rule>,
    /// The classes split into words, as patterns match them.
    #[serde(skip)]
    split: BTreeMap<String, Vec<Vec<String>>>,
    /// Which patterns (rule, pattern) can start at a token, by the token's key
    /// ([`pattern::keys_of`]): a keystroke in a long answer tries only those.
    #[serde(skip)]
    starts: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

/// Patterns, where they matter, and what to suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The kind of wording, e.g. `blame`.
    pub id: String,
    /// The step ids where the rule applies; empty for every step.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Patterns (see [`pattern`]); the plain phrases of earlier lexicons are patterns too.
    #[serde(alias = "phrases")]
    pub patterns: Vec<String>,
    /// A match followed at once by one of these words is not one ("was dropped by the job").
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// A match in a sentence with one of these words elsewhere is not one.
    #[serde(default)]
    pub unless_in_sentence: Vec<String>,
    /// A match after one of these words earlier in its sentence is not one ("*I* ran it and
    /// the table was dropped"; "the table was dropped, and I'm an idiot" still is).
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Patterns that undo a match when one of them is found starting inside it ("was
    /// *affected*" is a state, not an act left without its doer).
    #[serde(default)]
    pub unless_found: Vec<String>,
    /// The suggestion shown; `{found}` is replaced by the words found.
    pub suggestion: String,
    /// The patterns compiled.
    #[serde(skip)]
    compiled: Vec<Pattern>,
    /// `unless_found` compiled.
    #[serde(skip)]
    unless: Vec<Pattern>,
}

/// A nudge: the rule, and where in the text its words were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge<'a> {
    /// The rule.
    pub rule: &'a Rule,
    /// Byte offsets of the words found in the text.
    pub span: Range<usize>,
    /// The words found, as written.
    pub found: String,
    /// The suggestion, with the words found in it.
    pub say: String,
}

/// What [`Lexicon::nudge_cached`] remembers: the nudge found in each line, for one step.
#[derive(Debug, Default, Clone)]
pub struct LineCache {
    step: String,
    lines: std::collections::HashMap<String, Option<(usize, Range<usize>)>>,
}

/// Words that introduce what someone else said or thinks.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "wrote",
    "writes",
    "asked",
    "asks",
    "thinks",
    "thought",
    "claimed",
    "claims",
    "according",
    "replied",
    "insisted",
    "insists",
    "reckons",
    "reckoned",
    "suggested",
    "suggests",
    "mentioned",
    "joked",
    "posted",
    "commented",
];

/// Words that begin a when-then plan or a reframe.
const PLAN_OPENERS: &[&str] = &["when", "whenever", "next", "if", "once", "instead"];

/// The longest line (in bytes) read for nudges while typing.
pub const LONGEST_LINE_READ_WHILE_TYPING: usize = 8 << 10;

/// How many tokens either side of a match its guards look at.
const REACH: usize = 80;

/// Words in a clause that name a thought in order to set it aside.
const SET_ASIDE: &[&str] = &["tempted", "urge", "instinct"];

/// What the writer may be writing: "an email saying…" is the writer's own words.
const WRITTEN: &[&str] = &[
    "email",
    "draft",
    "card",
    "note",
    "message",
    "letter",
    "post",
    "reply",
    "text",
    "statement",
    "apology",
    "dm",
];

/// Words before which a negation still says what follows of oneself ("try not to be such a
/// screw-up").
const NOT_DENYING_BEFORE: &[&str] = &["try", "trying"];

/// Words right after a negation that make it say how one feels, not that what follows is
/// untrue ("I can't believe how stupid I was"). (`clause` runs backwards: `clause[i - 1]` is
/// the word after.)
const NOT_DENYING: &[&str] = &["believe", "understand", "know", "imagine"];

/// Words that begin a new clause: a negation before one does not reach past it.
const CONJUNCTIONS: &[&str] = &[
    "and", "but", "so", "since", "because", "cause", "cuz", "coz", "though", "although", "while", "whereas",
    "yet", "however", "plus", "then",
];

impl Lexicon {
    /// The built-in lexicon, read once for the whole run (the apology builder's checks use it
    /// whatever the settings say about nudges).
    pub fn shared() -> &'static Lexicon {
        static SHARED: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        SHARED.get_or_init(Lexicon::built_in)
    }

    /// The built-in lexicon.
    pub fn built_in() -> Lexicon {
        Lexicon::parse(BUILT_IN_LEXICON, Origin::BuiltIn("nudges".into())).unwrap_or_else(|_| Lexicon {
            classes: BTreeMap::new(),
            fillers: vec![],
            rules: vec![],
            split: BTreeMap::new(),
            starts: Default::default(),
        })
    }

    /// The user's `nudges.ron` in `config_dir` if there is one, else the built-in lexicon.
    pub fn load(config_dir: &Path) -> Result<Lexicon, Problems> {
        let path = config_dir.join(LEXICON_FILE);
        if !path.exists() {
            return Ok(Lexicon::built_in());
        }
        crate::problems::parse_file(&path, Lexicon::parse)
    }

    /// Parses and checks lexicon text, compiling its patterns.
    pub fn parse(source: &str, origin: Origin) -> Result<Lexicon, Problems> {
        let mut lexicon: Lexicon = ron::from_str(source).map_err(|err| {
            Problems::single(
                origin.clone(),
                Some((err.span.start.line, err.span.start.col)),
                syntax_message(&err.code),
            )
        })?;
        let mut problems = Vec::new();
        let mut complain = |message: String| problems.push(Problem { at: None, message });
        lexicon.split = lexicon
            .classes
            .iter()
            .map(|(name, phrases)| {
                let split: Vec<Vec<String>> = phrases
                    .iter()
                    .map(|p| match p.trim() {
                        raw @ (pattern::NAME | "#") => vec![raw.to_string()],
                        glob if glob.starts_with('*') && !glob.contains(' ') => vec![glob.to_string()],
                        p => read::tokens(p)
                            .into_iter()
                            .filter(|t| !t.mark)
                            .map(|t| t.text)
                            .collect(),
                    })
                    .filter(|p: &Vec<String>| !p.is_empty())
                    .collect();
                (name.clone(), split)
            })
            .collect();
        for (name, phrases) in &lexicon.split {
            if phrases.is_empty() {
                complain(format!(
                    "class \"{name}\" has no phrase — add one or remove the class"
                ));
            }
        }
        let split = &lexicon.split;
        for rule in &mut lexicon.rules {
            rule.compiled.clear();
            rule.unless.clear();
            for source in &rule.unless_found {
                match Pattern::parse(source, split) {
                    Ok(pattern) => rule.unless.push(pattern),
                    Err(why) => complain(format!("rule \"{}\": {why}", rule.id)),
                }
            }
            for source in &rule.patterns {
                if source.trim().is_empty() {
                    complain(format!("rule \"{}\" has an empty pattern — remove it", rule.id));
                    continue;
                }
                match Pattern::parse(source, split) {
                    Ok(pattern) => rule.compiled.push(pattern),
                    Err(why) => complain(format!("rule \"{}\": {why}", rule.id)),
                }
            }
            if rule.suggestion.trim().is_empty() {
                complain(format!(
                    "rule \"{}\" has no suggestion — write one in suggestion: \"...\"",
                    rule.id
                ));
            }
        }
        let mut starts: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for (r, rule) in lexicon.rules.iter().enumerate() {
            for (p, pattern) in rule.compiled.iter().enumerate() {
                for key in pattern.first_keys(&lexicon.split) {
                    starts.entry(key).or_default().push((r, p));
                }
            }
        }
        lexicon.starts = starts;
        if problems.is_empty() {
            Ok(lexicon)
        } else {
            Err(Problems { origin, problems })
        }
    }

    /// The nudge to show for `text` as an answer in step `step`: the first rule (in lexicon
    /// order) with a match, at its first match.
    pub fn nudge(&self, step: &str, text: &str) -> Option<Nudge<'_>> {
        let tokens = read::tokens(text);
        let mut candidates = self.candidates(step, &tokens);
        self.rules.iter().enumerate().find_map(|(r, rule)| {
            self.matches(rule, std::mem::take(&mut candidates[r]), &tokens, text)
                .into_iter()
                .next()
        })
    }

    /// [`Lexicon::nudge`], reading only the lines that changed since the last call with the
    /// same `cache`: a sentence never runs over a line break, so each line can be read on its
    /// own. A keystroke in a 100 KB answer then reads one line, not 100 KB.
    pub fn nudge_cached(&self, step: &str, text: &str, cache: &mut LineCache) -> Option<Nudge<'_>> {
        if cache.step != step {
            cache.lines.clear();
            cache.step = step.to_string();
        }
        let mut best: Option<(usize, Range<usize>)> = None;
        let mut offset = 0;
        let mut count = 0;
        for line in text.split_inclusive('\n') {
            count += 1;
            let found = match cache.lines.get(line) {
                Some(found) => found.clone(),
                // Nobody writes a line this long; a paste of one is not read while typing, so
                // that every keystroke stays instant (`ownup check` still reads it all).
                None if line.len() > LONGEST_LINE_READ_WHILE_TYPING => None,
                None => {
                    let found = self.nudge(step, line).map(|n| {
                        let rule = self
                            .rules
                            .iter()
                            .position(|r| std::ptr::eq(r, n.rule))
                            .unwrap_or(usize::MAX);
                        (rule, n.span)
                    });
                    cache.lines.insert(line.to_string(), found.clone());
                    found
                }
            };
            if let Some((rule, span)) = found {
                let span = offset + span.start..offset + span.end;
                if best
                    .as_ref()
                    .is_none_or(|(r, s)| (rule, span.start) < (*r, s.start))
                {
                    best = Some((rule, span));
                }
            }
            offset += line.len();
        }
        if cache.lines.len() > 2 * count + 64 {
            let now: std::collections::HashSet<&str> = text.split_inclusive('\n').collect();
            cache.lines.retain(|line, _| now.contains(line.as_str()));
        }
        let (rule, span) = best?;
        let rule = self.rules.get(rule)?;
        let words = text[span.clone()].to_string();
        Some(Nudge {
            rule,
            say: rule.suggestion.replace("{found}", &shorten(&words)),
            span,
            found: words,
        })
    }

    /// For each rule (none where it does not apply in `step`), the matches of its patterns in
    /// `tokens`, found from the index of first words.
    fn candidates(&self, step: &str, tokens: &[Token]) -> Vec<Vec<Range<usize>>> {
        let words = Vocabulary {
            classes: &self.split,
            fillers: &self.fillers,
        };
        let applies: Vec<bool> = self.rules.iter().map(|r| r.applies_in(step)).collect();
        let mut found: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.rules.len()];
        for at in 0..tokens.len() {
            if tokens[at].mark {
                continue;
            }
            for key in pattern::keys_of(tokens, at) {
                for &(r, p) in self.starts.get(key).into_iter().flatten() {
                    if applies[r]
                        && let Some(end) = self.rules[r].compiled[p].match_at(at, tokens, &words)
                        && found[r].last().is_none_or(|m| m.start != at)
                    // starts come in order
                    {
                        found[r].push(at..end);
                    }
                }
            }
        }
        found
    }

    /// Every nudge for `text` in step `step`, in the order of the text (one a place: where
    /// rules overlap, the first in lexicon order).
    pub fn nudges(&self, step: &str, text: &str) -> Vec<Nudge<'_>> {
        let tokens = read::tokens(text);
        // Per kind, kept by start, so that an overlap is found among neighbours, not by a
        // scan. Kinds may overlap: "Sorry, but QA never tested it" is both a non-apology and
        // blame.
        let mut kept: BTreeMap<&str, BTreeMap<usize, Nudge<'_>>> = BTreeMap::new();
        let candidates = self.candidates(step, &tokens);
        for (rule, candidates) in self.rules.iter().zip(candidates) {
            let kept = kept.entry(rule.id.as_str()).or_default();
            for found in self.matches(rule, candidates, &tokens, text) {
                let (start, end) = (found.span.start, found.span.end);
                let before = kept
                    .range(..=start)
                    .next_back()
                    .is_some_and(|(_, n)| n.span.end > start);
                let after = kept.range(start..).next().is_some_and(|(s, _)| *s < end);
                if !before && !after {
                    kept.insert(start, found);
                }
            }
        }
        let mut all: Vec<Nudge<'_>> = kept.into_values().flat_map(BTreeMap::into_values).collect();
        all.sort_by_key(|n| (n.span.start, n.span.end));
        all
    }

    /// The matches of `rule` that are the person's own words.
    fn matches<'a>(
        &'a self,
        rule: &'a Rule,
        mut candidates: Vec<Range<usize>>,
        tokens: &[Token],
        text: &str,
    ) -> Vec<Nudge<'a>> {
        let words = Vocabulary {
            classes: &self.split,
            fillers: &self.fillers,
        };
        candidates.sort_by_key(|m| m.start);
        let mut found: Vec<Range<usize>> = Vec::new();
        for m in candidates {
            // Undone by a pattern found starting inside it.
            let is_undone = m.clone().any(|at| {
                rule.unless
                    .iter()
                    .any(|u| u.match_at(at, tokens, &words).is_some())
            });
            // Sorted by start: only the last kept match can overlap this one.
            let overlaps = found.last().is_some_and(|f| m.start < f.end);
            if !is_undone && !overlaps && rule.holds(tokens, &m, text) {
                found.push(m);
            }
        }
        found.sort_by_key(|m| m.start);
        found
            .into_iter()
            .map(|m| {
                let span = tokens[m.start].span.start..tokens[m.end - 1].span.end;
                let words = text[span.clone()].to_string();
                let say = rule.suggestion.replace("{found}", &shorten(&words));
                Nudge {
                    rule,
                    span,
                    found: words,
                    say,
                }
            })
            .collect()
    }
}

impl Rule {
    fn applies_in(&self, step: &str) -> bool {
        self.steps.is_empty() || self.steps.iter().any(|s| s == step)
    }

    /// Whether the match `m` is the person saying it, of themselves, now.
    fn holds(&self, tokens: &[Token], m: &Range<usize>, text: &str) -> bool {
        let sentence = tokens[m.start].sentence;
        if tokens[m.clone()].iter().any(|t| t.quoted) && !own_quote(tokens, m.start) {
            return false;
        }
        // The sentence's tokens, found from the match (not by a scan of the whole text).
        // The sentence around the match, at most [`REACH`] tokens each side: a "sentence" of
        // thousands of words (a paste with no full stops) is read a window at a time, so that
        // each match costs the same however long the text.
        let from = m.start.saturating_sub(REACH);
        let first = tokens[from..m.start]
            .iter()
            .rposition(|t| t.sentence != sentence)
            .map_or(from, |i| from + i + 1);
        let to = (m.end + REACH).min(tokens.len());
        let last = tokens[m.end..to]
            .iter()
            .position(|t| t.sentence != sentence)
            .map_or(to, |i| m.end + i);
        let before = &tokens[first..m.start];
        let in_sentence = || before.iter().rev().take_while(|t| t.sentence == sentence);
        // Negated earlier in its clause (which a conjunction ends: "I didn't tell anyone since
        // it was just a few minutes" does not deny the minutes).
        let clause: Vec<&Token> = in_sentence()
            .take_while(|t| !t.ends_clause() && (t.mark || !CONJUNCTIONS.contains(&t.text.as_str())))
            .filter(|t| !t.mark)
            .collect();
        // (Backwards.) "I can't believe how stupid I was" does not deny the rest.
        let negated = clause.iter().enumerate().any(|(i, t)| {
            NEGATIONS.contains(&t.text.as_str())
                && !(i > 0 && NOT_DENYING.contains(&clause[i - 1].text.as_str()))
                && !(i + 1 < clause.len() && NOT_DENYING_BEFORE.contains(&clause[i + 1].text.as_str()))
        });
        if negated {
            return false;
        }
        // A thought named in order to set it aside: "I was tempted to write that I ruin
        // everything. That's not true."
        if clause.iter().any(|t| SET_ASIDE.contains(&t.text.as_str())) {
            return false;
        }
        // Reported: someone other than the writer said or thinks it. ("I'll say…", "I have
        // told…" and "Tell them…" are the writer's own.)
        // Only within the clause, and not past "and"/"but": "He said nothing, and QA broke it"
        // reports nothing about QA.
        let said: Vec<&Token> = in_sentence()
            .take_while(|t| !t.ends_clause() && (t.mark || !CONJUNCTIONS.contains(&t.text.as_str())))
            .filter(|t| !t.mark)
            .collect();
        for (i, t) in said.iter().enumerate() {
            if REPORTING.contains(&t.text.as_str()) {
                // "I'll tell them…", "an email saying…" (something the writer will send).
                let by_me = said[i + 1..]
                    .iter()
                    .take(4)
                    .any(|t| matches!(t.text.as_str(), "i" | "we"))
                    || said[i + 1..]
                        .iter()
                        .take(5)
                        .any(|t| WRITTEN.contains(&t.text.as_str()));
                let told_to = i + 1 == said.len();
                if !by_me && !told_to {
                    return false;
                }
            }
        }
        // A habit of thought told as past: "I used to tell myself I always mess up".
        let used_to = in_sentence()
            .filter(|t| !t.mark)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[1].text == "used" && w[0].text == "to");
        if used_to {
            return false;
        }
        // A plan or reframe: "When I think …, I will …".
        let whole: Vec<&Token> = tokens[first..last].iter().filter(|t| !t.mark).collect();
        let opens_plan = match whole.as_slice() {
            [first, second, ..] if first.text == "the" => second.text == "next",
            [first, ..] => PLAN_OPENERS.contains(&first.text.as_str()),
            [] => false,
        };
        let word = |i: usize| whole.get(i).map_or("", |t| t.text.as_str());
        let has_will = (0..whole.len()).any(|i| {
            matches!(word(i), "i" | "we")
                && (matches!(word(i + 1), "will" | "shall")
                    || (word(i + 1) == "am" && word(i + 2) == "going"))
        });
        if opens_plan && has_will {
            return false;
        }
        // A plan read the way commitments read them ("If I notice I'm rushing, I stop").
        let sentence_text = tokens[first..last]
            .first()
            .zip(tokens[first..last].last())
            .map(|(a, b)| a.span.start..b.span.end);
        if opens_plan
            && let Some(range) = sentence_text
            && let Some(sentence) = text.get(range)
            && crate::dates::when_then(sentence).is_some_and(|plan| {
                // "If I upset anyone, I apologise" is a conditional apology, not a plan.
                let then = plan.then.to_lowercase();
                !then.contains("apolog") && !then.contains("sorry")
            })
        {
            return false;
        }
        if let Some(next) = tokens.get(m.end)
            && next.sentence == sentence
            && self.unless_after.contains(&next.text)
            && !by_an_amount(tokens, m.end)
        {
            return false;
        }
        // A word, or a phrase ("on me", "I was the one"), elsewhere in the sentence: it starts
        // outside the match ("not my fault" is not undone by "my fault").
        let elsewhere = self.unless_in_sentence.iter().any(|phrase| {
            let words: Vec<&str> = phrase.split_whitespace().collect();
            (first..last).filter(|i| !m.contains(i)).any(|i| {
                words.iter().enumerate().all(|(k, w)| {
                    tokens
                        .get(i + k)
                        .is_some_and(|t| i + k < last && !t.mark && t.text == *w)
                })
            })
        });
        let earlier = (first..m.start).any(|i| self.unless_before.contains(&tokens[i].text));
        !elsewhere && !earlier
    }
}

/// Whether the quotation the token at `at` is in is the writer's own planned words: "I'll post:
/// \"Apologies if anyone was affected\"", "a card saying 'Sorry you…'".
fn own_quote(tokens: &[Token], at: usize) -> bool {
    let sentence = tokens[at].sentence;
    let before: Vec<&Token> = tokens[..at]
        .iter()
        .rev()
        .take(REACH)
        .take_while(|t| t.sentence == sentence)
        .filter(|t| !t.quoted && !t.mark)
        .collect();
    // Something the writer will send ("a card saying…"), or "I'll post: …" — not what a
    // message already said ("the client's email said '…'").
    let said = before.first().is_some_and(|t| {
        matches!(
            t.text.as_str(),
            "said" | "says" | "wrote" | "writes" | "read" | "reads"
        )
    });
    let text: Vec<&str> = before.iter().rev().map(|t| t.text.as_str()).collect();
    // "my draft says…", "our reply reads…" are the writer's own.
    let my_written = text
        .windows(2)
        .any(|w| matches!(w[0], "my" | "our") && WRITTEN.contains(&w[1]));
    let written = (!said || my_written) && before.iter().take(5).any(|t| WRITTEN.contains(&t.text.as_str()));
    // "I'll post…", "I'm going to tell them…", "I plan to write…", "(suggested) I post…".
    let intends = text.iter().enumerate().any(|(i, w)| {
        matches!(*w, "i" | "we")
            && text[i + 1..].iter().take(3).any(|w| {
                OWN_SAYING.contains(w)
                    || matches!(
                        *w,
                        "will" | "shall" | "going" | "plan" | "want" | "intend" | "need"
                    )
            })
    });
    let will_say = intends
        && before
            .iter()
            .take(6)
            .any(|t| OWN_SAYING.contains(&t.text.as_str()));
    written || will_say
}

/// Verbs that put the writer's own words in quotation marks.
const OWN_SAYING: &[&str] = &[
    "say", "saying", "write", "writing", "post", "posting", "tell", "send", "sending", "reply", "email",
    "message", "text", "put", "add", "open", "start", "use",
];

/// Whether the word at `at` is "by" followed by an amount ("overcharged by about $380"), not
/// by whoever did it.
fn by_an_amount(tokens: &[Token], at: usize) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    word(at) == "by"
        && (word(at + 1).starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                word(at + 1),
                "about"
                    | "around"
                    | "roughly"
                    | "nearly"
                    | "almost"
                    | "over"
                    | "up"
                    | "more"
                    | "less"
                    | "a"
                    | "an"
                    | "mistake"
                    | "accident"
                    | "hand"
                    | "default"
                    | "hours"
                    | "days"
                    | "minutes"
            ))
}

/// The words found, short enough to quote in a suggestion.
fn shorten(words: &str) -> String {
    let words = words.trim();
    if words.chars().count() <= 40 {
        return words.to_string();
    }
    let cut: String = words.chars().take(39).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests;
