//! How text becomes search terms, in one place for indexing, querying and snippets:
//! split into words ([`super::tokenizer`]: numbers whole, possessives without their `s`),
//! drop absurdly long tokens, lower-case, fold diacritics to ASCII (`Münzenberg` →
//! `munzenberg`), and stem English word forms, British spellings as American ones
//! (`organisations` → `organiz`). `folded` is the same without stemming, for prefixes and aliases.

use super::spelling::AmericanSpelling;
use super::stem::CachedStemmer;
use super::tokenizer::WordTokenizer;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer};

/// The tokenizer name registered on the index.
pub const STEMMED: &str = "lectern_stemmed";
/// Longest token kept, in bytes.
const MAX_TOKEN: usize = 48;

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(AmericanSpelling)
        .build()
}

/// The terms of `text` as the index stores them.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Terms with their byte ranges in `text`.
pub fn spans(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_diacritics_and_word_forms_meet() {
        let mut a = stemmed();
        assert_eq!(terms(&mut a, "Münzenberg"), terms(&mut a, "munzenberg"));
        assert_eq!(terms(&mut a, "ZINOVIEV"), ["zinoviev"]);
        assert_eq!(
            terms(&mut a, "organizations"),
            terms(&mut a, "organization")
        );
        assert_eq!(terms(&mut folded(), "Lô's Équipe"), ["lo", "equipe"]);
        assert_eq!(
            terms(&mut a, "the Labour Defence"),
            terms(&mut a, "the labor defense")
        );
    }
}
