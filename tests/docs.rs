//! The documentation of config.ron's keys cannot drift from the code: README's table of actions
//! is the one the keymap gives, and the config template names every action.

use ownup::config::CONFIG_TEMPLATE;
use ownup::keymap::{Action, BINDINGS};

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
