//! Splitting text into words, for indexing, querying and snippets alike: on anything not a
//! letter or digit (tantivy's simple tokenizer), with two repairs. A number written with
//! group separators is one word (`50,000`, `50 000` and `50.000` are `50000`, as typed
//! without them), and the `s` of a possessive is dropped (`women's` is `women`).
//! Positions are counted again after the repairs, so phrases match however a number was written.

use tantivy::tokenizer::{SimpleTokenStream, SimpleTokenizer, Token, TokenStream, Tokenizer};

#[derive(Clone, Default)]
pub struct WordTokenizer {
    inner: SimpleTokenizer,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            tail: self.inner.token_stream(text),
            pending: None,
            token: Token::default(),
            position: 0,
        }
    }
}

pub struct WordStream<'a> {
    text: &'a str,
    tail: SimpleTokenStream<'a>,
    /// A word read ahead that did not continue the number before it.
    pending: Option<Token>,
    token: Token,
    position: usize,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Between two groups of a number: one comma, stop or space (also no-break and thin).
fn group_separator(gap: &str) -> bool {
    matches!(gap, "," | "." | " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// The `s` after an apostrophe: a possessive's.
fn possessive(gap: &str, word: &str) -> bool {
    word.eq_ignore_ascii_case("s") && matches!(gap, "'" | "\u{2019}")
}

impl WordStream<'_> {
    fn next_raw(&mut self) -> Option<Token> {
        if let Some(t) = self.pending.take() {
            return Some(t);
        }
        self.tail.advance().then(|| self.tail.token().clone())
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(mut token) = self.next_raw() else {
            return false;
        };
        // A group of one to three digits may be followed by groups of three.
        if digits(&token.text) && token.text.len() <= 3 {
            while let Some(next) = self.next_raw() {
                let gap = self
                    .text
                    .get(token.offset_to..next.offset_from)
                    .unwrap_or("");
                if next.text.len() == 3 && digits(&next.text) && group_separator(gap) {
                    token.text.push_str(&next.text);
                    token.offset_to = next.offset_to;
                } else {
                    self.pending = Some(next);
                    break;
                }
            }
        }
        // A possessive's `s` after the word: the next word stands in its place.
        if let Some(next) = self.next_raw() {
            let gap = self
                .text
                .get(token.offset_to..next.offset_from)
                .unwrap_or("");
            if !possessive(gap, &next.text) {
                self.pending = Some(next);
            }
        }
        token.position = self.position;
        self.position += 1;
        self.token = token;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize)> {
        let mut t = WordTokenizer::default();
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let tok = s.token();
            assert_eq!(
                tok.text,
                text[tok.offset_from..tok.offset_to]
                    .replace([',', '.', ' ', '\u{a0}'], "")
                    .replace("'s", "")
            );
            out.push((tok.text.clone(), tok.position));
        }
        out
    }

    #[test]
    fn numbers_meet_however_their_groups_are_written() {
        let expect = vec![("50000".to_string(), 0), ("women".to_string(), 1)];
        assert_eq!(words("50,000 women"), expect);
        assert_eq!(words("50000 women"), expect);
        assert_eq!(words("50 000 women"), expect);
        assert_eq!(words("50\u{a0}000 women"), expect);
        assert_eq!(words("1,250,000"), [("1250000".to_string(), 0)]);
    }

    #[test]
    fn years_and_lists_of_numbers_stay_apart() {
        let w = |t: &str| words(t).into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(w("1917, 1918"), ["1917", "1918"]);
        assert_eq!(w("from 1917 to 1923"), ["from", "1917", "to", "1923"]);
        assert_eq!(w("5, 100 and 12"), ["5", "100", "and", "12"]);
        assert_eq!(
            w("in 1922 100 delegates"),
            ["in", "1922", "100", "delegates"]
        );
        assert_eq!(w("1.5 million"), ["1", "5", "million"]);
    }

    #[test]
    fn a_possessive_s_is_dropped_and_other_words_stay() {
        let w = |t: &str| words(t).into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(w("the women's march"), ["the", "women", "march"]);
        assert_eq!(w("Zinoviev\u{2019}s letter"), ["Zinoviev", "letter"]);
        assert_eq!(w("it s"), ["it", "s"]);
        assert_eq!(words("women's march")[1], ("march".to_string(), 1));
    }
}
