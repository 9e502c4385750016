//! Encryption at rest, with age (the format of the `age` tool): the keys and the bytes. No
//! file or terminal IO: the store decides what is written where (not yet wired in: see
//! issue 15).
//!
//! The design, so that a passphrase costs one scrypt per run and not one per file:
//! - A store has one **store key**, an age X25519 identity made by ownup. Every file of the
//!   store is encrypted to its recipient: X25519, fast, a few microseconds a file.
//! - The store key is kept **sealed**: encrypted to the person's passphrase (age's scrypt
//!   recipient) or to their own age identity file. Opening the store unseals it once.
//! - With the store key (`age -d key.age > store-key.txt` with the passphrase), any file
//!   decrypts with the `age` tool: `age -d -i store-key.txt 20261122-234501.ron.age`.
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
    /// A passphrase, with scrypt's work factor (log2 N; age's default is about a second).
    Passphrase(&'a SecretString, u8),
    /// The text of an age identity file (`age-keygen` output): its recipients.
    IdentityFile(&'a str),
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
                recipient.set_work_factor(work);
                let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
                    .map_err(|err| CryptError::Encrypt(err.to_string()))?;
                encrypt(encryptor)
            }
            Seal::IdentityFile(text) => {
                let file = age::IdentityFile::from_buffer(text.as_bytes())
                    .map_err(|err| CryptError::BadIdentity(err.to_string()))?;
                let recipients = file
                    .to_recipients()
                    .map_err(|err| CryptError::BadIdentity(err.to_string()))?;
                if recipients.is_empty() {
                    return Err(CryptError::BadIdentity("it holds no key".into()));
                }
                let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
                    .map_err(|err| CryptError::Encrypt(err.to_string()))?;
                encrypt(encryptor)
            }
        }
    }

    /// The store key from `sealed` (what [`StoreKey::seal`] wrote), opened by `seal`. The
    /// passphrase's work factor is not given: it is in the file (at most what age allows).
    pub fn unseal(sealed: &[u8], seal: Seal<'_>) -> Result<StoreKey, CryptError> {
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
                let identities = age::IdentityFile::from_buffer(text.as_bytes())
                    .and_then(|file| file.into_identities().map_err(std::io::Error::other))
                    .map_err(|err| CryptError::BadIdentity(err.to_string()))?;
                read(&mut identities.iter().map(|i| i.as_ref() as _))?;
            }
        }
        let text = String::from_utf8(plain).map_err(|_| CryptError::NotAge)?;
        let identity: age::x25519::Identity = text.trim().parse().map_err(|_| CryptError::NotAge)?;
        Ok(StoreKey { identity })
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
        let sealed = key.seal(Seal::Passphrase(&passphrase, QUICK)).unwrap();
        assert!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        let opened = StoreKey::unseal(&sealed, Seal::Passphrase(&passphrase, QUICK)).unwrap();
        assert_eq!(opened.recipient(), key.recipient());
        let wrong = SecretString::from("correct horse battery stapler".to_string());
        assert_eq!(
            StoreKey::unseal(&sealed, Seal::Passphrase(&wrong, QUICK)).unwrap_err(),
            CryptError::WrongKey
        );
        // What the store key encrypts, the unsealed one decrypts.
        let data = key.encrypt(b"answer").unwrap();
        assert_eq!(opened.decrypt(&data).unwrap(), b"answer");
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
