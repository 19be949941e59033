//! Writing files the reader asked for (exports) so that a crash never leaves half a file:
//! written beside the target, flushed, then renamed over it.

use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::path::Path;

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
    let mut file = std::fs::File::create(&partial).map_err(failed)?;
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
}
