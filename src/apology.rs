//! The apology builder: an apology put together from its parts. Research on apologies finds
//! that acknowledging responsibility matters most and offering repair next, while asking for
//! forgiveness matters least (Lewicki, Polin & Lount 2016; COACHING.md). So responsibility and
//! repair are required, an explanation is optional and must not read as an excuse, and no
//! request for forgiveness is ever added. No terminal code.

use serde::{Deserialize, Serialize};

/// The parts of an apology, as the person wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Apology {
    /// To whom.
    pub to: String,
    /// What I did, owned, in "I" words.
    pub did: String,
    /// Its impact on them.
    pub impact: String,
    /// What I will do to repair it.
    pub repair: String,
    /// What I will do so it does not happen again.
    pub prevent: String,
    /// Optionally, how it happened (an explanation, not an excuse).
    pub explain: String,
}

/// One of the parts, for the builder's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// To whom.
    To,
    /// What I did.
    Did,
    /// The impact on them.
    Impact,
    /// The repair.
    Repair,
    /// Preventing it.
    Prevent,
    /// An explanation.
    Explain,
}

impl Part {
    /// Every part, in the order the builder asks for them.
    pub const ALL: [Part; 6] = [
        Part::To,
        Part::Did,
        Part::Impact,
        Part::Repair,
        Part::Prevent,
        Part::Explain,
    ];

    /// The builder's question for this part.
    pub fn label(self) -> &'static str {
        match self {
            Part::To => "To whom?",
            Part::Did => "What did you do? (in \"I\" words)",
            Part::Impact => "What did it do to them?",
            Part::Repair => "How will you make it right?",
            Part::Prevent => "What will you do so it does not happen again?",
            Part::Explain => "How did it happen? (optional — an explanation, not an excuse)",
        }
    }

    /// Whether an apology is incomplete without it.
    pub fn essential(self) -> bool {
        matches!(self, Part::Did | Part::Repair)
    }
}

impl Apology {
    /// The text of `part`.
    pub fn get(&self, part: Part) -> &str {
        match part {
            Part::To => &self.to,
            Part::Did => &self.did,
            Part::Impact => &self.impact,
            Part::Repair => &self.repair,
            Part::Prevent => &self.prevent,
            Part::Explain => &self.explain,
        }
    }

    /// Sets the text of `part`.
    pub fn set(&mut self, part: Part, text: String) {
        let slot = match part {
            Part::To => &mut self.to,
            Part::Did => &mut self.did,
            Part::Impact => &mut self.impact,
            Part::Repair => &mut self.repair,
            Part::Prevent => &mut self.prevent,
            Part::Explain => &mut self.explain,
        };
        *slot = text;
    }

