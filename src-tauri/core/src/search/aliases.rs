//! Alias expansion: a query for any name of a person or organization (`MOPR`, `Profintern`,
//! `Munzenberg`) also looks for all its other names (`International Red Aid`, `RILU`, ...).

use super::analyzer;
use super::document::{self, Names};
use super::query::{Alternatives, Unit};
use crate::model::Kind;
use std::collections::HashMap;
use tantivy::tokenizer::TextAnalyzer;

/// Names that are this short (in folded bytes) and one word long are not expanded: `CI`
/// or `Red` would drag half the library in.
const MIN_SINGLE_WORD: usize = 3;

#[derive(Debug, Default)]
pub struct Aliases {
    /// Folded words of a name, joined by spaces → the groups it belongs to.
    by_name: HashMap<String, Vec<usize>>,
    /// Each group: the entity's index key and every name of it, as folded words.
    groups: Vec<(String, Vec<Vec<String>>)>,
    /// The longest name, in words.
    longest: usize,
}

impl Aliases {
    pub fn new(names: &Names) -> Aliases {
        let mut folded = analyzer::folded();
        let mut aliases = Aliases::default();
        let people = names.people.iter().map(|(id, n)| (Kind::Person, id, n));
        let organizations = names
            .organizations
            .iter()
            .map(|(id, n)| (Kind::Organization, id, n));
        for (kind, id, group) in people.chain(organizations) {
            let words: Vec<Vec<String>> = group
                .iter()
                .map(|n| analyzer::terms(&mut folded, n))
                .filter(|w| !w.is_empty())
                .collect();
            let index = aliases.groups.len();
            for w in &words {
                if w.len() == 1 && w[0].len() < MIN_SINGLE_WORD {
                    continue;
                }
                aliases.longest = aliases.longest.max(w.len());
                let entry = aliases.by_name.entry(w.join(" ")).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
            aliases.groups.push((document::key(kind.name(), id), words));
        }
        aliases
    }

    /// The clauses with every name that is an alias widened to all names of its entity.
    /// Consecutive plain words that together form a name (`red aid`) become one clause.
    pub fn expand(&self, must: &[Alternatives], folded: &mut TextAnalyzer) -> Vec<Alternatives> {
        let plain: Vec<Option<Vec<String>>> = must
            .iter()
            .map(|alts| match alts.as_slice() {
                [Unit::Word {
                    text,
                    prefix: false,
                }] => Some(analyzer::terms(folded, text)),
                _ => None,
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < must.len() {
            // The longest run of plain words from here that is a known name.
            let mut matched = None;
            let max = self.longest.min(must.len() - i);
            for len in (2..=max).rev() {
                let run: Option<Vec<String>> = plain[i..i + len]
                    .iter()
                    .cloned()
                    .collect::<Option<Vec<Vec<String>>>>()
                    .map(|ws| ws.concat());
                if let Some(groups) = run.and_then(|r| self.by_name.get(&r.join(" "))) {
                    matched = Some((len, groups));
                    break;
                }
            }
            if let Some((len, groups)) = matched {
                let original: Vec<String> = must[i..i + len]
                    .iter()
                    .flat_map(|a| a.iter())
                    .filter_map(|u| match u {
                        Unit::Word { text, .. } => Some(text.clone()),
                        Unit::Phrase(_) | Unit::Entity { .. } => None,
                    })
                    .collect();
                let mut alts = vec![Unit::Phrase(original)];
                self.add_groups(&mut alts, groups);
                out.push(alts);
                i += len;
                continue;
            }
            let mut alts = must[i].clone();
            for unit in &must[i] {
                let words = match unit {
                    Unit::Word {
                        text,
                        prefix: false,
                    } => analyzer::terms(folded, text),
                    // Quotes ask for exactly these words: a quoted name is not expanded.
                    Unit::Phrase(_) | Unit::Entity { .. } | Unit::Word { prefix: true, .. } => {
                        continue
                    }
                };
                if let Some(groups) = self.by_name.get(&words.join(" ")) {
                    self.add_groups(&mut alts, groups);
                }
            }
            out.push(alts);
            i += 1;
        }
        out
    }

    fn add_groups(&self, alts: &mut Alternatives, groups: &[usize]) {
        for &g in groups {
            let (key, names) = &self.groups[g];
            alts.push(Unit::Entity {
                key: key.clone(),
                names: names.clone(),
            });
        }
    }
}
