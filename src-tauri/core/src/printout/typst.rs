//! A composed printout ([`super::Composed`]) written as a Typst document, to typeset as PDF
//! ([`super::pdf`]). The body's HTML (the article as rendered, with the highlights, note
//! numbers and margin notes drawn in) is walked element by element; every run of text is
//! written as a Typst string, so nothing in an article can be read as Typst markup or code.

use base64::Engine;
use markup5ever_rcdom::{Handle, NodeData};

use super::{Composed, NotesPlacement};

/// A Typst document and the files it reads (the article's images), by path.
pub struct Document {
    pub source: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// What the document defines before the article: the page, the type, the highlight colours
/// (each with its own underline, for a printer in grey) and the margin note, set level with
/// its line or, when the note before it on the page reaches lower, just below that note.
const PREAMBLE: &str = r##"
#let hl(fill, line, dash, body) = underline(stroke: (paint: line, thickness: 0.8pt, dash: dash), offset: 2pt, evade: false, highlight(fill: fill, body))
#let hl-yellow = hl.with(rgb("#fbe8a6"), rgb("#a07c00"), "solid")
#let hl-green = hl.with(rgb("#cdebc5"), rgb("#3c7a2f"), "dashed")
#let hl-blue = hl.with(rgb("#cfe1f7"), rgb("#2b5c99"), "dotted")
#let hl-pink = hl.with(rgb("#f7d3e0"), rgb("#a23c66"), "dash-dotted")
#let hl-purple = hl.with(rgb("#e2d6f3"), rgb("#5e3c92"), "densely-dashed")
#let mnote-end = state("mnote-end", (page: 0, y: 0pt, top: 0pt))
#let mnote(body) = context {
  let at = here().position()
  let note = block(width: 50mm, { set par(justify: false); text(size: 0.73em, fill: luma(70), body) })
  let height = measure(note).height
  let level = at.y - 0.75em.to-absolute()
  // Below the note before it on the page when that one reaches lower, and never past the page's
  // foot. The update is a function of the state before it, so the placement settles in one pass
  // however many notes are stacked.
  mnote-end.update(last => {
    let y = if last.page == at.page and last.y + 3pt > level { last.y + 3pt } else { level }
    let y = calc.min(y, 297mm - 22mm - height)
    (page: at.page, y: y + height, top: y)
  })
  context {
    let y = mnote-end.get().top
    box(width: 0pt, place(top + left, dx: 150mm - at.x, dy: y - at.y, note))
  }
}
#let quoted(body) = pad(left: 1.2em, block(stroke: (left: 1pt + luma(200)), inset: (left: 0.8em, y: 0.2em), body))
"##;

/// A Typst string literal holding `text` (its spaces as HTML would show them).
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attr(node: &Handle, name: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return None;
    };
    let found = attrs
        .borrow()
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string());
    found
}

fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// Whether `node` is text of spaces only.
fn is_blank(node: &Handle) -> bool {
    matches!(&node.data, NodeData::Text { contents } if contents.borrow().trim().is_empty())
}

/// Whether `node` is an element laid out as a block.
fn is_block(node: &Handle) -> bool {
    matches!(
        tag(node).as_deref(),
        Some(
            "p" | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "li"
                | "blockquote"
                | "figure"
                | "table"
                | "div"
                | "section"
                | "pre"
                | "hr"
                | "header"
        )
    )
}

