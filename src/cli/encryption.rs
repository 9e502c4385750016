//! `ownup encrypt` and `ownup decrypt`: a store's files encrypted with age, or back to plain
//! text, every file verified before its old form is removed; run again after an interruption,
//! each carries on where it stopped.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};

use super::keys::{self, Ask};
use crate::config::{Config, Paths};
use crate::crypt::{Seal, SealKind, StoreKey};
use crate::library::Library;
use crate::output::{Printable, say};
use crate::store::{Converted, Keys, SessionStore};

/// How `ownup encrypt` is to hold the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// Sealed to this age identity file.
    Identity(PathBuf),
    /// Sealed with a passphrase.
    Passphrase,
}

/// `ownup encrypt`: makes the store key (or opens the one there), seals it as `how` says,
/// records how in config.ron, then encrypts every file.
pub fn encrypt(
    paths: &Paths,
    no_config: bool,
    how: How,
    out: &mut Printable<impl std::io::Write>,
) -> Result<()> {
    if no_config {
        bail!(
            "ownup encrypt records how your key is opened in config.ron, which --no-config leaves out — run it without --no-config"
        );
    }
    // Alone: an ownup open elsewhere would go on writing in the old form.
    let store = SessionStore::open_alone(paths.layout())?;
    let identity = match &how {
        How::Identity(path) => Some(absolute(path)?),
        How::Passphrase => None,
    };
    let identity_text = identity.as_deref().map(keys::read_identity).transpose()?;
    // Checked before anything is written: a broken config.ron stops here.
    let config_text = with_encryption(paths, identity.as_deref())?;
    let store = match store.sealed_key()? {
        // Encrypted already: carried on, or sealed another way.
        Some(sealed) => {
            // Opened with the identity given, when it opens it (config.ron may not name it
            // yet: a key taken from another machine by a sync); else as every command does.
            let given = identity_text
                .as_deref()
                .and_then(|text| StoreKey::unseal(&sealed, Seal::IdentityFile(text)).ok());
            let store = match given {
                Some(key) => store.with_keys(Arc::new(Keys::new(key))),
                None => keys::unlock(store, paths, no_config, Ask::Terminal)?
                    .context("the key of your sessions is not at hand")?,
            };
            // Every encrypted file here must open with it: a key.age that does not (put in by
            // hand, or by someone who can write to the remote, sealed to your identity's public
            // half) would have your plain sessions encrypted to a key that is not theirs.
            let keys = store.keys().context("the key of your sessions is not at hand")?;
            let unopened = store.files_not_opened_by(keys.store());
            if let Some(first) = unopened.first() {
                bail!(
                    "{} encrypted file(s) here do not open with the key in {} (e.g. {}): it may not be the key your sessions are encrypted with — nothing was encrypted or changed. Put the right key.age back (from a backup, or another machine), or move those files away, then run this again",
                    unopened.len(),
                    store.layout().key().display(),
                    first.display()
                );
            }
            refuse_unless_it_opens_the_synced_files(
                &paths.data_dir,
                keys.store(),
                store.has_encrypted_sessions(),
            )?;
            // Sealed the same way: kept as it is (key.age travels: a new seal of the same key
            // would look like another key to the other machines). Otherwise sealed anew; the
            // files stay as they are.
            let same = match (StoreKey::seal_kind(&sealed), &how) {
                (Some(SealKind::Passphrase), How::Passphrase) => true,
                (Some(SealKind::Identity), How::Identity(_)) => identity_text
                    .as_deref()
                    .is_some_and(|text| StoreKey::unseal(&sealed, Seal::IdentityFile(text)).is_ok()),
                _ => false,
            };
            // Sealed first (a passphrase asked for may not come): config.ron changes only once
            // there is a seal to put in place.
            let resealed = match same {
                true => None,
                false => Some(seal(keys.store(), &how, identity_text.as_deref())?),
            };
            write_config(paths, config_text.as_deref())?;
            if let Some(resealed) = resealed {
                store.replace_sealed_key(&resealed)?;
                writeln!(
                    out,
                    "Your sessions' key is now {}.",
                    described(&how, identity.as_deref())
                )?;
            }
            store
        }
        None => {
            // Encrypted files without their key: a new key would not open them.
            let orphans = store.files_not_in_the_store_form();
            if let Some(first) = orphans.first() {
                bail!(
                    "{} encrypted file(s) are here without their key (key.age), e.g. {} — put key.age back (from a backup, or another machine) and run this again; a new key would not open them. Nothing was changed.",
                    orphans.len(),
                    first.display()
                );
            }
            // Synced with machines whose sessions are encrypted (decrypted here since, or
            // joining): their key, from the last sync, not a new one they could not open.
            if let Some(synced) = synced_key(&paths.data_dir) {
                let key_file = store.layout().key();
                let (key, keep) = match StoreKey::seal_kind(&synced) {
                    Some(SealKind::Passphrase) => (
                        keys::passphrase_key(&synced, &key_file, Ask::Terminal)?
                            .context("the passphrase of your synced sessions is not at hand")?,
                        how == How::Passphrase,
                    ),
                    _ => match identity_text
                        .as_deref()
                        .map(|text| StoreKey::unseal(&synced, Seal::IdentityFile(text)))
                    {
                        Some(Ok(key)) => (key, true),
                        _ => bail!(
                            "your synced sessions are encrypted with a key sealed to an identity (key.age of the last sync), and this one does not open it — give that identity: ownup encrypt --identity FILE. Nothing was changed."
                        ),
                    },
                };
                refuse_unless_it_opens_the_synced_files(&paths.data_dir, &key, false)?;
                // Kept as it was sealed (key.age travels: a new seal would look like another
                // key to the other machines), unless asked to seal it another way here.
                let sealed = match keep {
                    true => synced,
                    false => seal(&key, &how, identity_text.as_deref())?,
                };
                write_config(paths, config_text.as_deref())?;
                store.write_sealed_key(&sealed)?;
                writeln!(out, "Your sessions take the key of the last sync.")?;
                store.reopened().with_keys(Arc::new(Keys::new(key)))
            } else {
                let key = StoreKey::generate();
                let sealed = seal(&key, &how, identity_text.as_deref())?;
                write_config(paths, config_text.as_deref())?;
                store.write_sealed_key(&sealed)?;
                store.reopened().with_keys(Arc::new(Keys::new(key)))
            }
        }
    };
    // A save cut short left its text in a temp file: never a saved version (the file it was
    // to replace is whole), and not encrypted. No other ownup is running: none is in use.
    store.remove_temp_files();
    // The index of the files as they were holds their words: it goes first.
    store.remove_index();
    let converted = convert(&store, true)?;
    store.rebuild_index()?;
    report(&converted, true, out)?;
    writeln!(
        out,
        "Your sessions in {} are encrypted; the key is {}, {}.",
        paths.data_dir.display(),
        store.layout().key().display(),
        described(&how, identity.as_deref())
    )?;
    if history_holds_plain_files(&paths.data_dir) {
        writeln!(
            out,
            "Note: the git history in {} still holds your sessions as they were before, readable by anyone with the repository or its remote (see README, \"Encryption\").",
            paths.data_dir.join(".git").display()
        )?;
    }
    // What was written in an editor and not taken into a session (ownup ended meanwhile)
    // is the person's own words, plain: said, to be dealt with by hand.
    let editor_files = std::fs::read_dir(store.dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".edit-") && n.ends_with(".md"))
        });
    for path in editor_files {
        writeln!(
            out,
            "Not encrypted: {} holds words written in your editor that are in no session yet — copy what you need into a session, then delete it.",
            crate::output::one_line(path.display())
        )?;
    }
    finished(&converted, "encrypt")
}

