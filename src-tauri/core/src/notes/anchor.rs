//! Where an annotation sits in an article's plain text, and where it sits after the text
//! changed. Positions are UTF-16 code units (what the UI and W3C selectors in browsers count);
//! the search itself works on bytes.
//!
//! Placing a new annotation needs its quote exactly once, or once with its prefix and suffix.
//! Re-anchoring tries, in order: the old position, if the quote still sits there (anchored);
//! the quote found elsewhere, prefix and suffix breaking ties, then nearness (moved); a bounded
//! fuzzy match around places where pieces of the quote still occur, scored by normalized
//! Levenshtein similarity (fuzzy, with that score as confidence); else the annotation is an
//! orphan and keeps its quote.

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
const FUZZY_THRESHOLD: f64 = 0.75;
/// Quotes shorter than this are too short to place fuzzily (in bytes).
const FUZZY_MIN: usize = 12;
/// Longer quotes are compared by their first and last parts only (bytes), which bounds the
/// cost of a fuzzy match.
const FUZZY_MAX: usize = 600;
/// Candidate places examined per probe.
const CANDIDATES: usize = 24;

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

/// How much of `prefix` ends right before `at`, and of `suffix` starts at `end`, in bytes.
fn context_score(text: &str, at: usize, end: usize, q: &Quote) -> usize {
    let before = text[..at].bytes().rev();
    let p = before
        .zip(q.prefix.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = text[end..].bytes();
    let s = after
        .zip(q.suffix.bytes())
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

/// Places a new annotation: the quote's range in `text` (bytes), and the quote completed with
/// the context around it.
pub fn place(text: &str, q: &Quote) -> Result<(usize, usize, Quote), NotPlaced> {
    if q.exact.is_empty() {
        return Err(NotPlaced::NotFound);
    }
    let hits: Vec<usize> = text.match_indices(&q.exact).map(|(i, _)| i).collect();
    let chosen = match hits.len() {
        0 => return Err(NotPlaced::NotFound),
        1 => hits[0],
        n => {
            // Only a full match of the context given counts.
            let full = |&at: &usize| {
                let end = at + q.exact.len();
                text[..at].ends_with(&q.prefix) && text[end..].starts_with(&q.suffix)
            };
            let matching: Vec<usize> = hits.iter().copied().filter(full).collect();
            if q.prefix.is_empty() && q.suffix.is_empty() || matching.len() != 1 {
                return Err(NotPlaced::Ambiguous(if matching.is_empty() {
                    n
                } else {
                    matching.len()
                }));
            }
            matching[0]
        }
    };
    let end = chosen + q.exact.len();
    Ok((chosen, end, quote_at(text, chosen, end)))
}

/// Places an annotation that comes with its quote but no position (from another tool): a
/// quote found as it is counts as anchored, as there was no earlier place for it to move from.
pub fn place_quote(text: &str, q: &Quote) -> Placed {
    let mut placed = reanchor(text, q, u32::MAX, u32::MAX);
    if placed.status == Status::Moved {
        placed.status = Status::Anchored;
    }
    placed
}

/// Places an existing annotation in `text`, which may have changed since.
pub fn reanchor(text: &str, q: &Quote, start: u32, end: u32) -> Placed {
    let placed = |at: usize, to: usize, status, confidence| Placed {
        start: utf16_at(text, at),
        end: utf16_at(text, to),
        status,
        confidence,
    };
    if let (Some(a), Some(b)) = (byte_at(text, start), byte_at(text, end)) {
        if a <= b && text.get(a..b) == Some(q.exact.as_str()) {
            return placed(a, b, Status::Anchored, 1.0);
        }
    }
    if !q.exact.is_empty() {
        let old = byte_at(text, start.min(utf16_at(text, text.len()))).unwrap_or(0);
        let best = text
            .match_indices(&q.exact)
            .map(|(i, _)| i)
            .max_by_key(|&i| {
                (
                    context_score(text, i, i + q.exact.len(), q),
                    std::cmp::Reverse(i.abs_diff(old)),
                )
            });
        if let Some(i) = best {
            return placed(i, i + q.exact.len(), Status::Moved, 1.0);
        }
    }
    let hint = byte_at(text, start.min(utf16_at(text, text.len())));
    match fuzzy(text, &q.exact, hint) {
        Some((a, b, score)) => placed(a, b, Status::Fuzzy, score),
        None => Placed {
            start,
            end,
            status: Status::Orphaned,
            confidence: 0.0,
        },
    }
}

/// A char boundary at or before `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The best place for `exact` in `text` by similarity, if any is similar enough. Candidates
/// come from short pieces of the quote, spread along it, that still occur verbatim, ranked
/// by how many pieces agree on where the quote would start, and from `hint` (where it was).
fn fuzzy(text: &str, exact: &str, hint: Option<usize>) -> Option<(usize, usize, f64)> {
    if exact.len() < FUZZY_MIN {
        return None;
    }
    let probe = (exact.len() / 8).clamp(5, 12);
    let pieces = (exact.len() / probe).clamp(2, 12);
    let slack = (exact.len() / 5).max(4);
    let mut votes: Vec<usize> = Vec::new();
    for k in 0..pieces {
        let o = floor(exact, (exact.len() - probe) * k / (pieces - 1));
        let piece = &exact[o..floor(exact, o + probe)];
        if piece.trim().len() < 4 {
            continue;
        }
        votes.extend(
            text.match_indices(piece)
                .take(CANDIDATES)
                .map(|(i, _)| i.saturating_sub(o)),
        );
    }
    votes.sort_unstable();
    // Starts within `slack` of each other are one candidate, as strong as its votes.
    let mut clusters: Vec<(usize, usize)> = Vec::new(); // (votes, start)
    for v in votes {
        match clusters.last_mut() {
            Some((n, s)) if v - *s <= slack => *n += 1,
            _ => clusters.push((1, v)),
        }
    }
    clusters.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut starts: Vec<usize> = clusters.into_iter().take(6).map(|(_, s)| s).collect();
    starts.extend(hint.filter(|&h| h < text.len()));
    let short = |s: &str| -> String {
        if s.len() <= FUZZY_MAX {
            s.to_owned()
        } else {
            format!(
                "{}{}",
                &s[..floor(s, FUZZY_MAX / 2)],
                &s[floor(s, s.len() - FUZZY_MAX / 2)..]
            )
        }
    };
    let target = short(exact);
    let score = |a: usize, len: usize| -> Option<(usize, usize, f64)> {
        let a = floor(text, a);
        let b = floor(text, a + len);
        (b > a).then(|| {
            (
                a,
                b,
                strsim::normalized_levenshtein(&target, &short(&text[a..b])),
            )
        })
    };
    let better = |x: Option<(usize, usize, f64)>, y: Option<(usize, usize, f64)>| match (x, y) {
        (Some(p), Some(q)) => Some(if q.2 > p.2 { q } else { p }),
        (p, q) => p.or(q),
    };
    // Each candidate with the quote's own length first; only the best is refined, and only
    // when it is close enough to be worth it (a deleted quote costs a few comparisons).
    let mut best = None;
    for start in starts {
        best = better(best, score(start, exact.len()));
    }
    let (start, _, first) = best?;
    if first < FUZZY_THRESHOLD - 0.15 {
        return None;
    }
    for a in [start.saturating_sub(slack), start, start + slack / 2] {
        for len in [
            exact.len().saturating_sub(slack),
            exact.len(),
            exact.len() + slack,
        ] {
            best = better(best, score(a, len));
        }
    }
    let (a, b, score) = best.filter(|(_, _, s)| *s >= FUZZY_THRESHOLD)?;
    // Trim the window to whole words at its edges.
    let a = text[a..b]
        .find(|c: char| !c.is_whitespace())
        .map_or(a, |i| a + i);
    let b = a + text[a..b].trim_end().len();
    Some((a, b, score))
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