    /// The essential parts still empty: naming the responsibility and offering repair.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.did.trim().is_empty() {
            missing.push("responsibility");
        }
        if self.repair.trim().is_empty() {
            missing.push("repair");
        }
        missing
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        Part::ALL.iter().all(|p| self.get(*p).trim().is_empty())
    }

    /// A gentle word on how the parts are put, if one is due: responsibility in "I" words,
    /// no "sorry if".
    pub fn advice(&self) -> Option<&'static str> {
        let did = self.did.trim().to_lowercase();
        if did.starts_with("sorry if") || did.contains(" if you felt") || did.contains(" if anyone") {
            return Some("\"Sorry if…\" puts the problem on them; say what you did.");
        }
        let in_i_words = did.starts_with("i ") || did.starts_with("i'") || did.starts_with("i’");
        if !did.is_empty() && !in_i_words {
            return Some("Say what you did in \"I\" words: \"I sent…\", \"I didn't check…\".");
        }
        None
    }

    /// Why this apology cannot be kept as it is, if it cannot: it is conditional ("sorry
    /// if…"), it turns to "but", or it asks for forgiveness. Each undoes the responsibility the
    /// apology is for (COACHING.md), so the builder says why and keeps the text to mend.
    pub fn refusals(&self) -> Vec<&'static str> {
        let mut why = Vec::new();
        let owned = [&self.did, &self.impact, &self.repair, &self.prevent];
        let lexicon = crate::nudge::Lexicon::shared();
        let mut hedges = owned
            .iter()
            .flat_map(|text| lexicon.nudges("apologize", text))
            .filter(|n| n.rule.id == "non-apology")
            .map(|n| n.found.to_lowercase())
            .collect::<Vec<_>>();
        hedges.sort();
        if hedges.iter().any(|f| f.split_whitespace().any(|w| w == "if")) {
            why.push("It is conditional (\"sorry if…\"): say what you did, with no \"if\".");
        }
        let turns = hedges.iter().any(|f| f.contains("but") || f.contains("however"))
            || words(&self.did).any(|w| matches!(w.as_str(), "but" | "however" | "although" | "though"));
        if turns {
            why.push(
                "It turns to \"but\", which takes the apology back: put how it happened in the \
                 explanation, or leave it out.",
            );
        }
        if hedges
            .iter()
            .any(|f| f.contains("inconvenience") || f.contains("confusion") || f.contains("any "))
        {
            why.push("\"Any inconvenience\" keeps it vague: name what happened to them.");
        }
        let asks = Part::ALL.iter().any(|p| {
            let text = self.get(*p).to_lowercase();
            [
                "forgive",
                "forgiveness",
                "no hard feelings",
                "move past this",
                "move on from this",
                "let it go",
                "bygones",
            ]
            .iter()
            .any(|w| text.contains(w))
        });
        if asks {
            why.push(
                "It asks for forgiveness: that is theirs to give, in their time. Offer the repair instead.",
            );
        }
        why
    }

    /// The people it is to: the names in "To whom?", split at commas, "and", "&" and "/".
    pub fn recipients(&self) -> Vec<String> {
        let to = self.to.trim();
        let mut names: Vec<String> = Vec::new();
        for piece in to.split([',', '&', '/', ';']) {
            for name in piece.split(" and ") {
                let name = name.trim().trim_end_matches('.').trim();
                if !name.is_empty() {
                    names.push(name.to_string());
                }
            }
        }
        names
    }

    /// The apology as messages, one per person named (or one with no greeting), from the parts
    /// written so far, in the first person throughout. Never asks for forgiveness.
    pub fn messages(&self) -> Vec<String> {
        let body = self.body();
        let names = self.recipients();
        if names.is_empty() {
            return vec![body];
        }
        names
            .iter()
            .map(|name| {
                let greeting = greeting(name);
                if body.is_empty() {
                    greeting
                } else {
                    format!("{greeting}\n\n{body}")
                }
            })
            .collect()
    }

    /// Every message, one after another, as the builder copies and the reader shows them.
    pub fn message(&self) -> String {
        self.messages().join("\n\n———\n\n")
    }

    fn body(&self) -> String {
        let mut paragraphs: Vec<String> = Vec::new();
        let did = self.did.trim();
        if !did.is_empty() {
            let says_sorry = [
                "i'm sorry",
                "i’m sorry",
                "i am sorry",
                "sorry",
                "i apologi",
                "my apologies",
            ]
            .iter()
            .any(|s| did.to_lowercase().starts_with(s));
            paragraphs.push(if says_sorry {
                sentence(did)
            } else if starts_with_i(did) {
                format!("I'm sorry. {}", sentence(did))
            } else {
                format!("I'm sorry: {}", sentence(&lower_first_unless_i(did)))
            });
        }
        let impact = self.impact.trim();
        if !impact.is_empty() {
            paragraphs.push(format!("I know that {}", sentence(&lower_first_unless_i(impact))));
        }
        let explain = self.explain.trim();
        if !explain.is_empty() {
            paragraphs.push(format!(
                "To explain how it happened, not to excuse it: {}",
                sentence(&lower_first_unless_i(explain))
            ));
        }
        let repair = self.repair.trim();
        if !repair.is_empty() {
            paragraphs.push(format!("To make it right, {}", sentence(&first_person(repair))));
        }
        let prevent = self.prevent.trim();
        if !prevent.is_empty() {
            paragraphs.push(format!(
                "So that it does not happen again, {}",
                sentence(&first_person(prevent))
            ));
        }
        paragraphs.join("\n\n")
    }
}

