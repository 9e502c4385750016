//! Guided scripts: the steps and prompts a session walks through, parsed from RON and validated.
//!
//! No terminal code lives here. A script is plain data; [`Script::parse`] turns RON text into a
//! validated script or a [`ScriptError`] that lists every problem with its file, line and column.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The name of the script used when none is asked for.
pub const DEFAULT_SCRIPT: &str = "own-it";

/// Scripts compiled into the binary: (name, RON source).
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    (DEFAULT_SCRIPT, include_str!("../assets/scripts/own-it.ron")),
    ("quick", include_str!("../assets/scripts/quick.ron")),
    (
        "incident-review",
        include_str!("../assets/scripts/incident-review.ron"),
    ),
];

/// A guided script: an ordered list of steps, each with its prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Short machine name, e.g. `own-it`; used by `ownup new --script NAME`.
    pub name: String,
    /// The title shown at the top of the session screen.
    pub title: String,
    /// The script's own version, recorded in each session for reference.
    #[serde(default = "one")]
    pub version: u32,
    /// One or two sentences on what the script is for.
    #[serde(default)]
    pub description: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Step {
    /// The prompt with this id.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }
}

/// One step of a script, e.g. "Acknowledge".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Identifier, unique within the script.
    pub id: String,
    /// Title shown in the stepper.
    pub title: String,
    /// A short paragraph shown above the step's prompts.
    #[serde(default)]
    pub intro: String,
    /// The questions of this step, in order.
    pub prompts: Vec<Prompt>,
}

/// One question inside a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Identifier, unique within its step.
    pub id: String,
    /// The question.
    pub ask: String,
    /// A quiet hint shown under the question.
    #[serde(default)]
    pub hint: String,
    /// Whether the session can be finished with this prompt left empty.
    #[serde(default)]
    pub required: bool,
    /// What kind of answer: free text (the default), a list, a choice, a scale, a commitment.
    #[serde(default)]
    pub kind: Kind,
    /// Grey text shown in the empty answer box.
    #[serde(default)]
    pub placeholder: String,
    /// The longest answer allowed, in characters.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// Kept out of exports unless asked for (`--include-private`), and never used as a title.
    #[serde(default)]
    pub private: bool,
}

impl Prompt {
    /// Whether the answer stays out of exports and titles: marked so, or a feeling.
    pub fn is_private(&self) -> bool {
        self.private || self.kind == Kind::Feeling
    }
}

/// What kind of answer a prompt takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Free text, any number of lines.
    #[default]
    Text,
    /// One item per line, shown as bullets.
    List,
    /// One of the given options.
    Choice(Vec<String>),
    /// A whole number from the first to the second, e.g. `Scale(1, 5)`.
    Scale(u8, u8),
    /// Actions, one per line: what, who (default "me") and by when, e.g.
    /// `Add a migration check to CI — me — by Friday`.
    Commitment,
    /// How the person feels about it right now, 1 to 5 with words ([`FEELINGS`]). Always
    /// private. The first such prompt of a script is the check-in before, the last the one
    /// after: summaries and stats show the change.
    Feeling,
}

/// The words for each point of a [`Kind::Feeling`] answer, from 1 to 5.
/// They describe, without judging: steadiness, not happiness, is the top (nobody should feel
/// pushed to feel good about a mistake).
pub const FEELINGS: [&str; 5] = [
    "it weighs on me a lot",
    "heavy",
    "unsettled",
    "fairly steady",
    "steady",
];

/// The words for a feeling answer ("2" → "upset"), if it is one.
pub fn feeling_words(answer: &str) -> Option<&'static str> {
    let n: usize = answer.trim().parse().ok()?;
    FEELINGS.get(n.checked_sub(1)?).copied()
}

impl Kind {
    /// Whether the answer is typed in the text editor (as opposed to picked).
    pub fn is_typed(&self) -> bool {
        matches!(self, Kind::Text | Kind::List | Kind::Commitment)
    }

    /// Whether the kind is the default, so it need not be written down.
    pub fn is_text(&self) -> bool {
        *self == Kind::Text
    }

