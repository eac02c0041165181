//! Upper bounds of a document's score from the query slots it can match, for pruning. They
//! follow the score's every factor, so they hold for any parameters with the signs tuning
//! uses: a slot's BM25F part is bounded by its terms' largest counts and densities
//! (`TermBound`), the coverage by the slots' share of the query's idf, the title bonus by the
//! slots whose terms are in some title, and the answer-quality factor by its largest value.

use super::{Scorer, TABLED_SLOTS};
use crate::corpus::{FIELDS, TITLE, TermBound};
use crate::query::Query;

/// Bounds are raised by this share, so float rounding in the score cannot cross them.
const MARGIN: f32 = 1e-3;

pub(super) struct Bounds {
    /// Per query slot: the most its best alternative adds to a document's BM25F sum.
    slot: Vec<f32>,
    /// Per query slot: the largest weight of its alternatives found in some title.
    title_weight: Vec<f32>,
    /// The bound of each subset of slots, by mask, for short queries.
    table: Vec<f32>,
}

impl Bounds {
    /// None when the parameters make a factor shrink as a document matches more (a negative
    /// bonus or exponent), which these bounds don't follow: such a query is ranked exhaustively.
    pub(super) fn new(scorer: &Scorer, query: &Query) -> Option<Bounds> {
        let p = scorer.params;
        let sound = p.k1 > 0.0
            && [p.title_weight, p.body_weight]
                .into_iter()
                .chain([p.top_answer_weight, p.other_answers_weight])
                .all(|w| w > 0.0)
            && [p.title_b, p.body_b, p.answers_b]
                .into_iter()
                .all(|b| (0.0..=1.0).contains(&b))
            && [p.coverage_exponent, p.title_coverage_bonus]
                .into_iter()
                .chain([p.query_in_title_bonus, p.prior_weight])
                .all(|x| x >= 0.0);
        if !sound {
            return None;
        }
        let term_bound = |term: u32| &scorer.corpus.bounds[term as usize];
        let slot = query.slots.iter().map(|slot| {
            let variant_bound = slot.variants.iter().map(|v| {
                let tf = saturation_bound(scorer, term_bound(v.term));
                scorer.scale(v.weight, v.term) * tf / (p.k1 + tf)
            });
            variant_bound.fold(0.0, f32::max)
        });
        let title_weight = query.slots.iter().map(|slot| {
            let in_titles = slot
                .variants
                .iter()
                .filter(|v| term_bound(v.term).max_tf[TITLE] > 0);
            in_titles.map(|v| v.weight).fold(0.0, f32::max)
        });
        let mut bounds = Bounds {
            slot: slot.collect(),
            title_weight: title_weight.collect(),
            table: Vec::new(),
        };
        if query.slots.len() <= TABLED_SLOTS {
            bounds.table = (0..1u32 << query.slots.len())
                .map(|mask| bounds.compute(scorer, mask))
                .collect();
        }
        Some(bounds)
    }

    pub(super) fn slot(&self, slot: usize) -> f32 {
        self.slot[slot]
    }

    /// The most a document matching only slots in `mask` can score.
    pub(super) fn of(&self, scorer: &Scorer, mask: u32) -> f32 {
        match self.table.get(mask as usize) {
            Some(&bound) => bound,
            None => self.compute(scorer, mask),
        }
    }

    fn compute(&self, scorer: &Scorer, mask: u32) -> f32 {
        let (mut sum, mut covered, mut title_weight, mut title_idf) = (0.0, 0.0, 0.0, 0.0);
        for i in (0..self.slot.len()).filter(|i| mask & (1 << i) != 0) {
            sum += self.slot[i];
            covered += scorer.slot_idf[i];
            title_weight += self.title_weight[i];
            title_idf += self.title_weight[i] * scorer.slot_idf[i];
        }
        let p = scorer.params;
        let share = (covered / scorer.total_idf).min(1.0);
        // A title has at least one word, so its matched share is at most the matched weight.
        let title_bonus = p.title_coverage_bonus * title_weight.min(1.0)
            + p.query_in_title_bonus * title_idf / scorer.total_idf;
        // The answer-quality prior is at most 1.
        sum * share.powf(p.coverage_exponent)
            * (1.0 + title_bonus)
            * (1.0 + p.prior_weight)
            * (1.0 + MARGIN)
    }
}

/// The largest weighted, length-normalised count a term can have in a document. In each
/// field a count `tf` in `len` words gives tf / (base + per_len * len); with tf at most the
/// term's largest count and tf / len at most its largest density, that is at most
/// 1 / (base / max_tf + per_len / max_density).
fn saturation_bound(scorer: &Scorer, bound: &TermBound) -> f32 {
    (0..FIELDS)
        .filter(|&f| bound.max_tf[f] != 0)
        .map(|f| {
            1.0 / (scorer.base[f] / f32::from(bound.max_tf[f])
                + scorer.per_len[f] / bound.max_density[f])
        })
        .sum()
}
