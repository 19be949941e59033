//! Front-matter fields as SQLite JSON paths into `entries.data`, which holds each entry's
//! front matter as its model struct serializes it (field names as in [`crate::model`]).
//! Every statement that reads a field inside `data` names it from here, and
//! `tests/integration/fields.rs` checks each path against the fixture library, so renaming a
//! field of a model struct fails a test instead of silently reading NULL.

use crate::model::Kind;

/// `ArticleMeta::tags`.
pub const TAGS: &str = "$.tags";
/// `ArticleMeta::authors`: person ids.
pub const AUTHORS: &str = "$.authors";
/// `ArticleMeta::url`: the article's address on the blog.
pub const URL: &str = "$.url";
/// `ArticleMeta::series`, `SeriesPlace::id`.
pub const SERIES_ID: &str = "$.series.id";
/// `ArticleMeta::series`, `SeriesPlace::part`.
pub const SERIES_PART: &str = "$.series.part";
/// `PersonMeta::aliases` and `OrganizationMeta::aliases`.
pub const ALIASES: &str = "$.aliases";
/// `PersonMeta::safe_aliases` and `OrganizationMeta::safe_aliases`.
pub const SAFE_ALIASES: &str = "$.safe_aliases";
/// `OrganizationMeta::founded`.
pub const FOUNDED: &str = "$.founded";
/// `OrganizationMeta::dissolved`.
pub const DISSOLVED: &str = "$.dissolved";
/// `PersonMeta::born`.
pub const BORN: &str = "$.born";
/// `PersonMeta::died`.
pub const DIED: &str = "$.died";
/// `OrganizationMeta::parent`.
pub const PARENT: &str = "$.parent";
/// `SeriesMeta::parts`.
pub const PARTS: &str = "$.parts";
/// `SeriesPartMeta::part`, in one item of [`PARTS`].
pub const PART: &str = "$.part";

/// Every path of an entry's front matter and the kinds of entry it is read from.
pub const ALL: &[(&str, &[Kind])] = &[
    (TAGS, &[Kind::Article]),
    (AUTHORS, &[Kind::Article]),
    (URL, &[Kind::Article]),
    (SERIES_ID, &[Kind::Article]),
    (SERIES_PART, &[Kind::Article]),
    (ALIASES, &[Kind::Person, Kind::Organization]),
    (SAFE_ALIASES, &[Kind::Person, Kind::Organization]),
    (FOUNDED, &[Kind::Organization]),
    (DISSOLVED, &[Kind::Organization]),
    (BORN, &[Kind::Person]),
    (DIED, &[Kind::Person]),
    (PARENT, &[Kind::Organization]),
    (PARTS, &[Kind::Series]),
];

/// Paths within the items of an array field: (kind, the array's path, the path in an item).
pub const IN_ITEMS: &[(Kind, &str, &str)] = &[(Kind::Series, PARTS, PART)];
