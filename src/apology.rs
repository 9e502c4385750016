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

    /// The apology as one message, from the parts written so far. Never asks for forgiveness.
    pub fn message(&self) -> String {
        let mut paragraphs: Vec<String> = Vec::new();
        let to = self.to.trim();
        if !to.is_empty() {
            paragraphs.push(format!("{to},"));
        }
        let did = self.did.trim();
        if !did.is_empty() {
            paragraphs.push(format!("I'm sorry: {}", sentence(&lower_first_unless_i(did))));
        }
        let impact = self.impact.trim();
        if !impact.is_empty() {
            paragraphs.push(format!("I know that {}", sentence(&lower_first_unless_i(impact))));
        }
        let explain = self.explain.trim();
        if !explain.is_empty() {
            paragraphs.push(format!(
                "How it happened, not as an excuse: {}",
                sentence(&lower_first_unless_i(explain))
            ));
        }
        let repair = self.repair.trim();
        if !repair.is_empty() {
            paragraphs.push(format!(
                "To make it right, {}",
                sentence(&lower_first_unless_i(repair))
            ));
        }
        let prevent = self.prevent.trim();
        if !prevent.is_empty() {
            paragraphs.push(format!(
                "So that it does not happen again, {}",
                sentence(&lower_first_unless_i(prevent))
            ));
        }
        paragraphs.join("\n\n")
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
            "Sam,\n\n\
             I'm sorry: I sent the client the old figures without checking them.\n\n\
             I know that it cost you a morning of rework.\n\n\
             To make it right, I have sent the corrected report and will walk the client through it today.\n\n\
             So that it does not happen again, I will check figures against the source before anything goes out."
        );
        assert!(!a.message().to_lowercase().contains("forgive"));
        let partial = Apology {
            repair: "Resend the file".into(),
            ..Apology::default()
        };
        assert_eq!(partial.message(), "To make it right, resend the file.");
        let explained = Apology {
            explain: "The export used last month's filter.".into(),
            ..full()
        };
        assert!(
            explained
                .message()
                .contains("\n\nHow it happened, not as an excuse: the export used last month's filter.\n\n")
        );
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
