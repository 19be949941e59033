use super::non_blank;
use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// Front matter of `content/organizations/<id>.md`; the body describes the organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationMeta {
    #[serde(deserialize_with = "non_blank")]
    pub name: String,
    /// Acronyms and other names (`MOPR`, `International Red Aid`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases under four letters (`Lô`) that articles may be linked by: shorter names are
    /// otherwise not linked, since they would find ordinary words.
    #[serde(default)]
    pub safe_aliases: Vec<String>,
    #[serde(default)]
    pub founded: Option<PartialDate>,
    #[serde(default)]
    pub dissolved: Option<PartialDate>,
    /// Id of the organization this one belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub leaders: Vec<Leader>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A tenure: who held which role, when, and the article that says so.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub person: String,
    /// The role in the words of the source (`president`, `head of the US affiliate`).
    #[serde(deserialize_with = "non_blank")]
    pub role: String,
    #[serde(default)]
    pub from: Option<PartialDate>,
    #[serde(default)]
    pub to: Option<PartialDate>,
    /// Slug of the article that states the tenure.
    pub source: String,
    /// A few words of the source article that state it.
    #[serde(default)]
    pub cite: Option<String>,
}

/// A dated event in the organization's history.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub date: PartialDate,
    #[serde(deserialize_with = "non_blank")]
    pub label: String,
    /// `founding`, `congress`, `conference`, `campaign`, `publication`, `dissolution`, `other`.
    #[serde(default)]
    pub kind: Option<String>,
    pub source: String,
    #[serde(default)]
    pub cite: Option<String>,
}
