//! ownup: a calm terminal coach for owning a mistake at work.
//!
//! The domain modules (`script`, `session`, `store`, `config`, `keymap`, `setup`, `clock` …)
//! hold no terminal code; `tui` is a small Elm-style front end over them and `cli` the
//! non-interactive commands. Neither front end uses the other, except that the command line
//! opens the app (`tui::run`).
//! `output` makes text safe to show in a terminal; every line printed for people goes through it.

#[cfg(not(unix))]
compile_error!(
    "ownup runs on Unix (Linux, macOS): it relies on Unix file modes, signals and terminals. \
     On Windows, build and run it in WSL."
);

pub mod apology;
pub mod cli;
pub mod clock;
pub mod commitment;
pub mod config;
pub mod crypt;
pub mod dates;
pub mod export;
pub mod files;
pub mod keymap;
pub mod library;
pub mod markdown;
pub mod names;
pub mod nudge;
pub mod output;
pub mod passphrase;
pub mod problems;
pub mod script;
pub mod search;
pub mod session;
pub mod session_markdown;
pub mod setup;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;
pub mod wrap;
