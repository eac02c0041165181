//! Exact ranking that reads few postings of common words (MaxScore, term at a time). The top
//! documents almost always match the query in their title, and a document without a title
//! match earns no title bonus, so a term's postings are kept in lists: with the word in the
//! title, dense, and sparse (`corpus::TermPostings`). Each slot's postings in one list are a
//! part with its own bound (`bounds`); parts are read shortest first:
//!
//! 1. Scores only grow as postings are added, so the `k`-th best partial score is a floor
//!    under the final `k`-th best. Once the unread parts cannot lift an untouched document to
//!    the floor, no more documents are proposed.
//! 2. The unread parts are read for the touched documents alone, and after each, those whose
//!    partial score plus what the unread parts can add stays below the floor are dropped.
//! 3. The candidates left are scored again from all their postings by the same steps as the
//!    exhaustive ranking, so their scores are the same to the last bit.

use super::bounds::{Part, SlotBounds, unread_for};
use super::score::{Accumulator, Unread};
use super::{Scorer, Scratch, TopK};
use crate::corpus::Posting;
use crate::query::{Query, Variant};

/// A floor costs a pass over the touched documents: taken only while the unread postings are
/// this many times as many.
const FLOOR_COST: usize = 2;
/// Candidates are checked against the floor once the unread parts can add less than this
/// share of it.
const PRUNE_SHARE: f32 = 0.75;

/// The documents that can be among the `k` best for `query`, ascending and marked (for
/// `candidates::rank`); None when the parameters do not allow pruning.
pub(super) fn candidates(
    scorer: &Scorer,
    query: &Query,
    k: usize,
    scratch: &mut Scratch,
) -> Option<Vec<u32>> {
    let bounds = SlotBounds::new(scorer, query)?;
    let mut parts = bounds.parts.clone();
    parts.sort_by_key(|part| part.postings);
    let (read, floor) = propose(scorer, query, k, scratch, &bounds, &parts);
    Some(refine(
        scorer, query, k, scratch, &bounds, &parts, read, floor,
    ))
}

/// Reads parts until the unread ones cannot lift an untouched document to the floor; the
/// touched documents are the proposals. Returns how many parts were read, and the floor then.
fn propose(
    scorer: &Scorer,
    query: &Query,
    k: usize,
    scratch: &mut Scratch,
    bounds: &SlotBounds,
    parts: &[Part],
) -> (usize, f32) {
    let mut unread_postings: usize = parts.iter().map(|part| part.postings).sum();
    // The best lower partial score yet: no floor is above it times the largest factors.
    let mut best = 0.0f32;
    for (read, part) in parts.iter().enumerate() {
        let mut last = None;
        if scratch.touched.len() * FLOOR_COST < unread_postings {
            let unread = bounds.unread(scorer, &parts[read..]);
            let after = bounds.unread(scorer, &parts[read + 1..]);
            let untouched = scorer.ceiling(&Accumulator::default(), &unread);
            let untouched_after = scorer.ceiling(&Accumulator::default(), &after);
            let floor = if best * bounds.factor >= untouched_after {
                floor(
                    scorer,
                    scratch,
                    bounds,
                    &scratch.touched,
                    k,
                    untouched_after,
                )
            } else {
                None
            };
            if let Some(floor) = floor.filter(|&floor| untouched_after < floor) {
                if untouched < floor {
                    return (read, floor);
                }
                // This part is the last to propose documents: one it would touch first is
                // proposed only if its score here can lift it to the floor. Its ceiling is
                // (score + what the later parts add) times the factors at their largest.
                let unit = Unread {
                    score: 1.0,
                    ..unread
                };
                let factors = scorer.ceiling(&Accumulator::default(), &unit);
                last = Some((floor, floor / factors - after.score));
            }
        }
        let limit = last.map_or(f32::NEG_INFINITY, |(_, limit)| limit);
        let number = read as u16 + 1;
        for_part(scorer, query, part, |variant, scale, postings| {
            for posting in postings {
                let score = scorer.score(scale, posting);
                let partial = &mut scratch.partials[posting.doc as usize];
                if partial.is_empty() {
                    // A NaN score (from degenerate parameters) is kept.
                    if score < limit {
                        continue;
                    }
                    scratch.touched.push(posting.doc);
                }
                partial.add(scorer, number, part.slot, variant, score, posting);
                best = best.max(partial.lower_score());
            }
        });
        unread_postings -= part.postings;
        if let Some((floor, _)) = last {
            let fresh = self::floor(scorer, scratch, bounds, &scratch.touched, k, floor);
            return (read + 1, fresh.unwrap_or(floor));
        }
    }
    (parts.len(), f32::NEG_INFINITY)
}

