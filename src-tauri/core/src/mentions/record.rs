//! An article's mentions as one blob: for each entity, `0x1E kind:id 0x1F`, the number of
//! mentions (u32, little-endian) and their byte ranges (u32 start/end pairs). One row per
//! article keeps the import to one insert per article; the entity's marker lets SQLite's
//! `instr` pick out the articles that name an entity without decoding the rest.

const START: u8 = 0x1E;
const END: u8 = 0x1F;

/// The marker an entity's part begins with, for `instr(data, marker)`.
pub fn marker(kind: &str, id: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(kind.len() + id.len() + 3);
    m.push(START);
    m.extend_from_slice(kind.as_bytes());
    m.push(b':');
    m.extend_from_slice(id.as_bytes());
    m.push(END);
    m
}

/// Appends one entity's part to `out`.
pub fn push(out: &mut Vec<u8>, kind: &str, id: &str, ranges: &[(usize, usize)]) {
    out.extend(marker(kind, id));
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX).to_le_bytes();
    out.extend(n(ranges.len()));
    for &(s, e) in ranges {
        out.extend(n(s));
        out.extend(n(e));
    }
}

/// One entity's part of a record.
pub struct Part<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub ranges: Vec<(usize, usize)>,
}

/// Every part of a record; a damaged record ends the list where the damage starts.
pub fn parts(data: &[u8]) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    let u32_at = |i: usize| -> Option<usize> {
        let b = data.get(i..i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    while at < data.len() && data[at] == START {
        let Some(len) = data[at + 1..].iter().position(|&b| b == END) else {
            break;
        };
        let key = &data[at + 1..at + 1 + len];
        let Some((kind, id)) = std::str::from_utf8(key)
            .ok()
            .and_then(|k| k.split_once(':'))
        else {
            break;
        };
        at += len + 2;
        let Some(n) = u32_at(at) else { break };
        at += 4;
        let mut ranges = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let (Some(s), Some(e)) = (u32_at(at), u32_at(at + 4)) else {
                return out;
            };
            ranges.push((s, e));
            at += 8;
        }
        out.push(Part { kind, id, ranges });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Decoded<'a> = (&'a str, &'a str, Vec<(usize, usize)>);

    #[test]
    fn records_round_trip_and_markers_find_their_part() {
        let mut data = Vec::new();
        push(&mut data, "person", "clara-zetkin", &[(3, 15), (40, 46)]);
        push(&mut data, "organization", "ira", &[(0, 3)]);
        let got: Vec<Decoded> = parts(&data)
            .into_iter()
            .map(|p| (p.kind, p.id, p.ranges))
            .collect();
        assert_eq!(
            got,
            [
                ("person", "clara-zetkin", vec![(3, 15), (40, 46)]),
                ("organization", "ira", vec![(0, 3)])
            ]
        );
        let m = marker("organization", "ira");
        assert!(data.windows(m.len()).any(|w| w == m));
        // A damaged tail loses only what follows the damage.
        assert_eq!(parts(&data[..data.len() - 2]).len(), 1);
    }
}
