//! A collector counting matches per kind, for the filter chips.

use super::query::SearchKind;
use super::schema::KIND_ORD;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

const KINDS: usize = SearchKind::ALL.len();

pub struct KindCounts;

pub struct SegmentKindCounts {
    column: Option<Column<u64>>,
    counts: [u32; KINDS],
}

impl Collector for KindCounts {
    type Fruit = [u32; KINDS];
    type Child = SegmentKindCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentKindCounts> {
        Ok(SegmentKindCounts {
            column: reader.fast_fields().u64(KIND_ORD).ok(),
            counts: [0; KINDS],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<[u32; KINDS]>) -> tantivy::Result<[u32; KINDS]> {
        let mut total = [0; KINDS];
        for fruit in fruits {
            for (t, n) in total.iter_mut().zip(fruit) {
                *t += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentKindCounts {
    type Fruit = [u32; KINDS];

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(ord) = self.column.as_ref().and_then(|c| c.first(doc)) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> [u32; KINDS] {
        self.counts
    }
}
