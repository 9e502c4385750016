//! The command line, run as a user would, in a sealed OWNUP_HOME.

mod common;

use std::process::Output;

use common::{Sandbox, SessionBuilder};
use ownup::store::SessionStore;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn save(sandbox: &Sandbox, id: &str, answer: &str, complete: bool) {
    let store = SessionStore::open(sandbox.home()).unwrap();
    let started = format!(
        "{}-{}-{}T{}:{}:{}+01:00",
        &id[0..4],
        &id[4..6],
        &id[6..8],
        &id[9..11],
        &id[11..13],
        &id[13..15]
    );
    let mut session = SessionBuilder::new(id)
        .started(&started)
        .answer("acknowledge", "what", answer);
    if complete {
        session = session.complete();
    }
    store.save(&session.build()).unwrap();
}

#[test]
fn help_and_version() {
    let sandbox = Sandbox::new();
    let help = sandbox.run(&["--help"]);
    assert!(help.status.success());
    let text = stdout(&help);
    for needle in ["owning a mistake", "new", "list", "--version"] {
        assert!(text.contains(needle), "--help mentions {needle}:\n{text}");
    }
    let version = sandbox.run(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("ownup {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn list_with_no_sessions_says_how_to_start() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["list"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "No sessions yet in {}. Start one with: ownup new\n",
            sandbox.sessions_dir().display()
        )
    );
}

#[test]
fn list_shows_one_line_per_session_newest_first_with_unreadable_files() {
    let sandbox = Sandbox::new();
    save(&sandbox, "20261120-090000", "Missed the Q3 deadline", true);
    save(
        &sandbox,
        "20261122-234501",
        "Deployed without the migration check\nmore",
        false,
    );
    std::fs::write(sandbox.sessions_dir().join("20261121-100000.ron"), "").unwrap();
    let out = sandbox.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bad = sandbox.sessions_dir().join("20261121-100000.ron");
    assert_eq!(
        stdout(&out),
        format!(
            "ID                 STARTED           STATUS      STEPS  TITLE\n\
             20261122-234501    2026-11-22 23:45  draft       1/6    Deployed without the migration check\n\
             20261121-100000    -                 unreadable  -      {}: the file is empty\n\
             20261120-090000    2026-11-20 09:00  complete    1/6    Missed the Q3 deadline\n",
            bad.display()
        )
    );
}

#[test]
fn a_broken_script_path_is_a_clear_error() {
    let sandbox = Sandbox::new();
    let missing = sandbox.home().join("nope.ron");
    let out = sandbox.run(&["new", "--script", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: {}: cannot read the file: no such file\n",
            missing.display()
        )
    );

    let broken = sandbox.home().join("broken.ron");
    std::fs::write(
        &broken,
        "Script(\n    name: \"x\",\n    title: \"X\",\n    steps: [\n        Step(id: \"a\", title: \"A\", prompts: []),\n        Step(id: \"a\", title: \"B\", prompts: [Prompt(id: \"p\", ask: \"\")]),\n    ],\n)\n",
    )
    .unwrap();
    let out = sandbox.run(&["new", "--script", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let p = broken.display();
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: {p}:5:14: step \"a\" has no prompts — add at least one Prompt(...)\n\
             {p}:6:14: step 2 uses the id \"a\" already used by step 1 — step ids must be unique\n\
             {p}:6:52: prompt 1 of step \"a\" has an empty question — write it in ask: \"...\"\n"
        )
    );
    assert!(sandbox.session_files().is_empty(), "nothing was started");
}

#[test]
fn an_unknown_script_name_lists_what_exists() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["new", "--script", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: no script named \"nosuch\" — there are: own-it, quick, incident-review; your own scripts go in {}; or give the path of a .ron file\n",
            sandbox.home().join("scripts").display()
        )
    );
}

#[test]
fn the_home_screen_needs_a_terminal() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ownup: the home screen needs an interactive terminal; without one, write a session with: ownup new --plain — or see your sessions with: ownup list\n"
    );
}

