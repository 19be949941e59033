//! Near spellings: a word the library does not know (or knows much less than a near one) is
//! matched with the nearest word of the library's own names, titles, tags and summaries —
//! a name in another transliteration ([`super::translit`]), then a word a few letters away
//! (none for words of three letters, one for up to seven, two beyond), then a word it begins
//! (a name cut short). What is offered is always a real word of the library.

use super::analyzer;
use super::query::{Query, Unit};
use super::translit;
use crate::db::{entries, meta};
use crate::error::Result;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use rusqlite::Connection;
use std::collections::HashMap;
use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

/// The library's own words: folded form → the spelling to offer and how often it occurs; the
/// words by their transliteration key; and both as finite-state sets, which a Levenshtein
/// automaton walks without looking at most words (tens of thousands in a large library).
pub struct Vocabulary {
    words: HashMap<String, (String, u32)>,
    keys: HashMap<String, Vec<String>>,
    word_set: Map<Vec<u8>>,
    key_set: Map<Vec<u8>>,
}

/// A Levenshtein automaton as the finite-state sets walk it.
struct Near<'a>(&'a DFA);

impl Automaton for Near<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// A finite-state set of `words`.
fn set_of<'a>(words: impl Iterator<Item = &'a String>) -> Result<Map<Vec<u8>>> {
    let mut sorted: Vec<&String> = words.collect();
    sorted.sort_unstable();
    sorted.dedup();
    Map::from_iter(sorted.into_iter().map(|w| (w.as_bytes(), 0)))
        .map_err(|e| crate::error::Error::new(crate::error::ErrorKind::Database, e.to_string()))
}

/// The words of `set` within `dfa`'s distance, with it.
fn within(set: &Map<Vec<u8>>, dfa: &DFA) -> Vec<(String, u8)> {
    let mut stream = set.search(Near(dfa)).into_stream();
    let mut out = Vec::new();
    while let Some((word, _)) = stream.next() {
        if let (Ok(word), Distance::Exact(d)) = (std::str::from_utf8(word), dfa.eval(word)) {
            out.push((word.to_string(), d));
        }
    }
    out
}

