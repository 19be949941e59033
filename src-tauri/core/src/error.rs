//! The one error type of the library. It crosses to the UI as `{ kind, message }`:
//! the UI switches on `kind`, never on the message text.

use serde::{Deserialize, Serialize};
use specta::Type;

/// What went wrong, in a form a caller can switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The slug or id asked for is not in the library.
    NotFound,
    /// The library database failed or is unreadable.
    Database,
    /// A file or folder could not be read or written.
    Io,
    /// The content folder is missing or unusable as a whole.
    Content,
    /// What was asked cannot be done as asked (a quote found more than once).
    Invalid,
    /// A site could not be reached: offline, or the site is down.
    Offline,
    /// Long work was cancelled by the reader; what was done is kept.
    Cancelled,
}

/// An error with a kind and a message meant for people.
#[derive(Debug, Clone, Serialize, Deserialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(ErrorKind::NotFound, format!("no {what} with id `{id}`"))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Self::new(ErrorKind::Database, e.to_string())
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Self::new(ErrorKind::Database, format!("migration failed: {e}"))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Self::new(
            ErrorKind::Database,
            format!("stored JSON is unreadable: {e}"),
        )
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self::new(ErrorKind::Io, e.to_string())
    }
}
