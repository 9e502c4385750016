//! Encryption at rest, with age (the format of the `age` tool): the keys and the bytes. No
//! file or terminal IO: the store decides what is written where.
//!
//! The design, so that a passphrase costs one scrypt per run and not one per file:
//! - A store has one **store key**, an age X25519 identity made by ownup. Every file of the
//!   store is encrypted to its recipient: X25519, fast, a few microseconds a file.
//! - The store key is kept **sealed**: encrypted to the person's passphrase (age's scrypt
//!   recipient) or to their own age identity file. Opening the store unseals it once.
//! - With the store key (`age -d key.age > store-key.txt` with the passphrase), any file
//!   decrypts with the `age` tool: `age -d -i store-key.txt 20261122-234501.ron.age`.
//!
//! - The index (a cache) keeps what the list shows and the words search looks for in rows
//!   sealed with a [`RowKey`] derived from the store key: XChaCha20-Poly1305, the AEAD age's
//!   own payload is built on, so that reading 10,000 rows costs milliseconds.
//!
//! A wrong passphrase or key is [`CryptError::WrongKey`], told apart from a file that is not
//! age at all or is damaged, so that no caller ever takes one for another.

use std::io::{Read as _, Write as _};

use age::secrecy::{ExposeSecret as _, SecretString};

/// How every age file (binary) begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// What went wrong, said for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptError {
    /// The passphrase or key does not open it.
    #[error("the passphrase or key does not open it")]
    WrongKey,
    /// It is not an age file (or not a sealed store key).
    #[error("it is not an age file")]
    NotAge,
    /// It is an age file, damaged or cut short.
    #[error("it is damaged or cut short ({0})")]
    Damaged(String),
    /// An identity file that cannot be used.
    #[error("the identity file cannot be used ({0})")]
    BadIdentity(String),
    /// Encrypting failed (out of memory, say).
    #[error("encrypting failed ({0})")]
    Encrypt(String),
}

/// The key every file of a store is encrypted to.
pub struct StoreKey {
    identity: age::x25519::Identity,
}

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret, not even in a debug print.
        write!(f, "StoreKey({})", self.recipient())
    }
}

