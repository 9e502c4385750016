//! `ownup script …` and `ownup config …`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::{ConfigAction, ScriptAction, say};
use crate::config::{CONFIG_TEMPLATE, Paths};
use crate::library::{self, Source};
use crate::output::{Printable, Stdout, one_line};
use crate::script::Script;
use crate::setup::Setup;

/// The guide to writing a script (docs/script-format.md), for `ownup script docs`.
pub const FORMAT_GUIDE: &str = include_str!("../../docs/script-format.md");

/// `ownup script list|init|docs|check`.
pub fn script(
    paths: &Paths,
    no_config: bool,
    action: ScriptAction,
    out: &mut Printable<Stdout>,
) -> Result<()> {
    match action {
        ScriptAction::Docs { no_pager } => {
            if !no_pager && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                return super::pager::page(FORMAT_GUIDE.as_bytes(), out);
            }
            out.exact().write_all(FORMAT_GUIDE.as_bytes())?;
            Ok(())
        }
        ScriptAction::List => {
            let setup = Setup::load(paths, no_config)?;
            let default = setup.default_script().name;
            writeln!(out, "{:<18} {:<28} {:>5}  SOURCE", "NAME", "TITLE", "STEPS")?;
            for listed in &setup.library.scripts {
                let s = &listed.script;
                let mut source = listed.source.to_string();
                if listed.replaces_built_in {
                    source.push_str(" (replaces the built-in one)");
                }
                if s.name == default {
                    source.push_str("  ← default");
                }
                writeln!(
                    out,
                    "{:<18} {:<28} {:>5}  {}",
                    one_line(&s.name),
                    one_line(&s.title),
                    s.steps.len(),
                    one_line(&source)
                )?;
            }
            for problems in &setup.library.problems {
                say(format_args!("ownup: not usable: {problems}"));
            }
            Ok(())
        }
        ScriptAction::Init { name, from } => {
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                bail!("\"{name}\" cannot be a script name — use letters, digits, - and _ (e.g. my-script)");
            }
            let library = crate::library::Library::load(&paths.scripts_dir());
            let text = match &from {
                None => library::starting_text(&name, None),
                Some(from) => {
                    let Some(listed) = library.get(from) else {
                        bail!(
                            "no script named \"{from}\" to copy — there are: {}",
                            library.names().join(", ")
                        );
                    };
                    let source = match &listed.source {
                        Source::BuiltIn => library::built_in_source(from).map(str::to_string),
                        Source::File(path) => crate::problems::read_text(path).ok(),
                    };
                    library::starting_text(&name, Some((listed, source.as_deref())))
                }
            };
            let path = paths.scripts_dir().join(format!("{name}.ron"));
            create_new(&path, &text)?;
            writeln!(out, "{}", path.display())?;
            say(format_args!(
                "Edit it, then check it with `ownup script check {name}` and run it with `ownup new --script {name}`."
            ));
            Ok(())
        }
        ScriptAction::Check { script } => {
            let library = crate::library::Library::load(&paths.scripts_dir());
            let mut failed = false;
            let mut report = |name: &str, result: Result<Script, crate::problems::Problems>| match result {
                Ok(s) => writeln!(
                    out,
                    "ok: {}: {}, {}",
                    one_line(name),
                    crate::output::count(s.steps.len(), "step"),
                    crate::output::count(s.prompt_count(), "prompt")
                ),
                Err(problems) => {
                    failed = true;
                    writeln!(out, "{problems}")
                }
            };
            match script {
                Some(arg) => match library.resolve(&arg, &paths.scripts_dir()) {
                    Ok(s) => report(&arg, Ok(s))?,
                    Err(crate::library::ResolveError::Broken(problems)) => report(&arg, Err(problems))?,
                    Err(err) => bail!("{err}"),
                },
                None => {
                    for listed in &library.scripts {
                        report(&listed.script.name, Ok(listed.script.clone()))?;
                    }
                    for problems in &library.problems {
                        report("", Err(problems.clone()))?;
                    }
                }
            }
            if failed {
                bail!("a script has problems (see above)");
            }
            Ok(())
        }
    }
}

/// `ownup config path|init|check`.
pub fn config(paths: &Paths, action: ConfigAction, out: &mut Printable<Stdout>) -> Result<()> {
    let path = paths.config_file();
    match action {
        ConfigAction::Path => {
            writeln!(out, "{}", path.display())?;
            Ok(())
        }
        ConfigAction::Init => {
            create_new(&path, CONFIG_TEMPLATE)?;
            writeln!(out, "{}", path.display())?;
            Ok(())
        }
        ConfigAction::Check => {
            // Everything the app checks before it starts (config.ron, nudges.ron, scripts
            // adjusted by it), so that "ok" here means the app will start.
            match Setup::check(paths, false) {
                Ok(_) if std::fs::symlink_metadata(&path).is_err() => {
                    writeln!(
                        out,
                        "ok: there is no {} — ownup uses the defaults",
                        path.display()
                    )?;
                    Ok(())
                }
                Ok(_) => {
                    writeln!(out, "ok: {}", path.display())?;
                    Ok(())
                }
                Err(problems) => {
                    writeln!(out, "{problems}")?;
                    bail!("config.ron has problems (see above) — ownup --no-config starts without it");
                }
            }
        }
    }
}

/// Writes a new file (0600, in a 0700 directory), never over an existing one.
fn create_new(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    match crate::files::write_new(path, text.as_bytes(), crate::files::Existing::Refuse) {
        Ok(()) => Ok(()),
        Err(crate::files::WriteError::Exists { .. }) => {
            bail!("{} already exists — it is left as it is", path.display())
        }
        Err(err) => Err(err.into()),
    }
}
