//! At home in the shell: completions, the manual page, the pager and the help, on the real
//! binary.

mod common;

use std::process::Output;

use common::{Sandbox, SessionBuilder, eventually};
use ownup::store::SessionStore;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn completions_are_generated_for_each_shell() {
    let sandbox = Sandbox::new();
    for (shell, marker) in [
        ("bash", "complete -F _ownup"),
        ("zsh", "#compdef ownup"),
        ("fish", "complete -c ownup"),
        ("elvish", "edit:completion:arg-completer[ownup]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = sandbox.run(&["completions", shell, "--static"]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}:\n{script}");
        // Every command can be completed.
        for command in [
            "new",
            "resume",
            "show",
            "export",
            "delete",
            "commitments",
            "check",
            "man",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    // Without --static, each shell's script asks ownup on Tab.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = sandbox.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {out:?}");
        assert!(stdout(&out).contains("COMPLETE"), "{shell}:\n{}", stdout(&out));
    }
    let out = sandbox.run(&["completions", "tcsh"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a shell it does not know is a usage error"
    );
}

#[test]
fn the_manual_page_renders_with_man() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["man"]);
    assert!(out.status.success(), "{out:?}");
    let page = sandbox.home().join("ownup.1");
    std::fs::write(&page, &out.stdout).unwrap();
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man is installed (.ci/run installs man-db)");
    assert!(rendered.status.success(), "{rendered:?}");
    let text = stdout(&rendered);
    for needle in [
        "NAME",
        "ownup - A calm terminal coach",
        "SUBCOMMANDS",
        "OWNUP_HOME",
        "Exit status",
    ] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
}