/// `ownup decrypt`: every file back to plain text, then the store key and config.ron's
/// encryption setting removed.
pub fn decrypt(paths: &Paths, no_config: bool, out: &mut Printable<impl std::io::Write>) -> Result<()> {
    let store = SessionStore::open_alone(paths.layout())?;
    if !store.is_encrypted() {
        let left = store.files_not_in_the_store_form();
        if left.is_empty() {
            // config.ron may still say they are (a decrypt cut short): it is put right.
            let config_text = without_encryption(paths, no_config)?;
            let said = config_text.is_some();
            write_config(paths, config_text.as_deref())?;
            writeln!(
                out,
                "Your sessions are not encrypted: nothing to do{}.",
                if said {
                    " (config.ron no longer says they are)"
                } else {
                    ""
                }
            )?;
            return Ok(());
        }
        bail!(
            "{} encrypted file(s) are in {} without its key (key.age), e.g. {} — put key.age back (from a backup, or another machine), then run ownup decrypt again",
            left.len(),
            paths.data_dir.display(),
            left[0].display()
        );
    }
    let config_text = without_encryption(paths, no_config)?;
    let store = keys::unlock(store, paths, no_config, Ask::Terminal)?
        .context("the key of your sessions is not at hand")?;
    store.remove_temp_files();
    store.remove_index();
    let converted = convert(&store, false)?;
    report(&converted, false, out)?;
    if !converted.is_complete() {
        return finished(&converted, "decrypt");
    }
    store.remove_sealed_key()?;
    write_config(paths, config_text.as_deref())?;
    store.reopened().rebuild_index()?;
    writeln!(
        out,
        "Your sessions in {} are plain text again, and the key is gone.",
        paths.data_dir.display()
    )?;
    Ok(())
}

