//! `config.ron`: every field optional, unknown fields refused with a message that says which
//! and what there is. Each problem is reported as `path:line:col: message`, every one at once,
//! and the app never starts with a broken config. No terminal code: themes, colours and keys
//! are read into the domain's own types, which the TUI maps onto its own.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::lenient;
use super::look::{Colour, Element, Theme};
use crate::keymap::{Action, KeySpec, Keymap};
use crate::library::Library;
use crate::problems::{Finder, Origin, Problem, Problems, did_you_mean, syntax_message};
use crate::script::{Prompt, Script};

/// The settings, as read from config.ron (or the defaults).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The script `n` and `ownup new` start.
    pub default_script: String,
    /// `auto` (the default: `light` on a light background, else `default`), `default`,
    /// `light` or `high-contrast`.
    #[serde(deserialize_with = "theme")]
    pub theme: Theme,
    /// Colours of screen elements, e.g. `{ "heading": "yellow", "highlight": "#ffaa00" }`.
    #[serde(deserialize_with = "colors")]
    pub colors: BTreeMap<Element, Colour>,
    /// Other keys for actions, e.g. `{ "next_prompt": "ctrl-n", "finish": "ctrl-f" }`.
    #[serde(deserialize_with = "keys")]
    pub keys: BTreeMap<Action, KeySpec>,
    /// How long after the last keystroke a draft is saved, in milliseconds.
    pub autosave_delay_ms: u64,
    /// How dates are shown in the session list (strftime, e.g. `%a %d %H:%M`).
    pub date_format: String,
    /// Whether hints are shown under the questions.
    pub show_hints: bool,
    /// Whether ownup may suggest gentler wording while you write.
    pub nudges: bool,
    /// Whether the mouse scrolls and selects (it then no longer selects text in the terminal).
    pub mouse: bool,
    /// Changes to the prompts of scripts, by `script/step/prompt`.
    pub prompts: BTreeMap<String, PromptChange>,
    /// Syncing the sessions with other machines through git (see `ownup sync`).
    pub sync: SyncSettings,
    /// How the key of an encrypted store is opened (written by `ownup encrypt`).
    pub encryption: Option<Encryption>,
}

/// How the key of an encrypted store is opened: `(identity: "PATH")` or `(passphrase: true)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Encryption")]
pub struct Encryption {
    /// The age identity file (`age-keygen` output) the store key is sealed to; `~/` is the
    /// home folder, and a relative path is relative to the config folder.
    pub identity: Option<String>,
    /// Whether the store key is sealed with a passphrase, asked once a run (or read from the
    /// file `OWNUP_PASSPHRASE_FILE` names).
    pub passphrase: bool,
}

/// How the app syncs (the remote itself is git's: `ownup sync --remote URL`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Sync")]
pub struct SyncSettings {
    /// Whether the app syncs when it starts and after each finished session, in the background.
    pub auto: bool,
    /// Read only to say where the remote is set instead: git keeps it, and one place says it.
    remote: Option<String>,
}

/// A change to one prompt: reword it, skip it, or (for a new id) add it to the step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PromptChange {
    /// A new question.
    pub ask: Option<String>,
    /// A new hint.
    pub hint: Option<String>,
    /// Whether an answer is required.
    pub required: Option<bool>,
    /// A new placeholder.
    pub placeholder: Option<String>,
    /// Leave the prompt out.
    pub skip: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            default_script: crate::script::DEFAULT_SCRIPT.to_string(),
            theme: Theme::default(),
            colors: BTreeMap::new(),
            keys: BTreeMap::new(),
            autosave_delay_ms: 800,
            date_format: "%a %d %H:%M".to_string(),
            show_hints: true,
            nudges: true,
            mouse: false,
            prompts: BTreeMap::new(),
            sync: SyncSettings::default(),
            encryption: None,
        }
    }
}

fn theme<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Theme, D::Error> {
    lenient::name(deserializer, "theme")
}

fn colors<'de, D>(deserializer: D) -> Result<BTreeMap<Element, Colour>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    lenient::map(deserializer, "colors", Colour::parse)
}

