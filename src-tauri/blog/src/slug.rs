//! Content ids from what a site gives: its slugs (often percent-encoded), names and titles.

use unicode_normalization::UnicodeNormalization;

/// Whether `id` is a content id: lower-case ASCII letters, digits and single inner hyphens.
/// The one rule: lectern-core checks content ids with it, so an importer never writes a file
/// the library refuses.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A content id made from a site slug, a name or a title: percent-decoded, accents dropped,
/// lower-cased, every other run of characters a hyphen, at most 80 characters. Empty when
/// nothing of it is a letter or digit. A slug names files (`<slug>.md`, an image, a blog's
/// folder), so a word Windows reserves for a device (`con`, `nul`, `com1`, ...) gets `-1`
/// after it: a post titled "Aux" is `aux-1`, whose file opens on every platform.
pub fn slugify(text: &str) -> String {
    let slug = fold(text);
    if crate::file_name::is_reserved_on_windows(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

/// [`slugify`]'s folding alone, for comparing names (`aux` stays `aux`): percent-decoded,
/// accents dropped, lower-cased, every other run of characters a hyphen, at most 80 characters.
pub fn fold(text: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    let mut out = String::with_capacity(decoded.len());
    let mut hyphen = false;
    for c in decoded.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => Some("ss"),
            'æ' | 'Æ' => Some("ae"),
            'ø' | 'Ø' => Some("o"),
            'œ' | 'Œ' => Some("oe"),
            'ł' | 'Ł' => Some("l"),
            'đ' | 'Đ' => Some("d"),
            _ => None,
        }
        .map(str::to_string)
        .unwrap_or_else(|| c.to_lowercase().collect());
        for c in c.chars() {
            if c.is_ascii_alphanumeric() {
                if hyphen && !out.is_empty() {
                    out.push('-');
                }
                hyphen = false;
                out.push(c);
            } else {
                hyphen = true;
            }
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.truncate(80);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_what_sites_write() {
        assert_eq!(slugify("the-ild-and-its-work"), "the-ild-and-its-work");
        assert_eq!(
            slugify("M%C3%BCnzenberg%E2%80%99s%20trust"),
            "munzenberg-s-trust"
        );
        assert_eq!(slugify("Clara Zetkin: 1857–1933"), "clara-zetkin-1857-1933");
        assert_eq!(slugify("  --Łódź  strike-- "), "lodz-strike");
        assert_eq!(slugify("Россия"), "");
        assert!(is_slug(&slugify("Part 3 of 9: the MOPR")));
    }

    /// A slug names a file: never one Windows opens as a device, whatever the title says.
    #[test]
    fn slugs_are_file_names_on_every_platform() {
        for (text, slug) in [
            ("CON", "con-1"),
            ("Nul", "nul-1"),
            ("aux", "aux-1"),
            ("PRN", "prn-1"),
            ("COM1", "com1-1"),
            ("lpt9", "lpt9-1"),
            ("COM%C2%B9", "com1-1"),
            ("CON.txt", "con-txt"),
            ("con?", "con-1"),
            ("  nul. ", "nul-1"),
            ("C:\\Windows\\x", "c-windows-x"),
            ("..\\..\\boot.ini", "boot-ini"),
            ("\\\\server\\share", "server-share"),
            ("a<b>c:d\"e|f?g*h", "a-b-c-d-e-f-g-h"),
            ("tab\there\0", "tab-here"),
            ("console", "console"),
        ] {
            assert_eq!(slugify(text), slug, "{text:?}");
            assert!(
                crate::file_name::is_portable_file_name(&format!("{slug}.md")),
                "{slug}"
            );
        }
        assert_eq!(fold("Con"), "con", "folding for comparison keeps the word");
        let long = slugify(&"x".repeat(500));
        assert!(long.len() <= 80 && crate::file_name::is_portable_file_name(&long));
    }
}
