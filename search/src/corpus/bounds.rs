//! Per-term bounds for pruned ranking: the most a term weighs (its BM25F count before
//! saturation) in any document of each of its lists (`TermPostings`). Most postings of a
//! common word are in its sparse list: no title match, so no title bonus, and a low weight;
//! with these bounds pruned ranking skips most of them (`rank::pruned`).
//!
//! They depend on the ranking parameters and on the average field lengths. Rather than being
//! recomputed whenever an average moves, a bound computed under one length normalisation holds
//! under another once scaled by how much the normaliser shrank ([`TermBounds::drift`]); they
//! are recomputed when that factor grows past [`MAX_DRIFT`] or the parameters change.

use super::{DocStats, FIELDS, LISTS, TermPostings};
use crate::RankingParams;
use crate::norms::FieldNorms;
use crate::vocab::TermId;

/// Largest loosening by drifting averages before the bounds are recomputed.
const MAX_DRIFT: f32 = 1.05;

#[derive(Default)]
pub(crate) struct TermBounds {
    /// By term and list: the largest weighted, normalised count of a posting.
    by_term: Vec<[f32; LISTS]>,
    /// The parameters the bounds were computed with (None before any).
    params: Option<RankingParams>,
    /// The largest length normaliser of each field any bound was computed with.
    per_len: [f32; FIELDS],
}

impl TermBounds {
    /// The bound of `term`'s postings in `list`, computed under older norms: multiply by
    /// [`drift`](Self::drift) for the current ones.
    pub(crate) fn of(&self, term: TermId, list: usize) -> f32 {
        self.by_term.get(term as usize).map_or(0.0, |b| b[list])
    }

    /// The factor the bounds must be multiplied by to hold under `norms` (the current ones), or
    /// None when they were computed for other parameters. A count divided by
    /// `base + per_len * len` grows by at most `old per_len / new per_len` when `per_len`
    /// shrinks, and not at all when it grows.
    pub(crate) fn drift(&self, params: &RankingParams, norms: &FieldNorms) -> Option<f32> {
        if self.params.as_ref() != Some(params) {
            return None;
        }
        let drift = (0..FIELDS)
            .filter(|&f| self.per_len[f] > norms.per_len[f])
            .map(|f| self.per_len[f] / norms.per_len[f])
            .fold(1.0, f32::max);
        Some(drift)
    }

    /// True when the bounds are for `params` and close enough to `norms` to be kept.
    pub(super) fn hold(&self, params: &RankingParams, norms: &FieldNorms) -> bool {
        self.drift(params, norms).is_some_and(|d| d <= MAX_DRIFT)
    }

    /// Raises the bound of `term` in `list` to a new posting's `weight`; then
    /// [`raised_with`](Self::raised_with) the norms it was weighed with.
    pub(super) fn raise(&mut self, term: TermId, list: usize, weight: f32) {
        if self.by_term.len() <= term as usize {
            self.by_term.resize(term as usize + 1, [0.0; LISTS]);
        }
        let bound = &mut self.by_term[term as usize][list];
        *bound = bound.max(weight);
    }

    pub(super) fn raised_with(&mut self, norms: &FieldNorms) {
        for (raised, now) in self.per_len.iter_mut().zip(norms.per_len) {
            *raised = raised.max(now);
        }
    }

    /// Computes every bound afresh from the live documents' postings.
    pub(super) fn recompute(
        &mut self,
        params: &RankingParams,
        norms: &FieldNorms,
        postings: &[TermPostings],
        stats: &[DocStats],
    ) {
        let bound = |list: &[super::Posting]| {
            let live = list.iter().filter_map(|p| {
                let stats = &stats[p.doc as usize];
                stats.live.then(|| norms.weigh(&p.tf, &stats.len))
            });
            live.fold(0.0, f32::max)
        };
        self.by_term = postings
            .iter()
            .map(|p| std::array::from_fn(|list| bound(&p.lists[list])))
            .collect();
        self.params = Some(params.clone());
        self.per_len = norms.per_len;
    }
}
