//! Ranking quality on the StackFAQ paraphrase collection must stay at or above its targets.
//! The collection's development half is kept in tests/data/stackfaq (StackExchange content,
//! CC BY-SA), so a clone of the repository tests itself.

mod support;

use peerhelp_search::SearchIndex;
use peerhelp_search::eval::evaluate_index;

#[test]
fn stackfaq_quality_meets_targets() {
    let collection = support::stackfaq::load();
    let mut index = SearchIndex::new();
    for thread in collection.threads {
        index.upsert(thread);
    }
    let metrics = evaluate_index(
        &index,
        (collection.queries.iter()).map(|(query, relevant)| (query.as_str(), *relevant)),
    );
    println!("{metrics:?}");
    assert_eq!(metrics.queries, 630);
    assert!(
        metrics.p_at_1 >= 0.80,
        "P@1 {:.3} below 0.80",
        metrics.p_at_1
    );
    assert!(
        metrics.mrr_at_10 >= 0.87,
        "MRR@10 {:.3} below 0.87",
        metrics.mrr_at_10
    );
}