    /// The answer `text` gives a Choice, Scale or Feeling prompt: the option's words (any
    /// case), or the number, as the answer is stored. `None` when it is not one of them.
    /// Typed kinds take any text, trimmed.
    pub fn pick(&self, text: &str) -> Option<String> {
        let text = text.trim();
        let number = text.parse::<usize>().ok();
        match self {
            Kind::Choice(options) => number
                .and_then(|n| options.get(n.checked_sub(1)?))
                .or_else(|| options.iter().find(|o| o.trim().eq_ignore_ascii_case(text)))
                .cloned(),
            Kind::Scale(low, high) => number
                .filter(|n| (usize::from(*low)..=usize::from(*high)).contains(n))
                .map(|n| n.to_string()),
            Kind::Feeling => number
                .filter(|n| (1..=FEELINGS.len()).contains(n))
                .or_else(|| {
                    FEELINGS
                        .iter()
                        .position(|w| w.eq_ignore_ascii_case(text))
                        .map(|i| i + 1)
                })
                .map(|n| n.to_string()),
            Kind::Text | Kind::List | Kind::Commitment => Some(text.to_string()),
        }
    }
}

/// The widest a scale may be.
pub const SCALE_MAX_POINTS: u8 = 11;

fn one() -> u32 {
    1
}

use crate::problems::{Finder, syntax_message};
pub use crate::problems::{Origin, Problem, Problems};

/// Why a script cannot be used.
pub type ScriptError = Problems;

impl Script {
    /// Parses and validates RON source. `origin` is used in messages.
    pub fn parse(source: &str, origin: Origin) -> Result<Script, ScriptError> {
        // `max_chars: 2000` as well as `max_chars: Some(2000)`.
        let options =
            ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let script: Script = options.from_str(source).map_err(|err| {
            let at = (err.span.start.line, err.span.start.col);
            ScriptError::single(origin.clone(), Some(at), syntax_message(&err.code))
        })?;
        let problems = script.problems(source);
        if problems.is_empty() {
            Ok(script)
        } else {
            Err(ScriptError { origin, problems })
        }
    }

    /// Reads, parses and validates a script file.
    pub fn load(path: &Path) -> Result<Script, ScriptError> {
        crate::problems::parse_file(path, Script::parse)
    }

    /// A built-in script by name.
    pub fn built_in(name: &str) -> Option<Script> {
        BUILT_IN.iter().find(|(n, _)| *n == name).map(|(n, source)| {
            match Script::parse(source, Origin::BuiltIn(n.to_string())) {
                Ok(script) => script,
                // The built-ins are checked by a unit test; reaching this is a build defect.
                Err(err) => panic!("the embedded script is invalid: {err}"),
            }
        })
    }

    /// The default script, embedded in the binary.
    pub fn default_script() -> Script {
        Script::built_in(DEFAULT_SCRIPT).unwrap_or_else(|| panic!("{DEFAULT_SCRIPT} is built in")) // ok: constant
    }

    /// Names of the built-in scripts.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(name, _)| *name)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Total number of prompts over all steps.
    pub fn prompt_count(&self) -> usize {
        self.steps.iter().map(|s| s.prompts.len()).sum()
    }