/// `ownup passphrase`: the store key sealed with a new passphrase (asked, or from the file
/// `OWNUP_NEW_PASSPHRASE_FILE` names), once the one it has opened it. Nothing else changes.
pub fn change_passphrase(
    paths: &Paths,
    no_config: bool,
    out: &mut Printable<impl std::io::Write>,
) -> Result<()> {
    let store = SessionStore::open_layout(paths.layout())?;
    if let Some(why) = keys::not_in_effect(&store, paths, no_config) {
        bail!("{why}");
    }
    let key_file = store.layout().key();
    let Some(sealed) = store.sealed_key()? else {
        bail!(
            "your sessions in {} are not encrypted, so they have no passphrase — to encrypt them with one: ownup encrypt --passphrase",
            paths.data_dir.display()
        );
    };
    match StoreKey::seal_kind(&sealed) {
        Some(SealKind::Passphrase) => {}
        Some(SealKind::Identity) => bail!(
            "your sessions' key ({}) is sealed to an identity file, not with a passphrase — to seal it with a passphrase instead: ownup encrypt --passphrase",
            key_file.display()
        ),
        None => bail!(
            "{} is not an ownup store key (an age file sealed with a passphrase or to an identity) — it may be damaged; nothing was changed",
            key_file.display()
        ),
    }
    let key = keys::passphrase_key(&sealed, &key_file, Ask::Terminal)?
        .context("the passphrase of your sessions is not at hand")?;
    // A change cut short (killed) left a sealed copy of the key beside it, perhaps with a
    // passphrase since replaced: gone, unless the ownup writing it is still running.
    store.remove_key_temp_files(|pid| !process_is_running(pid));
    let phrase = keys::replacing_passphrase()?;
    if StoreKey::unseal(&sealed, Seal::Passphrase(&phrase, None)).is_ok() {
        writeln!(
            out,
            "That is the passphrase your sessions' key has already: nothing was changed."
        )?;
        return Ok(());
    }
    let resealed = key.seal(Seal::Passphrase(&phrase, keys::passphrase_work()?))?;
    // Checked before it replaces the seal there is: the new one must open, with the new
    // passphrase, to this very key.
    match StoreKey::unseal(&resealed, Seal::Passphrase(&phrase, None)) {
        Ok(back) if back.recipient() == key.recipient() => {}
        _ => bail!("the key sealed with the new passphrase did not open again — nothing was changed"),
    }
    store.replace_sealed_key(&resealed)?;
    writeln!(
        out,
        "Your sessions' key ({}) opens with the new passphrase now, and no longer with the old one. No session was rewritten: the key is the same.",
        key_file.display()
    )?;
    if paths.data_dir.join(".git").exists() {
        writeln!(
            out,
            "Your other machines take it at their next ownup sync, which asks them for the new passphrase once. The git history still holds key.age sealed with the old passphrase: if that passphrase was seen by someone, see README, \"Encryption\"."
        )?;
    }
    Ok(())
}

