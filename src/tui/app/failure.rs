//! Why an effect did not happen, as the app receives it: a kind to react to, and the words the
//! person is shown, made once, where the error is turned into a [`Failure`].

use std::fmt;

use crate::files::WriteError;
use crate::store::StoreError;

/// An effect that failed: what kind of trouble, and what to tell the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What the app can react to.
    pub kind: FailureKind,
    /// What the person is told.
    pub message: String,
}

/// The kinds of failure the app tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Another ownup holds the session (or the check-ins).
    LockedElsewhere,
    /// The data folder's file system has no room, or cannot be written (full, over quota,
    /// read-only): another file system is the place for the text.
    NoRoom,
    /// What was asked for is not there.
    NotFound,
    /// The file changed since it was read.
    Changed,
    /// Anything else: the message says what.
    Other,
}

impl Failure {
    /// A failure of no particular kind, with this message.
    pub fn other(message: impl Into<String>) -> Failure {
        Failure {
            kind: FailureKind::Other,
            message: message.into(),
        }
    }

    /// A failure of `kind`, with this message.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
        }
    }

    /// Whether the data's file system has no room for the text.
    pub fn is_no_room(&self) -> bool {
        self.kind == FailureKind::NoRoom
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<&StoreError> for Failure {
    fn from(err: &StoreError) -> Failure {
        let kind = match err {
            StoreError::Locked(_) | StoreError::CheckInsLocked => FailureKind::LockedElsewhere,
            StoreError::NotFound(_) => FailureKind::NotFound,
            StoreError::CommitmentChanged(_) => FailureKind::Changed,
            StoreError::Write { .. } | StoreError::CreateDir { .. } if err.no_room() => FailureKind::NoRoom,
            StoreError::Write { .. }
            | StoreError::CreateDir { .. }
            | StoreError::ReadDir { .. }
            | StoreError::Serialize { .. }
            | StoreError::Ambiguous { .. }
            | StoreError::Unreadable(_)
            | StoreError::Conflict(_)
            | StoreError::TooLarge { .. }
            | StoreError::NotAdded(_)
            | StoreError::NoKey(_)
            | StoreError::Converting
            | StoreError::InUse
            | StoreError::Index(_) => FailureKind::Other,
        };
        Failure::new(kind, err.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Failure {
        Failure::from(&err)
    }
}

impl From<WriteError> for Failure {
    fn from(err: WriteError) -> Failure {
        Failure::other(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn store_errors_keep_their_words_and_get_the_kind_the_app_reacts_to() {
        let full = StoreError::Write {
            path: PathBuf::from("/data/sessions/a.ron"),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        let denied = StoreError::Write {
            path: PathBuf::from("/data/sessions/a.ron"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let cases = [
            (StoreError::Locked("a".into()), FailureKind::LockedElsewhere),
            (StoreError::NotFound("a".into()), FailureKind::NotFound),
            (StoreError::CommitmentChanged("a".into()), FailureKind::Changed),
            (full, FailureKind::NoRoom),
            (denied, FailureKind::Other),
            (StoreError::Conflict("in the way".into()), FailureKind::Other),
        ];
        for (err, kind) in cases {
            let failure = Failure::from(&err);
            assert_eq!(failure.kind, kind, "{err}");
            assert_eq!(failure.message, err.to_string());
            assert_eq!(failure.to_string(), err.to_string());
        }
        assert_eq!(
            Failure::from(StoreError::Write {
                path: PathBuf::from("/data/sessions/a.ron"),
                source: io::Error::from(io::ErrorKind::StorageFull),
            })
            .message,
            "cannot save /data/sessions/a.ron: the disk is full"
        );
    }
}
