//! Splitting a content file into its TOML front matter and Markdown body, then parsing the
//! front matter into a typed struct. Split and parse are separate steps, as in Zola.

use crate::problem::{line_at, Problem};
use serde::de::DeserializeOwned;

/// A file split at its `+++` fences. Offsets are into the file's text.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Byte offset of the front matter in the file.
    pub front_matter_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` into front matter and body. The file must open with a `+++` line and the
/// front matter must be closed by another `+++` line.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Problem> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "+++" {
        return Err(Problem::new(
            path,
            1,
            "front matter",
            "the file must begin with a `+++` line that opens the TOML front matter",
        ));
    }
    let fm_start = start + first_line_end;
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_offset: fm_start,
                body: &text[offset + line.len()..],
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        path,
        1,
        "front matter",
        "the front matter opened on line 1 is never closed by a `+++` line",
    ))
}

/// Parses the front matter of `split` into `T`, reporting the first error with its line and
/// the dotted path of the field (`series.part`, `leaders[2].person`).
pub fn parse<T: DeserializeOwned>(path: &str, text: &str, split: &Split) -> Result<T, Problem> {
    let fm = split.front_matter;
    let located =
        |offset: Option<usize>| line_at(text, split.front_matter_offset + offset.unwrap_or(0));
    let de = toml::Deserializer::parse(fm).map_err(|e| {
        let line = located(e.span().map(|s| s.start));
        Problem::new(
            path,
            line,
            "front matter",
            format!("TOML syntax: {}", e.message().trim()),
        )
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        let message = inner.message().trim().to_owned();
        let mut field = e.path().to_string();
        if let Some(name) = named_field(&message) {
            if field == "." {
                field = name;
            } else if !field.ends_with(&name) {
                field = format!("{field}.{name}");
            }
        }
        if field == "." || field.is_empty() {
            field = "front matter".to_owned();
        }
        // A missing field has no place of its own: name the line that opens the front matter.
        let line = if message.starts_with("missing field") {
            line_at(text, split.front_matter_offset.saturating_sub(1))
        } else {
            located(inner.span().map(|s| s.start))
        };
        Problem::new(path, line, &field, message)
    })
}

/// The field a "missing field `x`" or "unknown field `x`" message is about.
fn named_field(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("missing field `")
        .or_else(|| message.strip_prefix("unknown field `"))?;
    Some(rest[..rest.find('`')?].to_owned())
}
