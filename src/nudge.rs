//! Gentle nudges: language that works against owning a mistake (blame, minimising,
//! conditional apologies, harsh self-talk), noticed while writing, with one quiet suggestion.
//! The phrases live in a RON lexicon (`assets/nudges.ron`, replaceable by the user's
//! `nudges.ron`). No terminal code.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::problems::{Origin, Problem, Problems, syntax_message};

/// The lexicon shipped with ownup.
pub const BUILT_IN_LEXICON: &str = include_str!("../assets/nudges.ron");
/// The name of the user's own lexicon in the config folder.
pub const LEXICON_FILE: &str = "nudges.ron";

/// Every rule, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// The rules.
    pub rules: Vec<Rule>,
}

/// Phrases, where they matter, and what to suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A short name, e.g. `blame`.
    pub id: String,
    /// The step ids where the rule applies; empty for every step.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Phrases, matched as whole words ignoring case.
    pub phrases: Vec<String>,
    /// The suggestion shown.
    pub suggestion: String,
}

/// A nudge to show: the rule and the phrase that set it off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge<'a> {
    /// The rule.
    pub rule: &'a Rule,
    /// The phrase found.
    pub phrase: &'a str,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn built_in() -> Lexicon {
        Lexicon::parse(BUILT_IN_LEXICON, Origin::BuiltIn("nudges".into()))
            .unwrap_or(Lexicon { rules: vec![] })
    }

    /// The user's `nudges.ron` in `config_dir` if there is one, else the built-in lexicon.
    pub fn load(config_dir: &Path) -> Result<Lexicon, Problems> {
        let path = config_dir.join(LEXICON_FILE);
        if !path.exists() {
            return Ok(Lexicon::built_in());
        }
        crate::problems::parse_file(&path, Lexicon::parse)
    }

    /// Parses and checks lexicon text.
    pub fn parse(source: &str, origin: Origin) -> Result<Lexicon, Problems> {
        let lexicon: Lexicon = ron::from_str(source).map_err(|err| {
            Problems::single(
                origin.clone(),
                Some((err.span.start.line, err.span.start.col)),
                syntax_message(&err.code),
            )
        })?;
        let mut problems = Vec::new();
        for rule in &lexicon.rules {
            if rule.phrases.iter().any(|p| normalise(p).trim().is_empty()) {
                problems.push(Problem {
                    at: None,
                    message: format!("rule \"{}\" has an empty phrase — remove it", rule.id),
                });
            }
            if rule.suggestion.trim().is_empty() {
                problems.push(Problem {
                    at: None,
                    message: format!(
                        "rule \"{}\" has no suggestion — write one in suggestion: \"...\"",
                        rule.id
                    ),
                });
            }
        }
        if problems.is_empty() {
            Ok(lexicon)
        } else {
            Err(Problems { origin, problems })
        }
    }

    /// The first rule that applies in step `step` and matches `text`, with the phrase found.
    pub fn nudge(&self, step: &str, text: &str) -> Option<Nudge<'_>> {
        let text = normalise(text);
        self.rules
            .iter()
            .filter(|rule| rule.steps.is_empty() || rule.steps.iter().any(|s| s == step))
            .find_map(|rule| {
                let phrase = rule
                    .phrases
                    .iter()
                    .find(|p| contains_words(&text, &normalise(p)))?;
                Some(Nudge { rule, phrase })
            })
    }
}