    /// Every validation problem, located in `source` where possible.
    fn problems(&self, source: &str) -> Vec<Problem> {
        let finder = Finder::new(source);
        let mut out = Vec::new();
        let mut problem = |at: Option<usize>, message: String| out.push(finder.problem(at, message));
        if self.name.trim().is_empty() {
            problem(
                finder.field("name", "", 0).map(|(start, _)| start),
                "the script has an empty name — give it a short name, e.g. name: \"my-script\"".into(),
            );
        }
        if self.title.trim().is_empty() {
            problem(
                finder.field("title", "", 0).map(|(start, _)| start),
                "the script has an empty title — give it one, e.g. title: \"After an incident\"".into(),
            );
        }
        if self.steps.is_empty() {
            problem(
                finder.keyword("steps", 0),
                "the script has no steps — add at least one Step(...)".into(),
            );
        }
        let mut step_ids: HashMap<&str, usize> = HashMap::new();
        let mut cursor = 0;
        for (index, step) in self.steps.iter().enumerate() {
            let at = finder.field("id", &step.id, cursor).map(|(start, end)| {
                cursor = end;
                start
            });
            let label = step_label(index, step);
            if step.id.trim().is_empty() {
                problem(
                    at,
                    format!(
                        "step {} has an empty id — give it one, e.g. id: \"learn\"",
                        index + 1
                    ),
                );
            } else if let Some(first) = step_ids.insert(&step.id, index) {
                problem(
                    at,
                    format!(
                        "step {} uses the id \"{}\" already used by step {} — step ids must be unique",
                        index + 1,
                        step.id,
                        first + 1
                    ),
                );
            }
            if step.title.trim().is_empty() {
                problem(
                    at,
                    format!("{label} has an empty title — give it one, e.g. title: \"Learn\""),
                );
            }
            if step.prompts.is_empty() {
                problem(
                    at,
                    format!("{label} has no prompts — add at least one Prompt(...)"),
                );
            }
            let mut prompt_ids: HashMap<&str, usize> = HashMap::new();
            for (p, prompt) in step.prompts.iter().enumerate() {
                let at = finder.field("id", &prompt.id, cursor).map(|(start, end)| {
                    cursor = end;
                    start
                });
                if prompt.id.trim().is_empty() {
                    problem(
                        at,
                        format!(
                            "prompt {} of {label} has an empty id — give it one, e.g. id: \"what\"",
                            p + 1
                        ),
                    );
                } else if let Some(first) = prompt_ids.insert(&prompt.id, p) {
                    problem(
                        at,
                        format!(
                            "prompt {} of {label} uses the id \"{}\" already used by prompt {} — prompt ids must be unique within a step",
                            p + 1,
                            prompt.id,
                            first + 1
                        ),
                    );
                }
                if prompt.ask.trim().is_empty() {
                    problem(
                        at,
                        format!(
                            "prompt {} of {label} has an empty question — write it in ask: \"...\"",
                            p + 1
                        ),
                    );
                }
                let name = format!("prompt \"{}\" of {label}", prompt.id);
                match &prompt.kind {
                    Kind::Choice(options) if options.len() < 2 => problem(
                        at,
                        format!(
                            "{name} is a Choice with fewer than two options — e.g. kind: Choice([\"yes\", \"no\"])"
                        ),
                    ),
                    Kind::Choice(options) => {
                        if options.iter().any(|o| o.trim().is_empty()) {
                            problem(
                                at,
                                format!(
                                    "{name} has an empty option in its Choice — give every option a label"
                                ),
                            );
                        }
                        let mut seen = std::collections::HashSet::new();
                        if let Some(twice) = options.iter().find(|o| !seen.insert(o.trim())) {
                            problem(
                                at,
                                format!("{name} lists the option \"{twice}\" twice in its Choice"),
                            );
                        }
                    }
                    Kind::Scale(low, high) if low >= high || high - low >= SCALE_MAX_POINTS => problem(
                        at,
                        format!(
                            "{name} has a bad scale range Scale({low}, {high}) — the first number must be smaller and at most {} apart, e.g. Scale(1, 5)",
                            SCALE_MAX_POINTS - 1
                        ),
                    ),
                    Kind::Scale(..) | Kind::Text | Kind::List | Kind::Commitment | Kind::Feeling => {}
                }
                if prompt.kind == Kind::Feeling && prompt.required {
                    problem(
                        at,
                        format!(
                            "{name} is a Feeling check-in and cannot be required — a check-in is asked, never owed: remove required: true"
                        ),
                    );
                }
                if prompt.max_chars == Some(0) {
                    problem(
                        at,
                        format!("{name} has max_chars: Some(0) — leave it out for no limit"),
                    );
                }
            }
        }
        out
    }
}

