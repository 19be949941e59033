//! Small helpers over html5ever's reference-counted DOM (the tree htmd converts): reading
//! names, attributes and text, and moving nodes about.

use html5ever::{ns, Attribute, LocalName, QualName};
pub use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::rc::Rc;

/// The element's local name (`"p"`), or `None` for text and other nodes.
pub fn tag(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

pub fn is(node: &Handle, name: &str) -> bool {
    tag(node) == Some(name)
}

/// An attribute's value.
pub fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

pub fn set_attr(node: &Handle, name: &str, value: &str) {
    if let NodeData::Element { attrs, .. } = &node.data {
        let mut attrs = attrs.borrow_mut();
        match attrs.iter_mut().find(|a| &*a.name.local == name) {
            Some(a) => a.value = value.into(),
            None => attrs.push(Attribute {
                name: QualName::new(None, ns!(), LocalName::from(name)),
                value: value.into(),
            }),
        }
    }
}

pub fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// All the text under a node, as it reads.
pub fn text(node: &Handle) -> String {
    let mut out = String::new();
    collect_text(node, &mut out);
    out
}

fn collect_text(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        _ => {
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
        }
    }
}

pub fn parent(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

/// Every node under `root` in document order (the root included).
pub fn descendants(root: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        for child in node.children.borrow().iter().rev() {
            stack.push(child.clone());
        }
        out.push(node);
    }
    out
}

/// Takes a node out of its parent.
pub fn detach(node: &Handle) {
    if let Some(parent) = parent(node) {
        parent
            .children
            .borrow_mut()
            .retain(|c| !Rc::ptr_eq(c, node));
    }
    node.parent.set(None);
}

/// Puts `new` where `old` stands; `old` leaves the tree.
pub fn replace(old: &Handle, new: Handle) {
    if let Some(parent) = parent(old) {
        let mut children = parent.children.borrow_mut();
        if let Some(i) = children.iter().position(|c| Rc::ptr_eq(c, old)) {
            new.parent.set(Some(Rc::downgrade(&parent)));
            children[i] = new;
        }
    }
    old.parent.set(None);
}

pub fn append(parent: &Handle, child: Handle) {
    detach(&child);
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}

pub fn new_text(text: &str) -> Handle {
    Node::new(NodeData::Text {
        contents: RefCell::new(text.into()),
    })
}

pub fn new_element(name: &str, attributes: &[(&str, &str)]) -> Handle {
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(name)),
        attrs: RefCell::new(
            attributes
                .iter()
                .map(|(k, v)| Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(*k)),
                    value: (*v).into(),
                })
                .collect(),
        ),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

/// Moves all of `from`'s children to the end of `to`.
pub fn move_children(from: &Handle, to: &Handle) {
    let children: Vec<Handle> = from.children.borrow_mut().drain(..).collect();
    for child in children {
        child.parent.set(Some(Rc::downgrade(to)));
        to.children.borrow_mut().push(child);
    }
}

/// Replaces an element by its children.
pub fn unwrap(node: &Handle) {
    let Some(parent) = parent(node) else { return };
    let children: Vec<Handle> = node.children.borrow_mut().drain(..).collect();
    let mut siblings = parent.children.borrow_mut();
    if let Some(i) = siblings.iter().position(|c| Rc::ptr_eq(c, node)) {
        for child in &children {
            child.parent.set(Some(Rc::downgrade(&parent)));
        }
        siblings.splice(i..=i, children);
    }
    node.parent.set(None);
}

/// The previous sibling that is an element, skipping white space only.
pub fn previous_element(node: &Handle) -> Option<Handle> {
    let parent = parent(node)?;
    let siblings = parent.children.borrow();
    let i = siblings.iter().position(|c| Rc::ptr_eq(c, node))?;
    siblings[..i]
        .iter()
        .rev()
        .find(|c| tag(c).is_some() || !text(c).trim().is_empty())
        .filter(|c| tag(c).is_some())
        .cloned()
}
