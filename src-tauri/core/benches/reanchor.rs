//! Re-anchoring: the starter library's articles with generated annotations, then generated
//! edits, one kind per article in turn: a paragraph inserted elsewhere, a paragraph deleted
//! elsewhere, a typo fixed inside each quote, a tenth of each quote's letters changed, two
//! sentences swapped, the article split in two (the first half keeps the slug), the article
//! deleted. Prints the time per annotation and, per kind of edit, how the annotations came out
//! and how many landed on the right words; then the time to save a note (with fsync) into a
//! real notes.sqlite, and to list an article's 1,000 notes.
//! Run: `cargo bench -p lectern-core --bench reanchor` (`-- --per-article N`, default 40).

use lectern_core::notes::anchor::{self, Quote, Status};
use lectern_core::notes::{NewAnnotation, Notes};
use lectern_core::Library;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    Inserted,
    Deleted,
    TypoFixed,
    TenthChanged,
    Reordered,
    Split,
    ArticleGone,
}

const EDITS: [Edit; 7] = [
    Edit::Inserted,
    Edit::Deleted,
    Edit::TypoFixed,
    Edit::TenthChanged,
    Edit::Reordered,
    Edit::Split,
    Edit::ArticleGone,
];

/// A span of whole words, 20–200 bytes, found once in `text`.
fn span(text: &str, rng: &mut ChaCha8Rng) -> Option<(usize, usize)> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let at = floor(rng.random_range(0..text.len().saturating_sub(220).max(1)));
    let start = text[at..].find(' ').map(|i| at + i + 1)?;
    let from = floor((start + rng.random_range(20..200)).min(text.len()));
    let end = text[from..].find(' ').map(|i| from + i)?;
    let quote = &text[start..end];
    (!quote.contains('\n') && text.matches(quote).count() == 1).then_some((start, end))
}

