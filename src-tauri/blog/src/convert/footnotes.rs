//! Footnotes, whichever way a WordPress blog writes them, turned into numbered notes.
//!
//! Every convention comes down to a reference in the text that links (`href="#x"`) to a note
//! further down: the block editor's `sup.fn` and `ol.wp-block-footnotes`, the Easy Footnotes
//! plugin's spans and `ol.easy-footnotes-wrapper`, hand-made `<sup><a href="#fn1">` with a
//! closing list, and Word's `_ftn1`/`_ftnref1` anchors. Shortcodes and the block editor's
//! stored notes are brought into that shape before (see `shortcodes`). Plain `[1]` markers
//! with closing paragraphs that start `[1]` are the one convention without links.
//!
//! Each reference is replaced by a marker ([`marker`]) that survives Markdown conversion and
//! becomes `[^n]`; each note's content is taken out of the page and returned.

use super::dom::{self, Handle};
use std::collections::HashMap;
use std::rc::Rc;

/// Opens and closes a footnote marker in converted text (private-use characters, which no
/// converter escapes and no post contains).
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

pub fn marker(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}")
}

/// One note taken out of the page: its number and a container holding its content.
pub struct Note {
    pub number: usize,
    pub content: Handle,
}

/// Finds the notes under `root`, replaces their references by markers and removes them
/// (and a "Notes" heading or list left empty) from the page.
pub fn extract(root: &Handle) -> Vec<Note> {
    inline_notes(root);
    let notes = linked(root);
    if notes.is_empty() {
        bracketed(root)
    } else {
        notes
    }
}

/// Notes written inline, each right after its reference (Modern Footnotes:
/// `sup.modern-footnotes-footnote` then `span.modern-footnotes-footnote__note`), moved to a
/// list at the end with links, as the other conventions have them.
fn inline_notes(root: &Handle) {
    let spans: Vec<Handle> = dom::descendants(root)
        .into_iter()
        .filter(|n| dom::is(n, "span") && dom::has_class(n, "modern-footnotes-footnote__note"))
        .collect();
    if spans.is_empty() {
        return;
    }
    let list = dom::new_element("ol", &[]);
    for (i, span) in spans.iter().enumerate() {
        let id = format!("lectern-mfn-{}", i + 1);
        let link = dom::new_element("a", &[("href", &format!("#{id}"))]);
        dom::append(&link, dom::new_text(&(i + 1).to_string()));
        let item = dom::new_element("li", &[("id", &id)]);
        dom::move_children(span, &item);
        match dom::previous_element(span).filter(|p| dom::has_class(p, "modern-footnotes-footnote"))
        {
            Some(reference) => {
                dom::replace(&reference, link);
                dom::detach(span);
            }
            None => dom::replace(span, link),
        }
        dom::append(&list, item);
    }
    dom::append(&body_of(root), list);
}

/// A reference's text: a number, possibly in brackets or parentheses.
fn reference_number(text: &str) -> Option<&str> {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')') || c.is_whitespace());
    (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

const NOTE_BLOCKS: &[&str] = &["li", "p", "div", "aside", "section"];

fn linked(root: &Handle) -> Vec<Note> {
    let nodes = dom::descendants(root);
    let order: HashMap<*const dom::Node, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (Rc::as_ptr(n), i))
        .collect();
    let mut targets: HashMap<String, Handle> = HashMap::new();
    for node in &nodes {
        for name in ["id", "name"] {
            if let Some(id) = dom::attr(node, name) {
                targets.entry(id).or_insert_with(|| node.clone());
            }
        }
    }
    // Notes by the block that holds the target, in order of first reference.
    let mut by_block: HashMap<*const dom::Node, usize> = HashMap::new();
    let mut notes: Vec<(Handle, Vec<String>)> = Vec::new();
    let mut references: Vec<(Handle, usize)> = Vec::new();
    for node in &nodes {
        if !dom::is(node, "a") {
            continue;
        }
        // `#fn1`, or the post's own address with a fragment (as Easy Footnotes writes it).
        let Some(target_id) = dom::attr(node, "href").and_then(|h| fragment(&h)) else {
            continue;
        };
        if reference_number(&dom::text(node)).is_none() {
            continue;
        }
        let Some(target) = targets.get(&target_id) else {
            continue;
        };
        let Some(block) = note_block(target, root) else {
            continue;
        };
        let (here, there) = (order[&Rc::as_ptr(node)], order[&Rc::as_ptr(&block)]);
        // A reference comes before its note; a link inside a note back to the text is not one.
        if there <= here || is_inside(node, &block) {
            continue;
        }
        let ref_ids: Vec<String> = ["id", "name"]
            .iter()
            .filter_map(|a| dom::attr(node, a))
            .collect();
        let n = *by_block.entry(Rc::as_ptr(&block)).or_insert_with(|| {
            notes.push((block.clone(), Vec::new()));
            notes.len()
        });
        notes[n - 1].1.extend(ref_ids);
        references.push((reference_element(node), n));
    }
    for (element, n) in &references {
        dom::replace(element, dom::new_text(&marker(*n)));
    }
    notes
        .into_iter()
        .enumerate()
        .map(|(i, (block, back_ids))| Note {
            number: i + 1,
            content: take_note(&block, &back_ids),
        })
        .collect()
}

