//! Sessions as Markdown and JSON, for reading elsewhere and for other tools. No terminal code.
//!
//! Markdown: one document; each session starts with a YAML front matter block (`id`, `date`,
//! `script`, `status`), then every step, question and answer. Answers keep their words and
//! characters; only what would change the document's structure (a `# heading`, a `---`, a code
//! fence, HTML) is escaped with a backslash (see `markdown`).
//!
//! JSON: an array of sessions with stable field names (see [`JsonSession`]); README documents
//! them.

use serde::{Deserialize, Serialize};

use crate::markdown::{block, inline};
use crate::script::Kind;
use crate::session::{CommitmentStatus, Session, Status, format_time};

/// A session as exported to JSON. Field names are part of ownup's interface: add, never rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSession {
    /// The session id, e.g. `20261122-234501`.
    pub id: String,
    /// `draft` or `complete`.
    pub status: String,
    /// When it was started (RFC 3339).
    pub started: String,
    /// When it was last saved (RFC 3339).
    pub updated: String,
    /// When it was finished (RFC 3339), or null.
    pub finished: Option<String>,
    /// The first line written, shortened; empty if nothing was written.
    pub title: String,
    /// The script it followed.
    pub script: JsonScript,
    /// The steps, in order.
    pub steps: Vec<JsonStep>,
    /// The commitments made, and their check-ins.
    #[serde(default)]
    pub commitments: Vec<JsonCommitment>,
    /// The apology put together with the builder, as one message; null if none.
    #[serde(default)]
    pub apology: Option<String>,
}

/// A commitment and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonCommitment {
    /// What will be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when, as written.
    pub by: String,
    /// By when, as a date (YYYY-MM-DD), or null.
    pub due: Option<String>,
    /// For a when-then plan, the situation; else null.
    pub when: Option<String>,
    /// `open`, `done` or `dropped`.
    pub status: String,
    /// Check-ins, oldest first.
    pub history: Vec<JsonCheckIn>,
}

/// One check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonCheckIn {
    /// When (RFC 3339).
    pub at: String,
    /// `done`, `not yet` or `dropped`.
    pub outcome: String,
    /// The new date set, for `not yet`.
    pub new_due: Option<String>,
    /// What happened.
    pub note: String,
    /// For done, the day it was done when that was before the check-in (YYYY-MM-DD), else
    /// null.
    #[serde(default)]
    pub done_on: Option<String>,
}

/// The script a session followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonScript {
    /// Short name, e.g. `own-it`.
    pub name: String,
    /// Title, e.g. `Own a mistake`.
    pub title: String,
    /// The script's own version.
    pub version: u32,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonStep {
    /// The step id, e.g. `acknowledge`.
    pub id: String,
    /// The step title.
    pub title: String,
    /// Its prompts.
    pub prompts: Vec<JsonPrompt>,
}

/// One prompt and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonPrompt {
    /// The prompt id, e.g. `what`.
    pub id: String,
    /// The question as it was asked.
    pub question: String,
    /// Whether an answer was required.
    pub required: bool,
    /// The answer, exactly as written; empty if none. For a scale, the number; for a choice,
    /// the option; for a list or commitments, one per line.
    pub answer: String,
    /// `text`, `list`, `choice`, `scale` or `commitment`.
    pub kind: String,
    /// Whether the prompt is private (only exported with --include-private).
    pub private: bool,
}

