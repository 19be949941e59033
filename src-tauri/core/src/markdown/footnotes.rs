//! Footnotes while rendering: their definitions split from the body, numbered in the order
//! of first reference, and their plain text kept for the citation linker.

use super::Spanned;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;

/// A footnote's plain text with the byte ranges of its emphasized runs (where a citation's
/// titles are), for the citation linker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FootnoteText {
    pub text: String,
    pub emphasis: Vec<(usize, usize)>,
}

/// A footnote's text, one line, with its emphasized runs (where a citation's titles are).
pub(super) fn note_text(events: &[Spanned]) -> FootnoteText {
    let mut note = FootnoteText::default();
    let mut open = Vec::new();
    let space = |t: &mut String| {
        if !t.is_empty() && !t.ends_with(' ') {
            t.push(' ');
        }
    };
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => note.text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                space(&mut note.text)
            }
            Event::Start(Tag::Emphasis) => open.push(note.text.len()),
            Event::End(TagEnd::Emphasis) => {
                if let Some(start) = open.pop() {
                    note.emphasis.push((start, note.text.len()));
                }
            }
            _ => {}
        }
    }
    let end = note.text.trim_end().len();
    note.text.truncate(end);
    for r in &mut note.emphasis {
        *r = (r.0.min(end), r.1.min(end));
    }
    note
}

/// Separates footnote definitions from the body.
pub(super) fn split_footnotes<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
) -> (Vec<Spanned<'a>>, HashMap<String, Vec<Spanned<'a>>>) {
    let mut body = Vec::new();
    let mut defs: HashMap<String, Vec<Spanned<'a>>> = HashMap::new();
    let mut current: Option<String> = None;
    for (event, range) in events {
        match (&event, &current) {
            (Event::Start(Tag::FootnoteDefinition(label)), _) => {
                current = Some(label.to_string());
            }
            (Event::End(TagEnd::FootnoteDefinition), _) => current = None,
            (_, Some(label)) => defs.entry(label.clone()).or_default().push((event, range)),
            (_, None) => body.push((event, range)),
        }
    }
    (body, defs)
}

/// Footnote numbers in the order of first reference, and how often each was referenced.
#[derive(Default)]
pub(super) struct FootnoteNumbers {
    pub(super) order: Vec<String>,
    pub(super) uses: HashMap<String, u32>,
}

impl FootnoteNumbers {
    /// The note's number and this reference's ordinal among references to it.
    pub(super) fn reference(&mut self, label: &str) -> (u32, u32) {
        let index = match self.order.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.order.push(label.to_owned());
                self.order.len() - 1
            }
        };
        let uses = self.uses.entry(label.to_owned()).or_default();
        *uses += 1;
        (u32::try_from(index + 1).unwrap_or(u32::MAX), *uses)
    }
}

/// The anchor id of a footnote reference (the `nth` to note `number`).
pub(super) fn ref_id(number: u32, nth: u32) -> String {
    if nth == 1 {
        format!("fnref-{number}")
    } else {
        format!("fnref-{number}-{nth}")
    }
}
