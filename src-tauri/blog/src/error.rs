//! The importer's error: what went wrong, with the file and line or the address it concerns.

/// An error bringing a blog in. The message names the file and line (or the address).
#[derive(Debug, thiserror::Error)]
pub enum BlogError {
    /// A file or folder could not be read or written.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The file is not a WordPress export, or is broken at a place named in the message.
    #[error("{path}:{line}:{column}: {message}")]
    Export {
        path: String,
        line: u64,
        column: u64,
        message: String,
    },
    /// A site answered badly (or not in time, or too much); the address is named.
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    /// The site could not be reached at all: offline, or the site is down.
    #[error("{url}: cannot connect (offline, or the site is down)")]
    Offline { url: String },
    /// The work was cancelled; what was done is kept and a later run resumes.
    #[error("cancelled")]
    Cancelled,
    /// Something the reader asked for cannot be done as asked.
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = BlogError> = std::result::Result<T, E>;

impl BlogError {
    pub fn io(path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        Self::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}