impl JsonSession {
    /// `s` as exported; private prompts are left out unless `include_private`.
    pub fn new(s: &Session, include_private: bool) -> JsonSession {
        JsonSession {
            id: s.id.to_string(),
            status: s.status.label().to_string(),
            started: format_time(&s.started),
            updated: format_time(&s.updated),
            finished: s.finished.as_ref().map(format_time),
            title: s.title(),
            script: JsonScript {
                name: s.script.name.clone(),
                title: s.script.title.clone(),
                version: s.script.version,
            },
            steps: s
                .steps
                .iter()
                .map(|step| JsonStep {
                    id: step.id.clone(),
                    title: step.title.clone(),
                    prompts: step
                        .prompts
                        .iter()
                        .filter(|p| include_private || !p.is_private())
                        .map(|p| JsonPrompt {
                            id: p.id.clone(),
                            question: p.ask.clone(),
                            required: p.required,
                            answer: p.answer.clone(),
                            kind: kind_name(&p.kind).to_string(),
                            private: p.is_private(),
                        })
                        .collect(),
                })
                .collect(),
            apology: s.apology.as_ref().map(crate::apology::Apology::message),
            commitments: s
                .commitments
                .iter()
                .filter(|c| include_private || !c.is_private_in(s))
                .map(|c| JsonCommitment {
                    action: c.action.clone(),
                    owner: c.owner.clone(),
                    by: c.by.clone(),
                    due: c.due.map(|d| d.to_string()),
                    when: c.when.clone(),
                    status: c.status.label().to_string(),
                    history: c
                        .history
                        .iter()
                        .map(|h| JsonCheckIn {
                            at: format_time(&h.at),
                            outcome: h.outcome.label().to_string(),
                            new_due: h.new_due.map(|d| d.to_string()),
                            note: h.note.clone(),
                            done_on: h.done_on.map(|d| d.to_string()),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::List => "list",
        Kind::Choice(_) => "choice",
        Kind::Scale(..) => "scale",
        Kind::Commitment => "commitment",
        Kind::Feeling => "feeling",
    }
}

/// Sessions as a pretty-printed JSON array.
pub fn to_json(sessions: &[Session], include_private: bool) -> String {
    let all: Vec<JsonSession> = sessions
        .iter()
        .map(|s| JsonSession::new(s, include_private))
        .collect();
    // Plain strings and numbers only: serialising cannot fail.
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}

/// One session as a pretty-printed JSON object.
pub fn to_json_one(session: &Session, include_private: bool) -> String {
    serde_json::to_string_pretty(&JsonSession::new(session, include_private)).unwrap_or_default() + "\n"
}

/// A YAML double-quoted scalar: one line, whatever `text` holds, so no value can end the front
/// matter.
fn yaml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // Controls (NEL among them), the line and paragraph separators YAML 1.1 breaks
            // lines at, the byte order mark and the non-characters YAML does not allow.
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One session as Markdown, with its front matter; private prompts only if `include_private`.
pub fn to_markdown(s: &Session, include_private: bool) -> String {
    let status = match s.status {
        Status::Draft => "draft",
        Status::Complete => "complete",
    };
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!("id: {}\n", yaml(&s.id)));
    out.push_str(&format!("date: {}\n", yaml(&format_time(&s.started))));
    out.push_str(&format!("script: {}\n", yaml(&s.script.name)));
    out.push_str(&format!("status: {status}\n"));
    out.push_str("---\n\n");
    out.push_str(&body(s, include_private, false));
    out
}

/// A session's document without front matter; `with_id` names the session in its byline,
/// for documents that hold several (front matter can only open a document).
fn body(s: &Session, include_private: bool, with_id: bool) -> String {
    let mut out = String::new();
    let title = s.title();
    let heading = if title.is_empty() {
        s.script.title.clone()
    } else {
        title
    };
    out.push_str(&format!("# {}\n\n", inline(&heading)));
    let mut line = format!(
        "*{}* · started {}",
        inline(&s.script.title),
        s.started.format("%Y-%m-%d %H:%M")
    );
    if with_id {
        line.push_str(&format!(" · {}", inline(&s.id)));
    }
    match s.finished {
        Some(at) => line.push_str(&format!(" · finished {}", at.format("%Y-%m-%d %H:%M"))),
        None => line.push_str(" · draft"),
    }
    out.push_str(&line);
    out.push_str("\n\n");
    for (i, step) in s.steps.iter().enumerate() {
        out.push_str(&format!("## {}. {}\n\n", i + 1, inline(&step.title)));
        for prompt in step.prompts.iter().filter(|p| include_private || !p.is_private()) {
            out.push_str(&format!("### {}\n\n", inline(&prompt.ask)));
            if prompt.is_answered() {
                out.push_str(block(&prompt.answer_lines("- ").join("\n")).trim_end());
                out.push_str("\n\n");
            } else {
                out.push_str("*(no answer)*\n\n");
            }
        }
    }
    if let Some(apology) = &s.apology {
        out.push_str("## The apology\n\n");
        for line in block(&apology.message()).lines() {
            out.push_str(&format!("> {line}\n").replace("> \n", ">\n"));
        }
        out.push('\n');
    }
    let shown: Vec<_> = s
        .commitments
        .iter()
        .filter(|c| include_private || !c.is_private_in(s))
        .collect();
    if !shown.is_empty() {
        out.push_str("## Commitments\n\n");
        for c in shown {
            let mark = match c.status {
                CommitmentStatus::Open => "[ ]",
                CommitmentStatus::Done => "[x]",
                CommitmentStatus::Dropped => "[-]",
            };
            let what = inline(&c.describe());
            let due = c
                .by_when()
                .map(|by| format!(" — by {}", inline(&by)))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {mark} {what} — {}{due} ({})\n",
                inline(&c.owner),
                c.status.label()
            ));
            for h in &c.history {
                out.push_str(&format!("  - {}\n", inline(&h.summary())));
            }
        }
        out.push('\n');
    }
    out
}

/// One session as Markdown to share with a manager or a postmortem document: never a private
/// answer; what was written under each step's title (prompts left unanswered are left out); the
/// apology's substance; and every action once, as a task list with its owner, due date and
/// status, overdue ones marked as such (`today` decides). The title is a clean one: the first
/// sentence of the first answer, not a line cut off mid-word.
pub fn to_share(s: &Session, today: chrono::NaiveDate) -> String {
    let mut out = format!("# {}\n\n", inline(&share_title(s)));
    let status = match s.finished {
        Some(at) => format!("finished {}", at.format("%Y-%m-%d")),
        None => "in progress".to_string(),
    };
    out.push_str(&format!("*{} · {status}*\n\n", s.started.format("%Y-%m-%d")));
    for step in &s.steps {
        let answered: Vec<_> = step
            .prompts
            .iter()
            .filter(|p| !p.is_private() && p.is_answered() && p.kind != crate::script::Kind::Commitment)
            .collect();
        if answered.is_empty() {
            continue;
        }
        out.push_str(&format!("## {}\n\n", inline(&step.title)));
        for prompt in answered {
            out.push_str(&format!("**{}**\n\n", inline(&prompt.ask)));
            out.push_str(block(&prompt.answer_lines("- ").join("\n")).trim_end());
            out.push_str("\n\n");
        }
    }
    if let Some(apology) = &s.apology {
        let parts = [
            ("Responsibility taken", &apology.did),
            ("Repair", &apology.repair),
            ("So it does not happen again", &apology.prevent),
        ];
        if parts.iter().any(|(_, text)| !text.trim().is_empty()) {
            out.push_str("## Apology\n\n");
            if !apology.to.trim().is_empty() {
                out.push_str(&format!("To {}.\n\n", inline(apology.to.trim())));
            }
            for (label, text) in parts.iter().filter(|(_, t)| !t.trim().is_empty()) {
                out.push_str(&format!("- **{label}:** {}\n", inline(text.trim())));
            }
            out.push('\n');
        }
    }
    let actions: Vec<_> = s.commitments.iter().filter(|c| !c.is_private_in(s)).collect();
    if !actions.is_empty() {
        out.push_str("## Actions\n\n");
        for c in actions {
            let done = c.status == CommitmentStatus::Done;
            let what = inline(&c.describe());
            let what = if c.status == CommitmentStatus::Dropped {
                format!("~~{what}~~")
            } else {
                what
            };
            let due = match (c.due, c.by.trim().is_empty()) {
                (Some(day), _) => format!("due {day}"),
                (None, true) => "no due date".to_string(),
                (None, false) => format!("by \"{}\" (not a date)", inline(c.by.trim())),
            };
            let status = match c.status {
                CommitmentStatus::Open if c.due.is_some_and(|d| d < today) => "**overdue**",
                other => other.label(),
            };
            out.push_str(&format!(
                "- [{}] {what} — owner: {} — {due} — {status}\n",
                if done { "x" } else { " " },
                inline(&c.owner)
            ));
        }
        out.push('\n');
    }
    out
}

/// A title for sharing: the first sentence of the first typed, non-private answer, up to 80
/// characters at a word boundary; the script's title when nothing is written.
fn share_title(s: &Session) -> String {
    let first = s
        .steps
        .iter()
        .flat_map(|st| &st.prompts)
        .filter(|p| !p.is_private() && p.kind.is_typed())
        .find_map(|p| p.answer.lines().map(str::trim).find(|l| !l.is_empty()));
    let Some(line) = first else {
        return s.script.title.clone();
    };
    let sentence = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && line[i + c.len_utf8()..].starts_with(' '))
        .map_or(line, |(i, _)| &line[..i]);
    let sentence = sentence.trim_end_matches(['.', '!', '?', ',', ';', ':']).trim();
    if sentence.chars().count() <= 80 {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > 79 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// Several sessions as one Markdown document: one after another under their titles, apart
/// by a rule. Only a document's first lines can be front matter, so the id goes in each byline.
pub fn to_markdown_all(sessions: &[Session], include_private: bool) -> String {
    match sessions {
        [one] => to_markdown(one, include_private),
        many => many
            .iter()
            .map(|s| body(s, include_private, true))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Script;
    use crate::session::Position;

    fn session() -> Session {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        let mut s = Session::new("20261122-234501".into(), &Script::default_script(), now);
        let at = |s: &Session, prompt| s.prompt_at("acknowledge", prompt).unwrap();
        s.set_answer(
            at(&s, "what"),
            "I deployed \"it\" on Friday.\nSecond line.".into(),
        );
        s.set_answer(at(&s, "impact"), "Checkout failed.".into());
        s
    }

    #[test]
    fn commitments_read_from_a_private_prompt_stay_out_of_every_export() {
        let mut s = session();
        let actions = Position { step: 4, prompt: 0 };
        s.set_answer(actions, "PRIVATE_ACTION — me — tomorrow".into());
        s.sync_commitments(s.started.date_naive());
        assert_eq!(s.commitments.len(), 1);
        s.steps[4].prompts[0].private = true;
        let today = s.started.date_naive();
        for text in [
            to_markdown(&s, false),
            to_json_one(&s, false),
            to_share(&s, today),
        ] {
            assert!(!text.contains("PRIVATE_ACTION"), "{text}");
        }
        assert!(to_markdown(&s, true).contains("PRIVATE_ACTION"));
        assert!(to_json_one(&s, true).contains("PRIVATE_ACTION"));
    }

    #[test]
    fn markdown_has_front_matter_and_every_question() {
        let md = to_markdown(&session(), false);
        assert!(md.starts_with(
            "---\nid: \"20261122-234501\"\ndate: \"2026-11-22T23:45:01+01:00\"\nscript: \"own-it\"\nstatus: draft\n---\n\n\
             # I deployed \"it\" on Friday.\n\n*Own a mistake* · started 2026-11-22 23:45 · draft\n\n\
             ## 1. Acknowledge\n\n### What happened, in plain words?\n\nI deployed \"it\" on Friday.\nSecond line.\n\n\
             ### Who was affected, and how?\n\nCheckout failed.\n\n### What was your part in it?\n\n*(no answer)*\n\n"
        ), "{md}");
        assert!(md.contains("## 6. Improve\n"));
    }

    #[test]
    fn yaml_strings_are_escaped() {
        assert_eq!(yaml("a \"b\" \\ c\nd\u{1}"), "\"a \\\"b\\\" \\\\ c\\nd\\u0001\"");
    }

    #[test]
    fn json_round_trips_with_stable_names() {
        let mut done = session();
        done.complete(done.started);
        let json = to_json(&[session(), done], false);
        let back: Vec<JsonSession> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].status, "draft");
        assert_eq!(back[1].status, "complete");
        assert_eq!(back[1].finished.as_deref(), Some("2026-11-22T23:45:01+01:00"));
        assert_eq!(
            back[0].steps[0].prompts[0].answer,
            "I deployed \"it\" on Friday.\nSecond line."
        );
        assert_eq!(
            back[0].steps[0].prompts[0].question,
            "What happened, in plain words?"
        );
        assert!(back[0].steps[0].prompts[0].required);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = value[0].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "apology",
                "commitments",
                "finished",
                "id",
                "script",
                "started",
                "status",
                "steps",
                "title",
                "updated"
            ]
        );
    }
}
