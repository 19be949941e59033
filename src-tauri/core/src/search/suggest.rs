//! "Did you mean": when nothing matches, each word the library does not know is replaced by
//! the closest word of its own names, titles, headings and tags.

use super::analyzer;
use super::query::{Query, Unit};
use crate::db::entries;
use crate::error::Result;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// Words less similar than this (Jaro–Winkler on folded forms) are not offered.
const MIN_SIMILARITY: f64 = 0.84;

/// The library's own words: folded form → the spelling to offer and how often it occurs.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashMap<String, (String, u32)>,
}

impl Vocabulary {
    pub fn load(conn: &Connection) -> Result<Vocabulary> {
        let mut folded = analyzer::folded();
        let mut words = HashMap::new();
        entries::for_each_entry_words(conn, |columns| {
            for (column, text) in columns.into_iter().enumerate() {
                let text = if column == 0 {
                    text
                } else {
                    json_strings(&text)
                };
                for (s, e, f) in analyzer::spans(&mut folded, &text) {
                    if f.len() >= 3 && !f.bytes().all(|b| b.is_ascii_digit()) {
                        let entry = words
                            .entry(f)
                            .or_insert_with(|| (text[s..e].to_string(), 0));
                        entry.1 += 1;
                    }
                }
            }
            Ok(())
        })?;
        Ok(Vocabulary { words })
    }

    /// The closest known word to `folded`, unless it is known itself: a word it begins
    /// (a name cut short) first, then the most similar, then the most frequent.
    fn closest(&self, folded: &str) -> Option<&str> {
        if folded.len() < 3 || self.words.contains_key(folded) {
            return None;
        }
        let score = |k: &str, count: u32| -> Option<f64> {
            let frequency = f64::from(count).ln_1p();
            if k.starts_with(folded) {
                Some(2.0 + frequency / 100.0)
            } else {
                let similarity = strsim::jaro_winkler(folded, k);
                (similarity >= MIN_SIMILARITY).then_some(similarity + frequency / 1000.0)
            }
        };
        self.words
            .iter()
            .filter_map(|(k, (surface, count))| Some((score(k, *count)?, k, surface)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, _, surface)| surface.as_str())
    }
}

/// The strings inside a JSON value, joined: names, aliases, tags, headings.
fn json_strings(json: &str) -> String {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            // Ids (`willi-munzenberg`) are not words a reader should be offered.
            serde_json::Value::String(s) if !crate::content::is_slug(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str(json) {
        walk(&v, &mut out);
    }
    out.join(" ; ")
}

/// `input` with unknown words replaced by their closest known word, if any was replaced.
pub fn suggest(vocabulary: &Vocabulary, query: &Query, input: &str) -> Option<String> {
    let mut folded = analyzer::folded();
    let mut suggestion = input.to_string();
    let mut changed = HashSet::new();
    for unit in query.must.iter().flatten() {
        let words: Vec<&str> = match unit {
            Unit::Word { text, .. } => vec![text.as_str()],
            Unit::Phrase(words) => words.iter().map(String::as_str).collect(),
        };
        for word in words {
            let f = analyzer::terms(&mut folded, word).join("");
            if let Some(better) = vocabulary.closest(&f) {
                if changed.insert(word.to_string()) {
                    suggestion = suggestion.replacen(word, better, 1);
                }
            }
        }
    }
    (!changed.is_empty()).then_some(suggestion)
}
