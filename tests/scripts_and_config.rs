//! Scripts and config.ron on the real binary: every mistake in tests/fixtures gets its exact
//! message; the script and config commands; custom scripts and remapped keys in a terminal.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::*;
use ownup::store::load_file;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `ownup script check FIXTURE` fails with exactly these lines (after the path).
#[track_caller]
fn script_problems(name: &str, expected: &[&str]) {
    let sandbox = Sandbox::new();
    let path = fixture(&format!("scripts/{name}"));
    let out = sandbox.run(&["script", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{name}");
    let want: String = expected
        .iter()
        .map(|e| format!("{}:{e}\n", path.display()))
        .collect();
    assert_eq!(stdout(&out), want, "{name}");
    assert_eq!(stderr(&out), "ownup: a script has problems (see above)\n");
}

#[test]
fn a_ron_syntax_error() {
    script_problems(
        "syntax-error.ron",
        &["4:5: expected a comma here — fields and list items are separated by commas"],
    );
}

#[test]
fn an_unknown_field() {
    script_problems(
        "unknown-field.ron",
        &[&format!(
            "4:5: Script has no field `colour` (this is ownup {}) — expected one of: name, title, version, description, steps",
            env!("CARGO_PKG_VERSION")
        )],
    );
}

#[test]
fn a_missing_field() {
    script_problems(
        "missing-field.ron",
        &["4:1: Script is missing the field `title` — add title: ..."],
    );
}

#[test]
fn a_wrong_type() {
    script_problems("wrong-type.ron", &["4:85: expected true or false here"]);
}

#[test]
fn duplicate_ids() {
    script_problems(
        "duplicate-ids.ron",
        &[
            "7:20: prompt 2 of step \"a\" uses the id \"p\" already used by prompt 1 — prompt ids must be unique within a step",
            "9:14: step 2 uses the id \"a\" already used by step 1 — step ids must be unique",
        ],
    );
}

#[test]
fn no_steps_and_an_empty_step() {
    script_problems(
        "empty-steps.ron",
        &["4:5: the script has no steps — add at least one Step(...)"],
    );
    script_problems(
        "empty-step.ron",
        &["5:14: step \"learn\" has no prompts — add at least one Prompt(...)"],
    );
}

#[test]
fn an_unknown_kind() {
    script_problems(
        "unknown-kind.ron",
        &[
            "4:82: `Slider` is not a valid Kind — use one of: Text, List, Choice([\"a\", \"b\"]), Scale(1, 5), Commitment, Feeling",
        ],
    );
}

#[test]
fn a_bad_scale_range() {
    script_problems(
        "bad-scale.ron",
        &[
            "5:16: prompt \"p\" of step \"a\" has a bad scale range Scale(5, 1) — the first number must be smaller and at most 10 apart, e.g. Scale(1, 5)",
        ],
    );
}

#[test]
fn a_script_that_is_not_utf8() {
    script_problems(
        "not-utf8.ron",
        &["2:15: the file is not valid UTF-8 text — save it as UTF-8"],
    );
}

#[test]
fn an_unreadable_script() {
    let sandbox = Sandbox::new();
    let dir = fixture("scripts");
    let out = sandbox.run(&["script", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{}: cannot read the file: this is a directory, not a file\n",
            dir.display()
        )
    );
}

/// `ownup config check` with FIXTURE as config.ron fails with exactly these lines; and the app
/// refuses to start with it, saying how to start without it.
#[track_caller]
fn config_problems(name: &str, expected: &[&str]) {
    let sandbox = Sandbox::new();
    let config = sandbox.home().join("config.ron");
    std::fs::copy(fixture(&format!("config/{name}")), &config).unwrap();
    let out = sandbox.run(&["config", "check"]);
    assert_eq!(out.status.code(), Some(1), "{name}");
    let want: String = expected
        .iter()
        .map(|e| format!("{}:{e}\n", config.display()))
        .collect();
    assert_eq!(stdout(&out), want, "{name}");
    assert_eq!(
        stderr(&out),
        "ownup: config.ron has problems (see above) — ownup --no-config starts without it\n"
    );

    let app = sandbox.run(&["new"]);
    assert_eq!(app.status.code(), Some(1));
    let first = format!("ownup: {}:{}", config.display(), expected[0]);
    assert!(stderr(&app).starts_with(&first), "{}", stderr(&app));
    assert!(
        stderr(&app).ends_with(
            "(fix it — `ownup config check` shows every problem — or start without it: ownup --no-config)\n"
        ),
        "{}",
        stderr(&app)
    );
}

#[test]
fn an_unknown_theme_colour() {
    config_problems(
        "unknown-colour.ron",
        &[
            "3:9: \"purplish\" is not a colour — use a name (black, red, green, yellow, blue, magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white), \"#rrggbb\" or a number from 0 to 255",
        ],
    );
}

#[test]
fn an_unknown_key_name() {
    config_problems(
        "unknown-key-name.ron",
        &[
            "3:9: keys: \"ctrl-banana\" is not a key name — use e.g. \"tab\", \"shift-tab\", \"enter\", \"esc\", \"f2\", \"ctrl-s\", \"alt-n\", \"n\", \"/\"",
        ],
    );
}

#[test]
fn an_unknown_action() {
    let actions = "help, interrupt, suspend, next_prompt, prev_prompt, finish, leave, dismiss_nudge, apology, copy, new, open, search, stats, check_in, undo, quit, up, down, page_up, page_down, top, bottom, back, edit, export, delete, mark_done, not_yet, drop, skip, accept, dismiss, close, write_elsewhere, discard, not_now, editor, done_on";
    config_problems(
        "unknown-action.ron",
        &[&format!(
            "4:9: keys: \"nxt_prompt\" is not an action — did you mean \"next_prompt\"? — use one of: {actions}"
        )],
    );
}

#[test]
fn a_key_bound_twice() {
    config_problems(
        "key-bound-twice.ron",
        &[
            "3:9: keys: Tab is bound twice on the session screen: to next_prompt and to finish — choose another key for one of them",
        ],
    );
}

#[test]
fn an_unknown_config_field() {
    config_problems(
        "unknown-field.ron",
        &[&format!(
            "3:5: Config has no field `font` (this is ownup {}) — expected one of: default_script, theme, colors, keys, autosave_delay_ms, date_format, show_hints, nudges, mouse, prompts, sync, encryption",
            env!("CARGO_PKG_VERSION")
        )],
    );
}

#[test]
fn an_unknown_prompt_key_lists_the_valid_ones() {
    let expected = "3:9: prompts: \"own-it/learn/lukcy\" names no prompt \"lukcy\" — did you mean \"own-it/learn/lucky\"? — to add a prompt, give its question with ask: \"...\"; valid keys: own-it/acknowledge/feeling-start, own-it/acknowledge/what, own-it/acknowledge/impact, own-it/acknowledge/my-part, own-it/act/contain, own-it/act/tell, own-it/act/help, own-it/apologize/who, own-it/apologize/responsibility, own-it/apologize/repair, own-it/apologize/prevent, own-it/learn/timeline, own-it/learn/causes, own-it/learn/lucky, own-it/learn/feedback, own-it/correct/actions, own-it/correct/share, own-it/improve/when-then, own-it/improve/show, own-it/improve/kind-word, own-it/improve/feeling-end";
    config_problems("unknown-prompt.ron", &[expected]);
}

#[test]
fn a_config_that_is_not_utf8() {
    config_problems(
        "not-utf8.ron",
        &["1:19: the file is not valid UTF-8 text — save it as UTF-8"],
    );
}

#[test]
fn no_config_starts_without_a_broken_one() {
    let sandbox = Sandbox::new();
    std::fs::copy(
        fixture("config/unknown-field.ron"),
        sandbox.home().join("config.ron"),
    )
    .unwrap();
    let mut tui = sandbox.spawn(&["--no-config", "new"]);
    tui.past_the_check_in();
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn every_built_in_script_passes_the_check() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["script", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "ok: own-it: 6 steps, 21 prompts\nok: quick: 3 steps, 5 prompts\nok: incident-review: 6 steps, 10 prompts\n"
    );
    for name in ["own-it", "quick", "incident-review"] {
        let out = sandbox.run(&["script", "check", name]);
        assert!(out.status.success(), "{name}: {}", stdout(&out));
    }
}

#[test]
fn the_demo_script_the_tests_share_passes_the_check() {
    let sandbox = Sandbox::new();
    let path = demo_script();
    let out = sandbox.run(&["script", "check", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        format!("ok: {}: 2 steps, 2 prompts\n", path.display())
    );
}

#[test]
fn script_list_shows_sources_and_the_default() {
    let sandbox = Sandbox::new();
    assert!(sandbox.run(&["script", "init", "mine"]).status.success());
    let out = sandbox.run(&["script", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mine = sandbox.home().join("scripts/mine.ron");
    assert_eq!(
        stdout(&out),
        format!(
            "NAME               TITLE                        STEPS  SOURCE\n\
             own-it             Own a mistake                    6  built-in  ← default\n\
             quick              A quick own-up                   3  built-in\n\
             incident-review    Incident review                  6  built-in\n\
             mine               My script                        2  {}\n",
            mine.display()
        )
    );
}

#[test]
fn script_init_never_overwrites_and_copies_with_from() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["script", "init", "postmortem", "--from", "incident-review"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = sandbox.home().join("scripts/postmortem.ron");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name: \"postmortem\""), "{text}");
    assert!(text.contains("Where did we get lucky?"));
    let again = sandbox.run(&["script", "init", "postmortem"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        stderr(&again),
        format!("ownup: {} already exists — it is left as it is\n", path.display())
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let bad = sandbox.run(&["script", "init", "../escape"]);
    assert_eq!(
        stderr(&bad),
        "ownup: \"../escape\" cannot be a script name — use letters, digits, - and _ (e.g. my-script)\n"
    );
}

#[test]
fn config_init_writes_the_defaults_and_config_path_says_where() {
    let sandbox = Sandbox::new();
    let config = sandbox.home().join("config.ron");
    assert_eq!(
        stdout(&sandbox.run(&["config", "path"])),
        format!("{}\n", config.display())
    );
    assert_eq!(
        stdout(&sandbox.run(&["config", "check"])),
        format!("ok: there is no {} — ownup uses the defaults\n", config.display())
    );
    assert!(sandbox.run(&["config", "init"]).status.success());
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        ownup::config::CONFIG_TEMPLATE
    );
    assert_eq!(
        stdout(&sandbox.run(&["config", "check"])),
        format!("ok: {}\n", config.display())
    );
    assert_eq!(
        sandbox.run(&["config", "init"]).status.code(),
        Some(1),
        "never overwritten"
    );
}

#[test]
fn a_script_written_with_init_and_edited_runs_with_its_new_prompt() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["script", "init", "standup"]);
    let path = PathBuf::from(stdout(&out).trim());
    // Add a prompt to the first step, the way someone editing the file would.
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "prompts: [",
        "prompts: [\n                Prompt(id: \"who\", ask: \"Who noticed it first?\", hint: \"A name is enough.\"),",
        1,
    );
    std::fs::write(&path, text).unwrap();
    assert_eq!(
        stdout(&sandbox.run(&["script", "check", "standup"])),
        "ok: standup: 2 steps, 5 prompts\n"
    );

    let mut tui = sandbox.spawn(&["new", "--script", "standup"]);
    let screen = tui.wait_for("Who noticed it first?");
    assert!(screen.contains("A name is enough."), "{screen}");
    assert!(screen.contains("ownup · My script"), "{screen}");
    tui.type_text("Priya, from the dashboard");
    tui.send(TAB);
    tui.wait_for("What happened, in plain words?");
    tui.type_text("The export job wrote to the wrong bucket.");
    tui.send(TAB);
    // A Scale prompt: a number picks.
    tui.wait_for("How big was the impact?");
    tui.send("4");
    tui.wait_for("[4]");
    tui.send(CTRL_S);
    tui.wait_for("Saved to");
    let session = load_file(&sandbox.session_files()[0]).unwrap();
    assert_eq!(session.script.name, "standup");
    assert_eq!(session.steps[0].prompts[0].ask, "Who noticed it first?");
    assert_eq!(session.answer_to("what", "who"), "Priya, from the dashboard");
    assert_eq!(session.answer_to("what", "impact"), "4");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn a_remapped_key_shows_in_the_footer_and_works() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.home().join("config.ron"),
        "Config(keys: { \"finish\": \"ctrl-f\", \"next_prompt\": \"ctrl-n\" }, show_hints: false)",
    )
    .unwrap();
    let mut tui = sandbox.spawn(&["new", "--script", "quick"]);
    let screen = tui.wait_for("Ctrl-F finish");
    assert!(screen.contains("Ctrl-N next"), "{screen}");
    assert!(!screen.contains("Ctrl-S"), "{screen}");
    assert!(
        !screen.contains("One or two sentences"),
        "hints are off:\n{screen}"
    );
    tui.type_text("Sent the wrong numbers");
    tui.send("\x0e"); // Ctrl-N
    tui.wait_for("How big was the impact on the people affected?");
    tui.send("\x06"); // Ctrl-F: the required repair answer is missing, so it jumps there
    tui.wait_for("This one is needed to finish.");
    tui.type_text("Sent the right ones, with an apology");
    tui.send("\x06");
    tui.wait_for("Saved to");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn prompt_changes_in_config_reword_skip_and_add() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.home().join("config.ron"),
        r#"Config(
            default_script: "quick",
            prompts: {
                "quick/own-it/what": (ask: "What went wrong, in one sentence?"),
                "quick/own-it/size": (skip: true),
                "quick/own-it/seen": (ask: "Who saw it?", hint: "Names help."),
            },
        )"#,
    )
    .unwrap();
    let mut tui = sandbox.spawn(&["new"]);
    tui.wait_for("What went wrong, in one sentence?");
    tui.send(TAB);
    let screen = tui.wait_for("Who saw it?");
    assert!(screen.contains("Names help."), "{screen}");
    assert!(screen.contains("2 of 2"), "the skipped prompt is gone:\n{screen}");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
}

#[test]
fn config_check_also_checks_the_nudges_the_app_would_refuse() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.home().join("nudges.ron"), "Lexicon(rules: [").unwrap();
    let out = sandbox.run(&["config", "check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("nudges.ron"));
}
