//! Formatted citations by hayagriva's CSL engine, with the CSL styles and locales it bundles:
//! Chicago (notes and bibliography), Chicago author-date and APA. The bibliography entry is
//! what a reader copies: it stands alone in a list of works cited.

use super::{family_given, Record};
use crate::error::{Error, ErrorKind, Result};
use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::Style as CslStyle;
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Chicago Manual of Style, notes and bibliography.
    Chicago,
    ChicagoAuthorDate,
    Apa,
}

impl Style {
    fn archived(self) -> ArchivedStyle {
        match self {
            Style::Chicago => ArchivedStyle::ChicagoNotes,
            Style::ChicagoAuthorDate => ArchivedStyle::ChicagoAuthorDate,
            Style::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
        }
    }
}

/// A formatted citation, as text and as HTML (titles in italics; every field escaped, see
/// [`super::citehtml`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Formatted {
    pub style: Style,
    pub text: String,
    pub html: String,
}

/// The book in hayagriva's own data model (built through its serde form, which is stable
/// and documented, rather than field by field).
fn entry(record: &Record, style: Style) -> Result<hayagriva::Library> {
    let people = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| match family_given(n) {
                (family, given) if given.is_empty() => family,
                (family, given) => format!("{family}, {given}"),
            })
            .collect()
    };
    let mut item = json!({ "type": "book", "title": record.full_title() });
    if !record.authors.is_empty() {
        item["author"] = json!(people(&record.authors));
        if !record.editors.is_empty() {
            item["editor"] = json!(people(&record.editors));
        }
    } else if !record.editors.is_empty() && style != Style::Apa {
        // hayagriva 0.10 renders an editor who stands in for the author unreversed and
        // run together in the Chicago styles (typst/hayagriva#444). There the editors go in
        // as authors with the role after the last name: "Taber, Mike, ed." as Chicago has it.
        let mut names: Vec<serde_json::Value> = people(&record.editors)
            .into_iter()
            .map(|n| json!(n))
            .collect();
        let single = names.len() == 1;
        let (family, given) = family_given(record.editors.last().expect("editors"));
        // The first name is shown inverted ("Taber, Mike"), where a suffix follows a comma;
        // a later one in reading order, where only the family name can carry the role.
        let last = if single {
            json!(format!("{family}, ed., {given}"))
        } else {
            json!({ "name": format!("{family}, eds."), "given-name": given })
        };
        if let Some(slot) = names.last_mut() {
            *slot = last;
        }
        item["author"] = json!(names);
    } else if !record.editors.is_empty() {
        item["editor"] = json!(people(&record.editors));
    }
    if !record.translators.is_empty() {
        item["affiliated"] =
            json!([{ "role": "translator", "names": people(&record.translators) }]);
    }
    if !record.publishers.is_empty() {
        item["publisher"] = json!(record.publishers.join(" and "));
    }
    if let Some(d) = record.date {
        item["date"] = json!(d.to_string());
    }
    if let Some(p) = record.pages {
        item["page-total"] = json!(p);
    }
    serde_json::from_value(json!({ record.id.clone(): item }))
        .map_err(|e| Error::new(ErrorKind::Content, format!("book `{}`: {e}", record.id)))
}

/// The book's bibliography entry in `style`.
pub fn format(record: &Record, style: Style) -> Result<Formatted> {
    let library = entry(record, style)?;
    let CslStyle::Independent(csl) = style.archived().get() else {
        return Err(Error::new(
            ErrorKind::Content,
            "the citation style is not independent",
        ));
    };
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    let items: Vec<_> = library.iter().map(CitationItem::with_entry).collect();
    driver.citation(CitationRequest::from_items(items, &csl, &locales));
    let rendered = driver.finish(BibliographyRequest {
        style: &csl,
        locale: None,
        locale_files: &locales,
    });
    let item = rendered
        .bibliography
        .and_then(|b| b.items.into_iter().next())
        .ok_or_else(|| Error::new(ErrorKind::Content, "the style gave no bibliography entry"))?;
    let mut text = String::new();
    item.content
        .write_buf(&mut text, BufWriteFormat::Plain)
        .map_err(|e| Error::new(ErrorKind::Content, e.to_string()))?;
    let html = super::citehtml::html(&item.content);
    Ok(Formatted { style, text, html })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartialDate;

    fn banner() -> Record {
        Record {
            id: "under-the-socialist-banner".into(),
            title: "Under the Socialist Banner".into(),
            subtitle: Some("Resolutions of the Second International, 1889–1912".into()),
            editors: vec!["Mike Taber".into()],
            publishers: vec!["Haymarket Books".into()],
            book_series: None,
            date: Some(PartialDate {
                year: 2021,
                month: None,
                day: None,
            }),
            pages: Some(206),
            ..Record::default()
        }
    }

    #[test]
    fn each_style_formats_the_book_as_its_manual_does() {
        let text = |style| format(&banner(), style).unwrap().text;
        let title =
            "Under the Socialist Banner: Resolutions of the Second International, 1889–1912";
        assert_eq!(
            text(Style::Chicago),
            format!("Taber, Mike, ed. {title}. Haymarket Books, 2021.")
        );
        assert_eq!(
            text(Style::ChicagoAuthorDate),
            format!("Taber, Mike, ed. 2021. {title}. Haymarket Books.")
        );
        assert_eq!(
            text(Style::Apa),
            format!("Taber, M. (Ed.). (2021). {title}. Haymarket Books.")
        );
        let html = format(&banner(), Style::Chicago).unwrap().html;
        assert!(html.contains("<i>Under the Socialist Banner"), "{html}");
    }

    #[test]
    fn authors_editors_and_translators_take_their_places() {
        let carr = Record {
            id: "carr".into(),
            title: "Socialism in One Country".into(),
            authors: vec!["E.H. Carr".into()],
            translators: vec!["John Riddell".into()],
            publishers: vec!["Penguin Books".into()],
            book_series: None,
            date: Some(PartialDate {
                year: 1972,
                month: None,
                day: None,
            }),
            ..Record::default()
        };
        let text = |r: &Record, style| format(r, style).unwrap().text;
        assert_eq!(
            text(&carr, Style::Chicago),
            "Carr, E. H. Socialism in One Country. Translated by John Riddell. Penguin Books, 1972."
        );
        let two = Record {
            editors: vec!["Mike Taber".into(), "Daria Dyakonova".into()],
            ..banner()
        };
        assert!(
            text(&two, Style::Chicago).starts_with("Taber, Mike, and Daria Dyakonova, eds. "),
            "{}",
            text(&two, Style::Chicago)
        );
        assert!(
            text(&two, Style::Apa).starts_with("Taber, M., & Dyakonova, D. (Eds.). (2021)."),
            "{}",
            text(&two, Style::Apa)
        );
    }
}
