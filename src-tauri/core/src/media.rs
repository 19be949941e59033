//! Images stored beside the content, as the desktop app's media protocol hands them to the
//! webview. A file is given out only when it still lies inside its content folder once every
//! link on the way is followed, and only when it is an image, by its extension and by its
//! first bytes: never a page, a script or a file from elsewhere on the disk.

use crate::content::{relative_path_problem, Roots};
use crate::error::{Error, ErrorKind, Result};
use std::fs::File;
use std::io::Read;

/// The largest image given out (a blog's images are fetched up to 40 MB).
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The image types the library shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Gif,
    Webp,
    Avif,
    Svg,
}

impl ImageType {
    /// The type a file name's extension stands for; `None` for anything but an image.
    pub fn from_name(name: &str) -> Option<Self> {
        let (_, ext) = name.rsplit_once('.')?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "png" => Self::Png,
            "jpg" | "jpeg" => Self::Jpeg,
            "gif" => Self::Gif,
            "webp" => Self::Webp,
            "avif" => Self::Avif,
            "svg" => Self::Svg,
            _ => return None,
        })
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Avif => "image/avif",
            Self::Svg => "image/svg+xml",
        }
    }

    /// Whether `bytes` begin as a file of this type does.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Self::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Self::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Self::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            Self::Webp => bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"),
            Self::Avif => is_avif(bytes),
            Self::Svg => is_svg(bytes),
        }
    }
}

/// An ISO media file whose first box (`ftyp`) names an AVIF brand, major or compatible.
fn is_avif(bytes: &[u8]) -> bool {
    let Some(size) = bytes.get(0..4) else {
        return false;
    };
    let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
    if bytes.get(4..8) != Some(b"ftyp") || size < 16 {
        return false;
    }
    let major = bytes.get(8..12);
    let compatible = bytes.get(16..size.min(bytes.len())).unwrap_or_default();
    major
        .into_iter()
        .chain(compatible.chunks_exact(4))
        .any(|brand| brand == b"avif" || brand == b"avis")
}

/// UTF-8 text (a byte-order mark allowed) that starts with markup and holds an `<svg` element.
fn is_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// An image read from a content folder, with its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub kind: ImageType,
    pub bytes: Vec<u8>,
}

fn refused(relative: &str, why: &str) -> Error {
    Error::new(ErrorKind::Invalid, format!("media file `{relative}` {why}"))
}

