//! The reader's highlights drawn into an article's rendered HTML, for a printout: each stretch
//! of the plain text a note covers becomes `<mark>`s in the HTML, and a numbered reference (and,
//! for margin notes, the note itself) follows its last word.
//!
//! The HTML and the plain text hold the same non-space characters in the same order once the
//! parts the text leaves out (footnote references, the footnotes, their back-links) are set
//! aside; the highlights are placed by pairing them one by one. It is the pairing the reading
//! view makes in the webview (`ui/src/lib/textmap.ts`), so a note is printed where it is read.

use html5ever::{local_name, ns, serialize, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, SerializableHandle};
use std::cell::RefCell;
use std::rc::Rc;

/// Classes of the rendered article whose text is not in its plain text.
const NOT_IN_TEXT: [&str; 3] = ["footnote-ref", "footnotes", "footnote-back"];

/// One highlight: UTF-16 range `start..end` of the article's plain text, the class its marks
/// get, and what follows its last word (HTML made by the caller, trusted).
#[derive(Debug, Clone)]
pub struct Highlight {
    pub start: u32,
    pub end: u32,
    pub class: String,
    pub after: String,
}

fn is_space(c: u16) -> bool {
    matches!(c, 0x20 | 0x0a | 0x09 | 0x0d | 0x0c | 0xa0)
}

fn element(name: &str, class: &str) -> Handle {
    let attrs = vec![Attribute {
        name: QualName::new(None, ns!(), local_name!("class")),
        value: class.into(),
    }];
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(name)),
        attrs: RefCell::new(attrs),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

fn text_node(s: &str) -> Handle {
    Node::new(NodeData::Text {
        contents: RefCell::new(s.into()),
    })
}

fn skipped(node: &Handle) -> bool {
    let NodeData::Element { name, attrs, .. } = &node.data else {
        return false;
    };
    if matches!(&*name.local, "script" | "style") {
        return true;
    }
    attrs.borrow().iter().any(|a| {
        a.name.local == local_name!("class")
            && a.value.split_whitespace().any(|c| NOT_IN_TEXT.contains(&c))
    })
}

/// The text nodes of `node` that hold the plain text, in document order.
fn text_nodes(node: &Handle, out: &mut Vec<Handle>) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { .. } => out.push(child.clone()),
            NodeData::Element { .. } if !skipped(child) => text_nodes(child, out),
            _ => {}
        }
    }
}

/// Gives each `<img>` under `node` the address `image` gives for its own (a `data:` address,
/// so the file holds its images); one it gives none for is left without a source.
fn embed_images(node: &Handle, image: &dyn Fn(&str) -> Option<String>) {
    for child in node.children.borrow().iter() {
        if let NodeData::Element { name, attrs, .. } = &child.data {
            if name.local == local_name!("img") {
                let mut attrs = attrs.borrow_mut();
                if let Some(src) = attrs
                    .iter_mut()
                    .find(|a| a.name.local == local_name!("src"))
                {
                    let embedded = image(&src.value).unwrap_or_default();
                    src.value = embedded.into();
                }
            }
            embed_images(child, image);
        }
    }
}

/// `html` (an article's rendered body) with `highlights` drawn in and its images given the
/// addresses `image` makes; `text` is its plain text. Highlights whose words are not found in
/// the HTML are left out.
pub fn draw(
    html: &str,
    text: &str,
    highlights: &[Highlight],
    image: &dyn Fn(&str) -> Option<String>,
) -> String {
    let (_dom, root) = super::dom::parse(html);
    embed_images(&root, image);
    let mut nodes = Vec::new();
    text_nodes(&root, &mut nodes);

    let text: Vec<u16> = text.encode_utf16().collect();
    // For each text node, its UTF-16 units, each with the text offset it pairs with.
    let mut p = 0usize;
    let mut paired: Vec<(Vec<u16>, Vec<Option<u32>>)> = Vec::with_capacity(nodes.len());
    for node in &nodes {
        let NodeData::Text { contents } = &node.data else {
            continue;
        };
        let units: Vec<u16> = contents.borrow().encode_utf16().collect();
        let mut at = vec![None; units.len()];
        for (i, u) in units.iter().enumerate() {
            if is_space(*u) {
                continue;
            }
            while p < text.len() && is_space(text[p]) {
                p += 1;
            }
            if p < text.len() && text[p] == *u {
                at[i] = u32::try_from(p).ok();
                p += 1;
            }
        }
        paired.push((units, at));
    }
    // Where each text offset was found, and from that the last paired unit of each
    // highlight, where what follows it goes.
    let mut place: Vec<Option<(usize, usize)>> = vec![None; text.len()];
    for (n, (_, at)) in paired.iter().enumerate() {
        for (i, o) in at.iter().enumerate() {
            if let Some(o) = o {
                place[*o as usize] = Some((n, i));
            }
        }
    }
    let last: Vec<Option<(usize, usize)>> = highlights
        .iter()
        .map(|h| {
            let end = (h.end as usize).min(place.len());
            let start = (h.start as usize).min(end);
            place[start..end].iter().rev().find_map(|p| *p)
        })
        .collect();

    for (n, node) in nodes.iter().enumerate() {
        let (units, at) = &paired[n];
        // The innermost (shortest) highlight over each unit; spaces take their neighbours'.
        let mut over: Vec<Option<usize>> = at
            .iter()
            .map(|o| {
                o.and_then(|o| {
                    highlights
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| o >= h.start && o < h.end)
                        .min_by_key(|(_, h)| h.end - h.start)
                        .map(|(k, _)| k)
                })
            })
            .collect();
        // A space is inside a highlight that goes on past it on either side.
        for i in 0..over.len() {
            if at[i].is_some() {
                continue;
            }
            let next = (i + 1..at.len()).find_map(|j| at[j].zip(over[j]));
            let before = (0..i).rev().find_map(|j| at[j].zip(over[j]));
            over[i] = match (before, next) {
                (_, Some((o, k))) if highlights[k].start < o => Some(k),
                (Some((o, k)), _) if highlights[k].end > o + 1 => Some(k),
                _ => None,
            };
        }
        let ends: Vec<(usize, usize)> = last
            .iter()
            .enumerate()
            .filter_map(|(k, l)| l.filter(|(m, _)| *m == n).map(|(_, i)| (i, k)))
            .collect();
        if over.iter().all(Option::is_none) && ends.is_empty() {
            continue;
        }
        let mut pieces: Vec<Handle> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let k = over[i];
            let mut j = i + 1;
            while j < units.len() && over[j] == k && !ends.iter().any(|(e, _)| *e == j - 1) {
                j += 1;
            }
            let s = String::from_utf16_lossy(&units[i..j]);
            match k {
                Some(k) => {
                    let mark = element("mark", &highlights[k].class);
                    append(&mark, text_node(&s));
                    pieces.push(mark);
                }
                None => pieces.push(text_node(&s)),
            }
            for (_, h) in ends.iter().filter(|(e, _)| *e == j - 1) {
                pieces.extend(fragment_nodes(&highlights[*h].after));
            }
            i = j;
        }
        replace(node, pieces);
    }
    let mut out = Vec::new();
    let handle: SerializableHandle = root.into();
    let _ = serialize(&mut out, &handle, Default::default());
    String::from_utf8(out).unwrap_or_default()
}

