//! A content problem: one bad field in one file, located by path and line.

use serde::Serialize;
use specta::Type;
use std::fmt;

/// One problem in the content, printed as `path:line: field: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Problem {
    /// Path relative to the content folder, with `/` separators.
    pub path: String,
    /// 1-based line in the file.
    pub line: u32,
    /// The front-matter field at fault (`authors`, `leaders[0].person`), or the part of the
    /// file (`front matter`, `encoding`, `body`) when no single field is.
    pub field: String,
    pub message: String,
}

/// A page of the library's problems, by path and line, and how many there are in all.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ProblemPage {
    pub total: u32,
    /// How many files the problems are in.
    pub files: u32,
    pub problems: Vec<Problem>,
}

impl Problem {
    pub fn new(path: &str, line: u32, field: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: line.max(1),
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.path, self.line, self.field, self.message
        )
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}
