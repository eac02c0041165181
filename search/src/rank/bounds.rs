//! Per query slot, the most its postings in each list (with the word in the title, dense,
//! sparse) can add to a document's score, from the index's `corpus::bounds`: what pruned
//! ranking weighs the postings it has not read yet by.

use super::Scorer;
use super::score::{Accumulator, Unread};
use crate::RankingParams;
use crate::corpus::{IN_TITLE, LISTS};
use crate::query::Query;

/// One part of a slot's postings, to be read as one: its alternatives' postings in one list.
#[derive(Clone, Copy)]
pub(super) struct Part {
    pub slot: usize,
    pub list: usize,
    pub postings: usize,
}

pub(super) struct SlotBounds {
    /// Per slot and list: the most its best alternative adds to the BM25F sum.
    score: Vec<[f32; LISTS]>,
    /// Per slot: the largest weight of its alternatives found in some title.
    title_weight: Vec<f32>,
    /// The slots' non-empty parts.
    pub parts: Vec<Part>,
    /// The most the coverage, title and answer-quality factors can multiply a BM25F sum by.
    pub factor: f32,
}

/// True when a document's score can only grow as it matches more (no negative weight, bonus
/// or exponent) and length normalisation stays between none and full: what the bounds and the
/// floors of pruned ranking rely on.
fn prunable(p: &RankingParams) -> bool {
    let non_negative = [
        p.title_weight,
        p.body_weight,
        p.top_answer_weight,
        p.other_answers_weight,
        p.prefix_weight,
        p.stem_weight,
        p.relative_weight,
        p.typo_weight,
        p.coverage_exponent,
        p.title_coverage_bonus,
        p.query_in_title_bonus,
        p.prior_weight,
    ];
    p.k1 > 0.0
        && non_negative.iter().all(|&x| x >= 0.0)
        && [p.title_b, p.body_b, p.answers_b]
            .iter()
            .all(|b| (0.0..=1.0).contains(b))
}

impl SlotBounds {
    /// None when the parameters do not allow pruning, or the index's bounds are for others.
    pub(super) fn new(scorer: &Scorer, query: &Query) -> Option<SlotBounds> {
        let corpus = scorer.corpus;
        if !prunable(scorer.params) {
            return None;
        }
        let drift = corpus.bounds.drift(scorer.params, &scorer.norms)?;
        let mut bounds = SlotBounds {
            score: Vec::new(),
            title_weight: Vec::new(),
            parts: Vec::new(),
            factor: 0.0,
        };
        for (slot, alternatives) in query.slots.iter().enumerate() {
            let mut score = [0.0f32; LISTS];
            let mut title_weight = 0.0f32;
            for (list, score) in score.iter_mut().enumerate() {
                let mut postings = 0;
                for v in &alternatives.variants {
                    let len = corpus.postings[v.term as usize].lists[list].len();
                    if len == 0 {
                        continue;
                    }
                    postings += len;
                    let tf = corpus.bounds.of(v.term, list) * drift;
                    let bound = scorer.saturate(scorer.scale(v.weight, v.term), tf);
                    *score = score.max(bound);
                    if list == IN_TITLE {
                        title_weight = title_weight.max(v.weight);
                    }
                }
                if postings > 0 {
                    bounds.parts.push(Part {
                        slot,
                        list,
                        postings,
                    });
                }
            }
            bounds.score.push(score);
            bounds.title_weight.push(title_weight);
        }
        let everything = bounds.unread(scorer, &bounds.parts);
        let unit = Unread {
            score: 1.0,
            ..everything
        };
        bounds.factor = scorer.ceiling(&Accumulator::default(), &unit);
        Some(bounds)
    }

    /// At most what the parts in `unread` add to a document.
    pub(super) fn unread(&self, scorer: &Scorer, unread: &[Part]) -> Unread {
        self.unread_by_slot(scorer, unread).0
    }

    /// The same, and what each slot adds at most.
    pub(super) fn unread_by_slot(&self, scorer: &Scorer, unread: &[Part]) -> (Unread, Vec<f32>) {
        let mut score = vec![0.0f32; self.score.len()];
        let mut ahead = Unread::default();
        for part in unread {
            // A slot adds its best alternative: from one list or another, not several.
            let best = &mut score[part.slot];
            *best = best.max(self.score[part.slot][part.list]);
            ahead.slots |= 1 << part.slot;
            if part.list == IN_TITLE {
                let weight = self.title_weight[part.slot];
                ahead.title_matches += weight;
                ahead.title_idf += weight * scorer.slot_idf(part.slot);
            }
        }
        ahead.score = score.iter().sum();
        (ahead, score)
    }
}

/// What the unread parts (`unread`, and `by_slot` per slot) can add to a document whose read
/// postings match the slots in `matched` and add up to at most `read`. A document matching
/// one slot so far scores it by the better of what it read and what the unread parts hold,
/// not by both: by `read` plus what the parts hold beyond it.
pub(super) fn unread_for(unread: &Unread, by_slot: &[f32], matched: u32, read: f32) -> Unread {
    if !matched.is_power_of_two() {
        return *unread;
    }
    let slot = by_slot[matched.trailing_zeros() as usize];
    Unread {
        score: unread.score - slot.min(read),
        ..*unread
    }
}