/// "Hi Sam," for a name; "To the client team," for anything else.
fn greeting(to: &str) -> String {
    let named = to.chars().next().is_some_and(char::is_uppercase)
        && !["The ", "Our ", "My ", "Everyone", "All "]
            .iter()
            .any(|w| to.starts_with(w));
    if named {
        format!("Hi {to},")
    } else {
        format!("To {to},")
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `text` starts with "I" as a word ("I", "I'm", "I’ll"), or "we".
fn starts_with_i(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    first == "I" || first.starts_with("I'") || first.starts_with("I’") || first.eq_ignore_ascii_case("we")
}

/// `text` said by the person: as it is when it starts with "I" or "we", else "I will …"
/// ("Resend the file" becomes "I will resend the file").
fn first_person(text: &str) -> String {
    // What does not start with a verb is said as it is: "the corrected report is on its way",
    // "Sam will walk you through it".
    const NOT_A_VERB: &[&str] = &[
        "the", "a", "an", "it", "this", "that", "these", "those", "my", "our", "your", "their", "they", "he",
        "she", "you", "someone", "everyone", "from", "by", "after", "before", "today", "tomorrow", "tonight",
        "next", "once", "when", "as", "in", "on", "to", "with", "already", "i've", "i'll", "i'm",
    ];
    const THEN_A_VERB: &[&str] = &[
        "will", "has", "have", "had", "is", "are", "was", "were", "can", "'ll", "’ll", "did",
    ];
    let lower = text.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    if starts_with_i(text) || NOT_A_VERB.contains(&first) {
        lower_first_unless_i(text)
    } else if THEN_A_VERB.contains(&second) {
        text.to_string() // a name ("Sam will…") keeps its capital
    } else {
        format!("I will {}", lower_first_unless_i(text))
    }
}

/// `text` with a full stop at the end if it has no closing punctuation.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// `text` with its first letter in lower case, unless it is the word "I" (or "I'm", "I'll"…).
fn lower_first_unless_i(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let is_i = first_word == "I" || first_word.starts_with("I'") || first_word.starts_with("I’");
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !is_i && c.is_uppercase() && !text.chars().nth(1).is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Apology {
        Apology {
            to: "Sam".into(),
            did: "I sent the client the old figures without checking them.".into(),
            impact: "It cost you a morning of rework".into(),
            repair: "I have sent the corrected report and will walk the client through it today".into(),
            prevent: "I will check figures against the source before anything goes out".into(),
            explain: String::new(),
        }
    }

    #[test]
    fn responsibility_and_repair_are_required_until_written() {
        let mut a = Apology::default();
        assert_eq!(a.missing(), ["responsibility", "repair"]);
        assert!(a.is_empty());
        a.did = "I sent the wrong file".into();
        assert_eq!(a.missing(), ["repair"]);
        a.repair = "   ".into();
        assert_eq!(a.missing(), ["repair"], "blank is missing");
        a.repair = "I will resend it".into();
        assert!(a.missing().is_empty());
        assert!(Part::Did.essential() && Part::Repair.essential() && !Part::Explain.essential());
    }

    #[test]
    fn the_message_grows_from_the_parts_and_never_asks_for_forgiveness() {
        let a = full();
        assert_eq!(
            a.message(),
            "Hi Sam,\n\n\
             I'm sorry. I sent the client the old figures without checking them.\n\n\
             I know that it cost you a morning of rework.\n\n\
             To make it right, I have sent the corrected report and will walk the client through it today.\n\n\
             So that it does not happen again, I will check figures against the source before anything goes out."
        );
        assert!(!a.message().to_lowercase().contains("forgive"));
        let explained = Apology {
            explain: "The export used last month's filter.".into(),
            ..full()
        };
        assert!(explained.message().contains(
            "\n\nTo explain how it happened, not to excuse it: the export used last month's filter.\n\n"
        ));
    }

    #[test]
    fn first_person_throughout() {
        for (repair, said) in [
            ("Resend the file", "To make it right, I will resend the file."),
            (
                "resend the file tonight.",
                "To make it right, I will resend the file tonight.",
            ),
            ("I'll resend it", "To make it right, I'll resend it."),
            (
                "We will refund the fee",
                "To make it right, we will refund the fee.",
            ),
            (
                "The corrected report is on its way",
                "To make it right, the corrected report is on its way.",
            ),
            (
                "Sam will walk you through it",
                "To make it right, Sam will walk you through it.",
            ),
        ] {
            let a = Apology {
                repair: repair.into(),
                ..Apology::default()
            };
            assert_eq!(a.message(), said, "{repair:?}");
        }
    }

    #[test]
    fn one_apology_per_person_named_each_with_a_greeting() {
        let a = Apology {
            to: "Sam and Priya".into(),
            ..full()
        };
        let messages = a.messages();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("Hi Sam,\n\nI'm sorry. I sent"));
        assert!(messages[1].starts_with("Hi Priya,\n\nI'm sorry. I sent"));
        assert_eq!(
            Apology {
                to: "Sam, Priya & Lee".into(),
                ..full()
            }
            .recipients(),
            ["Sam", "Priya", "Lee"]
        );
        assert!(
            Apology {
                to: "the client team".into(),
                ..full()
            }
            .message()
            .starts_with("To the client team,")
        );
        assert_eq!(
            Apology {
                to: String::new(),
                ..full()
            }
            .messages()
            .len(),
            1
        );
    }

    #[test]
    fn a_conditional_a_but_or_a_plea_for_forgiveness_is_refused_with_the_reason() {
        assert!(full().refusals().is_empty());
        let refused = |did: &str| {
            Apology {
                did: did.into(),
                ..full()
            }
            .refusals()
        };
        assert!(refused("I'm sorry if anyone was upset by the figures")[0].contains("conditional"));
        assert!(refused("I sent the old figures, but the spec was unclear")[0].contains("\"but\""));
        assert!(refused("Sorry, but the spec was unclear")[0].contains("\"but\""));
        assert!(refused("I apologise for any inconvenience caused")[0].contains("vague"));
        let pleading = Apology {
            prevent: "I hope you can forgive me".into(),
            ..full()
        };
        assert!(pleading.refusals()[0].contains("forgiveness"));
        // An explanation may say "but": it is offered as one.
        let explained = Apology {
            explain: "I meant to check, but the export ran early".into(),
            ..full()
        };
        assert!(explained.refusals().is_empty());
    }

    #[test]
    fn advice_on_how_the_responsibility_is_put() {
        let mut a = full();
        assert_eq!(a.advice(), None);
        a.did = "The wrong file was sent".into();
        assert_eq!(
            a.advice(),
            Some("Say what you did in \"I\" words: \"I sent…\", \"I didn't check…\".")
        );
        a.did = "Sorry if you felt ignored".into();
        assert_eq!(
            a.advice(),
            Some("\"Sorry if…\" puts the problem on them; say what you did.")
        );
        a.did = "I’ll own it: I rushed".into();
        assert_eq!(a.advice(), None, "curly apostrophe");
    }
}
