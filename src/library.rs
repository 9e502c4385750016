//! All the scripts ownup can run: the built-in ones and the user's `*.ron` files in
//! `<config>/scripts/`. A user script with the same `name` as a built-in one replaces it.
//! A broken file is reported, never fatal: the other scripts stay usable. No terminal code.

use std::path::{Path, PathBuf};

use crate::problems::{Origin, Problems};
use crate::script::{BUILT_IN, DEFAULT_SCRIPT, Script};

/// Where a script comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Compiled into ownup.
    BuiltIn,
    /// A file in the scripts directory (or given by path).
    File(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::BuiltIn => write!(f, "built-in"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One usable script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The script.
    pub script: Script,
    /// Where it comes from.
    pub source: Source,
    /// Whether it replaces a built-in script of the same name.
    pub replaces_built_in: bool,
}

/// Every script, in order: built-ins (or the user's replacements) first, then the user's own.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The usable scripts.
    pub scripts: Vec<Listed>,
    /// Files in the scripts directory that could not be used, with why.
    pub problems: Vec<Problems>,
}

impl Library {
    /// The built-in scripts and every `*.ron` file in `dir` (which need not exist).
    pub fn load(dir: &Path) -> Library {
        let mut library = Library {
            scripts: BUILT_IN
                .iter()
                .filter_map(|(name, source)| Script::parse(source, Origin::BuiltIn(name.to_string())).ok())
                .map(|script| Listed {
                    script,
                    source: Source::BuiltIn,
                    replaces_built_in: false,
                })
                .collect(),
            problems: Vec::new(),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for path in files {
            match Script::load(&path) {
                Ok(script) => library.add_file(script, path),
                Err(problems) => library.problems.push(problems),
            }
        }
        library
    }

    fn add_file(&mut self, script: Script, path: PathBuf) {
        match self.scripts.iter_mut().find(|l| l.script.name == script.name) {
            Some(existing) if existing.source == Source::BuiltIn => {
                *existing = Listed {
                    script,
                    source: Source::File(path),
                    replaces_built_in: true,
                };
            }
            Some(existing) => {
                let first = existing.source.to_string();
                self.problems.push(Problems::single(
                    Origin::File(path),
                    None,
                    format!(
                        "another script is already named \"{}\" ({first}) — give one of them another name",
                        script.name
                    ),
                ));
            }
            None => self.scripts.push(Listed {
                script,
                source: Source::File(path),
                replaces_built_in: false,
            }),
        }
    }

    /// The script called `name`.
    pub fn get(&self, name: &str) -> Option<&Listed> {
        self.scripts.iter().find(|l| l.script.name == name)
    }

    /// The names of every usable script.
    pub fn names(&self) -> Vec<&str> {
        self.scripts.iter().map(|l| l.script.name.as_str()).collect()
    }

    /// The script named by `arg`, or read from the file `arg` points to.
    pub fn resolve(&self, arg: &str, dir: &Path) -> Result<Script, ResolveError> {
        let path = Path::new(arg);
        if arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".ron") || path.is_file() {
            return Script::load(path).map_err(ResolveError::Broken);
        }
        if let Some(listed) = self.get(arg) {
            return Ok(listed.script.clone());
        }
        // A broken file of that name says why, rather than "no such script".
        if let Some(problems) = self.problems.iter().find(|p| match &p.origin {
            Origin::File(file) => file.file_stem().is_some_and(|s| s == arg),
            Origin::BuiltIn(_) => false,
        }) {
            return Err(ResolveError::Broken(problems.clone()));
        }
        Err(ResolveError::Unknown {
            name: arg.to_string(),
            known: self.names().join(", "),
            dir: dir.to_path_buf(),
        })
    }

    /// The default script: `name` if given and usable, else the built-in default.
    pub fn default_script(&self, name: Option<&str>) -> Script {
        name.and_then(|n| self.get(n))
            .or_else(|| self.get(DEFAULT_SCRIPT))
            .map(|l| l.script.clone())
            .unwrap_or_else(Script::default_script)
    }
}

/// A script that cannot be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The file exists but has problems.
    #[error("{0}")]
    Broken(Problems),
    /// No script has that name.
    #[error(
        "no script named \"{name}\" — there are: {known}; your own scripts go in {}; or give the path of a .ron file",
        dir.display()
    )]
    Unknown {
        /// What was asked for.
        name: String,
        /// The names there are.
        known: String,
        /// The user's scripts directory.
        dir: PathBuf,
    },
}