/// An error when `key` does not open every encrypted file of the last sync (in the data
/// folder `dir`'s git repository): a key.age put on the remote by someone who can write to it,
/// sealed to the public half of your identity, would have your sessions encrypted to their key.
fn refuse_unless_it_opens_the_synced_files(dir: &Path, key: &StoreKey, checked_here: bool) -> Result<()> {
    let synced = crate::sync::synced_encrypted_files(dir)?;
    // A key taken from the remote with no encrypted session to check it by: anyone who can
    // write to the remote could have put it there, sealed to your identity's public half.
    if synced.is_empty() && !checked_here && crate::sync::key_was_received(dir) {
        bail!(
            "the key in {} came from your remote, and no encrypted session was synced yet to check it by — nothing was encrypted or changed. If you encrypted on another machine, write a session there and sync it, then sync here and run this again; if you did not, someone who can write to your remote may have put key.age there: remove it from the remote and from here",
            dir.join("key.age").display()
        );
    }
    let unopened: Vec<&String> = synced
        .iter()
        .filter(|(_, bytes)| !key.opens(bytes))
        .map(|(path, _)| path)
        .collect();
    if let Some(first) = unopened.first() {
        bail!(
            "the key in {} does not open {} encrypted file(s) of the last sync (e.g. {}): it is not the key your synced sessions are encrypted with — someone who can write to your remote may have put it there. Nothing was encrypted or changed: put your own key.age back (from a backup, or another machine of yours)",
            dir.join("key.age").display(),
            unopened.len(),
            crate::output::one_line(first)
        );
    }
    Ok(())
}

/// Whether a process with this pid is running (and may be writing its temp file).
fn process_is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// The sealed key of the last sync (`key.age` in the git repository of the data folder
/// `dir`, at its branch's head), if there is one.
fn synced_key(dir: &Path) -> Option<Vec<u8>> {
    if !dir.join(".git").exists() {
        return None;
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "HEAD:key.age"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    (out.status.success() && StoreKey::seal_kind(&out.stdout).is_some()).then_some(out.stdout)
}

/// Whether the git repository of the data folder `dir` (if it is one) has ever held a
/// session file not encrypted; when git cannot say, it may have.
fn history_holds_plain_files(dir: &Path) -> bool {
    if !dir.join(".git").exists() {
        return false;
    }
    let listed = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["log", "--all", "--format=", "--name-only"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    match listed {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|path| path.ends_with(".ron")),
        _ => true,
    }
}

/// Converts, showing progress on a terminal.
fn convert(store: &SessionStore, encrypt: bool) -> Result<Converted> {
    let terminal = std::io::stderr().is_terminal();
    let verb = if encrypt { "Encrypting" } else { "Decrypting" };
    let converted = store.convert(encrypt, |done, of| {
        if terminal && of > 0 && (done % 50 == 0 || done == of) {
            // Only numbers: nothing from a file reaches the terminal.
            let _ = write!(std::io::stderr(), "\r{verb} {done} of {of} files…");
        }
    })?;
    if terminal {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    Ok(converted)
}

/// Says what the conversion did.
fn report(converted: &Converted, encrypt: bool, out: &mut Printable<impl std::io::Write>) -> Result<()> {
    let verb = if encrypt { "Encrypted" } else { "Decrypted" };
    writeln!(
        out,
        "{verb} {} file{}.",
        converted.converted,
        if converted.converted == 1 { "" } else { "s" }
    )?;
    for path in &converted.kept_beside {
        writeln!(
            out,
            "Kept {}: this file was there in both forms with different text; both are kept.",
            path.display()
        )?;
    }
    for id in &converted.locked {
        say(format_args!(
            "ownup: {id} is open in another ownup, so it was left as it was — close it, then run this again"
        ));
    }
    for (path, why) in &converted.failed {
        say(format_args!(
            "ownup: {} was left as it was: {why}",
            path.display()
        ));
    }
    Ok(())
}

/// An error when files were left as they were.
fn finished(converted: &Converted, command: &str) -> Result<()> {
    if converted.is_complete() {
        return Ok(());
    }
    bail!(
        "{} file(s) were left as they were (see above); every session can still be read — run ownup {command} again once that is sorted",
        converted.locked.len() + converted.failed.len()
    )
}

/// The store key sealed as `how` says.
fn seal(key: &StoreKey, how: &How, identity_text: Option<&str>) -> Result<Vec<u8>> {
    let sealed = match (how, identity_text) {
        (How::Identity(path), Some(text)) => key
            .seal(Seal::IdentityFile(text))
            .with_context(|| format!("cannot use {} as an age identity file", path.display()))?,
        _ => {
            let phrase = keys::new_passphrase()?;
            key.seal(Seal::Passphrase(&phrase, keys::passphrase_work()?))?
        }
    };
    Ok(sealed)
}

/// How the key is held, in words.
fn described(how: &How, identity: Option<&Path>) -> String {
    match (how, identity) {
        (How::Identity(_), Some(path)) => format!("sealed to your identity file {}", path.display()),
        _ => "sealed with your passphrase".to_string(),
    }
}

/// `path`, made absolute (config.ron must name it from anywhere).
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("cannot find {}", path.display()))
}

