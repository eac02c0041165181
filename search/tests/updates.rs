//! Keeping up with the server's feed: replacing, removing, and many updates in a row.

#[path = "support/fixture.rs"]
mod fixture;

use fixture::{doc, ids, index};
use peerhelp_search::SearchIndex;

#[test]
fn upsert_replaces_a_document_with_the_same_id() {
    let mut index = index();
    index.upsert(doc(
        3,
        "Returns policy",
        "",
        &["Send it back within 30 days."],
    ));
    assert_eq!(index.len(), 5);
    assert!(index.search("refund", 10).is_empty());
    assert_eq!(ids(&index.search("returns", 10)), [3]);
}

#[test]
fn removed_documents_are_no_longer_found() {
    let mut index = index();
    index.remove(1);
    index.remove(42);
    assert_eq!(index.len(), 4);
    assert!(index.search("roaming", 10).is_empty());
    assert!(
        index.search("roa", 10).is_empty(),
        "completions only offer words still indexed"
    );
}

#[test]
fn many_updates_keep_results_right() {
    let mut index = SearchIndex::new();
    for round in 0..50 {
        for id in 0..20 {
            index.upsert(doc(id, &format!("Thread {id} version {round}"), "", &[]));
        }
    }
    for id in 10..20 {
        index.remove(id);
    }
    assert_eq!(index.len(), 10);
    assert_eq!(ids(&index.search("version 49", 100)).len(), 10);
    assert!(
        index
            .search("version 48 ", 100)
            .iter()
            .all(|hit| hit.id < 10)
    );
    assert!(index.search("48 ", 100).is_empty());
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shared<T: Send + Sync + Default>() {}
    shared::<SearchIndex>();
}
