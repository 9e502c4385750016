//! The documentation of config.ron's keys cannot drift from the code: README's table of actions
//! is the one the keymap gives, and the config template names every action.

mod common;

use std::collections::BTreeSet;

use common::{Sandbox, SessionBuilder};
use ownup::config::CONFIG_TEMPLATE;
use ownup::keymap::{Action, BINDINGS};
use ownup::store::SessionStore;
use serde_json::Value;

/// README's table of the actions config.ron can give other keys, from the keymap: each action's
/// name, its default keys and what it does where.
fn actions_table() -> String {
    let mut table = String::from("| Action | Default keys | What it does |\n|---|---|---|\n");
    for action in Action::all() {
        let mut keys: Vec<String> = Vec::new();
        let mut helps: Vec<&str> = Vec::new();
        for binding in BINDINGS.iter().filter(|b| b.action == action) {
            for key in binding.keys {
                let key = format!("`{}`", key.label());
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            // "start a new session (the draft is kept)" says no more than "start a new session".
            if !helps.iter().any(|help| binding.help.starts_with(help)) {
                helps.push(binding.help);
            }
        }
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            action.name(),
            keys.join(" "),
            helps.join("; ").replace('|', "\\|")
        ));
    }
    table
}

#[test]
fn readme_lists_every_action_with_its_keys() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = "<!-- actions: the table below is checked by tests/docs.rs -->\n";
    let from = readme.find(start).expect("README marks the table of actions") + start.len();
    let to = from + readme[from..].find("\n\n").unwrap_or(readme.len() - from) + 1;
    let want = actions_table();
    assert!(
        readme[from..to] == want,
        "README's table of actions is out of date; it should read:\n\n{want}"
    );
}

#[test]
fn the_config_template_names_every_action() {
    let comment: String = CONFIG_TEMPLATE
        .lines()
        .skip_while(|line| !line.contains("Actions:"))
        .take_while(|line| line.trim_start().starts_with("//"))
        .map(|line| line.trim_start().trim_start_matches("//"))
        .collect::<Vec<_>>()
        .join(" ");
    let listed: Vec<&str> = comment
        .split_once("Actions:")
        .map(|(_, rest)| rest.split('.').next().unwrap_or_default())
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .collect();
    let names: Vec<&str> = Action::all().into_iter().map(Action::name).collect();
    assert_eq!(listed, names, "the template's list of actions, in {comment:?}");
}

/// The README's section on JSON.
fn json_section() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (_, section) = readme
        .split_once("### JSON\n")
        .expect("README has a JSON section");
    section.split("\n## ").next().unwrap_or_default().to_string()
}

/// Every key path in `value` (`steps[].prompts[].answer`), with arrays read through their
/// first element.
fn key_paths(value: &Value, at: &str, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                into.insert(path.clone());
                key_paths(value, &path, into);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                key_paths(first, &format!("{at}[]"), into);
            }
        }
        _ => {}
    }
}

/// The backquoted names in the paragraph of `section` that starts with `opening`.
fn named_fields(section: &str, opening: &str) -> BTreeSet<String> {
    let paragraph = section
        .split("\n\n")
        .find(|p| p.starts_with(opening))
        .unwrap_or_else(|| panic!("README's JSON section has a paragraph on {opening}"));
    let (_, fields) = paragraph.split_once(" object per ").expect("it names the object");
    // What is in brackets says what a field holds (`draft`, `complete`…), not a field.
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in fields.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// A sandbox with one session that has every part: answers, a commitment checked in on, an
/// apology.
fn a_full_session() -> Sandbox {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let mut session = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer(
            "acknowledge",
            "what",
            "I deployed the payments service without the migration.",
        )
        .answer(
            "correct",
            "actions",
            "Add a migration check to CI — me — by Nov 27",
        )
        .sync_commitments()
        .complete()
        .build();
    session.apology = Some(ownup::apology::Apology {
        to: "the payments team".into(),
        did: "I deployed without the migration".into(),
        ..Default::default()
    });
    store.save(&session).unwrap();
    let id = session.commitment_ids()[0].to_string();
    let out = sandbox.run(&[
        "commitments",
        "done",
        &id,
        "--note",
        "Merged.",
        "--on",
        "yesterday",
    ]);
    assert!(out.status.success(), "{out:?}");
    sandbox
}

fn json_of(sandbox: &Sandbox, args: &[&str]) -> Value {
    let out = sandbox.run(args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|err| panic!("{args:?}: {err}"))
}

/// README's export example has every field an export has, and no other; the fields it names
/// for `list --json` and `commitments --json` are those printed, and both print an array.
#[test]
fn readme_json_is_what_ownup_prints() {
    let section = json_section();
    let example = section
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has an export example");
    // The example's comments are for the reader.
    let example: String = example
        .lines()
        .map(|line| line.split(" //").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let example: Value = serde_json::from_str(&example).expect("the example is JSON");

    let sandbox = a_full_session();
    let export = json_of(&sandbox, &["export", "--all", "--format", "json"]);
    let (mut want, mut have) = (BTreeSet::new(), BTreeSet::new());
    key_paths(&export, "", &mut want);
    key_paths(&example, "", &mut have);
    assert_eq!(have, want, "README's export example and an export differ");

    for (command, opening) in [
        (&["list", "--json"][..], "`ownup list --json`"),
        (
            &["commitments", "--all", "--json"][..],
            "`ownup commitments --json`",
        ),
    ] {
        let printed = json_of(&sandbox, command);
        let row = printed.as_array().and_then(|rows| rows.first());
        let row = row.unwrap_or_else(|| panic!("{command:?} prints an array of rows: {printed}"));
        let keys: BTreeSet<String> = row.as_object().unwrap().keys().cloned().collect();
        let named = named_fields(&section, opening);
        // `error` is only in the rows of unreadable files.
        let keys: BTreeSet<String> = keys
            .into_iter()
            .chain(named.iter().filter(|k| *k == "error").cloned())
            .collect();
        assert_eq!(named, keys, "README's fields of {command:?}");
    }
}
