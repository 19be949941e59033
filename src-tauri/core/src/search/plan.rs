//! Turning a parsed [`Query`] into an engine query: alias expansion, per-field weights,
//! prefix expansion against the index's own terms, filters. Also yields the terms a snippet
//! should mark.

use super::aliases::Aliases;
use super::analyzer;
use super::query::{Alternatives, Query, SearchKind, Unit};
use super::schema::Fields;
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query as EngineQuery, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// At most this many index terms stand for one typed prefix.
const MAX_EXPANSIONS: usize = 24;
/// The most frequent this many always do; further ones only while their postings together
/// stay within [`POSTINGS_PER_DOC`] per document of the index, which bounds the cost of a
/// short prefix (`sta`) in a large library.
const MIN_EXPANSIONS: usize = 4;
const POSTINGS_PER_DOC: u64 = 3;
/// Prefixes shorter than this (in bytes) match only the word itself.
const MIN_PREFIX: usize = 2;

/// Words not marked in snippets when they are part of a phrase.
const LITTLE_WORDS: [&str; 12] = [
    "a", "an", "and", "for", "in", "of", "on", "the", "to", "s", "de", "la",
];

type Boxed = Box<dyn EngineQuery>;

/// The words a snippet marks: stemmed terms and folded prefixes.
#[derive(Debug, Default, Clone)]
pub struct Highlight {
    pub stems: BTreeSet<String>,
    pub prefixes: BTreeSet<String>,
}

pub struct Planner<'a> {
    pub fields: Fields,
    pub searcher: &'a Searcher,
    pub aliases: &'a Aliases,
    pub stemmed: TextAnalyzer,
    pub folded: TextAnalyzer,
    expansions: HashMap<(Field, String), Vec<String>>,
    pub highlight: Highlight,
    /// Whether the index's documents carry the people and organizations their texts name
    /// (`named`): then a name of several words is looked for in the body through that field,
    /// not as a phrase, whose positions are slow to read in a large library.
    named_texts: bool,
}

impl<'a> Planner<'a> {
    pub fn new(fields: Fields, searcher: &'a Searcher, aliases: &'a Aliases) -> Self {
        Planner {
            fields,
            searcher,
            aliases,
            stemmed: analyzer::stemmed(),
            folded: analyzer::folded(),
            expansions: HashMap::new(),
            highlight: Highlight::default(),
            named_texts: false,
        }
    }

    /// A planner for an index whose documents carry the names their texts hold.
    pub fn with_named_texts(mut self) -> Self {
        self.named_texts = true;
        self
    }

    /// The engine query for `query`, restricted to `kinds` when not empty. `None` when there
    /// is nothing to look for.
    pub fn plan(&mut self, query: &Query, kinds: &[SearchKind]) -> Option<Boxed> {
        let mut clauses: Vec<(Occur, Boxed)> = Vec::new();
        let must = self.aliases.expand(&query.must, &mut self.folded);
        for alternatives in &must {
            match self.alternatives(alternatives, true) {
                Some(q) => clauses.push((Occur::Must, q)),
                // A clause that can match nothing (only punctuation) is dropped, not fatal.
                None => continue,
            }
        }
        let has_terms = !clauses.is_empty();
        for alternatives in &query.not {
            if let Some(q) = self.alternatives(alternatives, false) {
                clauses.push((Occur::MustNot, q));
            }
        }
        let filters = self.filters(query, kinds);
        let has_filters = !filters.is_empty();
        clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
        if !has_terms && !has_filters {
            return None;
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    fn alternatives(&mut self, alternatives: &Alternatives, mark: bool) -> Option<Boxed> {
        let mut any: Vec<(Occur, Boxed)> = Vec::new();
        for unit in alternatives {
            if let Some(q) = self.unit(unit, mark) {
                any.push((Occur::Should, q));
            }
        }
        match any.len() {
            0 => None,
            1 => any.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(any))),
        }
    }

