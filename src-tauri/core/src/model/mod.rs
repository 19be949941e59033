//! The front matter of each kind of content file, as typed and validated structs.
//! Unknown fields are errors, so a typo never passes silently. Also the [`EntityRef`] by
//! which views and the timeline point at a person or organization.

mod article;
mod book;
mod organization;
mod person;
mod series;

pub use article::{ArticleMeta, ArticleOrigin, SeriesPlace};
pub use book::{BookMeta, BookStatus, Edition, Offer};
pub use organization::{Event, Leader, OrganizationMeta};
pub use person::PersonMeta;
pub use series::{SeriesMeta, SeriesPartMeta};

use serde::{Deserialize, Deserializer, Serialize};
use specta::Type;

/// A link to a person or organization page: its id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
}

/// The kinds of content, each a folder of `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Article,
    Person,
    Organization,
    Book,
    Series,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Article,
        Kind::Person,
        Kind::Organization,
        Kind::Book,
        Kind::Series,
    ];

    /// The folder under `content/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Article => "articles",
            Kind::Person => "people",
            Kind::Organization => "organizations",
            Kind::Book => "books",
            Kind::Series => "series",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Book => "book",
            Kind::Series => "series",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A string that must not be blank (titles, names, roles).
pub(crate) fn non_blank<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom("must not be empty"));
    }
    Ok(s.trim().to_owned())
}
