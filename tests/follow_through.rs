//! Following through from the shell, on the real binary: `ownup commitments done|move|drop|add`
//! by id, and `ownup due`; what they change shows in `ownup commitments --json` and in the app,
//! and what they refuse changes nothing.

mod common;

use std::fs;
use std::process::Output;

use common::*;
use ownup::session::Session;
use ownup::store::SessionStore;

/// Saved on 18 November; its commitments: one due on the 20th, one on the 21st, one on
/// 1 December ([`NOW`] is 22 November).
const ID: &str = "20261118-090000";
/// Saved on 19 November, with one commitment due 30 November.
const OTHER: &str = "20261119-090000";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A finished own-it session `id`, started `started`, with `actions` as its corrective actions.
fn session(id: &str, started: &str, actions: &str) -> Session {
    SessionBuilder::new(id)
        .started(started)
        .answer(
            "acknowledge",
            "what",
            "I deployed on a Friday without the migration check.",
        )
        .answer("correct", "actions", actions)
        .sync_commitments()
        .complete()
        .build()
}

/// [`ID`] and [`OTHER`], saved; returns them as saved.
fn sandbox() -> (Sandbox, Session, Session) {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let first = session(
        ID,
        "2026-11-18T09:00:00+01:00",
        "Add a CI check — me — by Nov 21\nTell the team — Sam — by Nov 20\nWrite the runbook — me — by Dec 1",
    );
    let second = session(
        OTHER,
        "2026-11-19T09:00:00+01:00",
        "Pair on the next release — me — by Nov 30",
    );
    store.save(&first).unwrap();
    store.save(&second).unwrap();
    (sandbox, first, second)
}

/// The commitment ids of `session`, as text.
fn ids(session: &Session) -> Vec<String> {
    session.commitment_ids().iter().map(|id| id.to_string()).collect()
}

/// The bytes of every session file, to show that nothing changed.
fn files(sandbox: &Sandbox) -> Vec<(String, Vec<u8>)> {
    sandbox
        .session_files()
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect()
}

#[track_caller]
fn succeeds(sandbox: &Sandbox, args: &[&str]) -> Output {
    let out = sandbox.run(args);
    assert!(out.status.success(), "ownup {args:?} failed: {}", stderr(&out));
    out
}

/// Runs `ownup ARGS`, which must fail with `message` (after "ownup: ") and change no file.
#[track_caller]
fn refused(sandbox: &Sandbox, args: &[&str], message: &str) {
    let before = files(sandbox);
    let out = sandbox.run(args);
    assert_eq!(stderr(&out), format!("ownup: {message}\n"), "ownup {args:?}");
    assert_eq!(out.status.code(), Some(1), "ownup {args:?}");
    assert_eq!(stdout(&out), "");
    assert!(files(sandbox) == before, "ownup {args:?} changed a session file");
}