fn tag(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

/// Walks HTML into Typst content, collecting the images it embeds.
struct Writer {
    files: Vec<(String, Vec<u8>)>,
}

impl Writer {
    fn children(&mut self, node: &Handle) -> String {
        let children = node.children.borrow();
        let mut out = String::new();
        for (i, c) in children.iter().enumerate() {
            // Space between blocks (or at a block's edge) is not text.
            let inline = |n: Option<&Handle>| n.is_some_and(|n| !is_block(n));
            if is_blank(c) && !(i > 0 && inline(children.get(i - 1)) && inline(children.get(i + 1)))
            {
                continue;
            }
            out.push_str(&self.node(c));
        }
        out
    }

    /// The children of `node` as a Typst content block.
    fn block(&mut self, node: &Handle) -> String {
        format!("[{}]", self.children(node))
    }

    fn node(&mut self, node: &Handle) -> String {
        match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow();
                if text.trim().is_empty() {
                    if text.is_empty() {
                        String::new()
                    } else {
                        "#\" \"".to_owned()
                    }
                } else {
                    format!("#{}", string(&text))
                }
            }
            NodeData::Element { .. } => self.element(node),
            _ => String::new(),
        }
    }

    fn element(&mut self, node: &Handle) -> String {
        let name = tag(node).unwrap_or_default();
        match name.as_str() {
            "p" => format!("{}\n\n", self.children(node)),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..]
                    .parse::<u8>()
                    .unwrap_or(2)
                    .saturating_sub(1)
                    .max(1);
                format!("\n#heading(level: {level}){}\n\n", self.block(node))
            }
            "em" | "i" | "cite" => format!("#emph{}", self.block(node)),
            "strong" | "b" => format!("#strong{}", self.block(node)),
            "del" | "s" => format!("#strike{}", self.block(node)),
            "code" => format!("#raw({})", string(&text_of(node))),
            "pre" => format!("#raw(block: true, {})\n\n", string_keep(&text_of(node))),
            "sub" => format!("#sub{}", self.block(node)),
            "sup" if has_class(node, "note-ref") => {
                format!(
                    "#super(text(weight: \"bold\")[#{}])",
                    string(&text_of(node))
                )
            }
            "sup" if has_class(node, "footnote-ref") => {
                format!("#super[#{}]", string(&text_of(node)))
            }
            "sup" => format!("#super{}", self.block(node)),
            "a" if has_class(node, "footnote-back") => String::new(),
            "a" => match attr(node, "href").filter(|h| h.starts_with("http")) {
                Some(href) => format!("#link({}){}", string(&href), self.block(node)),
                None => self.children(node),
            },
            "mark" => {
                let color = attr(node, "class")
                    .and_then(|c| {
                        c.split_whitespace()
                            .find_map(|c| c.strip_prefix("hl-").map(str::to_owned))
                    })
                    .unwrap_or_else(|| "yellow".into());
                format!("#hl-{color}{}", self.block(node))
            }
            "span" if has_class(node, "margin-note") => format!("#mnote{}", self.block(node)),
            "br" => "#linebreak()".to_owned(),
            "hr" => "#line(length: 100%, stroke: 0.5pt + luma(200))\n\n".to_owned(),
            "blockquote" => format!("#quoted{}\n\n", self.block(node)),
            "ul" | "ol" => {
                let items: Vec<String> = node
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| tag(c).as_deref() == Some("li"))
                    .map(|li| {
                        let n = attr(li, "value");
                        let body = self.block(li);
                        match (name.as_str(), n) {
                            ("ol", Some(n)) => format!("enum.item({n}){body}"),
                            ("ol", None) => format!("enum.item{body}"),
                            _ => format!("list.item{body}"),
                        }
                    })
                    .collect();
                let kind = if name == "ol" { "enum" } else { "list" };
                format!("#{kind}({})\n\n", items.join(", "))
            }
            "figure" => format!(
                "#figure(kind: image, supplement: none, numbering: none, {})\n\n",
                self.figure(node)
            ),
            "img" => self.image(node).unwrap_or_default(),
            "figcaption" => String::new(),
            "table" => self.table(node),
            "div" if has_class(node, "footnotes") => {
                format!("\n#heading(level: 1)[Footnotes]\n\n{}", self.children(node))
            }
            "script" | "style" => String::new(),
            _ => self.children(node),
        }
    }

    /// A figure's image, then its caption (as the figure's `caption:`).
    fn figure(&mut self, node: &Handle) -> String {
        let mut image = String::from("[]");
        let mut caption = None;
        for c in node.children.borrow().iter() {
            match tag(c).as_deref() {
                Some("img") => {
                    if let Some(i) = self.image(c) {
                        image = format!("[{i}]");
                    }
                }
                Some("figcaption") => caption = Some(self.block(c)),
                _ => {}
            }
        }
        match caption {
            Some(c) => format!("{image}, caption: figure.caption(position: bottom, {c})"),
            None => image,
        }
    }

    /// An image embedded as a `data:` address, as a file of the document.
    fn image(&mut self, node: &Handle) -> Option<String> {
        let src = attr(node, "src")?;
        let (head, data) = src.strip_prefix("data:")?.split_once(',')?;
        let ext = match head.split(';').next()? {
            "image/png" => "png",
            "image/jpeg" => "jpg",
            "image/gif" => "gif",
            "image/svg+xml" => "svg",
            "image/webp" => "webp",
            _ => return None,
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .ok()?;
        let path = format!("/images/{}.{ext}", self.files.len());
        self.files.push((path.clone(), bytes));
        let alt = attr(node, "alt").unwrap_or_default();
        Some(format!(
            "#image({}, alt: {}, width: 100%, height: auto)",
            string(&path),
            string(&alt)
        ))
    }

    fn table(&mut self, node: &Handle) -> String {
        let mut rows: Vec<Vec<String>> = Vec::new();
        collect_rows(node, &mut |row: &Handle| {
            let cells: Vec<String> = row
                .children
                .borrow()
                .iter()
                .filter(|c| matches!(tag(c).as_deref(), Some("td" | "th")))
                .map(|c| self.block(c))
                .collect();
            rows.push(cells);
        });
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let cells: Vec<String> = rows
            .into_iter()
            .flat_map(|mut r| {
                r.resize(columns, "[]".to_owned());
                r
            })
            .collect();
        format!(
            "#table(columns: {columns}, stroke: 0.5pt + luma(180), {})\n\n",
            cells.join(", ")
        )
    }
}

