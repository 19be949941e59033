//! The citation linker: which book of the library each footnote cites. A footnote is split
//! into citations at semicolons; in each, an emphasized run is a title (a run after a quoted
//! title, or before an issue number or a month, is a periodical and is passed over). A title
//! names a book when, folded (case, diacritics and punctuation aside, a leading article
//! dropped), it is the book's title, its title and subtitle, or its title followed by a
//! subtitle the library does not hold; or when it is a short title (the first words of the
//! book's title) and one of the book's authors or editors is named by surname in the citation
//! or, as in "Cannon, *Notebook*", just before it. A year in the citation breaks ties between
//! books of the same title. A title that names no book is kept, as "cited, not in the list".

use crate::markdown::FootnoteText;
use crate::words::folded;

/// A book as the linker compares it.
#[derive(Debug, Clone)]
pub struct ShelfBook {
    pub id: String,
    title: String,
    full: String,
    surnames: Vec<String>,
    year: Option<i32>,
}

impl ShelfBook {
    /// `people` are the authors' and editors' names as written (`E.H. Carr`).
    pub fn new(
        id: &str,
        title: &str,
        subtitle: Option<&str>,
        people: &[String],
        year: Option<i32>,
    ) -> ShelfBook {
        let title = normal_title(title);
        let full = match subtitle {
            Some(s) => format!("{title} {}", folded(s)),
            None => title.clone(),
        };
        ShelfBook {
            id: id.to_owned(),
            title,
            full,
            surnames: people
                .iter()
                .filter_map(|n| folded(n).rsplit(' ').next().map(str::to_owned))
                .filter(|s| s.len() > 1)
                .collect(),
            year,
        }
    }
}

/// One title cited in a footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The title as the footnote writes it.
    pub title: String,
    /// The book it names, if the library holds it.
    pub book: Option<String>,
    /// The citation it stands in (the footnote's text between semicolons).
    pub text: String,
}

/// The titles cited in one footnote, in order, each with the book it names if any.
pub fn link(note: &FootnoteText, shelf: &[ShelfBook]) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut previous = "";
    for (start, end) in segments(note) {
        let segment = &note.text[start..end];
        for &(a, b) in note
            .emphasis
            .iter()
            .filter(|(a, b)| *a >= start && *b <= end)
        {
            let (before, title, after) =
                (&note.text[start..a], &note.text[a..b], &note.text[b..end]);
            if title.trim().is_empty() || is_periodical(before, after) {
                continue;
            }
            let context = format!("{} {}", folded(previous), folded(segment));
            out.push(Citation {
                title: title.trim().to_owned(),
                book: best(title, &context, years(segment), shelf),
                text: segment.trim().to_owned(),
            });
        }
        previous = segment;
    }
    out
}

/// Byte ranges of the citations: the text split at semicolons outside emphasis.
fn segments(note: &FootnoteText) -> Vec<(usize, usize)> {
    let inside = |i: usize| note.emphasis.iter().any(|(a, b)| i >= *a && i < *b);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in note.text.char_indices() {
        if c == ';' && !inside(i) {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, note.text.len()));
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A title in quotes before the emphasis is an article in a periodical; a month or an issue
/// number right after it dates an issue.
fn is_periodical(before: &str, after: &str) -> bool {
    let quoted = before.contains('\u{201D}') || before.trim_end().ends_with('"');
    let after = folded(after.split([';', '(']).next().unwrap_or(""));
    let mut words = after.split(' ').take(4);
    let dated = words.any(|w| MONTHS.contains(&w) || w == "no");
    quoted || dated
}

/// Four-digit years written in a citation.
fn years(text: &str) -> Vec<i32> {
    crate::words::words(text)
        .filter(|(_, w)| w.len() == 4)
        .filter_map(|(_, w)| w.parse::<i32>().ok())
        .filter(|y| (1400..2200).contains(y))
        .collect()
}

/// A title folded for comparison, without a leading article.
fn normal_title(title: &str) -> String {
    let f = folded(title);
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = f.strip_prefix(article) {
            return rest.to_owned();
        }
    }
    f
}

