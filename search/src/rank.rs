//! Ranking: every posting of every alternative of the query's slots scored term at a time into
//! per-document accumulators ([`score`]), then the best `k` documents.

use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::RankingParams;
use crate::corpus::Corpus;
use crate::query::Query;

mod score;

pub(crate) use score::slot_weights;
use score::{Accumulator, Scorer};

/// A ranked document: its slot in the corpus and its score.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct Ranked {
    pub slot: u32,
    pub score: f32,
    /// The query slots the document matches.
    pub matched: u32,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    /// Higher score first, then the older document, so equal scores rank stably.
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.slot.cmp(&self.slot))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

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

/// The `k` best documents for `query`, best first.
pub(crate) fn rank(
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

/// The best `k` of the documents offered, kept as they come.
struct TopK {
    k: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn offer(&mut self, ranked: Ranked) {
        // Most documents rank below the k kept: compared, not pushed and popped.
        if self.heap.len() == self.k && self.heap.peek().is_some_and(|last| ranked < last.0) {
            return;
        }
        self.heap.push(Reverse(ranked));
        if self.heap.len() > self.k {
            self.heap.pop();
        }
    }

    fn into_sorted(self) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self.heap.into_iter().map(|Reverse(r)| r).collect();
        ranked.sort_by(|a, b| b.cmp(a));
        ranked
    }
}
