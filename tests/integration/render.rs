use crate::harness::imported;

fn alpha() -> lectern_core::views::Article {
    imported("library").get_article("alpha").unwrap()
}

#[test]
fn footnotes_are_numbered_by_first_reference_with_back_links() {
    let a = alpha();
    let numbers: Vec<u32> = a.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert!(a.footnotes[0].html.contains("Socialism in One Country"));
    // Two references to the first note, each with its own id and back-link.
    assert!(
        a.html
            .contains(r##"<a href="#fn-1" id="fnref-1" data-footnote="1""##),
        "{}",
        a.html
    );
    assert!(a.html.contains(r#"id="fnref-1-2""#));
    assert!(a.html.contains(r##"href="#fnref-1-2""##));
    assert!(a.html.contains(r#"<li id="fn-2">"#));
}

#[test]
fn headings_get_stable_unique_anchor_ids() {
    let a = alpha();
    let ids: Vec<&str> = a.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["background", "background-1"]);
    assert!(a.html.contains(r#"<h2 id="background-1">"#));
}

#[test]
fn smart_punctuation_tables_and_block_quotes_render() {
    let a = alpha();
    assert!(a.html.contains("“Moscow”"), "{}", a.html);
    assert!(a.html.contains("–"));
    assert!(a.html.contains("<table>") && a.html.contains("<blockquote>"));
}

#[test]
fn images_beside_the_content_become_figures_with_captions() {
    let a = alpha();
    assert!(a.html.contains(r#"<img src="lectern-media://localhost/articles/images/pic.svg" alt="Alt text for the picture">"#), "{}", a.html);
    assert!(a
        .html
        .contains("<figcaption>A caption for the picture</figcaption>"));
}

#[test]
fn raw_html_is_sanitized() {
    let a = alpha();
    assert!(!a.html.contains("<script"));
    assert!(!a.html.contains("onclick"));
    assert!(a.html.contains("<b>bold but harmless</b>"));
    assert!(a.html.contains(r#"rel="noopener noreferrer""#));
}

#[test]
fn plain_text_has_the_words_but_no_markup_or_footnote_numbers() {
    let lib = imported("library");
    let text = lib.show("alpha").unwrap().text;
    assert!(
        text.starts_with("The congress met in “Moscow” – and voted. A second claim follows."),
        "{text}"
    );
    assert!(text.contains("Background\n"));
    assert!(!text.contains('<') && !text.contains("[^"));
    assert!(
        !text.contains("Penguin"),
        "footnote text stays out of the body text"
    );
}
