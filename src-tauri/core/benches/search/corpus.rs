//! A deterministic corpus: articles of about 5,000 words of prose-like text, with a Zipf-like
//! vocabulary (the words of our own starter library at the head, invented words in the long
//! tail) mixed with the library's own names and acronyms. The same seed and size always give
//! the same files, so a corpus on disk is reused between runs.

use lectern_core::Library;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Zipf};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

pub const SEED: u64 = 0x1ec7e4;
/// Bumped whenever the generator changes, so that old corpora on disk are not reused.
pub const VERSION: u32 = 2;
/// Word types in the vocabulary: the starter library's own, then invented ones.
const VOCABULARY: usize = 250_000;
/// Zipf exponent: about 1 for English prose.
const EXPONENT: f64 = 1.05;
/// One word in this many is a name of a person or organization; names are Zipf-distributed
/// too (a few named on most pages, most named rarely).
const NAME_EVERY: u32 = 60;
const NAME_EXPONENT: f64 = 1.0;
const WORDS_PER_ARTICLE: usize = 5_000;

pub struct Vocabulary {
    /// Words by rank, most frequent first.
    pub words: Vec<String>,
    /// Names and acronyms of the library's people and organizations.
    pub names: Vec<String>,
    /// Author ids to credit.
    pub authors: Vec<String>,
}

impl Vocabulary {
    /// The starter library's words ranked by their frequency in its articles, then invented
    /// words; names from its people and organizations.
    pub fn from_library(content: &Path) -> Vocabulary {
        let lib = Library::open_in_memory(content).expect("bundled content opens");
        lib.import().expect("bundled content imports");
        let mut counts: HashMap<String, usize> = HashMap::new();
        for a in lib.list_articles().unwrap() {
            let text = lib.show(&format!("article/{}", a.slug)).unwrap().text;
            for w in text.split(|c: char| !c.is_alphabetic()) {
                if w.len() > 1 || w == "a" {
                    *counts.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut words: Vec<String> = ranked.into_iter().map(|(w, _)| w).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(SEED ^ 1);
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < VOCABULARY {
            let w = invented_word(&mut rng);
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut names = Vec::new();
        let mut authors = Vec::new();
        for p in lib.list_people().unwrap() {
            names.push(p.name);
            names.extend(p.aliases);
            authors.push(p.id);
        }
        for o in lib.list_organizations().unwrap() {
            names.push(o.name);
            names.extend(o.aliases);
        }
        Vocabulary {
            words,
            names,
            authors,
        }
    }
}

/// A pronounceable word of two to four syllables.
fn invented_word(rng: &mut ChaCha8Rng) -> String {
    const ONSETS: [&str; 20] = [
        "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st",
        "tr", "pl", "gr",
    ];
    const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "ai", "ou", "ie"];
    const CODAS: [&str; 8] = ["", "", "n", "r", "s", "l", "nt", "m"];
    let syllables = rng.random_range(2..=4);
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
        w.push_str(VOWELS[rng.random_range(0..VOWELS.len())]);
        w.push_str(CODAS[rng.random_range(0..CODAS.len())]);
    }
    w
}

/// Writes `count` articles into `dir/articles` beside a copy of the whole starter library (so
/// names, aliases, authors and references resolve). Returns the Markdown bytes written.
pub fn write(dir: &Path, content: &Path, vocab: &Vocabulary, count: usize) -> u64 {
    for kind in ["articles", "people", "organizations", "series", "books"] {
        let to = dir.join(kind);
        std::fs::create_dir_all(&to).unwrap();
        for f in std::fs::read_dir(content.join(kind)).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "md") {
                std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
            }
        }
    }
    let images = dir.join("articles/images");
    std::fs::create_dir_all(&images).unwrap();
    for f in std::fs::read_dir(content.join("articles/images")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, images.join(f.file_name().unwrap())).unwrap();
    }
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let zipf = Zipf::new(vocab.words.len() as f64, EXPONENT).unwrap();
    let names = Zipf::new(vocab.names.len() as f64, NAME_EXPONENT).unwrap();
    let mut bytes = 0;
    for n in 0..count {
        let mut rng = ChaCha8Rng::seed_from_u64(SEED.wrapping_add(n as u64));
        let text = article(&mut rng, (&zipf, &names), vocab, n);
        bytes += text.len() as u64;
        std::fs::write(articles.join(format!("generated-{n:06}.md")), text).unwrap();
    }
    bytes
}

fn article(
    rng: &mut ChaCha8Rng,
    (zipf, names): (&Zipf<f64>, &Zipf<f64>),
    vocab: &Vocabulary,
    n: usize,
) -> String {
    let word = |rng: &mut ChaCha8Rng| -> &str {
        let rank = zipf.sample(rng) as usize - 1;
        &vocab.words[rank.min(vocab.words.len() - 1)]
    };
    let mut out = String::with_capacity(WORDS_PER_ARTICLE * 7);
    let title: Vec<String> = (0..rng.random_range(3..8))
        .map(|_| title_case(word(rng)))
        .collect();
    let author = &vocab.authors[rng.random_range(0..vocab.authors.len())];
    let year = rng.random_range(1900..=2024);
    let _ = write!(
        out,
        "+++\ntitle = \"{}\"\nauthors = [\"{author}\"]\ndate = \"{year}\"\ntags = [\"{}\", \"{}\"]\n+++\n",
        title.join(" "),
        word(rng).replace('"', ""),
        word(rng).replace('"', "")
    );
    let target = WORDS_PER_ARTICLE - 500 + rng.random_range(0..1000);
    let mut written = 0;
    let mut paragraph = 0;
    while written < target {
        if paragraph % 8 == 4 {
            let head: Vec<String> = (0..rng.random_range(2..5))
                .map(|_| title_case(word(rng)))
                .collect();
            let _ = write!(out, "\n## {}\n", head.join(" "));
        }
        out.push('\n');
        for _ in 0..rng.random_range(3..7) {
            let len = rng.random_range(8..30);
            for i in 0..len {
                let w: &str = if rng.random_ratio(1, NAME_EVERY) {
                    &vocab.names[names.sample(rng) as usize - 1]
                } else {
                    word(rng)
                };
                if i == 0 {
                    out.push_str(&title_case(w));
                } else if rng.random_ratio(1, 150) {
                    let _ = write!(out, "*{w}*");
                } else {
                    out.push_str(w);
                }
                out.push(if i + 1 == len {
                    '.'
                } else if rng.random_ratio(1, 12) {
                    ','
                } else {
                    ' '
                });
                if i + 1 == len || out.ends_with(',') {
                    out.push(' ');
                }
            }
            written += len;
        }
        if paragraph % 11 == 10 {
            let _ = write!(out, "[^n{paragraph}]\n\n[^n{paragraph}]: See {}.", n % 997);
        }
        out.push('\n');
        paragraph += 1;
    }
    out
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
