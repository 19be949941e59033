use super::non_blank;
use serde::{Deserialize, Serialize};

/// Front matter of `content/series/<id>.md`: a series and all its parts, including those
/// announced but not yet published (a part no article claims is shown as announced).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesMeta {
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
    pub parts: Vec<SeriesPartMeta>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesPartMeta {
    pub part: u32,
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
}
