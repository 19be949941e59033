//! A fuzzy placement's edges moved to where words and sentences end. A window found by
//! similarity can begin with the last letters of the sentence before, stop inside a word
//! ("known as WONA") or just short of a full stop. Its start may only be a word's start (with
//! an opening quote mark or bracket right before it) and its end a word's end (with the
//! sentence punctuation and closing marks right after it); of the few such windows around the
//! one found, the most similar to the quote is taken.

use super::fold::fold;

/// Letters and digits, and an apostrophe between two of them, make words.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Marks that stand right before a word they belong to.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{2018}'
            | '\u{201E}'
            | '\u{00AB}'
            | '('
            | '['
            | '\u{00BF}'
            | '\u{00A1}'
    )
}

/// Punctuation that ends a word's sentence or clause, and closing marks.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{2026}'
            | '"'
            | '\''
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | ')'
            | ']'
    )
}

fn before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn after(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Whether `i` falls between two characters of one word.
fn inside_word(text: &str, i: usize) -> bool {
    let (Some(b), Some(a)) = (before(text, i), after(text, i)) else {
        return false;
    };
    (is_word(b) && is_word(a))
        || (is_apostrophe(a) && is_word(b) && after(text, i + a.len_utf8()).is_some_and(is_word))
        || (is_apostrophe(b) && is_word(a) && before(text, i - b.len_utf8()).is_some_and(is_word))
}

fn is_word_start(text: &str, i: usize) -> bool {
    after(text, i).is_some_and(is_word) && !inside_word(text, i)
}

fn is_word_end(text: &str, i: usize) -> bool {
    before(text, i).is_some_and(is_word) && !inside_word(text, i)
}

/// The char boundaries from `i` backwards, then forwards, at most `reach` bytes away.
fn back(text: &str, i: usize, reach: usize) -> impl Iterator<Item = usize> + '_ {
    text[..i]
        .char_indices()
        .rev()
        .map(|(j, _)| j)
        .take_while(move |&j| i - j <= reach)
}

fn forth(text: &str, i: usize, reach: usize) -> impl Iterator<Item = usize> + '_ {
    text[i..]
        .char_indices()
        .map(move |(j, _)| i + j)
        .chain(std::iter::once(text.len()))
        .skip(1)
        .take_while(move |&j| j - i <= reach)
}

/// How far an edge may move: a long word, and the space and punctuation around it.
const REACH: usize = 48;

/// Where a snapped window may start, for a window found starting at `a`.
fn starts(text: &str, a: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if is_word_start(text, a) {
        out.push(a);
    } else if inside_word(text, a) {
        out.extend(back(text, a, REACH).find(|&j| is_word_start(text, j)));
    }
    if !is_word_start(text, a) {
        out.extend(forth(text, a, REACH).find(|&j| is_word_start(text, j)));
    }
    // With the opening marks right before.
    for s in out.clone() {
        let open = text[..s]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_opening(c))
            .last();
        if let Some((j, _)) = open {
            out.push(j);
        }
    }
    out
}

/// Where a snapped window may end, for a window found ending at `b`.
fn ends(text: &str, b: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if is_word_end(text, b) {
        out.push(b);
    } else {
        out.extend(back(text, b, REACH).find(|&j| is_word_end(text, j)));
        if inside_word(text, b) {
            out.extend(forth(text, b, REACH).find(|&j| is_word_end(text, j)));
        }
    }
    // With the punctuation and closing marks right after.
    for e in out.clone() {
        let close: usize = text[e..]
            .chars()
            .take_while(|&c| is_closing(c))
            .map(char::len_utf8)
            .sum();
        if close > 0 {
            out.push(e + close);
        }
    }
    out
}

/// The window of `text` near `a..b` that starts and ends at word edges and is the most like
/// the quote by `score`, with its score; `None` when no word edges are near. Of windows as
/// like it, the one whose first and last characters are the quote's (`edges`, as folded: a
/// full stop the quote ends with) is taken, then the nearest to `a..b`.
pub fn snap(
    text: &str,
    a: usize,
    b: usize,
    edges: (Option<char>, Option<char>),
    score: impl Fn(usize, usize) -> f64,
) -> Option<(usize, usize, f64)> {
    let same = |c: Option<char>, want: Option<char>| {
        let folded = c.map(|c| fold(c.encode_utf8(&mut [0; 4])));
        usize::from(want.is_some() && folded.as_deref().and_then(|f| f.chars().next()) == want)
    };
    let rank = |s: usize, e: usize| {
        let matching = same(after(text, s), edges.0) + same(before(text, e), edges.1);
        (matching, std::cmp::Reverse(s.abs_diff(a) + e.abs_diff(b)))
    };
    let mut best: Option<(usize, usize, f64)> = None;
    for s in starts(text, a) {
        for &e in ends(text, b).iter().filter(|&&e| e > s) {
            let sc = score(s, e);
            let better = match best {
                None => true,
                Some((bs, be, bsc)) => sc > bsc || (sc == bsc && rank(s, e) > rank(bs, be)),
            };
            if better {
                best = Some((s, e, sc));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapped(text: &str, window: &str, quote: &str) -> String {
        let a = text.find(window).unwrap();
        let b = a + window.len();
        let score = |s: usize, e: usize| strsim::normalized_levenshtein(quote, &text[s..e]);
        let edges = (quote.chars().next(), quote.chars().next_back());
        let (s, e, _) = snap(text, a, b, edges, score).unwrap();
        text[s..e].to_owned()
    }

    #[test]
    fn edges_move_to_words_and_keep_the_sentence_punctuation() {
        let text = "It met in Moscow. The federation was known as WONAM. Then it closed.";
        assert_eq!(
            snapped(
                text,
                "ow. The federation was known as WONA",
                "The federation was named WONAM."
            ),
            "The federation was known as WONAM."
        );
        assert_eq!(
            snapped(
                text,
                "The federation was known as WONAM",
                "The federation is known as WONAM."
            ),
            "The federation was known as WONAM."
        );
        // A quote without the stop does not take it.
        assert_eq!(
            snapped(text, "he federation was known", "The federation is known"),
            "The federation was known"
        );
    }

    #[test]
    fn an_apostrophe_inside_a_word_is_part_of_it_and_quote_marks_go_with_their_words() {
        let text = "He read \u{201C}Lenin\u{2019}s letter\u{201D} aloud.";
        assert!(inside_word(text, text.find("\u{2019}s").unwrap()));
        assert_eq!(
            snapped(text, "enin\u{2019}s lett", "\u{201C}Lenin's letter\u{201D}"),
            "\u{201C}Lenin\u{2019}s letter\u{201D}"
        );
    }
}
