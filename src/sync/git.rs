//! Running the `git` the person already has, on the data folder and nothing else.
//!
//! Every run is sealed off from where git would otherwise look: the repository is the data
//! folder's own (`-C <data>`, `GIT_DIR` and its kin removed, and no looking above the folder),
//! and files are taken byte for byte (no line-ending or attribute filters), so that what is
//! committed is what ownup wrote. The person's own settings (name, SSH keys, credential
//! helpers) are used, never changed.
//!
//! From the command line, git may ask for an SSH passphrase or a password on the terminal, as
//! it always does. In the background (the app's auto-sync) it never asks: it runs in a session
//! of its own without a terminal, with prompts off and SSH in batch mode, and is stopped if it
//! takes too long.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::SyncError;

/// The oldest git with everything used here (`git init -b`, `--pathspec-from-file`).
const OLDEST: (u32, u32) = (2, 28);
/// How long one git command may take in the background before it is stopped.
const BACKGROUND_PATIENCE: Duration = Duration::from_secs(120);
/// Variables that would point git at another repository, index or object store.
const ELSEWHERE: [&str; 8] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// Where a sync runs, which says whether git may ask the person anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `ownup sync` in a shell: git may ask for a passphrase on the terminal.
    Terminal,
    /// The app's auto-sync: git must never ask, nor write to the terminal.
    Background,
}

/// One git command that did not succeed.
#[derive(Debug)]
pub(super) struct Failed {
    /// Its exit code, if it exited.
    pub code: Option<i32>,
    /// What it printed on standard output.
    pub stdout: Vec<u8>,
    /// What it said on standard error, trimmed.
    pub stderr: String,
}

/// git, run on one data folder.
#[derive(Debug)]
pub(super) struct Git {
    dir: PathBuf,
    mode: Mode,
    /// `-c` settings given to every command (an identity, when the person has none).
    settings: Vec<String>,
    /// The SSH command the person set in git's settings (`core.sshCommand`), if any.
    own_ssh: Option<String>,
}

impl Git {
    /// git, checked to be there and recent enough, to run on the data folder `dir`.
    pub fn find(dir: &Path, mode: Mode) -> Result<Git, SyncError> {
        let version = Command::new("git")
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::NotFound => SyncError::NoGit,
                _ => SyncError::Git {
                    what: "git --version".into(),
                    dir: dir.to_path_buf(),
                    why: err.to_string(),
                },
            })?;
        let text = String::from_utf8_lossy(&version.stdout).trim().to_string();
        match parse_version(&text) {
            Some(found) if found >= OLDEST => {}
            _ => {
                return Err(SyncError::OldGit {
                    found: text,
                    needed: format!("{}.{}", OLDEST.0, OLDEST.1),
                });
            }
        }
        Ok(Git {
            dir: dir.to_path_buf(),
            mode,
            settings: vec![],
            own_ssh: None,
        })
    }

    /// Takes `command` (git's `core.sshCommand`) as the person's SSH command, which the
    /// environment's `GIT_SSH_COMMAND` overrides, as in git.
    pub fn use_ssh(&mut self, command: Option<String>) {
        self.own_ssh = command;
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Gives every later command `-c name=value`.
    pub fn set(&mut self, name: &str, value: &str) {
        self.settings.push(format!("{name}={value}"));
    }

    /// Runs `git ARGS` and returns its standard output; a failure is [`SyncError::Git`].
    pub fn run(&self, args: &[&str]) -> Result<Vec<u8>, SyncError> {
        self.run_with(args, None)
            .map_err(|failed| self.error(args, &failed))
    }

    /// Runs `git ARGS` with `input` on standard input; returns its standard output.
    pub fn run_input(&self, args: &[&str], input: &[u8]) -> Result<Vec<u8>, SyncError> {
        self.run_with(args, Some(input))
            .map_err(|failed| self.error(args, &failed))
    }

    /// Runs `git ARGS` and returns its standard output as text, trimmed.
    pub fn text(&self, args: &[&str]) -> Result<String, SyncError> {
        Ok(String::from_utf8_lossy(&self.run(args)?).trim().to_string())
    }

    /// Runs a git command that answers yes (exit 0) or no (exit 1).
    pub fn yes(&self, args: &[&str]) -> Result<bool, SyncError> {
        match self.run_with(args, None) {
            Ok(_) => Ok(true),
            Err(Failed { code: Some(1), .. }) => Ok(false),
            Err(failed) => Err(self.error(args, &failed)),
        }
    }

    /// Runs `git ARGS`: its standard output, or how it failed.
    pub fn run_with(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, Failed> {
        let mut command = self.command(args);
        command
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let failed = |why: String| Failed {
            code: None,
            stdout: vec![],
            stderr: why,
        };
        let mut child = command.spawn().map_err(|err| failed(err.to_string()))?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            let input = input.to_vec();
            std::thread::spawn(move || {
                let _ = stdin.write_all(&input);
            });
        }
        let stdout = drain(child.stdout.take());
        let stderr = drain(child.stderr.take());
        let status = match self.mode {
            Mode::Terminal => child.wait().map_err(|err| failed(err.to_string()))?,
            Mode::Background => wait_or_stop(&mut child, BACKGROUND_PATIENCE).map_err(failed)?,
        };
        let stdout = stdout.join().unwrap_or_default();
        let stderr = stderr.join().unwrap_or_default();
        if status.success() {
            Ok(stdout)
        } else {
            Err(Failed {
                code: status.code(),
                stdout,
                stderr: String::from_utf8_lossy(&stderr).trim().to_string(),
            })
        }
    }

    /// What went wrong running `git ARGS`, as the person should read it.
    pub fn error(&self, args: &[&str], failed: &Failed) -> SyncError {
        let why = match (failed.stderr.is_empty(), failed.code) {
            (false, _) => git_says(&failed.stderr),
            (true, Some(code)) => format!("it ended with status {code}"),
            (true, None) => "it was stopped".into(),
        };
        SyncError::Git {
            what: format!("git {}", args.first().copied().unwrap_or_default()),
            dir: self.dir.clone(),
            why,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir);
        // Bytes as they are: no line endings changed, no attributes from the person's
        // global file (a filter there could change what is committed).
        for setting in ["core.autocrlf=false", "core.attributesFile=/dev/null"]
            .into_iter()
            .map(String::from)
            .chain(self.settings.iter().cloned())
        {
            command.arg("-c").arg(setting);
        }
        // Paths are file names, never patterns.
        command.arg("--literal-pathspecs").args(args);
        for name in ELSEWHERE {
            command.env_remove(name);
        }
        // The data folder's own repository, or none: never one in a folder above it.
        if let Some(parent) = self.dir.parent() {
            command.env("GIT_CEILING_DIRECTORIES", parent);
        }
        if self.mode == Mode::Background {
            command
                .env("GIT_TERMINAL_PROMPT", "0")
                .env("GIT_SSH_COMMAND", background_ssh(self.own_ssh.as_deref()))
                .env("SSH_ASKPASS_REQUIRE", "never")
                .env_remove("GPG_TTY");
            // SAFETY: setsid is async-signal-safe, and is all that runs in the child before
            // exec. Without a controlling terminal nothing git starts (ssh, a credential
            // helper, gpg) can open /dev/tty and ask, or draw over the app.
            unsafe {
                command.pre_exec(|| {
                    libc::setsid();
                    Ok(())
                });
            }
        }
        command
    }
}