/// The block that holds a note: the target itself when it is one, else its nearest such
/// ancestor below the root.
fn note_block(target: &Handle, root: &Handle) -> Option<Handle> {
    let mut node = target.clone();
    loop {
        if Rc::ptr_eq(&node, root) {
            return None;
        }
        if dom::tag(&node).is_some_and(|t| NOTE_BLOCKS.contains(&t)) {
            return Some(node);
        }
        node = dom::parent(&node)?;
    }
}

fn is_inside(node: &Handle, block: &Handle) -> bool {
    let mut at = dom::parent(node);
    while let Some(p) = at {
        if Rc::ptr_eq(&p, block) {
            return true;
        }
        at = dom::parent(&p);
    }
    false
}

/// What a reference replaces: the link, with a `sup` or span that holds nothing else.
fn reference_element(link: &Handle) -> Handle {
    let mut element = link.clone();
    while let Some(parent) = dom::parent(&element) {
        let wraps = matches!(dom::tag(&parent), Some("sup" | "span" | "small"))
            && dom::text(&parent).trim() == dom::text(&element).trim()
            && parent
                .children
                .borrow()
                .iter()
                .all(|c| Rc::ptr_eq(c, &element) || dom::text(c).trim().is_empty());
        if !wraps {
            break;
        }
        element = parent;
    }
    element
}

const BACK_ARROWS: &[&str] = &["↩", "↩︎", "↑", "^", "back", "return", "top"];

/// Moves a note's content out of the page into a container, without back-links and the
/// note's own leading number, and removes lists and headings it leaves empty.
fn take_note(block: &Handle, back_ids: &[String]) -> Handle {
    let container = dom::new_element("div", &[]);
    dom::move_children(block, &container);
    for node in dom::descendants(&container) {
        if !dom::is(&node, "a") {
            continue;
        }
        let href = dom::attr(&node, "href").unwrap_or_default();
        let text = dom::text(&node);
        let back = fragment(&href).is_some_and(|id| back_ids.contains(&id))
            || dom::has_class(&node, "easy-footnote-to-top")
            || BACK_ARROWS.contains(&text.trim().to_lowercase().as_str());
        if back {
            // Word writes the note's number as the back-link: it goes with it.
            detach_with_brackets(&node);
        }
    }
    strip_leading_number(&container);
    let list = dom::parent(block);
    dom::detach(block);
    if let Some(list) = list.filter(|l| matches!(dom::tag(l), Some("ol" | "ul" | "div"))) {
        remove_if_empty(&list);
    }
    container
}

/// Removes a list left without items, and the "Notes" heading just before it.
fn remove_if_empty(list: &Handle) {
    if !dom::text(list).trim().is_empty() {
        return;
    }
    if let Some(heading) = dom::previous_element(list) {
        let heading_like = matches!(
            dom::tag(&heading),
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p")
        );
        if heading_like && is_notes_title(&dom::text(&heading)) {
            dom::detach(&heading);
        }
    }
    let parent = dom::parent(list);
    dom::detach(list);
    if let Some(parent) = parent.filter(|p| dom::is(p, "div") || dom::is(p, "section")) {
        if dom::text(&parent).trim().is_empty()
            && !parent.children.borrow().iter().any(|c| dom::is(c, "img"))
        {
            dom::detach(&parent);
        }
    }
}

fn is_notes_title(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        t.as_str(),
        "notes"
            | "note"
            | "footnotes"
            | "endnotes"
            | "references"
            | "sources"
            | "notes and references"
    )
}

/// The fragment of a link (`fn1` of `#fn1` or of `https://blog/post/#fn1`).
fn fragment(href: &str) -> Option<String> {
    let (_, id) = href.split_once('#')?;
    (!id.is_empty()).then(|| id.to_string())
}

