//! Ranking quality on StackFAQ, and the tuning of the ranking parameters with 2-fold
//! cross-validation: threads are split into two halves; parameters tuned (coordinate ascent on
//! P@1 + MRR@10) on one half's index and queries are scored on the other half, and back.
//!
//! `cargo run -p peerhelp-search --release --example tune` prints the in-sample figures of the
//! default parameters, then each fold's tuned parameters and held-out figures; `-- --tune-all`
//! also tunes on every query (how the defaults were chosen).

#[path = "../tests/support/stackfaq.rs"]
mod stackfaq;

use peerhelp_search::eval::{Metrics, evaluate};
use peerhelp_search::{Document, RankingParams, SearchIndex};

fn index_of(threads: &[&Document]) -> SearchIndex {
    let mut index = SearchIndex::new();
    for &thread in threads {
        index.upsert(thread.clone());
    }
    index
}

fn measure(index: &SearchIndex, queries: &[&(String, i64)]) -> Metrics {
    let runs: Vec<(Vec<i64>, i64)> = queries
        .iter()
        .map(|(query, relevant)| {
            (
                index
                    .search(query, 10)
                    .into_iter()
                    .map(|hit| hit.id)
                    .collect(),
                *relevant,
            )
        })
        .collect();
    evaluate(
        runs.iter()
            .map(|(ranked, relevant)| (&ranked[..], *relevant)),
    )
}

fn objective(m: &Metrics) -> f64 {
    m.p_at_1 + m.mrr_at_10
}

/// Each tuned parameter with its largest sensible value, so coordinate ascent can walk them.
type Field = (fn(&mut RankingParams) -> &mut f32, f32);

const FIELDS: &[Field] = &[
    (|p| &mut p.k1, 20.0),
    (|p| &mut p.title_weight, 20.0),
    (|p| &mut p.body_weight, 20.0),
    (|p| &mut p.top_answer_weight, 20.0),
    (|p| &mut p.other_answers_weight, 20.0),
    (|p| &mut p.title_b, 1.0),
    (|p| &mut p.answers_b, 1.0),
    (|p| &mut p.coverage_exponent, 8.0),
    (|p| &mut p.title_coverage_bonus, 8.0),
    (|p| &mut p.query_in_title_bonus, 8.0),
    (|p| &mut p.relative_weight, 1.0),
];

fn tune(index: &mut SearchIndex, queries: &[&(String, i64)]) -> RankingParams {
    let mut best = RankingParams::default();
    index.set_params(best.clone());
    let mut best_score = objective(&measure(index, queries));
    for _round in 0..3 {
        for (field, max) in FIELDS {
            for factor in [0.0, 0.25, 0.5, 0.75, 1.5, 2.0, 4.0] {
                let mut candidate = best.clone();
                let value = field(&mut candidate);
                // From zero, scaling cannot move: step to a small value instead.
                let start = if *value == 0.0 { 0.25 } else { *value };
                *value = (start * factor).min(*max);
                index.set_params(candidate.clone());
                let score = objective(&measure(index, queries));
                if score > best_score + 1e-9 {
                    best_score = score;
                    best = candidate;
                }
            }
        }
    }
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
