//! What the app needs before it starts: the settings and the scripts, checked together.

use anyhow::{Result, anyhow};

use crate::config::{Config, Paths};
use crate::library::Library;
use crate::nudge::Lexicon;
use crate::problems::{Finder, Origin, Problems};
use crate::script::Script;
use crate::tui::keys::Keymap;

/// The settings and every script, with the config's prompt changes made.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The settings (defaults with `--no-config` or without config.ron).
    pub config: Config,
    /// Every usable script, adjusted by `config.prompts`.
    pub library: Library,
    /// The keys, with the config's changes.
    pub keymap: Keymap,
    /// The nudge lexicon, unless nudges are off.
    pub lexicon: Option<Lexicon>,
}

impl Setup {
    /// Loads and checks the scripts and config.ron (unless `no_config`).
    pub fn load(paths: &Paths, no_config: bool) -> Result<Setup> {
        Setup::check(paths, no_config).map_err(|problems| {
            anyhow!("{problems}\n(fix it — `ownup config check` shows every problem — or start without it: ownup --no-config)")
        })
    }

    /// Like [`Setup::load`], with the problems of config.ron as they are.
    pub fn check(paths: &Paths, no_config: bool) -> Result<Setup, Problems> {
        let mut library = Library::load(&paths.scripts_dir());
        let config = if no_config {
            Config::default()
        } else {
            Config::load(&paths.config_file(), &library)?
        };
        let keymap = Keymap::with_changes(&config.keys).map_err(|messages| {
            // Point at the line of the last action a message names: the one that moved.
            let source = crate::problems::read_text(&paths.config_file()).unwrap_or_default();
            let finder = Finder::new(&source);
            let problems = messages
                .into_iter()
                .map(|message| {
                    let at = config
                        .keys
                        .keys()
                        .filter(|action| message.contains(&format!("to {action}")))
                        .filter_map(|action| finder.literal(action))
                        .max();
                    finder.problem(at, message)
                })
                .collect();
            let problems = Problems {
                origin: Origin::File(paths.config_file()),
                problems,
            };
            if crate::problems::links_outside(&paths.config_file()) {
                problems.unquoted()
            } else {
                problems
            }
        })?;
        for listed in &mut library.scripts {
            listed.script = config.adjust(&listed.script);
        }
        let lexicon = match (config.nudges, no_config) {
            (false, _) => None,
            (true, true) => Some(Lexicon::built_in()),
            (true, false) => Some(Lexicon::load(&paths.config_dir)?),
        };
        Ok(Setup {
            config,
            library,
            keymap,
            lexicon,
        })
    }

    /// The script `arg` names, or the file it points to, with the config's prompt changes.
    pub fn resolve(&self, arg: &str, paths: &Paths) -> Result<Script> {
        let script = self.library.resolve(arg, &paths.scripts_dir())?;
        Ok(self.config.adjust(&script))
    }

    /// The script `n` and `ownup new` start.
    pub fn default_script(&self) -> Script {
        self.library.default_script(Some(&self.config.default_script))
    }
}
