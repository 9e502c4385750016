//! The key of an encrypted store: opened once a run, before anything is read (the passphrase
//! asked on the terminal, or read from the file `OWNUP_PASSPHRASE_FILE` names; or the age
//! identity file config.ron names), and set by `ownup encrypt`, taken away by `ownup decrypt`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use age::secrecy::SecretString;
use anyhow::{Context as _, Result, bail};

use crate::config::{Config, Encryption, Paths};
use crate::crypt::{CryptError, Seal, SealKind, StoreKey};
use crate::files::{Links, read_regular};
use crate::library::Library;
use crate::passphrase::{self, PassphraseError};
use crate::store::{Keys, SessionStore};

/// When config.ron asks for encryption and the sessions of `store` are not encrypted, what
/// to tell the person: nothing is to be written in the clear that they asked to keep
/// encrypted.
pub fn not_in_effect(store: &SessionStore, paths: &Paths, no_config: bool) -> Option<String> {
    if store.is_encrypted() || no_config || encryption_settings(paths).ok().flatten().is_none() {
        return None;
    }
    let orphans = store.files_not_in_the_store_form();
    Some(match orphans.first() {
        Some(first) => format!(
            "config.ron says your sessions are encrypted, and their key (key.age) is not in {} — {} encrypted file(s) cannot be opened without it (e.g. {}): put key.age back, from a backup or another machine",
            paths.data_dir.display(),
            orphans.len(),
            first.display()
        ),
        None => format!(
            "config.ron says your sessions are encrypted, and those in {} are not (there is no key.age) — encrypt them with ownup encrypt, or take the encryption line out of {}",
            paths.data_dir.display(),
            paths.config_file().display()
        ),
    })
}

/// How many times a passphrase typed on the terminal may be wrong before ownup stops.
pub(super) const TRIES: usize = 3;
/// The largest identity file read.
const MAX_IDENTITY_SIZE: u64 = 64 * 1024;
/// The variable that names a file holding the passphrase.
pub const PASSPHRASE_FILE: &str = "OWNUP_PASSPHRASE_FILE";
/// The variable that sets scrypt's work factor (log2) for a new passphrase (tests).
const PASSPHRASE_WORK: &str = "OWNUP_PASSPHRASE_WORK";

/// Whether the key may be asked for on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Yes: a command a person runs.
    Terminal,
    /// No: a shell prompt's `ownup due`, a completion; only a key at hand without asking
    /// (an identity file, a passphrase file) is used.
    Never,
}

/// `store` with its key given, when it is encrypted. `Ok(None)` when the key is not at hand
/// and `ask` is [`Ask::Never`].
pub fn unlock(store: SessionStore, paths: &Paths, no_config: bool, ask: Ask) -> Result<Option<SessionStore>> {
    if !store.is_encrypted() {
        return Ok(Some(store));
    }
    // Once a run: the second store opened in a run (resume, then the app) asks nothing.
    if let Some(keys) = UNLOCKED.get() {
        return Ok(Some(store.with_keys(keys.clone())));
    }
    let key_file = store.layout().key();
    let sealed = store
        .sealed_key()?
        .with_context(|| format!("{} is gone", key_file.display()))?;
    let keys = match StoreKey::seal_kind(&sealed) {
        None => bail!(
            "{} is not an ownup store key (an age file sealed with a passphrase or to an identity) — it may be damaged; nothing was read or changed",
            key_file.display()
        ),
        Some(SealKind::Passphrase) => match passphrase_key(&sealed, &key_file, ask)? {
            Some(key) => key,
            None => return Ok(None),
        },
        Some(SealKind::Identity) => {
            let identity = identity_file(paths, no_config, &key_file)?;
            let text = read_identity(&identity)?;
            // An SSH key with a passphrase of its own: asked on the terminal, as ssh does.
            let ask: Option<crate::crypt::AskSshPassphrase> = (ask == Ask::Terminal).then(|| {
                let ask: crate::crypt::AskSshPassphrase =
                    Arc::new(|description: &str| passphrase::ask(&format!("{description}: "), None).ok());
                ask
            });
            StoreKey::unseal_asking(&sealed, Seal::IdentityFile(&text), ask)
                .map_err(|err| unseal_error(err, &key_file, Some(&identity)))?
        }
    };
    let keys = UNLOCKED.get_or_init(|| Arc::new(Keys::new(keys))).clone();
    Ok(Some(store.with_keys(keys)))
}

/// The key opened in this run.
static UNLOCKED: OnceLock<Arc<Keys>> = OnceLock::new();

/// The store key opened with a passphrase: from the file, or asked (three tries).
pub(super) fn passphrase_key(sealed: &[u8], key_file: &Path, ask: Ask) -> Result<Option<StoreKey>> {
    if let Some(file) = passphrase_file() {
        let phrase = passphrase::from_file(&file)?;
        return open_with(sealed, Seal::Passphrase(&phrase, None), key_file, &file).map(Some);
    }
    if ask == Ask::Never {
        return Ok(None);
    }
    for attempt in 1..=TRIES {
        let phrase = passphrase::ask("Passphrase for your ownup sessions: ", None)?;
        match StoreKey::unseal(sealed, Seal::Passphrase(&phrase, None)) {
            Ok(key) => return Ok(Some(key)),
            Err(CryptError::WrongKey) if attempt < TRIES => {
                crate::output::say(format_args!("That passphrase does not open them — try again."));
            }
            Err(err) => return Err(unseal_error(err, key_file, None)),
        }
    }
    unreachable!("the last try returns")
}

