//! A device id: what one installation of Lectern is known by in a sync folder. It names the
//! folder that only this installation writes, and breaks ties between changes made at the
//! same logical time, so it must be stable (kept in notes.sqlite) and portable as a folder
//! name on every platform.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest device id accepted: a UUID's 32 hex digits leave room for ids made otherwise.
pub const MAX_DEVICE_ID: usize = 64;

/// A device id: 1 to [`MAX_DEVICE_ID`] lowercase ASCII letters, digits and `-`, not starting
/// with `-` or `.` (so it is a plain folder name everywhere and never a hidden or partial
/// file). Compared byte by byte, which is how the text form of a clock sorts it too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceId(String);

impl DeviceId {
    /// A new random id (a version 4 UUID's 32 hex digits), for a new installation.
    pub fn random() -> DeviceId {
        DeviceId(uuid::Uuid::new_v4().simple().to_string())
    }

    /// `text` as a device id, or why it is not one.
    pub fn parse(text: &str) -> Result<DeviceId> {
        let why = if text.is_empty() {
            Some("it is empty".to_owned())
        } else if text.len() > MAX_DEVICE_ID {
            Some(format!("it is longer than {MAX_DEVICE_ID} characters"))
        } else if text.starts_with('-') {
            Some("it starts with `-`".to_owned())
        } else {
            text.chars()
                .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
                .map(|c| {
                    format!(
                        "`{}` is not a lowercase letter, digit or `-`",
                        c.escape_debug()
                    )
                })
        };
        match why {
            None => Ok(DeviceId(text.to_owned())),
            Some(why) => Err(Error::new(
                ErrorKind::Invalid,
                format!("`{}` is not a device id: {why}", text.escape_debug()),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DeviceId {
    type Error = Error;
    fn try_from(text: String) -> Result<DeviceId> {
        DeviceId::parse(&text)
    }
}

impl From<DeviceId> for String {
    fn from(id: DeviceId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_ids_and_differ() {
        let (a, b) = (DeviceId::random(), DeviceId::random());
        assert_ne!(a, b);
        assert_eq!(DeviceId::parse(a.as_str()).unwrap(), a);
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn names_that_are_no_plain_folder_are_refused() {
        for bad in [
            "",
            "-a",
            "A1",
            "a/b",
            "a.b",
            "..",
            "a b",
            "é",
            &"a".repeat(65),
        ] {
            let err = DeviceId::parse(bad).unwrap_err();
            assert!(err.message.contains("is not a device id"), "{bad}: {err}");
        }
        for good in ["a", "home-desk", "0f3c", &"a".repeat(64)] {
            assert_eq!(DeviceId::parse(good).unwrap().as_str(), good);
        }
    }
}