/// The text `ownup script init` writes: a commented template, or a copy of `from`'s source,
/// renamed to `name`.
pub fn starting_text(name: &str, from: Option<(&Listed, Option<&str>)>) -> String {
    let (source, original_name) = match from {
        Some((listed, Some(text))) => (text.to_string(), listed.script.name.clone()),
        Some((listed, None)) => (
            ron::ser::to_string_pretty(&listed.script, ron::ser::PrettyConfig::new().struct_names(true))
                .unwrap_or_default(),
            listed.script.name.clone(),
        ),
        None => (TEMPLATE.to_string(), "NAME".to_string()),
    };
    let rename_from = format!("name: \"{original_name}\"");
    let text = source.replacen(&rename_from, &format!("name: \"{name}\""), 1);
    text.replace("--script NAME", &format!("--script {name}"))
        .replace("script check NAME", &format!("script check {name}"))
}

/// The commented template of `ownup script init`.
const TEMPLATE: &str = include_str!("../assets/scripts/template.ron");

/// The RON source of a built-in script, as shipped (with its comments).
pub fn built_in_source(name: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn built_ins_come_first_and_a_user_script_of_the_same_name_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let quick = built_in_source("quick")
            .unwrap()
            .replace("A quick own-up", "My quick one");
        fs::write(dir.path().join("mine.ron"), quick).unwrap();
        fs::write(dir.path().join("extra.ron"), starting_text("extra", None)).unwrap();
        let library = Library::load(dir.path());
        assert_eq!(library.names(), ["own-it", "quick", "incident-review", "extra"]);
        let quick = library.get("quick").unwrap();
        assert_eq!(quick.script.title, "My quick one");
        assert!(quick.replaces_built_in);
        assert_eq!(quick.source, Source::File(dir.path().join("mine.ron")));
        assert!(library.problems.is_empty(), "{:?}", library.problems);
    }

    #[test]
    fn broken_and_duplicate_user_scripts_are_reported_and_the_rest_still_works() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.ron"), starting_text("same", None)).unwrap();
        fs::write(dir.path().join("b.ron"), starting_text("same", None)).unwrap();
        fs::write(dir.path().join("broken.ron"), "Script(").unwrap();
        let library = Library::load(dir.path());
        assert_eq!(library.names(), ["own-it", "quick", "incident-review", "same"]);
        let messages: Vec<String> = library.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[0],
            format!(
                "{}: another script is already named \"same\" ({}) — give one of them another name",
                dir.path().join("b.ron").display(),
                dir.path().join("a.ron").display()
            )
        );
        assert_eq!(
            messages[1],
            format!(
                "{}:1:7: the file ends too early — a bracket or parenthesis is not closed",
                dir.path().join("broken.ron").display()
            )
        );
        let err = library.resolve("broken", dir.path()).unwrap_err();
        assert!(
            matches!(err, ResolveError::Broken(_)),
            "a broken file says why: {err}"
        );
    }

    #[test]
    fn the_template_and_copies_are_valid_scripts_with_the_new_name() {
        let template = starting_text("mine", None);
        let script = Script::parse(&template, Origin::BuiltIn("t".into())).unwrap();
        assert_eq!(script.name, "mine");
        assert!(template.contains("ownup new --script mine"));
        let library = Library::load(Path::new("/nonexistent"));
        let from = library.get("incident-review").unwrap();
        let copy = starting_text("postmortem", Some((from, built_in_source("incident-review"))));
        let script = Script::parse(&copy, Origin::BuiltIn("t".into())).unwrap();
        assert_eq!(script.name, "postmortem");
        assert_eq!(script.steps, from.script.steps);
        assert!(copy.starts_with("// A blameless review"), "comments are kept");
    }

    #[test]
    fn unknown_names_list_the_scripts_there_are() {
        let library = Library::load(Path::new("/nonexistent"));
        let err = library.resolve("nope", Path::new("/cfg/scripts")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no script named \"nope\" — there are: own-it, quick, incident-review; your own scripts go in /cfg/scripts; or give the path of a .ron file"
        );
    }
}