/// Reads the unread parts for the proposed documents alone, dropping the documents that cannot
/// reach the floor as the unread parts dwindle. Returns the candidates left, ascending and
/// marked, their partial accumulators cleared.
#[allow(clippy::too_many_arguments)]
fn refine(
    scorer: &Scorer,
    query: &Query,
    k: usize,
    scratch: &mut Scratch,
    bounds: &SlotBounds,
    parts: &[Part],
    read: usize,
    mut floor: f32,
) -> Vec<u32> {
    for &doc in &scratch.touched {
        scratch.marks.mark(doc);
    }
    scratch.touched.clear();
    let mut candidates = scratch.marks.ascending();
    for next in read..=parts.len() {
        let (unread, by_slot) = bounds.unread_by_slot(scorer, &parts[next..]);
        // While the unread parts can still add most of the floor, few documents would be
        // dropped: not worth a pass over them.
        if next < parts.len() && unread.score >= PRUNE_SHARE * floor {
            read_for_candidates(scorer, query, scratch, &parts[next], next, &candidates);
            continue;
        }
        if next > read || floor == f32::NEG_INFINITY {
            // Partial scores only grow, and the documents dropped were below the floor.
            floor = self::floor(scorer, scratch, bounds, &candidates, k, floor).unwrap_or(floor);
        }
        candidates.retain(|&doc| {
            let partial = &mut scratch.partials[doc as usize];
            let upper = partial.upper();
            let unread = unread_for(&unread, &by_slot, upper.matched, upper.score());
            let stats = &scorer.corpus.stats[doc as usize];
            let ceiling = scorer.ceiling_of(doc, upper, &unread);
            // A NaN score (from degenerate parameters) is kept, as the exhaustive ranking
            // keeps it.
            let keep = stats.live && (ceiling >= floor || ceiling.is_nan());
            if !keep {
                *partial = Default::default();
                scratch.marks.unmark(doc);
            }
            keep
        });
        if let Some(part) = parts.get(next) {
            read_for_candidates(scorer, query, scratch, part, next, &candidates);
        }
    }
    for &doc in &candidates {
        scratch.partials[doc as usize] = Default::default();
    }
    candidates
}

/// Reads part `part` (number `index` in reading order) for the candidates alone.
fn read_for_candidates(
    scorer: &Scorer,
    query: &Query,
    scratch: &mut Scratch,
    part: &Part,
    index: usize,
    candidates: &[u32],
) {
    let number = index as u16 + 1;
    let (marks, partials) = (&scratch.marks, &mut scratch.partials);
    for_part(scorer, query, part, |variant, scale, postings| {
        marks.each_posting(postings, candidates, |posting| {
            let score = scorer.score(scale, posting);
            let partial = &mut partials[posting.doc as usize];
            partial.add(scorer, number, part.slot, variant, score, posting);
        });
    });
}

/// The `k`-th best partial score of `docs` (at most their final scores), if at least `bar`.
fn floor(
    scorer: &Scorer,
    scratch: &Scratch,
    bounds: &SlotBounds,
    docs: &[u32],
    k: usize,
    bar: f32,
) -> Option<f32> {
    let mut top = TopK::new(k);
    let mut bar = bar;
    let nothing_unread = Unread::default();
    for &doc in docs {
        let partial = &scratch.partials[doc as usize];
        // Most documents fall short on bounds that need no document data.
        if partial.lower_score() * bounds.factor < bar {
            continue;
        }
        let lower = partial.lower();
        if scorer.ceiling(&lower, &nothing_unread) < bar {
            continue;
        }
        if let Some(ranked) = scorer.finish(doc, &lower).filter(|r| r.score >= bar) {
            top.offer(ranked);
            bar = top.kth_score().map_or(bar, |kth| kth.max(bar));
        }
    }
    top.kth_score().filter(|floor| !floor.is_nan())
}

/// Calls `read` with each alternative of the part's slot, its scale and its postings in the
/// part.
fn for_part(
    scorer: &Scorer,
    query: &Query,
    part: &Part,
    mut read: impl FnMut(&Variant, f32, &[Posting]),
) {
    for variant in &query.slots[part.slot].variants {
        let scale = scorer.scale(variant.weight, variant.term);
        let postings = &scorer.corpus.postings[variant.term as usize];
        read(variant, scale, &postings.lists[part.list]);
    }
}
