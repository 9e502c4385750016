//! `ownup new --editor` and `ownup resume --editor` on the real binary, with fake editors
//! (shell scripts) standing in for the person: the answers on disk exactly as written, a
//! heading of one's own kept, an editor that fails or is missing, a file left unchanged or
//! emptied, a number written in words, a draft gone on with, and a signal while the editor is
//! open.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Output;

use common::*;
use ownup::export::JsonSession;
use ownup::script::Script;
use ownup::session::{Session, Status};
use ownup::store::{SessionStore, load_file};

const ID: &str = "20261122-234501";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `text` as one shell word.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` as an awk `-v` value, which reads backslash escapes.
fn awk_value(text: &str) -> String {
    sh_quote(&text.replace('\\', r"\\").replace('\n', r"\n"))
}

/// Shell for a fake editor: writes `text` as new lines right under the line `heading` of "$1".
fn write_under(heading: &str, text: &str) -> String {
    format!(
        "awk -v h={} -v t={} '{{ print }} $0 == h {{ print t }}' \"$1\" > \"$1.new\" && cat \"$1.new\" > \"$1\" && rm \"$1.new\"\n",
        awk_value(heading),
        awk_value(text)
    )
}

/// Shell for a fake editor: writes `text` under the `n`th line `heading` (from 1) of "$1".
fn write_under_nth(heading: &str, n: usize, text: &str) -> String {
    format!(
        "awk -v h={} -v t={} '{{ print }} $0 == h {{ seen++; if (seen == {n}) print t }}' \"$1\" > \"$1.new\" && cat \"$1.new\" > \"$1\" && rm \"$1.new\"\n",
        awk_value(heading),
        awk_value(text)
    )
}

/// Shell for a fake editor: adds `text` as lines at the end of "$1".
fn append(text: &str) -> String {
    format!("printf '%s\\n' {} >> \"$1\"\n", sh_quote(text))
}

/// Makes `body` the editor (a shell script given the file as $1), as $EDITOR. Each run first
/// copies the file it was given to `seen-N.md` in the sandbox (N from 1), for [`seen`].
fn fake_editor(sandbox: &mut Sandbox, body: &str) {
    let dir = sandbox.home().display().to_string();
    let path = sandbox.home().join("fake-editor");
    let script = format!(
        "#!/bin/sh\nn=1\nwhile [ -e {dir}/seen-$n.md ]; do n=$((n+1)); done\ncp \"$1\" {dir}/seen-$n.md\n{body}"
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    sandbox
        .extra_env
        .push(("EDITOR".into(), path.display().to_string()));
}

/// What the editor was given the `n`th time it ran.
#[track_caller]
fn seen(sandbox: &Sandbox, n: usize) -> String {
    std::fs::read_to_string(sandbox.home().join(format!("seen-{n}.md")))
        .unwrap_or_else(|err| panic!("the editor did not run {n} times: {err}"))
}

/// The editor's files left beside the sessions.
fn left_for_the_editor(sandbox: &Sandbox) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(sandbox.sessions_dir()) else {
        return vec![];
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".edit-"))
        .collect();
    found.sort();
    found
}

/// The one session on disk.
#[track_caller]
fn only_session(sandbox: &Sandbox) -> Session {
    let files = sandbox.session_files();
    assert_eq!(files.len(), 1, "one session file: {files:?}");
    load_file(&files[0]).expect("a readable session")
}

/// Session `ID` as `ownup export --json` gives it.
#[track_caller]
fn exported(sandbox: &Sandbox) -> JsonSession {
    let out = sandbox.run(&["export", ID, "--format", "json", "--include-private"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut sessions: Vec<JsonSession> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sessions.len(), 1);
    sessions.remove(0)
}

#[test]
fn a_whole_session_written_in_the_editor_is_saved_with_a_heading_of_your_own_kept() {
    let mut sandbox = Sandbox::new();
    let body = [
        write_under("### What happened?", "I sent the client last month's figures."),
        write_under(
            "### What will you say, and what will you do to put it right?",
            "That was my mistake; I have sent the right ones.",
        ),
        write_under(
            "### When this situation comes up again, what will you do?",
            "When I send numbers to a client, I will check them against the report first.",
        ),
        append("## My own notes\nI was tired, and rushed.\n  # Not a title either"),
    ]
    .concat();
    fake_editor(&mut sandbox, &body);
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // The editor was given the questions as headings, the guidance in comments.
    let document = seen(&sandbox, 1);
    assert!(
        document.starts_with("# A quick own-up\n<!--\nWrite your answers under the questions"),
        "{document}"
    );
    assert!(
        document.contains("\n## Own it\n<!-- Small slips deserve a small, honest look. Say what happened and your part in it. -->\n\n### What happened?\n<!-- Needed to finish. One or two sentences"),
        "{document}"
    );
    assert!(
        document
            .contains("\n### How big was the impact on the people affected?\n<!--\nA number from 1 to 5.\n"),
        "{document}"
    );

    // Saved exactly as written, finished (both needed questions answered), the heading of
    // one's own in the answer above it.
    let json = exported(&sandbox);
    assert_eq!(json.status, "complete");
    assert_eq!(
        json.answer_to("own-it", "what"),
        "I sent the client last month's figures."
    );
    assert_eq!(
        json.answer_to("make-it-right", "repair"),
        "That was my mistake; I have sent the right ones."
    );
    assert_eq!(
        json.answer_to("prevent-it", "when-then"),
        "When I send numbers to a client, I will check them against the report first.\n\n## My own notes\nI was tired, and rushed.\n  # Not a title either"
    );
    assert_eq!(json.answer_to("own-it", "size"), "");
    assert_eq!(json.answer_to("make-it-right", "told"), "");
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.commitments.len(), 1, "{:?}", session.commitments);
    assert_eq!(
        session.commitments[0].describe(),
        "When I send numbers to a client, check them against the report first"
    );

    // The same summary as plain mode; where the heading went, said.
    let path = sandbox.sessions_dir().join(format!("{ID}.ron"));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("\nFinished, and saved to {}.\n", path.display())),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "Commitments:\n  1. When I send numbers to a client, check them against the report first: me.\nTo read it again: ownup show {ID}\n"
        )),
        "{text}"
    );
    assert_eq!(
        stderr(&out),
        "ownup: \"## My own notes\" is not one of the questions; it is kept, with the text under it, in the answer to \"When this situation comes up again, what will you do?\"\n\
         ownup: \"# Not a title either\" is not one of the questions; it is kept, with the text under it, in the answer to \"When this situation comes up again, what will you do?\"\n"
    );
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
}

#[test]
fn a_session_short_of_a_needed_answer_is_kept_as_a_draft_that_says_how_to_go_on() {
    let mut sandbox = Sandbox::new();
    fake_editor(
        &mut sandbox,
        &write_under("### What happened?", "Sent the wrong figures."),
    );
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: your answers are kept in the draft {ID}; still needed to finish: \"What will you say, and what will you do to put it right?\" — to go on: ownup resume --editor {ID} (or in the app: ownup resume {ID})\n"
        )
    );
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Draft);
    assert_eq!(session.answer_to("own-it", "what"), "Sent the wrong figures.");
    // The draft opens at the question still needed.
    assert_eq!(
        session.position,
        session.prompt_at("make-it-right", "repair").unwrap()
    );
}

#[test]
fn an_editor_that_fails_after_writing_saves_nothing_and_keeps_the_file() {
    let mut sandbox = Sandbox::new();
    let body = format!(
        "{}exit 1\n",
        write_under("### What happened?", "Words I want back.")
    );
    fake_editor(&mut sandbox, &body);
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let kept = left_for_the_editor(&sandbox);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: your editor ({}) ended with status 1, so no session was saved; what you wrote is kept in {}\n",
            sandbox.home().join("fake-editor").display(),
            kept[0].display()
        )
    );
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(
        text.contains("### What happened?\nWords I want back.\n"),
        "{text}"
    );
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the kept file stays private");
    assert!(sandbox.session_files().is_empty(), "no session saved");
}

#[test]
fn an_editor_that_fails_without_writing_leaves_nothing_behind() {
    let mut sandbox = Sandbox::new();
    fake_editor(&mut sandbox, "exit 3\n");
    let out = sandbox.run(&["new", "--editor"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: your editor ({}) ended with status 3, so no session was saved\n",
            sandbox.home().join("fake-editor").display()
        )
    );
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
    assert!(sandbox.session_files().is_empty());
}

#[test]
fn the_default_script_with_its_two_check_ins_and_a_commitment() {
    let mut sandbox = Sandbox::new();
    let feeling = "### How are you feeling about it right now?";
    let body = [
        write_under_nth(feeling, 1, "2 heavy"),
        write_under(
            "### What happened, in plain words?",
            "I deployed without the migration check.",
        ),
        write_under(
            "### What exactly do you take responsibility for?",
            "Shipping without checking the migration.",
        ),
        write_under("### How will you make it right?", "Fix the data by Monday."),
        write_under(
            "### Which corrective actions will you take? Give each an owner and a by-when.",
            "Add a migration check to CI — me — by Friday",
        ),
        write_under_nth(feeling, 2, "fairly steady"),
    ]
    .concat();
    fake_editor(&mut sandbox, &body);
    let out = sandbox.run(&["new", "--editor"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let session = only_session(&sandbox);
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.answer_to("acknowledge", "feeling-start"), "2");
    assert_eq!(session.answer_to("improve", "feeling-end"), "4");
    assert_eq!(
        session.answer_to("correct", "actions"),
        "Add a migration check to CI — me — by Friday"
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "\nHow you felt about it (private): heavy (2) at the start, fairly steady (4) at the end.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nCommitments:\n  1. Add a migration check to CI: me, by Friday 27 November 2026.\n"),
        "{text}"
    );
}

#[test]
fn a_file_that_cannot_be_read_as_text_is_kept_and_nothing_saved() {
    for (body, why) in [
        (
            "printf 'caf\\351\\n' >> \"$1\"\n",
            "your editor saved text that is not UTF-8",
        ),
        (
            "head -c 17000000 /dev/zero | tr '\\0' 'x' >> \"$1\"\n",
            "your editor saved more than 16 MB",
        ),
    ] {
        let mut sandbox = Sandbox::new();
        fake_editor(&mut sandbox, body);
        let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
        assert_eq!(out.status.code(), Some(1), "{why}");
        let kept = left_for_the_editor(&sandbox);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "ownup: {why}, so no session was saved; what you wrote is kept in {}\n",
                kept[0].display()
            )
        );
        assert!(sandbox.session_files().is_empty(), "{why}");
    }
}

#[test]
fn a_missing_editor_is_named_and_nothing_is_saved() {
    let mut sandbox = Sandbox::new();
    sandbox.extra_env.push(("EDITOR".into(), "/nonexistent".into()));
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert_eq!(out.status.code(), Some(1));
    // The shell says so first, in its own words; then ownup.
    let said = stderr(&out);
    assert!(
        said.ends_with(
            "\nownup: your editor (/nonexistent) was not found (set $VISUAL or $EDITOR), so no session was saved\n"
        ),
        "{said}"
    );
    assert_eq!(said.lines().count(), 2, "{said}");
    assert_eq!(stdout(&out), "");
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
    assert!(sandbox.session_files().is_empty());
}

#[test]
fn a_file_left_as_it_was_or_emptied_saves_nothing() {
    let mut sandbox = Sandbox::new();
    // A person who looks and closes it takes a moment (one quicker is an editor that went on
    // in the background: see below).
    fake_editor(&mut sandbox, "sleep 0.6\nexit 0\n");
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "ownup: nothing was written, so no session was kept\n"
    );
    assert!(seen(&sandbox, 1).starts_with("# A quick own-up\n"));
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
    assert!(sandbox.session_files().is_empty());

    let mut sandbox = Sandbox::new();
    fake_editor(&mut sandbox, ": > \"$1\"\n");
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "ownup: the file was emptied, so no session was kept\n"
    );
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
    assert!(sandbox.session_files().is_empty());
}

/// A fake editor that writes "seven" for the scale the first time, and on the next run does
/// `second` (shell).
fn seven_then(sandbox: &mut Sandbox, second: &str) {
    let body = format!(
        "if grep -q 'ownup could not save this yet' \"$1\"; then\n{second}else\n{}{}fi\n",
        write_under("### What happened?", "Sent the wrong figures."),
        write_under("### How big was the impact on the people affected?", "seven"),
    );
    fake_editor(sandbox, &body);
}

#[test]
fn a_number_written_in_words_opens_the_editor_again_with_the_problem_at_the_top() {
    let mut sandbox = Sandbox::new();
    seven_then(
        &mut sandbox,
        "awk '{ if ($0 == \"seven\") print \"4\"; else print }' \"$1\" > \"$1.new\" && cat \"$1.new\" > \"$1\" && rm \"$1.new\"\n",
    );
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let problem = "\"How big was the impact on the people affected?\" takes a number from 1 to 5, and \"seven\" is not one";
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: {problem}\nownup: opening your editor again, with that at the top of the file\n\
             ownup: your answers are kept in the draft {ID}; still needed to finish: \"What will you say, and what will you do to put it right?\" — to go on: ownup resume --editor {ID} (or in the app: ownup resume {ID})\n"
        )
    );
    // The second time, the person's own text, with the problem above it.
    let again = seen(&sandbox, 2);
    assert!(
        again.starts_with(&format!(
            "<!--\nownup could not save this yet:\n- {problem}\nPut it right below"
        )),
        "{again}"
    );
    assert!(
        again.contains("\n### How big was the impact on the people affected?\nseven\n"),
        "{again}"
    );
    assert!(
        again.contains("\n### What happened?\nSent the wrong figures.\n"),
        "{again}"
    );
    let session = only_session(&sandbox);
    assert_eq!(session.answer_to("own-it", "size"), "4");
    assert_eq!(session.answer_to("own-it", "what"), "Sent the wrong figures.");
    assert_eq!(left_for_the_editor(&sandbox), Vec::<PathBuf>::new());
}

#[test]
fn a_problem_left_as_it_was_stops_with_the_file_kept() {
    let mut sandbox = Sandbox::new();
    seven_then(&mut sandbox, "exit 0\n");
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert_eq!(out.status.code(), Some(1));
    let kept = left_for_the_editor(&sandbox);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let problem = "\"How big was the impact on the people affected?\" takes a number from 1 to 5, and \"seven\" is not one";
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: {problem}\nownup: opening your editor again, with that at the top of the file\n\
             ownup: the answers still cannot be saved ({problem}), so no session was saved; what you wrote is kept in {}\n",
            kept[0].display()
        )
    );
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(text.contains("\nseven\n"), "{text}");
    assert!(text.contains("\nSent the wrong figures.\n"), "{text}");
    assert!(sandbox.session_files().is_empty());
}

#[test]
fn a_draft_gone_on_with_in_the_editor_keeps_its_earlier_answers_exactly() {
    let mut sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let quick = Script::built_in("quick").unwrap();
    // Answers written in the app: a heading-like line, one of ownup's own headings, trailing
    // spaces, a carriage return, a trailing line break.
    let what = "# Timeline\n### What happened?\nSent it twice.  \r\nThen a third time.\n";
    let draft = SessionBuilder::of_script(&quick, "20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("own-it", "what", what)
        .answer("own-it", "size", "2")
        .build();
    store.save(&draft).unwrap();
    fake_editor(
        &mut sandbox,
        &write_under(
            "### What will you say, and what will you do to put it right?",
            "I said sorry and sent the right ones.",
        ),
    );
    let out = sandbox.run(&["resume", "--editor", "20261120"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The draft's answers were in the document, ownup's own heading escaped.
    let document = seen(&sandbox, 1);
    assert!(
        document.contains(
            "\n### What happened?\n<!-- Needed to finish. One or two sentences, facts only, with your part in them: \"I sent the client last month's figures.\" -->\n\n# Timeline\n\\### What happened?\nSent it twice.  \r\nThen a third time.\n\n"
        ),
        "{document:?}"
    );
    assert!(
        document.contains("\n-->\n\n2\n\n## Make it right\n"),
        "{document}"
    );
    let session = only_session(&sandbox);
    assert_eq!(
        session.answer_to("own-it", "what"),
        what,
        "untouched, byte for byte"
    );
    assert_eq!(session.answer_to("own-it", "size"), "2");
    assert_eq!(
        session.answer_to("make-it-right", "repair"),
        "I said sorry and sent the right ones."
    );
    assert_eq!(session.status, Status::Complete);
    assert_eq!(session.started, draft.started, "the same session, gone on with");
    assert!(
        stdout(&out).contains("To read it again: ownup show 20261120-100000\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_draft_left_as_it_was_in_the_editor_is_not_written() {
    let mut sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let draft = SessionBuilder::of_script(&Script::built_in("quick").unwrap(), ID)
        .answer("own-it", "what", "Kept as it is.")
        .build();
    store.save(&draft).unwrap();
    let before = std::fs::read(store.path_of(ID)).unwrap();
    fake_editor(&mut sandbox, "sleep 0.6\nexit 0\n");
    let out = sandbox.run(&["resume", "--editor"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("ownup: nothing was changed, so the draft {ID} is as it was\n")
    );
    assert_eq!(std::fs::read(store.path_of(ID)).unwrap(), before);

    // An editor that fails leaves the draft as it was too, and keeps what was written.
    fake_editor(&mut sandbox, &format!("{}exit 1\n", append("A late thought.")));
    let out = sandbox.run(&["resume", "--editor", ID]);
    assert_eq!(out.status.code(), Some(1));
    let kept = left_for_the_editor(&sandbox);
    assert_eq!(kept.len(), 1);
    assert!(
        stderr(&out).ends_with(&format!(
            "ended with status 1, so the draft {ID} is as it was; what you wrote is kept in {}\n",
            kept[0].display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(store.path_of(ID)).unwrap(), before);
}

#[test]
fn a_finished_session_is_not_gone_on_with_in_the_editor() {
    let mut sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    store
        .save(
            &SessionBuilder::new(ID)
                .answer("acknowledge", "what", "Done.")
                .complete()
                .build(),
        )
        .unwrap();
    fake_editor(&mut sandbox, "exit 0\n");
    let out = sandbox.run(&["resume", "--editor", ID]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ownup: session {ID} is finished; read it with: ownup show {ID} (a finished session is edited in the app: open it and press e)\n"
        )
    );
    assert!(!sandbox.home().join("seen-1.md").exists(), "no editor opened");
}

#[test]
fn editor_and_plain_cannot_be_asked_for_together() {
    let sandbox = Sandbox::new();
    for args in [
        &["new", "--editor", "--plain"][..],
        &["resume", "--plain", "--editor"][..],
    ] {
        let out = sandbox.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("cannot be used with"), "{}", stderr(&out));
    }
    let help = stdout(&sandbox.run(&["new", "--help"]));
    assert!(
        help.contains("--editor") && help.contains("Write the whole session in your own editor"),
        "{help}"
    );
    let help = stdout(&sandbox.run(&["--help"]));
    assert!(help.contains("ownup new --editor --script quick"), "{help}");
}

/// Ends ownup with `signal` while a fake editor has written into the file and is still open:
/// the file is kept, and ownup says where.
fn a_signal_while_the_editor_is_open_keeps_the_file(signal: &str) {
    let mut sandbox = Sandbox::new();
    let home = sandbox.home().display().to_string();
    let body = format!(
        "{}touch {home}/written\ni=0\nwhile [ ! -e {home}/stop ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i+1)); done\n",
        write_under("### What happened?", "Words written before the signal.")
    );
    fake_editor(&mut sandbox, &body);
    let mut tui = sandbox.spawn(&["new", "--editor", "--script", "quick"]);
    eventually("the editor to write", || sandbox.home().join("written").exists());
    tui.signal(signal);
    let status = tui.wait_exit();
    assert!(!status.success(), "{status:?}");
    std::fs::write(sandbox.home().join("stop"), "").unwrap();
    let kept = left_for_the_editor(&sandbox);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let said = format!(
        "ownup: what you were writing in your editor is kept in {}",
        kept[0].display()
    );
    eventually("ownup to say where the file is", || {
        String::from_utf8_lossy(&tui.transcript()).contains(&said)
    });
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(
        text.contains("### What happened?\nWords written before the signal.\n"),
        "{text}"
    );
    assert!(sandbox.session_files().is_empty());
}

#[test]
fn sigterm_while_the_editor_is_open_keeps_the_file() {
    a_signal_while_the_editor_is_open_keeps_the_file("TERM");
}

#[test]
fn sighup_while_the_editor_is_open_keeps_the_file() {
    a_signal_while_the_editor_is_open_keeps_the_file("HUP");
}

/// An editor that leaves a FIFO where the file was: never opened (that would wait for ever),
/// nothing saved, and ownup ends at once saying why.
#[test]
fn a_fifo_left_by_the_editor_is_not_waited_on() {
    let mut sandbox = Sandbox::new();
    fake_editor(&mut sandbox, "rm \"$1\" && mkfifo \"$1\"\n");
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(sandbox.session_files().is_empty());
}

/// An editor that returns at once with the file as it was (code or subl without waiting)
/// has not been written in yet: the file is kept for its later save, and ownup says how to
/// make the editor wait.
#[test]
fn an_editor_that_returns_at_once_keeps_the_file_and_says_to_make_it_wait() {
    let mut sandbox = Sandbox::new();
    fake_editor(&mut sandbox, "exit 0\n");
    let out = sandbox.run(&["new", "--editor", "--script", "quick"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("returned at once"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("EDITOR=\"code --wait\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(left_for_the_editor(&sandbox).len(), 1, "the file is kept");
    assert!(sandbox.session_files().is_empty());
}
