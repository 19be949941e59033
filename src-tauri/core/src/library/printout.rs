//! An article printed with the reader's notes, at the library's door: the article, its notes,
//! and its images read from beside the content and put inside the file.

use super::Library;
use crate::error::Result;
use crate::media_url::media_relative;
use crate::notes::Filter;
use crate::printout::{self, NotesPlacement};
use base64::Engine;

impl Library {
    /// `slug` as one self-contained HTML file with the reader's notes placed as `placement` says.
    pub fn article_html(&self, slug: &str, placement: NotesPlacement) -> Result<String> {
        let article = self.get_article(slug)?;
        let notes = self.notes.list_notes(&Filter {
            article: Some(slug.to_owned()),
            ..Filter::default()
        })?;
        let image = |src: &str| {
            let relative = media_relative(src)?;
            let decoded = percent_encoding::percent_decode_str(relative)
                .decode_utf8()
                .ok()?;
            let file = self.media_file(&decoded).ok()?;
            let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
            Some(format!("data:{};base64,{data}", file.kind.mime()))
        };
        Ok(printout::html(&article, &notes, placement, &image))
    }
}