/// Removes a back-link with the brackets around it (`text [<a>↩</a>]`).
fn detach_with_brackets(link: &Handle) {
    if let Some(parent) = dom::parent(link) {
        let siblings = parent.children.borrow().clone();
        if let Some(i) = siblings.iter().position(|c| Rc::ptr_eq(c, link)) {
            fn text_of(
                n: Option<&Handle>,
            ) -> Option<&std::cell::RefCell<html5ever::tendril::StrTendril>> {
                match n.map(|n| &n.data) {
                    Some(dom::NodeData::Text { contents }) => Some(contents),
                    _ => None,
                }
            }
            let (before, after) = (
                text_of(i.checked_sub(1).and_then(|p| siblings.get(p))),
                text_of(siblings.get(i + 1)),
            );
            if let (Some(before), Some(after)) = (before, after) {
                let (b, a) = (before.borrow().to_string(), after.borrow().to_string());
                let pair = [('[', ']'), ('(', ')')]
                    .into_iter()
                    .find(|(o, c)| b.trim_end().ends_with(*o) && a.trim_start().starts_with(*c));
                if let Some((open, close)) = pair {
                    *before.borrow_mut() = b.trim_end().trim_end_matches(open).trim_end().into();
                    *after.borrow_mut() = a.trim_start().trim_start_matches(close).into();
                }
            }
        }
    }
    dom::detach(link);
}

/// Drops a note's own number at its start (`1.`, `[1]`, `1)`), which Lectern writes itself.
fn strip_leading_number(container: &Handle) {
    let Some(first) = dom::descendants(container)
        .into_iter()
        .find(|n| dom::tag(n).is_none() && !dom::text(n).trim().is_empty())
    else {
        return;
    };
    if let dom::NodeData::Text { contents } = &first.data {
        let text = contents.borrow().to_string();
        let trimmed = text.trim_start();
        let rest = trimmed
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            .map(|(_, r)| r)
            .or_else(|| {
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| &trimmed[digits..])
                    .and_then(|r| r.strip_prefix('.').or_else(|| r.strip_prefix(')')))
                    .filter(|r| r.starts_with(char::is_whitespace))
            });
        if let Some(rest) = rest {
            *contents.borrow_mut() = rest.trim_start().into();
        }
    }
}

/// Plain `[1]` references with closing paragraphs that each start with their `[n]`.
fn bracketed(root: &Handle) -> Vec<Note> {
    let body = body_of(root);
    let blocks: Vec<Handle> = body
        .children
        .borrow()
        .iter()
        .filter(|c| dom::tag(c).is_some())
        .cloned()
        .collect();
    // The closing run: from the end, paragraphs (or list items) starting [k], k descending to 1.
    let mut notes: Vec<Handle> = Vec::new();
    let mut expected: Option<usize> = None;
    for block in blocks.iter().rev() {
        let items: Vec<Handle> = if matches!(dom::tag(block), Some("ol" | "ul")) {
            block
                .children
                .borrow()
                .iter()
                .filter(|c| dom::is(c, "li"))
                .rev()
                .cloned()
                .collect()
        } else {
            vec![block.clone()]
        };
        let mut stop = false;
        for item in items {
            match leading_bracket(&dom::text(&item)) {
                Some(k) if expected.is_none_or(|e| k == e) && k >= 1 => {
                    notes.push(item);
                    expected = Some(k - 1);
                }
                _ => {
                    stop = true;
                    break;
                }
            }
        }
        if stop || expected == Some(0) {
            break;
        }
    }
    if expected != Some(0) || notes.is_empty() {
        return Vec::new();
    }
    notes.reverse();
    let count = notes.len();
    // References: `[k]` in the text before the notes.
    let texts: Vec<Handle> = dom::descendants(&body)
        .into_iter()
        .filter(|node| matches!(node.data, dom::NodeData::Text { .. }))
        .filter(|node| !notes.iter().any(|n| is_inside(node, n)))
        .collect();
    // Every note must be referred to, or these are not notes: look before changing anything.
    let mut found = vec![false; count];
    for node in &texts {
        replace_brackets(&dom::text(node), count, &mut found);
    }
    if !found.iter().all(|f| *f) {
        return Vec::new();
    }
    for node in &texts {
        if let dom::NodeData::Text { contents } = &node.data {
            let text = contents.borrow().to_string();
            let replaced = replace_brackets(&text, count, &mut found);
            if replaced != text {
                *contents.borrow_mut() = replaced.into();
            }
        }
    }
    notes
        .iter()
        .enumerate()
        .map(|(i, block)| Note {
            number: i + 1,
            content: take_note(block, &[]),
        })
        .collect()
}

fn body_of(root: &Handle) -> Handle {
    dom::descendants(root)
        .into_iter()
        .find(|n| dom::is(n, "body"))
        .unwrap_or_else(|| root.clone())
}

fn leading_bracket(text: &str) -> Option<usize> {
    let rest = text.trim_start().strip_prefix('[')?;
    let (n, _) = rest.split_once(']')?;
    n.parse().ok()
}

fn replace_brackets(text: &str, count: usize, found: &mut [bool]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .split_once(']')
            .and_then(|(n, r)| n.parse::<usize>().ok().map(|n| (n, r)))
        {
            Some((n, r)) if (1..=count).contains(&n) => {
                out.push_str(&marker(n));
                found[n - 1] = true;
                rest = r;
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
