//! config.ron: defaults, every field, and every mistake with its exact message.

use super::*;
use crate::library::Library;

fn library() -> Library {
    Library::load(Path::new("/nonexistent"))
}

fn parse(source: &str) -> Result<Config, String> {
    Config::parse(source, Origin::File("config.ron".into()), &library()).map_err(|e| e.to_string())
}

#[test]
fn the_template_is_the_defaults() {
    assert_eq!(parse(CONFIG_TEMPLATE).unwrap(), Config::default());
    assert_eq!(parse("Config()").unwrap(), Config::default());
    assert_eq!(parse("()").unwrap(), Config::default());
}

#[test]
fn every_field_can_be_set() {
    let config = parse(
        r##"Config(
            default_script: "quick",
            theme: "high-contrast",
            colors: { "heading": "yellow", "highlight": "#ffaa00", "dim": "244" },
            keys: { "finish": "ctrl-f", "next_prompt": "ctrl-n" },
            autosave_delay_ms: 2000,
            date_format: "%Y-%m-%d",
            show_hints: false,
            nudges: false,
            prompts: {
                "own-it/apologize/repair": (ask: "How will you make it right with them?"),
                "own-it/learn/lucky": (skip: true),
                "own-it/learn/pattern": (ask: "Has this happened before?", required: true),
            },
            sync: (auto: true),
        )"##,
    )
    .unwrap();
    assert_eq!(config.default_script, "quick");
    assert!(config.sync.auto);
    assert_eq!(config.keys[&Action::Finish], KeySpec::ctrl('f'));
    assert_eq!(config.theme, Theme::HighContrast);
    assert_eq!(config.colors[&Element::Highlight], Colour::Rgb(0xff, 0xaa, 0));
    assert!(!config.show_hints);
    let own_it = config.adjust(&Script::default_script());
    let learn = own_it.step("learn").unwrap();
    let ids: Vec<&str> = learn.prompts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["timeline", "causes", "feedback", "pattern"]);
    assert!(learn.prompt("pattern").unwrap().required);
    assert_eq!(
        own_it.step("apologize").unwrap().prompt("repair").unwrap().ask,
        "How will you make it right with them?"
    );
    let quick = config.adjust(&library().get("quick").unwrap().script);
    assert_eq!(
        quick,
        library().get("quick").unwrap().script,
        "other scripts are untouched"
    );
}

