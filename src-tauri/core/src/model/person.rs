use super::non_blank;
use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// Front matter of `content/people/<id>.md`; the body is a short biography.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonMeta {
    #[serde(deserialize_with = "non_blank")]
    pub name: String,
    /// Other spellings a reader may type: without diacritics, other transliterations, scripts.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases under four letters (`Lô`) that articles may be linked by: shorter names are
    /// otherwise not linked, since they would find ordinary words.
    #[serde(default)]
    pub safe_aliases: Vec<String>,
    #[serde(default)]
    pub born: Option<PartialDate>,
    #[serde(default)]
    pub died: Option<PartialDate>,
    #[serde(default)]
    pub summary: Option<String>,
}
