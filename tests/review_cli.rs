//! The review commands on the real binary: show, export, list --json/--status, delete, trash.

mod common;

use std::process::{Command, Output, Stdio};

use common::{AnswerTo, Sandbox, SessionBuilder};
use ownup::export::JsonSession;
use ownup::session::Session;
use ownup::store::SessionStore;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn session(id: &str, answer: &str, complete: bool) -> Session {
    let s = SessionBuilder::new(id)
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", answer)
        .answer("learn", "causes", "No check in CI.\nRushed.");
    if complete { s.complete() } else { s }.build()
}

/// Three sessions: two on the same day (so `20261121` is ambiguous) and one draft.
fn sandbox() -> (Sandbox, Vec<Session>) {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let sessions = vec![
        session("20261120-100000", "Missed the Q3 deadline", true),
        session("20261121-090000", "Harsh message to Sam", true),
        session("20261121-170000", "Deployed without the migration check", false),
    ];
    for s in &sessions {
        store.save(s).unwrap();
    }
    (sandbox, sessions)
}

#[test]
fn show_prints_markdown_for_an_id_or_a_unique_prefix() {
    let (sandbox, sessions) = sandbox();
    let full = sandbox.run(&["show", "20261120-100000"]);
    assert!(full.status.success(), "{}", stderr(&full));
    assert_eq!(stdout(&full), ownup::export::to_markdown(&sessions[0], false));
    assert!(stdout(&full).contains("# Missed the Q3 deadline\n"));
    let prefix = sandbox.run(&["show", "20261120"]);
    assert_eq!(stdout(&prefix), stdout(&full));
}

