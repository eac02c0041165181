//! A document's score: BM25F over the query's slots (each scored by its best alternative),
//! times the coverage, title and answer-quality factors.

use crate::RankingParams;
use crate::corpus::{Corpus, Posting, TITLE};
use crate::norms::FieldNorms;
use crate::query::{Query, Slot};

use super::Ranked;

#[derive(Clone, Copy, Default)]
pub(super) struct Accumulator {
    score: f32,
    /// The current slot's contribution, so a later, better alternative replaces it.
    slot_best: f32,
    /// Query slots the document matches, and those it matches in its title.
    pub matched: u32,
    in_title: u32,
    /// The current slot's best title match (the weight of its alternative), so a title with
    /// only another form or a correction of a query word earns part of the title bonus.
    title_slot_best: f32,
    /// Title matches summed over slots, each by its weight, plain and by slot idf.
    title_matches: f32,
    title_idf: f32,
}

impl Accumulator {
    pub(super) fn score(&self) -> f32 {
        self.score
    }

    /// The same with another BM25F sum.
    pub(super) fn with_score(self, score: f32) -> Accumulator {
        Accumulator { score, ..self }
    }

    /// Lets the postings that follow add their slot's contribution in full, as if the
    /// document had not matched the slot yet: for a slot met again after others.
    pub(super) fn reopen_slot(&mut self) {
        self.slot_best = 0.0;
    }
}

/// At most what the postings not read yet can add to a document's accumulator.
#[derive(Clone, Copy, Default)]
pub(super) struct Unread {
    /// The most each slot with unread postings can add, summed.
    pub score: f32,
    /// The slots with unread postings.
    pub slots: u32,
    /// The title matches (by weight and by slot idf) the slots with unread title postings
    /// can add.
    pub title_matches: f32,
    pub title_idf: f32,
}

/// Ceilings are raised by this share, so that float rounding cannot put a score above one.
const MARGIN: f32 = 1e-3;

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

/// A query's scoring constants, and the score of a document from its postings.
pub(super) struct Scorer<'a> {
    pub corpus: &'a Corpus,
    pub params: &'a RankingParams,
    docs: f32,
    pub norms: FieldNorms,
    slot_idf: Vec<f32>,
    total_idf: f32,
    /// The coverage factor of each set of matched slots, by mask, for queries of up to
    /// `TABLED_SLOTS` slots: computed once rather than for every matching document.
    coverage: Vec<f32>,
}

/// Queries with at most this many slots get per-mask factors computed up front.
const TABLED_SLOTS: usize = 8;

impl<'a> Scorer<'a> {
    /// None when nothing can match.
    pub(super) fn new(
        corpus: &'a Corpus,
        params: &'a RankingParams,
        query: &Query,
    ) -> Option<Self> {
        let docs = corpus.live_docs() as f32;
        if docs == 0.0 || query.slots.is_empty() {
            return None;
        }
        let norms = corpus.norms(params);
        let slot_idf = slot_weights(corpus, query);
        let total_idf = slot_idf.iter().sum();
        let mut scorer = Scorer {
            corpus,
            params,
            docs,
            norms,
            slot_idf,
            total_idf,
            coverage: Vec::new(),
        };
        if query.slots.len() <= TABLED_SLOTS {
            scorer.coverage = (0..1u32 << query.slots.len())
                .map(|mask| scorer.compute_coverage(mask))
                .collect();
        }
        Some(scorer)
    }

    /// The factor a variant's saturated count is multiplied by.
    pub(super) fn scale(&self, weight: f32, term: u32) -> f32 {
        weight * idf(self.docs, self.corpus.df[term as usize]) * (self.params.k1 + 1.0)
    }

    /// A variant's score from its weighted, normalised count: BM25 saturation.
    #[inline]
    pub(super) fn saturate(&self, scale: f32, tf: f32) -> f32 {
        scale * tf / (self.params.k1 + tf)
    }

