//! Nothing hostile reaches the terminal: escape sequences in an answer, a script's title and a
//! file name are shown escaped by every command and drawn inert by the app, JSON stays exact,
//! and Markdown keeps its structure whatever the answers say.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::process::Output;

use common::*;
use ownup::session::Session;
use ownup::store::{SessionStore, to_ron};

/// Sets the window title.
const TITLE: &str = "\x1b]0;pwned\x07";
/// Writes "pwned" to the clipboard.
const CLIPBOARD: &str = "\x1b]52;c;cHduZWQ=\x07";
/// Clears the screen.
const CLEAR: &str = "\x1b[2JCLEARED";
/// Opens a hyperlink and never closes it.
const LINK: &str = "\x1b]8;;https://evil.example\x1b\\click";
/// A one-character CSI (C1), setting red.
const C1_CSI: &str = "\u{9b}31mRED";
/// Shows the rest of the line right to left ("Trojan Source").
const BIDI: &str = "\u{202e}txt.exe";

const HOSTILE_ID: &str = "20261122-100000";
const CUT_ID: &str = "20261121-100000";
const TRASHED_ID: &str = "20261120-100000";
const COMMITTED_ID: &str = "20261119-100000";
/// A file name with an escape sequence in it (its id does not match what is inside).
const BAD_NAME: &str = "20261118-100000\x1b]0;name\x07";

fn hostile_answer() -> String {
    format!(
        "It went wrong {TITLE} then {CLIPBOARD} and {CLEAR} with {LINK} and {C1_CSI} {BIDI} end\n\
         # Injected heading\n---\n```\nthe rest"
    )
}

fn session(id: &str, answer: &str) -> Session {
    a_session(id, answer).complete().build()
}

/// A session started on 21 November, answering what happened with `answer`.
fn a_session(id: &str, answer: &str) -> SessionBuilder {
    SessionBuilder::new(id)
        .started("2026-11-21T10:00:00+01:00")
        .answer("acknowledge", "what", answer)
}

/// A data dir with a hostile answer, a title cut inside an escape sequence, a hostile session in
/// the trash, a hostile commitment, a file with a hostile name and a script with a hostile title.
fn hostile_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store.save(&session(HOSTILE_ID, &hostile_answer())).unwrap();
    // 50 letters, then a title sequence the 60-character title ends inside.
    let cut = format!("{}\x1b]0;cut in half\x07", "a".repeat(50));
    store.save(&session(CUT_ID, &cut)).unwrap();
    store
        .save(&session(TRASHED_ID, &format!("Trashed {TITLE}")))
        .unwrap();
    store.trash(TRASHED_ID).unwrap();
    let committed = a_session(COMMITTED_ID, "A commitment")
        .answer(
            "correct",
            "actions",
            format!("Fix it {TITLE} — me {CLIPBOARD} — by Friday"),
        )
        .sync_commitments()
        .complete()
        .build();
    assert_eq!(committed.commitments.len(), 1);
    store.save(&committed).unwrap();
    fs::write(
        sandbox.sessions_dir().join(format!("{BAD_NAME}.ron")),
        to_ron(&session("20261118-100000", "fine")).unwrap(),
    )
    .unwrap();
    let scripts = sandbox.home().join("scripts");
    fs::create_dir_all(&scripts).unwrap();
    // Raw control characters in RON strings, as a shared script could have them.
    let link = LINK.replace('\\', "\\\\");
    fs::write(
        scripts.join("evil.ron"),
        format!(
            "Script(name: \"evil\", title: \"Evil {TITLE} {CLIPBOARD}{BIDI}\", steps: [\n\
             Step(id: \"a\", title: \"A {CLEAR}\", prompts: [Prompt(id: \"b\", ask: \"Why {link}?\")]),\n])\n"
        ),
    )
    .unwrap();
    sandbox
}

/// Fails if `bytes` hold an ESC or a C1 control (U+0080–U+009F, 0xC2 0x80–0x9F in UTF-8).
#[track_caller]
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!bytes.contains(&0x1b), "ESC in {what}:\n{text}");
    assert!(
        !bytes
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])),
        "a C1 control in {what}:\n{text}"
    );
}

