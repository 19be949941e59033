//! Finding people's and organizations' names in plain text. Names and aliases match whole
//! words, whatever their case and diacritics (`Munzenberg` finds `Münzenberg`); acronyms
//! (`MOPR`, `ILD`) match only as written; the longest of overlapping names wins; and short
//! aliases (`Lo`, `CI`) are linked only where the content marks them safe, since they would
//! otherwise find ordinary words.

use crate::model::Kind;
use crate::words::fold;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The names one person or organization goes by.
#[derive(Debug, Clone)]
pub struct Names {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Short aliases that may still be linked (`Lô` for a writer the articles call that).
    pub safe_aliases: Vec<String>,
}

/// The entity a mention points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: Kind,
    pub id: String,
}

/// One name found in a text: the entity (an index into [`Linker::entities`]) and the byte
/// range of the words in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub entity: usize,
    pub start: usize,
    pub end: usize,
}

struct Pattern {
    entity: usize,
    /// For acronyms: the letters and digits as written, which the text must repeat exactly.
    exact: Option<String>,
}

/// Every name of every entity, compiled once and used on many texts.
pub struct Linker {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    entities: Vec<Entity>,
    fingerprint: String,
}

/// A name this short, in letters and digits, is ambiguous unless it is a three-letter
/// acronym or marked safe.
const SHORT: usize = 4;

/// Up to this many names are searched with a DFA.
const DFA_PATTERNS: usize = 25_000;

impl Linker {
    pub fn new(all: &[Names]) -> Linker {
        // Folded pattern -> (entity, exact) for every name; a pattern two entities share
        // is left out: it would be a guess.
        let mut by_pattern: HashMap<String, Vec<(usize, Option<String>)>> = HashMap::new();
        let mut entities = Vec::new();
        for names in all {
            let entity = entities.len();
            entities.push(Entity {
                kind: names.kind,
                id: names.id.clone(),
            });
            for name in std::iter::once(&names.name).chain(&names.aliases) {
                let acronym = is_acronym(name);
                let letters = alnum(name);
                let short = letters.chars().count() < SHORT && !(acronym && letters.len() >= 3);
                if short && !names.safe_aliases.iter().any(|s| s == name) {
                    continue;
                }
                let pattern = fold(name).text;
                if pattern.is_empty() {
                    continue;
                }
                let exact = acronym.then_some(letters);
                let slot = by_pattern.entry(pattern).or_default();
                match slot.iter_mut().find(|(e, _)| *e == entity) {
                    // Any spelling that is not an acronym makes the pattern case-insensitive.
                    Some(same) if exact.is_none() => same.1 = None,
                    Some(_) => {}
                    None => slot.push((entity, exact)),
                }
            }
        }
        let mut kept: Vec<(String, usize, Option<String>)> = by_pattern
            .into_iter()
            .filter(|(_, owners)| owners.len() == 1)
            .map(|(p, mut owners)| {
                let (entity, exact) = owners.remove(0);
                (p, entity, exact)
            })
            .collect();
        kept.sort();
        let mut hash = Sha256::new();
        for (p, e, exact) in &kept {
            let entity = &entities[*e];
            hash.update(format!(
                "{p}\u{0}{}\u{0}{}\u{0}{}\n",
                entity.kind.name(),
                entity.id,
                exact.as_deref().unwrap_or("")
            ));
        }
        let automaton = (!kept.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // A DFA scans fastest; for very many names it would take too much memory.
                .kind((kept.len() <= DFA_PATTERNS).then_some(AhoCorasickKind::DFA))
                .build(kept.iter().map(|(p, _, _)| p))
                .expect("name patterns are small")
        });
        Linker {
            automaton,
            patterns: kept
                .into_iter()
                .map(|(_, entity, exact)| Pattern { entity, exact })
                .collect(),
            entities,
            fingerprint: format!("{:x}", hash.finalize()),
        }
    }

    /// Memory the compiled names take, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage)
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Changes whenever any entity's linked names do: every article must then be linked again.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Every name in `text`, in order, none overlapping: where names overlap the one that
    /// starts first wins, then the longest.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold(text);
        let hay = folded.text.as_bytes();
        let mut candidates = Vec::new();
        for m in automaton.find_overlapping_iter(&folded.text) {
            let (s, e) = (m.start(), m.end());
            let boundary = |b: u8| b == b' ' || b == b'\n';
            if (s > 0 && !boundary(hay[s - 1])) || (e < hay.len() && !boundary(hay[e])) {
                continue;
            }
            let first = folded.word_at(s);
            let last = folded.word_at(e - 1);
            let (start, end) = (
                folded.words[first].start as usize,
                folded.words[last].end as usize,
            );
            let pattern = &self.patterns[m.pattern().as_usize()];
            if let Some(exact) = &pattern.exact {
                if alnum(&text[start..end]) != *exact {
                    continue;
                }
            }
            candidates.push(Found {
                entity: pattern.entity,
                start,
                end,
            });
        }
        candidates.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut out: Vec<Found> = Vec::new();
        for c in candidates {
            if out.last().is_none_or(|last| c.start >= last.end) {
                out.push(c);
            }
        }
        out
    }
}

