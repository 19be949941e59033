//! Where an annotation sits in an article's plain text, and where it sits after the text
//! changed. Positions are UTF-16 code units (what the UI and W3C selectors in browsers count);
//! the search itself works on bytes.
//!
//! Quotes are compared folded ([`super::fold`]): a straight apostrophe, quote mark or `--`
//! typed (or written by another tool) equals the curly one or the dash the text has, and white
//! space is white space, in every way a quote comes in.
//!
//! Placing a new annotation needs its quote exactly once, or once with its prefix and suffix.
//! Re-anchoring tries, in order: the old position, if the quote still sits there (anchored);
//! the quote found elsewhere, prefix and suffix breaking ties, then nearness (moved); a bounded
//! fuzzy match around places where pieces of the quote still occur, scored by normalized
//! Levenshtein similarity, its edges then snapped to whole words and the sentence punctuation
//! after them ([`super::snap`]; fuzzy, with the snapped window's similarity as confidence);
//! else the annotation is an orphan and keeps its quote.

use super::fold::{fold, Folded};
use super::fuzzy::{fuzzy, short, similarity};
use super::snap;
use serde::{Deserialize, Serialize};
use specta::Type;

/// How an annotation was last placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Anchored,
    Moved,
    Fuzzy,
    Orphaned,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Anchored,
        Status::Moved,
        Status::Fuzzy,
        Status::Orphaned,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Anchored => "anchored",
            Status::Moved => "moved",
            Status::Fuzzy => "fuzzy",
            Status::Orphaned => "orphaned",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A TextQuoteSelector: the exact words and a little context on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// A placement: UTF-16 range, how it was found, and how sure (1 unless fuzzy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub start: u32,
    pub end: u32,
    pub status: Status,
    pub confidence: f64,
}

/// Why a new annotation cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotPlaced {
    NotFound,
    /// Found this many times, and prefix and suffix did not single one out.
    Ambiguous(usize),
}

/// Context kept on each side of a new annotation's quote, in characters.
pub const CONTEXT: usize = 32;
/// Below this similarity a fuzzy candidate is not taken.
pub const FUZZY_THRESHOLD: f64 = 0.75;
/// Quotes shorter than this are too short to place fuzzily (in bytes).
pub const FUZZY_MIN: usize = 12;

pub fn utf16_at(text: &str, byte: usize) -> u32 {
    text[..byte].encode_utf16().count() as u32
}

/// The byte offset of UTF-16 offset `unit`, if it falls on a character boundary in the text.
pub fn byte_at(text: &str, unit: u32) -> Option<usize> {
    let mut count = 0u32;
    for (i, c) in text.char_indices() {
        if count == unit {
            return Some(i);
        }
        count += c.len_utf16() as u32;
        if count > unit {
            return None;
        }
    }
    (count == unit).then_some(text.len())
}

fn context_before(text: &str, byte: usize) -> String {
    let start = text[..byte]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    text[start..byte].to_owned()
}

fn context_after(text: &str, byte: usize) -> String {
    let end = text[byte..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| byte + i);
    text[byte..end].to_owned()
}

/// How much of `prefix` ends right before folded range `fa..fb` of `f`, and of `suffix`
/// starts right after it, in bytes (all folded).
fn context_score(f: &str, fa: usize, fb: usize, prefix: &str, suffix: &str) -> usize {
    let before = f[..fa].trim_end().bytes().rev();
    let p = before
        .zip(prefix.trim_end().bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = f[fb..].trim_start().bytes();
    let s = after
        .zip(suffix.trim_start().bytes())
        .take_while(|(a, b)| a == b)
        .count();
    p + s
}

/// The quote over byte range `a..b` of `text`, with its context.
pub fn quote_at(text: &str, a: usize, b: usize) -> Quote {
    Quote {
        exact: text[a..b].to_owned(),
        prefix: context_before(text, a),
        suffix: context_after(text, b),
    }
}

/// An article's text made ready for placing quotes in it: kept with its folded form (see
/// [`super::fold`]: curly and straight quote marks, dashes, ellipses and white space are
/// equal), so that many quotes are placed in one text for the cost of one folding.
pub struct Prepared<'a> {
    text: &'a str,
    folded: Folded,
}

