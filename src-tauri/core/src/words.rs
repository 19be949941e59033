//! Splitting text into words the way the search index's tokenizer does, with byte offsets.

/// Words of `text` (runs of letters and digits, as the index's tokenizer splits them) with
/// their byte offsets. ASCII bytes are classified directly; only other characters are decoded.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (alnum, width) = match bytes[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = text[at..].chars().next().expect("at a char boundary");
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            match (start, alnum) {
                (None, true) => start = Some(at),
                (Some(s), false) => return Some((s, &text[s..at])),
                _ => {}
            }
            at += width;
        }
        start.map(|s| (s, &text[s..]))
    })
}
