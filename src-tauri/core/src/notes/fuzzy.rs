//! The fuzzy search of a quote that is no longer in the text as it was: candidate places
//! from short pieces of the quote that still occur, each scored by normalized Levenshtein
//! similarity, the best refined around its start and length. Texts are folded (see
//! [`super::fold`]) before they come here; [`super::anchor`] snaps what is found to words.

use super::anchor::{FUZZY_MIN, FUZZY_THRESHOLD};
use super::fold::fold;

/// Longer quotes are compared by their first and last parts only (bytes), which bounds the
/// cost of a fuzzy match.
const FUZZY_MAX: usize = 600;
/// Candidate places examined per probe.
const CANDIDATES: usize = 24;

/// How like `target` (a folded, shortened quote) the words of `window` are: normalized
/// Levenshtein similarity of the folded texts. A fuzzy placement's confidence is this for
/// the window it took, so that it can be checked again (see [`super::anchor::Prepared::keep`]).
pub fn similarity(target: &str, window: &str) -> f64 {
    strsim::normalized_levenshtein(target, &short(&fold(window)))
}

/// `s`, or its first and last parts when it is long (bounding the cost of a comparison).
pub fn short(s: &str) -> String {
    if s.len() <= FUZZY_MAX {
        s.to_owned()
    } else {
        format!(
            "{}{}",
            &s[..floor(s, FUZZY_MAX / 2)],
            &s[floor(s, s.len() - FUZZY_MAX / 2)..]
        )
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

/// The best place for `exact` in `text` (both folded) by similarity, if any is similar
/// enough. Candidates come from short pieces of the quote, spread along it, that still occur
/// verbatim, ranked by how many pieces agree on where the quote would start, and from `hint`
/// (where it was).
pub fn fuzzy(text: &str, exact: &str, hint: Option<usize>) -> Option<(usize, usize, f64)> {
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
    // The edges are snapped to words afterwards; a window a little below the threshold may
    // come up to it then.
    best.filter(|(_, _, s)| *s >= FUZZY_THRESHOLD - 0.05)
}