/// The book `title` names, given the folded text around it.
fn best(title: &str, context: &str, years: Vec<i32>, shelf: &[ShelfBook]) -> Option<String> {
    let cited = normal_title(title);
    if cited.is_empty() {
        return None;
    }
    let named = |b: &ShelfBook| {
        b.surnames
            .iter()
            .any(|s| context.split(' ').any(|w| w == s.as_str()))
    };
    let score = |b: &ShelfBook| -> u8 {
        let whole = cited == b.title || cited == b.full;
        let with_other_subtitle = cited.starts_with(&format!("{} ", b.title))
            && title.contains(':')
            && title.split(':').next().map(normal_title).as_deref() == Some(b.title.as_str());
        let short = b.title.starts_with(&format!("{cited} ")) && named(b);
        match (whole, with_other_subtitle, short) {
            (true, ..) => 3,
            (_, true, _) => 2,
            (_, _, true) => 1,
            _ => 0,
        }
    };
    let mut candidates: Vec<(u8, bool, &ShelfBook)> = shelf
        .iter()
        .map(|b| (score(b), b.year.is_some_and(|y| years.contains(&y)), b))
        .filter(|(s, _, _)| *s > 0)
        .collect();
    candidates.sort_by(|a, b| {
        (b.0, b.1)
            .cmp(&(a.0, a.1))
            .then_with(|| a.2.id.cmp(&b.2.id))
    });
    candidates.first().map(|(_, _, b)| b.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note written with `*emphasis*`, as in Markdown.
    fn note(marked: &str) -> FootnoteText {
        let mut n = FootnoteText::default();
        let mut open = None;
        for c in marked.chars() {
            if c == '*' {
                match open.take() {
                    None => open = Some(n.text.len()),
                    Some(a) => n.emphasis.push((a, n.text.len())),
                }
            } else {
                n.text.push(c);
            }
        }
        n
    }

    fn shelf() -> Vec<ShelfBook> {
        let p = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        vec![
            ShelfBook::new(
                "first-ten",
                "The First Ten Years of American Communism",
                None,
                &p(&["James P. Cannon"]),
                Some(1962),
            ),
            ShelfBook::new(
                "notebook",
                "Notebook of an Agitator",
                None,
                &p(&["James P. Cannon"]),
                Some(1958),
            ),
            ShelfBook::new(
                "palmer",
                "James P. Cannon and the Origins of the American Revolutionary Left, 1890–1928",
                None,
                &p(&["Bryan D. Palmer"]),
                Some(2007),
            ),
            ShelfBook::new(
                "sioc",
                "Socialism in One Country",
                None,
                &p(&["E.H. Carr"]),
                Some(1972),
            ),
            ShelfBook::new(
                "guesde",
                "Jules Guesde",
                Some("The Birth of Socialism and Marxism in France"),
                &p(&["Jean-Numa Ducange"]),
                Some(2020),
            ),
            ShelfBook::new(
                "banner",
                "Under the Socialist Banner",
                Some("Resolutions of the Second International, 1889–1912"),
                &p(&["Mike Taber"]),
                Some(2021),
            ),
            ShelfBook::new(
                "crossroads-1",
                "The Communist Movement at a Crossroads",
                None,
                &p(&["Mike Taber"]),
                Some(2018),
            ),
            ShelfBook::new(
                "crossroads-2",
                "The Communist Movement at a Crossroads",
                None,
                &p(&["Mike Taber"]),
                Some(2019),
            ),
        ]
    }

    fn books(marked: &str) -> Vec<(String, Option<String>)> {
        link(&note(marked), &shelf())
            .into_iter()
            .map(|c| (c.title, c.book))
            .collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn full_titles_and_subtitles_match() {
        assert_eq!(
            books("Mike Taber, ed., *Under the Socialist Banner: Resolutions of the Second International, 1889–1912*, Haymarket Books, 2021."),
            [("Under the Socialist Banner: Resolutions of the Second International, 1889–1912".into(), some("banner"))]
        );
        // Without its subtitle, and with one the library does not hold.
        assert_eq!(
            books("Taber, *Under the Socialist Banner*.")[0].1,
            some("banner")
        );
        assert_eq!(books("*Jules Guesde: A Life*, 2020.")[0].1, some("guesde"));
    }

    #[test]
    fn diacritics_case_and_punctuation_do_not_matter() {
        assert_eq!(
            books("Ducange, *JULES GUÉSDE: The Birth of Socialism and Marxism in France*.")[0].1,
            some("guesde")
        );
        assert_eq!(books("Palmer, *James P Cannon and the Origins of the American Revolutionary Left 1890-1928*.")[0].1, some("palmer"));
    }

    #[test]
    fn a_volume_is_a_locator_not_a_title() {
        assert_eq!(
            books("E.H. Carr, *Socialism in One Country*, vol. 3, chapters 44 and 45."),
            [("Socialism in One Country".into(), some("sioc"))]
        );
    }

    #[test]
    fn short_titles_need_the_author_by_surname() {
        assert_eq!(
            books("Cannon, *First Ten Years*, p. 162; Cannon, *Notebook*, p. 88; Palmer, *James P. Cannon*, p. 269."),
            [
                ("First Ten Years".into(), some("first-ten")),
                ("Notebook".into(), some("notebook")),
                ("James P. Cannon".into(), some("palmer")),
            ]
        );
        // Without the author, a short title is not enough.
        assert_eq!(books("See *Notebook*, p. 88.")[0].1, None);
    }

    #[test]
    fn a_year_chooses_between_books_of_one_title() {
        assert_eq!(
            books("*The Communist Movement at a Crossroads*, 2019.")[0].1,
            some("crossroads-2")
        );
        assert_eq!(
            books("*The Communist Movement at a Crossroads*, 2018.")[0].1,
            some("crossroads-1")
        );
    }

    #[test]
    fn unknown_books_are_kept_and_periodicals_passed_over() {
        let found = link(
            &note("Hakim Adi, *Pan-Africanism and Communism*, Africa World Press; Nancy Rosenstock, \u{201C}Second-Wave Feminism,\u{201D} *Against the Current*, no. 211; interviewed in *Salvage*, March 2, 2018."),
            &shelf(),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Pan-Africanism and Communism");
        assert_eq!(found[0].book, None);
        assert_eq!(
            found[0].text,
            "Hakim Adi, Pan-Africanism and Communism, Africa World Press"
        );
    }
}
