//! The sentences around an entity's mentions in an article, for its page: whole sentences
//! where they are short, cut at word boundaries around the mention where they are long.

use super::MentionSnippet;

/// Sentences shown per article on an entity's page.
const SENTENCES: usize = 8;
/// A sentence longer than this is cut around the mention, in bytes.
const SENTENCE_MAX: usize = 320;

/// The distinct sentences holding the mentions, in text order, at most [`SENTENCES`].
pub(super) fn snippets(text: &str, ranges: &[(usize, usize)]) -> Vec<MentionSnippet> {
    let mut out: Vec<MentionSnippet> = Vec::new();
    let mut last_sentence = None;
    for &(s, e) in ranges {
        if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let (from, to) = sentence(text, s, e);
        if last_sentence == Some((from, to)) {
            continue;
        }
        last_sentence = Some((from, to));
        let units = |a: usize, b: usize| -> u32 {
            u32::try_from(text[a..b].chars().map(char::len_utf16).sum::<usize>()).unwrap_or(0)
        };
        // An ellipsis where the snippet cuts a sentence, not where the sentence begins or ends.
        let ends = |t: &str| t.is_empty() || t.ends_with(['.', '!', '?', '\n']);
        let lead = if ends(text[..from].trim_end_matches(' ')) {
            ""
        } else {
            "…"
        };
        let whole_end = to == text.len()
            || text[to..].starts_with('\n')
            || text[..to].ends_with(['.', '!', '?', '"', '”', '’']);
        let tail = if whole_end { "" } else { "…" };
        let lead_units = u32::try_from(lead.encode_utf16().count()).unwrap_or(0);
        out.push(MentionSnippet {
            text: format!("{lead}{}{tail}", &text[from..to]),
            start: lead_units + units(from, s),
            end: lead_units + units(from, e),
        });
        if out.len() == SENTENCES {
            break;
        }
    }
    out
}

/// The sentence around `start..end`: from after the previous sentence end or line break to
/// the next, cut to [`SENTENCE_MAX`] bytes around the mention at word boundaries.
fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let before = &text[..start];
    let mut from = before
        .rmatch_indices(['.', '!', '?', '\n'])
        .find(|(i, m)| *m == "\n" || ends_sentence(text, *i))
        .map_or(0, |(i, _)| i + 1);
    from += text[from..start].len() - text[from..start].trim_start().len();
    let after = &text[end..];
    let mut to = after
        .match_indices(['.', '!', '?', '\n'])
        .find(|(i, m)| *m == "\n" || ends_sentence(text, end + i))
        .map_or(text.len(), |(i, m)| end + i + usize::from(m != "\n"));
    let half = SENTENCE_MAX / 2;
    if start - from > half {
        from = floor_word(text, start - half);
    }
    if to - end > half {
        to = ceil_word(text, end + half);
    }
    (from, to)
}

/// Whether the `.`, `!` or `?` at byte `i` ends a sentence: followed by a space or the end,
/// and not an initial (`E.H. Carr`).
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return false;
    }
    let mut before = text[..i].chars().rev();
    let initial = matches!(
        (before.next(), before.next()),
        (Some(c), p) if c.is_uppercase() && p.is_none_or(|p| !p.is_alphanumeric())
    );
    !(text.as_bytes()[i] == b'.' && initial)
}

fn floor_word(text: &str, at: usize) -> usize {
    let mut i = at;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    text[i..].find(' ').map_or(i, |ws| i + ws + 1)
}

fn ceil_word(text: &str, at: usize) -> usize {
    let mut i = at;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    text[..i].rfind(' ').unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_the_sentences_with_the_mention_marked_in_utf16() {
        let text =
            "First one. Then E. H. Münzenberg’s aid came — Münzenberg again. Last.\nNext line";
        let s = text.find("Münzenberg").unwrap();
        let s2 = text.rfind("Münzenberg").unwrap();
        let n = "Münzenberg".len();
        let got = snippets(text, &[(s, s + n), (s2, s2 + n)]);
        assert_eq!(
            got.len(),
            1,
            "two mentions in one sentence give one snippet"
        );
        assert_eq!(
            got[0].text,
            "Then E. H. Münzenberg’s aid came — Münzenberg again."
        );
        let units: Vec<u16> = got[0].text.encode_utf16().collect();
        let name = String::from_utf16(&units[got[0].start as usize..got[0].end as usize]).unwrap();
        assert_eq!(name, "Münzenberg");
    }
}
