//! Splitting text into words the way the search index's tokenizer does, with byte offsets;
//! and folding text (lower case, no diacritics) the way names and titles are compared.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words of `text` (runs of letters and digits, as the index's tokenizer splits them) with
/// their byte offsets. ASCII bytes are classified directly; only other characters are decoded.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (alnum, width) = match bytes[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = text[at..].chars().next().expect("at a char boundary");
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            match (start, alnum) {
                (None, true) => start = Some(at),
                (Some(s), false) => return Some((s, &text[s..at])),
                _ => {}
            }
            at += width;
        }
        start.map(|s| (s, &text[s..]))
    })
}

/// Text folded for matching: words lower-cased without diacritics, one space between words
/// and a line break where the text breaks a line, so no name runs across paragraphs.
pub struct Folded {
    pub text: String,
    pub words: Vec<Word>,
}

pub struct Word {
    /// Where the word starts in the folded text.
    pub folded: u32,
    /// Its byte range in the original text.
    pub start: u32,
    pub end: u32,
}

impl Folded {
    /// The word that holds folded byte `at`.
    #[inline]
    pub fn word_at(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.folded as usize <= at) - 1
    }
}

/// `text` as names are compared: lower-case words without diacritics, one space apart.
pub fn folded(text: &str) -> String {
    fold(text).text.replace('\n', " ")
}

/// `text` folded, with where each word was in it: what the name linker matches against.
pub fn fold(text: &str) -> Folded {
    // One pass over the bytes: ASCII (nearly all of an English text) is classified and
    // lower-cased directly; other characters are decoded, decomposed and stripped of marks.
    // Words split as [`words`] splits them; the split is repeated here, fused with the
    // folding, because that made linking 25% faster (`cargo bench --bench mentions`).
    let bytes = text.as_bytes();
    let limit = bytes.len().min(u32::MAX as usize);
    let mut buf: Vec<u8> = Vec::with_capacity(limit);
    let mut words: Vec<Word> = Vec::with_capacity(limit / 6);
    let (mut in_word, mut newline) = (false, false);
    let mut i = 0;
    while i < limit {
        let b = bytes[i];
        let (alnum, width, c) = if b < 128 {
            (b.is_ascii_alphanumeric(), 1, None)
        } else {
            let c = text[i..].chars().next().expect("at a char boundary");
            (c.is_alphanumeric(), c.len_utf8(), Some(c))
        };
        if alnum {
            if !in_word {
                if !words.is_empty() {
                    buf.push(if newline { b'\n' } else { b' ' });
                }
                words.push(Word {
                    folded: buf.len() as u32,
                    start: i as u32,
                    end: 0,
                });
                (in_word, newline) = (true, false);
            }
            match c {
                None => buf.push(b.to_ascii_lowercase()),
                Some(c) => decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        for l in d.to_lowercase() {
                            let mut tmp = [0u8; 4];
                            buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
                        }
                    }
                }),
            }
        } else {
            if in_word {
                if let Some(w) = words.last_mut() {
                    w.end = i as u32;
                }
                in_word = false;
            }
            newline |= b == b'\n';
        }
        i += width;
    }
    if in_word {
        if let Some(w) = words.last_mut() {
            w.end = i as u32;
        }
    }
    Folded {
        text: String::from_utf8(buf).expect("built from whole characters"),
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets_of_the_original() {
        let f = fold("Willi  Münzenberg's\naid");
        assert_eq!(f.text, "willi munzenberg s\naid");
        assert_eq!((f.words[1].start, f.words[1].end), (7, 18));
    }
}
