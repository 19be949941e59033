//! An article printed with the reader's notes, at the library's door: the article, its notes,
//! and its images read from beside the content and put inside the file.

use super::Library;
use crate::error::Result;
use crate::media_url::media_relative;
use crate::notes::{Annotation, Filter};
use crate::printout::{self, NotesPlacement};
use crate::views::Article;
use base64::Engine;

impl Library {
    /// `slug` as one self-contained HTML file with the reader's notes placed as `placement` says.
    pub fn article_html(&self, slug: &str, placement: NotesPlacement) -> Result<String> {
        let (article, notes) = self.printable(slug)?;
        Ok(printout::html(&article, &notes, placement, &|src| {
            self.data_image(src)
        }))
    }

    /// `slug` as a PDF with the reader's notes placed as `placement` says.
    pub fn article_pdf(&self, slug: &str, placement: NotesPlacement) -> Result<Vec<u8>> {
        printout::pdf(&self.composed(slug, placement)?)
    }

    /// `slug`'s printout page by page (SVG pictures of A4 pages), for the app to print.
    pub fn article_print_pages(
        &self,
        slug: &str,
        placement: NotesPlacement,
    ) -> Result<Vec<String>> {
        printout::svg_pages(&self.composed(slug, placement)?)
    }

    /// `slug`'s printout, composed to typeset, in the size and spacing the reader reads in.
    fn composed(&self, slug: &str, placement: NotesPlacement) -> Result<printout::Composed> {
        let (article, notes) = self.printable(slug)?;
        let reading = self.reading_settings();
        Ok(printout::Composed {
            text_size: reading.text_size,
            line_spacing: reading.line_spacing,
            ..printout::compose(&article, &notes, placement, &|src| self.data_image(src))
        })
    }

    /// The article and its notes (rendered).
    fn printable(&self, slug: &str) -> Result<(Article, Vec<Annotation>)> {
        let article = self.get_article(slug)?;
        let notes = self.notes.list_notes(&Filter {
            article: Some(slug.to_owned()),
            ..Filter::default()
        })?;
        Ok((article, notes))
    }

    /// A `data:` address holding the image stored beside the content that `src` (an address
    /// in a rendered article) names.
    fn data_image(&self, src: &str) -> Option<String> {
        let relative = media_relative(src)?;
        let decoded = percent_encoding::percent_decode_str(relative)
            .decode_utf8()
            .ok()?;
        let file = self.media_file(&decoded).ok()?;
        let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
        Some(format!("data:{};base64,{data}", file.kind.mime()))
    }
}
