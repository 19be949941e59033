//! Packing a lane's bars into sub-rows: bars that overlap go to different rows, the same
//! bars always to the same rows.

/// A bar's extent for packing, in days since 1970-01-01. `begin` is the earliest it can have
/// started; `until` the earliest it can have ended (the start of its end date), so that a
/// tenure ending in 1925 and one starting in 1925 read as a succession, not as an overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    pub begin: i64,
    pub until: i64,
}

/// The row of each extent, in the order given. Rows are filled first-fit in order of
/// `begin`, then `until`, then the given order, so the result never depends on anything else.
pub fn pack(extents: &[Extent]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..extents.len()).collect();
    order.sort_by_key(|&i| (extents[i].begin, extents[i].until, i));
    let mut row_ends: Vec<i64> = Vec::new();
    let mut rows = vec![0u32; extents.len()];
    for i in order {
        let e = extents[i];
        let free = row_ends.iter().position(|&end| end <= e.begin);
        let row = match free {
            Some(r) => r,
            None => {
                row_ends.push(i64::MIN);
                row_ends.len() - 1
            }
        };
        row_ends[row] = e.until.max(e.begin);
        rows[i] = u32::try_from(row).unwrap_or(u32::MAX);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(begin: i64, until: i64) -> Extent {
        Extent { begin, until }
    }

    #[test]
    fn successions_share_a_row_and_overlaps_do_not() {
        // 1922–1925, 1925–1927 (a succession), 1923–1924 (an acting head alongside).
        let rows = pack(&[e(1922, 1925), e(1925, 1927), e(1923, 1924)]);
        assert_eq!(rows, [0, 0, 1]);
    }

    #[test]
    fn packing_is_first_fit_by_start() {
        let bars = [e(5, 9), e(1, 4), e(2, 6), e(4, 8), e(1, 4)];
        assert_eq!(pack(&bars), [1, 0, 2, 0, 1]);
        assert_eq!(pack(&bars), pack(&bars));
    }

    #[test]
    fn open_ends_block_their_row() {
        let rows = pack(&[e(10, i64::MAX), e(20, 30)]);
        assert_eq!(rows, [0, 1]);
    }
}