#[test]
fn help_has_examples_the_environment_and_exit_codes() {
    let sandbox = Sandbox::new();
    let help = stdout(&sandbox.run(&["--help"]));
    for needle in [
        "Examples:",
        "OWNUP_HOME",
        "OWNUP_NOW",
        "NO_COLOR",
        "EDITOR",
        "PAGER",
        "Exit status:",
    ] {
        assert!(help.contains(needle), "{needle} not in:\n{help}");
    }
    let out = sandbox.run(&["--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sandbox.run(&["show", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));
}

/// A session with a hostile answer, and a fake pager that records what it was given.
fn paged_sandbox() -> (Sandbox, std::path::PathBuf) {
    let mut sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let session = SessionBuilder::new("20261120-100000")
        .answer("acknowledge", "what", "Paged words \x1b]0;pwned\x07 here")
        .build();
    store.save(&session).unwrap();
    let seen = sandbox.home().join("paged.txt");
    let pager = sandbox.home().join("fake-pager");
    std::fs::write(&pager, format!("#!/bin/sh\ncat > '{}'\n", seen.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    sandbox
        .extra_env
        .push(("PAGER".into(), pager.display().to_string()));
    (sandbox, seen)
}

#[test]
fn show_pages_only_on_a_terminal_and_never_passes_control_characters() {
    // Through a pipe: no pager, the page on standard output.
    let (sandbox, seen) = paged_sandbox();
    let out = sandbox.run(&["show", "20261120"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Paged words"), "{out:?}");
    assert!(!seen.exists(), "no pager without a terminal");

    // On a terminal: the pager gets the page, escaped.
    let mut tui = sandbox.spawn(&["show", "20261120"]);
    assert!(tui.wait_exit().success());
    let paged = std::fs::read_to_string(&seen).expect("the pager ran");
    assert!(paged.contains("Paged words"), "{paged}");
    assert!(!paged.contains('\x1b') && !paged.contains('\x07'), "{paged:?}");

    // --no-pager: straight to the terminal.
    std::fs::remove_file(&seen).unwrap();
    let mut tui = sandbox.spawn(&["show", "--no-pager", "20261120"]);
    assert!(tui.wait_exit().success());
    let shown = String::from_utf8_lossy(&tui.transcript()).into_owned();
    assert!(shown.contains("Paged words"), "{shown}");
    assert!(!seen.exists());
}

/// The guide to the script format comes with the binary: printed through a pipe, paged on a
/// terminal.
#[test]
fn the_script_format_guide_is_built_in() {
    let (sandbox, seen) = paged_sandbox();
    let out = sandbox.run(&["script", "docs"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/script-format.md")).unwrap()
    );
    assert!(!seen.exists(), "no pager without a terminal");
    let mut tui = sandbox.spawn(&["script", "docs"]);
    assert!(tui.wait_exit().success());
    let paged = std::fs::read_to_string(&seen).expect("the pager ran");
    assert!(paged.starts_with("# The script format"), "{paged}");
}

/// A fake editor: a shell script that appends `line` to the file it is given and exits with
/// `status`.
fn fake_editor(sandbox: &Sandbox, name: &str, line: &str, status: i32) -> String {
    let path = sandbox.home().join(name);
    let script = format!("#!/bin/sh\nprintf '%s\\n' '{line}' >> \"$1\"\nexit {status}\n");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn ctrl_e_writes_the_answer_in_your_editor_and_brings_it_back_saved() {
    let mut sandbox = Sandbox::new();
    let editor = fake_editor(&sandbox, "fake-editor", "and a line from my editor", 0);
    sandbox.extra_env.push(("EDITOR".into(), editor));
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("I deployed on Friday.");
    tui.wait_for("I deployed on Friday.");
    tui.send("\x05"); // Ctrl-E
    let screen = tui.wait_for("Your answer is back from your editor.");
    assert!(screen.contains("I deployed on Friday."), "{screen}");
    assert!(screen.contains("and a line from my editor"), "{screen}");
    // Saved, and no editor file left behind.
    eventually("the edited answer is saved", || {
        sandbox.session_files().first().is_some_and(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .contains("and a line from my editor")
        })
    });
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.sessions_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".edit-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Undo takes the whole edit back in one step.
    tui.send("\x15"); // Ctrl-U
    tui.wait_until("the edit undone", |s| !s.contains("and a line from my editor"));
    tui.send("\x03");
    assert!(tui.wait_exit().success());
}

#[test]
fn an_editor_that_fails_or_is_missing_leaves_the_answer_unchanged() {
    let mut sandbox = Sandbox::new();
    let editor = fake_editor(&sandbox, "failing-editor", "never kept", 3);
    sandbox.extra_env.push(("VISUAL".into(), editor));
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("Kept as it is.");
    tui.wait_for("Kept as it is.");
    tui.send("\x05");
    let screen = tui.wait_for("ended with status 3;");
    assert!(screen.contains("is unchanged."), "{screen}");
    assert!(screen.contains("Kept as it is."), "{screen}");
    assert!(!screen.contains("never kept"), "{screen}");
    tui.send("\x03");
    assert!(tui.wait_exit().success());

    let mut sandbox = Sandbox::new();
    sandbox
        .extra_env
        .push(("VISUAL".into(), "/no/such/editor".into()));
    let mut tui = sandbox.spawn(&["new"]);
    tui.past_the_check_in();
    tui.type_text("Still here.");
    tui.wait_for("Still here.");
    tui.send("\x05");
    let screen = tui.wait_for("was not found (set $VISUAL or $EDITOR)");
    assert!(screen.contains("Still here."), "{screen}");
    tui.send("\x03");
    assert!(tui.wait_exit().success());
}

/// The `auto` theme (the default) follows the background the terminal reports: blue titles
/// on a light one, cyan on a dark one or when the terminal cannot say; a theme named in
/// config.ron wins.
#[test]
fn the_theme_follows_the_terminals_background_unless_config_names_one() {
    let title_colour = |sandbox: Sandbox| {
        let mut tui = sandbox.spawn(&[]);
        tui.wait_for("None yet.");
        let colour = tui.colour_of("ownup");
        tui.send("q");
        tui.wait_exit();
        colour
    };
    let (blue, cyan) = (Some(vt100::Color::Idx(4)), Some(vt100::Color::Idx(6)));
    let white = (0xfa, 0xfa, 0xf5);
    assert_eq!(
        title_colour(Sandbox::new().with_colour().with_background(white)),
        blue
    );
    assert_eq!(
        title_colour(Sandbox::new().with_colour().with_background((0x1e, 0x1e, 0x2e))),
        cyan
    );
    assert_eq!(title_colour(Sandbox::new().with_colour()), cyan, "cannot say");
    let configured = Sandbox::new().with_colour().with_background(white);
    std::fs::write(
        configured.home().join("config.ron"),
        "Config(theme: \"default\")\n",
    )
    .unwrap();
    assert_eq!(title_colour(configured), cyan, "config.ron wins");
}

/// Completes `line` in a real bash with ownup's completions sourced, as on Tab: the words
/// offered.
fn bash_completes(sandbox: &Sandbox, line: &str) -> Vec<String> {
    let script = r#"
        source <("$OWNUP" completions bash)
        read -ra COMP_WORDS <<< "$LINE"
        [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_TYPE=9
        _clap_complete_ownup ownup "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let mut command = std::process::Command::new("bash");
    command.args(["--norc", "-c", script]).env_clear();
    for (key, value) in sandbox.env_vars() {
        command.env(key, value);
    }
    let out = command
        .env("OWNUP", env!("CARGO_BIN_EXE_ownup"))
        .env("LINE", line)
        .output()
        .expect("run bash");
    assert!(out.status.success(), "{out:?}");
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn completion_offers_session_ids_commitment_ids_and_script_names() {
    let sandbox = Sandbox::new();
    let store = SessionStore::open(sandbox.home()).unwrap();
    let draft = SessionBuilder::new("20261120-100000")
        .started("2026-11-20T10:00:00+01:00")
        .answer("acknowledge", "what", "I broke the build \u{1b}[2J on Friday")
        .answer(
            "correct",
            "actions",
            "Add a migration check to CI — me — by Dec 4",
        )
        .sync_commitments()
        .build();
    store.save(&draft).unwrap();
    let finished = SessionBuilder::new("20261121-100000")
        .started("2026-11-21T10:00:00+01:00")
        .answer("acknowledge", "what", "Missed the deadline")
        .complete()
        .build();
    store.save(&finished).unwrap();
    let commitment = draft.commitment_ids()[0].to_string();

    let show = bash_completes(&sandbox, "ownup show ");
    assert!(
        show.starts_with(&["20261121-100000".into(), "20261120-100000".into()]),
        "{show:?}"
    );
    assert_eq!(
        bash_completes(&sandbox, "ownup show 2026112"),
        ["20261121-100000", "20261120-100000"]
    );
    assert_eq!(
        bash_completes(&sandbox, "ownup delete 2026112"),
        ["20261121-100000", "20261120-100000"],
        "drafts and finished sessions"
    );
    assert_eq!(
        bash_completes(&sandbox, "ownup resume 2026"),
        ["20261120-100000"],
        "drafts only"
    );
    assert_eq!(
        bash_completes(&sandbox, "ownup commitments done "),
        [commitment.as_str(), "--note", "--no-config", "--on", "--help"]
    );
    assert_eq!(
        bash_completes(&sandbox, &format!("ownup commitments move {}", &commitment[..4])),
        [commitment.as_str()]
    );
    assert_eq!(
        bash_completes(&sandbox, "ownup new --script "),
        ["own-it", "quick", "incident-review"]
    );
    assert_eq!(bash_completes(&sandbox, "ownup new --script q"), ["quick"]);
    assert_eq!(bash_completes(&sandbox, "ownup sh"), ["show"]);

    // In zsh and fish the titles are shown beside the ids: escaped, never obeyed.
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ownup"));
    command.env_clear();
    for (key, value) in sandbox.env_vars() {
        command.env(key, value);
    }
    let out = command
        .env("COMPLETE", "fish")
        .args(["--", "ownup", "show", ""])
        .output()
        .unwrap();
    let offered = stdout(&out);
    assert!(
        offered.contains("20261120-100000\tI broke the build ^[[2J on Friday"),
        "{offered}"
    );
    assert!(!offered.contains('\u{1b}'), "{offered:?}");
}

#[test]
fn completion_without_any_data_offers_commands_and_creates_nothing() {
    let sandbox = Sandbox::new();
    assert_eq!(
        bash_completes(&sandbox, "ownup show "),
        ["--include-private", "--no-config", "--no-pager", "--help"]
    );
    assert_eq!(
        std::fs::read_dir(sandbox.home()).unwrap().count(),
        1,
        "only the test's HOME"
    );
}
