//! `ownup sync [--remote URL]`: the sessions on every machine, through git (see
//! [`crate::sync`]). git may ask for a passphrase here, on the terminal, as it always does; so
//! may ownup, when the other machine sealed the sessions' key anew (a new passphrase).

use std::io::Write;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, FixedOffset};

use super::{encryption, keys};
use crate::config::Paths;
use crate::crypt::{CryptError, Seal, SealKind, StoreKey};
use crate::output::Printable;
use crate::store::SessionStore;
use crate::sync::{Mode, SyncError};

/// Syncs, with `remote` set first when given, and says how it went, a line for each outcome.
///
/// When the other machine has another `key.age`, it is opened (with the identity file
/// config.ron names, or the passphrase set there: from `OWNUP_PASSPHRASE_FILE`, or asked), and
/// taken only if the key in it opens every encrypted file here: then it is this machine's key,
/// sealed anew, and nothing becomes unreadable by taking it.
pub fn sync(
    store: &SessionStore,
    paths: &Paths,
    no_config: bool,
    now: DateTime<FixedOffset>,
    remote: Option<&str>,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let report = match crate::sync::sync(store, now, Mode::Terminal, remote, None) {
        Err(SyncError::KeyChanged { theirs }) => {
            let kind = check_their_key(store, paths, no_config, &theirs)?;
            let report = crate::sync::sync(store, now, Mode::Terminal, None, Some(&theirs))?;
            if report.key_sealed_anew {
                // The passphrase set there opens it now: config.ron says so, if it said an
                // identity file. (Sealed to an identity, it was opened with config.ron's.)
                if kind == SealKind::Passphrase && !no_config {
                    encryption::write_config(paths, encryption::with_encryption(paths, None)?.as_deref())?;
                }
                writeln!(
                    out,
                    "Your sessions' key was sealed anew on the other machine: this one takes it, and from now on it opens with {}.",
                    match kind {
                        SealKind::Passphrase => "the passphrase set there",
                        SealKind::Identity => "your identity file",
                    }
                )?;
            }
            report
        }
        other => other?,
    };
    for line in report.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `ownup sync --status`: where the sessions stand with the remote, as of the last sync, a
/// line for each thing known; nothing is asked of the remote, committed or changed.
pub fn status(
    store: &SessionStore,
    now: DateTime<FixedOffset>,
    out: &mut Printable<impl Write>,
) -> Result<()> {
    let status = crate::sync::status(store, Mode::Terminal)?;
    let dir = status.dir.display();
    if !status.repository {
        writeln!(
            out,
            "Not synced yet: {dir} is not a git repository. ownup sync --remote URL makes it one and sends your sessions there (see README, \"Several machines\")."
        )?;
        return Ok(());
    }
    writeln!(out, "Data folder: {dir}")?;
    match &status.remote {
        Some(url) => writeln!(out, "Remote: {url}")?,
        None => writeln!(out, "Remote: none — add one with ownup sync --remote URL")?,
    }
    if status.remote.is_some() {
        match status.synced {
            Some(at) => {
                let at = at.with_timezone(now.offset());
                writeln!(
                    out,
                    "Last synced: {} ({})",
                    at.format("%a %-d %b %Y, %H:%M"),
                    crate::clock::ago(now, at)
                )?;
            }
            None => writeln!(out, "Last synced: never")?,
        }
    }
    if status.decrypted_here {
        writeln!(
            out,
            "This machine decrypted your sessions since it synced them encrypted: ownup sync receives and sends nothing until ownup encrypt here (it takes the key of the last sync)."
        )?;
        return Ok(());
    }
    let ids: Vec<&str> = status.not_sent.iter().map(String::as_str).collect();
    match ids.len() {
        0 => writeln!(out, "Nothing here that the remote lacks, as of the last sync.")?,
        n => {
            let mut shown = ids.iter().take(5).copied().collect::<Vec<_>>().join(", ");
            if n > 5 {
                shown.push_str(&format!(" and {} more", n - 5));
            }
            writeln!(
                out,
                "Not sent yet: {} written, changed or removed here since the last sync ({shown}) — ownup sync sends {}.",
                crate::output::count(n, "session"),
                if n == 1 { "it" } else { "them" }
            )?;
        }
    }
    if status.key_changed_there {
        writeln!(
            out,
            "The remote's key.age changed since this machine last took it — the next ownup sync takes it only if it is your sessions' key, sealed anew (it may ask what opens it)."
        )?;
    }
    if status.key_not_sent {
        writeln!(
            out,
            "Your sessions' key here (key.age) is not the remote's yet — ownup sync sends it."
        )?;
    }
    match (status.encrypted, status.remote_encrypted) {
        (true, true) => writeln!(out, "Encrypted here and on the remote.")?,
        (true, false) if status.remote.is_some() => writeln!(
            out,
            "Encrypted here; the remote has no encrypted sessions yet, as of the last sync (the next one sends only encrypted files)."
        )?,
        (true, false) => writeln!(out, "Encrypted here.")?,
        (false, true) => writeln!(
            out,
            "Encrypted on the remote, and not here: run ownup encrypt, with the same passphrase or identity."
        )?,
        (false, false) => {}
    }
    if status.held_back > 0 {
        writeln!(
            out,
            "{} here {} not encrypted: kept here, not sent, until ownup encrypt.",
            crate::output::count(status.held_back, "session"),
            if status.held_back == 1 { "is" } else { "are" }
        )?;
    }
    if status.remote.is_some() {
        writeln!(
            out,
            "What the remote gained since is known at the next sync: this asked nothing of it."
        )?;
    }
    Ok(())
}

/// The other machine's `key.age`, `theirs`, opened and checked against this machine's files:
/// `Ok` (with what opened it) when the key in it opens every encrypted file here.
fn check_their_key(store: &SessionStore, paths: &Paths, no_config: bool, theirs: &[u8]) -> Result<SealKind> {
    let two_keys = SyncError::TwoKeys.to_string();
    let another = crate::sync::TAKING_ANOTHER_KEY;
    let kind = StoreKey::seal_kind(theirs).with_context(|| {
        "the other machine's key.age is not an ownup store key (damaged, or written by hand) — nothing was received or sent; put it right there, then sync again".to_string()
    })?;
    let key = match kind {
        SealKind::Passphrase => their_passphrase_key(theirs)?,
        SealKind::Identity => {
            let identity = match no_config {
                true => None,
                false => keys::encryption_settings(paths)?
                    .and_then(|encryption| encryption.identity)
                    .map(|identity| keys::resolve(&identity, paths)),
            };
            let opened = identity
                .as_deref()
                .map(|path| -> Result<_> {
                    let text = keys::read_identity(path)?;
                    Ok(StoreKey::unseal(theirs, Seal::IdentityFile(&text)))
                })
                .transpose()?;
            match opened {
                Some(Ok(key)) => key,
                Some(Err(CryptError::WrongKey)) | None => bail!(
                    "your sessions' key (key.age) was changed on another machine, sealed to an identity file {} — nothing was received or sent. If it is your key sealed anew there: run `ownup encrypt --identity FILE` here with that identity file, then sync again. {another}",
                    match &identity {
                        Some(path) => format!("that {} does not open", path.display()),
                        None => "(config.ron names none here)".to_string(),
                    }
                ),
                Some(Err(err)) => return Err(unopenable(err)),
            }
        }
    };
    // The key here, when it is at hand, must be the very same. Otherwise: an identity's
    // recipient may be public (an SSH key's is), and anyone who can write to the remote can
    // seal a key of their own to it, so the key here is asked for; a key sealed with the
    // passphrase set there (which no one else knows) must open every encrypted file here.
    if let Some(here) = store.keys() {
        if !here.store().same_as(&key) {
            bail!("{two_keys}");
        }
        return Ok(kind);
    }
    if kind == SealKind::Identity {
        crate::output::say(format_args!(
            "To take it, ownup checks that it is the key your sessions have here."
        ));
        let same = keys::unlock(store.clone(), paths, no_config, keys::Ask::Terminal)?
            .and_then(|unlocked| unlocked.keys().map(|here| here.store().same_as(&key)))
            .context("the key of your sessions here is not at hand")?;
        if !same {
            bail!("{two_keys}");
        }
        return Ok(kind);
    }
    let unopened = store.files_not_opened_by(&key);
    if let Some(first) = unopened.first() {
        bail!(
            "{two_keys} ({} encrypted file(s) here do not open with the other machine's key, e.g. {})",
            unopened.len(),
            first.display()
        );
    }
    Ok(kind)
}

/// The key in the other machine's `key.age`, sealed with a passphrase: the one in
/// `OWNUP_PASSPHRASE_FILE`, or asked on the terminal (three tries).
fn their_passphrase_key(theirs: &[u8]) -> Result<StoreKey> {
    let another = crate::sync::TAKING_ANOTHER_KEY;
    let advice = |what: &str, how: &str| {
        anyhow::anyhow!(
            "your sessions' key (key.age) was changed on another machine, and {what} does not open it — nothing was received or sent. If you gave it a new passphrase there: {how}, and sync again. {another}"
        )
    };
    if let Some(file) = keys::passphrase_file() {
        let phrase = crate::passphrase::from_file(&file)?;
        return StoreKey::unseal(theirs, Seal::Passphrase(&phrase, None)).map_err(|err| match err {
            CryptError::WrongKey => advice(
                &format!("the passphrase in {} ({})", keys::PASSPHRASE_FILE, file.display()),
                "put that passphrase in the file",
            ),
            other => unopenable(other),
        });
    }
    crate::output::say(format_args!(
        "Your sessions' key was sealed with a passphrase on another machine, not as it is here: a new passphrase set there?"
    ));
    for attempt in 1..=keys::TRIES {
        let phrase = crate::passphrase::ask("The passphrase set there: ", None)?;
        match StoreKey::unseal(theirs, Seal::Passphrase(&phrase, None)) {
            Ok(key) => return Ok(key),
            Err(CryptError::WrongKey) if attempt < keys::TRIES => {
                crate::output::say(format_args!("That passphrase does not open it — try again."));
            }
            Err(CryptError::WrongKey) => {
                return Err(advice("the passphrase typed", "run ownup sync again and type it"));
            }
            Err(other) => return Err(unopenable(other)),
        }
    }
    unreachable!("the last try returns")
}

/// Why the other machine's `key.age` could not be opened, when not for a wrong passphrase or
/// identity.
fn unopenable(err: CryptError) -> anyhow::Error {
    match err {
        CryptError::NotAge => anyhow::anyhow!(
            "the other machine's key.age is not an ownup store key (damaged, or written by hand) — nothing was received or sent; put it right there, then sync again"
        ),
        other => {
            anyhow::anyhow!("cannot open the other machine's key.age: {other} — nothing was received or sent")
        }
    }
}
