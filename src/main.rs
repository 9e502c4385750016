//! The `ownup` binary: parse the command line, run, and map errors to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use ownup::cli::{self, Cli};
use ownup::output::{Printable, needs_escape};

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash ownup -- …`) is answered, and ownup ends.
    ownup::cli::complete::answer_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return parse_failed(&err),
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `ownup list | head` closes the pipe early; that is not an error.
            let broken_pipe = err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            ownup::cli::say(format_args!("ownup: {err:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Reports a command line clap could not take. clap echoes the arguments it quotes as they are,
/// and in colour it passes their escape sequences to the terminal; when an argument holds a
/// control character the message is printed without colour (which drops clap's styling and the
/// sequences with it) and escaped like all of ownup's output.
fn parse_failed(err: &clap::Error) -> ExitCode {
    let hostile = std::env::args_os().any(|arg| arg.to_string_lossy().contains(needs_escape));
    if !hostile {
        err.exit();
    }
    let text = err.render().to_string();
    let _ = if err.use_stderr() {
        write!(Printable::new(std::io::stderr().lock()), "{text}")
    } else {
        write!(Printable::stdout(), "{text}")
    };
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
