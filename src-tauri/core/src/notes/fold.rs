//! Text as placing compares it. Smart punctuation makes the library's apostrophes and quote
//! marks curly, its `--` dashes and its `...` ellipses single characters, while a quote typed
//! on a keyboard or written by another tool has the straight ones; white space differs in
//! kind and amount; an accent may be one character or two. Folded, all of these are equal:
//! quote marks become `'` and `"`, a run of dashes one `-`, an ellipsis `...`, a run of white
//! space one space, invisible characters (soft hyphens, zero-width spaces) nothing, and a
//! letter with combining accents its composed form. Case and letters are kept.
//!
//! [`Folded`] keeps, for every byte of the folded text, the range of the original it comes
//! from, so a match found in the folded text is a range of the original.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A text folded, with the way back to the original's bytes.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, where the original characters it comes from start and end.
    starts: Vec<u32>,
    ends: Vec<u32>,
}

enum Class {
    Space,
    Dash,
    Invisible,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Class::Invisible
        }
        c if c.is_whitespace() => Class::Space,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Class::Dash
        }
        _ => Class::Other,
    }
}

/// What one character (other than white space, dashes and invisible ones) folds to.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => out.push('"'),
        '\u{2026}' => out.push_str("..."),
        c => out.push(c),
    }
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
        };
        let mut chars = original.char_indices().peekable();
        let mut cluster = String::new();
        while let Some((i, c)) = chars.next() {
            let mut end = i + c.len_utf8();
            match class(c) {
                Class::Invisible => continue,
                Class::Space | Class::Dash => {
                    let space = matches!(class(c), Class::Space);
                    while let Some(&(j, d)) = chars.peek() {
                        match class(d) {
                            Class::Space if space => {}
                            Class::Dash if !space => {}
                            Class::Invisible => {}
                            _ => break,
                        }
                        end = j + d.len_utf8();
                        chars.next();
                    }
                    f.push(if space { " " } else { "-" }, i, end);
                }
                Class::Other => {
                    cluster.clear();
                    cluster.push(c);
                    while let Some(&(j, d)) = chars.peek() {
                        if !is_combining_mark(d) {
                            break;
                        }
                        cluster.push(d);
                        end = j + d.len_utf8();
                        chars.next();
                    }
                    let mut out = String::new();
                    if cluster.len() == c.len_utf8() {
                        fold_char(c, &mut out);
                    } else {
                        cluster.nfc().for_each(|d| fold_char(d, &mut out));
                    }
                    f.push(&out, i, end);
                }
            }
        }
        f
    }

    fn push(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        self.starts
            .extend(std::iter::repeat_n(start as u32, s.len()));
        self.ends.extend(std::iter::repeat_n(end as u32, s.len()));
    }

    /// The original byte where folded range `a..b` starts.
    pub fn start_of(&self, a: usize) -> usize {
        self.starts.get(a).map_or_else(
            || self.ends.last().map_or(0, |&e| e as usize),
            |&s| s as usize,
        )
    }

    /// The original byte where folded range `a..b` ends.
    pub fn end_of(&self, b: usize) -> usize {
        match b.checked_sub(1) {
            Some(last) => self.ends.get(last).map_or(0, |&e| e as usize),
            None => self.start_of(0),
        }
    }

    /// The original range of folded range `a..b`.
    pub fn original(&self, a: usize, b: usize) -> (usize, usize) {
        let start = self.start_of(a);
        (start, self.end_of(b).max(start))
    }

    /// The folded byte where original byte `at` falls (the first at or after it).
    pub fn folded_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < at)
    }
}

/// `s` folded, without its leading and trailing white space.
pub fn fold(s: &str) -> String {
    let f = Folded::new(s);
    f.text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_punctuation_and_space_equal_the_typeset() {
        assert_eq!(
            fold("Münzenberg\u{2019}s \u{201C}front\u{201D}\u{00A0}\u{2014} and\n  so\u{2026}"),
            fold("Mu\u{0308}nzenberg's \"front\" -- and so...")
        );
        assert_eq!(fold("co\u{00AD}operate"), "cooperate");
        assert_ne!(fold("Front"), fold("front"), "case is kept");
    }

    #[test]
    fn folded_ranges_map_back_to_the_original() {
        let text =
            "It\u{2019}s  the \u{201C}front\u{201D}\u{2014}again\u{2026} e\u{0301}te\u{0301}";
        let f = Folded::new(text);
        let find = |s: &str| {
            let at = f.text.find(s).unwrap();
            let (a, b) = f.original(at, at + s.len());
            &text[a..b]
        };
        assert_eq!(find("It's the"), "It\u{2019}s  the");
        assert_eq!(
            find("\"front\"-again..."),
            "\u{201C}front\u{201D}\u{2014}again\u{2026}"
        );
        assert_eq!(find("\u{e9}t\u{e9}"), "e\u{0301}te\u{0301}");
        assert_eq!(
            f.folded_at(text.find("the").unwrap()),
            f.text.find("the").unwrap()
        );
        assert_eq!(
            f.original(f.text.len(), f.text.len()),
            (text.len(), text.len())
        );
    }
}
