//! The reader's query language, parsed forgivingly: every string is a valid query.
//!
//! `word` (all words must match), `"exact phrase"`, `prefix*`, `-excluded`, `a OR b`, and the
//! filters `author:`, `series:`, `kind:`, `year:1920..1925`. Unbalanced quotes run to the end;
//! stray operators are dropped; an unknown `name:value` is read as words; control characters
//! are spaces. The parser knows nothing of the engine; [`super::plan`] turns its result into one.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Queries longer than this are cut (at a character boundary) before parsing.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// At most this many terms take part in a query; the rest are ignored.
pub const MAX_UNITS: usize = 24;

/// The kinds of thing search finds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "lowercase")]
pub enum SearchKind {
    Article,
    Person,
    Organization,
    Book,
    Note,
}

impl SearchKind {
    pub const ALL: [SearchKind; 5] = [
        SearchKind::Article,
        SearchKind::Person,
        SearchKind::Organization,
        SearchKind::Book,
        SearchKind::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SearchKind::Article => "article",
            SearchKind::Person => "person",
            SearchKind::Organization => "organization",
            SearchKind::Book => "book",
            SearchKind::Note => "note",
        }
    }

    /// Reads the names a reader may type: `article`, `articles`, `people`, `org`, ...
    pub fn parse(s: &str) -> Option<SearchKind> {
        Some(match s.to_lowercase().as_str() {
            "article" | "articles" | "post" | "posts" => SearchKind::Article,
            "person" | "people" | "persons" => SearchKind::Person,
            "organization" | "organizations" | "organisation" | "organisations" | "org"
            | "orgs" => SearchKind::Organization,
            "book" | "books" => SearchKind::Book,
            "note" | "notes" | "annotation" | "annotations" => SearchKind::Note,
            _ => return None,
        })
    }
}

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A word as typed; `prefix` also accepts longer words starting with it.
    Word { text: String, prefix: bool },
    /// Words that must appear together in this order.
    Phrase(Vec<String>),
    /// A person or organization by any of its names (each as folded words), or as the index
    /// records it named in a text (`key`: `organization/<id>`). Made by alias expansion,
    /// never by the parser.
    Entity {
        key: String,
        names: Vec<Vec<String>>,
    },
}

/// Alternatives joined by `OR`: any one of them satisfies the clause.
pub type Alternatives = Vec<Unit>;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every clause must match.
    pub must: Vec<Alternatives>,
    /// No clause may match.
    pub not: Vec<Alternatives>,
    pub filters: Filters,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kinds: Vec<SearchKind>,
    /// Each entry is the words of one `author:` filter; all must match.
    pub authors: Vec<String>,
    pub series: Vec<String>,
    /// Inclusive year range; either end may be open.
    pub years: Option<(Option<i32>, Option<i32>)>,
}

impl Query {
    /// Whether there is anything to look for besides filters.
    pub fn has_terms(&self) -> bool {
        !self.must.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.not.is_empty() && self.filters == Filters::default()
    }
}