/// How a store key is sealed: what opens it.
pub enum Seal<'a> {
    /// A passphrase, with scrypt's work factor (log2 N) when sealing; `None` is age's own
    /// choice, about a second on this machine. (Opening reads it from the sealed key.)
    Passphrase(&'a SecretString, Option<u8>),
    /// The text of an age identity file (`age-keygen` output), or of an SSH private key
    /// (ssh-ed25519 or ssh-rsa, as `ssh-keygen` writes it): sealed to its recipients.
    IdentityFile(&'a str),
}

/// Asks for the passphrase of an SSH key that has one, when opening a store key sealed to
/// it: given the key's description, the passphrase, or `None` to give up.
pub type AskSshPassphrase = std::sync::Arc<dyn Fn(&str) -> Option<SecretString> + Send + Sync>;

/// age's callbacks, asking only for an SSH key's passphrase (through `ask`, if any).
#[derive(Clone)]
struct Callbacks(Option<AskSshPassphrase>);

impl age::Callbacks for Callbacks {
    fn display_message(&self, _message: &str) {}

    fn confirm(&self, _message: &str, _yes: &str, _no: Option<&str>) -> Option<bool> {
        None
    }

    fn request_public_string(&self, _description: &str) -> Option<String> {
        None
    }

    fn request_passphrase(&self, description: &str) -> Option<SecretString> {
        self.0.as_ref().and_then(|ask| ask(description))
    }
}

/// The identities in `text`: an age identity file's, else an SSH private key's.
fn identities(text: &str, ask: Option<AskSshPassphrase>) -> Result<Vec<Box<dyn age::Identity>>, CryptError> {
    let native = age::IdentityFile::from_buffer(text.as_bytes())
        .and_then(|file| file.into_identities().map_err(std::io::Error::other));
    match native {
        Ok(found) if !found.is_empty() => {
            Ok(found.into_iter().map(|i| i as Box<dyn age::Identity>).collect())
        }
        _ => {
            let ssh = ssh_identity(text)?;
            Ok(vec![Box::new(ssh.with_callbacks(Callbacks(ask)))])
        }
    }
}

/// The SSH private key in `text`, if it is one ownup can use.
fn ssh_identity(text: &str) -> Result<age::ssh::Identity, CryptError> {
    let identity = age::ssh::Identity::from_buffer(text.as_bytes(), None).map_err(|_| {
        CryptError::BadIdentity(
            "it is neither an age identity file (age-keygen) nor an SSH private key".into(),
        )
    })?;
    match &identity {
        age::ssh::Identity::Unsupported(_) => Err(CryptError::BadIdentity(
            "it is an SSH key of a kind age cannot use (only ssh-ed25519 and ssh-rsa keys, not a hardware key)".into(),
        )),
        _ => Ok(identity),
    }
}

impl StoreKey {
    /// A new store key.
    pub fn generate() -> StoreKey {
        StoreKey {
            identity: age::x25519::Identity::generate(),
        }
    }

    /// Its public recipient (`age1…`), which encrypts to it.
    pub fn recipient(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// `plain` encrypted to the store key, in age's binary format.
    pub fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>, CryptError> {
        age::encrypt(&self.identity.to_public(), plain).map_err(|err| CryptError::Encrypt(err.to_string()))
    }

    /// `data` decrypted with the store key.
    pub fn decrypt(&self, data: &[u8]) -> Result<Vec<u8>, CryptError> {
        if !data.starts_with(AGE_MAGIC) {
            return Err(CryptError::NotAge);
        }
        age::decrypt(&self.identity, data).map_err(decrypt_error)
    }

    /// Whether `other` is this very key.
    pub fn same_as(&self, other: &StoreKey) -> bool {
        self.identity.to_string().expose_secret() == other.identity.to_string().expose_secret()
    }

    /// Whether `data` (an age file) is encrypted to this key: its header opens with it. The
    /// body is not read.
    pub fn opens(&self, data: &[u8]) -> bool {
        data.starts_with(AGE_MAGIC)
            && age::Decryptor::new(data)
                .and_then(|decryptor| decryptor.decrypt(std::iter::once(&self.identity as _)))
                .is_ok()
    }

    /// The store key sealed by `seal`, as armored age text (a file to keep beside the store).
    pub fn seal(&self, seal: Seal<'_>) -> Result<Vec<u8>, CryptError> {
        let secret = self.identity.to_string();
        let plain = secret.expose_secret().as_bytes();
        let encrypt = |encryptor: age::Encryptor| -> Result<Vec<u8>, CryptError> {
            let mut out = Vec::new();
            let armored = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .map_err(|err| CryptError::Encrypt(err.to_string()))?;
            let mut writer = encryptor
                .wrap_output(armored)
                .map_err(|err| CryptError::Encrypt(err.to_string()))?;
            writer
                .write_all(plain)
                .and_then(|()| writer.finish())
                .and_then(|armored| armored.finish())
                .map_err(|err| CryptError::Encrypt(err.to_string()))?;
            Ok(out)
        };
        match seal {
            Seal::Passphrase(passphrase, work) => {
                let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
                if let Some(work) = work {
                    recipient.set_work_factor(work);
                }
                let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
                    .map_err(|err| CryptError::Encrypt(err.to_string()))?;
                encrypt(encryptor)
            }
            Seal::IdentityFile(text) => {
                let native = age::IdentityFile::from_buffer(text.as_bytes())
                    .and_then(|file| file.to_recipients().map_err(std::io::Error::other));
                let recipients: Vec<Box<dyn age::Recipient + Send>> = match native {
                    Ok(found) if !found.is_empty() => found,
                    _ => {
                        let recipient = age::ssh::Recipient::try_from(ssh_identity(text)?)
                            .map_err(|err| CryptError::BadIdentity(format!("{err:?}")))?;
                        vec![Box::new(recipient)]
                    }
                };
                let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
                    .map_err(|err| CryptError::Encrypt(err.to_string()))?;
                encrypt(encryptor)
            }
        }
    }

    /// The store key from `sealed` (what [`StoreKey::seal`] wrote), opened by `seal`. The
    /// passphrase's work factor is not given: it is in the file (at most what age allows).
    pub fn unseal(sealed: &[u8], seal: Seal<'_>) -> Result<StoreKey, CryptError> {
        StoreKey::unseal_asking(sealed, seal, None)
    }

    /// [`StoreKey::unseal`], asking for the passphrase of an SSH key that has one with `ask`.
    pub fn unseal_asking(
        sealed: &[u8],
        seal: Seal<'_>,
        ask: Option<AskSshPassphrase>,
    ) -> Result<StoreKey, CryptError> {
        let reader = age::armor::ArmoredReader::new(sealed);
        let decryptor = age::Decryptor::new(reader).map_err(decrypt_error)?;
        let mut plain = Vec::new();
        let read = |identities: &mut dyn Iterator<Item = &dyn age::Identity>| {
            decryptor
                .decrypt(identities)
                .map_err(decrypt_error)?
                .read_to_end(&mut plain)
                .map_err(|err| CryptError::Damaged(err.to_string()))
        };
        match seal {
            Seal::Passphrase(passphrase, _) => {
                let identity = age::scrypt::Identity::new(passphrase.clone());
                read(&mut std::iter::once(&identity as _))?;
            }
            Seal::IdentityFile(text) => {
                let identities = identities(text, ask)?;
                read(&mut identities.iter().map(|i| i.as_ref() as _))?;
            }
        }
        let text = String::from_utf8(plain).map_err(|_| CryptError::NotAge)?;
        // The identity's line; comment lines (as age-keygen writes them) are passed over.
        let line = text
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with('#'))
            .unwrap_or_default();
        let identity: age::x25519::Identity = line.parse().map_err(|_| CryptError::NotAge)?;
        Ok(StoreKey { identity })
    }

    /// The key the index rows are sealed with, derived from this key (HKDF-SHA256).
    pub fn row_key(&self) -> RowKey {
        let secret = self.identity.to_string();
        let derive = |info: &[u8]| {
            let mut out = [0u8; 32];
            hkdf::Hkdf::<sha2::Sha256>::new(Some(ROW_KEY_SALT), secret.expose_secret().as_bytes())
                .expand(info, &mut out)
                .map(|()| out)
        };
        // 32 bytes is far below HKDF-SHA256's limit: `expand` cannot fail here.
        let key = derive(b"index rows").unwrap_or_default();
        let name = derive(b"index key name").unwrap_or_default();
        RowKey {
            cipher: XChaCha20Poly1305::new(&key.into()),
            name: name[..12].iter().map(|b| format!("{b:02x}")).collect(),
        }
    }

    /// Whether `data` is an age file (binary), by how it begins.
    pub fn is_age(data: &[u8]) -> bool {
        data.starts_with(AGE_MAGIC)
    }

    /// Which kind of seal `sealed` (a sealed store key) has: what opens it. `None` when it is
    /// not a sealed key.
    pub fn seal_kind(sealed: &[u8]) -> Option<SealKind> {
        let reader = age::armor::ArmoredReader::new(sealed);
        match age::Decryptor::new(reader).ok()? {
            decryptor if decryptor.is_scrypt() => Some(SealKind::Passphrase),
            _ => Some(SealKind::Identity),
        }
    }
}

/// What opens a sealed store key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealKind {
    /// A passphrase.
    Passphrase,
    /// An identity file.
    Identity,
}

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Aead as _, KeyInit as _};

