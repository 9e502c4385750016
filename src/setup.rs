//! What the app and the commands need before they start: the settings, the scripts and the
//! keys, checked together. No terminal code.

use anyhow::{Result, anyhow};

use crate::config::{Config, Paths};
use crate::keymap::Keymap;
use crate::library::Library;
use crate::nudge::Lexicon;
use crate::problems::{Origin, Problem, Problems};
use crate::script::Script;

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
        // config.ron's key changes were checked as it was read; the defaults are sound.
        let keymap = Keymap::with_changes(&config.keys).map_err(|problems| Problems {
            origin: Origin::File(paths.config_file()),
            problems: problems
                .into_iter()
                .map(|p| Problem {
                    at: None,
                    message: p.message,
                })
                .collect(),
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