/// The letters and digits of a name, as written.
fn alnum(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Two or more letters and no lower-case one: `MOPR`, `ILD`, `KPD`.
fn is_acronym(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !name.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(id: &str, name: &str, aliases: &[&str], safe: &[&str]) -> Names {
        Names {
            kind: Kind::Person,
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            safe_aliases: safe.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn found(linker: &Linker, text: &str) -> Vec<(String, String)> {
        linker
            .find(text)
            .into_iter()
            .map(|f| {
                (
                    linker.entities()[f.entity].id.clone(),
                    text[f.start..f.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn names_match_whatever_their_case_and_diacritics() {
        let l = Linker::new(&[names("wm", "Willi Münzenberg", &["Münzenberg"], &[])]);
        assert_eq!(
            found(
                &l,
                "MUNZENBERG wrote; then willi munzenberg, and Münzenberg's aid."
            ),
            [
                ("wm".into(), "MUNZENBERG".into()),
                ("wm".into(), "willi munzenberg".into()),
                ("wm".into(), "Münzenberg".into())
            ]
        );
    }

    #[test]
    fn acronyms_match_only_as_written() {
        let mut mopr = names(
            "ira",
            "International Red Aid",
            &["MOPR", "Mopr Society"],
            &[],
        );
        mopr.kind = Kind::Organization;
        let l = Linker::new(&[mopr]);
        let got = found(&l, "The MOPR, not the mopr or Mopr, and the mopr society.");
        assert_eq!(
            got,
            [
                ("ira".into(), "MOPR".into()),
                ("ira".into(), "mopr society".into())
            ]
        );
    }

    #[test]
    fn only_whole_words_match() {
        let l = Linker::new(&[names("lenin", "Vladimir Lenin", &["Lenin"], &[])]);
        assert_eq!(
            found(&l, "Leninism and Leninist. Lenin, 1917; (Lenin)"),
            [
                ("lenin".into(), "Lenin".into()),
                ("lenin".into(), "Lenin".into())
            ]
        );
    }

    #[test]
    fn the_longest_of_overlapping_names_wins() {
        let mut ci = names("ci", "Communist International", &["Comintern"], &[]);
        ci.kind = Kind::Organization;
        let mut yci = names("yci", "Young Communist International", &[], &[]);
        yci.kind = Kind::Organization;
        let l = Linker::new(&[ci, yci]);
        assert_eq!(
            found(
                &l,
                "The Young Communist International and the Communist International."
            ),
            [
                ("yci".into(), "Young Communist International".into()),
                ("ci".into(), "Communist International".into())
            ]
        );
    }

    #[test]
    fn short_aliases_link_only_when_marked_safe() {
        let lo = names("lo", "Ameth Lo", &["Lô", "Lo"], &[]);
        let l = Linker::new(&[lo]);
        assert_eq!(
            found(&l, "Lo and behold, Lô wrote; Ameth Lô agreed."),
            [("lo".into(), "Ameth Lô".into())]
        );
        let safe = names("lo", "Ameth Lo", &["Lô", "Lo"], &["Lô"]);
        let l = Linker::new(&[safe]);
        let got = found(&l, "Lo and behold, Lô wrote.");
        // `Lô` is safe and folds like `Lo`, so both spellings link.
        assert_eq!(
            got,
            [("lo".into(), "Lo".into()), ("lo".into(), "Lô".into())]
        );
    }

    #[test]
    fn a_name_two_entities_share_is_not_guessed() {
        let a = names("jc", "James P. Cannon", &["Cannon"], &[]);
        let b = names("wc", "Walter Cannon", &["Cannon"], &[]);
        let l = Linker::new(&[a, b]);
        assert_eq!(
            found(&l, "Cannon spoke; James P. Cannon and Walter Cannon met."),
            [
                ("jc".into(), "James P. Cannon".into()),
                ("wc".into(), "Walter Cannon".into())
            ]
        );
    }

    #[test]
    fn names_do_not_run_across_paragraphs_but_do_across_punctuation() {
        let l = Linker::new(&[names("carr", "E. H. Carr", &[], &[])]);
        assert_eq!(
            found(&l, "E.H. Carr and E. H.\n\nCarr"),
            [("carr".into(), "E.H. Carr".into())]
        );
    }

    #[test]
    fn the_fingerprint_changes_with_the_names() {
        let a = Linker::new(&[names("lenin", "Vladimir Lenin", &[], &[])]);
        let b = Linker::new(&[names("lenin", "Vladimir Lenin", &["Lenin"], &[])]);
        let c = Linker::new(&[names("lenin", "Vladimir Lenin", &[], &[])]);
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint(), c.fingerprint());
    }
}
