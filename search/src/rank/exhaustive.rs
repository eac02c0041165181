//! Ranking by scoring every posting of every alternative of the query's slots: the reference
//! pruned ranking must equal, and the way for parameters it cannot prune with.

use super::{Ranked, Scorer, Scratch, TopK, finish_touched};
use crate::query::Query;

/// The `k` best documents for `query`, best first.
pub(super) fn rank(scorer: &Scorer, query: &Query, k: usize, scratch: &mut Scratch) -> Vec<Ranked> {
    for (i, slot) in query.slots.iter().enumerate() {
        for variant in &slot.variants {
            let scale = scorer.scale(variant.weight, variant.term);
            let postings = &scorer.corpus.postings[variant.term as usize];
            // A document is in one list of a term: its order of alternatives is kept.
            for posting in postings.lists.iter().flatten() {
                scratch.add(scorer, i, variant, scale, posting);
            }
        }
    }
    let mut top = TopK::new(k);
    finish_touched(scorer, scratch, &mut top);
    top.into_sorted()
}
