//! A CSL bibliography entry as HTML that is safe to insert into the page: every piece of text
//! escaped, and formatting written as the few tags a citation needs (`i`, `b`, `sup`, `sub`,
//! `span` and `div` with a fixed `csl-…` class). hayagriva's own HTML writes the book's fields
//! unescaped and formats with `style` attributes (which the app's CSP does not apply anyway);
//! links are written as their text: a citation is there to be read and copied.

use hayagriva::citationberg::{
    Display, FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign,
};
use hayagriva::{Elem, ElemChild, ElemChildren, Formatted, Formatting};

/// Every class this writer puts on an element, for tests and style sheets.
pub const CLASSES: [&str; 7] = [
    "csl-block",
    "csl-left-margin",
    "csl-right-inline",
    "csl-indent",
    "csl-small-caps",
    "csl-light",
    "csl-underline",
];

/// The entry `children` as HTML.
pub fn html(children: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, children);
    out
}

fn write_children(out: &mut String, children: &ElemChildren) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => write_formatted(out, t),
            ElemChild::Elem(e) => write_elem(out, e),
            // Typst markup (math in a title): shown as written.
            ElemChild::Markup(m) => escape_into(out, m),
            ElemChild::Link { text, .. } => write_formatted(out, text),
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn write_elem(out: &mut String, elem: &Elem) {
    let class = elem.display.map(|d| match d {
        Display::Block => "csl-block",
        Display::LeftMargin => "csl-left-margin",
        Display::RightInline => "csl-right-inline",
        Display::Indent => "csl-indent",
    });
    if let Some(class) = class {
        out.push_str(&format!(r#"<div class="{class}">"#));
    }
    write_children(out, &elem.children);
    if class.is_some() {
        out.push_str("</div>");
    }
}

/// The tags that open a piece of text in `f`, outermost first, and their closing tags.
fn tags(f: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut tags = Vec::new();
    if f.font_style == FontStyle::Italic {
        tags.push(("<i>", "</i>"));
    }
    match f.font_weight {
        FontWeight::Bold => tags.push(("<b>", "</b>")),
        FontWeight::Light => tags.push((r#"<span class="csl-light">"#, "</span>")),
        FontWeight::Normal => {}
    }
    if f.font_variant == FontVariant::SmallCaps {
        tags.push((r#"<span class="csl-small-caps">"#, "</span>"));
    }
    if f.text_decoration == TextDecoration::Underline {
        tags.push((r#"<span class="csl-underline">"#, "</span>"));
    }
    match f.vertical_align {
        VerticalAlign::Sup => tags.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => tags.push(("<sub>", "</sub>")),
        VerticalAlign::None | VerticalAlign::Baseline => {}
    }
    tags
}

fn write_formatted(out: &mut String, t: &Formatted) {
    let tags = tags(&t.formatting);
    for (open, _) in &tags {
        out.push_str(open);
    }
    escape_into(out, &t.text);
    for (_, close) in tags.iter().rev() {
        out.push_str(close);
    }
}

/// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped, so it is inert in content and attributes.
fn escape_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, formatting: Formatting) -> ElemChild {
        ElemChild::Text(Formatted {
            text: s.into(),
            formatting,
        })
    }

    #[test]
    fn text_is_escaped_and_formatting_becomes_plain_tags() {
        let italic = Formatting {
            font_style: FontStyle::Italic,
            ..Formatting::default()
        };
        let small = Formatting {
            font_variant: FontVariant::SmallCaps,
            font_weight: FontWeight::Bold,
            ..Formatting::default()
        };
        let children = ElemChildren(vec![
            text("Taber & <b>Co</b>. ", Formatting::default()),
            text(r#"<a href="https://x">x</a>"#, italic),
            ElemChild::Link {
                text: Formatted {
                    text: "\"quoted\"".into(),
                    formatting: small,
                },
                url: "javascript:alert(1)".into(),
            },
            ElemChild::Markup("<meta http-equiv=\"refresh\">".into()),
        ]);
        assert_eq!(
            html(&children),
            "Taber &amp; &lt;b&gt;Co&lt;/b&gt;. \
             <i>&lt;a href=&quot;https://x&quot;&gt;x&lt;/a&gt;</i>\
             <b><span class=\"csl-small-caps\">&quot;quoted&quot;</span></b>\
             &lt;meta http-equiv=&quot;refresh&quot;&gt;"
        );
    }
}
