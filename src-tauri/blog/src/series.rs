//! Series the blog marks in its titles ("Part 3 of 9", "(Part 2)") or with a category
//! named for a series.

use regex::Regex;
use std::sync::LazyLock;

/// Where a post sits in a series, as its title or categories say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesMark {
    /// The series' title: the title without the part marker, or the category's name.
    pub title: String,
    pub part: u32,
    /// How many parts the title announces, if it does ("of 9").
    pub total: Option<u32>,
}

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,:;.(\[–—-]*\bpart\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|[ivxl]+)(?:\s+of\s+(\d{1,3}|[a-z]+))?\b[)\]]?[\s,:;.–—-]*").unwrap()
});

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let w = word.to_lowercase();
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    // Roman numerals up to L.
    let mut total = 0u32;
    let mut last = 0u32;
    for c in w.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            _ => return None,
        };
        if v < last {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            last = v;
        }
    }
    (total > 0).then_some(total)
}

/// The series a post belongs to, from its title ("The auxiliaries, part 3 of 9: MOPR") or,
/// failing that, a category whose name says "series" with a part number in the title.
pub fn detect(title: &str, categories: &[String]) -> Option<SeriesMark> {
    let c = PART.captures(title)?;
    let part = number(&c[1]).filter(|p| *p > 0)?;
    let total = c.get(2).and_then(|m| number(m.as_str()));
    let whole = c.get(0)?;
    let series_category = categories
        .iter()
        .find(|c| c.to_lowercase().contains("series"))
        .cloned();
    let before = title[..whole.start()].trim();
    // A title that starts with its part ("Part six: the Sportintern") names the part, not
    // the series: only a series category can name that.
    let title = series_category.or_else(|| (!before.is_empty()).then(|| before.to_string()))?;
    Some(SeriesMark { title, part, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_in_titles() {
        let m = detect("The Comintern's auxiliaries, Part 3 of 9: MOPR", &[]).unwrap();
        assert_eq!(
            (m.title.as_str(), m.part, m.total),
            ("The Comintern's auxiliaries", 3, Some(9))
        );
        let m = detect("Red Aid (Part II)", &[]).unwrap();
        assert_eq!((m.title.as_str(), m.part, m.total), ("Red Aid", 2, None));
        let m = detect("Part six: the Sportintern", &["Auxiliaries series".into()]).unwrap();
        assert_eq!((m.title.as_str(), m.part), ("Auxiliaries series", 6));
        assert_eq!(detect("A party of one", &[]), None);
        assert_eq!(detect("Counterpart 3", &[]), None);
    }
}
