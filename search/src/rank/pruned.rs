//! Ranking with dynamic pruning (MaxScore): documents are visited in slot order, and once `k`
//! are kept, the query slots whose combined bound cannot beat the `k`-th score stop proposing
//! documents; they are only looked up for the documents the other slots propose. A proposed
//! document whose bound (from the slots it can still match) is below the `k`-th score is not
//! scored. Every scored document is scored by the same steps as in the exhaustive ranking, so
//! the result is the same.

use super::bounds::Bounds;
use super::{Accumulator, Ranked, Scorer, TopK, rank_exhaustive};
use crate::RankingParams;
use crate::corpus::{Corpus, Posting};
use crate::query::Query;

/// A position in the postings of one alternative of one query slot.
struct Cursor<'a> {
    postings: &'a [Posting],
    at: usize,
    slot: usize,
    weight: f32,
    scale: f32,
}

impl Cursor<'_> {
    fn current(&self) -> Option<&Posting> {
        self.postings.get(self.at)
    }

    /// Moves to the first posting of a document at or after `doc` (galloping, since a rare
    /// slot's documents skip far through a common one's), and returns it if it is `doc`'s.
    fn seek(&mut self, doc: u32) -> Option<&Posting> {
        let rest = &self.postings[self.at..];
        if rest.first().is_some_and(|p| p.doc < doc) {
            let mut step = 1;
            while step < rest.len() && rest[step].doc < doc {
                step *= 2;
            }
            let window = &rest[step / 2..rest.len().min(step + 1)];
            self.at += step / 2 + window.partition_point(|p| p.doc < doc);
        }
        self.current().filter(|p| p.doc == doc)
    }
}

/// The `k` best documents for `query`, best first: the same as [`rank_exhaustive`].
pub(crate) fn rank(
    corpus: &Corpus,
    params: &RankingParams,
    query: &Query,
    k: usize,
) -> Vec<Ranked> {
    let Some(scorer) = Scorer::new(corpus, params, query).filter(|_| k > 0) else {
        return Vec::new();
    };
    let Some(bounds) = Bounds::new(&scorer, query) else {
        return rank_exhaustive(corpus, params, query, k);
    };
    // In query order, alternatives in slot order: the order the exhaustive ranking adds them.
    let mut cursors: Vec<Cursor> = Vec::new();
    for (i, slot) in query.slots.iter().enumerate() {
        for variant in &slot.variants {
            cursors.push(Cursor {
                postings: &corpus.postings[variant.term as usize],
                at: 0,
                slot: i,
                weight: variant.weight,
                scale: scorer.scale(variant.weight, variant.term),
            });
        }
    }
    // Slots by their bound, weakest first: they become optional first.
    let mut by_bound: Vec<usize> = (0..query.slots.len()).collect();
    by_bound.sort_by(|&a, &b| bounds.slot(a).total_cmp(&bounds.slot(b)));
    let mut optional_slots = 0;
    let mut optional: u32 = 0;
    let mut proposing: Vec<usize> = (0..cursors.len()).collect();
    let mut top = TopK::new(k);
    loop {
        // The next document a proposing cursor holds, and the slots proposing it.
        let (mut doc, mut proposed) = (u32::MAX, 0u32);
        for &c in &proposing {
            if let Some(posting) = cursors[c].current() {
                let bit = 1 << cursors[c].slot;
                if posting.doc < doc {
                    (doc, proposed) = (posting.doc, bit);
                } else if posting.doc == doc {
                    proposed |= bit;
                }
            }
        }
        if doc == u32::MAX {
            break;
        }
        let threshold = top.threshold();
        let beats = |mask: u32| threshold.is_none_or(|t| bounds.of(&scorer, mask) >= t);
        if beats(proposed | optional) {
            let mut acc = Accumulator::default();
            for cursor in &mut cursors {
                let (slot, weight, scale) = (cursor.slot, cursor.weight, cursor.scale);
                if let Some(posting) = cursor.seek(doc) {
                    scorer.add(&mut acc, slot, weight, scale, posting);
                }
            }
            if let Some(ranked) = beats(acc.matched)
                .then(|| scorer.finish(doc, &acc))
                .flatten()
            {
                top.offer(ranked);
                if let Some(t) = top.threshold() {
                    let before = optional;
                    while let Some(&slot) = by_bound.get(optional_slots) {
                        if bounds.of(&scorer, optional | (1 << slot)) >= t {
                            break;
                        }
                        optional |= 1 << slot;
                        optional_slots += 1;
                    }
                    if optional != before {
                        proposing.retain(|&c| optional & (1 << cursors[c].slot) == 0);
                    }
                }
            }
        }
        for &c in &proposing {
            let cursor = &mut cursors[c];
            if cursor.current().is_some_and(|p| p.doc == doc) {
                cursor.at += 1;
            }
        }
    }
    top.into_sorted()
}
