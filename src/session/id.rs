//! [`SessionId`]: the name of one session, also the stem of its file.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A session's id, e.g. `20261122-234501`: sortable by when the session started, and the stem
/// of its file name. Ids of files that were placed by hand can be any file stem, so no format is
/// enforced here; [`crate::store`] decides which names are sessions.
///
/// Held inline (24 bytes, no allocation for an id of up to 24 bytes, as every id ownup makes
/// is): a list of 100,000 sessions keeps one per row. Reads as a `&str` everywhere a string is
/// wanted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(CompactString);

impl SessionId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SessionId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SessionId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SessionId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for SessionId {
    fn from(id: String) -> SessionId {
        SessionId(CompactString::from(id))
    }
}

impl From<&str> for SessionId {
    fn from(id: &str) -> SessionId {
        SessionId(CompactString::from(id))
    }
}

impl From<SessionId> for String {
    fn from(id: SessionId) -> String {
        id.0.into_string()
    }
}

impl PartialEq<str> for SessionId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SessionId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SessionId {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SessionId> for str {
    fn eq(&self, other: &SessionId) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SessionId> for &str {
    fn eq(&self, other: &SessionId) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SessionId> for String {
    fn eq(&self, other: &SessionId) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_the_plain_string() {
        let id = SessionId::from("20261122-234501");
        assert_eq!(ron::to_string(&id).unwrap(), "\"20261122-234501\"");
        assert_eq!(ron::from_str::<SessionId>("\"20261122-234501\"").unwrap(), id);
        assert_eq!(id, "20261122-234501");
        assert_eq!(std::mem::size_of::<SessionId>(), 24);
        assert!(!id.0.is_heap_allocated());
    }
}
