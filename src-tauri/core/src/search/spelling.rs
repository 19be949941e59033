//! British and American spellings meet: each British spelling of the word list in
//! `data/british-american.tsv` (`labour`, `defence`, `organisation`, `centre`, `-ise` forms)
//! is read as its American one, at index and at query time alike, so either finds both.

use std::collections::HashMap;
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

static PAIRS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/british-american.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// The American spelling of a folded, lower-case British one, if the list has it.
pub fn american(word: &str) -> Option<&'static str> {
    PAIRS.get(word).copied()
}

/// The filter for analyzers that do not stem (the stemmer reads British spellings itself).
#[derive(Clone, Default)]
pub struct AmericanSpelling;

impl TokenFilter for AmericanSpelling {
    type Tokenizer<T: Tokenizer> = AmericanSpellingFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> AmericanSpellingFilter<T> {
        AmericanSpellingFilter(tokenizer)
    }
}

#[derive(Clone)]
pub struct AmericanSpellingFilter<T>(T);

impl<T: Tokenizer> Tokenizer for AmericanSpellingFilter<T> {
    type TokenStream<'a> = AmericanSpellingStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AmericanSpellingStream(self.0.token_stream(text))
    }
}

pub struct AmericanSpellingStream<T>(T);

impl<T: TokenStream> TokenStream for AmericanSpellingStream<T> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        if let Some(american) = american(&token.text) {
            token.text.clear();
            token.text.push_str(american);
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_read_as_american_and_others_are_left() {
        for (british, american_) in [
            ("labour", "labor"),
            ("defence", "defense"),
            ("organisation", "organization"),
            ("organised", "organized"),
            ("centre", "center"),
        ] {
            assert_eq!(american(british), Some(american_), "{british}");
        }
        assert_eq!(american("labor"), None);
        assert_eq!(american("zinoviev"), None);
        assert!(PAIRS.len() > 1_500);
    }
}