#[test]
fn show_explains_ambiguous_and_unknown_ids() {
    let (sandbox, _) = sandbox();
    let ambiguous = sandbox.run(&["show", "20261121"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    assert_eq!(
        stderr(&ambiguous),
        "ownup: 20261121 could be any of 20261121-090000, 20261121-170000 — give more of the id\n"
    );
    let unknown = sandbox.run(&["show", "1999"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        stderr(&unknown),
        "ownup: no session with the id 1999 — `ownup list` shows them all\n"
    );
}

#[test]
fn export_markdown_for_one_several_and_all() {
    let (sandbox, sessions) = sandbox();
    let one = sandbox.run(&["export", "20261120"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(stdout(&one), ownup::export::to_markdown(&sessions[0], false));

    let several = sandbox.run(&["export", "20261121-17", "20261120"]);
    assert_eq!(
        stdout(&several),
        ownup::export::to_markdown_all(&[sessions[2].clone(), sessions[0].clone()], false),
        "in the order asked"
    );
    // Front matter can only open a document: several sessions are named in their bylines
    // and kept apart by a rule.
    assert!(!stdout(&several).starts_with("---"), "{}", stdout(&several));
    assert_eq!(
        stdout(&several).matches("\n---\n").count(),
        1,
        "one rule between two"
    );

    let all = sandbox.run(&["export", "--all"]);
    let text = stdout(&all);
    let ids: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('*') && l.contains(" · started "))
        .filter_map(|l| l.split(" · ").nth(2))
        .collect();
    assert_eq!(
        ids,
        ["20261121-170000", "20261121-090000", "20261120-100000"],
        "newest first"
    );
}

#[test]
fn export_json_parses_back_to_the_same_sessions() {
    let (sandbox, sessions) = sandbox();
    let out = sandbox.run(&["export", "--all", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back: Vec<JsonSession> = serde_json::from_str(&stdout(&out)).unwrap();
    let expected: Vec<JsonSession> = sessions
        .iter()
        .rev()
        .map(|s| JsonSession::new(s, false))
        .collect();
    assert_eq!(back, expected);
    assert_eq!(back[0].answer_to("learn", "causes"), "No check in CI.\nRushed.");
    assert_eq!(back[0].status, "draft");
    assert_eq!(back[2].finished.as_deref(), Some("2026-11-20T10:00:00+01:00"));

    let one = sandbox.run(&["export", "20261121-09", "--format", "json"]);
    let back: Vec<JsonSession> = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(back, vec![JsonSession::new(&sessions[1], false)]);
}

#[test]
fn export_into_a_directory_writes_one_file_per_session() {
    let (sandbox, sessions) = sandbox();
    let dir = sandbox.home().join("out");
    std::fs::create_dir(&dir).unwrap();
    let out = sandbox.run(&[
        "export",
        "--all",
        "--format",
        "json",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("Exported 3 sessions to {}\n", dir.display())
    );
    for s in &sessions {
        let text = std::fs::read_to_string(dir.join(format!("{}.json", s.id))).unwrap();
        let back: JsonSession = serde_json::from_str(&text).unwrap();
        assert_eq!(back, JsonSession::new(s, false));
    }
    let md = sandbox.run(&["export", "20261120", "-o", dir.to_str().unwrap()]);
    assert!(md.status.success());
    let text = std::fs::read_to_string(dir.join("20261120-100000.md")).unwrap();
    assert_eq!(text, ownup::export::to_markdown(&sessions[0], false));

    let file = sandbox.home().join("all.md");
    let single = sandbox.run(&["export", "--all", "-o", file.to_str().unwrap()]);
    assert!(single.status.success());
    assert_eq!(
        std::fs::read_to_string(&file)
            .unwrap()
            .matches(" · started ")
            .count(),
        3
    );
}

#[test]
fn export_needs_sessions_and_a_bad_id_exports_nothing() {
    let (sandbox, _) = sandbox();
    let none = sandbox.run(&["export"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        stderr(&none),
        "ownup: name the sessions to export (see `ownup list`), or use --all\n"
    );
    let typo = sandbox.run(&["export", "20261120", "nope"]);
    assert_eq!(typo.status.code(), Some(1));
    assert_eq!(stdout(&typo), "");
}

#[test]
fn piping_into_head_does_not_panic() {
    let (sandbox, _) = sandbox();
    let bin = env!("CARGO_BIN_EXE_ownup");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{bin}' export --all | head -n 1; '{bin}' list | head -n 1"
        ))
        .env("OWNUP_HOME", sandbox.home())
        .env("OWNUP_NOW", common::NOW)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "# Deployed without the migration check\nID                 STARTED           STATUS      STEPS  TITLE\n"
    );
    assert_eq!(stderr(&out), "", "no panic, no error");
}

#[test]
fn list_prints_columns_json_and_filters_by_status() {
    let (sandbox, _) = sandbox();
    let out = sandbox.run(&["list"]);
    assert_eq!(
        stdout(&out),
        "ID                 STARTED           STATUS      STEPS  TITLE\n\
         20261121-170000    2026-11-20 10:00  draft       2/6    Deployed without the migration check\n\
         20261121-090000    2026-11-20 10:00  complete    2/6    Harsh message to Sam\n\
         20261120-100000    2026-11-20 10:00  complete    2/6    Missed the Q3 deadline\n"
    );
    let drafts = sandbox.run(&["list", "--status", "draft"]);
    assert_eq!(stdout(&drafts).lines().count(), 2);
    assert!(stdout(&drafts).contains("20261121-170000"));

    let json = sandbox.run(&["list", "--json", "--status", "complete"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "20261121-090000");
    assert_eq!(rows[0]["status"], "complete");
    assert_eq!(rows[0]["title"], "Harsh message to Sam");
    assert_eq!(rows[0]["script"], "own-it");
    assert_eq!(rows[0]["answered_steps"], 2);
    assert_eq!(rows[0]["total_steps"], 6);
    assert_eq!(rows[0]["started"], "2026-11-20T10:00:00+01:00");
}

#[test]
fn trash_lists_and_restores() {
    let (sandbox, _) = sandbox();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store.trash("20261120-100000").unwrap();
    let listed = sandbox.run(&["trash"]);
    assert_eq!(
        stdout(&listed),
        "20261120-100000    2026-11-20 10:00  Missed the Q3 deadline\n"
    );
    assert_eq!(stderr(&listed), "Bring one back with: ownup trash restore ID\n");
    assert!(!stdout(&sandbox.run(&["list"])).contains("20261120-100000"));
    let restored = sandbox.run(&["trash", "restore", "20261120"]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(stdout(&sandbox.run(&["list"])).contains("20261120-100000"));
    assert_eq!(stderr(&sandbox.run(&["trash"])), "The trash is empty.\n");
}

#[test]
fn export_share_leaves_out_private_answers_and_lists_each_action_once_with_its_status() {
    let sandbox = Sandbox::new(); // 22 November 2026
    let store = ownup::store::SessionStore::open(sandbox.home()).unwrap();
    let session = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer(
            "acknowledge",
            "what",
            "I deployed the billing change without the migration check. Invoices went out wrong.",
        )
        .answer(
            "acknowledge",
            "impact",
            "Forty customers got invoices with the old tax rate.",
        )
        .answer(
            "correct",
            "actions",
            "Add a migration check to CI — me — 2026-11-21\nWrite the runbook — Priya — 2026-12-09",
        )
        .answer("improve", "kind-word", "You are not your worst deploy.")
        .sync_commitments()
        .complete()
        .build();
    store.save(&session).unwrap();
    let out = sandbox.run(&["export", "20261120", "--share"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.starts_with("# I deployed the billing change without the migration check\n"),
        "{md}"
    );
    assert!(
        !md.contains("not your worst deploy"),
        "a private answer is never shared:\n{md}"
    );
    assert!(!md.contains("What would you say to a friend"), "{md}");
    assert!(md.contains("Forty customers"), "{md}");
    assert_eq!(
        md.matches("Add a migration check to CI").count(),
        1,
        "each action once:\n{md}"
    );
    assert!(
        md.contains("- [ ] Add a migration check to CI — owner: me — due 2026-11-21 — **overdue**"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] Write the runbook — owner: Priya — due 2026-12-09 — open"),
        "{md}"
    );
    // Sharing never includes private answers, so the two cannot be asked for together.
    let out = sandbox.run(&["export", "20261120", "--share", "--include-private"]);
    assert!(!out.status.success());
}

#[test]
fn delete_moves_a_session_to_the_trash_and_says_how_to_bring_it_back() {
    let (sandbox, _) = sandbox();
    let file = sandbox.sessions_dir().join("20261120-100000.ron");
    let bytes = std::fs::read(&file).unwrap();
    let deleted = sandbox.run(&["delete", "20261120"]);
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr(&deleted));
    assert_eq!(
        stderr(&deleted),
        "Moved 20261120-100000 (Missed the Q3 deadline) to the trash — bring it back with: ownup trash restore 20261120-100000\n"
    );
    assert!(!file.exists());
    let trashed = sandbox.home().join("trash/20261120-100000.ron");
    assert_eq!(std::fs::read(&trashed).unwrap(), bytes, "moved as it is");
    assert_eq!(
        stdout(&sandbox.run(&["trash"])),
        "20261120-100000    2026-11-20 10:00  Missed the Q3 deadline\n"
    );
    assert!(!stdout(&sandbox.run(&["list"])).contains("20261120-100000"));

    // And back, with the command it named.
    let restored = sandbox.run(&["trash", "restore", "20261120-100000"]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn delete_refuses_an_unknown_or_ambiguous_id_an_unreadable_file_and_a_session_open_elsewhere() {
    let (sandbox, _) = sandbox();
    let refused = |args: &[&str], message: &str| {
        let out = sandbox.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), format!("ownup: {message}\n"), "{args:?}");
        assert_eq!(stdout(&out), "");
    };
    refused(
        &["delete", "nosuch"],
        "no session with the id nosuch — `ownup list` shows them all",
    );
    refused(
        &["delete", "20261121"],
        "20261121 could be any of 20261121-090000, 20261121-170000 — give more of the id",
    );
    assert_eq!(sandbox.session_files().len(), 3, "nothing moved");

    let broken = sandbox.sessions_dir().join("20261125-100000.ron");
    std::fs::write(&broken, "Session(").unwrap();
    let out = sandbox.run(&["delete", "20261125-100000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!("ownup: {}:", broken.display()))
            && stderr(&out).ends_with(" — it is left as it is, not moved to the trash\n"),
        "{}",
        stderr(&out)
    );
    assert!(broken.exists());

    let mut tui = sandbox.spawn(&["resume", "20261121-170000"]);
    tui.wait_for("How are you feeling about it right now?");
    refused(
        &["delete", "20261121-170000"],
        "session 20261121-170000 is open in another ownup window — close it there first; nothing was changed",
    );
    assert!(sandbox.sessions_dir().join("20261121-170000.ron").exists());
    assert!(!sandbox.home().join("trash/20261121-170000.ron").exists());
    tui.send(common::CTRL_C);
    assert!(tui.wait_exit().success());
}
