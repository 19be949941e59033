//! A printout typeset by Typst, in process: A4 pages numbered at their foot, headings kept
//! with what follows them, its fonts inside Lectern (none need be installed). Written as a PDF
//! (the headings in its outline, the text selectable, the title and authors in its metadata),
//! or as one SVG picture per page, for the app to print exactly these pages.

use super::typst::{document, Document};
use super::Composed;
use crate::error::{Error, ErrorKind, Result};
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The faces a printout is set in (`fonts/`, from typst-assets, licences in `fonts/NOTICE`):
/// Libertinus Serif for the text, DejaVu Sans Mono for code. Only these are built in: Typst's
/// whole set (New Computer Modern and its maths, more weights) would add 7 MB to the app.
const FONTS: [&[u8]; 5] = [
    include_bytes!("../../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../../fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../../fonts/DejaVuSansMono.ttf"),
];

/// Typst's standard library and the fonts, read once.
static SHARED: LazyLock<(LazyHash<Library>, LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    (
        LazyHash::new(Library::default()),
        LazyHash::new(book),
        fonts,
    )
});

/// One printout's world: its source and its images, nothing from the disk or the network.
struct Printout {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

impl World for Printout {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.0
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.2.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        let today = jiff::Timestamp::now().to_string();
        let (y, m, d) = (today.get(0..4)?, today.get(5..7)?, today.get(8..10)?);
        Datetime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

/// A composed printout, typeset.
fn typeset(c: &Composed) -> Result<PagedDocument> {
    let Document { source, files } = document(c);
    let world = Printout {
        main: Source::new(FileId::new(None, VirtualPath::new("/printout.typ")), source),
        files: files
            .into_iter()
            .map(|(path, bytes)| {
                (
                    FileId::new(None, VirtualPath::new(&path)),
                    Bytes::new(bytes),
                )
            })
            .collect(),
    };
    typst::compile(&world)
        .output
        .map_err(|e| failed(c, "typeset", &e))
}

/// Why the printout of `c` could not be `what`.
fn failed(c: &Composed, what: &str, errors: &[typst::diag::SourceDiagnostic]) -> Error {
    let why: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    Error::new(
        ErrorKind::Invalid,
        format!(
            "the printout of `{}` could not be {what}: {}",
            c.title,
            why.join("; ")
        ),
    )
}

/// The PDF of a composed printout.
pub fn pdf(c: &Composed) -> Result<Vec<u8>> {
    let paged = typeset(c)?;
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default()).map_err(|e| failed(c, "written", &e))
}

/// The pages of a composed printout, each an SVG picture the size of an A4 page.
pub fn svg_pages(c: &Composed) -> Result<Vec<String>> {
    Ok(typeset(c)?.pages.iter().map(typst_svg::svg).collect())
}
