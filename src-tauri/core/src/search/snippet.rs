//! Snippets: the passage of a text where the query's words cluster, with those words marked.
//! The marking is built here from escaped text and `<mark>` only, so it is safe to show.

use super::analyzer;
use super::plan::Highlight;
use pulldown_cmark_escape::escape_html_body_text;
use serde::{Deserialize, Serialize};
use specta::Type;
use tantivy::tokenizer::TextAnalyzer;

/// Length of a snippet, in bytes of text around the hits.
const WINDOW: usize = 220;

/// Where a query matched inside a text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Passage {
    /// Escaped text with the matched words in `<mark>`, with `…` where it was cut.
    pub html: String,
    /// The passage as plain text, to find it again in the rendered article.
    pub text: String,
    /// The matched words exactly as they appear in the passage.
    pub marks: Vec<String>,
}

pub struct Snippets {
    stemmed: TextAnalyzer,
    highlight: Highlight,
    /// First two bytes of every stem and prefix: a cheap test before stemming a word.
    starts: Vec<[u8; 2]>,
}

impl Snippets {
    pub fn new(highlight: Highlight) -> Snippets {
        let starts = highlight
            .stems
            .iter()
            .chain(&highlight.prefixes)
            .filter_map(|s| {
                let b = s.as_bytes();
                (b.len() >= 2).then(|| [b[0], b[1]])
            })
            .collect();
        Snippets {
            stemmed: analyzer::stemmed(),
            highlight,
            starts,
        }
    }

    /// The best passage of `text`, or its opening when no word matches.
    pub fn passage(&mut self, text: &str) -> Passage {
        let hits = self.hits(text);
        let (start, end) = best_window(text, &hits);
        let inside: Vec<&(usize, usize, usize)> = hits
            .iter()
            .filter(|(s, e, _)| *s >= start && *e <= end)
            .collect();
        let mut html = String::new();
        if start > 0 {
            html.push('…');
        }
        let mut at = start;
        let mut marks: Vec<String> = Vec::new();
        for (s, e, _) in inside {
            push_escaped(&mut html, &text[at..*s]);
            html.push_str("<mark>");
            push_escaped(&mut html, &text[*s..*e]);
            html.push_str("</mark>");
            let word = text[*s..*e].to_string();
            if !marks.contains(&word) {
                marks.push(word);
            }
            at = *e;
        }
        push_escaped(&mut html, &text[at..end]);
        if end < text.len() {
            html.push('…');
        }
        Passage {
            html: collapse_spaces(&html),
            text: collapse_spaces(&text[start..end]),
            marks,
        }
    }

    /// Byte ranges of matching words, with a number telling which term matched.
    fn hits(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.starts.is_empty() {
            return out;
        }
        for (start, word) in words(text) {
            if !self.might_match(word) {
                continue;
            }
            for (s, e, term) in analyzer::spans(&mut self.stemmed, word) {
                if let Some(which) = self.which(&term, &word[s..e]) {
                    out.push((start + s, start + e, which));
                }
            }
        }
        out
    }

    fn might_match(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() < 2 || !b.is_ascii() {
            return true;
        }
        let first = [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()];
        self.starts.contains(&first)
    }

    fn which(&self, stem: &str, surface: &str) -> Option<usize> {
        if let Some(i) = self.highlight.stems.iter().position(|s| s == stem) {
            return Some(i);
        }
        let lower = surface.to_lowercase();
        self.highlight
            .prefixes
            .iter()
            .position(|p| lower.starts_with(p.as_str()) || stem.starts_with(p.as_str()))
            .map(|i| i + self.highlight.stems.len())
    }
}

/// Words of `text` (runs of letters and digits) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut iter = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in iter.by_ref() {
            let alnum = c.is_alphanumeric();
            match (start, alnum) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// The window with the most distinct terms, then the most hits; the earliest on ties.
fn best_window(text: &str, hits: &[(usize, usize, usize)]) -> (usize, usize) {
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, start)
    for (i, (s, _, _)) in hits.iter().enumerate() {
        let limit = s + WINDOW;
        let within: Vec<&(usize, usize, usize)> = hits[i..]
            .iter()
            .take_while(|(_, e, _)| *e <= limit)
            .collect();
        let mut terms: Vec<usize> = within.iter().map(|h| h.2).collect();
        terms.sort_unstable();
        terms.dedup();
        let score = (terms.len(), within.len());
        if (score.0, score.1) > (best.0, best.1) {
            best = (score.0, score.1, *s);
        }
    }
    if best.0 == 0 {
        return (0, cut(text, WINDOW.min(text.len())));
    }
    // Start a little before the first hit, at a word boundary.
    let lead = best.2.saturating_sub(WINDOW / 4);
    let start = if lead == 0 { 0 } else { word_start(text, lead) };
    let end = cut(text, (start + WINDOW).min(text.len()));
    (start, end.max(start))
}

/// The nearest word boundary at or before `at`.
fn cut(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    match text[..i].rfind(char::is_whitespace) {
        Some(ws) if ws > 0 => ws,
        _ => i,
    }
}

/// The start of the word following the boundary at or after `at`.
fn word_start(text: &str, at: usize) -> usize {
    let mut i = at;
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(ws) => {
            let j = i + ws;
            j + text[j..].find(|c: char| !c.is_whitespace()).unwrap_or(0)
        }
        None => i,
    }
}

fn push_escaped(out: &mut String, text: &str) {
    escape_html_body_text(&mut *out, text).expect("writing to a String cannot fail");
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(stems: &[&str], prefixes: &[&str]) -> Highlight {
        Highlight {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            prefixes: prefixes.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn marks_word_forms_and_diacritics_and_escapes_the_rest() {
        let stem = analyzer::terms(&mut analyzer::stemmed(), "organization").join("");
        let mut s = Snippets::new(highlight(&["munzenberg", &stem], &[]));
        let p = s.passage("Willi <b>Münzenberg</b> built organizations & more.");
        assert_eq!(
            p.html,
            "Willi &lt;b&gt;<mark>Münzenberg</mark>&lt;/b&gt; built <mark>organizations</mark> &amp; more."
        );
        assert_eq!(p.marks, ["Münzenberg", "organizations"]);
    }

    #[test]
    fn the_window_goes_where_the_words_cluster() {
        let filler = "lorem ipsum dolor sit amet ".repeat(40);
        let text = format!("{filler} red aid once. {filler} the red aid of workers {filler}");
        let mut s = Snippets::new(highlight(&["red", "aid", "worker"], &[]));
        let p = s.passage(&text);
        assert!(p.text.contains("red aid of workers"), "{}", p.text);
        assert!(p.html.starts_with('…') && p.html.ends_with('…'));
    }

    #[test]
    fn prefixes_mark_words_being_typed() {
        let mut s = Snippets::new(highlight(&[], &["zinov"]));
        assert_eq!(s.passage("Grigorii Zinoviev wrote.").marks, ["Zinoviev"]);
    }
}
