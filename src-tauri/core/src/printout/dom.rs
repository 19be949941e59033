//! HTML fragments as trees, for the printout's walks ([`super::marks`], [`super::typst`]).

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_fragment, QualName};
use markup5ever_rcdom::{Handle, RcDom};

/// `html` parsed as a fragment: the document (keep it alive while the tree is used: dropping
/// it empties every node in it) and the element holding the fragment's nodes.
pub fn parse(html: &str) -> (RcDom, Handle) {
    let dom = parse_fragment(
        RcDom::default(),
        Default::default(),
        QualName::new(None, ns!(html), local_name!("body")),
        vec![],
        false,
    )
    .one(html);
    let root = dom.document.children.borrow()[0].clone();
    (dom, root)
}
