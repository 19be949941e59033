//! What an annotation from outside must be to be kept, and what an import of notes takes at
//! most. A file of notes comes from anywhere (another tool, another reader): past these sizes
//! it is refused whole (the file) or an annotation in it is reported as not read, naming the
//! field, and the rest imported. The caps are far above what a reader writes (a long note is
//! a few thousand words).

use super::annotations::Annotation;
use crate::content::is_slug;

/// A notes file larger than this is not read at all.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Annotations read from one file; those after are reported as not read.
pub const MAX_ANNOTATIONS: usize = 100_000;
/// The words highlighted.
pub const MAX_QUOTE_BYTES: usize = 32 * 1024;
/// The context kept on each side of the quote.
pub const MAX_CONTEXT_BYTES: usize = 4 * 1024;
/// A note's Markdown.
pub const MAX_NOTE_BYTES: usize = 256 * 1024;
/// One tag.
pub const MAX_TAG_BYTES: usize = 200;
/// Tags on one annotation.
pub const MAX_TAGS: usize = 100;
/// An annotation's id, the id it replies to, and the web address it was made on.
pub const MAX_ID_BYTES: usize = 2 * 1024;
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// A colour name, and a time stamp (RFC 3339).
pub const MAX_WORD_BYTES: usize = 64;

/// `Err` naming `field` when `value` is longer than `max` bytes.
pub fn check(field: &str, value: &str, max: usize) -> Result<(), String> {
    if value.len() > max {
        Err(format!(
            "{field} is {} bytes long, over the {max} an import takes",
            value.len()
        ))
    } else {
        Ok(())
    }
}

/// `Err` naming the first tag over its cap, or the tags when there are too many.
pub fn check_tags(field: &str, tags: &[String]) -> Result<(), String> {
    if tags.len() > MAX_TAGS {
        return Err(format!(
            "{field} has {} tags, over the {MAX_TAGS} an import takes",
            tags.len()
        ));
    }
    tags.iter()
        .enumerate()
        .try_for_each(|(i, t)| check(&format!("{field}[{i}]"), t, MAX_TAG_BYTES))
}

/// Why an annotation from outside (an imported file, the webview's undo) cannot be kept, if
/// it cannot, naming the field: an article that is no content slug (it names files when notes
/// are exported), a field over its cap, a confidence that is no fraction.
pub fn admit(a: &Annotation) -> Result<(), String> {
    if !a.article.is_empty() && !is_slug(&a.article) {
        return Err(format!(
            "article `{}` is not an article slug (lower-case letters, digits and single hyphens)",
            a.article.escape_debug()
        ));
    }
    check("id", &a.id, MAX_ID_BYTES)?;
    if a.id.trim().is_empty() {
        return Err("id is empty".into());
    }
    check("quote", &a.quote, MAX_QUOTE_BYTES)?;
    check("prefix", &a.prefix, MAX_CONTEXT_BYTES)?;
    check("suffix", &a.suffix, MAX_CONTEXT_BYTES)?;
    check("note", &a.note, MAX_NOTE_BYTES)?;
    check_tags("tags", &a.tags)?;
    check("color", &a.color, MAX_WORD_BYTES)?;
    check("created", &a.created, MAX_WORD_BYTES)?;
    check("modified", &a.modified, MAX_WORD_BYTES)?;
    check("parent", a.parent.as_deref().unwrap_or(""), MAX_ID_BYTES)?;
    check("uri", a.uri.as_deref().unwrap_or(""), MAX_URI_BYTES)?;
    if !(0.0..=1.0).contains(&a.confidence) {
        return Err(format!(
            "confidence {} is not between 0 and 1",
            a.confidence
        ));
    }
    Ok(())
}
