//! The search index's fields. The index is derived data: everything in it is rebuilt from
//! library.sqlite (and, later, notes.sqlite) whenever it is missing, stale or of another
//! layout version.

use super::analyzer::STEMMED;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

/// Name of the fast field holding the kind's number.
pub const KIND_ORD: &str = "kind_ord";

/// Bumped whenever fields or analysis change; a different version forces a rebuild.
pub const LAYOUT_VERSION: u32 = 3;

/// Field handles, looked up once.
#[derive(Clone, Copy)]
pub struct Fields {
    /// `kind/id`: the unit of update and deletion.
    pub key: Field,
    pub kind: Field,
    /// The kind as a number ([`super::query::SearchKind::ALL`] order), for counting results per kind.
    pub kind_ord: Field,
    /// Title, subtitle, a person's or organization's name and aliases.
    pub title: Field,
    /// Headings, summary, tags, series title, publishers: the words that describe a text.
    pub heads: Field,
    /// Names and aliases of authors, editors and translators.
    pub author: Field,
    /// Series id and title.
    pub series: Field,
    pub body: Field,
    /// The people and organizations the text names (`person/<id>`), as the mentions found them.
    pub named: Field,
    /// The years an entry spans (publication, life, existence), for `year:`.
    pub year_from: Field,
    pub year_to: Field,
}

/// A field and how much a match in it weighs.
pub type Weighted = (Field, f32);

impl Fields {
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STEMMED)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            key: b.add_text_field("key", STRING | STORED),
            kind: b.add_text_field("kind", STRING),
            kind_ord: b.add_u64_field(KIND_ORD, FAST),
            title: b.add_text_field("title", text.clone()),
            heads: b.add_text_field("heads", text.clone()),
            author: b.add_text_field("author", text.clone()),
            series: b.add_text_field("series", text.clone()),
            body: b.add_text_field("body", text),
            named: b.add_text_field("named", STRING),
            year_from: b.add_i64_field("year_from", INDEXED | FAST),
            year_to: b.add_i64_field("year_to", INDEXED | FAST),
        };
        (b.build(), fields)
    }

    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            key: f("key")?,
            kind: f("kind")?,
            kind_ord: f(KIND_ORD)?,
            title: f("title")?,
            heads: f("heads")?,
            author: f("author")?,
            series: f("series")?,
            body: f("body")?,
            named: f("named")?,
            year_from: f("year_from")?,
            year_to: f("year_to")?,
        })
    }

    /// Where the reader's words are looked for, with their weights: a hit in a title or
    /// name outranks one in a heading, which outranks one in the body.
    pub fn searched(&self) -> [Weighted; 4] {
        [
            (self.title, 4.0),
            (self.heads, 2.0),
            (self.author, 1.5),
            (self.body, 1.0),
        ]
    }
}
