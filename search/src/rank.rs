//! Scoring: BM25F over the query's slots, term at a time into per-document accumulators, then
//! the coverage, title and answer-quality factors, and the best `k` documents.

use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::RankingParams;
use crate::corpus::{Corpus, FIELDS, Posting, TITLE};
use crate::query::Query;

#[derive(Clone, Copy, Default)]
struct Accumulator {
    score: f32,
    /// Query slots the document matches, and those it matches in its title.
    matched: u32,
    in_title: u32,
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

/// A ranked document: its slot in the corpus and its score.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct Ranked {
    pub slot: u32,
    pub score: f32,
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

fn idf(docs: f32, df: u32) -> f32 {
    let df = df as f32;
    (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
}

/// How much each query slot counts: the weighted idf of its best alternative. Coverage (and
/// snippet choice) weigh matched slots by it, so missing a rare word costs more.
pub(crate) fn slot_weights(corpus: &Corpus, query: &Query) -> Vec<f32> {
    let docs = corpus.live_docs() as f32;
    let weight = |slot: &crate::query::Slot| {
        slot.variants
            .iter()
            .map(|v| v.weight * idf(docs, corpus.df[v.term as usize]))
            .fold(0.0, f32::max)
    };
    query.slots.iter().map(weight).collect()
}

/// The `k` best documents for `query`, best first.
pub(crate) fn rank(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    k: usize,
) -> Vec<Ranked> {
    let docs = corpus.live_docs() as f32;
    if docs == 0.0 || query.slots.is_empty() || k == 0 {
        return Vec::new();
    }
    let weight = [
        params.title_weight,
        params.body_weight,
        params.top_answer_weight,
        params.other_answers_weight,
    ];
    let b = [
        params.title_b,
        params.body_b,
        params.answers_b,
        params.answers_b,
    ];
    let avg_len: [f32; FIELDS] = corpus.len_sum.map(|sum| (sum as f32 / docs).max(1.0));
    let k1 = params.k1;
    let bm25f = |posting: &Posting| {
        let len = &corpus.stats[posting.doc as usize].len;
        let tf: f32 = (0..FIELDS)
            .filter(|&f| posting.tf[f] > 0)
            .map(|f| {
                weight[f] * f32::from(posting.tf[f])
                    / (1.0 - b[f] + b[f] * len[f] as f32 / avg_len[f])
            })
            .sum();
        tf * (k1 + 1.0) / (k1 + tf)
    };
    let slot_idf = slot_weights(corpus, query);
    let total_idf: f32 = slot_idf.iter().sum();
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch {
            accumulators,
            touched,
        } = scratch;
        if accumulators.len() < corpus.stats.len() {
            accumulators.resize(corpus.stats.len(), Accumulator::default());
        }
        for (i, slot) in query.slots.iter().enumerate() {
            let bit = 1u32 << i;
            let lists: Vec<(&[Posting], f32)> = slot
                .variants
                .iter()
                .map(|v| {
                    (
                        &corpus.postings[v.term as usize][..],
                        v.weight * idf(docs, corpus.df[v.term as usize]),
                    )
                })
                .collect();
            merge(
                &lists,
                |doc, best, in_title| {
                    if !corpus.stats[doc as usize].live {
                        return;
                    }
                    let acc = &mut accumulators[doc as usize];
                    if acc.matched == 0 {
                        touched.push(doc);
                    }
                    acc.score += best;
                    acc.matched |= bit;
                    if in_title {
                        acc.in_title |= bit;
                    }
                },
                &bm25f,
            );
        }
        let mut heap = BinaryHeap::with_capacity(k + 1);
        for &doc in touched.iter() {
            let acc = std::mem::take(&mut accumulators[doc as usize]);
            let stats = &corpus.stats[doc as usize];
            let share = |mask: u32| {
                (0..slot_idf.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| slot_idf[i])
                    .sum::<f32>()
                    / total_idf
            };
            let title_share =
                (acc.in_title.count_ones() as f32 / f32::from(stats.title_terms.max(1))).min(1.0);
            let score = acc.score
                * share(acc.matched).powf(params.coverage_exponent)
                * (1.0
                    + params.title_coverage_bonus * title_share
                    + params.query_in_title_bonus * share(acc.in_title))
                * (1.0 + params.prior_weight * stats.prior);
            heap.push(Reverse(Ranked { slot: doc, score }));
            if heap.len() > k {
                heap.pop();
            }
        }
        touched.clear();
        let mut ranked: Vec<Ranked> = heap.into_iter().map(|Reverse(r)| r).collect();
        ranked.sort_by(|a, b| b.cmp(a));
        ranked
    })
}

/// Walks the posting lists of one slot's alternatives together (they are sorted by slot) and
/// reports each document once, with its best weighted BM25F score among the alternatives and
/// whether any of them is in its title.
fn merge(
    lists: &[(&[Posting], f32)],
    mut visit: impl FnMut(u32, f32, bool),
    bm25f: &impl Fn(&Posting) -> f32,
) {
    let mut cursors = vec![0usize; lists.len()];
    loop {
        let next = lists
            .iter()
            .zip(&cursors)
            .filter_map(|((list, _), &c)| list.get(c))
            .map(|p| p.doc)
            .min();
        let Some(doc) = next else { return };
        let mut best = 0.0f32;
        let mut in_title = false;
        for ((list, weight), cursor) in lists.iter().zip(cursors.iter_mut()) {
            if let Some(posting) = list.get(*cursor).filter(|p| p.doc == doc) {
                best = best.max(weight * bm25f(posting));
                in_title |= posting.tf[TITLE] > 0;
                *cursor += 1;
            }
        }
        visit(doc, best, in_title);
    }
}
