//! Post HTML to Lectern's Markdown, one footnote convention at a time.

use lectern_blog::convert::{self, shortcodes::SiteContext};
use lectern_blog::Post;

fn md(html: &str) -> String {
    convert::convert(html, Some("https://blog.example.org/2021/05/x/"), &|_| None).markdown
}

fn raw(content: &str, meta: Option<&str>) -> String {
    let mut post = Post::new(7, "T", content);
    post.raw = true;
    post.footnotes_meta = meta.map(str::to_string);
    let mut unknown = Vec::new();
    let html = convert::prepared_html(&post, &SiteContext::default(), &mut unknown);
    md(&html)
}

#[test]
fn block_editor_footnotes_rendered() {
    let html = r##"<p>The MOPR was founded in 1922.<sup data-fn="a1b2" class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup> It grew fast.<sup data-fn="c3" class="fn"><a href="#c3" id="c3-link">2</a></sup></p>
<ol class="wp-block-footnotes"><li id="a1b2">See <em>Inprecorr</em>, 1922. <a href="#a1b2-link" aria-label="Jump to footnote reference 1">↩︎</a></li><li id="c3">Ibid. <a href="#c3-link">↩︎</a></li></ol>"##;
    let out = md(html);
    assert!(
        out.contains("founded in 1922.[^1] It grew fast.[^2]"),
        "{out}"
    );
    assert!(out.contains("[^1]: See *Inprecorr*, 1922."), "{out}");
    assert!(out.contains("[^2]: Ibid."), "{out}");
    assert!(!out.contains('↩'), "{out}");
}

#[test]
fn block_editor_footnotes_from_export_meta() {
    let content = "<!-- wp:paragraph -->\n<p>Text<sup data-fn=\"f1\" class=\"fn\"><a href=\"#f1\" id=\"f1-link\">1</a></sup>.</p>\n<!-- /wp:paragraph -->\n<!-- wp:footnotes /-->";
    let out = raw(
        content,
        Some(
            r#"[{"content":"A note with <a href=\"https://example.org\">a link</a>.","id":"f1"}]"#,
        ),
    );
    assert!(out.contains("Text[^1]."), "{out}");
    assert!(
        out.contains("[^1]: A note with [a link](https://example.org)."),
        "{out}"
    );
}

#[test]
fn easy_footnotes_shortcode_and_rendered() {
    let out = raw("First paragraph.[efn_note]Cannon, <em>Notebook</em>, p. 4.[/efn_note]\n\nSecond.[efn_note]Second note.[/efn_note]", None);
    assert!(out.contains("First paragraph.[^1]"), "{out}");
    assert!(out.contains("Second.[^2]"), "{out}");
    assert!(out.contains("[^1]: Cannon, *Notebook*, p. 4."), "{out}");
    let rendered = r##"<p>Claim.<span id="easy-footnote-1-42" class="easy-footnote-margin-adjust"></span><span class="easy-footnote"><a href="#easy-footnote-bottom-1-42" title="A note."><sup>1</sup></a></span></p>
<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span id="easy-footnote-bottom-1-42" class="easy-footnote-margin-adjust"></span>A note.<a class="easy-footnote-to-top" href="#easy-footnote-1-42"></a></li></ol>"##;
    let out = md(rendered);
    assert!(out.contains("Claim.[^1]"), "{out}");
    assert!(out.contains("[^1]: A note."), "{out}");
}

#[test]
fn hand_made_and_word_footnotes() {
    let out = md(
        r##"<p>One<sup><a href="#fn1" id="ref1">1</a></sup> two<sup><a href="#fn2" id="ref2">[2]</a></sup>.</p><h3>Notes</h3><ol><li id="fn1">First. <a href="#ref1">↩</a></li><li id="fn2"><p>Second, long.</p><p>Another paragraph.</p></li></ol>"##,
    );
    assert!(out.contains("One[^1] two[^2]."), "{out}");
    assert!(
        !out.contains("Notes"),
        "the empty notes heading goes: {out}"
    );
    assert!(
        out.contains("[^2]: Second, long.\n\n    Another paragraph."),
        "{out}"
    );
    let word = md(
        r##"<p>Text<a href="#_ftn1" name="_ftnref1">[1]</a>.</p><p><a href="#_ftnref1" name="_ftn1">[1]</a> The note.</p>"##,
    );
    assert!(word.contains("Text[^1]."), "{word}");
    assert!(word.contains("[^1]: The note."), "{word}");
}

#[test]
fn bracketed_endnotes() {
    let out = md("<p>A claim [1] and another [2].</p><p>More text.</p><p>[1] First source.</p><p>[2] Second source.</p>");
    assert!(out.contains("A claim [^1] and another [^2]."), "{out}");
    assert!(out.contains("[^1]: First source."), "{out}");
    // Brackets that are not notes stay as written.
    let out = md("<p>He wrote [sic] in 1921 [1].</p><p>Nothing else.</p>");
    assert!(
        out.contains("\\[sic\\]") && out.contains("\\[1\\]") && !out.contains("[^"),
        "{out}"
    );
}

