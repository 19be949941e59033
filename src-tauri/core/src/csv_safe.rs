//! CSV cells a spreadsheet reads as text, never as a formula. A cell from content or from
//! the reader (a title, a quote, a note) that starts with `=`, `+`, `-` or `@`, or with a tab
//! or carriage return, would be run as a formula when the file is opened in a spreadsheet
//! (CSV injection); as OWASP advises, such a cell is written with a single quote before it.
//! Every CSV export writes its rows through [`write_row`].

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `value` as a CSV cell: with a `'` before it when it starts like a formula.
pub fn csv_cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Writes one record, each cell through [`csv_cell`].
pub fn write_row<W: std::io::Write>(w: &mut csv::Writer<W>, cells: &[&str]) -> csv::Result<()> {
    for cell in cells {
        w.write_field(csv_cell(cell).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_and_other_text_kept() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(csv_cell(bad), format!("'{bad}"));
        }
        for good in ["Text", "", " =not first", "1922", "'quoted"] {
            assert_eq!(csv_cell(good), good);
        }
    }

    #[test]
    fn rows_read_back_with_the_quote_before_a_formula() {
        let mut w = csv::Writer::from_writer(Vec::new());
        write_row(&mut w, &["id", "=1+1", "a, \"b\""]).unwrap();
        write_row(&mut w, &["", "-x", "@"]).unwrap();
        let bytes = w.into_inner().unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(
            rows,
            [vec!["id", "'=1+1", "a, \"b\""], vec!["", "'-x", "'@"]]
        );
    }
}
