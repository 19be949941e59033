//! Writing files the reader asked for (exports) so that a crash never leaves half a file:
//! written beside the target, flushed, then renamed over it; and only inside the folder the
//! reader chose ([`inside`]), whatever a name from content or an imported file says.

use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The rule every name Lectern writes keeps, on every platform: one plain file name valid on
/// Windows, macOS and Linux alike (no separator, drive, stream, device name, trailing dot or
/// space, or character Windows refuses). Shared with the blog importer.
pub use lectern_blog::file_name::{
    file_name_problem, is_portable_file_name, is_reserved_on_windows, MAX_FILE_NAME_BYTES,
};

/// The path of the file `name` in the folder `dir`, made sure to be inside it: `name` must
/// be one plain file name valid on every platform ([`file_name_problem`], the same rule
/// wherever this runs, so an export never lands on a device or beside its folder on Windows),
/// and the folder, links resolved, must hold it. Every export names its files through this.
pub fn inside(dir: &Path, name: &str) -> Result<PathBuf> {
    let refused = |why: &str| {
        Error::new(
            ErrorKind::Invalid,
            format!(
                "refused to write `{}` in {}: {why}",
                name.escape_debug(),
                dir.display()
            ),
        )
    };
    if let Some(why) = file_name_problem(name) {
        return Err(refused(&format!("not a plain file name ({why})")));
    }
    let mut parts = Path::new(name).components();
    let plain =
        matches!(parts.next(), Some(Component::Normal(n)) if n == name) && parts.next().is_none();
    if !plain {
        return Err(refused("not a plain file name"));
    }
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let folder = dir
        .canonicalize()
        .map_err(|e| refused(&format!("the folder cannot be opened: {e}")))?;
    let parent = folder
        .join(name)
        .parent()
        .map(Path::canonicalize)
        .transpose()?;
    if parent.as_deref() != Some(folder.as_path()) {
        return Err(refused("it would be outside the folder"));
    }
    Ok(dir.join(name))
}

pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let failed = |e: std::io::Error| {
        Error::new(
            ErrorKind::Io,
            format!("could not write {}: {e}", path.display()),
        )
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy());
    let partial = dir.join(format!(".{name}.partial"));
    // A new file, never through a link left where the partial file goes.
    let _ = std::fs::remove_file(&partial);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&partial)
        .map_err(failed)?;
    file.write_all(data).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    drop(file);
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        failed(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_names_the_file_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("view.svg");
        write_atomic(&path, b"<svg/>").unwrap();
        write_atomic(&path, b"<svg></svg>").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg></svg>");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file left"
        );
        let err = write_atomic(&dir.path().join("no/such/dir/x.png"), b"x").unwrap_err();
        assert!(err.message.contains("x.png"), "{}", err.message);
    }

    #[test]
    fn only_plain_names_inside_the_folder_are_let_through() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            inside(dir.path(), "alpha.md").unwrap(),
            dir.path().join("alpha.md")
        );
        for bad in [
            "../x.md",
            "..",
            ".",
            "",
            "/etc/x.md",
            "a/b.md",
            "a\\b.md",
            "x\0.md",
        ] {
            let err = inside(dir.path(), bad).unwrap_err();
            assert!(err.message.contains("refused"), "{bad}: {}", err.message);
        }
    }

    /// What a name would do on Windows (reach a drive, a share, a device, an alternate stream,
    /// or another file once Windows drops a trailing dot) is refused wherever this runs: an
    /// export folder is often synced to, or copied onto, a Windows machine.
    #[test]
    fn names_windows_would_misread_are_refused_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        for bad in [
            "C:x.md",
            "C:\\x.md",
            "C:",
            "x.md:stream",
            "\\\\server\\share",
            "..\\x.md",
            "CON",
            "con.md",
            "NUL.jsonld",
            "nul.tar.gz",
            "AUX.csv",
            "prn",
            "COM1.md",
            "lpt9.md",
            "notes.md.",
            "notes.md ",
            "a<b.md",
            "a>b.md",
            "a\"b.md",
            "a|b.md",
            "a?b.md",
            "a*b.md",
            "line\nbreak.md",
        ] {
            let err = inside(dir.path(), bad).unwrap_err();
            assert!(
                err.message.contains("not a plain file name"),
                "{bad:?}: {}",
                err.message
            );
        }
        let long = format!("{}.md", "x".repeat(MAX_FILE_NAME_BYTES));
        assert!(inside(dir.path(), &long).is_err());
        for good in [
            "console.md",
            "lectern-notes.jsonld",
            "timeline 1924–1928.svg",
            ".x.md",
        ] {
            assert_eq!(inside(dir.path(), good).unwrap(), dir.path().join(good));
        }
    }
}
