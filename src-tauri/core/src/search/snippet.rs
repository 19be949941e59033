//! Snippets: the passage of a text where the query's words cluster, with those words marked.
//! The marking is built here from escaped text and `<mark>` only, so it is safe to show.

use super::analyzer;
use super::plan::Highlight;
use crate::words::words;
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
    starts: Starts,
}

/// The first bytes (up to three) of every stem and prefix: a cheap test before a word is
/// stemmed. A stem begins like its word (`organiz`, `happi`) in all but a few irregular
/// words (`dying` → `die`).
struct Starts {
    /// One bit for every pair of first bytes that some key allows.
    pairs: Vec<u64>,
    /// The keys, deduplicated: up to three bytes packed little-endian, and their length.
    keys: Vec<(u32, usize)>,
}

impl Starts {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Starts {
        let mut keys: Vec<(u32, usize)> = words
            .map(|w| &w.as_bytes()[..w.len().min(3)])
            .filter(|k| !k.is_empty())
            .map(|k| (pack(k), k.len()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut pairs = vec![0u64; 65_536 / 64];
        let mut allow = |pair: usize| pairs[pair / 64] |= 1 << (pair % 64);
        for &(key, len) in &keys {
            let first = (key & 0xff) as usize;
            if len == 1 {
                (0..256).for_each(|second| allow(first << 8 | second));
            } else {
                allow(first << 8 | ((key >> 8) & 0xff) as usize);
            }
        }
        Starts { pairs, keys }
    }

    /// Whether a word beginning with `first` (lower-case, up to three bytes) may match a key.
    fn allow(&self, first: &[u8]) -> bool {
        if first.len() >= 2 {
            let pair = (first[0] as usize) << 8 | first[1] as usize;
            if self.pairs[pair / 64] & (1 << (pair % 64)) == 0 {
                return false;
            }
        }
        let word = pack(first);
        self.keys.iter().any(|&(key, len)| {
            len <= first.len() && word & (u32::MAX >> (32 - 8 * len as u32)) == key
        })
    }
}

fn pack(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(3)
        .enumerate()
        .fold(0, |acc, (i, b)| acc | u32::from(*b) << (8 * i))
}

impl Snippets {
    pub fn new(highlight: Highlight) -> Snippets {
        let starts = Starts::new(highlight.stems.iter().chain(&highlight.prefixes));
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
        if self.starts.keys.is_empty() {
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
        let n = b.len().min(3);
        if !b[..n].is_ascii() {
            return true;
        }
        let mut first = [0u8; 3];
        for (to, from) in first.iter_mut().zip(b) {
            *to = from.to_ascii_lowercase();
        }
        self.starts.allow(&first[..n])
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

/// The window with the most distinct terms, then the most hits; the earliest on ties.
/// `hits` are in text order; one pass with a sliding window.
fn best_window(text: &str, hits: &[(usize, usize, usize)]) -> (usize, usize) {
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, start)
    let terms = hits.iter().map(|h| h.2 + 1).max().unwrap_or(0);
    let mut counts = vec![0u32; terms];
    let (mut distinct, mut end) = (0usize, 0usize);
    for (i, (s, _, _)) in hits.iter().enumerate() {
        let limit = s + WINDOW;
        while end < hits.len() && hits[end].1 <= limit {
            counts[hits[end].2] += 1;
            distinct += usize::from(counts[hits[end].2] == 1);
            end += 1;
        }
        let score = (distinct, end.saturating_sub(i));
        if score > (best.0, best.1) {
            best = (score.0, score.1, *s);
        }
        if end > i {
            counts[hits[i].2] -= 1;
            distinct -= usize::from(counts[hits[i].2] == 0);
        } else {
            end = i + 1;
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
    fn words_split_like_the_tokenizer_ascii_or_not() {
        let text = "Lô's  Équipe—1922, (Münzenberg";
        let got: Vec<(usize, &str)> = words(text).collect();
        let expected: Vec<(usize, &str)> = text
            .char_indices()
            .filter(|(i, c)| {
                c.is_alphanumeric()
                    && !text[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
            .map(|(i, _)| {
                let end = text[i..]
                    .find(|c: char| !c.is_alphanumeric())
                    .map_or(text.len(), |e| i + e);
                (i, &text[i..end])
            })
            .collect();
        assert_eq!(got, expected);
        assert_eq!(got.last(), Some(&(24, "Münzenberg")));
    }

    #[test]
    fn irregular_stems_and_short_stems_still_mark() {
        let stem = |w: &str| analyzer::terms(&mut analyzer::stemmed(), w).join("");
        let mut s = Snippets::new(highlight(&[&stem("happy"), &stem("ties"), "s"], &[]));
        let p = s.passage("Happiness aside, happy ties.");
        assert!(p.marks.contains(&"happy".to_string()), "{:?}", p.marks);
        assert!(p.marks.contains(&"ties".to_string()), "{:?}", p.marks);
    }

    #[test]
    fn the_window_counts_distinct_terms_before_repeats() {
        let filler = "lorem ipsum dolor sit amet ".repeat(40);
        let text = format!("red red red red red {filler} red aid workers {filler} red");
        let mut s = Snippets::new(highlight(&["red", "aid", "worker"], &[]));
        assert!(s.passage(&text).text.contains("red aid workers"));
        assert_eq!(best_window("no hits here", &[]), (0, 12));
    }

    #[test]
    fn prefixes_mark_words_being_typed() {
        let mut s = Snippets::new(highlight(&[], &["zinov"]));
        assert_eq!(s.passage("Grigorii Zinoviev wrote.").marks, ["Zinoviev"]);
    }
}
