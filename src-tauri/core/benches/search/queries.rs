//! The query classes of the benchmark, chosen by rank in the corpus's vocabulary so that every
//! size gets the same queries.

use crate::corpus::Vocabulary;

/// Frequent words a reader would not search for on their own.
const FUNCTION_WORDS: [&str; 30] = [
    "that", "with", "from", "were", "which", "this", "their", "have", "been", "would", "into",
    "they", "there", "when", "also", "than", "what", "these", "those", "about", "other", "more",
    "them", "some", "only", "over", "such", "after", "while", "where",
];

/// Queries per class.
pub const PER_CLASS: usize = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Rare,
    MidPair,
    CommonPair,
    Phrase,
    Prefix,
    Misspelt,
}

impl Class {
    pub const ALL: [Class; 6] = [
        Class::Rare,
        Class::MidPair,
        Class::CommonPair,
        Class::Phrase,
        Class::Prefix,
        Class::Misspelt,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Rare => "rare word",
            Class::MidPair => "mid-frequency pair",
            Class::CommonPair => "common pair",
            Class::Phrase => "phrase",
            Class::Prefix => "prefix as typed",
            Class::Misspelt => "misspelt or transliterated name",
        }
    }
}

/// One query, in our query language and in FTS5's.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub ours: String,
    pub as_typed: bool,
    pub fts5: String,
}

fn content_words(vocab: &Vocabulary, from: usize, to: usize) -> Vec<&str> {
    vocab.words[from..to]
        .iter()
        .map(String::as_str)
        .filter(|w| w.len() > 3 && !FUNCTION_WORDS.contains(w))
        .collect()
}

/// Evenly spread picks from `words`.
fn spread<'a>(words: &[&'a str], n: usize) -> Vec<&'a str> {
    (0..n).map(|i| words[i * words.len() / n]).collect()
}

/// A name as a reader might mistype it: in another transliteration (`v` as `w`, `i` as `y`,
/// a letter doubled), with two letters swapped, or with a vowel changed.
fn misspell(i: usize, name: &str) -> String {
    let mut c: Vec<char> = name.chars().collect();
    let middle = c.len() / 2;
    match i % 3 {
        0 => {
            if let Some(at) = c.iter().position(|&x| x == 'v') {
                c[at] = 'w';
            } else if let Some(at) = c.iter().skip(1).position(|&x| x == 'i') {
                c[at + 1] = 'y';
            } else {
                c.insert(middle, c[middle]);
            }
        }
        1 => c.swap(middle - 1, middle),
        _ => {
            let at = (1..c.len() - 1)
                .find(|&k| "aeiou".contains(c[k]))
                .unwrap_or(middle);
            c[at] = if c[at] == 'e' { 'a' } else { 'e' };
        }
    }
    c.into_iter().collect()
}

fn quoted(w: &str) -> String {
    format!("\"{w}\"")
}

pub fn class(vocab: &Vocabulary, class: Class) -> Vec<BenchQuery> {
    let plain = |ours: String, fts5: String| BenchQuery {
        ours,
        as_typed: false,
        fts5,
    };
    let pairs = |from: usize, to: usize| -> Vec<BenchQuery> {
        let words = content_words(vocab, from, to);
        let a = spread(&words, PER_CLASS);
        let b = spread(&words[words.len() / (2 * PER_CLASS)..], PER_CLASS);
        a.iter()
            .zip(b.iter().rev())
            .map(|(a, b)| plain(format!("{a} {b}"), format!("{} {}", quoted(a), quoted(b))))
            .collect()
    };
    match class {
        Class::Rare => spread(&content_words(vocab, 30_000, 60_000), PER_CLASS)
            .into_iter()
            .map(|w| plain(w.to_string(), quoted(w)))
            .collect(),
        Class::MidPair => pairs(1_000, 5_000),
        Class::CommonPair => pairs(20, 250),
        Class::Phrase => {
            let names: Vec<&str> = vocab
                .names
                .iter()
                .map(String::as_str)
                .filter(|n| n.split_whitespace().count() >= 2 && !n.contains('"'))
                .collect();
            spread(&names, PER_CLASS)
                .into_iter()
                .map(|n| plain(format!("\"{n}\""), quoted(n)))
                .collect()
        }
        Class::Misspelt => {
            let mut surnames: Vec<&str> = vocab
                .names
                .iter()
                .filter_map(|n| n.split_whitespace().last())
                .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic()))
                .collect();
            surnames.sort_unstable();
            surnames.dedup();
            spread(&surnames, PER_CLASS.min(surnames.len()))
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    let typed = misspell(i, n);
                    plain(typed.clone(), quoted(&typed))
                })
                .collect()
        }
        Class::Prefix => {
            let first = content_words(vocab, 20, 250);
            let second = content_words(vocab, 300, 3_000);
            spread(&first, PER_CLASS)
                .into_iter()
                .zip(spread(&second, PER_CLASS))
                .map(|(a, b)| {
                    let typed = &b[..3];
                    BenchQuery {
                        ours: format!("{a} {typed}"),
                        as_typed: true,
                        fts5: format!("{} {}*", quoted(a), quoted(typed)),
                    }
                })
                .collect()
        }
    }
}