/// Lower case, typographic apostrophes made plain, runs of spaces made one.
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase().replace(['’', '‘', '`'], "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `phrase` occurs in `text` starting and ending at word boundaries.
fn contains_words(text: &str, phrase: &str) -> bool {
    // A hyphen joins words ("idiot-proof" is not "idiot").
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '-';
    let mut from = 0;
    while let Some(i) = text[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let clean_start = before.is_none_or(|c| !is_word(c)) || phrase.starts_with(|c: char| !is_word(c));
        let clean_end = after.is_none_or(|c| !is_word(c)) || phrase.ends_with(|c: char| !is_word(c));
        if clean_start && clean_end {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_for(step: &str, text: &str) -> Option<String> {
        Lexicon::built_in().nudge(step, text).map(|n| n.rule.id.clone())
    }

    #[test]
    fn the_built_in_lexicon_loads() {
        let lexicon = Lexicon::built_in();
        let ids: Vec<&str> = lexicon.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["harsh-self-talk", "conditional-apology", "blame", "minimising"]
        );
    }

    #[test]
    fn every_phrase_fires_where_its_rule_applies() {
        let lexicon = Lexicon::built_in();
        for rule in &lexicon.rules {
            let step = rule.steps.first().map_or("learn", String::as_str);
            for phrase in &rule.phrases {
                let sentence = format!("Honestly, {phrase} here.");
                let found = lexicon.nudge(step, &sentence).map(|n| n.rule.id.as_str());
                assert_eq!(found, Some(rule.id.as_str()), "{sentence:?} in {step}");
            }
        }
    }

    #[test]
    fn blame_and_excuses_in_acknowledge() {
        assert_eq!(
            rule_for("acknowledge", "It wasn't my fault, they didn't tell me").as_deref(),
            Some("blame")
        );
        assert_eq!(
            rule_for("acknowledge", "It wasn’t my fault").as_deref(),
            Some("blame"),
            "curly apostrophe"
        );
        assert_eq!(
            rule_for("acknowledge", "Nobody   told me about the freeze").as_deref(),
            Some("blame")
        );
    }

    #[test]
    fn naming_causes_outside_yourself_is_fine_in_learn() {
        for text in [
            "The fault was in the config.",
            "It wasn't my fault alone: the checklist was out of date because they changed the tool.",
            "Nobody told me about the freeze; the announcement went to an old list.",
        ] {
            assert_eq!(rule_for("learn", text), None, "{text}");
        }
    }

    #[test]
    fn near_misses_do_not_fire() {
        for (step, text) in [
            ("acknowledge", "I deployed without running the migration check."),
            ("acknowledge", "The faults were mine."),
            ("acknowledge", "Not my faults alone"), // not the phrase "not my fault" as a whole
            ("acknowledge", "Because theyre offline"),
            (
                "acknowledge",
                "It was only a matter of time before someone noticed, and I did.",
            ),
            ("acknowledge", "The impact was not small: forty tickets."),
            ("apologize", "I'm sorry I sent it without checking."),
            ("apologize", "I am sorry. I will fix the data tonight."),
            ("improve", "When I feel stupidly rushed, I will ask for help."),
            ("improve", "I'm an idiot-proof checklist fan now."),
            (
                "learn",
                "It's not a big-deal-sized process, and that is the problem.",
            ),
        ] {
            assert_eq!(rule_for(step, text), None, "{text:?} in {step}");
        }
    }

    #[test]
    fn harsh_self_talk_anywhere_and_conditional_apologies() {
        assert_eq!(
            rule_for("improve", "Honestly I'm an idiot.").as_deref(),
            Some("harsh-self-talk")
        );
        assert_eq!(
            rule_for("learn", "I always screw up deploys").as_deref(),
            Some("harsh-self-talk")
        );
        assert_eq!(
            rule_for("apologize", "I'm sorry if you felt left out").as_deref(),
            Some("conditional-apology")
        );
        assert_eq!(
            rule_for("acknowledge", "It was just a small typo").as_deref(),
            Some("minimising")
        );
        assert_eq!(
            rule_for("learn", "It was just a small typo"),
            None,
            "minimising is about impact and apologies"
        );
    }

    #[test]
    fn one_nudge_per_answer_the_first_rule_wins() {
        let text = "I'm an idiot, and it wasn't my fault anyway";
        assert_eq!(rule_for("acknowledge", text).as_deref(), Some("harsh-self-talk"));
    }

    #[test]
    fn a_broken_lexicon_is_reported() {
        let err = Lexicon::parse(
            "Lexicon(rules: [Rule(id: \"x\", phrases: [\"\"], suggestion: \"\")])",
            Origin::BuiltIn("t".into()),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "built-in script t: rule \"x\" has an empty phrase — remove it\nbuilt-in script t: rule \"x\" has no suggestion — write one in suggestion: \"...\""
        );
    }
}
