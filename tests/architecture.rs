//! The shape of the code, checked: the domain modules hold no terminal code, and the two front
//! ends (the command line and the app) do not use each other, except that the command line
//! opens the app (full-screen, in plain lines, or whole in the person's editor).

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn sources(dir: &Path, src: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, src, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(src).unwrap().to_string_lossy().into_owned();
            out.push((name, fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The code of every source file (comments left out), by path relative to `src/`.
fn code() -> Vec<(String, Vec<String>)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    assert!(files.len() > 20, "the sources were found");
    files
        .into_iter()
        .map(|(name, text)| {
            let lines = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(str::to_string)
                .collect();
            (name, lines)
        })
        .collect()
}

fn is_front_end(name: &str) -> bool {
    name.starts_with("tui/") || name.starts_with("cli/") || name == "main.rs" || name == "output.rs"
}

#[test]
fn domain_modules_use_no_terminal_library() {
    let mut offending = Vec::new();
    for (name, lines) in code() {
        if is_front_end(&name) {
            continue;
        }
        for line in lines {
            if line.contains("ratatui") || line.contains("crossterm") {
                offending.push(format!("src/{name}: {}", line.trim()));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "terminal code outside the front ends:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_front_ends_do_not_use_each_other_and_the_domain_uses_neither() {
    let mut offending = Vec::new();
    for (name, lines) in code() {
        for line in lines {
            let uses_tui = line.contains("tui::");
            let uses_cli = line.contains("cli::");
            let allowed = if name.starts_with("cli/") {
                // The one way in: the command line opens the app, full-screen, plain or
                // whole in the person's editor.
                !uses_tui
                    || line.contains("use crate::tui::{self, Start};")
                    || line.contains("tui::run(")
                    || line.contains("tui::plain::run(")
                    || line.contains("tui::whole_editor::run(")
            } else if name.starts_with("tui/") {
                !uses_cli
            } else if name == "main.rs" {
                !uses_tui
            } else {
                !uses_tui && !uses_cli
            };
            if !allowed {
                offending.push(format!("src/{name}: {}", line.trim()));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "a front end used where it should not be:\n{}",
        offending.join("\n")
    );
}
