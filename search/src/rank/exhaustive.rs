//! The reference ranking: every posting of every alternative scored term at a time into
//! per-document accumulators. Pruned ranking must return exactly what this returns.

use std::cell::RefCell;

use super::{Accumulator, Ranked, Scorer, TopK};
use crate::RankingParams;
use crate::corpus::Corpus;
use crate::query::Query;

/// Accumulators indexed by slot, reused across queries on a thread so a query costs only the
/// documents it touches, never an allocation the size of the corpus.
#[derive(Default)]
struct Scratch {
    accumulators: Vec<Accumulator>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// The `k` best documents for `query`, best first, scoring every matching document.
pub(crate) fn rank_exhaustive(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    k: usize,
) -> Vec<Ranked> {
    let Some(scorer) = Scorer::new(corpus, params, query).filter(|_| k > 0) else {
        return Vec::new();
    };
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch {
            accumulators,
            touched,
        } = scratch;
        if accumulators.len() < corpus.stats.len() {
            accumulators.resize(corpus.stats.len(), Accumulator::default());
        }
        for (i, slot) in query.slots.iter().enumerate() {
            for variant in &slot.variants {
                let scale = scorer.scale(variant.weight, variant.term);
                // Postings of removed documents are scored too and dropped below: cheaper than
                // a liveness check per posting.
                for posting in &corpus.postings[variant.term as usize] {
                    let acc = &mut accumulators[posting.doc as usize];
                    if acc.matched == 0 {
                        touched.push(posting.doc);
                    }
                    scorer.add(acc, i, variant.weight, scale, posting);
                }
            }
        }
        let mut top = TopK::new(k);
        for &doc in touched.iter() {
            let acc = std::mem::take(&mut accumulators[doc as usize]);
            if let Some(ranked) = scorer.finish(doc, &acc) {
                top.offer(ranked);
            }
        }
        touched.clear();
        top.into_sorted()
    })
}