/// HKDF's salt for the keys derived from a store key.
const ROW_KEY_SALT: &[u8] = b"ownup store key v1";
/// XChaCha20's nonce: 24 bytes, random for every row (safe at any number of rows).
const NONCE_LEN: usize = 24;

/// The symmetric key index rows are sealed with (see [`StoreKey::row_key`]).
#[derive(Clone)]
pub struct RowKey {
    cipher: XChaCha20Poly1305,
    name: String,
}

impl std::fmt::Debug for RowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RowKey({})", self.name)
    }
}

impl RowKey {
    /// A name for the key that says nothing of it (another derivation): what the index keeps
    /// to know which key its rows are sealed with.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `plain` sealed: a random nonce, then the ciphertext and its tag.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, CryptError> {
        use rand::RngCore as _;
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng
            .try_fill_bytes(&mut nonce)
            .map_err(|err| CryptError::Encrypt(err.to_string()))?;
        let sealed = self
            .cipher
            .encrypt(&nonce.into(), plain)
            .map_err(|err| CryptError::Encrypt(err.to_string()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// What [`RowKey::seal`] sealed; [`CryptError::WrongKey`] when this key did not seal it or
    /// it was changed.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, CryptError> {
        if sealed.len() < NONCE_LEN {
            return Err(CryptError::Damaged("too short".into()));
        }
        let (nonce, data) = sealed.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce
            .try_into()
            .map_err(|_| CryptError::Damaged("too short".into()))?;
        self.cipher
            .decrypt(&nonce.into(), data)
            .map_err(|_| CryptError::WrongKey)
    }
}

fn decrypt_error(err: age::DecryptError) -> CryptError {
    use age::DecryptError as E;
    match err {
        E::DecryptionFailed | E::NoMatchingKeys | E::KeyDecryptionFailed => CryptError::WrongKey,
        E::InvalidHeader | E::UnknownFormat => CryptError::NotAge,
        other => CryptError::Damaged(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A work factor low enough for a test (age's default takes about a second in a release
    /// build, far longer in a test build).
    const QUICK: u8 = 4;

    #[test]
    fn a_key_knows_the_files_encrypted_to_it_by_their_header() {
        let (key, other) = (StoreKey::generate(), StoreKey::generate());
        let file = key.encrypt(b"the words").unwrap();
        assert!(key.opens(&file));
        assert!(!other.opens(&file));
        assert!(!key.opens(b"the words"));
        assert!(!key.opens(&file[..20]));
    }

    #[test]
    fn a_store_key_encrypts_and_decrypts_and_nothing_else_opens_it() {
        let key = StoreKey::generate();
        let plain = "I deployed on a Friday without the migration check.".as_bytes();
        let sealed = key.encrypt(plain).unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
        assert!(
            !sealed.windows(8).any(|w| w == b"Friday w"),
            "no plain text in it"
        );
        assert_eq!(key.decrypt(&sealed).unwrap(), plain);
        assert_eq!(StoreKey::generate().decrypt(&sealed), Err(CryptError::WrongKey));
        assert_eq!(key.decrypt(b"(version: 1)"), Err(CryptError::NotAge));
        let cut = &sealed[..sealed.len() - 10];
        assert!(
            matches!(key.decrypt(cut), Err(CryptError::Damaged(_))),
            "{:?}",
            key.decrypt(cut)
        );
        assert!(!format!("{key:?}").contains("AGE-SECRET-KEY"));
    }

    #[test]
    fn a_store_key_sealed_with_a_passphrase_opens_with_it_only() {
        let key = StoreKey::generate();
        let passphrase = SecretString::from("correct horse battery staple".to_string());
        let sealed = key.seal(Seal::Passphrase(&passphrase, Some(QUICK))).unwrap();
        assert!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        let opened = StoreKey::unseal(&sealed, Seal::Passphrase(&passphrase, Some(QUICK))).unwrap();
        assert_eq!(opened.recipient(), key.recipient());
        let wrong = SecretString::from("correct horse battery stapler".to_string());
        assert_eq!(
            StoreKey::unseal(&sealed, Seal::Passphrase(&wrong, Some(QUICK))).unwrap_err(),
            CryptError::WrongKey
        );
        // What the store key encrypts, the unsealed one decrypts.
        let data = key.encrypt(b"answer").unwrap();
        assert_eq!(opened.decrypt(&data).unwrap(), b"answer");
    }

    #[test]
    fn rows_sealed_with_the_row_key_open_with_the_same_store_key_only() {
        let key = StoreKey::generate();
        let rows = key.row_key();
        let sealed = rows.seal(b"Friday deploy").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"Friday"));
        assert_ne!(
            rows.seal(b"Friday deploy").unwrap(),
            sealed,
            "a new nonce each time"
        );
        assert_eq!(rows.open(&sealed).unwrap(), b"Friday deploy");
        // The same store key, unsealed again, derives the same row key.
        let passphrase = SecretString::from("pass".to_string());
        let again = StoreKey::unseal(
            &key.seal(Seal::Passphrase(&passphrase, Some(QUICK))).unwrap(),
            Seal::Passphrase(&passphrase, None),
        )
        .unwrap();
        assert_eq!(again.row_key().open(&sealed).unwrap(), b"Friday deploy");
        assert_eq!(again.row_key().name(), rows.name());
        let other = StoreKey::generate().row_key();
        assert_ne!(other.name(), rows.name());
        assert_eq!(other.open(&sealed), Err(CryptError::WrongKey));
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert_eq!(rows.open(&changed), Err(CryptError::WrongKey));
        assert!(matches!(rows.open(b"short"), Err(CryptError::Damaged(_))));
        assert!(!rows.name().is_empty() && !format!("{rows:?}").contains("Friday"));
    }

    #[test]
    fn the_kind_of_seal_is_read_from_the_sealed_key() {
        let key = StoreKey::generate();
        let passphrase = SecretString::from("pass".to_string());
        let by_passphrase = key.seal(Seal::Passphrase(&passphrase, Some(QUICK))).unwrap();
        assert_eq!(StoreKey::seal_kind(&by_passphrase), Some(SealKind::Passphrase));
        let person = age::x25519::Identity::generate();
        let file = format!("{}\n", person.to_string().expose_secret());
        let by_identity = key.seal(Seal::IdentityFile(&file)).unwrap();
        assert_eq!(StoreKey::seal_kind(&by_identity), Some(SealKind::Identity));
        assert_eq!(StoreKey::seal_kind(b"(version: 1)"), None);
    }

    #[test]
    fn a_store_key_sealed_to_an_identity_file_opens_with_that_file_only() {
        let person = age::x25519::Identity::generate();
        let file = format!("# created: now\n{}\n", person.to_string().expose_secret());
        let key = StoreKey::generate();
        let sealed = key.seal(Seal::IdentityFile(&file)).unwrap();
        let opened = StoreKey::unseal(&sealed, Seal::IdentityFile(&file)).unwrap();
        assert_eq!(opened.recipient(), key.recipient());
        let other = format!(
            "{}\n",
            age::x25519::Identity::generate().to_string().expose_secret()
        );
        assert_eq!(
            StoreKey::unseal(&sealed, Seal::IdentityFile(&other)).unwrap_err(),
            CryptError::WrongKey
        );
        assert!(matches!(
            key.seal(Seal::IdentityFile("not a key\n")),
            Err(CryptError::BadIdentity(_))
        ));
    }
}