/// `input` with the spaces inside numbers taken out (`50 000` → `50000`), so that a number
/// written in groups is one word, as the index holds it (see `tokenizer`, which joins the
/// groups a comma or a stop separates).
fn join_number_groups(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
    // The length of the run of digits ending just before `i`, and whether a letter precedes it.
    let digits_before = |i: usize| {
        chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut out = String::with_capacity(input.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) && i > 0 {
            let before = digits_before(i);
            let starts_word =
                before > 0 && (i == before || !chars[i - before - 1].is_alphanumeric());
            let after = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let ends_word = chars
                .get(i + 1 + after)
                .is_none_or(|c| !c.is_alphanumeric());
            let group_before = starts_word && (1..=3).contains(&before)
                || before == 3 && i > 3 && matches!(chars[i - 4], ',' | '.');
            if group_before && after == 3 && ends_word {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Parses what a reader typed. With `as_typed`, a last word not yet followed by a space is
/// also read as a prefix (results while typing).
pub fn parse(input: &str, as_typed: bool) -> Query {
    let input: String = input
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let lexemes = lex(&join_number_groups(&input));
    let mut query = Query::default();
    let mut units = 0usize;
    let mut pending_or = false;
    let last = lexemes.len().checked_sub(1);
    for (i, lexeme) in lexemes.into_iter().enumerate() {
        match lexeme {
            Lexeme::Or => {
                pending_or = !query.must.is_empty();
                continue;
            }
            Lexeme::Filter(name, value) => {
                apply_filter(&mut query.filters, &name, &value);
            }
            Lexeme::Term {
                negated,
                mut unit,
                open_end,
            } => {
                if units >= MAX_UNITS {
                    continue;
                }
                units += 1;
                if as_typed && open_end && Some(i) == last {
                    if let Unit::Word { prefix, .. } = &mut unit {
                        *prefix = true;
                    }
                }
                if negated {
                    query.not.push(vec![unit]);
                } else if pending_or {
                    query
                        .must
                        .last_mut()
                        .expect("pending OR follows a clause")
                        .push(unit);
                } else {
                    query.must.push(vec![unit]);
                }
            }
        }
        pending_or = false;
    }
    query
}

#[derive(Debug)]
enum Lexeme {
    Or,
    Filter(String, String),
    Term {
        negated: bool,
        unit: Unit,
        /// The input ended right after this term (no space, no closing quote).
        open_end: bool,
    },
}

const FILTERS: [&str; 4] = ["author", "series", "kind", "year"];

fn lex(input: &str) -> Vec<Lexeme> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        // Leading minus signs mark an exclusion; several count as one.
        let mut negated = false;
        while i < chars.len() && chars[i] == '-' {
            negated = true;
            i += 1;
        }
        if i >= chars.len() || chars[i].is_whitespace() {
            continue; // a lone '-'
        }
        if chars[i] == '"' {
            let (words, next, closed) = quoted(&chars, i);
            i = next;
            if let Some(unit) = phrase_unit(words) {
                out.push(Lexeme::Term {
                    negated,
                    unit,
                    open_end: false,
                });
            }
            let _ = closed;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        // `name:value` and `name:"quoted value"`.
        if let Some((name, value)) = word.split_once(':') {
            let name_lower = name.to_lowercase();
            if !negated && FILTERS.contains(&name_lower.as_str()) {
                let value = if value.is_empty() && i < chars.len() && chars[i] == '"' {
                    let (words, next, _) = quoted(&chars, i);
                    i = next;
                    words
                } else {
                    value.to_string()
                };
                out.push(Lexeme::Filter(name_lower, value));
                continue;
            }
        }
        if word == "OR" && !negated {
            out.push(Lexeme::Or);
            continue;
        }
        let open_end = i == chars.len();
        let prefix = word.ends_with('*');
        let text: String = word.trim_matches('*').to_string();
        if text.is_empty() {
            continue;
        }
        out.push(Lexeme::Term {
            negated,
            unit: Unit::Word { text, prefix },
            open_end,
        });
    }
    out
}

/// Reads a quoted stretch starting at the quote at `start`; an unclosed quote runs to the end.
fn quoted(chars: &[char], start: usize) -> (String, usize, bool) {
    let mut i = start + 1;
    let from = i;
    while i < chars.len() && chars[i] != '"' {
        i += 1;
    }
    let text: String = chars[from..i].iter().collect();
    let closed = i < chars.len();
    (text, if closed { i + 1 } else { i }, closed)
}

fn phrase_unit(text: String) -> Option<Unit> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches('*').to_string())
        .filter(|w| !w.is_empty())
        .collect();
    match words.len() {
        0 => None,
        1 => Some(Unit::Word {
            text: words.into_iter().next().expect("one word"),
            prefix: false,
        }),
        _ => Some(Unit::Phrase(words)),
    }
}

fn apply_filter(filters: &mut Filters, name: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match name {
        "author" => filters.authors.push(value.to_string()),
        "series" => filters.series.push(value.to_string()),
        "kind" => {
            for k in value.split(',').filter_map(SearchKind::parse) {
                if !filters.kinds.contains(&k) {
                    filters.kinds.push(k);
                }
            }
        }
        "year" => {
            if let Some(range) = parse_years(value) {
                filters.years = Some(range);
            }
        }
        _ => {}
    }
}

/// `1920`, `1920..1925`, `1920..`, `..1925` (also with `-` between two years).
fn parse_years(value: &str) -> Option<(Option<i32>, Option<i32>)> {
    let year = |s: &str| -> Option<Option<i32>> {
        let s = s.trim();
        if s.is_empty() {
            return Some(None);
        }
        s.parse::<i32>()
            .ok()
            .filter(|y| (0..=9999).contains(y))
            .map(Some)
    };
    let (from, to) = if let Some((a, b)) = value.split_once("..") {
        (year(a)?, year(b)?)
    } else if let Some((a, b)) = value.split_once('-').filter(|(a, _)| !a.is_empty()) {
        (year(a)?, year(b)?)
    } else {
        let y = year(value)?;
        (y, y)
    };
    match (from, to) {
        (None, None) => None,
        (Some(a), Some(b)) if a > b => Some((Some(b), Some(a))),
        range => Some(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Unit {
        Unit::Word {
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn a_number_written_in_groups_is_one_word() {
        assert_eq!(join_number_groups("50 000 women"), "50000 women");
        assert_eq!(join_number_groups("1 250 000"), "1250000");
        assert_eq!(join_number_groups("50,000 women"), "50,000 women");
        assert_eq!(
            join_number_groups("in 1922 100 delegates"),
            "in 1922 100 delegates"
        );
        assert_eq!(join_number_groups("a5 000"), "a5 000");
        assert_eq!(join_number_groups("5 0001"), "5 0001");
        assert_eq!(
            parse("50 000 women", false).must,
            vec![vec![word("50000")], vec![word("women")]]
        );
    }

    #[test]
    fn words_phrases_prefixes_exclusions_and_or() {
        let q = parse(
            r#"red "class war prisoners" comint* -stalin zetkin OR stasova"#,
            false,
        );
        assert_eq!(
            q.must,
            vec![
                vec![word("red")],
                vec![Unit::Phrase(vec![
                    "class".into(),
                    "war".into(),
                    "prisoners".into()
                ])],
                vec![Unit::Word {
                    text: "comint".into(),
                    prefix: true
                }],
                vec![word("zetkin"), word("stasova")],
            ]
        );
        assert_eq!(q.not, vec![vec![word("stalin")]]);
    }

    #[test]
    fn filters_are_read_and_unknown_ones_are_words() {
        let q = parse(
            r#"author:"John Riddell" series:comintern kind:people,books year:1925..1920 title:x"#,
            false,
        );
        assert_eq!(q.filters.authors, ["John Riddell"]);
        assert_eq!(q.filters.series, ["comintern"]);
        assert_eq!(q.filters.kinds, [SearchKind::Person, SearchKind::Book]);
        assert_eq!(q.filters.years, Some((Some(1920), Some(1925))));
        assert_eq!(q.must, vec![vec![word("title:x")]]);
        assert_eq!(
            parse("year:1922", false).filters.years,
            Some((Some(1922), Some(1922)))
        );
        assert_eq!(
            parse("year:..1922", false).filters.years,
            Some((None, Some(1922)))
        );
        assert_eq!(
            parse("year:1917-1924", false).filters.years,
            Some((Some(1917), Some(1924)))
        );
        assert_eq!(parse("year:soon", false).filters.years, None);
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        let typing = parse("international red ai", true);
        assert_eq!(
            typing.must.last().unwrap(),
            &vec![Unit::Word {
                text: "ai".into(),
                prefix: true
            }]
        );
        let done = parse("international red aid ", true);
        assert_eq!(done.must.last().unwrap(), &vec![word("aid")]);
    }

    #[test]
    fn hostile_input_is_read_sensibly() {
        for input in [
            "\"",
            "*",
            "-",
            "OR OR",
            "OR",
            "NEAR(",
            "\"unclosed phrase",
            "--",
            "a OR",
            "OR a",
            "title:",
            ":",
            "{title}:x",
            "^",
            "a AND b NOT c",
            "\u{0}\u{7}\u{1b}",
            "-\"\"",
            "year:",
            "kind:",
            "author:\"",
            "שלום עולם",
            "\u{202e}evil",
            "(((",
            "a\"b\"c",
        ] {
            let q = parse(input, true);
            assert!(q.must.len() <= MAX_UNITS, "{input:?}");
        }
        assert!(parse("OR OR", false).is_empty());
        assert_eq!(parse("\"unclosed phrase", false).must.len(), 1);
        let long = "word ".repeat(2_000);
        assert!(parse(&long, false).must.len() <= MAX_UNITS);
        assert_eq!(parse("a OR", false).must, vec![vec![word("a")]]);
        assert_eq!(parse("OR a", false).must, vec![vec![word("a")]]);
    }
}