    /// One unit looked for in every searched field, each with its weight. A word the index
    /// does not hold is also a prefix (a name cut short), wherever it stands in the query.
    fn unit(&mut self, unit: &Unit, mark: bool) -> Option<Boxed> {
        if let Unit::Entity { key, names } = unit {
            return Some(self.entity(key, names, mark));
        }
        let cut_short;
        let unit = match unit {
            Unit::Word {
                text,
                prefix: false,
            } if self.unknown(text) => {
                cut_short = Unit::Word {
                    text: text.clone(),
                    prefix: true,
                };
                &cut_short
            }
            _ => unit,
        };
        let mut per_field: Vec<(Occur, Boxed)> = Vec::new();
        for (field, boost) in self.fields.searched() {
            if let Some(q) = self.unit_in(unit, field, mark) {
                per_field.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
            }
        }
        if per_field.is_empty() {
            None
        } else {
            Some(Box::new(BooleanQuery::new(per_field)))
        }
    }

    /// A person or organization by any of its names: a one-word name everywhere; a longer one
    /// in titles, headings and authors, and in the body where the index records it named.
    fn entity(&mut self, key: &str, names: &[Vec<String>], mark: bool) -> Boxed {
        let mut any: Vec<(Occur, Boxed)> = Vec::new();
        for name in names {
            let words = name.join(" ");
            for (field, boost) in self.fields.searched() {
                if name.len() > 1 && field == self.fields.body && self.named_texts {
                    continue;
                }
                if let Some(q) = self.words(field, &words, mark) {
                    any.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
        }
        if self.named_texts {
            any.push((
                Occur::Should,
                term(self.fields.named, key, IndexRecordOption::Basic),
            ));
        }
        Box::new(BooleanQuery::new(any))
    }

    /// Whether `text` is one word of at least three letters that no searched field holds.
    fn unknown(&mut self, text: &str) -> bool {
        let stems = analyzer::terms(&mut self.stemmed, text);
        let [stem] = stems.as_slice() else {
            return false;
        };
        stem.len() >= 3
            && self.fields.searched().iter().all(|(field, _)| {
                self.searcher
                    .doc_freq(&Term::from_field_text(*field, stem))
                    .is_ok_and(|n| n == 0)
            })
    }

    fn unit_in(&mut self, unit: &Unit, field: Field, mark: bool) -> Option<Boxed> {
        match unit {
            Unit::Word {
                text,
                prefix: false,
            } => self.words(field, text, mark),
            Unit::Phrase(words) => self.words(field, &words.join(" "), mark),
            Unit::Entity { .. } => None, // planned whole by `entity`
            Unit::Word { text, prefix: true } => {
                let folded = analyzer::terms(&mut self.folded, text);
                let (last, rest) = folded.split_last()?;
                if last.len() < MIN_PREFIX {
                    return self.words(field, text, mark);
                }
                let mut parts: Vec<(Occur, Boxed)> = Vec::new();
                if !rest.is_empty() {
                    parts.push((Occur::Must, self.words(field, &rest.join(" "), mark)?));
                }
                parts.push((Occur::Must, self.prefix(field, last, mark)?));
                Some(Box::new(BooleanQuery::new(parts)))
            }
        }
    }

    /// A word or words as a term or, for several terms, a phrase.
    fn words(&mut self, field: Field, text: &str, mark: bool) -> Option<Boxed> {
        let stems = analyzer::terms(&mut self.stemmed, text);
        if mark {
            // Inside a phrase, little words (`of`, `to`) would be marked all over a snippet.
            let phrase = stems.len() > 1;
            self.highlight.stems.extend(
                stems
                    .iter()
                    .filter(|s| !(phrase && LITTLE_WORDS.contains(&s.as_str())))
                    .cloned(),
            );
        }
        let mut terms: Vec<(usize, Term)> = stems
            .iter()
            .enumerate()
            .map(|(at, s)| (at, Term::from_field_text(field, s)))
            .collect();
        // In a phrase of two or more real words, little words keep their place but are not
        // matched: their positions fill most of the index, and reading them made a phrase
        // like "Union of Socialist Youth" many times slower.
        let real = |s: &str| !LITTLE_WORDS.contains(&s);
        if stems.iter().filter(|s| real(s)).count() >= 2 {
            terms.retain(|(at, _)| real(&stems[*at]));
            let first = terms[0].0;
            terms.iter_mut().for_each(|(at, _)| *at -= first);
        }
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.pop().expect("one term").1,
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
        }
    }

    /// The index terms a typed prefix stands for: terms starting with it, and the stem of
    /// the word being typed (a stem may be shorter than the prefix: `organizat` → `organiz`).
    fn prefix(&mut self, field: Field, folded: &str, mark: bool) -> Option<Boxed> {
        let terms = self.expand(field, folded);
        if mark {
            self.highlight.prefixes.insert(folded.to_string());
            self.highlight.stems.extend(terms.iter().cloned());
        }
        if terms.is_empty() {
            return Some(Box::new(EmptyQuery));
        }
        let should = terms
            .iter()
            .map(|t| (Occur::Should, term(field, t, IndexRecordOption::WithFreqs)))
            .collect();
        Some(Box::new(BooleanQuery::new(should)))
    }

    fn expand(&mut self, field: Field, prefix: &str) -> Vec<String> {
        if let Some(hit) = self.expansions.get(&(field, prefix.to_string())) {
            return hit.clone();
        }
        let mut freq: HashMap<String, u64> = HashMap::new();
        let mut upper = prefix.as_bytes().to_vec();
        upper.push(0xff);
        // Shorter stems of the word being typed, looked up exactly.
        let shorter: Vec<String> = (prefix.len().saturating_sub(4).max(3)..prefix.len())
            .filter(|&n| prefix.is_char_boundary(n))
            .map(|n| prefix[..n].to_string())
            .chain(analyzer::terms(&mut self.stemmed, prefix))
            .collect();
        for segment in self.searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(field) else {
                continue;
            };
            let dict = index.terms();
            if let Ok(mut stream) = dict.range().ge(prefix.as_bytes()).lt(&upper).into_stream() {
                let mut seen = 0usize;
                while stream.advance() && seen < 4_096 {
                    seen += 1;
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        *freq.entry(term.to_string()).or_default() +=
                            u64::from(stream.value().doc_freq);
                    }
                }
            }
            for s in &shorter {
                if let Ok(Some(info)) = dict.get(s.as_bytes()) {
                    *freq.entry(s.clone()).or_default() += u64::from(info.doc_freq);
                }
            }
        }
        let mut terms: Vec<(String, u64)> = freq.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let budget = POSTINGS_PER_DOC * self.searcher.num_docs().max(1);
        let mut spent = 0;
        let mut out: Vec<String> = Vec::new();
        for (term, freq) in terms {
            if out.len() == MAX_EXPANSIONS {
                break;
            }
            if out.len() < MIN_EXPANSIONS || spent + freq <= budget {
                spent += freq;
                out.push(term);
            }
        }
        self.expansions
            .insert((field, prefix.to_string()), out.clone());
        out
    }

    fn filters(&mut self, query: &Query, chips: &[SearchKind]) -> Vec<Boxed> {
        let f = self.fields;
        let mut out: Vec<Boxed> = Vec::new();
        // Kinds typed in the query and kinds chosen as chips must both hold.
        for kinds in [&query.filters.kinds[..], chips] {
            if kinds.is_empty() {
                continue;
            }
            let any = kinds
                .iter()
                .map(|k| {
                    (
                        Occur::Should,
                        term(f.kind, k.name(), IndexRecordOption::Basic),
                    )
                })
                .collect();
            out.push(Box::new(BooleanQuery::new(any)));
        }
        for (field, values) in [
            (f.author, &query.filters.authors),
            (f.series, &query.filters.series),
        ] {
            for value in values {
                let stems = analyzer::terms(&mut self.stemmed, value);
                if stems.is_empty() {
                    out.push(Box::new(EmptyQuery));
                    continue;
                }
                let all = stems
                    .iter()
                    .map(|s| (Occur::Must, term(field, s, IndexRecordOption::Basic)))
                    .collect();
                out.push(Box::new(BooleanQuery::new(all)));
            }
        }
        if let Some((from, to)) = query.filters.years {
            // The entry's span overlaps the range: it ends no earlier than `from` and starts
            // no later than `to`.
            if let Some(from) = from {
                out.push(Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.year_to, i64::from(from))),
                    Bound::Unbounded,
                )));
            }
            if let Some(to) = to {
                out.push(Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_i64(f.year_from, i64::from(to))),
                )));
            }
        }
        out
    }
}

/// One index term of `field` as a query.
fn term(field: Field, text: &str, record: IndexRecordOption) -> Boxed {
    Box::new(TermQuery::new(Term::from_field_text(field, text), record))
}
