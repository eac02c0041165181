//! Ranking: the best `k` documents for a query by the score of [`score`] (BM25F over the
//! query's slots, times the coverage, title and answer-quality factors). Postings are scored
//! term at a time into per-document accumulators. [`pruned`] skips the documents that provably
//! cannot reach the `k` best; [`exhaustive`] scores every posting and is what it must equal.

use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::RankingParams;
use crate::corpus::{Corpus, Posting};
use crate::query::{Query, Variant};

mod bounds;
mod candidates;
mod exhaustive;
mod partial;
mod pruned;
mod score;
#[cfg(test)]
mod tests;

use partial::Partial;
use score::Scorer;
pub(crate) use score::slot_weights;

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

/// Per-document state reused across queries on a thread, so a query costs only the documents
/// it touches, never an allocation the size of the corpus.
#[derive(Default)]
struct Scratch {
    /// By document: pruned ranking's partial scores, and the accumulator that scores in query
    /// order use (one array, so a thread keeps one set of accumulators the size of the corpus).
    partials: Vec<Partial>,
    touched: Vec<u32>,
    /// The candidates pruned ranking scores in full.
    marks: candidates::Marks,
}

impl Scratch {
    /// Adds a posting of `variant` of query slot `slot` to its document's accumulator.
    /// Postings of removed documents are scored too and dropped when finished: cheaper than a
    /// liveness check per posting.
    #[inline]
    fn add(
        &mut self,
        scorer: &Scorer,
        slot: usize,
        variant: &Variant,
        scale: f32,
        posting: &Posting,
    ) {
        let acc = self.partials[posting.doc as usize].in_order();
        if acc.matched == 0 {
            self.touched.push(posting.doc);
        }
        scorer.add(acc, slot, variant.weight, scale, posting);
    }

    fn fit(&mut self, docs: usize) {
        if self.partials.len() < docs {
            self.partials.resize(docs, Partial::default());
            self.marks.fit(docs);
        }
    }
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
    with_scorer(
        corpus,
        params,
        query,
        k,
        |scorer, scratch| match pruned::candidates(scorer, query, k, scratch) {
            Some(candidates) => candidates::rank(scorer, query, k, scratch, &candidates),
            None => exhaustive::rank(scorer, query, k, scratch),
        },
    )
}

/// The same as [`rank`] without pruning, to check it against.
pub(crate) fn rank_exhaustive(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    k: usize,
) -> Vec<Ranked> {
    with_scorer(corpus, params, query, k, |scorer, scratch| {
        exhaustive::rank(scorer, query, k, scratch)
    })
}

fn with_scorer(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    k: usize,
    rank: impl FnOnce(&Scorer, &mut Scratch) -> Vec<Ranked>,
) -> Vec<Ranked> {
    let Some(scorer) = Scorer::new(corpus, params, query).filter(|_| k > 0) else {
        return Vec::new();
    };
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.fit(corpus.stats.len());
        rank(&scorer, scratch)
    })
}

/// Offers every touched document's score to `top`, leaving the accumulators cleared.
fn finish_touched(scorer: &Scorer, scratch: &mut Scratch, top: &mut TopK) {
    for &doc in &scratch.touched {
        let mut partial = std::mem::take(&mut scratch.partials[doc as usize]);
        if let Some(ranked) = scorer.finish(doc, partial.in_order()) {
            top.offer(ranked);
        }
    }
    scratch.touched.clear();
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

    /// The `k`-th best score, once `k` documents were offered.
    fn kth_score(&self) -> Option<f32> {
        (self.heap.len() == self.k)
            .then(|| self.heap.peek().map(|last| last.0.score))
            .flatten()
    }

    fn into_sorted(self) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self.heap.into_iter().map(|Reverse(r)| r).collect();
        ranked.sort_by(|a, b| b.cmp(a));
        ranked
    }
}
