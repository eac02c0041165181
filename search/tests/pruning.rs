//! Pruned ranking returns exactly what scoring every matching thread returns: the same threads
//! in the same order with the same scores, on the StackFAQ development set, for whole
//! questions and questions being typed (which match completions), at several result limits, with the default and the
//! untuned parameters, and after threads were removed and added back.

mod support;

use peerhelp_search::tuning::untuned;
use peerhelp_search::{Document, RankingParams, SearchIndex};

/// The question, and the question cut inside its last word, as it reads while being typed.
fn as_typed(question: &str) -> [&str; 2] {
    let text = question.trim_end_matches(|c: char| !c.is_alphanumeric());
    let word_start = text
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |at| at + 1);
    let cut = (word_start..text.len())
        .filter(|&at| text.is_char_boundary(at))
        .nth(text[word_start..].chars().count().div_ceil(2))
        .unwrap_or(text.len());
    [question, &text[..cut]]
}

fn assert_same_rankings(index: &SearchIndex, questions: &[(String, i64)], label: &str) {
    let mut compared = 0;
    for (question, _) in questions {
        for text in as_typed(question) {
            for limit in [1, 3, 10] {
                let pruned = index.search(text, limit);
                let exhaustive = index.search_exhaustive(text, limit);
                let ids = |hits: &[peerhelp_search::Hit]| -> Vec<(i64, u32)> {
                    hits.iter().map(|h| (h.id, h.words_matched)).collect()
                };
                assert_eq!(
                    ids(&pruned),
                    ids(&exhaustive),
                    "{label}: {text:?}, limit {limit}"
                );
                for (p, e) in pruned.iter().zip(&exhaustive) {
                    assert!(
                        (p.score - e.score).abs() <= 1e-6 * e.score.abs().max(1.0),
                        "{label}: {text:?}: score {} pruned, {} exhaustive",
                        p.score,
                        e.score
                    );
                }
                compared += 1;
            }
        }
    }
    assert_eq!(compared, questions.len() * 6);
}

/// The threads with answer votes and acceptance varied, so the answer-quality prior differs
/// between threads as it does in a real community.
fn threads() -> Vec<Document> {
    let mut threads = support::stackfaq::load().threads;
    for thread in &mut threads {
        for (n, answer) in thread.answers.iter_mut().enumerate() {
            answer.votes = (thread.id * 7 + n as i64 * 3) % 25;
            answer.accepted = n == 0 && thread.id % 3 == 0;
        }
    }
    threads
}

#[test]
fn pruned_ranking_equals_exhaustive_ranking() {
    let questions = support::stackfaq::load().queries;
    let threads = threads();
    let mut index = SearchIndex::new();
    for thread in &threads {
        index.upsert(thread.clone());
    }
    for (label, params) in [
        ("default parameters", RankingParams::default()),
        ("untuned parameters", untuned()),
    ] {
        index.set_params(params);
        assert_same_rankings(&index, &questions, label);
    }

    // Removing most threads compacts the index; those added back come after the rest.
    index.set_params(RankingParams::default());
    for thread in threads.iter().step_by(3).chain(threads.iter().step_by(2)) {
        index.remove(thread.id);
    }
    for thread in threads.iter().step_by(2) {
        index.upsert(thread.clone());
    }
    assert_same_rankings(&index, &questions, "after removals");
}