/// Reads the image a media path names (`articles/images/x.svg`,
/// `blogs/<name>/articles/images/y.jpg`, already percent-decoded) from the content folder its
/// prefix belongs to. Refused: a path that is not an image by its extension, that is not
/// plain parts between `/` each a file name valid on every platform (no `.` or `..`, no `\`,
/// drive, share or device name: [`relative_path_problem`], the same on every platform), that
/// leads (through a link, anywhere on the way) outside its folder, a file over
/// [`MAX_IMAGE_BYTES`], and bytes that are not the type the extension says.
pub fn read_image(roots: &Roots, relative: &str) -> Result<Image> {
    let missing = || Error::not_found("media file", relative);
    let kind =
        ImageType::from_name(relative).ok_or_else(|| refused(relative, "is not an image"))?;
    if let Some(why) = relative_path_problem(relative) {
        return Err(refused(relative, &format!("is refused: {why}")));
    }
    let (root, path) = roots
        .locate(relative)
        .ok_or_else(|| refused(relative, "belongs to no content folder"))?;
    let file = path.canonicalize().map_err(|_| missing())?;
    let inside = root
        .dir
        .canonicalize()
        .is_ok_and(|dir| file.starts_with(dir));
    if !inside {
        return Err(refused(relative, "leads outside its content folder"));
    }
    let opened = File::open(&file).map_err(|_| missing())?;
    let meta = opened.metadata()?;
    if !meta.is_file() {
        return Err(missing());
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(refused(relative, "is too large to show"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    opened.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(refused(relative, "is too large to show"));
    }
    if !kind.matches(&bytes) {
        return Err(refused(relative, "is not the image its name says"));
    }
    Ok(Image { kind, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{blog_prefix, Root};
    use std::fs;
    use std::path::Path;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const SVG: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

    /// A content folder with `articles/images/` and a folder beside it, outside the content.
    fn library() -> (tempfile::TempDir, Roots) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("articles/images")).unwrap();
        fs::create_dir_all(dir.path().join("outside")).unwrap();
        fs::write(content.join("articles/images/map.png"), PNG).unwrap();
        fs::write(content.join("articles/images/leaders.svg"), SVG).unwrap();
        fs::write(dir.path().join("outside/secret.png"), PNG).unwrap();
        let roots = Roots::single(&content);
        (dir, roots)
    }

    fn images(dir: &Path) -> std::path::PathBuf {
        dir.join("content/articles/images")
    }

    fn kind_of(r: Result<Image>) -> ErrorKind {
        r.expect_err("refused").kind
    }

    #[test]
    fn an_image_inside_its_folder_is_read_with_its_type() {
        let (_dir, roots) = library();
        let png = read_image(&roots, "articles/images/map.png").unwrap();
        assert_eq!((png.kind.mime(), png.bytes.as_slice()), ("image/png", PNG));
        let svg = read_image(&roots, "articles/images/leaders.svg").unwrap();
        assert_eq!(svg.kind.mime(), "image/svg+xml");
    }

    #[test]
    fn a_missing_image_is_not_found() {
        let (_dir, roots) = library();
        assert_eq!(
            kind_of(read_image(&roots, "articles/images/none.png")),
            ErrorKind::NotFound
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_content_folder_are_refused() {
        use std::os::unix::fs::symlink;
        let (dir, roots) = library();
        let images = images(dir.path());
        symlink("/etc/passwd", images.join("passwd.png")).unwrap();
        symlink("/etc/passwd", images.join("passwd")).unwrap();
        symlink(
            dir.path().join("outside/secret.png"),
            images.join("secret.png"),
        )
        .unwrap();
        symlink(dir.path().join("outside"), images.join("out")).unwrap();
        for path in [
            "articles/images/passwd.png",
            "articles/images/passwd",
            "articles/images/secret.png",
            "articles/images/out/secret.png",
        ] {
            assert_eq!(
                kind_of(read_image(&roots, path)),
                ErrorKind::Invalid,
                "{path}"
            );
        }
        // A link that stays inside is followed.
        symlink(images.join("map.png"), images.join("same.png")).unwrap();
        assert_eq!(
            read_image(&roots, "articles/images/same.png")
                .unwrap()
                .bytes,
            PNG
        );
    }

    #[test]
    fn dot_segments_and_absolute_paths_are_refused() {
        let (_dir, roots) = library();
        for path in [
            "articles/images/../../outside/secret.png",
            "../outside/secret.png",
            "articles/./images/map.png",
            "/etc/passwd.png",
            "articles//images/map.png",
            "articles\\images\\map.png",
        ] {
            assert_eq!(
                kind_of(read_image(&roots, path)),
                ErrorKind::Invalid,
                "{path}"
            );
        }
    }

    /// What a request could say on Windows (where `\\` separates folders, a drive or a share
    /// starts a path and a device name is a file in every folder) is refused on every
    /// platform, before any file is looked for: a media path is `/`-separated and relative.
    #[test]
    fn windows_paths_are_refused_on_every_platform() {
        let (dir, roots) = library();
        // Files of those names, where Linux would find them.
        let images = images(dir.path());
        for name in ["CON.png", "nul.png", "com1.png", "map.png.", "map.png "] {
            fs::write(images.join(name), PNG).unwrap();
        }
        for path in [
            "articles\\images\\map.png",
            "articles/images\\map.png",
            "articles/..\\..\\outside/secret.png",
            "..\\outside\\secret.png",
            "C:/Windows/x.png",
            "C:\\Windows\\x.png",
            "C:x.png",
            "articles/images/C:map.png",
            "articles/images/map.png:stream.png",
            "\\\\server\\share\\x.png",
            "//server/share/x.png",
            "\\\\?\\C:\\x.png",
            "articles/images/CON.png",
            "articles/images/con.png",
            "articles/images/nul.png",
            "articles/images/NUL.tar.png",
            "articles/images/aux.png",
            "articles/images/prn.png",
            "articles/images/com1.png",
            "articles/images/LPT1.png",
            "articles/images/nul .png",
            "articles/images./map.png",
            "articles /images/map.png",
            "articles/images/map.png.",
            "articles/images/map.png ",
            "articles/images/<map>.png",
            "articles/images/map|.png",
            "articles/images/ma\"p.png",
            "articles/images/m?p.png",
            "articles/images/m*p.png",
            "articles/images/m\u{1}p.png",
        ] {
            assert!(roots.locate(path).is_none(), "{path:?}");
            assert!(roots.resolve(path).is_none(), "{path:?}");
            let err = read_image(&roots, path).expect_err(path);
            assert_eq!(err.kind, ErrorKind::Invalid, "{path:?}: {}", err.message);
        }
        // The plain path to the same image is read.
        assert!(read_image(&roots, "articles/images/map.png").is_ok());
    }

    #[test]
    fn only_images_are_read_and_only_when_their_bytes_agree() {
        let (dir, roots) = library();
        let images = images(dir.path());
        fs::write(images.join("page.html"), "<script>alert(1)</script>").unwrap();
        fs::write(images.join("page.png"), "<html><script>alert(1)</script>").unwrap();
        fs::write(images.join("page.svg"), "<html><script>alert(1)</script>").unwrap();
        fs::write(images.join("notes.md"), "+++\n+++\n").unwrap();
        for path in [
            "articles/images/page.html",
            "articles/images/page.png",
            "articles/images/page.svg",
            "articles/images/notes.md",
            "articles/images",
        ] {
            assert_eq!(
                kind_of(read_image(&roots, path)),
                ErrorKind::Invalid,
                "{path}"
            );
        }
    }

    #[test]
    fn a_blog_folder_is_its_own_root() {
        let (dir, mut roots) = library();
        let blog = dir.path().join("blog");
        fs::create_dir_all(blog.join("articles/images")).unwrap();
        fs::write(blog.join("articles/images/a.png"), PNG).unwrap();
        roots.push(Root {
            name: "red".into(),
            prefix: blog_prefix("red"),
            dir: blog,
        });
        assert!(read_image(&roots, "blogs/red/articles/images/a.png").is_ok());
        // The starter library's images are not reachable through a blog's prefix.
        assert!(read_image(&roots, "blogs/red/../../articles/images/map.png").is_err());
    }

    #[test]
    fn bytes_are_sniffed_per_type() {
        use ImageType::*;
        assert!(Jpeg.matches(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(Gif.matches(b"GIF89a\x01\0"));
        assert!(Webp.matches(b"RIFF\x10\0\0\0WEBPVP8 "));
        assert!(!Webp.matches(b"RIFF\x10\0\0\0WAVEfmt "));
        let avif = b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf";
        assert!(Avif.matches(avif));
        assert!(!Avif.matches(b"\0\0\0\x14ftypisom\0\0\0\0isom"));
        assert!(Svg.matches("\u{feff}  <svg viewBox=\"0 0 1 1\"></svg>".as_bytes()));
        assert!(!Svg.matches(b"GIF89a <svg"));
        assert!(!Png.matches(b"\x89PNG"));
        assert_eq!(ImageType::from_name("a/B.JPEG"), Some(Jpeg));
        assert_eq!(ImageType::from_name("a/b.svgz"), None);
        assert_eq!(ImageType::from_name("png"), None);
    }
}