fn keys<'de, D>(deserializer: D) -> Result<BTreeMap<Action, KeySpec>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    lenient::map(deserializer, "keys", |text| {
        KeySpec::parse(text).map_err(|message| format!("keys: {message}"))
    })
}

/// The config file written by `ownup config init`: every field at its default, commented.
pub const CONFIG_TEMPLATE: &str = include_str!("../../assets/config.ron");

impl Config {
    /// Reads `path`; a missing file means the defaults. Scripts named in it are checked against
    /// `library`.
    pub fn load(path: &Path, library: &Library) -> Result<Config, Problems> {
        if !path.exists() {
            return Ok(Config::default());
        }
        crate::problems::parse_file(path, |source, origin| Config::parse(source, origin, library))
    }

    /// Parses and checks config text.
    pub fn parse(source: &str, origin: Origin, library: &Library) -> Result<Config, Problems> {
        let options =
            ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let (config, notes) = lenient::collecting(source, || options.from_str::<Config>(source));
        let config = config.map_err(|err| {
            Problems::single(
                origin.clone(),
                Some((err.span.start.line, err.span.start.col)),
                syntax_message(&err.code),
            )
        })?;
        let finder = Finder::new(source);
        let mut problems: Vec<Problem> = notes
            .problems
            .into_iter()
            .map(|(at, message)| finder.problem(at, message))
            .collect();
        if let Err(key_problems) = Keymap::with_changes(&config.keys) {
            // Shown at the entry of the action that moved (the later one, when both did).
            problems.extend(key_problems.into_iter().map(|problem| {
                let at = problem
                    .actions
                    .iter()
                    .filter_map(|action| notes.places.get(&("keys", action.name())))
                    .max();
                finder.problem(at.copied(), problem.message)
            }));
        }
        problems.extend(config.problems(&finder, library));
        // In the order they are in the file; those without a place last.
        problems.sort_by_key(|p| (p.at.is_none(), p.at));
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Problems { origin, problems })
        }
    }

    /// The problems serde cannot see: names of scripts and prompts, numbers, dates.
    fn problems(&self, finder: &Finder, library: &Library) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut problem = |at: Option<usize>, message: String| out.push(finder.problem(at, message));
        let field = |name: &str, value: &str| finder.field(name, value, 0).map(|(start, _)| start);
        let literal = |value: &str| finder.literal(value);

        if library.get(&self.default_script).is_none() {
            problem(
                field("default_script", &self.default_script),
                format!(
                    "default_script \"{}\" is not a script{} — there are: {}",
                    self.default_script,
                    did_you_mean(&self.default_script, library.names()),
                    library.names().join(", ")
                ),
            );
        }
        if !(100..=60_000).contains(&self.autosave_delay_ms) {
            problem(
                finder.keyword("autosave_delay_ms", 0),
                format!(
                    "autosave_delay_ms is {} — use a delay from 100 to 60000 milliseconds",
                    self.autosave_delay_ms
                ),
            );
        }
        if let Err(message) = check_date_format(&self.date_format) {
            problem(field("date_format", &self.date_format), message);
        }
        if let Some(remote) = &self.sync.remote {
            problem(
                field("remote", remote),
                "sync: the remote is not set here — git keeps it with your sessions: run `ownup sync --remote URL` once on each machine, and leave remote out".into(),
            );
        }
        if let Some(encryption) = &self.encryption {
            match (&encryption.identity, encryption.passphrase) {
                (Some(identity), true) => problem(
                    field("identity", identity),
                    "encryption: give an identity file or passphrase: true, not both — `ownup encrypt` writes the one it uses".into(),
                ),
                (Some(identity), false) if identity.trim().is_empty() => problem(
                    field("identity", identity),
                    "encryption: identity is empty — give the path of your age identity file".into(),
                ),
                (None, false) => problem(
                    finder.keyword("encryption", 0),
                    "encryption: say how the key is opened: (identity: \"PATH\") or (passphrase: true)".into(),
                ),
                _ => {}
            }
        }
        for (key, change) in &self.prompts {
            if let Err(message) = check_prompt_key(key, change, library) {
                problem(literal(key), message);
            }
        }
        out
    }

    /// `script` with this config's prompt changes made.
    pub fn adjust(&self, script: &Script) -> Script {
        let mut script = script.clone();
        for (key, change) in &self.prompts {
            let mut parts = key.splitn(3, '/');
            let (Some(name), Some(step_id), Some(prompt_id)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if name != script.name {
                continue;
            }
            let Some(step) = script.steps.iter_mut().find(|s| s.id == step_id) else {
                continue;
            };
            match step.prompts.iter().position(|p| p.id == prompt_id) {
                Some(i) if change.skip => {
                    step.prompts.remove(i);
                }
                Some(i) => change.apply(&mut step.prompts[i]),
                None => {
                    let mut prompt = Prompt {
                        id: prompt_id.to_string(),
                        ask: String::new(),
                        hint: String::new(),
                        required: false,
                        kind: Default::default(),
                        placeholder: String::new(),
                        max_chars: None,
                        private: false,
                    };
                    change.apply(&mut prompt);
                    step.prompts.push(prompt);
                }
            }
        }
        // A step whose prompts were all skipped is left out.
        script.steps.retain(|s| !s.prompts.is_empty());
        script
    }
}