/// What git said on standard error, in one line: its messages (`fatal: …`, `error: …`) one
/// after another, each continued by the lines under it; its hints (how to use git) left out.
fn git_says(stderr: &str) -> String {
    let mut said = String::new();
    let mut hint = false;
    for line in stderr.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let message = ["fatal: ", "error: ", "warning: ", "hint: "]
            .iter()
            .find_map(|prefix| line.strip_prefix(prefix).map(|rest| (*prefix, rest)));
        let (new, text) = match message {
            Some((prefix, rest)) => {
                hint = prefix == "hint: ";
                (true, rest)
            }
            None => (false, line),
        };
        if hint {
            continue;
        }
        if !said.is_empty() {
            said.push_str(if new { "; " } else { " " });
        }
        said.push_str(text);
    }
    said
}

/// The SSH command for the background: the person's own (`GIT_SSH_COMMAND`, else git's
/// `core.sshCommand`, else `ssh`), never asking anything and giving up on a host that does
/// not answer.
fn background_ssh(configured: Option<&str>) -> String {
    let own = std::env::var("GIT_SSH_COMMAND")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| configured.map(str::to_string))
        .unwrap_or_else(|| "ssh".into());
    format!("{own} -o BatchMode=yes -o ConnectTimeout=20")
}

/// Reads all of `pipe` on a thread of its own (so that a full pipe never stops the child).
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Waits for `child`, stopping it (and what it started: it leads a session of its own) when
/// it takes longer than `patience`.
fn wait_or_stop(child: &mut Child, patience: Duration) -> Result<std::process::ExitStatus, String> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() > patience => {
                if let Ok(pid) = i32::try_from(child.id()) {
                    // SAFETY: a plain kill of the process group the child leads.
                    unsafe {
                        libc::kill(-pid, libc::SIGKILL);
                    }
                }
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "it took more than {} seconds and was stopped",
                    patience.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(err) => return Err(err.to_string()),
        }
    }
}

/// `(major, minor)` of `git version 2.47.3` (or `git version 2.39.3 (Apple Git-146)`).
fn parse_version(text: &str) -> Option<(u32, u32)> {
    let number = text.strip_prefix("git version ")?.split_whitespace().next()?;
    let mut parts = number.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_git_says_is_one_line_without_its_hints() {
        let stderr = "fatal: '/x.git' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";
        assert_eq!(
            git_says(stderr),
            "'/x.git' does not appear to be a git repository; Could not read from remote repository. Please make sure you have the correct access rights and the repository exists."
        );
        let hinted =
            "error: failed to push some refs to '/r'\nhint: Updates were rejected\nhint: git pull first\n";
        assert_eq!(git_says(hinted), "failed to push some refs to '/r'");
    }

    #[test]
    fn versions_are_read_as_git_prints_them() {
        assert_eq!(parse_version("git version 2.47.3"), Some((2, 47)));
        assert_eq!(parse_version("git version 2.39.3 (Apple Git-146)"), Some((2, 39)));
        assert_eq!(parse_version("git version 2.45.1.windows.1"), Some((2, 45)));
        assert_eq!(parse_version("hub version 2.14"), None);
        assert!(parse_version("git version 2.20.1").unwrap() < OLDEST);
    }
}
