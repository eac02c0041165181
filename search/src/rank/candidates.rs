//! The candidates of pruned ranking: a set of documents kept both as marks (one bit per
//! document) and as an ascending list, how to find their postings in a list, and their exact
//! scoring.

use super::{Ranked, Scorer, Scratch, TopK, finish_touched};
use crate::corpus::Posting;
use crate::query::Query;

/// A list this many times as long as the candidates is searched for them rather than read.
const SEARCH_RATIO: usize = 16;

/// One bit per document; all clear between queries.
#[derive(Default)]
pub(super) struct Marks(Vec<u64>);

impl Marks {
    pub(super) fn fit(&mut self, docs: usize) {
        self.0.resize(self.0.len().max(docs.div_ceil(64)), 0);
    }

    pub(super) fn mark(&mut self, doc: u32) {
        self.0[doc as usize / 64] |= 1 << (doc % 64);
    }

    pub(super) fn unmark(&mut self, doc: u32) {
        self.0[doc as usize / 64] &= !(1 << (doc % 64));
    }

    fn is_marked(&self, doc: u32) -> bool {
        self.0[doc as usize / 64] & (1 << (doc % 64)) != 0
    }

    /// The marked documents, ascending.
    pub(super) fn ascending(&self) -> Vec<u32> {
        let mut docs = Vec::new();
        for (at, &word) in self.0.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                docs.push((at * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        docs
    }

    /// Calls `visit` with the postings of `candidates` (ascending, and marked) in `postings`:
    /// a long list is searched for them by galloping, a short one read through.
    #[inline]
    pub(super) fn each_posting<'a>(
        &self,
        postings: &'a [Posting],
        candidates: &[u32],
        mut visit: impl FnMut(&'a Posting),
    ) {
        if postings.len() <= SEARCH_RATIO * candidates.len() {
            for posting in postings.iter().filter(|p| self.is_marked(p.doc)) {
                visit(posting);
            }
            return;
        }
        let mut rest = postings;
        for &doc in candidates {
            let mut end = 1;
            while end < rest.len() && rest[end - 1].doc < doc {
                end *= 2;
            }
            let at = rest[..end.min(rest.len())].partition_point(|p| p.doc < doc);
            rest = &rest[at..];
            match rest.split_first() {
                Some((posting, after)) if posting.doc == doc => {
                    visit(posting);
                    rest = after;
                }
                Some(_) => {}
                None => return,
            }
        }
    }
}

/// The best `k` of `candidates` (ascending and marked), each scored from all its postings in
/// query order, as the exhaustive ranking scores it; the marks are cleared.
pub(super) fn rank(
    scorer: &Scorer,
    query: &Query,
    k: usize,
    scratch: &mut Scratch,
    candidates: &[u32],
) -> Vec<Ranked> {
    let mut marks = std::mem::take(&mut scratch.marks);
    for (i, slot) in query.slots.iter().enumerate() {
        for variant in &slot.variants {
            let scale = scorer.scale(variant.weight, variant.term);
            let postings = &scorer.corpus.postings[variant.term as usize];
            // A document is in one list of a term: its order of alternatives is kept.
            for list in &postings.lists {
                marks.each_posting(list, candidates, |posting| {
                    scratch.add(scorer, i, variant, scale, posting);
                });
            }
        }
    }
    for &doc in candidates {
        marks.unmark(doc);
    }
    scratch.marks = marks;
    let mut top = TopK::new(k);
    finish_touched(scorer, scratch, &mut top);
    top.into_sorted()
}