fn append(parent: &Handle, child: Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}

/// The nodes of an HTML fragment, to insert.
fn fragment_nodes(html: &str) -> Vec<Handle> {
    if html.is_empty() {
        return Vec::new();
    }
    let (_dom, root) = super::dom::parse(html);
    root.children.take()
}

/// Puts `pieces` where `node` is.
fn replace(node: &Handle, pieces: Vec<Handle>) {
    let Some(parent) = node.parent.take().and_then(|p| p.upgrade()) else {
        return;
    };
    let mut children = parent.children.borrow_mut();
    let Some(at) = children.iter().position(|c| Rc::ptr_eq(c, node)) else {
        return;
    };
    for piece in &pieces {
        piece.parent.set(Some(Rc::downgrade(&parent)));
    }
    children.splice(at..=at, pieces);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn images_get_the_address_given_and_lose_the_one_they_had() {
        let html = "<figure><img src=\"lectern-media://localhost/a.png\" alt=\"A\"></figure>";
        let data =
            |src: &str| (src.ends_with("a.png")).then(|| "data:image/png;base64,AA==".to_owned());
        let out = draw(html, "A", &[], &data);
        assert_eq!(
            out,
            "<figure><img src=\"data:image/png;base64,AA==\" alt=\"A\"></figure>"
        );
        assert_eq!(
            draw(html, "A", &[], &none),
            "<figure><img src=\"\" alt=\"A\"></figure>"
        );
    }

    fn hl(start: u32, end: u32, class: &str, after: &str) -> Highlight {
        Highlight {
            start,
            end,
            class: class.into(),
            after: after.into(),
        }
    }

    #[test]
    fn a_highlight_across_emphasis_is_marked_piece_by_piece_and_followed_by_its_number() {
        let html = "<p>The <em>united front</em> was argued for days.</p>";
        let text = "The united front was argued for days.";
        let start = text.find("united").unwrap() as u32;
        let end = text.find(" for").unwrap() as u32;
        let out = draw(
            html,
            text,
            &[hl(start, end, "hl-yellow", "<sup>1</sup>")],
            &none,
        );
        assert_eq!(
            out,
            "<p>The <em><mark class=\"hl-yellow\">united front</mark></em>\
             <mark class=\"hl-yellow\"> was argued</mark><sup>1</sup> for days.</p>"
        );
    }

    #[test]
    fn footnote_references_are_not_text_and_overlaps_show_the_innermost() {
        let html = "<p>Zinoviev<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup> \
                    spoke long.</p><div class=\"footnotes\"><p>Zinoviev spoke.</p></div>";
        let text = "Zinoviev spoke long.";
        let out = draw(
            html,
            text,
            &[hl(0, 20, "outer", "<sup>1</sup>"), hl(9, 14, "inner", "")],
            &none,
        );
        assert!(
            out.contains("<mark class=\"outer\">Zinoviev</mark><sup class=\"footnote-ref\">"),
            "{out}"
        );
        assert!(out.contains("<mark class=\"inner\">spoke</mark>"), "{out}");
        assert!(out.contains("long.</mark><sup>1</sup></p>"), "{out}");
        assert!(
            out.contains("<div class=\"footnotes\"><p>Zinoviev spoke.</p></div>"),
            "{out}"
        );
    }

    #[test]
    fn a_highlight_whose_words_are_gone_is_left_out() {
        let html = "<p>Other words entirely.</p>";
        let out = draw(html, "Some text", &[hl(0, 4, "x", "<sup>1</sup>")], &none);
        assert_eq!(out, html);
    }
}
