//! Accumulators for postings read part by part out of query order (`pruned`). A slot's
//! parts may be read apart, with other slots between, so a document meeting a slot again
//! cannot tell how much the new part improves on its best alternative so far. It keeps two
//! sums: one leaving such improvements out and one counting them in full. The BM25F sum of
//! what was read lies between, so the first gives floors and the second ceilings. Scoring in
//! query order (exhaustive, and the candidates' final scores) uses the accumulator alone.

use super::Scorer;
use super::score::Accumulator;
use crate::corpus::Posting;
use crate::query::Variant;

#[derive(Clone, Copy, Default)]
pub(super) struct Partial {
    /// Counting the improvements of parts that met a slot again in full.
    acc: Accumulator,
    /// The part being read when the document was last met (from 1; 0 before any).
    part: u16,
    /// Whether that part met a slot the document had matched in an earlier part.
    again: bool,
    /// What such parts added.
    added_again: f32,
}

impl Partial {
    /// The accumulator alone, for postings added in query order (`Scorer::add`).
    #[inline]
    pub(super) fn in_order(&mut self) -> &mut Accumulator {
        &mut self.acc
    }

    /// True before any posting was added.
    pub(super) fn is_empty(&self) -> bool {
        self.part == 0
    }

    /// Adds a posting of `variant` of slot `slot` with its `score`, read in part number `part`
    /// (from 1).
    #[inline]
    pub(super) fn add(
        &mut self,
        scorer: &Scorer,
        part: u16,
        slot: usize,
        variant: &Variant,
        score: f32,
        posting: &Posting,
    ) {
        if self.part != part {
            self.part = part;
            self.again = self.acc.matched & (1 << slot) != 0;
            if self.again {
                self.acc.reopen_slot();
            }
        }
        let before = self.acc.score();
        scorer.add_scored(&mut self.acc, slot, variant.weight, score, posting);
        if self.again {
            self.added_again += self.acc.score() - before;
        }
    }

    /// At most the true BM25F sum of the postings read so far.
    #[inline]
    pub(super) fn lower_score(&self) -> f32 {
        self.acc.score() - self.added_again
    }

    /// The postings read so far, with [`lower_score`](Self::lower_score).
    pub(super) fn lower(&self) -> Accumulator {
        self.acc.with_score(self.lower_score())
    }

    /// The postings read so far, at least their true BM25F sum.
    pub(super) fn upper(&self) -> &Accumulator {
        &self.acc
    }
}
