//! File names valid on every desktop Lectern ships for. A library, a blog folder or an export
//! made on Linux is copied to Windows or macOS (a synced notebook, a backup), so every name
//! Lectern makes (a slug's `.md`, an image, an export) keeps to the strictest of the three,
//! Windows', on every platform; and so does every name it is asked to write or read, which is
//! how a name Windows would read as a device, a drive or another file is refused even by a
//! build that never runs there. The rule is a pure function of the name, tested everywhere.
//!
//! lectern-core re-exports it (`lectern_core::files`), as it does [`crate::slug::is_slug`]: one
//! rule for the importer and the library.

/// The longest name Lectern makes, in bytes. File systems take 255 (bytes on ext4, UTF-16 units
/// on NTFS); this leaves room for the temporary name an atomic write uses beside it
/// (`.<name>.partial`) and for a suffix that tells two names apart.
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// Characters Windows refuses anywhere in a name (`/` and `\` separate folders; `:` names a
/// drive or a file's alternate stream).
pub const FORBIDDEN_CHARS: [char; 9] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Whether Windows reads `name` as a device (`CON`, `NUL`, `COM1`, ... in any case, with or
/// without an extension: `nul.txt` is the null device too), whatever folder it is in. A file
/// written under such a name goes to the device, or nowhere.
pub fn is_reserved_on_windows(name: &str) -> bool {
    // Windows compares the part before the first dot, trailing spaces dropped.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_ascii_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => ["COM", "LPT"].iter().any(|device| {
            upper.strip_prefix(device).is_some_and(|n| {
                matches!(n, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9")
                    || matches!(n, "\u{b9}" | "\u{b2}" | "\u{b3}")
            })
        }),
    }
}

/// Why `name` is not one plain file name valid on every platform, or `None` when it is: not
/// empty, not `.` or `..`, no character of [`FORBIDDEN_CHARS`] and no control character, no
/// trailing dot or space (Windows drops them, and would write another file than the one
/// named), not a device name ([`is_reserved_on_windows`]), at most [`MAX_FILE_NAME_BYTES`].
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name == "." || name == ".." {
        Some("it names a folder, not a file")
    } else if name.contains(['/', '\\']) {
        Some("it holds a folder separator")
    } else if name.contains(FORBIDDEN_CHARS) {
        Some("it holds a character Windows refuses in a name (< > : \" | ? *)")
    } else if name.chars().any(char::is_control) {
        Some("it holds a control character")
    } else if name.ends_with(['.', ' ']) {
        Some("it ends in a dot or a space, which Windows drops")
    } else if is_reserved_on_windows(name) {
        Some("Windows reserves it for a device")
    } else if name.len() > MAX_FILE_NAME_BYTES {
        Some("it is too long")
    } else {
        None
    }
}

/// Whether `name` is one plain file name valid on every platform ([`file_name_problem`]).
pub fn is_portable_file_name(name: &str) -> bool {
    file_name_problem(name).is_none()
}

/// Why `path`, a path relative to a folder with `/` between its parts (a content or media
/// path: `articles/images/x.png`), could name a file outside that folder or another file than
/// it seems on some platform, or `None` when every part is a portable file name
/// ([`file_name_problem`]). So a drive (`C:/x`, `C:x`), a share (`//server/share`), a root, a
/// `\` (a separator on Windows), `.` and `..` and a device name are refused everywhere.
pub fn relative_path_problem(path: &str) -> Option<&'static str> {
    if path.starts_with('/') {
        return Some("it starts at a root");
    }
    path.split('/').find_map(file_name_problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names Windows reads as something else than a file of that name in the folder.
    const HOSTILE: &[&str] = &[
        "",
        ".",
        "..",
        "CON",
        "con",
        "Con.md",
        "NUL.txt",
        "nul.tar.gz",
        "aux",
        "PRN.png",
        "COM1",
        "com9.md",
        "LPT1.jpg",
        "lpt0",
        "COM\u{b9}.txt",
        "CONIN$",
        "conout$.log",
        "NUL .txt",
        "a<b.md",
        "a>b.md",
        "a:b.md",
        "C:",
        "C:x.md",
        "x.md:stream",
        "a\"b.md",
        "a|b.md",
        "a?.md",
        "a*.md",
        "a/b.md",
        "a\\b.md",
        "..\\x.md",
        "\\\\server\\share",
        "x\0.md",
        "line\nbreak.md",
        "tab\t.md",
        "\u{7f}.md",
        "trailing.",
        "trailing ",
        "x.md.",
        "x.md ",
    ];

    #[test]
    fn names_windows_would_misread_are_refused_on_every_platform() {
        for name in HOSTILE {
            assert!(!is_portable_file_name(name), "{name:?}");
        }
        assert!(!is_portable_file_name(&"a".repeat(MAX_FILE_NAME_BYTES + 1)));
    }

    #[test]
    fn ordinary_names_are_kept() {
        for name in [
            "alpha.md",
            "red-aid-leaders.svg",
            ".hidden",
            "a..b.csv",
            "timeline 1924–1928.svg",
            "console.md",
            "nullification.md",
            "com10.md",
            "lpt.md",
            "auxiliaries.md",
            "con-1.md",
            "Łódź.png",
        ] {
            assert_eq!(file_name_problem(name), None, "{name:?}");
        }
        assert!(is_portable_file_name(&"a".repeat(MAX_FILE_NAME_BYTES)));
    }

    #[test]
    fn device_names_are_told_by_their_stem_in_any_case() {
        for name in [
            "con",
            "CON",
            "cOn.md",
            "nul.tar.gz",
            "com1",
            "LPT9.txt",
            "aux ",
        ] {
            assert!(is_reserved_on_windows(name), "{name:?}");
        }
        for name in ["cons", "com", "com10", "lpt-1", "xcon", "a.con", "nul-1"] {
            assert!(!is_reserved_on_windows(name), "{name:?}");
        }
    }

    #[test]
    fn relative_paths_are_plain_parts_between_slashes() {
        for ok in [
            "articles/images/map.png",
            "blogs/red/articles/images/a.png",
            "articles/images/x y.svg",
        ] {
            assert_eq!(relative_path_problem(ok), None, "{ok}");
        }
        for bad in [
            "/etc/passwd.png",
            "//server/share/x.png",
            "C:/Windows/win.ini",
            "C:x.png",
            "articles/C:x.png",
            "\\\\server\\share\\x.png",
            "articles\\images\\map.png",
            "articles/..\\..\\x.png",
            "articles/../x.png",
            "articles/./x.png",
            "articles//x.png",
            "articles/",
            "articles/images/CON",
            "articles/images/nul.png",
            "articles/images/com1.jpg",
            "articles/lpt1/x.png",
            "articles/images./x.png",
            "articles/images/x.png.",
            "articles/images /x.png",
            "articles/images/x.png:stream",
            "articles/images/x?.png",
        ] {
            assert!(relative_path_problem(bad).is_some(), "{bad:?}");
        }
    }
}
