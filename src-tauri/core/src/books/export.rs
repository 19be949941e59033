//! Books out to reference managers: BibTeX (written by the `biblatex` crate), RIS, CSL-JSON
//! (the three formats Zotero imports) and CSV for spreadsheets.

use super::{family_given, Record};
use crate::csv_safe::write_row;
use crate::error::{Error, ErrorKind, Result};
use biblatex::{Chunk, Entry, EntryType, Person, Spanned};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Bibtex,
    Ris,
    CslJson,
    Csv,
}

impl Format {
    /// The usual file extension, for the save dialog's suggested name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "json",
            Format::Csv => "csv",
        }
    }
}

/// `books` written in `format`.
pub fn write(books: &[Record], format: Format) -> Result<String> {
    match format {
        Format::Bibtex => bibtex(books),
        Format::Ris => Ok(ris(books)),
        Format::CslJson => Ok(csl_json(books)),
        Format::Csv => csv(books),
    }
}

fn chunks(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Normal(text.to_owned()))]
}

fn persons(names: &[String]) -> Vec<Person> {
    names
        .iter()
        .map(|n| match family_given(n) {
            (family, given) if given.is_empty() => Person::parse(&chunks(&family)),
            (family, given) => Person::parse(&chunks(&format!("{family}, {given}"))),
        })
        .collect()
}

fn bibtex(books: &[Record]) -> Result<String> {
    let mut out = String::new();
    for b in books {
        let mut e = Entry::new(b.id.clone(), EntryType::Book);
        e.set("title", chunks(&b.title));
        if let Some(s) = &b.subtitle {
            e.set("subtitle", chunks(s));
        }
        if !b.authors.is_empty() {
            e.set_as("author", &persons(&b.authors));
        }
        if !b.editors.is_empty() {
            e.set_as("editor", &persons(&b.editors));
        }
        if !b.translators.is_empty() {
            e.set_as("translator", &persons(&b.translators));
        }
        if !b.publishers.is_empty() {
            e.set("publisher", chunks(&b.publishers.join(" and ")));
        }
        if let Some(series) = &b.book_series {
            e.set("series", chunks(series));
        }
        if let Some(d) = b.date {
            e.set("year", chunks(&d.year.to_string()));
        }
        if let Some(p) = b.pages {
            e.set("pagetotal", chunks(&p.to_string()));
        }
        if let Some(u) = &b.url {
            e.set("url", chunks(u));
        }
        let text = e
            .to_bibtex_string()
            .map_err(|err| Error::new(ErrorKind::Content, format!("book `{}`: {err}", b.id)))?;
        out.push_str(&text);
        out.push_str("\n\n");
    }
    Ok(out)
}

/// RIS: one `TAG  - value` line per field, `TY` first and `ER` last.
fn ris(books: &[Record]) -> String {
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        // A line break inside a value would end the field early.
        let value = value.replace(['\r', '\n'], " ");
        out.push_str(&format!("{tag}  - {value}\r\n"));
    };
    for b in books {
        line("TY", "BOOK");
        line("ID", &b.id);
        line("TI", &b.full_title());
        for (tag, names) in [
            ("AU", &b.authors),
            ("A2", &b.editors),
            ("A4", &b.translators),
        ] {
            for n in names {
                let (family, given) = family_given(n);
                line(
                    tag,
                    &if given.is_empty() {
                        family
                    } else {
                        format!("{family}, {given}")
                    },
                );
            }
        }
        for p in &b.publishers {
            line("PB", p);
        }
        if let Some(d) = b.date {
            line("PY", &d.year.to_string());
        }
        if let Some(p) = b.pages {
            line("SP", &p.to_string());
        }
        if let Some(u) = &b.url {
            line("UR", u);
        }
        line("ER", "");
    }
    out
}

