//! The reader's choice about updates, kept in the data folder (`updates.json`): whether Lectern
//! looks for a newer version when it starts (off until the reader turns it on: nothing is asked
//! of a server unless they allow it), and when it last looked, so that it looks at most daily.
//! Looking, verifying and installing are the shell's (Tauri's updater plugin).

use super::Library;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;

const FILE: &str = "updates.json";

/// Whether to look for updates at start, and when Lectern last looked (RFC 3339).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct UpdatePrefs {
    #[serde(default)]
    pub check_at_start: bool,
    #[serde(default)]
    pub last_checked: Option<String>,
}

impl UpdatePrefs {
    fn load(data_dir: &Path) -> Self {
        std::fs::read(data_dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, data_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(data_dir)?;
        crate::files::write_atomic(&data_dir.join(FILE), &serde_json::to_vec_pretty(self)?)
    }

    /// Whether a look at start is due at `now`: allowed, and none in the last 24 hours (a last
    /// look in the future, from a clock set wrong, counts as none).
    pub fn due(&self, now: jiff::Timestamp) -> bool {
        let last = self
            .last_checked
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .filter(|l| *l <= now);
        self.check_at_start && last.is_none_or(|l| now.duration_since(l).as_hours() >= 24)
    }
}

impl Library {
    pub(super) fn prefs_dir(&self) -> Result<&Path> {
        self.data_dir
            .as_deref()
            .ok_or_else(|| Error::new(ErrorKind::Invalid, "an in-memory library keeps no settings"))
    }

    /// The reader's choice about updates.
    pub fn update_prefs(&self) -> Result<UpdatePrefs> {
        Ok(UpdatePrefs::load(self.prefs_dir()?))
    }

    /// Turns looking for updates at start on or off.
    pub fn set_update_check(&self, at_start: bool) -> Result<UpdatePrefs> {
        let dir = self.prefs_dir()?;
        let mut prefs = UpdatePrefs::load(dir);
        prefs.check_at_start = at_start;
        prefs.save(dir)?;
        Ok(prefs)
    }

    /// Notes that Lectern looked for an update now.
    pub fn note_update_check(&self) -> Result<()> {
        let dir = self.prefs_dir()?;
        let mut prefs = UpdatePrefs::load(dir);
        prefs.last_checked = Some(jiff::Timestamp::now().to_string());
        prefs.save(dir)
    }

    /// Whether to look for an update at this start (see [`UpdatePrefs::due`]).
    pub fn update_check_due(&self) -> bool {
        self.prefs_dir()
            .is_ok_and(|dir| UpdatePrefs::load(dir).due(jiff::Timestamp::now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_look_at_start_is_due_daily_and_only_when_allowed() {
        let now = at("2026-11-30T09:00:00Z");
        let mut prefs = UpdatePrefs::default();
        assert!(!prefs.due(now), "off until the reader allows it");
        prefs.check_at_start = true;
        assert!(prefs.due(now), "never looked");
        prefs.last_checked = Some("2026-11-30T01:00:00Z".into());
        assert!(!prefs.due(now), "looked 8 hours ago");
        prefs.last_checked = Some("2026-11-29T08:59:00Z".into());
        assert!(prefs.due(now), "looked over a day ago");
        prefs.last_checked = Some("2027-01-01T00:00:00Z".into());
        assert!(prefs.due(now), "a look in the future is a clock set wrong");
        prefs.last_checked = Some("not a time".into());
        assert!(prefs.due(now));
    }

    #[test]
    fn the_choice_is_kept_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path(), &dir.path().join("content")).unwrap();
        assert_eq!(lib.update_prefs().unwrap(), UpdatePrefs::default());
        lib.set_update_check(true).unwrap();
        assert!(lib.update_check_due());
        lib.note_update_check().unwrap();
        assert!(!lib.update_check_due());
        let again = Library::open(dir.path(), &dir.path().join("content")).unwrap();
        let prefs = again.update_prefs().unwrap();
        assert!(prefs.check_at_start && prefs.last_checked.is_some());
        std::fs::write(dir.path().join(FILE), "{ broken").unwrap();
        assert_eq!(again.update_prefs().unwrap(), UpdatePrefs::default());
    }
}
