use super::non_blank;
use crate::date::PartialDate;
use crate::money::Amount;
use serde::{Deserialize, Serialize};

/// Front matter of `content/books/<id>.md`; the body describes the book.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookMeta {
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Person ids.
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub editors: Vec<String>,
    #[serde(default)]
    pub translators: Vec<String>,
    #[serde(default)]
    pub publishers: Vec<String>,
    /// Publication date of the work (first edition), at the precision known.
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub pages: Option<u32>,
    /// A publisher's series the book appears in.
    #[serde(default)]
    pub book_series: Option<String>,
    #[serde(default)]
    pub status: BookStatus,
    /// For forthcoming books and books in preparation: when they are expected.
    #[serde(default)]
    pub expected: Option<PartialDate>,
    #[serde(default)]
    pub editions: Vec<Edition>,
    /// Slugs of articles that announce, review or discuss the book.
    #[serde(default)]
    pub related: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum BookStatus {
    #[default]
    Published,
    Forthcoming,
    InPreparation,
}

/// One edition of a book (library hardcover, paperback), with its own status and offer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    #[serde(deserialize_with = "non_blank")]
    pub format: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub pages: Option<u32>,
    #[serde(default)]
    pub status: BookStatus,
    #[serde(default)]
    pub expected: Option<PartialDate>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub offer: Option<Offer>,
}

/// A price offer on an edition. Amounts are exact decimals (`11.37` or `"11.37"`); any two
/// of price, list price and discount give the third.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The offer price, in `currency`.
    #[serde(default)]
    pub price: Option<Amount>,
    /// ISO 4217 code such as `USD`.
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub list_price: Option<Amount>,
    #[serde(default)]
    pub discount_percent: Option<Amount>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub valid_until: Option<PartialDate>,
    #[serde(default)]
    pub url: Option<String>,
}
