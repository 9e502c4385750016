//! An encrypted store's key, and the bytes of its files: every file of the data folder is
//! written encrypted to the store key when the store is encrypted (`key.age` is there), and
//! read by what it holds, so that a file not encrypted yet still opens.

use std::borrow::Cow;
use std::path::Path;

use super::{LoadError, StoreError};
use crate::crypt::{CryptError, RowKey, StoreKey};

/// The unsealed key of an encrypted store, and the key of its index rows.
#[derive(Debug)]
pub struct Keys {
    store: StoreKey,
    rows: RowKey,
}

impl Keys {
    /// The keys of the store key `store`.
    pub fn new(store: StoreKey) -> Keys {
        let rows = store.row_key();
        Keys { store, rows }
    }

    /// The store key.
    pub fn store(&self) -> &StoreKey {
        &self.store
    }

    /// The key of the index rows.
    pub fn rows(&self) -> &RowKey {
        &self.rows
    }
}

/// The text of the file at `path` from its `bytes`: decrypted when they are encrypted (with
/// `keys`), as they are when not.
pub(super) fn decode(bytes: Vec<u8>, path: &Path, keys: Option<&Keys>) -> Result<Vec<u8>, LoadError> {
    let sealed = |reason: String| LoadError::Sealed {
        path: path.into(),
        reason,
    };
    if !StoreKey::is_age(&bytes) {
        // Named encrypted and not: it would travel to a remote as if it were.
        if super::layout::is_sealed_name(path) {
            return Err(sealed(
                "is named as an encrypted file (.ron.age) and is not encrypted — rename it to end in .ron (ownup encrypt then encrypts it)".into(),
            ));
        }
        return Ok(bytes);
    }
    let Some(keys) = keys else {
        return Err(sealed(
            "is encrypted, and this store has no key to open it (its key.age is missing)".into(),
        ));
    };
    keys.store.decrypt(&bytes).map_err(|err| {
        sealed(match err {
            CryptError::WrongKey => {
                "is encrypted to another key than this store's — it may come from another store".into()
            }
            other => format!("is encrypted, and {other}"),
        })
    })
}

/// The bytes to write for `plain`, the text of the file at `path`: encrypted when the store
/// is (`sealed`), which then needs its key.
pub(super) fn encode<'a>(
    plain: &'a [u8],
    path: &Path,
    sealed: bool,
    keys: Option<&Keys>,
) -> Result<Cow<'a, [u8]>, StoreError> {
    if !sealed {
        return Ok(Cow::Borrowed(plain));
    }
    let keys = keys.ok_or_else(|| StoreError::NoKey(path.to_path_buf()))?;
    keys.store
        .encrypt(plain)
        .map(Cow::Owned)
        .map_err(|err| StoreError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other(err.to_string()),
        })
}
