//! How the reader likes long text set (`reading.json` in the data folder): its size, the
//! length of its lines, the space between them, the typeface and the theme. Kept between
//! starts; a value out of range is brought within it, a file that cannot be read gives the
//! defaults (the reader loses a preference, never the app).

use super::Library;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;

const FILE: &str = "reading.json";

/// A typeface for long text; all three are inside the app, so they work offline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Typeface {
    /// Source Serif 4.
    #[default]
    Serif,
    /// Source Sans 3.
    Sans,
    /// Atkinson Hyperlegible, drawn for readers with low vision.
    Legible,
}

/// The colours of every view: as the system's setting, or always light, sepia or dark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Sepia,
    Dark,
}

/// How long text is set. Sizes and spacings are whole percents, the line length characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct ReadingSettings {
    /// The text's size, in percent of the usual size (70–250).
    pub text_size: u16,
    /// The longest line, in characters (45–100).
    pub line_length: u16,
    /// The distance from line to line, in percent of the text's size (120–220).
    pub line_spacing: u16,
    pub typeface: Typeface,
    pub theme: Theme,
}

impl Default for ReadingSettings {
    fn default() -> Self {
        Self {
            text_size: 100,
            line_length: 66,
            line_spacing: 165,
            typeface: Typeface::Serif,
            theme: Theme::System,
        }
    }
}

impl ReadingSettings {
    pub const TEXT_SIZE: (u16, u16) = (70, 250);
    pub const LINE_LENGTH: (u16, u16) = (45, 100);
    pub const LINE_SPACING: (u16, u16) = (120, 220);

    /// The same settings, each within its range.
    pub fn within_range(self) -> Self {
        let clamp = |v: u16, (lo, hi): (u16, u16)| v.clamp(lo, hi);
        Self {
            text_size: clamp(self.text_size, Self::TEXT_SIZE),
            line_length: clamp(self.line_length, Self::LINE_LENGTH),
            line_spacing: clamp(self.line_spacing, Self::LINE_SPACING),
            ..self
        }
    }

    fn load(data_dir: &Path) -> Self {
        std::fs::read(data_dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Self>(&b).ok())
            .unwrap_or_default()
            .within_range()
    }

    fn save(&self, data_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(data_dir)?;
        crate::files::write_atomic(&data_dir.join(FILE), &serde_json::to_vec_pretty(self)?)
    }
}

impl Library {
    /// How the reader likes long text set (the defaults for an in-memory library).
    pub fn reading_settings(&self) -> ReadingSettings {
        self.data_dir
            .as_deref()
            .map(ReadingSettings::load)
            .unwrap_or_default()
    }

    /// Keeps `settings` (each brought within its range) and returns what was kept.
    pub fn set_reading_settings(&self, settings: ReadingSettings) -> Result<ReadingSettings> {
        let settings = settings.within_range();
        settings.save(self.prefs_dir()?)?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_kept_within_range_and_a_bad_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let wild = ReadingSettings {
            text_size: 1000,
            line_length: 3,
            line_spacing: 150,
            typeface: Typeface::Legible,
            theme: Theme::Sepia,
        };
        wild.within_range().save(dir.path()).unwrap();
        let back = ReadingSettings::load(dir.path());
        assert_eq!((back.text_size, back.line_length), (250, 45));
        assert_eq!(back.line_spacing, 150);
        assert_eq!(
            (back.typeface, back.theme),
            (Typeface::Legible, Theme::Sepia)
        );

        // A file written by hand, with a field missing and one out of range.
        std::fs::write(
            dir.path().join(FILE),
            r#"{"text_size": 20, "theme": "dark"}"#,
        )
        .unwrap();
        let back = ReadingSettings::load(dir.path());
        assert_eq!(back.text_size, 70);
        assert_eq!(back.theme, Theme::Dark);
        assert_eq!(back.line_length, ReadingSettings::default().line_length);

        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        assert_eq!(
            ReadingSettings::load(dir.path()),
            ReadingSettings::default()
        );
        std::fs::write(dir.path().join(FILE), r#"{"theme": "neon"}"#).unwrap();
        assert_eq!(
            ReadingSettings::load(dir.path()),
            ReadingSettings::default()
        );
    }
}
