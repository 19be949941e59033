//! Generated WordPress content for benchmarks and long checks: exports of any size with
//! footnotes of two conventions, headings, quotes and lists, deterministic in their ids.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

const WORDS: &[&str] = &[
    "the",
    "congress",
    "of",
    "workers",
    "international",
    "relief",
    "delegates",
    "union",
    "strike",
    "party",
    "in",
    "Moscow",
    "Berlin",
    "and",
    "Zetkin",
    "Münzenberg",
    "Stasova",
    "organization",
    "was",
    "founded",
    "by",
    "1922",
    "sections",
    "members",
    "press",
    "campaign",
    "famine",
    "aid",
    "for",
    "women",
    "youth",
    "sport",
];

/// A paragraph of `n` words, deterministic in `seed`.
fn words(seed: &mut u64, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let w = WORDS[(*seed >> 33) as usize % WORDS.len()];
        if i > 0 {
            out.push(' ');
        }
        match (*seed >> 20) % 23 {
            0 => write!(out, "<em>{w}</em>").unwrap(),
            1 => write!(out, "<strong>{w}</strong>").unwrap(),
            2 => write!(out, "<a href=\"https://example.org/{w}\">{w}</a>").unwrap(),
            _ => out.push_str(w),
        }
    }
    out
}

/// One post's raw body of about `bytes` bytes, with block-editor footnotes (kept in meta) or
/// Easy Footnotes shortcodes, headings, lists and quotes.
pub fn post_body(id: u64, bytes: usize) -> (String, Option<String>) {
    let mut seed = id;
    let mut html = String::new();
    let mut notes = Vec::new();
    let block = id.is_multiple_of(2);
    let mut n: u64 = 0;
    while html.len() < bytes {
        n += 1;
        if n.is_multiple_of(9) {
            write!(html, "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Section {n}</h2>\n<!-- /wp:heading -->\n\n").unwrap();
        }
        if n.is_multiple_of(13) {
            write!(html, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>{}</p></blockquote>\n<!-- /wp:quote -->\n\n", words(&mut seed, 40)).unwrap();
        }
        if n.is_multiple_of(17) {
            write!(
                html,
                "<!-- wp:list -->\n<ul><li>{}</li><li>{}</li></ul>\n<!-- /wp:list -->\n\n",
                words(&mut seed, 12),
                words(&mut seed, 12)
            )
            .unwrap();
        }
        let text = words(&mut seed, 90);
        let note = if block {
            let fid = format!("{id:x}-{n:x}");
            notes.push(format!(
                "{{\"content\":\"{}\",\"id\":\"{fid}\"}}",
                words(&mut seed, 20).replace('"', "\\\"")
            ));
            format!("<sup data-fn=\"{fid}\" class=\"fn\"><a href=\"#{fid}\" id=\"{fid}-link\">{}</a></sup>", notes.len())
        } else {
            format!("[efn_note]{}[/efn_note]", words(&mut seed, 20))
        };
        write!(
            html,
            "<!-- wp:paragraph -->\n<p>{text}.{note}</p>\n<!-- /wp:paragraph -->\n\n"
        )
        .unwrap();
    }
    if block {
        html.push_str("<!-- wp:footnotes /-->");
        (html, Some(format!("[{}]", notes.join(","))))
    } else {
        (html, None)
    }
}

/// Writes an export of `posts` posts; returns the bytes of post HTML in it.
pub fn write_export(path: &Path, posts: u64, bytes_each: usize) -> u64 {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Generated</title><link>https://blog.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://blog.example.org</wp:base_blog_url>").unwrap();
    writeln!(out, "<wp:author><wp:author_login><![CDATA[a]]></wp:author_login><wp:author_display_name><![CDATA[Ann Author]]></wp:author_display_name></wp:author>").unwrap();
    let mut total = 0;
    for id in 1..=posts {
        let (body, meta) = post_body(id, bytes_each);
        total += body.len() as u64;
        let day = id % 28 + 1;
        let month = id / 28 % 12 + 1;
        let year = 2000 + id / 336;
        write!(out, "<item><title><![CDATA[Essay {id}: the congress of {year}]]></title><link>https://blog.example.org/essay-{id}/</link><dc:creator><![CDATA[a]]></dc:creator><content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{id}</wp:post_id><wp:post_date_gmt><![CDATA[{year}-{month:02}-{day:02} 10:00:00]]></wp:post_date_gmt><wp:post_modified_gmt><![CDATA[{year}-{month:02}-{day:02} 10:00:00]]></wp:post_modified_gmt><wp:post_name><![CDATA[essay-{id}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><category domain=\"category\" nicename=\"history\"><![CDATA[History]]></category>").unwrap();
        if let Some(meta) = meta {
            write!(out, "<wp:postmeta><wp:meta_key><![CDATA[footnotes]]></wp:meta_key><wp:meta_value><![CDATA[{meta}]]></wp:meta_value></wp:postmeta>").unwrap();
        }
        writeln!(out, "</item>").unwrap();
    }
    writeln!(out, "</channel></rss>").unwrap();
    total
}