/// How many letters a word of `len` bytes may be away from the word it is taken for.
pub fn allowed_edits(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Where the gathered words are kept in the library file, with the stamp they were gathered at.
const KEPT: &str = "vocabulary";

/// A word as kept: folded form, the spelling to offer, how often it occurs.
type KeptWord = (String, String, u32);

impl Vocabulary {
    /// The library's words: as kept since the last import that changed something, or gathered
    /// now from every title and front matter (seconds in a library of 100,000 articles) and kept.
    pub fn load(conn: &Connection) -> Result<Vocabulary> {
        let kept = meta::get_current(conn, KEPT)?
            .and_then(|json| serde_json::from_str::<Vec<KeptWord>>(&json).ok());
        let words: HashMap<String, (String, u32)> = match kept {
            Some(list) => list.into_iter().map(|(f, s, n)| (f, (s, n))).collect(),
            None => {
                let words = Self::gather(conn)?;
                let list: Vec<(&String, &String, u32)> =
                    words.iter().map(|(f, (s, n))| (f, s, *n)).collect();
                let json = serde_json::to_string(&list).map_err(|e| {
                    crate::error::Error::new(crate::error::ErrorKind::Database, e.to_string())
                })?;
                // Kept only to save time: while a long import holds the file, it is not.
                let _ = meta::set_current(conn, KEPT, &json);
                words
            }
        };
        Self::of(words)
    }

    fn gather(conn: &Connection) -> Result<HashMap<String, (String, u32)>> {
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
        Ok(words)
    }

    fn of(words: HashMap<String, (String, u32)>) -> Result<Vocabulary> {
        let mut keys: HashMap<String, Vec<String>> = HashMap::new();
        for folded in words.keys() {
            keys.entry(translit::key(folded))
                .or_default()
                .push(folded.clone());
        }
        Ok(Vocabulary {
            word_set: set_of(words.keys())?,
            key_set: set_of(keys.keys())?,
            words,
            keys,
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The nearest word to `folded` other than itself, as the library spells it: one of the same
    /// transliteration key first, then the fewest letters away, then one whose key is a letter
    /// away, then a word it begins; among equals, the most frequent.
    pub fn nearest(&self, folded: &str) -> Option<&str> {
        let edits = allowed_edits(folded.len());
        if edits == 0 {
            return None;
        }
        let mut found: Vec<(u8, String)> = Vec::new();
        let key = translit::key(folded);
        found.extend(
            self.keys
                .get(&key)
                .into_iter()
                .flatten()
                .map(|w| (0, w.clone())),
        );
        let dfa = LevenshteinAutomatonBuilder::new(edits, true).build_dfa(folded);
        found.extend(
            within(&self.word_set, &dfa)
                .into_iter()
                .map(|(w, d)| (1 + 2 * d, w)),
        );
        let key_dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa(&key);
        for (k, d) in within(&self.key_set, &key_dfa) {
            if d == 1 {
                found.extend(self.keys[&k].iter().map(|w| (4, w.clone())));
            }
        }
        if found.iter().all(|(_, w)| w == folded) {
            let mut upper = folded.as_bytes().to_vec();
            upper.push(0xff);
            let mut stream = self.word_set.range().ge(folded).lt(&upper).into_stream();
            while let Some((word, _)) = stream.next() {
                if let Ok(word) = std::str::from_utf8(word) {
                    found.push((9, word.to_string()));
                }
            }
        }
        // Lower rank first, then the more frequent, then alphabetical (for a stable answer).
        let best = found
            .into_iter()
            .filter(|(_, w)| w != folded)
            .min_by_key(|(rank, w)| (*rank, std::cmp::Reverse(self.words[w].1), w.clone()))
            .map(|(_, w)| w)?;
        self.words.get(&best).map(|(surface, _)| surface.as_str())
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

/// `input` with the words `replace` picks replaced by what it gives (the first time each
/// stands whole), if any was.
pub fn respell(
    input: &str,
    words: &[String],
    mut replace: impl FnMut(&str) -> Option<String>,
) -> Option<String> {
    let mut out = input.to_string();
    let mut changed = false;
    for word in words {
        if let Some(better) = replace(word) {
            // The word where it stands whole, not inside a longer one.
            let whole = |at: usize| {
                let before = out[..at].chars().next_back();
                let after = out[at + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            };
            let found = out
                .match_indices(word.as_str())
                .map(|(at, _)| at)
                .find(|&at| whole(at));
            if let Some(at) = found {
                out.replace_range(at..at + word.len(), &better);
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// The folded form of a word as typed.
pub fn fold(word: &str) -> String {
    analyzer::terms(&mut analyzer::folded(), word).join("")
}

/// Fewer hits than this and the words as typed may be misspelt.
pub const FEW: u32 = 3;

/// The query with each word put right that the library does not know, or knows much less
/// than a near spelling (`frequency` counts the documents a word is in); `None` if none is.
pub fn correct(
    vocabulary: &Vocabulary,
    query: &Query,
    input: &str,
    frequency: impl Fn(&str) -> u64,
) -> Option<String> {
    let words: Vec<String> = query
        .must
        .iter()
        .flatten()
        .flat_map(|unit| match unit {
            Unit::Word { text, .. } => vec![text.clone()],
            Unit::Phrase(words) => words.clone(),
            Unit::Entity { .. } => vec![],
        })
        .collect();
    respell(input, &words, |word| {
        let near = vocabulary.nearest(&fold(word))?;
        let (mine, theirs) = (frequency(word), frequency(near));
        (theirs > 0 && (mine == 0 || theirs >= 10 * mine)).then(|| near.to_string())
    })
}

/// Whether a correction that finds `fixed` hits is worth showing instead of the `typed` ones.
pub fn better(typed: u32, fixed: u32) -> bool {
    fixed > 0 && fixed >= 3 * typed.max(1)
}

#[cfg(test)]
mod tests {
    use super::respell;

    #[test]
    fn a_word_is_put_right_where_it_stands_whole() {
        let words = vec!["aid".to_string(), "Zetkn".to_string()];
        let fix = |w: &str| match w {
            "aid" => Some("aide".to_string()),
            "Zetkn" => Some("Zetkin".to_string()),
            _ => None,
        };
        assert_eq!(
            respell("said aid of Zetkn", &words, fix).as_deref(),
            Some("said aide of Zetkin")
        );
        assert_eq!(respell("nothing here", &words, |_| None), None);
    }
}