/// Runs `ownup ARGS`, checks that nothing it printed could drive a terminal, and returns
/// standard output and standard error.
#[track_caller]
fn run_inert(sandbox: &Sandbox, args: &[&str]) -> (String, String, Output) {
    let out = sandbox.run(args);
    assert_inert(&out.stdout, &format!("the output of {args:?}"));
    assert_inert(&out.stderr, &format!("the errors of {args:?}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out,
    )
}

const TITLE_SHOWN: &str = "^[]0;pwned^G";
const CLIPBOARD_SHOWN: &str = "^[]52;c;cHduZWQ=^G";
const BAD_NAME_SHOWN: &str = "20261118-100000^[]0;name^G";

#[test]
fn list_shows_titles_and_file_names_escaped() {
    let sandbox = hostile_sandbox();
    let (out, err, status) = run_inert(&sandbox, &["list"]);
    assert!(status.status.success(), "{err}");
    assert!(
        out.contains(&format!("It went wrong {TITLE_SHOWN} then ^[]52;c;")),
        "{out}"
    );
    // The title ends inside the sequence: what is left of it is still escaped.
    assert!(out.contains(&format!("{}^[]0;cut…", "a".repeat(50))), "{out}");
    let bad = out
        .lines()
        .find(|l| l.starts_with(BAD_NAME_SHOWN))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(bad.contains("unreadable"), "{bad}");
    assert!(
        bad.contains(&format!("sessions/{BAD_NAME_SHOWN}.ron:1:1: the id inside")),
        "{bad}"
    );
}

#[test]
fn show_and_markdown_export_escape_controls_and_structure() {
    let sandbox = hostile_sandbox();
    let expected = format!(
        "### What happened, in plain words?\n\n\
         It went wrong {TITLE_SHOWN} then {CLIPBOARD_SHOWN} and ^[[2JCLEARED with \
         ^[]8;;https://evil.example^[\\click and <U+009B>31mRED <U+202E>txt.exe end\n\
         \\# Injected heading\n\\---\n\\```\nthe rest\n\n"
    );
    let (shown, err, status) = run_inert(&sandbox, &["show", HOSTILE_ID]);
    assert!(status.status.success(), "{err}");
    assert!(shown.contains(&expected), "{shown}");
    let (exported, _, _) = run_inert(&sandbox, &["export", HOSTILE_ID]);
    assert_eq!(exported, shown);
    let (all, _, _) = run_inert(&sandbox, &["export", "--all"]);
    assert!(all.contains(&expected), "{all}");
}

#[test]
fn a_markdown_file_keeps_the_exact_text_and_json_stays_exact() {
    let sandbox = hostile_sandbox();
    let file = sandbox.home().join("out.md");
    let (_, err, status) = run_inert(
        &sandbox,
        &["export", HOSTILE_ID, "--output", file.to_str().unwrap()],
    );
    assert!(status.status.success(), "{err}");
    let md = fs::read_to_string(&file).unwrap();
    assert!(
        md.contains(&format!(
            "It went wrong {TITLE} then {CLIPBOARD} and {CLEAR} with {LINK} and {C1_CSI} {BIDI} end\n\
             \\# Injected heading\n\\---\n\\```\nthe rest\n\n"
        )),
        "{md:?}"
    );

    let out = sandbox.run(&["export", HOSTILE_ID, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["steps"][0]["prompts"][0]["answer"], hostile_answer());
    let out = sandbox.run(&["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hostile = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == HOSTILE_ID)
        .unwrap();
    assert_eq!(hostile["title"], session(HOSTILE_ID, &hostile_answer()).title());
    assert!(rows.as_array().unwrap().iter().any(|r| r["id"] == BAD_NAME));
}

#[test]
fn script_list_and_check_escape_script_text() {
    let sandbox = hostile_sandbox();
    let (out, err, status) = run_inert(&sandbox, &["script", "list"]);
    assert!(status.status.success(), "{err}");
    let evil = out
        .lines()
        .find(|l| l.starts_with("evil "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        evil.contains(&format!("Evil {TITLE_SHOWN} {CLIPBOARD_SHOWN}<U+202E>txt.exe")),
        "{evil}"
    );
    let (out, _, _) = run_inert(&sandbox, &["script", "check", "evil"]);
    assert_eq!(out, "ok: evil: 1 step, 1 prompt\n");

    // A broken script quotes the file: the quote is escaped too.
    let broken = sandbox.home().join("broken.ron");
    fs::write(&broken, format!("Script(name: \"x\", {TITLE}: 1)")).unwrap();
    let (out, _, status) = run_inert(&sandbox, &["script", "check", broken.to_str().unwrap()]);
    assert_eq!(status.status.code(), Some(1));
    assert!(out.starts_with(&format!("{}:1:", broken.display())), "{out}");
}

#[test]
fn trash_doctor_commitments_and_stats_escape_too() {
    let sandbox = hostile_sandbox();
    let (out, _, _) = run_inert(&sandbox, &["trash"]);
    assert!(
        out.contains(&format!(
            "{TRASHED_ID}    2026-11-21 10:00  Trashed {TITLE_SHOWN}"
        )),
        "{out}"
    );
    let (out, _, status) = run_inert(&sandbox, &["doctor"]);
    assert_eq!(
        status.status.code(),
        Some(1),
        "an unreadable file makes doctor fail"
    );
    assert!(
        out.contains(&format!(
            "unreadable  {}",
            sandbox.sessions_dir().join(BAD_NAME_SHOWN).display()
        )),
        "{out}"
    );
    let (out, _, _) = run_inert(&sandbox, &["commitments"]);
    assert!(out.contains(&format!("Fix it {TITLE_SHOWN}")), "{out}");
    assert!(out.contains(&format!("me {CLIPBOARD_SHOWN}")), "{out}");
    let (out, _, status) = run_inert(&sandbox, &["stats"]);
    assert!(status.status.success(), "{out}");
}

#[test]
fn error_messages_escape_what_they_quote() {
    let sandbox = hostile_sandbox();
    let (_, err, status) = run_inert(&sandbox, &["show", &format!("x{TITLE}")]);
    assert_eq!(status.status.code(), Some(1));
    assert_eq!(
        err,
        format!("ownup: no session with the id x{TITLE_SHOWN} — `ownup list` shows them all\n")
    );
    let (_, err, status) = run_inert(&sandbox, &["commitments", "done", &format!("x{TITLE}")]);
    assert_eq!(status.status.code(), Some(1));
    assert_eq!(
        err,
        format!(
            "ownup: \"x{TITLE_SHOWN}\" is not a commitment id — ids are 8 letters and digits, as \
             `ownup commitments` shows them\n"
        )
    );
    let (_, err, _) = run_inert(
        &sandbox,
        &[
            "commitments",
            "add",
            "--session",
            COMMITTED_ID,
            &format!("Fix it {TITLE} — me — by Friday"),
        ],
    );
    assert_eq!(
        err,
        format!("ownup: \"Fix it {TITLE_SHOWN}\" is already a commitment of session {COMMITTED_ID}\n")
    );
    let (_, err, _) = run_inert(&sandbox, &["new", "--script", &format!("nope{CLIPBOARD}")]);
    assert!(
        err.starts_with(&format!("ownup: no script named \"nope{CLIPBOARD_SHOWN}\"")),
        "{err}"
    );
}

/// What the terminal was asked to do besides drawing: titles, clipboard, other OSC commands.
#[derive(Default)]
struct Effects(Vec<String>);

impl vt100::Callbacks for Effects {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(format!("title {}", String::from_utf8_lossy(title)));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0
            .push(format!("icon name {}", String::from_utf8_lossy(name)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.0
            .push(format!("clipboard {}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.0.push(format!("osc {}", params.join(";")));
    }
}

/// Replays what ownup wrote to the terminal and returns every non-drawing effect it asked for.
fn effects(transcript: &[u8]) -> Vec<String> {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new_with_callbacks(size(24), size(80), 0, Effects::default());
    parser.process(transcript);
    std::mem::take(&mut parser.callbacks_mut().0)
}

#[track_caller]
fn assert_no_effects(tui: &Tui) {
    let transcript = tui.transcript();
    assert_eq!(effects(&transcript), Vec::<String>::new());
    assert!(
        !transcript.windows(2).any(|w| w == b"\x1b]"),
        "an OSC was written"
    );
    assert!(
        !transcript
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])),
        "a C1 control was written"
    );
    assert!(
        !transcript.windows(3).any(|w| w == "\u{202e}".as_bytes()),
        "a bidi override was written"
    );
}

#[test]
fn the_app_draws_hostile_text_inert() {
    let sandbox = hostile_sandbox();
    let mut tui = sandbox.spawn_sized(&[], 120, 30);
    let home = tui.wait_for("Sessions (");
    // The sequences lose their ESC and BEL and become plain text.
    assert!(home.contains("It went wrong ]0;pwned then ]52;c;"), "{home}");
    assert!(home.contains(&format!("{}]0;cut…", "a".repeat(50))), "{home}");

    tui.send(ENTER);
    let page = tui.wait_for("CLEARED");
    assert!(
        page.contains("[2JCLEARED with ]8;;https://evil.example\\click\n"),
        "{page}"
    );
    assert!(page.contains("and 31mRED txt.exe end"), "{page}");
    // The screen was not cleared under the page: its header and keys are still drawn.
    assert!(page.contains("What happened, in plain words?"), "{page}");
    let transcript = tui.transcript();
    assert!(
        !transcript.windows(12).any(|w| w == b"\x1b[2JCLEARED"),
        "the clear went through"
    );

    tui.send(ESC);
    tui.wait_for("Sessions (");
    tui.send("n");
    let picker = tui.wait_for("Evil");
    assert!(picker.contains("Evil ]0;pwned ]52;c;cHduZWQ=txt.exe"), "{picker}");
    // Start it: its title heads every screen of the session, drawn as a line of its own.
    tui.send(&"\x1b[B".repeat(8));
    tui.send(ENTER);
    let writing = tui.wait_for("Why ]8;;");
    assert!(
        writing.contains("ownup · Evil ]0;pwned ]52;c;cHduZWQ=txt.exe"),
        "{writing}"
    );
    assert!(writing.contains("A [2JCLEARED"), "{writing}");
    tui.send(ESC);
    tui.wait_for("Sessions (");
    tui.send("q");
    tui.wait_exit();
    tui.assert_terminal_restored();
    assert_no_effects(&tui);
    let screen = tui.screen();
    assert!(
        !screen.contains("pwned"),
        "left on the terminal after quitting:\n{screen}"
    );
}

#[test]
fn commands_in_a_terminal_set_no_title_and_touch_no_clipboard() {
    let sandbox = hostile_sandbox();
    // Each command with the last thing it prints.
    let commands: [(&[&str], &str); 5] = [
        (&["list"], "rename the file to 20261118-100000.ron"),
        (&["show", HOSTILE_ID], "## 6. Improve"),
        (&["script", "list"], "evil.ron"),
        (&["trash"], "ownup trash restore ID"),
        (&["doctor"], "some files need attention"),
    ];
    for (args, last) in commands {
        let mut tui = sandbox.spawn_sized(args, 200, 24);
        tui.wait_exit();
        // The last bytes may still be on their way through the pty.
        eventually(&format!("{last:?} from {args:?}"), || {
            String::from_utf8_lossy(&tui.transcript()).contains(last)
        });
        assert_no_effects(&tui);
        assert!(!tui.transcript().contains(&0x1b), "ESC from {args:?}");
    }
}

#[test]
fn a_bad_argument_is_echoed_inert_in_a_colour_terminal() {
    // clap quotes a bad argument in its error; in colour, it would pass the sequence through.
    let sandbox = Sandbox::new().with_colour();
    let mut tui = sandbox.spawn(&[&format!("--bo{TITLE}gus")]);
    let screen = tui.wait_for("' found");
    assert!(
        screen.contains("error: unexpected argument '--bogus' found"),
        "{screen}"
    );
    assert!(tui.wait_exit().exit_code() == 2);
    assert_no_effects(&tui);
}

#[test]
fn a_line_break_in_a_name_or_title_cannot_forge_a_line_of_output() {
    let sandbox = Sandbox::new();
    let scripts = sandbox.home().join("scripts");
    fs::create_dir_all(&scripts).unwrap();
    fs::write(
        scripts.join("forged.ron"),
        r#"Script(name: "forged", title: "Forged\nok: all scripts fine", steps: [Step(id: "a", title: "A", prompts: [Prompt(id: "p", ask: "Q?")])])"#,
    )
    .unwrap();
    let out = sandbox.run(&["script", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.lines().any(|l| l.starts_with("ok: all scripts fine")),
        "{text}"
    );
    assert!(text.contains("Forged^Jok: all scripts fine"), "{text}");
    let names = OsStr::from_bytes(b"20261122-1\nfake.ron");
    fs::create_dir_all(sandbox.sessions_dir()).unwrap();
    fs::write(sandbox.sessions_dir().join(names), "not a session").unwrap();
    let list = String::from_utf8_lossy(&sandbox.run(&["list"]).stdout).into_owned();
    assert_eq!(list.lines().count(), 2, "the header and one row:\n{list}");
}