/// The file `OWNUP_PASSPHRASE_FILE` names, if it is set and not empty.
pub(super) fn passphrase_file() -> Option<PathBuf> {
    std::env::var_os(PASSPHRASE_FILE)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The store key from `sealed` with `seal`, or an error naming `what` opened it.
fn open_with(sealed: &[u8], seal: Seal<'_>, key_file: &Path, what: &Path) -> Result<StoreKey> {
    StoreKey::unseal(sealed, seal).map_err(|err| unseal_error(err, key_file, Some(what)))
}

fn unseal_error(err: CryptError, key_file: &Path, what: Option<&Path>) -> anyhow::Error {
    let by = what.map(|p| format!(" ({})", p.display())).unwrap_or_default();
    match err {
        CryptError::WrongKey => anyhow::anyhow!(
            "the passphrase or identity{by} does not open {} — nothing was read or changed",
            key_file.display()
        ),
        other => anyhow::anyhow!(
            "cannot open {}: {other} — nothing was read or changed",
            key_file.display()
        ),
    }
}

/// The identity file config.ron names for an encrypted store.
fn identity_file(paths: &Paths, no_config: bool, key_file: &Path) -> Result<PathBuf> {
    let missing = || {
        anyhow::anyhow!(
            "your sessions' key ({}) is sealed to an age identity file, and config.ron names none — add encryption: (identity: \"PATH\") to {}, or run ownup encrypt --identity FILE",
            key_file.display(),
            paths.config_file().display()
        )
    };
    if no_config {
        bail!(
            "your sessions are encrypted to the identity file config.ron names, and --no-config leaves config.ron out — run without --no-config"
        );
    }
    let encryption = encryption_settings(paths)?.ok_or_else(missing)?;
    let identity = encryption.identity.ok_or_else(missing)?;
    Ok(resolve(&identity, paths))
}

/// The encryption settings of config.ron (`None` when it has none, or there is no file).
pub fn encryption_settings(paths: &Paths) -> Result<Option<Encryption>> {
    let library = Library::load(&paths.scripts_dir());
    let config = Config::load(&paths.config_file(), &library).map_err(|problems| {
        anyhow::anyhow!("{problems}\n(fix it — `ownup config check` shows every problem)")
    })?;
    Ok(config.encryption)
}

/// `path` as config.ron gives it: `~/` is the home folder, a relative path is relative to the
/// config folder.
pub fn resolve(path: &str, paths: &Paths) -> PathBuf {
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .or_else(dirs::home_dir)
    {
        return home.join(rest);
    }
    let path = Path::new(path);
    match path.is_absolute() {
        true => path.to_path_buf(),
        false => paths.config_dir.join(path),
    }
}

/// The text of the identity file at `path`.
pub fn read_identity(path: &Path) -> Result<String> {
    let bytes = read_regular(path, Links::Follow, MAX_IDENTITY_SIZE).map_err(|err| {
        anyhow::anyhow!(
            "cannot read the identity file {}: {}",
            path.display(),
            match err {
                crate::files::ReadError::Io(err) if err.kind() == std::io::ErrorKind::NotFound =>
                    "there is no such file".to_string(),
                crate::files::ReadError::Io(err) => err.to_string(),
                crate::files::ReadError::NotAFile(kind) => format!("it is {}, not a file", kind.describe()),
                crate::files::ReadError::TooLarge { .. } =>
                    "it is too large for an age identity file".to_string(),
            }
        )
    })?;
    String::from_utf8(bytes)
        .with_context(|| format!("{} is not an age identity file (not text)", path.display()))
}

/// The passphrase for a new seal: from the file, or asked twice.
pub fn new_passphrase() -> Result<SecretString> {
    let phrase = match passphrase_file() {
        Some(file) => passphrase::from_file(&file)?,
        None => passphrase::ask(
            "A passphrase for your ownup sessions: ",
            Some("The same passphrase again: "),
        )
        .map_err(|err: PassphraseError| anyhow::anyhow!(err))?,
    };
    fit_as_new(phrase)
}

/// `phrase`, if it will do as a new passphrase (see [`passphrase::unfit_as_new`]).
fn fit_as_new(phrase: SecretString) -> Result<SecretString> {
    match passphrase::unfit_as_new(&phrase) {
        Some(why) => bail!("that passphrase will not do: {why}. Nothing was changed."),
        None => Ok(phrase),
    }
}

/// The variable that names a file holding the new passphrase of `ownup passphrase`.
pub const NEW_PASSPHRASE_FILE: &str = "OWNUP_NEW_PASSPHRASE_FILE";

/// The passphrase replacing the one a store key has (`ownup passphrase`): from the file
/// `OWNUP_NEW_PASSPHRASE_FILE` names, or asked twice.
pub fn replacing_passphrase() -> Result<SecretString> {
    let file = std::env::var_os(NEW_PASSPHRASE_FILE)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    let phrase = match file {
        Some(file) => passphrase::from_file_named_by(&file, NEW_PASSPHRASE_FILE)?,
        None => passphrase::ask(
            "The new passphrase for your ownup sessions: ",
            Some("The same new passphrase again: "),
        )
        .map_err(|err: PassphraseError| anyhow::anyhow!(err))?,
    };
    fit_as_new(phrase)
}

/// scrypt's work factor for a new passphrase seal: `OWNUP_PASSPHRASE_WORK` (log2, 1 to 22),
/// else age's choice (about a second on this machine).
pub fn passphrase_work() -> Result<Option<u8>> {
    match std::env::var(PASSPHRASE_WORK) {
        Ok(value) if !value.is_empty() => match value.parse::<u8>() {
            Ok(work) if (1..=22).contains(&work) => Ok(Some(work)),
            _ => bail!("{PASSPHRASE_WORK} is {value:?} — give a number from 1 to 22, or leave it unset"),
        },
        _ => Ok(None),
    }
}