fn collect_rows(node: &Handle, each: &mut dyn FnMut(&Handle)) {
    for c in node.children.borrow().iter() {
        match tag(c).as_deref() {
            Some("tr") => each(c),
            Some(_) => collect_rows(c, each),
            None => {}
        }
    }
}

/// A Typst string literal holding `text` as it is (for preformatted text).
fn string_keep(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    fn walk(n: &Handle, out: &mut String) {
        match &n.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            _ => n.children.borrow().iter().for_each(|c| walk(c, out)),
        }
    }
    walk(node, &mut out);
    out
}

/// The Typst content of an HTML fragment.
fn content(w: &mut Writer, html: &str) -> String {
    let (_dom, root) = super::dom::parse(html);
    w.children(&root)
}

/// The Typst document of a composed printout.
pub fn document(c: &Composed) -> Document {
    let mut w = Writer { files: Vec::new() };
    let right = if c.placement == NotesPlacement::Margin {
        "65mm"
    } else {
        "22mm"
    };
    let mut s = String::new();
    s.push_str(&format!(
        "#set document(title: {}, author: ({}))\n",
        string(&c.title),
        c.authors
            .iter()
            .map(|a| format!("{},", string(a)))
            .collect::<String>()
    ));
    s.push_str(&format!(
        "#set page(paper: \"a4\", margin: (left: 22mm, right: {right}, top: 20mm, bottom: 22mm), \
         numbering: \"1 / 1\", number-align: center)\n"
    ));
    // The reader's size and spacing: 11 pt and 0.65 em between lines at the usual 100 % and 165 %.
    let scale = f64::from(c.text_size) / 100.0;
    let leading = (f64::from(c.line_spacing) / 100.0 - 1.0).max(0.1);
    s.push_str(&format!(
        "#set text(font: \"Libertinus Serif\", size: {:.2}pt, lang: \"en\")\n\
         #set par(justify: true, leading: {leading:.2}em, spacing: 1.1em)\n",
        11.0 * scale
    ));
    s.push_str(
        "#set heading(numbering: none)\n\
         #show heading: set block(above: 1.4em, below: 0.8em, sticky: true)\n\
         #show link: set text(fill: rgb(\"#7a2021\"))\n",
    );
    s.push_str(PREAMBLE);
    if let Some(series) = &c.series {
        s.push_str(&format!(
            "#text(size: 8.5pt, tracking: 0.06em, fill: luma(90), upper({}))\n\n",
            string(series)
        ));
    }
    s.push_str(&format!(
        "#text(size: 21pt, weight: \"bold\", {})\n\n",
        string(&c.title)
    ));
    if let Some(sub) = &c.subtitle {
        s.push_str(&format!(
            "#text(size: 13pt, style: \"italic\", {})\n\n",
            string(sub)
        ));
    }
    s.push_str(&format!("#text(fill: luma(80), {})\n\n", string(&c.byline)));
    if let Some(url) = &c.url {
        s.push_str(&format!(
            "#text(size: 9pt, link({0}, {0}))\n\n",
            string(url)
        ));
    }
    s.push_str("#line(length: 100%, stroke: 0.5pt + luma(200))\n\n");
    s.push_str(&content(&mut w, &c.body));
    if !c.end_notes.is_empty() {
        s.push_str("\n#heading(level: 1)[Notes]\n\n");
        let items: Vec<String> = c
            .end_notes
            .iter()
            .map(|n| {
                let on = content(&mut w, &n.on);
                let body = content(&mut w, &n.body);
                format!("enum.item({})[{on}{body}]", n.number)
            })
            .collect();
        s.push_str(&format!("#enum({})\n", items.join(", ")));
    }
    Document {
        source: s,
        files: w.files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn composed(body: &str) -> Composed {
        Composed {
            series: None,
            title: "T".into(),
            subtitle: None,
            byline: "B".into(),
            url: None,
            authors: vec!["A".into()],
            body: body.into(),
            end_notes: vec![],
            placement: NotesPlacement::End,
            text_size: 100,
            line_spacing: 165,
        }
    }

    #[test]
    fn text_is_written_as_strings_and_elements_as_functions() {
        let d = document(&composed(
            "<p>The <em>united</em> front #1 [x] \"q\"</p><h2>Later</h2><p>More</p>",
        ));
        let at = d
            .source
            .find("#\"The \"#emph[#\"united\"]#\" front #1 [x] \\\"q\\\"\"")
            .unwrap_or(0);
        assert!(at > 0, "{}", d.source);
        assert!(
            d.source.contains("#heading(level: 1)[#\"Later\"]"),
            "{}",
            d.source
        );
    }
}
