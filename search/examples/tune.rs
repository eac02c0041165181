//! Ranking quality on StackFAQ, and the tuning of the ranking parameters with 2-fold
//! cross-validation: threads are split into two halves; parameters tuned (coordinate ascent on
//! P@1 + MRR@10) on one half's index and queries are scored on the other half, and back.
//!
//! `cargo run -p peerhelp-search --release --example tune` prints the in-sample figures of the
//! default parameters, then each fold's tuned parameters and held-out figures; `-- --tune-all`
//! also tunes on every query (how the defaults were chosen).

#[path = "../tests/support/stackfaq.rs"]
mod stackfaq;

use peerhelp_search::eval::{Metrics, evaluate_index};
use peerhelp_search::{Document, RankingParams, SearchIndex};

fn index_of(threads: &[&Document]) -> SearchIndex {
    let mut index = SearchIndex::new();
    for &thread in threads {
        index.upsert(thread.clone());
    }
    index
}

fn measure(index: &SearchIndex, queries: &[&(String, i64)]) -> Metrics {
    evaluate_index(
        index,
        queries
            .iter()
            .map(|(query, relevant)| (query.as_str(), *relevant)),
    )
}

fn objective(m: &Metrics) -> f64 {
    m.p_at_1 + m.mrr_at_10
}

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

/// Where tuning starts: plain BM25F (classic k1 and b, title counted twice) without the
/// bonuses, so cross-validation measures the whole tuning procedure, not earlier tuning.
fn untuned() -> RankingParams {
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

/// Coordinate ascent over the grid from [`untuned`]; leaves `index` set to the result.
fn tune(index: &mut SearchIndex, queries: &[&(String, i64)]) -> RankingParams {
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

fn show(label: &str, m: &Metrics) {
    println!(
        "{label}: queries {} P@1 {:.3} MRR@10 {:.3} NDCG@10 {:.3}",
        m.queries, m.p_at_1, m.mrr_at_10, m.ndcg_at_10
    );
}

fn main() {
    let collection = stackfaq::load();
    let threads: Vec<&Document> = collection.threads.iter().collect();
    let mut index = index_of(&threads);
    let all: Vec<&(String, i64)> = collection.queries.iter().collect();
    show(
        "in-sample, default parameters, all queries",
        &measure(&index, &all),
    );
    index.set_params(untuned());
    show(
        "in-sample, untuned BM25F, all queries",
        &measure(&index, &all),
    );
    if std::env::args().any(|arg| arg == "--tune-all") {
        let tuned = tune(&mut index, &all);
        println!("tuned on all queries: {tuned:?}");
        show("in-sample, tuned on all queries", &measure(&index, &all));
    }
    // The index always holds every thread (it learns nothing from the queries); the folds
    // split the queries by the thread they ask for, so no thread is both tuned and tested.
    let half_of = |id: i64| {
        threads
            .iter()
            .position(|t| t.id == id)
            .expect("query of a known thread")
            % 2
    };
    let halves: [Vec<&(String, i64)>; 2] = [0, 1].map(|h| {
        all.iter()
            .copied()
            .filter(|(_, id)| half_of(*id) == h)
            .collect()
    });
    let mut held_out = Vec::new();
    for (tune_half, test_half) in [(0, 1), (1, 0)] {
        let tuned = tune(&mut index, &halves[tune_half]);
        println!("fold tuned on half {tune_half}: {tuned:?}");
        show(
            "  tuned parameters on the tuning half",
            &measure(&index, &halves[tune_half]),
        );
        index.set_params(RankingParams::default());
        show(
            "  default parameters on the held-out half",
            &measure(&index, &halves[test_half]),
        );
        index.set_params(tuned);
        let m = measure(&index, &halves[test_half]);
        show("  tuned parameters on the held-out half", &m);
        held_out.push(m);
    }
    let n = (held_out[0].queries + held_out[1].queries) as f64;
    let avg = |f: fn(&Metrics) -> f64| {
        held_out
            .iter()
            .map(|m| f(m) * m.queries as f64)
            .sum::<f64>()
            / n
    };
    println!(
        "cross-validated (tuned on one half's queries, scored on the other's): P@1 {:.3} MRR@10 {:.3} NDCG@10 {:.3}",
        avg(|m| m.p_at_1),
        avg(|m| m.mrr_at_10),
        avg(|m| m.ndcg_at_10)
    );
}
