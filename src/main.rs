//! The `ownup` binary: parse the command line, run, and map errors to an exit code.

use std::process::ExitCode;

use clap::Parser;
use ownup::cli::{self, Cli};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
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
