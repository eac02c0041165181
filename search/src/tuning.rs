//! Tuning the ranking parameters, and measuring the tuning itself by cross-validation: the
//! judged queries are split in two by the thread they ask for; parameters tuned (coordinate
//! ascent on P@1 + MRR@10 over a coarse grid) on one half's queries are scored on the other
//! half's, and back. The held-out mean is what the parameters can be expected to do on
//! questions nobody tuned for; `search-quality` prints it and the defaults are chosen by it.

use crate::eval::{Metrics, evaluate_index};
use crate::{Document, RankingParams, SearchIndex};

/// A query's text and the id of its one relevant thread.
pub type Judged = (String, i64);

/// Each tuned parameter with the values tried: a coarse grid of sane values, so tuning on a
/// few hundred queries cannot chase noise into extreme settings.
type Field = (fn(&mut RankingParams) -> &mut f32, &'static [f32]);

const FIELDS: &[Field] = &[
    (|p| &mut p.k1, &[1.2, 2.0, 4.0, 6.0, 10.0]),
    (|p| &mut p.title_weight, &[1.0, 2.0, 3.0, 5.0, 8.0]),
    (|p| &mut p.top_answer_weight, &[0.25, 0.5, 0.75, 1.0, 1.5]),
    (|p| &mut p.other_answers_weight, &[0.25, 0.5, 0.75, 1.0]),
    (|p| &mut p.title_b, &[0.25, 0.5, 0.75]),
    (|p| &mut p.answers_b, &[0.5, 0.75, 1.0]),
    (|p| &mut p.relative_weight, &[0.0, 0.25, 0.5, 0.75]),
    (|p| &mut p.stem_weight, &[0.5, 0.7, 0.85, 1.0]),
    (|p| &mut p.coverage_exponent, &[0.0, 0.25, 0.5, 1.0, 2.0]),
    (|p| &mut p.title_coverage_bonus, &[0.0, 0.5, 1.0, 2.0]),
    (|p| &mut p.query_in_title_bonus, &[0.0, 0.5, 1.0, 2.0]),
];

/// A change must win at least this much of P@1 + MRR@10 (about three queries of 630) to be
/// taken: smaller gains are within the noise of a few paraphrases.
const MIN_GAIN: f64 = 0.005;

/// Where tuning starts: plain BM25F (classic k1 and b, title counted twice, stems as equals)
/// without the bonuses, so cross-validation measures the whole tuning procedure, not earlier
/// tuning.
pub fn untuned() -> RankingParams {
    RankingParams {
        k1: 1.2,
        title_weight: 2.0,
        top_answer_weight: 1.0,
        other_answers_weight: 1.0,
        title_b: 0.75,
        answers_b: 0.75,
        relative_weight: 0.0,
        stem_weight: 1.0,
        coverage_exponent: 0.0,
        title_coverage_bonus: 0.0,
        query_in_title_bonus: 0.0,
        ..RankingParams::default()
    }
}

/// An index of `threads` with the default parameters.
pub fn index_of<'a>(threads: impl IntoIterator<Item = &'a Document>) -> SearchIndex {
    let mut index = SearchIndex::new();
    for thread in threads {
        index.upsert(thread.clone());
    }
    index
}

/// `queries` run against `index` with its current parameters.
pub fn measure(index: &SearchIndex, queries: &[&Judged]) -> Metrics {
    evaluate_index(
        index,
        queries.iter().map(|(q, relevant)| (q.as_str(), *relevant)),
    )
}

fn objective(m: &Metrics) -> f64 {
    m.p_at_1 + m.mrr_at_10
}

/// Coordinate ascent over the grid from [`untuned`]; leaves `index` set to the result.
pub fn tune(index: &mut SearchIndex, queries: &[&Judged]) -> RankingParams {
    let mut best = untuned();
    index.set_params(best.clone());
    let mut best_score = objective(&measure(index, queries));
    for _round in 0..3 {
        for (field, values) in FIELDS {
            for &value in *values {
                let mut candidate = best.clone();
                *field(&mut candidate) = value;
                index.set_params(candidate.clone());
                let score = objective(&measure(index, queries));
                if score > best_score + MIN_GAIN {
                    best_score = score;
                    best = candidate;
                }
            }
        }
    }
    index.set_params(best.clone());
    best
}

/// One fold: the parameters tuned on one half, and the other half's figures with the default
/// parameters and with the tuned ones.
pub struct Fold {
    pub tuned: RankingParams,
    pub tuning_half: Metrics,
    pub held_out_defaults: Metrics,
    pub held_out_tuned: Metrics,
}

/// Two-fold cross-validation over `queries` on an index of every thread (the index learns
/// nothing from queries, so it may hold them all; no thread's queries are both tuned and
/// tested). Returns the folds and the held-out figures pooled over both.
pub fn cross_validate(threads: &[Document], queries: &[Judged]) -> (Vec<Fold>, Metrics) {
    let mut index = index_of(threads);
    let half_of = |id: i64| threads.iter().position(|t| t.id == id).unwrap_or(0) % 2;
    let halves: [Vec<&Judged>; 2] =
        [0, 1].map(|h| queries.iter().filter(|(_, id)| half_of(*id) == h).collect());
    let folds: Vec<Fold> = [(0, 1), (1, 0)]
        .into_iter()
        .map(|(tune_half, test_half)| {
            let tuned = tune(&mut index, &halves[tune_half]);
            let tuning_half = measure(&index, &halves[tune_half]);
            index.set_params(RankingParams::default());
            let held_out_defaults = measure(&index, &halves[test_half]);
            index.set_params(tuned.clone());
            let held_out_tuned = measure(&index, &halves[test_half]);
            Fold {
                tuned,
                tuning_half,
                held_out_defaults,
                held_out_tuned,
            }
        })
        .collect();
    let pooled = pool(folds.iter().map(|fold| fold.held_out_tuned));
    (folds, pooled)
}

/// Metrics of disjoint query sets combined, weighted by their query counts.
fn pool(parts: impl Iterator<Item = Metrics> + Clone) -> Metrics {
    let queries: usize = parts.clone().map(|m| m.queries).sum();
    let n = queries.max(1) as f64;
    let mean =
        |f: fn(&Metrics) -> f64| parts.clone().map(|m| f(&m) * m.queries as f64).sum::<f64>() / n;
    Metrics {
        queries,
        p_at_1: mean(|m| m.p_at_1),
        mrr_at_10: mean(|m| m.mrr_at_10),
        ndcg_at_10: mean(|m| m.ndcg_at_10),
    }
}
