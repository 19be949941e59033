//! English stemming (of British spellings as their American ones) with a memory of the words already stemmed. A library repeats its words
//! endlessly, and the Snowball stemmer was 23% of an import's CPU time; a lookup is a small
//! fraction of that. Each copy of the analyzer (one per indexing thread) keeps its own memory
//! of the first [`REMEMBERED`] different words it meets: in text, the frequent words come
//! first, so those are nearly all the words it will meet again. Rarer words are stemmed
//! each time.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyzer copy (a few MiB).
const REMEMBERED: usize = 100_000;

/// The filter: stems lower-cased tokens as [`tantivy::tokenizer::Stemmer`] does for English.
#[derive(Clone, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: FxHashMap::default(),
            arena: String::new(),
        }
    }
}

/// Words longer than this (in bytes) are stemmed every time: nearly every word is shorter.
const KEY: usize = 23;

/// A word kept inside the table itself, so a lookup never follows a pointer to compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Word {
    len: u8,
    bytes: [u8; KEY],
}

impl Word {
    fn of(text: &str) -> Option<Word> {
        let len = text.len();
        (len <= KEY).then(|| {
            let mut bytes = [0; KEY];
            bytes[..len].copy_from_slice(text.as_bytes());
            Word {
                len: len as u8,
                bytes,
            }
        })
    }
}

/// Where a remembered word's stem is: the word itself, or a range of the stems' arena.
#[derive(Clone, Copy)]
enum Stem {
    Same,
    At(u32, u8),
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: FxHashMap<Word, Stem>,
    /// The stems that differ from their words, end to end.
    arena: String,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            arena: &mut self.arena,
            stemmer: None,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut FxHashMap<Word, Stem>,
    arena: &'a mut String,
    /// Made on the first word not remembered.
    stemmer: Option<frostem::Stemmer>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let word = Word::of(&token.text);
        match word.and_then(|w| self.stems.get(&w)) {
            Some(Stem::Same) => {}
            Some(&Stem::At(at, len)) => {
                token.text.clear();
                token
                    .text
                    .push_str(&self.arena[at as usize..at as usize + len as usize]);
            }
            None => {
                let stemmer = self
                    .stemmer
                    .get_or_insert_with(|| frostem::Stemmer::new(frostem::Algorithm::English));
                // British spellings are stemmed as their American ones, so both meet.
                let word_text = super::spelling::american(&token.text).unwrap_or(&token.text);
                let stem = stemmer.stem(word_text).into_owned();
                let room = self.stems.len() < REMEMBERED;
                if let Some(w) = word.filter(|_| room) {
                    if stem == token.text {
                        self.stems.insert(w, Stem::Same);
                    } else if let (Ok(at), Ok(len)) =
                        (u32::try_from(self.arena.len()), u8::try_from(stem.len()))
                    {
                        self.arena.push_str(&stem);
                        self.stems.insert(w, Stem::At(at, len));
                    }
                }
                if stem != token.text {
                    token.text = stem;
                }
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.position));
        }
        out
    }

    #[test]
    fn remembers_without_changing_a_stem() {
        let build = |cached: bool| {
            let b = TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser);
            if cached {
                b.filter(CachedStemmer).build()
            } else {
                b.filter(Stemmer::new(Language::English)).build()
            }
        };
        let (mut cached, mut plain) = (build(true), build(false));
        let text = "Organizations organized the organizing; the organizations' congresses \
                    met, congresses met again, and running runners ran; \
                    antidisestablishmentarianism's antidisestablishmentarianisms";
        // Twice through the same copy: the second pass is answered from memory.
        for _ in 0..2 {
            assert_eq!(stems(&mut cached, text), stems(&mut plain, text));
        }
    }
}