#[test]
fn done_move_and_drop_by_id_show_in_the_list_and_its_json() {
    let (sandbox, first, second) = sandbox();
    let [ci, team, runbook] = <[String; 3]>::try_from(ids(&first)).unwrap();
    let pair = &ids(&second)[0];

    let list = succeeds(&sandbox, &["commitments"]);
    assert_eq!(
        stdout(&list),
        format!(
            "ID        DUE         STATUS    OWNER     ACTION\n\
             {team}  2026-11-20  overdue   Sam       Tell the team  ({ID})\n\
             {ci}  2026-11-21  overdue   me        Add a CI check  ({ID})\n\
             {pair}  2026-11-30  open      me        Pair on the next release  ({OTHER})\n\
             {runbook}  2026-12-01  open      me        Write the runbook  ({ID})\n"
        )
    );
    let due = succeeds(&sandbox, &["due"]);
    assert_eq!(stdout(&due), "2 commitments due — ownup commitments --due\n");
    assert_eq!(stderr(&due), "");

    // Any unique start of an id will do, in either case.
    let done = succeeds(
        &sandbox,
        &[
            "commitments",
            "done",
            &ci[..5].to_uppercase(),
            "--note",
            "Merged.",
        ],
    );
    assert_eq!(
        stderr(&done),
        format!("Done: Add a CI check  ({ci}, session {ID})\n")
    );
    let moved = succeeds(
        &sandbox,
        &[
            "commitments",
            "move",
            &team,
            "--to",
            "friday",
            "--note",
            "waiting on\nthe team meeting",
        ],
    );
    assert_eq!(
        stderr(&moved),
        format!("Moved to Fri 27 Nov 2026: Tell the team  ({team}, session {ID})\n")
    );
    let dropped = succeeds(&sandbox, &["commitments", "drop", pair]);
    assert_eq!(
        stderr(&dropped),
        format!("Dropped: Pair on the next release  ({pair}, session {OTHER})\n")
    );
    // Nothing is due any more: `ownup due` says nothing at all.
    let due = succeeds(&sandbox, &["due"]);
    assert_eq!((stdout(&due), stderr(&due)), (String::new(), String::new()));

    let json = succeeds(&sandbox, &["commitments", "--all", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let by_id = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {rows:#}"))
            .clone()
    };
    let row = by_id(&ci);
    assert_eq!(row["status"], "done");
    assert_eq!(row["session"], ID);
    assert_eq!(row["history"][0]["outcome"], "done");
    assert_eq!(row["history"][0]["note"], "Merged.");
    assert_eq!(row["history"][0]["at"], NOW);
    let row = by_id(&team);
    assert_eq!(row["status"], "open");
    assert_eq!(row["due"], "2026-11-27");
    assert_eq!(row["overdue"], false);
    assert_eq!(row["history"][0]["outcome"], "not yet");
    assert_eq!(row["history"][0]["new_due"], "2026-11-27");
    assert_eq!(
        row["history"][0]["note"], "waiting on the team meeting",
        "a note is one line"
    );
    let row = by_id(pair);
    assert_eq!(row["status"], "dropped");
    assert_eq!(row["history"][0]["note"], "");
    assert_eq!(by_id(&runbook)["status"], "open");

    // The same commitment again: already settled, nothing changes.
    refused(
        &sandbox,
        &["commitments", "done", &ci],
        &format!("\"Add a CI check\" ({ci}) was marked done on 2026-11-22 — nothing was changed"),
    );
    refused(
        &sandbox,
        &["commitments", "move", pair, "--to", "tomorrow"],
        &format!(
            "\"Pair on the next release\" ({pair}) was marked dropped on 2026-11-22 — nothing was changed"
        ),
    );
    // A check-in is a check-in, as in the app: the session keeps no revision for it.
    assert!(!sandbox.home().join("revisions").exists());
}

#[test]
fn ambiguous_unknown_and_malformed_ids_are_explained_and_change_nothing() {
    let (sandbox, first, _) = sandbox();
    let ids = ids(&first);
    // Every commitment of a session shares the first three characters of its id.
    let start = &ids[0][..3];
    refused(
        &sandbox,
        &["commitments", "done", start],
        &format!(
            "{start} could be any of these — give more of the id:\n  \
             {}  open     Add a CI check  ({ID})\n  \
             {}  open     Tell the team  ({ID})\n  \
             {}  open     Write the runbook  ({ID})",
            ids[0], ids[1], ids[2]
        ),
    );
    let unknown = format!("{start}zzzzz");
    assert!(ids.iter().all(|id| *id != unknown));
    refused(
        &sandbox,
        &["commitments", "drop", &unknown],
        &format!(
            "no commitment has an id starting with {unknown} — `ownup commitments --all` shows them all"
        ),
    );
    for bad in ["tell-the-team", "7x9tmhv9x", " "] {
        refused(
            &sandbox,
            &["commitments", "done", bad],
            &format!(
                "\"{}\" is not a commitment id — ids are 8 letters and digits, as `ownup commitments` shows them",
                bad.trim_start()
            ),
        );
    }

    // A session that cannot be read may hold the commitment asked for: it is named.
    fs::write(
        sandbox.sessions_dir().join(format!("{ID}.ron")),
        "Session(version: 1, id: \"oops\"",
    )
    .unwrap();
    refused(
        &sandbox,
        &["commitments", "done", &ids[1]],
        &format!(
            "no commitment has an id starting with {} — `ownup commitments --all` shows them all; \
             it could be in a session that cannot be read ({ID}): `ownup list` says why",
            ids[1]
        ),
    );
}

#[test]
fn move_with_a_day_not_understood_or_gone_changes_nothing() {
    let (sandbox, first, _) = sandbox();
    let team = &ids(&first)[1];
    refused(
        &sandbox,
        &["commitments", "move", team, "--to", "someday"],
        "\"someday\" is not a date I understand — try friday, in 1 week or 2026-12-15; nothing was changed",
    );
    refused(
        &sandbox,
        &["commitments", "move", team, "--to", "today"],
        "\"today\" is Sun 22 Nov 2026 — give a day after today; nothing was changed",
    );
    let missing = sandbox.run(&["commitments", "move", team]);
    assert_eq!(missing.status.code(), Some(2), "--to is required");
    // Nothing was left locked either.
    succeeds(&sandbox, &["commitments", "move", team, "--to", "in 2 weeks"]);
}

#[test]
fn add_puts_the_line_in_the_newest_session_and_keeps_the_finished_text() {
    let (sandbox, _, second) = sandbox();
    let before = fs::read(sandbox.sessions_dir().join(format!("{OTHER}.ron"))).unwrap();

    let added = succeeds(
        &sandbox,
        &["commitments", "add", "Tell the client — Priya — tomorrow"],
    );
    let store = SessionStore::open(sandbox.home()).unwrap();
    let now = store.load(OTHER).unwrap();
    let id = ids(&now)[1].clone();
    assert_eq!(ids(&now)[0], ids(&second)[0], "the other id stays");
    let revision = sandbox
        .home()
        .join(format!("revisions/{OTHER}/20261122-234501.ron"));
    assert_eq!(
        stderr(&added),
        format!(
            "Added to session {OTHER}: Tell the client — Priya — by Mon 23 Nov 2026  ({id})\n\
             The finished session as it was is kept in {}\n",
            revision.display()
        )
    );
    assert_eq!(fs::read(&revision).unwrap(), before);
    assert_eq!(
        now.answer_to("correct", "actions"),
        "Pair on the next release — me — by Nov 30\nTell the client — Priya — tomorrow",
        "the answer and the commitments agree"
    );
    let c = &now.commitments[1];
    assert_eq!(
        (c.action.as_str(), c.owner.as_str(), c.by.as_str()),
        ("Tell the client", "Priya", "tomorrow")
    );
    assert_eq!(c.due.map(|d| d.to_string()).as_deref(), Some("2026-11-23"));
    assert_eq!(c.made.map(|d| d.to_string()).as_deref(), Some("2026-11-22"));
    assert_eq!(now.updated, time(NOW));

    // Into a session named by the start of its id; a by-when not understood is said.
    let undated = succeeds(
        &sandbox,
        &[
            "commitments",
            "add",
            "--session",
            "20261118",
            "Call the vendor — Sam — someday",
        ],
    );
    let now = store.load(ID).unwrap();
    let id = &ids(&now)[3];
    assert_eq!(
        stderr(&undated).lines().take(2).collect::<Vec<_>>(),
        [
            format!("Added to session {ID}: Call the vendor — Sam — \"someday\"  ({id})"),
            format!(
                "\"someday\" is not a date I understand, so it will not come up for a check-in — \
                 give it one with: ownup commitments move {id} --to WHEN"
            ),
        ]
    );
    let json = succeeds(&sandbox, &["commitments", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let row = rows.as_array().unwrap().iter().find(|r| r["id"] == *id).unwrap();
    assert_eq!(row["action"], "Call the vendor");
    assert_eq!(row["by"], "someday");
    assert!(row["due"].is_null(), "{row}");
    // The id shown can be used straight away.
    succeeds(&sandbox, &["commitments", "move", id, "--to", "Dec 4"]);
}

#[test]
fn add_refuses_what_it_cannot_add_and_changes_nothing() {
    let (sandbox, _, _) = sandbox();
    let store = SessionStore::open(sandbox.home()).unwrap();
    refused(
        &sandbox,
        &[
            "commitments",
            "add",
            "--session",
            OTHER,
            "Pair on the next release — me — monday",
        ],
        &format!("\"Pair on the next release\" is already a commitment of session {OTHER}"),
    );
    refused(
        &sandbox,
        &["commitments", "add", "One\nTwo"],
        "one commitment at a time: give one line (this one has a line break)",
    );
    refused(
        &sandbox,
        &["commitments", "add", "  "],
        "a commitment needs words: what — who — by when, e.g. \"Add a CI check — me — by Friday\"",
    );
    refused(
        &sandbox,
        &["commitments", "add", "--session", "2026111", "Tell the team"],
        "2026111 could be any of 20261118-090000, 20261119-090000 — give more of the id",
    );
    // The newest session follows a script without a commitments prompt: said, not worked around.
    let quick = ownup::script::Script::built_in("quick").unwrap();
    let newest = SessionBuilder::of_script(&quick, "20261122-080000")
        .started("2026-11-22T08:00:00+01:00")
        .answer("own-it", "what", "Sent the wrong invoice.")
        .build();
    store.save(&newest).unwrap();
    refused(
        &sandbox,
        &["commitments", "add", "Resend the invoice today"],
        "session 20261122-080000 follows the script \"quick\", which has no commitments prompt — \
         name another session with --session ID",
    );
    assert!(!sandbox.home().join("revisions").exists());
}

#[test]
fn add_with_no_session_at_all_says_how_to_start_one() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["commitments", "add", "Tell the team"]);
    assert_eq!(
        stderr(&out),
        "ownup: there is no session to add it to — start one with: ownup new\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn due_is_one_line_or_nothing_and_always_succeeds() {
    // No sessions at all, not even a data folder: nothing is said and nothing is made.
    let sandbox = Sandbox::new();
    let out = succeeds(&sandbox, &["due"]);
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));
    assert!(!sandbox.sessions_dir().exists(), "a prompt hook makes no folders");

    // Only a damaged file: nothing is due; the damage is for `ownup list` and doctor to report.
    fs::create_dir_all(sandbox.sessions_dir()).unwrap();
    fs::write(sandbox.sessions_dir().join("20261120-100000.ron"), "Session(").unwrap();
    let out = succeeds(&sandbox, &["due"]);
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));

    // One due beside it: counted.
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(&session(
            ID,
            "2026-11-18T09:00:00+01:00",
            "Add a CI check — me — by Nov 21\nWrite the runbook — me — by Dec 1",
        ))
        .unwrap();
    let out = succeeds(&sandbox, &["due"]);
    assert_eq!(stdout(&out), "1 commitment due — ownup commitments --due\n");
    assert_eq!(stderr(&out), "");

    // A day not yet come is not due.
    let mut sandbox = sandbox;
    sandbox.now = "2026-11-19T12:00:00+01:00".into();
    let out = succeeds(&sandbox, &["due"]);
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_check_in_and_a_commitment_added_from_the_shell_show_in_the_app() {
    let (sandbox, first, _) = sandbox();
    let ci = &ids(&first)[0];

    let mut tui = sandbox.spawn_sized(&[], 100, 40);
    tui.wait_for("2 commitments due — press c to check in");
    tui.send("q");
    assert!(tui.wait_exit().success());

    succeeds(
        &sandbox,
        &["commitments", "done", ci, "--note", "Merged the check."],
    );
    succeeds(
        &sandbox,
        &[
            "commitments",
            "add",
            "--session",
            ID,
            "Tell the client — Priya — by 2026-11-21",
        ],
    );

    let mut tui = sandbox.spawn_sized(&[], 100, 40);
    // One done, one added already overdue: still two, not the same two.
    tui.wait_for("Sessions (2)");
    tui.send("c");
    let screen = tui.wait_for("1 of 2");
    assert!(screen.contains("Tell the team"), "{screen}");
    tui.send("s");
    let screen = tui.wait_for("2 of 2");
    assert!(screen.contains("Tell the client"), "{screen}");
    assert!(!screen.contains("Add a CI check"), "{screen}");
    tui.send(ESC);
    tui.wait_for("2 commitments due — press c to check in");

    // The session's page shows the check-in and the new line.
    tui.send(&format!("{}{ENTER}", "\x1b[B")); // down to the older session, and open it
    tui.wait_for("What happened, in plain words?");
    tui.send("G");
    let page = tui.wait_for("2026-11-22 done: Merged the check.");
    assert!(
        page.contains("✓ Add a CI check · me · by 2026-11-21 · done"),
        "{page}"
    );
    assert!(
        page.contains("○ Tell the client · Priya · by 2026-11-21 · open"),
        "{page}"
    );
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_session_open_in_the_app_is_not_changed_from_the_shell() {
    let (sandbox, first, _) = sandbox();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let draft = SessionBuilder::new("20261122-100000")
        .started("2026-11-22T10:00:00+01:00")
        .answer("correct", "actions", "Write a postmortem — me — by Nov 20")
        .sync_commitments()
        .build();
    store.save(&draft).unwrap();
    let postmortem = &ids(&draft)[0];

    let mut tui = sandbox.spawn(&["resume", "20261122-100000"]);
    tui.wait_for("How are you feeling about it right now?");
    let held = "session 20261122-100000 is open in another ownup window — close it there first; \
                nothing was changed";
    refused(&sandbox, &["commitments", "done", postmortem], held);
    refused(
        &sandbox,
        &[
            "commitments",
            "add",
            "--session",
            "20261122-100000",
            "Tell the team",
        ],
        held,
    );
    // Other sessions can be checked in on meanwhile.
    succeeds(&sandbox, &["commitments", "drop", &ids(&first)[2]]);
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    succeeds(&sandbox, &["commitments", "done", postmortem]);

    // An app on its check-in screen has the check-ins to itself.
    let mut tui = sandbox.spawn(&[]);
    tui.wait_for("You have a draft from just now");
    tui.send(ESC);
    tui.wait_until("the offer put away", |s| !s.contains("Welcome back"));
    tui.wait_for("2 commitments due — press c to check in");
    tui.send("c");
    tui.wait_for("1 of 2");
    let busy = "checking in is open in another ownup window — finish there first; nothing was changed";
    refused(&sandbox, &["commitments", "done", &ids(&first)[0]], busy);
    refused(&sandbox, &["commitments", "add", "Tell the team again"], busy);
    tui.send(ESC);
    tui.wait_for("2 commitments due — press c to check in");
    succeeds(&sandbox, &["commitments", "done", &ids(&first)[0]]);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// `done --on` records the day it was actually done: in the history, the JSON and the time to
/// done that stats report; a day that cannot have been (after today, or not a date) changes
/// nothing.
#[test]
fn done_on_another_day_is_recorded_as_that_day() {
    let (sandbox, first, _) = sandbox();
    let id = &ids(&first)[0];
    let before = files(&sandbox);
    // Made Nov 18 (the session's day): Nov 17 is before it existed.
    let out = sandbox.run(&["commitments", "done", id, "--on", "nov 17"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot have been done on Tue 17 Nov 2026"),
        "{}",
        stderr(&out)
    );
    for bad in ["tomorrow", "in 3 days", "soon"] {
        let out = sandbox.run(&["commitments", "done", id, "--on", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&out).contains("is not a day it could have been done"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(files(&sandbox), before, "nothing changed");
    let out = succeeds(&sandbox, &["commitments", "done", id, "--on", "nov 20"]);
    assert!(
        stderr(&out).starts_with("Done on Fri 20 Nov 2026: Add a CI check"),
        "{}",
        stderr(&out)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&succeeds(&sandbox, &["commitments", "--all", "--json"]).stdout).unwrap();
    let done = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert_eq!(done["status"], "done");
    assert_eq!(done["history"][0]["done_on"], "2026-11-20");
    // Made Nov 18, done Nov 20: two days, whenever it was checked in.
    let stats = stdout(&succeeds(&sandbox, &["stats"]));
    assert!(stats.contains("Median time to done: 2 days"), "{stats}");
}