fn step_label(index: usize, step: &Step) -> String {
    if step.id.trim().is_empty() {
        format!("step {}", index + 1)
    } else {
        format!("step \"{}\"", step.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo script the integration tests share.
    const DEMO: &str = include_str!("../tests/fixtures/scripts/demo.ron");

    fn origin() -> Origin {
        Origin::File(std::path::PathBuf::from("mine.ron"))
    }

    fn errors(source: &str) -> String {
        Script::parse(source, origin()).unwrap_err().to_string()
    }

    #[test]
    fn the_demo_script_from_the_issue_parses() {
        let script = Script::parse(DEMO, origin()).unwrap();
        assert_eq!(script.name, "bars-demo");
        assert_eq!(script.steps.len(), 2);
        assert!(script.steps[0].prompts[0].required);
        assert!(!script.steps[1].prompts[0].required, "required defaults to false");
        assert_eq!(script.prompt_count(), 2);
    }

    #[test]
    fn field_order_is_free_and_struct_names_optional() {
        let source =
            r#"(steps: [(prompts: [(ask: "Q?", id: "q")], title: "T", id: "s")], title: "X", name: "x")"#;
        let script = Script::parse(source, origin()).unwrap();
        assert_eq!(script.version, 1);
        assert_eq!(script.steps[0].prompts[0].hint, "");
    }

    #[test]
    fn every_built_in_script_loads_and_validates() {
        for name in Script::built_in_names() {
            let source = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap().1;
            Script::parse(source, Origin::BuiltIn(name.into())).unwrap();
        }
    }

    #[test]
    fn the_default_script_has_the_six_steps_with_two_to_four_hinted_prompts() {
        let script = Script::default_script();
        let ids: Vec<_> = script.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            ["acknowledge", "act", "apologize", "learn", "correct", "improve"]
        );
        for step in &script.steps {
            assert!(!step.intro.is_empty(), "{} has an intro", step.id);
            assert!(
                (2..=4).contains(&step.prompts.len()),
                "{} has 2-4 prompts",
                step.id
            );
            for prompt in &step.prompts {
                assert!(!prompt.hint.is_empty(), "{}/{} has a hint", step.id, prompt.id);
            }
        }
    }

    #[test]
    fn syntax_errors_are_located() {
        let source = "Script(\n    name: \"x\",\n    title: \"X\"\n    steps: [],\n)";
        assert_eq!(
            errors(source),
            "mine.ron:4:5: expected a comma here — fields and list items are separated by commas"
        );
    }

    #[test]
    fn unknown_fields_name_the_field_and_the_choices() {
        let source = "Script(name: \"x\", title: \"X\", steps: [], colour: 3)";
        assert_eq!(
            errors(source),
            format!(
                "mine.ron:1:42: Script has no field `colour` (this is ownup {}) — expected one of: name, title, version, description, steps",
                env!("CARGO_PKG_VERSION")
            )
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let source = "Script(name: \"x\", steps: [])";
        assert_eq!(
            errors(source),
            "mine.ron:1:28: Script is missing the field `title` — add title: ..."
        );
    }

    #[test]
    fn a_script_without_steps_is_rejected() {
        let source = "Script(name: \"x\", title: \"X\", steps: [])";
        assert_eq!(
            errors(source),
            "mine.ron:1:31: the script has no steps — add at least one Step(...)"
        );
    }

    #[test]
    fn empty_names_and_titles_are_rejected() {
        let source = "Script(name: \"\", title: \" \", steps: [Step(id: \"a\", title: \"A\", prompts: [Prompt(id: \"p\", ask: \"Q\")])])";
        assert_eq!(
            errors(source),
            "mine.ron:1:8: the script has an empty name — give it a short name, e.g. name: \"my-script\"\n\
             mine.ron: the script has an empty title — give it one, e.g. title: \"After an incident\""
        );
    }

    #[test]
    fn a_step_without_prompts_is_rejected_at_its_line() {
        let source = "Script(\n  name: \"x\",\n  title: \"X\",\n  steps: [\n    Step(id: \"learn\", title: \"Learn\", prompts: []),\n  ],\n)";
        assert_eq!(
            errors(source),
            "mine.ron:5:10: step \"learn\" has no prompts — add at least one Prompt(...)"
        );
    }

    #[test]
    fn duplicate_step_ids_point_at_the_second() {
        let source = DEMO.replace("id: \"next\"", "id: \"notice\"");
        assert_eq!(
            errors(&source),
            "mine.ron:16:13: step 2 uses the id \"notice\" already used by step 1 — step ids must be unique"
        );
    }

    #[test]
    fn duplicate_prompt_ids_within_a_step_are_rejected() {
        let source = "Script(name: \"x\", title: \"X\", steps: [Step(id: \"s\", title: \"S\", prompts: [\n  Prompt(id: \"p\", ask: \"A\"),\n  Prompt(id: \"p\", ask: \"B\"),\n])])";
        assert_eq!(
            errors(source),
            "mine.ron:3:10: prompt 2 of step \"s\" uses the id \"p\" already used by prompt 1 — prompt ids must be unique within a step"
        );
    }

    #[test]
    fn the_same_prompt_id_in_two_steps_is_fine() {
        let source = DEMO.replace("id: \"do\"", "id: \"what\"");
        Script::parse(&source, origin()).unwrap();
    }

    #[test]
    fn empty_step_titles_empty_ids_and_empty_questions_are_all_reported() {
        let source = "Script(name: \"x\", title: \"X\", steps: [\n  Step(id: \"s\", title: \"\", prompts: [\n    Prompt(id: \"p\", ask: \"\"),\n    Prompt(id: \"\", ask: \"Q\"),\n  ]),\n  Step(id: \"\", title: \"T\", prompts: [Prompt(id: \"q\", ask: \"Q\")]),\n])";
        assert_eq!(
            errors(source),
            "mine.ron:2:8: step \"s\" has an empty title — give it one, e.g. title: \"Learn\"\n\
             mine.ron:3:12: prompt 1 of step \"s\" has an empty question — write it in ask: \"...\"\n\
             mine.ron:4:12: prompt 2 of step \"s\" has an empty id — give it one, e.g. id: \"what\"\n\
             mine.ron:6:8: step 2 has an empty id — give it one, e.g. id: \"learn\""
        );
    }

    #[test]
    fn a_choice_takes_a_number_or_the_words_of_an_option() {
        let kind = Kind::Choice(vec!["Yes, already".into(), "Not yet".into()]);
        assert_eq!(kind.pick("2"), Some("Not yet".into()));
        assert_eq!(kind.pick(" yes, ALREADY "), Some("Yes, already".into()));
        assert_eq!(kind.pick("0"), None);
        assert_eq!(kind.pick("3"), None);
        assert_eq!(kind.pick("yes"), None);
    }

    #[test]
    fn a_scale_takes_a_number_in_its_range() {
        let kind = Kind::Scale(1, 10);
        assert_eq!(kind.pick("10"), Some("10".into()));
        assert_eq!(kind.pick(" 1"), Some("1".into()));
        assert_eq!(kind.pick("0"), None);
        assert_eq!(kind.pick("11"), None);
        assert_eq!(kind.pick("five"), None);
        assert_eq!(kind.pick("-1"), None);
    }

    #[test]
    fn a_feeling_takes_a_number_or_its_words() {
        assert_eq!(Kind::Feeling.pick("2"), Some("2".into()));
        assert_eq!(Kind::Feeling.pick("Fairly steady"), Some("4".into()));
        assert_eq!(Kind::Feeling.pick("6"), None);
        assert_eq!(Kind::Feeling.pick("n"), None);
    }

    #[test]
    fn a_missing_file_is_reported_with_its_path() {
        let err = Script::load(Path::new("/nonexistent/mine.ron")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/nonexistent/mine.ron: cannot read the file: no such file"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_reported_where_it_breaks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.ron");
        std::fs::write(&path, b"Script(\n  name: \"caf\xe9\",\n)").unwrap();
        let err = Script::load(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}:2:13: the file is not valid UTF-8 text — save it as UTF-8",
                path.display()
            )
        );
    }
}