/// config.ron's text with the encryption setting for `identity` (or a passphrase), checked;
/// `None` when it says so already.
pub(super) fn with_encryption(paths: &Paths, identity: Option<&Path>) -> Result<Option<String>> {
    let value = match identity {
        Some(path) => {
            let path = path
                .to_str()
                .with_context(|| format!("{} is not UTF-8, which config.ron cannot hold", path.display()))?;
            format!(
                "(identity: {})",
                ron::to_string(path).context("cannot write the path in RON")?
            )
        }
        None => "(passphrase: true)".to_string(),
    };
    edited(paths, Some(&value))
}

/// config.ron's text without the encryption setting; `None` when there is nothing to change.
fn without_encryption(paths: &Paths, no_config: bool) -> Result<Option<String>> {
    if no_config || !paths.config_file().exists() {
        return Ok(None);
    }
    edited(paths, None)
}

/// config.ron with its `encryption` field set to `value` (or removed), checked by reading it
/// back as a config.
fn edited(paths: &Paths, value: Option<&str>) -> Result<Option<String>> {
    let file = paths.config_file();
    let source = match std::fs::read_to_string(&file) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", file.display())),
    };
    let text = crate::config::set_field(source.as_deref(), "encryption", value)
        .map_err(|err| anyhow::anyhow!("{}: {err}", file.display()))?;
    if source.as_deref() == Some(&text[..]) {
        return Ok(None);
    }
    let library = Library::load(&paths.scripts_dir());
    let origin = crate::problems::Origin::File(file.clone());
    Config::parse(&text, origin, &library).map_err(|problems| {
        anyhow::anyhow!(
            "{problems}\n(config.ron has a problem; fix it — `ownup config check` — then run this again)"
        )
    })?;
    Ok(Some(text))
}

/// Writes config.ron (atomically, 0600, its folder made 0700 if needed), when there is a
/// change to write.
pub(super) fn write_config(paths: &Paths, text: Option<&str>) -> Result<()> {
    let Some(text) = text else {
        return Ok(());
    };
    let mut file = paths.config_file();
    // A config.ron that is a link (a dotfile manager's) stays one: the file it names is
    // written.
    if std::fs::symlink_metadata(&file).is_ok_and(|meta| meta.file_type().is_symlink()) {
        file = std::fs::canonicalize(&file)
            .with_context(|| format!("{} is a link that leads nowhere", file.display()))?;
    }
    if let Some(dir) = file.parent() {
        use std::os::unix::fs::DirBuilderExt as _;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    crate::store::write_atomic(&file, text.as_bytes())
        .with_context(|| format!("cannot write {}", file.display()))
}