    /// Adds one posting of a variant of query slot `slot` to its document's accumulator.
    #[inline]
    pub(super) fn add(
        &self,
        acc: &mut Accumulator,
        slot: usize,
        weight: f32,
        scale: f32,
        posting: &Posting,
    ) {
        let score = self.score(scale, posting);
        self.add_scored(acc, slot, weight, score, posting);
    }

    /// A posting's score, for a variant with this scale.
    #[inline]
    pub(super) fn score(&self, scale: f32, posting: &Posting) -> f32 {
        let len = &self.corpus.stats[posting.doc as usize].len;
        self.saturate(scale, self.norms.weigh(&posting.tf, len))
    }

    /// Adds one posting, with its [`score`](Self::score), to its document's accumulator.
    pub(super) fn add_scored(
        &self,
        acc: &mut Accumulator,
        slot: usize,
        weight: f32,
        score: f32,
        posting: &Posting,
    ) {
        let bit = 1u32 << slot;
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
                acc.title_slot_best = weight;
                weight
            } else {
                let gain = (weight - acc.title_slot_best).max(0.0);
                acc.title_slot_best += gain;
                gain
            };
            acc.title_matches += gain;
            acc.title_idf += gain * self.slot_idf[slot];
        }
    }

    /// The share of the query's idf mass the slots in `mask` carry, to the coverage exponent.
    #[inline]
    fn coverage(&self, mask: u32) -> f32 {
        match self.coverage.get(mask as usize) {
            Some(&factor) => factor,
            None => self.compute_coverage(mask),
        }
    }

    fn compute_coverage(&self, mask: u32) -> f32 {
        let covered: f32 = (0..self.slot_idf.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| self.slot_idf[i])
            .sum();
        (covered / self.total_idf).powf(self.params.coverage_exponent)
    }

    pub(super) fn slot_idf(&self, slot: usize) -> f32 {
        self.slot_idf[slot]
    }

    /// At most the score of any document whose read postings are in `acc`, once the unread
    /// ones are added. Every factor only grows as postings are added, so each is taken at its
    /// largest (`rank::bounds` checks the parameters allow it), for a one-word title and the
    /// best answers.
    #[inline]
    pub(super) fn ceiling(&self, acc: &Accumulator, unread: &Unread) -> f32 {
        self.ceiling_for(acc, unread, 1, 1.0)
    }

    /// The same for document `doc`, with its title length and answer quality.
    #[inline]
    pub(super) fn ceiling_of(&self, doc: u32, acc: &Accumulator, unread: &Unread) -> f32 {
        let stats = &self.corpus.stats[doc as usize];
        self.ceiling_for(acc, unread, stats.title_terms.max(1), stats.prior)
    }

    #[inline]
    fn ceiling_for(&self, acc: &Accumulator, unread: &Unread, title_terms: u16, prior: f32) -> f32 {
        let params = self.params;
        let title_share = (acc.title_matches + unread.title_matches) / f32::from(title_terms);
        let title_bonus = params.title_coverage_bonus * title_share.min(1.0)
            + params.query_in_title_bonus * (acc.title_idf + unread.title_idf) / self.total_idf;
        (acc.score + unread.score)
            * self.coverage(acc.matched | unread.slots)
            * (1.0 + title_bonus)
            * (1.0 + params.prior_weight * prior)
            * (1.0 + MARGIN)
    }

    /// The document's score from its accumulated postings; None for a removed document.
    pub(super) fn finish(&self, doc: u32, acc: &Accumulator) -> Option<Ranked> {
        let stats = &self.corpus.stats[doc as usize];
        if !stats.live {
            return None;
        }
        let params = self.params;
        let title_share = (acc.title_matches / f32::from(stats.title_terms.max(1))).min(1.0);
        let title_bonus = params.title_coverage_bonus * title_share
            + params.query_in_title_bonus * acc.title_idf / self.total_idf;
        let score = acc.score
            * self.coverage(acc.matched)
            * (1.0 + title_bonus)
            * (1.0 + params.prior_weight * stats.prior);
        Some(Ranked {
            slot: doc,
            score,
            matched: acc.matched,
        })
    }
}