impl PromptChange {
    fn apply(&self, prompt: &mut Prompt) {
        if let Some(ask) = &self.ask {
            prompt.ask = ask.clone();
        }
        if let Some(hint) = &self.hint {
            prompt.hint = hint.clone();
        }
        if let Some(required) = self.required {
            prompt.required = required;
        }
        if let Some(placeholder) = &self.placeholder {
            prompt.placeholder = placeholder.clone();
        }
    }
}

/// Checks a `prompts` key (`script/step/prompt`) and its change against the scripts there are.
fn check_prompt_key(key: &str, change: &PromptChange, library: &Library) -> Result<(), String> {
    let parts: Vec<&str> = key.split('/').collect();
    let [name, step_id, prompt_id] = parts.as_slice() else {
        return Err(format!(
            "prompts: \"{key}\" is not script/step/prompt — e.g. \"own-it/apologize/repair\""
        ));
    };
    let Some(listed) = library.get(name) else {
        return Err(format!(
            "prompts: \"{key}\" names no script \"{name}\" — there are: {}",
            library.names().join(", ")
        ));
    };
    let valid = |steps: &[crate::script::Step]| {
        steps
            .iter()
            .flat_map(|s| s.prompts.iter().map(move |p| format!("{name}/{}/{}", s.id, p.id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(step) = listed.script.step(step_id) else {
        return Err(format!(
            "prompts: \"{key}\" names no step \"{step_id}\" in {name} — valid keys: {}",
            valid(&listed.script.steps)
        ));
    };
    if step.prompt(prompt_id).is_none() && change.ask.as_deref().is_none_or(|a| a.trim().is_empty()) {
        let hint = did_you_mean(prompt_id, step.prompts.iter().map(|p| p.id.as_str())).replace(
            " — did you mean \"",
            &format!(" — did you mean \"{name}/{step_id}/"),
        );
        return Err(format!(
            "prompts: \"{key}\" names no prompt \"{prompt_id}\"{hint} — to add a prompt, give its question with ask: \"...\"; valid keys: {}",
            valid(&listed.script.steps)
        ));
    }
    if change.ask.as_deref().is_some_and(|a| a.trim().is_empty()) {
        return Err(format!(
            "prompts: \"{key}\" sets an empty question — leave ask out to keep the question"
        ));
    }
    Ok(())
}

/// Checks a strftime format, which chrono would otherwise refuse only when printing.
fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    // Some specifiers parse but cannot be written (`%#z`): try writing a date too.
    let sample = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").ok();
    let writes = sample.is_some_and(|at| crate::dates::try_format(&at, format).is_some());
    if !writes || StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "date_format \"{format}\" is not a valid date format — e.g. \"%a %d %H:%M\" or \"%Y-%m-%d\""
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