fn csl_json(books: &[Record]) -> String {
    let names = |names: &[String]| -> Value {
        names
            .iter()
            .map(|n| {
                let (family, given) = family_given(n);
                json!({ "family": family, "given": given })
            })
            .collect()
    };
    let items: Vec<Value> = books
        .iter()
        .map(|b| {
            let mut item = json!({ "id": b.id, "type": "book", "title": b.full_title() });
            for (key, list) in [
                ("author", &b.authors),
                ("editor", &b.editors),
                ("translator", &b.translators),
            ] {
                if !list.is_empty() {
                    item[key] = names(list);
                }
            }
            if !b.publishers.is_empty() {
                item["publisher"] = json!(b.publishers.join(" and "));
            }
            if let Some(series) = &b.book_series {
                item["collection-title"] = json!(series);
            }
            if let Some(d) = b.date {
                let parts: Vec<i64> = [
                    Some(i64::from(d.year)),
                    d.month.map(i64::from),
                    d.day.map(i64::from),
                ]
                .into_iter()
                .flatten()
                .collect();
                item["issued"] = json!({ "date-parts": [parts] });
            }
            if let Some(p) = b.pages {
                item["number-of-pages"] = json!(p.to_string());
            }
            if let Some(u) = &b.url {
                item["URL"] = json!(u);
            }
            item
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

fn csv(books: &[Record]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "title",
        "subtitle",
        "authors",
        "editors",
        "translators",
        "publishers",
        "year",
        "pages",
        "url",
    ];
    let failed = |e: csv::Error| Error::new(ErrorKind::Content, format!("CSV: {e}"));
    write_row(&mut w, &header).map_err(failed)?;
    for b in books {
        write_row(
            &mut w,
            &[
                b.id.as_str(),
                &b.title,
                b.subtitle.as_deref().unwrap_or(""),
                &b.authors.join("; "),
                &b.editors.join("; "),
                &b.translators.join("; "),
                &b.publishers.join("; "),
                &b.date.map(|d| d.year.to_string()).unwrap_or_default(),
                &b.pages.map(|p| p.to_string()).unwrap_or_default(),
                b.url.as_deref().unwrap_or(""),
            ],
        )
        .map_err(failed)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(ErrorKind::Content, format!("CSV: {e}")))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartialDate;
    use hayagriva::citationberg::json::Item;

    fn books() -> Vec<Record> {
        vec![
            Record {
                id: "crossroads".into(),
                title: "The Communist Movement at a Crossroads".into(),
                subtitle: Some(
                    "Plenums of the Communist International's Executive Committee, 1922–1923"
                        .into(),
                ),
                editors: vec!["Mike Taber".into()],
                translators: vec!["John Riddell".into()],
                publishers: vec!["Brill".into(), "Haymarket Books".into()],
                book_series: None,
                date: Some(PartialDate {
                    year: 2018,
                    month: None,
                    day: None,
                }),
                pages: Some(796),
                url: Some("https://example.org/book?a=1&b=2".into()),
                ..Record::default()
            },
            Record {
                id: "guesde".into(),
                title: "Jules Guesde".into(),
                subtitle: Some("The Birth of Socialism and Marxism in France".into()),
                authors: vec!["Jean-Numa Ducange".into()],
                publishers: vec!["Palgrave Macmillan".into()],
                book_series: None,
                date: Some(PartialDate {
                    year: 2020,
                    month: Some(3),
                    day: None,
                }),
                ..Record::default()
            },
        ]
    }

    #[test]
    fn bibtex_reads_back_with_the_biblatex_crate() {
        let text = write(&books(), Format::Bibtex).unwrap();
        let bib = biblatex::Bibliography::parse(&text).unwrap();
        assert_eq!(bib.len(), 2);
        let e = bib.get("crossroads").unwrap();
        assert_eq!(e.entry_type, EntryType::Book);
        let title: String = e.title().unwrap().iter().map(|c| c.v.get()).collect();
        assert_eq!(title, "The Communist Movement at a Crossroads");
        let editors = e.editors().unwrap();
        assert_eq!(editors[0].0[0].name, "Taber");
        assert_eq!(editors[0].0[0].given_name, "Mike");
        let publisher: String = e
            .get("publisher")
            .unwrap()
            .iter()
            .map(|c| c.v.get())
            .collect();
        assert_eq!(publisher, "Brill and Haymarket Books");
        let g = bib.get("guesde").unwrap();
        assert_eq!(g.author().unwrap()[0].name, "Ducange");
        assert_eq!(g.author().unwrap()[0].given_name, "Jean-Numa");
        // The URL's ampersands survive.
        let url: String = e.get("url").unwrap().iter().map(|c| c.v.get()).collect();
        assert_eq!(url, "https://example.org/book?a=1&b=2");
    }

    #[test]
    fn csl_json_deserializes_as_csl_items() {
        let text = write(&books(), Format::CslJson).unwrap();
        let items: Vec<Item> = serde_json::from_str(&text).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id().as_deref(), Some("crossroads"));
        assert_eq!(items[0].type_().as_deref(), Some("book"));
        // hayagriva takes the same file as a CSL processor's input.
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed[1]["author"][0]["family"], "Ducange");
        assert_eq!(parsed[1]["issued"]["date-parts"][0], json!([2020, 3]));
        assert_eq!(parsed[0]["translator"][0]["given"], "John");
    }

    #[test]
    fn ris_has_a_record_per_book_in_its_tags() {
        let text = write(&books(), Format::Ris).unwrap();
        let lines: Vec<(&str, &str)> = text
            .lines()
            .map(|l| {
                assert_eq!(&l[2..6], "  - ", "malformed RIS line {l:?}");
                (&l[..2], l[6..].trim_end())
            })
            .collect();
        let records: Vec<&[(&str, &str)]> = lines
            .split(|(t, _)| *t == "ER")
            .filter(|r| !r.is_empty())
            .collect();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0][0], ("TY", "BOOK"));
        assert!(records[0].contains(&("A2", "Taber, Mike")));
        assert!(records[0].contains(&("A4", "Riddell, John")));
        assert!(records[0].contains(&("PY", "2018")));
        assert!(records[1].contains(&("AU", "Ducange, Jean-Numa")));
        assert!(records[1].contains(&(
            "TI",
            "Jules Guesde: The Birth of Socialism and Marxism in France"
        )));
    }

    #[test]
    fn csv_reads_back_with_its_header() {
        let text = write(&books(), Format::Csv).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][col("publishers")], "Brill; Haymarket Books");
        assert_eq!(
            &rows[0][col("subtitle")],
            "Plenums of the Communist International's Executive Committee, 1922–1923"
        );
        assert_eq!(&rows[1][col("year")], "2020");
    }
}