/// A quote folded, and its context.
struct Sought {
    exact: String,
    prefix: String,
    suffix: String,
}

impl Sought {
    fn new(q: &Quote) -> Sought {
        Sought {
            exact: fold(&q.exact),
            prefix: Folded::new(&q.prefix).text,
            suffix: Folded::new(&q.suffix).text,
        }
    }
}

impl<'a> Prepared<'a> {
    pub fn new(text: &'a str) -> Prepared<'a> {
        Prepared {
            text,
            folded: Folded::new(text),
        }
    }

    fn hits<'s>(&'s self, exact: &'s str) -> impl Iterator<Item = usize> + 's {
        self.folded.text.match_indices(exact).map(|(i, _)| i)
    }

    /// Places a new annotation: the quote's range in the text (bytes), and the quote as the
    /// text has it, completed with the context around it.
    pub fn place(&self, q: &Quote) -> Result<(usize, usize, Quote), NotPlaced> {
        let s = Sought::new(q);
        if s.exact.is_empty() {
            return Err(NotPlaced::NotFound);
        }
        let f = &self.folded.text;
        let hits: Vec<usize> = self.hits(&s.exact).collect();
        let chosen = match hits.len() {
            0 => return Err(NotPlaced::NotFound),
            1 => hits[0],
            n => {
                // Only a full match of the context given counts.
                let full = |&at: &usize| {
                    let end = at + s.exact.len();
                    f[..at].trim_end().ends_with(s.prefix.trim_end())
                        && f[end..].trim_start().starts_with(s.suffix.trim_start())
                };
                let matching: Vec<usize> = hits.iter().copied().filter(full).collect();
                if s.prefix.trim().is_empty() && s.suffix.trim().is_empty() || matching.len() != 1 {
                    return Err(NotPlaced::Ambiguous(if matching.is_empty() {
                        n
                    } else {
                        matching.len()
                    }));
                }
                matching[0]
            }
        };
        let (a, b) = self.folded.original(chosen, chosen + s.exact.len());
        Ok((a, b, quote_at(self.text, a, b)))
    }

    fn placed(&self, a: usize, b: usize, status: Status, confidence: f64) -> Placed {
        Placed {
            start: utf16_at(self.text, a),
            end: utf16_at(self.text, b),
            status,
            confidence,
        }
    }

    /// The byte at UTF-16 offset `unit`, or the end of the text when it is past it.
    fn near(&self, unit: u32) -> Option<usize> {
        byte_at(self.text, unit.min(utf16_at(self.text, self.text.len())))
    }

    /// Places an annotation that comes with its quote but no position (from another tool): a
    /// quote found as it is counts as anchored, as there was no earlier place for it to move
    /// from.
    pub fn place_quote(&self, q: &Quote) -> Placed {
        let mut placed = self.reanchor(q, u32::MAX, u32::MAX);
        match placed.status {
            Status::Moved => placed.status = Status::Anchored,
            Status::Orphaned => (placed.start, placed.end) = (0, 0),
            _ => {}
        }
        placed
    }

    /// Places an existing annotation, whose text may have changed since.
    pub fn reanchor(&self, q: &Quote, start: u32, end: u32) -> Placed {
        let text = self.text;
        let s = Sought::new(q);
        if let (Some(a), Some(b)) = (byte_at(text, start), byte_at(text, end)) {
            if a <= b && fold(&text[a..b]) == s.exact {
                return self.placed(a, b, Status::Anchored, 1.0);
            }
        }
        let hint = self.near(start).map(|b| self.folded.folded_at(b));
        if !s.exact.is_empty() {
            let f = &self.folded.text;
            let old = hint.unwrap_or(0);
            let best = self.hits(&s.exact).max_by_key(|&i| {
                (
                    context_score(f, i, i + s.exact.len(), &s.prefix, &s.suffix),
                    std::cmp::Reverse(i.abs_diff(old)),
                )
            });
            if let Some(i) = best {
                let (a, b) = self.folded.original(i, i + s.exact.len());
                return self.placed(a, b, Status::Moved, 1.0);
            }
        }
        let found = fuzzy(&self.folded.text, &s.exact, hint).and_then(|(fa, fb, _)| {
            let (a, b) = self.folded.original(fa, fb);
            let target = short(&s.exact);
            let score = |x: usize, y: usize| similarity(&target, &text[x..y]);
            let edges = (s.exact.chars().next(), s.exact.chars().next_back());
            snap::snap(text, a, b, edges, score).filter(|(_, _, sc)| *sc >= FUZZY_THRESHOLD)
        });
        match found {
            Some((a, b, score)) => self.placed(a, b, Status::Fuzzy, score),
            None => Placed {
                start,
                end,
                status: Status::Orphaned,
                confidence: 0.0,
            },
        }
    }

    /// A fuzzy placement written down elsewhere (an exported file), taken as it is when it
    /// still holds in this text: its range holds words as like the quote as its confidence
    /// says, to the last digit, which is so only in the text it was placed in.
    pub fn keep(&self, q: &Quote, start: u32, end: u32, confidence: f64) -> Option<Placed> {
        let (a, b) = (byte_at(self.text, start)?, byte_at(self.text, end)?);
        let exact = fold(&q.exact);
        if a >= b || exact.len() < FUZZY_MIN {
            return None;
        }
        let score = similarity(&short(&exact), &self.text[a..b]);
        (score >= FUZZY_THRESHOLD && (score - confidence).abs() < 1e-9)
            .then(|| self.placed(a, b, Status::Fuzzy, score))
    }
}

/// Places a new annotation in `text`; see [`Prepared::place`].
pub fn place(text: &str, q: &Quote) -> Result<(usize, usize, Quote), NotPlaced> {
    Prepared::new(text).place(q)
}

/// Places an annotation with a quote and no position in `text`; see [`Prepared::place_quote`].
pub fn place_quote(text: &str, q: &Quote) -> Placed {
    Prepared::new(text).place_quote(q)
}

/// Places an existing annotation in `text`; see [`Prepared::reanchor`].
pub fn reanchor(text: &str, q: &Quote, start: u32, end: u32) -> Placed {
    Prepared::new(text).reanchor(q, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The congress met in Moscow. The congress met again in 1922, and the \
                        delegates argued about the united front for eleven days.";

    fn q(exact: &str) -> Quote {
        Quote {
            exact: exact.into(),
            ..Quote::default()
        }
    }

    #[test]
    fn a_new_quote_needs_to_be_found_once() {
        let (a, b, quote) = place(TEXT, &q("united front")).unwrap();
        assert_eq!(&TEXT[a..b], "united front");
        assert!(quote.prefix.ends_with("about the "));
        assert!(quote.suffix.starts_with(" for eleven"));
        assert_eq!(place(TEXT, &q("not there")), Err(NotPlaced::NotFound));
        assert_eq!(
            place(TEXT, &q("The congress met")),
            Err(NotPlaced::Ambiguous(2))
        );
        let with = Quote {
            exact: "The congress met".into(),
            prefix: "Moscow. ".into(),
            suffix: String::new(),
        };
        let (a, _, _) = place(TEXT, &with).unwrap();
        assert_eq!(a, TEXT.find("The congress met again").unwrap());
    }

    #[test]
    fn the_same_place_is_anchored() {
        let (a, b, quote) = place(TEXT, &q("eleven days")).unwrap();
        let p = reanchor(TEXT, &quote, utf16_at(TEXT, a), utf16_at(TEXT, b));
        assert_eq!((p.status, p.confidence), (Status::Anchored, 1.0));
    }

    #[test]
    fn a_quote_moved_by_an_insertion_is_found_and_ties_go_to_its_context() {
        let (a, b, quote) = place(
            TEXT,
            &Quote {
                exact: "The congress met".into(),
                prefix: "Moscow. ".into(),
                ..Quote::default()
            },
        )
        .unwrap();
        let (start, end) = (utf16_at(TEXT, a), utf16_at(TEXT, b));
        let edited = format!("A new opening paragraph, with Émigré words.\n{TEXT}");
        let p = reanchor(&edited, &quote, start, end);
        assert_eq!(p.status, Status::Moved);
        let at = byte_at(&edited, p.start).unwrap();
        assert_eq!(
            at,
            edited.find("The congress met again").unwrap(),
            "the second of two, by its prefix"
        );
        assert_eq!(p.end - p.start, end - start);
    }

    #[test]
    fn a_typo_fixed_inside_the_quote_is_found_fuzzily() {
        let old = TEXT.replace("argued", "aruged");
        let (a, b, quote) = place(&old, &q("the delegates aruged about the united front")).unwrap();
        let p = reanchor(TEXT, &quote, utf16_at(&old, a), utf16_at(&old, b));
        assert_eq!(p.status, Status::Fuzzy);
        assert!(p.confidence > 0.9 && p.confidence < 1.0, "{}", p.confidence);
        let (x, y) = (
            byte_at(TEXT, p.start).unwrap(),
            byte_at(TEXT, p.end).unwrap(),
        );
        assert_eq!(&TEXT[x..y], "the delegates argued about the united front");
    }

    #[test]
    fn a_deleted_passage_leaves_an_orphan_with_its_position() {
        let (a, b, quote) = place(TEXT, &q("argued about the united front")).unwrap();
        let gone = "The congress met in Moscow. Nothing else is said here any more.";
        let p = reanchor(gone, &quote, utf16_at(TEXT, a), utf16_at(TEXT, b));
        assert_eq!((p.status, p.start), (Status::Orphaned, utf16_at(TEXT, a)));
    }

    #[test]
    fn typed_punctuation_and_white_space_place_a_quote_in_typeset_text() {
        let text = "Münzenberg\u{2019}s \u{201C}united\u{00A0}front\u{201D} \u{2013} at last\u{2026} Then.";
        let (a, b, quote) = place(text, &q("Münzenberg's \"united front\" -- at last...")).unwrap();
        assert_eq!((a, b), (0, text.find(" Then").unwrap()));
        assert_eq!(quote.exact, &text[a..b]);
        let p = reanchor(text, &q("\"united  front\" - at"), 0, 0);
        assert_eq!(p.status, Status::Moved);
        // Its position holds the same words, typed otherwise: still anchored there.
        let again = reanchor(
            text,
            &q("Münzenberg's"),
            0,
            utf16_at(text, text.find(' ').unwrap()),
        );
        assert_eq!(again.status, Status::Anchored);
    }

    #[test]
    fn a_fuzzy_placement_is_kept_only_in_the_text_it_was_made_in() {
        let quote = q("the delegates aruged about the united front");
        let p = reanchor(TEXT, &quote, 0, 0);
        assert_eq!(p.status, Status::Fuzzy);
        let prepared = Prepared::new(TEXT);
        assert_eq!(prepared.keep(&quote, p.start, p.end, p.confidence), Some(p));
        assert_eq!(prepared.keep(&quote, p.start, p.end, 1.0), None);
        assert_eq!(prepared.keep(&quote, 0, 10, p.confidence), None);
        let edited = TEXT.replace("delegates", "deputies");
        assert_eq!(
            Prepared::new(&edited).keep(&quote, p.start, p.end, p.confidence),
            None
        );
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "Münzenberg 𝄞 founded Workers' Aid";
        let (a, b, _) = place(text, &q("Workers")).unwrap();
        assert_eq!(utf16_at(text, a), text[..a].encode_utf16().count() as u32);
        assert_eq!(byte_at(text, utf16_at(text, a)), Some(a));
        assert_eq!(byte_at(text, utf16_at(text, b)), Some(b));
        // Inside the surrogate pair of 𝄞 is no character boundary.
        assert_eq!(byte_at(text, 12), None);
    }
}