#[test]
fn figures_captions_and_shortcodes() {
    let out = raw("[caption id=\"attachment_9\" align=\"alignnone\" width=\"300\"]<a href=\"https://blog.example.org/x.jpg\"><img src=\"https://blog.example.org/x-300x200.jpg\" alt=\"Delegates\" /></a> Delegates in 1922[/caption]\n\nText.\n\n[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n[unknown_code foo=\"1\"]\n\n[sic]", None);
    assert!(
        out.contains("*[Delegates](https://blog.example.org/x-300x200.jpg)*"),
        "{out}"
    );
    let local = convert::convert(
        "<figure class=\"wp-block-image\"><img src=\"/wp-content/x.jpg\" alt=\"Delegates\"><figcaption>The <em>first</em> congress</figcaption></figure>",
        Some("https://blog.example.org/2021/05/x/"),
        &|url| (url == "https://blog.example.org/wp-content/x.jpg").then(|| "images/x/x.jpg".to_string()),
    );
    assert_eq!(
        local.markdown.trim(),
        "![Delegates](images/x/x.jpg \"The first congress\")"
    );
    assert!(
        out.contains("[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)"),
        "{out}"
    );
    let mut post = Post::new(7, "T", "[unknown_code foo=\"1\"] [sic]");
    post.raw = true;
    let mut unknown = Vec::new();
    convert::prepared_html(&post, &SiteContext::default(), &mut unknown);
    assert_eq!(unknown, vec!["unknown_code".to_string()]);
}

#[test]
fn structure_survives() {
    let out = md("<h2>Origins</h2><p>A <strong>bold</strong> and <em>quiet</em> start.</p><blockquote><p>Quoted.</p></blockquote><ul><li>one</li><li>two</li></ul><table><thead><tr><th>Year</th><th>Members</th></tr></thead><tbody><tr><td>1922</td><td>50,000</td></tr></tbody></table>");
    assert!(out.contains("## Origins"), "{out}");
    assert!(out.contains("**bold**") && out.contains("*quiet*"), "{out}");
    assert!(out.contains("> Quoted."), "{out}");
    assert!(out.contains("- one"), "{out}");
    assert!(out.contains("| Year | Members |"), "{out}");
    assert_eq!(
        convert::plain_text("Zinoviev&#8217;s &amp; <em>Stasova</em>"),
        "Zinoviev\u{2019}s & Stasova"
    );
}

#[test]
fn classic_paragraphs() {
    let out = raw("First line\nsame paragraph.\n\nSecond paragraph.", None);
    assert!(
        out.starts_with("First line  \nsame paragraph.\n\nSecond paragraph."),
        "{out:?}"
    );
}

#[test]
fn plugin_footnotes_with_absolute_links_and_bracketed_back_links() {
    // Footnotes Made Easy, rendered: the back-link sits in brackets.
    let out = md(
        r##"<p>Claim.<sup><a href="#footnote_0_9" id="identifier_0_9" class="footnote-link">1</a></sup></p><ol class="footnotes"><li id="footnote_0_9" class="footnote">The source. [<a href="#identifier_0_9" class="footnote-link footnote-back-link">&#8617;</a>]</li></ol>"##,
    );
    assert!(out.contains("Claim.[^1]"), "{out}");
    assert!(
        out.contains("[^1]: The source.\n") || out.trim_end().ends_with("[^1]: The source."),
        "{out}"
    );
    // Easy Footnotes linking with the post's own address.
    let out = md(
        r##"<p>Claim.<span class="easy-footnote"><a href="https://blog.example.org/2021/05/x/#easy-footnote-bottom-1-9"><sup>1</sup></a></span></p><ol class="easy-footnotes-wrapper"><li><span id="easy-footnote-bottom-1-9"></span>A note.<a class="easy-footnote-to-top" href="https://blog.example.org/2021/05/x/#easy-footnote-1-9"></a></li></ol>"##,
    );
    assert!(
        out.contains("Claim.[^1]") && out.contains("[^1]: A note."),
        "{out}"
    );
    // Modern Footnotes, rendered: each note right after its reference.
    let out = md(
        r#"<p>Claim<sup class="modern-footnotes-footnote" data-mfn="1"><a href="javascript:void(0)">1</a></sup><span class="modern-footnotes-footnote__note" data-mfn="1">Inline <em>note</em>.</span> goes on.</p>"#,
    );
    assert!(
        out.contains("Claim[^1] goes on.") && out.contains("[^1]: Inline *note*."),
        "{out}"
    );
    // Other plugins' shortcodes in an export.
    let out = raw("One.[ref]First.[/ref] Two.[mfn]Second.[/mfn]", None);
    assert!(
        out.contains("One.[^1] Two.[^2]") && out.contains("[^2]: Second."),
        "{out}"
    );
}