fn main() {
    let per_article: usize = std::env::args()
        .skip_while(|a| a != "--per-article")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let lib = Library::open_in_memory(&content).unwrap();
    lib.import().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    // (edit, status) -> (count, right words)
    let mut outcomes: BTreeMap<(Edit, &str), (u32, u32)> = BTreeMap::new();
    let mut times = Vec::new();
    for (i, summary) in lib.list_articles().unwrap().iter().enumerate() {
        let text = lib.show(&format!("article/{}", summary.slug)).unwrap().text;
        let edit = EDITS[i % EDITS.len()];
        // Blocks (paragraphs, headings) are one line each in the plain text.
        let paragraphs: Vec<&str> = text.split('\n').collect();
        for _ in 0..per_article {
            let Some((a, b)) = span(&text, &mut rng) else {
                continue;
            };
            let exact = &text[a..b];
            // The old text, the new text, and the words the quote should land on.
            let (old, new, expected): (String, String, Option<String>) = match edit {
                Edit::Inserted | Edit::Deleted => {
                    let k = rng.random_range(0..paragraphs.len());
                    let mut parts: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
                    if edit == Edit::Inserted {
                        parts.insert(
                            k,
                            "A paragraph added by the editors, with a few words of its own.".into(),
                        );
                    } else {
                        parts.remove(k);
                    }
                    let new = parts.join("\n");
                    let expected = new.contains(exact).then(|| exact.to_owned());
                    (text.clone(), new, expected)
                }
                Edit::TypoFixed => {
                    // The quote was made on a text with two letters swapped inside it.
                    let mid = (a + (b - a) / 2..b - 1).find(|&j| {
                        text.is_char_boundary(j)
                            && text.is_char_boundary(j + 2)
                            && text.as_bytes()[j].is_ascii_alphabetic()
                            && text.as_bytes()[j + 1].is_ascii_alphabetic()
                            && text.as_bytes()[j] != text.as_bytes()[j + 1]
                    });
                    let Some(j) = mid else { continue };
                    let mut old = text.clone().into_bytes();
                    old.swap(j, j + 1);
                    (
                        String::from_utf8(old).unwrap(),
                        text.clone(),
                        Some(exact.to_owned()),
                    )
                }
                Edit::Reordered => {
                    // The sentence holding the quote's start swapped with the one after it.
                    let s = text[..a].rfind(". ").map_or(0, |i| i + 2);
                    let Some(m) = text[a..].find(". ").map(|i| a + i + 2) else {
                        continue;
                    };
                    let Some(e) = text[m..].find(". ").map(|i| m + i + 2) else {
                        continue;
                    };
                    let new = format!("{}{}{}{}", &text[..s], &text[m..e], &text[s..m], &text[e..]);
                    let expected = new.contains(exact).then(|| exact.to_owned());
                    (text.clone(), new, expected)
                }
                Edit::TenthChanged => {
                    // One letter in ten replaced inside the quote (a corrected passage).
                    let mut new = text.clone().into_bytes();
                    let letters: Vec<usize> =
                        (a..b).filter(|&j| new[j].is_ascii_lowercase()).collect();
                    for &j in letters.iter().step_by(10) {
                        new[j] = if new[j] == b'e' { b'a' } else { b'e' };
                    }
                    let new = String::from_utf8(new).unwrap();
                    let expected = Some(new[a..b].to_owned());
                    (text.clone(), new, expected)
                }
                Edit::Split => {
                    // The second half goes to a new article; this one keeps the first.
                    let half = text[..text.len() / 2].rfind('\n').unwrap_or(0);
                    let new = text[..half].to_owned();
                    let expected = (b <= half).then(|| exact.to_owned());
                    (text.clone(), new, expected)
                }
                Edit::ArticleGone => (text.clone(), String::new(), None),
            };
            let Some(old_at) = old.find(if edit == Edit::TypoFixed {
                &old[a..b]
            } else {
                exact
            }) else {
                continue;
            };
            let quote_text = &old[old_at..old_at + (b - a)];
            let Ok((x, y, quote)) = anchor::place(
                &old,
                &Quote {
                    exact: quote_text.into(),
                    ..Quote::default()
                },
            ) else {
                continue;
            };
            let (start, end) = (anchor::utf16_at(&old, x), anchor::utf16_at(&old, y));
            let began = Instant::now();
            let placed = anchor::reanchor(&new, &quote, start, end);
            times.push(began.elapsed().as_secs_f64() * 1e6);
            let landed = match (
                placed.status,
                anchor::byte_at(&new, placed.start),
                anchor::byte_at(&new, placed.end),
            ) {
                (Status::Orphaned, ..) => None,
                (_, Some(p), Some(q)) => Some(new[p..q].to_owned()),
                _ => None,
            };
            // A quote the edit split in two has no right place; a placement over at least half
            // of its words, or an orphan, is counted as right.
            let right = match (&expected, &landed) {
                (None, Some(l)) if edit == Edit::Reordered => {
                    let words: std::collections::HashSet<&str> = l.split_whitespace().collect();
                    let quoted: Vec<&str> = exact.split_whitespace().collect();
                    quoted.iter().filter(|w| words.contains(*w)).count() * 2 >= quoted.len()
                }
                _ => landed == expected,
            };
            let e = outcomes.entry((edit, placed.status.name())).or_default();
            e.0 += 1;
            e.1 += u32::from(right);
        }
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let pct = |p: f64| times[((n as f64 * p) as usize).min(n - 1)];
    println!(
        "{n} annotations re-anchored in {:.2} s: mean {:.1} µs, p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        times.iter().sum::<f64>() / 1e6,
        times.iter().sum::<f64>() / n as f64,
        pct(0.5),
        pct(0.99),
        times[n - 1]
    );
    println!(
        "{:<12} {:<10} {:>6} {:>12}",
        "edit", "outcome", "count", "right words"
    );
    for ((edit, status), (count, right)) in &outcomes {
        println!(
            "{:<12} {:<10} {:>6} {:>12}",
            format!("{edit:?}"),
            status,
            count,
            right
        );
    }
    saving(&lib);
}

/// Saving notes into a real notes.sqlite (WAL, synchronous=FULL): each one committed, with its
/// fsync, before the next.
fn saving(lib: &Library) {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(dir.path()).unwrap();
    let summary = &lib.list_articles().unwrap()[0];
    let text = lib.show(&format!("article/{}", summary.slug)).unwrap().text;
    let mut times = Vec::new();
    for i in 0..1000u32 {
        let start = (i * 7) % (text.len() as u32 / 2);
        let Some(a) = anchor::byte_at(&text, start) else {
            continue;
        };
        let Some(len) = text[a..].char_indices().nth(20).map(|(j, _)| j) else {
            continue;
        };
        let end = anchor::utf16_at(&text, a + len);
        let new = NewAnnotation {
            article: summary.slug.clone(),
            note: format!("note {i}"),
            ..NewAnnotation::default()
        };
        let began = Instant::now();
        notes
            .add_at(&text, anchor::utf16_at(&text, a), end, new)
            .unwrap();
        times.push(began.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    println!(
        "{n} notes saved one by one: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times[n / 2],
        times[(n * 99 / 100).min(n - 1)],
        times[n - 1]
    );
    // What opening the article asks for: all its notes, each with its note rendered.
    let filter = lectern_core::notes::Filter {
        article: Some(summary.slug.clone()),
        ..Default::default()
    };
    let mut lists = (0..20)
        .map(|_| {
            let began = Instant::now();
            let listed = notes.list_notes(&filter).unwrap();
            assert_eq!(listed.len(), n);
            began.elapsed().as_secs_f64() * 1e3
        })
        .collect::<Vec<_>>();
    lists.sort_by(f64::total_cmp);
    println!("the article's {n} notes listed: p50 {:.2} ms", lists[10]);
}
