//! Scoring: BM25F over the query's slots, term at a time into per-document accumulators, then
//! the coverage, title and answer-quality factors, and the best `k` documents.

use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::RankingParams;
use crate::corpus::{Corpus, FIELDS, TITLE};
use crate::query::{Query, Slot};

#[derive(Clone, Copy, Default)]
struct Accumulator {
    score: f32,
    /// The current slot's contribution, so a later, better alternative replaces it.
    slot_best: f32,
    /// Query slots the document matches, and those it matches in its title.
    matched: u32,
    in_title: u32,
    /// The current slot's best title match (the weight of its alternative), so a title with
    /// only another form or a correction of a query word earns part of the title bonus.
    title_slot_best: f32,
    /// Title matches summed over slots, each by its weight, plain and by slot idf.
    title_matches: f32,
    title_idf: f32,
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

fn idf(docs: f32, df: u32) -> f32 {
    let df = df as f32;
    (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
}

/// How much each query slot counts: the weighted idf of its best alternative. Coverage (and
/// snippet choice) weigh matched slots by it, so missing a rare word costs more.
pub(crate) fn slot_weights(corpus: &Corpus, query: &Query) -> Vec<f32> {
    let docs = corpus.live_docs() as f32;
    let weight = |slot: &Slot| {
        let idfs = slot
            .variants
            .iter()
            .map(|v| v.weight * idf(docs, corpus.df[v.term as usize]));
        idfs.fold(0.0, f32::max)
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
    // BM25F: a field's count is weighted and divided by 1 - b + b * len / avg_len.
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
    let base: [f32; FIELDS] =
        std::array::from_fn(|f| (1.0 - b[f]) / weight[f].max(f32::MIN_POSITIVE));
    let per_len: [f32; FIELDS] = std::array::from_fn(|f| {
        let avg_len = (corpus.len_sum[f] as f32 / docs).max(1.0);
        b[f] / avg_len / weight[f].max(f32::MIN_POSITIVE)
    });
    let k1 = params.k1;
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
            for variant in &slot.variants {
                let scale =
                    variant.weight * idf(docs, corpus.df[variant.term as usize]) * (k1 + 1.0);
                // Postings of removed documents are scored too and dropped below: cheaper than
                // a liveness check per posting.
                for posting in &corpus.postings[variant.term as usize] {
                    let len = &corpus.stats[posting.doc as usize].len;
                    let mut tf = 0.0;
                    for f in 0..FIELDS {
                        if posting.tf[f] != 0 {
                            tf += f32::from(posting.tf[f]) / (base[f] + per_len[f] * len[f] as f32);
                        }
                    }
                    let score = scale * tf / (k1 + tf);
                    let acc = &mut accumulators[posting.doc as usize];
                    if acc.matched == 0 {
                        touched.push(posting.doc);
                    }
                    if acc.matched & bit == 0 {
                        acc.matched |= bit;
                        acc.slot_best = score;
                        acc.score += score;
                    } else if score > acc.slot_best {
                        acc.score += score - acc.slot_best;
                        acc.slot_best = score;
                    }
                    if posting.tf[TITLE] != 0 {
                        let gain = if acc.in_title & bit == 0 {
                            acc.in_title |= bit;
                            acc.title_slot_best = variant.weight;
                            variant.weight
                        } else {
                            let gain = (variant.weight - acc.title_slot_best).max(0.0);
                            acc.title_slot_best += gain;
                            gain
                        };
                        acc.title_matches += gain;
                        acc.title_idf += gain * slot_idf[i];
                    }
                }
            }
        }
        let share = |mask: u32| {
            let covered: f32 = (0..slot_idf.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| slot_idf[i])
                .sum();
            covered / total_idf
        };
        let mut heap = BinaryHeap::with_capacity(k + 1);
        for &doc in touched.iter() {
            let acc = std::mem::take(&mut accumulators[doc as usize]);
            let stats = &corpus.stats[doc as usize];
            if !stats.live {
                continue;
            }
            let title_share = (acc.title_matches / f32::from(stats.title_terms.max(1))).min(1.0);
            let title_bonus = params.title_coverage_bonus * title_share
                + params.query_in_title_bonus * acc.title_idf / total_idf;
            let score = acc.score
                * share(acc.matched).powf(params.coverage_exponent)
                * (1.0 + title_bonus)
                * (1.0 + params.prior_weight * stats.prior);
            heap.push(Reverse(Ranked {
                slot: doc,
                score,
                matched: acc.matched,
            }));
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