#[test]
fn a_bad_ownup_now_is_named() {
    let mut sandbox = Sandbox::new();
    sandbox.now = "yesterday".into();
    let out = sandbox.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ownup: OWNUP_NOW is set to \"yesterday\", which is not an RFC 3339 time like 2026-11-22T23:45:01+01:00\n"
    );
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_time_zone_naming_a_device_is_not_read() {
    let mut sandbox = Sandbox::new();
    sandbox.extra_env.push(("TZ".into(), ":/dev/zero".into()));
    let out = sandbox.run(&["list"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some("ownup: TZ names /dev/zero, which is a character device; using UTC")
    );
}

#[test]
fn check_reads_a_text_as_the_coach_does_in_json() {
    let sandbox = Sandbox::new(); // OWNUP_NOW is pinned: dates are relative to it
    let text = "It wasn't really my fault. QA should have caught it.";
    let out = sandbox.run(&["check", "--step", "acknowledge", "--json", text]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["step"], "acknowledge");
    let nudges = json["nudges"].as_array().unwrap();
    assert_eq!(nudges.len(), 2, "{json:#}");
    for nudge in nudges {
        assert_eq!(nudge["kind"], "blame");
        let (start, end) = (
            nudge["start"].as_u64().unwrap() as usize,
            nudge["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            nudge["text"].as_str().unwrap(),
            "byte offsets into the text"
        );
        assert!(nudge["say"].as_str().unwrap().contains(&text[start..end]));
    }
    assert_eq!(nudges[0]["text"], "wasn't really my fault");
    assert_eq!(json["plans"], serde_json::json!([]));
    // Every field of a commitment is there, and `due` is null when no date was understood.
    let commitments = json["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 1);
    assert_eq!(commitments[0]["due"], serde_json::Value::Null);
    assert_eq!(commitments[0]["owner"], "me");
}

#[test]
fn check_reads_standard_input_commitments_plans_and_dates_relative_to_ownup_now() {
    let sandbox = Sandbox::new();
    // The sandbox's OWNUP_NOW is Sunday 2026-11-22: tomorrow is the 23rd.
    let input = "Add a migration check to CI — me — by tomorrow\nPair with Sam on the runbook — Sam — someday\nWhen I feel rushed before a deploy, I will run the checklist\n";
    let out = sandbox.run_with_input(&["check", "--json", "--step", "correct"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let commitments = json["commitments"].as_array().unwrap();
    assert_eq!(commitments[0]["action"], "Add a migration check to CI");
    assert_eq!(commitments[0]["by"], "tomorrow");
    assert_eq!(commitments[0]["due"], "2026-11-23");
    assert_eq!(commitments[1]["owner"], "Sam");
    assert_eq!(commitments[1]["by"], "someday");
    assert_eq!(
        commitments[1]["due"],
        serde_json::Value::Null,
        "not understood, and said so"
    );
    assert_eq!(
        json["plans"],
        serde_json::json!([{"when": "I feel rushed before a deploy", "then": "run the checklist"}])
    );
    // Without --json, a short report that says a by-when was not understood.
    let out = sandbox.run_with_input(&["check", "--step", "correct"], input);
    let report = stdout(&out);
    assert!(
        report.contains("\"someday\" — not understood as a date"),
        "{report}"
    );
    assert!(report.contains("When-then plans:"), "{report}");
}

#[test]
fn check_exits_zero_when_nothing_is_found_and_non_zero_for_an_unknown_step() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "check",
        "--step",
        "acknowledge",
        "I deployed without running the migration check.",
    ]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Nudges: none."), "{}", stdout(&out));
    let out = sandbox.run(&["check", "--step", "nope", "text"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("has no step nope") && err.contains("acknowledge"),
        "{err}"
    );
    let out = sandbox.run(&[
        "check",
        "--script",
        "quick",
        "--step",
        "own-it",
        "--json",
        "Sorry, but it was a tiny typo.",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = json["nudges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["non-apology", "minimising"], "{json:#}");
}

#[test]
fn check_refuses_a_standard_input_larger_than_sixteen_megabytes_and_says_so() {
    let sandbox = Sandbox::new();
    let input = "y\n".repeat(9 << 20);
    let out = sandbox.run_with_input(&["check"], &input);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("larger than 16 MB"), "{}", stderr(&out));
}
