//! Ranking quality on StackFAQ and the cross-validated tuning of the ranking parameters
//! (`peerhelp_search::tuning`).
//!
//! `cargo run -p peerhelp-search --release --example tune` prints the in-sample figures of the
//! default parameters, then each fold's tuned parameters and held-out figures; `-- --tune-all`
//! also tunes on every query (a starting point for the defaults, which are then judged by the
//! held-out figures).

#[path = "../tests/support/stackfaq.rs"]
mod stackfaq;

use peerhelp_search::eval::Metrics;
use peerhelp_search::tuning::{cross_validate, index_of, measure, tune, untuned};

fn show(label: &str, m: &Metrics) {
    println!(
        "{label}: queries {} P@1 {:.3} MRR@10 {:.3} NDCG@10 {:.3}",
        m.queries, m.p_at_1, m.mrr_at_10, m.ndcg_at_10
    );
}

fn main() {
    let collection = stackfaq::load();
    let mut index = index_of(&collection.threads);
    let all: Vec<_> = collection.queries.iter().collect();
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
    let (folds, held_out) = cross_validate(&collection.threads, &collection.queries);
    for (half, fold) in folds.iter().enumerate() {
        println!("fold tuned on half {half}: {:?}", fold.tuned);
        show("  tuned parameters on the tuning half", &fold.tuning_half);
        show(
            "  default parameters on the held-out half",
            &fold.held_out_defaults,
        );
        show(
            "  tuned parameters on the held-out half",
            &fold.held_out_tuned,
        );
    }
    show(
        "cross-validated (tuned on one half's queries, scored on the other's)",
        &held_out,
    );
}