#[test]
fn skipping_every_prompt_of_a_step_leaves_the_step_out() {
    let config = parse(r#"(prompts: { "quick/prevent-it/when-then": (skip: true) })"#).unwrap();
    let quick = config.adjust(&library().get("quick").unwrap().script);
    assert!(quick.step("prevent-it").is_none());
}

#[test]
fn syntax_errors_unknown_fields_and_wrong_types_are_located() {
    assert_eq!(
        parse("Config(\n  theme: \"light\"\n  show_hints: false,\n)").unwrap_err(),
        "config.ron:3:3: expected a comma here — fields and list items are separated by commas"
    );
    assert_eq!(
        parse("Config(\n  colour: \"red\",\n)").unwrap_err(),
        format!(
            "config.ron:2:3: Config has no field `colour` (this is ownup {}) — expected one of: default_script, theme, colors, keys, autosave_delay_ms, date_format, show_hints, nudges, mouse, prompts, sync, encryption",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(
        parse("Config(show_hints: \"no\")").unwrap_err(),
        "config.ron:1:19: expected true or false here"
    );
}

#[test]
fn names_that_do_not_exist_say_what_does() {
    assert_eq!(
        parse("Config(\n  default_script: \"mine\",\n  theme: \"dark\",\n)").unwrap_err(),
        "config.ron:2:3: default_script \"mine\" is not a script — there are: own-it, quick, incident-review\n\
         config.ron:3:3: theme \"dark\" does not exist — use one of: auto, default, light, high-contrast"
    );
}

#[test]
fn colours_must_be_known_elements_and_colours() {
    assert_eq!(
        parse("(colors: {\n  \"headline\": \"red\",\n  \"heading\": \"purplish\",\n})").unwrap_err(),
        "config.ron:2:3: colors: \"headline\" is not a screen element — did you mean \"heading\"? — use one of: title, heading, text, dim, current, done, pending, key, footer, selected, error, ok, border, cursor, highlight\n\
         config.ron:3:3: \"purplish\" is not a colour — use a name (black, red, green, yellow, blue, magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white), \"#rrggbb\" or a number from 0 to 255"
    );
}

#[test]
fn keys_must_be_known_actions_and_key_names() {
    assert_eq!(
        parse("(keys: {\n  \"finish\": \"ctrl-banana\",\n  \"save\": \"ctrl-s\",\n})").unwrap_err(),
        format!(
            "config.ron:2:3: keys: \"ctrl-banana\" is not a key name — use e.g. {}\n\
             config.ron:3:3: keys: \"save\" is not an action — use one of: {}",
            crate::keymap::keyspec::KEY_EXAMPLES,
            crate::names::names::<Action>().join(", ")
        )
    );
}

#[test]
fn numbers_and_dates_are_checked() {
    assert_eq!(
        parse("(autosave_delay_ms: 5)").unwrap_err(),
        "config.ron:1:2: autosave_delay_ms is 5 — use a delay from 100 to 60000 milliseconds"
    );
    assert_eq!(
        parse("(date_format: \"%Q\")").unwrap_err(),
        "config.ron:1:2: date_format \"%Q\" is not a valid date format — e.g. \"%a %d %H:%M\" or \"%Y-%m-%d\""
    );
    // Parses as a specifier, but chrono cannot write it: the app panicked drawing the list.
    assert_eq!(
        parse("(date_format: \"%#z\")").unwrap_err(),
        "config.ron:1:2: date_format \"%#z\" is not a valid date format — e.g. \"%a %d %H:%M\" or \"%Y-%m-%d\""
    );
}

#[test]
fn prompt_changes_must_name_real_prompts() {
    let valid_quick = "quick/own-it/what, quick/own-it/size, quick/make-it-right/repair, quick/make-it-right/told, quick/prevent-it/when-then";
    assert_eq!(
        parse("(prompts: {\n  \"quick/own-it/whom\": (hint: \"x\"),\n})").unwrap_err(),
        format!(
            "config.ron:2:3: prompts: \"quick/own-it/whom\" names no prompt \"whom\" — to add a prompt, give its question with ask: \"...\"; valid keys: {valid_quick}"
        )
    );
    assert_eq!(
        parse("(prompts: { \"quick/later/x\": (skip: true) })").unwrap_err(),
        format!(
            "config.ron:1:13: prompts: \"quick/later/x\" names no step \"later\" in quick — valid keys: {valid_quick}"
        )
    );
    assert_eq!(
        parse("(prompts: { \"mine/a/b\": (skip: true) })").unwrap_err(),
        "config.ron:1:13: prompts: \"mine/a/b\" names no script \"mine\" — there are: own-it, quick, incident-review"
    );
    assert_eq!(
        parse("(prompts: { \"own-it\": (skip: true) })").unwrap_err(),
        "config.ron:1:13: prompts: \"own-it\" is not script/step/prompt — e.g. \"own-it/apologize/repair\""
    );
    assert_eq!(
        parse("(prompts: { \"own-it/learn/lucky\": (skip: true, colour: 3) })").unwrap_err(),
        "config.ron:1:48: PromptChange has no field `colour` (this is ownup 0.1.0) — expected one of: ask, hint, required, placeholder, skip"
    );
}

#[test]
fn an_unknown_action_is_located_with_a_suggestion() {
    let all = crate::names::names::<Action>().join(", ");
    assert_eq!(
        parse("Config(\n    keys: {\n        \"finsh\": \"ctrl-f\",\n    },\n)").unwrap_err(),
        format!(
            "config.ron:3:9: keys: \"finsh\" is not an action — did you mean \"finish\"? — use one of: {all}"
        )
    );
    // Written as a bare name, it is found all the same.
    assert_eq!(
        parse("(keys: {\n  next_prompt: \"ctrl-n\",  nextprompt: \"ctrl-p\" })").unwrap_err(),
        format!(
            "config.ron:2:27: keys: \"nextprompt\" is not an action — did you mean \"next_prompt\"? — use one of: {all}"
        )
    );
}

#[test]
fn actions_are_named_with_or_without_quotes() {
    let config = parse("(keys: { finish: \"ctrl-f\", \"next_prompt\": \"alt-n\" })").unwrap();
    assert_eq!(
        config.keys,
        BTreeMap::from([
            (Action::Finish, KeySpec::ctrl('f')),
            (Action::NextPrompt, KeySpec::parse("alt-n").unwrap()),
        ])
    );
    assert_eq!(
        parse("(keys: { finish: 3 })").unwrap_err(),
        "config.ron:1:18: expected text in double quotes here, like \"this\""
    );
    assert_eq!(parse("(theme: light)").unwrap().theme, Theme::Light);
    assert_eq!(
        parse("(theme: [\"light\"])").unwrap_err(),
        "config.ron:1:17: expected text in double quotes here, like \"this\""
    );
}

#[test]
fn a_key_bound_twice_is_shown_where_the_key_was_given() {
    // At the action that moved into the other's key …
    assert_eq!(
        parse("(\n  theme: \"light\",\n  keys: {\n    \"quit\": \"f9\",\n    \"finish\": \"tab\",\n  },\n)")
            .unwrap_err(),
        "config.ron:5:5: keys: Tab is bound twice on the session screen: to next_prompt and to finish — choose another key for one of them"
    );
    // … and, when both moved, at the later of the two, whatever their names.
    assert_eq!(
        parse("(keys: {\n  export: \"f9\",\n  \"edit\": \"f9\",\n})").unwrap_err(),
        "config.ron:3:3: keys: F9 is bound twice on the reading screen: to edit and to export — choose another key for one of them"
    );
}

#[test]
fn every_problem_is_reported_in_the_order_of_the_file() {
    assert_eq!(
        parse(
            "(\n  keys: { \"finish\": \"tab\", \"save\": \"f2\" },\n  theme: \"dark\",\n  colors: { \"text\": \"purplish\" },\n  autosave_delay_ms: 1,\n)"
        )
        .unwrap_err()
        .lines()
        .map(|line| line.split(": ").next().unwrap_or_default())
        .collect::<Vec<_>>(),
        ["config.ron:2:11", "config.ron:2:28", "config.ron:3:3", "config.ron:4:13", "config.ron:5:3"]
    );
}

#[test]
fn read_on_its_own_a_config_stops_at_its_first_bad_name_where_it_is() {
    let err =
        ron::from_str::<Config>("(theme: \"light\",\n  keys: { finsh: \"f9\", new: \"f10\" })").unwrap_err();
    // RON places it just after the entry it read last.
    assert_eq!(err.span.start.line, 2);
    assert!(
        err.code
            .to_string()
            .starts_with("keys: \"finsh\" is not an action — did you mean \"finish\"?"),
        "{err}"
    );
}

#[test]
fn the_sync_remote_is_said_to_be_set_with_ownup_sync_not_here() {
    assert_eq!(
        parse("Config(\n  sync: (auto: true, remote: \"git@example.com:me/s.git\"),\n)").unwrap_err(),
        "config.ron:2:22: sync: the remote is not set here — git keeps it with your sessions: run `ownup sync --remote URL` once on each machine, and leave remote out"
    );
    assert_eq!(
        parse("Config(sync: (auto: yes))").unwrap_err(),
        "config.ron:1:20: expected true or false here"
    );
    assert_eq!(
        parse("Config(sync: (every: 5))").unwrap_err(),
        format!(
            "config.ron:1:15: Sync has no field `every` (this is ownup {}) — expected one of: auto, remote",
            env!("CARGO_PKG_VERSION")
        )
    );
}
