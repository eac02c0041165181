//! Pruned ranking must actually prune for its comparison with the exhaustive ranking
//! (tests/pruning.rs) to test anything, and for searches of common words to be fast.

use super::bounds::unread_for;
use super::score::Unread;
use super::{Scorer, Scratch, pruned};
use crate::{AnswerText, Document, SearchIndex, query};

/// Thread `id`: every answer mentions the phone; one thread in fifty is about roaming, and
/// one in five says so in its title.
fn thread(id: i64) -> Document {
    let topic = if id % 50 == 0 { "roaming" } else { "battery" };
    let title = if id % 250 == 0 {
        format!("{topic} question number {id}")
    } else {
        format!("question number {id}")
    };
    Document {
        id,
        title,
        body: format!("my phone and its {topic} since the update, thread {id}"),
        answers: vec![AnswerText {
            body: "restart the phone, then check the settings of the phone".into(),
            votes: id % 7,
            accepted: id % 3 == 0,
            verified: false,
        }],
    }
}

fn candidates(index: &SearchIndex, text: &str, k: usize) -> Option<Vec<u32>> {
    let query = query::parse(&index.corpus, &index.params, text);
    let scorer = Scorer::new(&index.corpus, &index.params, &query)?;
    let mut scratch = Scratch::default();
    scratch.fit(index.corpus.stats.len());
    pruned::candidates(&scorer, &query, k, &mut scratch)
}

#[test]
fn a_word_in_every_thread_leaves_few_candidates() {
    let mut index = SearchIndex::new();
    for id in 0..5_000 {
        index.upsert(thread(id));
    }
    for text in ["phone roaming", "roaming phone", "phone roam"] {
        let found = candidates(&index, text, 10).expect("the defaults prune");
        // The 100 threads about roaming can rank first; none of the 4,900 others can.
        assert!(
            !found.is_empty() && found.len() <= 100,
            "{text}: {}",
            found.len()
        );
    }
}

#[test]
fn a_document_matching_one_slot_is_bounded_by_its_best_alternative_there() {
    let by_slot = [4.0, 2.0];
    let unread = Unread {
        score: 6.0,
        slots: 0b11,
        ..Unread::default()
    };
    // Slot 0 read at 1 (less than its unread parts hold) or at 5 (more): the slot then scores
    // 4 or 5, and slot 1 at most 2.
    for (read, best) in [(1.0, 4.0), (5.0, 5.0)] {
        let ahead = unread_for(&unread, &by_slot, 0b01, read);
        assert_eq!(read + ahead.score, best + 2.0, "read {read}");
    }
    // Two slots read: how the read sum splits between them is unknown.
    assert_eq!(unread_for(&unread, &by_slot, 0b11, 5.0).score, 6.0);
}
