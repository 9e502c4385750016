//! `ownup check`: the coach's reading of any text — the nudges, commitments and when-then
//! plans the app would find in it — for an apology email or an action list before it is sent,
//! and the way every reading of people's words is tested.

use std::io::{Read, Write};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::output::{Printable, one_line};
use crate::script::Script;
use crate::setup::Setup;

/// What `ownup check --json` prints. Field names are part of ownup's interface.
#[derive(Debug, Serialize)]
pub struct Reading {
    /// The step the text was read as an answer in.
    pub step: String,
    /// The nudges, in the order of the text.
    pub nudges: Vec<NudgeJson>,
    /// Each line read as a commitment (as the Correct step reads its lines).
    pub commitments: Vec<CommitmentJson>,
    /// The when-then plans in the text.
    pub plans: Vec<PlanJson>,
}

/// A nudge: its kind, where its words are (byte offsets) and what the app would say.
#[derive(Debug, Serialize)]
pub struct NudgeJson {
    /// The rule's id, e.g. `blame`.
    pub kind: String,
    /// Byte offset of the first word found.
    pub start: usize,
    /// Byte offset just after the last.
    pub end: usize,
    /// The words found.
    pub text: String,
    /// The suggestion.
    pub say: String,
}

/// A commitment line, read.
#[derive(Debug, Serialize)]
pub struct CommitmentJson {
    /// What will be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when, as typed (empty when not said).
    pub by: String,
    /// The day understood, `null` when none was.
    pub due: Option<String>,
}

/// A when-then plan.
#[derive(Debug, Serialize)]
pub struct PlanJson {
    /// The situation.
    pub when: String,
    /// The action.
    pub then: String,
}

/// `ownup check [--script NAME] [--step STEP_ID] [--json] [TEXT...]`.
pub fn check(
    setup: &Setup,
    script: &Script,
    step: Option<&str>,
    text: Vec<String>,
    json: bool,
    today: NaiveDate,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let step = match step {
        Some(id) => {
            if !script.steps.iter().any(|s| s.id == id) {
                let known: Vec<&str> = script.steps.iter().map(|s| s.id.as_str()).collect();
                bail!(
                    "the script {} has no step {} — its steps are: {}",
                    one_line(&script.name),
                    one_line(id),
                    known.join(", ")
                );
            }
            id.to_string()
        }
        None => script
            .steps
            .first()
            .map(|s| s.id.clone())
            .context("the script has no steps")?,
    };
    let text = if text.is_empty() {
        // Bounded: an answer is pages, not gigabytes (`yes | ownup check` must not fill memory).
        const LIMIT: u64 = 16 << 20;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(LIMIT + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > LIMIT {
            bail!("standard input is larger than 16 MB; ownup check reads a text of up to 16 MB");
        }
        String::from_utf8(bytes).context("standard input is not UTF-8 text")?
    } else {
        text.join(" ")
    };
    let reading = read(setup, &step, &text, today);
    if json {
        writeln!(out.exact(), "{}", serde_json::to_string_pretty(&reading)?)?;
        return Ok(());
    }
    report(&reading, &script.name, out)
}

/// What the app would find in `text` as an answer in step `step`.
pub fn read(setup: &Setup, step: &str, text: &str, today: NaiveDate) -> Reading {
    let nudges = setup.lexicon.as_ref().map_or_else(Vec::new, |lexicon| {
        lexicon
            .nudges(step, text)
            .into_iter()
            .map(|n| NudgeJson {
                kind: n.rule.id.clone(),
                start: n.span.start,
                end: n.span.end,
                text: n.found,
                say: n.say,
            })
            .collect()
    });
    let commitments = crate::commitment::parse(text, today)
        .into_iter()
        .map(|c| CommitmentJson {
            due: c.due.map(|d| d.to_string()),
            action: c.action,
            owner: c.owner,
            by: c.by,
        })
        .collect();
    let plans = text
        .lines()
        .filter_map(crate::dates::when_then)
        .map(|p| PlanJson {
            when: p.when,
            then: p.then,
        })
        .collect();
    Reading {
        step: step.to_string(),
        nudges,
        commitments,
        plans,
    }
}

fn report(reading: &Reading, script: &str, out: &mut Printable<impl Write>) -> Result<()> {
    writeln!(
        out,
        "Read as an answer in the step {} of {}.",
        reading.step, script
    )?;
    if reading.nudges.is_empty() {
        writeln!(out, "Nudges: none.")?;
    } else {
        writeln!(out, "Nudges:")?;
        for n in &reading.nudges {
            writeln!(
                out,
                "  {} — \"{}\" (bytes {}–{})",
                n.kind,
                one_line(&n.text),
                n.start,
                n.end
            )?;
            writeln!(out, "    {}", one_line(&n.say))?;
        }
    }
    if reading.commitments.is_empty() {
        writeln!(out, "Read as commitments: none.")?;
    } else {
        writeln!(out, "Read as commitments, one a line:")?;
    }
    for c in &reading.commitments {
        let by = match (&c.due, c.by.is_empty()) {
            (Some(due), _) => {
                let day = NaiveDate::parse_from_str(due, "%Y-%m-%d")
                    .map_or(due.clone(), |d| d.format("%a %-d %b %Y").to_string());
                format!("by {day}")
            }
            (None, true) => "no by-when".to_string(),
            (None, false) => format!("by \"{}\" — not understood as a date", one_line(&c.by)),
        };
        writeln!(
            out,
            "  - {} — {} — {}",
            one_line(&c.action),
            one_line(&c.owner),
            by
        )?;
    }
    if reading.plans.is_empty() {
        writeln!(out, "When-then plans: none.")?;
    } else {
        writeln!(out, "When-then plans:")?;
        for p in &reading.plans {
            writeln!(
                out,
                "  - When {}, I will {}",
                one_line(&p.when),
                one_line(&p.then)
            )?;
        }
    }
    Ok(())
}
