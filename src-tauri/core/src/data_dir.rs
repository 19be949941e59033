//! Where the library's files live when no `--data DIR` (or `LECTERN_DATA_DIR`) says: a folder
//! named for the application identifier in the platform's app-data folder. The desktop app
//! finds it with Tauri's `app_data_dir()` (`dirs::data_dir()` joined with the identifier of
//! `tauri.conf.json`), `lectern-cli` with [`default_data_dir`]: both must land in the same
//! folder, so the CLI reads the library the app keeps, and a test holds the identifier here to
//! the one in `tauri.conf.json`.
//!
//! | platform | base (`dirs::data_dir()`)                      | data folder                                           |
//! |----------|------------------------------------------------|-------------------------------------------------------|
//! | Linux    | `$XDG_DATA_HOME`, else `~/.local/share`        | `~/.local/share/org.lectern.desktop`                  |
//! | macOS    | `~/Library/Application Support`                | `~/Library/Application Support/org.lectern.desktop`   |
//! | Windows  | `%APPDATA%` (`FOLDERID_RoamingAppData`)        | `%APPDATA%\org.lectern.desktop`                       |
//!
//! (`dirs` 6, used here, and `dirs` 7, used by Tauri, give the same base on all three.)

use std::path::{Path, PathBuf};

/// The application identifier (`identifier` in `tauri.conf.json`); the data folder is named
/// after it on every platform.
pub const APP_IDENTIFIER: &str = "org.lectern.desktop";

/// The data folder in the app-data folder `base`: the one join, kept apart from finding the
/// base so that it is tested with every platform's base.
pub fn data_dir_in(base: &Path) -> PathBuf {
    base.join(APP_IDENTIFIER)
}

/// The default data folder: [`data_dir_in`] the platform's app-data folder, the same one the
/// desktop app uses. `None` where the platform names no such folder (no home folder).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|base| data_dir_in(&base))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folder the desktop app opens is named by `tauri.conf.json`; the CLI's must be the
    /// same, or the two doors open two libraries.
    #[test]
    fn the_identifier_is_the_desktop_apps() {
        let root = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        let conf = std::fs::read_to_string(root.join("../../tauri.conf.json")).unwrap();
        let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["identifier"].as_str(), Some(APP_IDENTIFIER));
    }

    /// A folder name on every platform (it is created in `%APPDATA%` on Windows).
    #[test]
    fn the_identifier_is_a_folder_name_everywhere() {
        assert_eq!(crate::files::file_name_problem(APP_IDENTIFIER), None);
    }

    #[test]
    fn the_data_folder_is_the_identifier_in_each_platforms_base() {
        for base in [
            "/home/ada/.local/share",
            "/Users/ada/Library/Application Support",
            r"C:\Users\ada\AppData\Roaming",
        ] {
            let dir = data_dir_in(Path::new(base));
            assert_eq!(dir.parent(), Some(Path::new(base)), "{base}");
            assert_eq!(
                dir.file_name().and_then(|n| n.to_str()),
                Some(APP_IDENTIFIER)
            );
        }
        // What the desktop app computes (Tauri: `dirs::data_dir()` joined with the identifier).
        assert_eq!(
            default_data_dir(),
            dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
        );
    }
}
