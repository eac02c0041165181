//! Loads the StackFAQ collection (threads and their paraphrased queries) from the shared
//! datasets folder, for the quality test and the tuning example.

use std::path::PathBuf;

use peerhelp_search::{AnswerText, Document};
use serde::Deserialize;

#[derive(Deserialize)]
struct Thread {
    id: String,
    title: String,
    body: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    body: String,
}

#[derive(Deserialize)]
struct Query {
    query: String,
    thread_id: String,
}

pub struct Collection {
    pub threads: Vec<Document>,
    /// Query text and the id of its one relevant thread.
    pub queries: Vec<(String, i64)>,
}

/// "sf-012" → 12: the numeric part of the collection's thread id.
fn numeric_id(id: &str) -> i64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .expect("thread ids end in a number")
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: PathBuf) -> Vec<T> {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {} ({error}): the StackFAQ development set is kept in \
             search/tests/data/stackfaq",
            path.display()
        )
    });
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("valid JSONL"))
        .collect()
}

pub fn load() -> Collection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/stackfaq");
    let threads = read_jsonl::<Thread>(dir.join("threads.jsonl"))
        .into_iter()
        .map(|t| Document {
            id: numeric_id(&t.id),
            title: t.title,
            body: t.body,
            answers: t
                .answers
                .into_iter()
                .map(|a| AnswerText {
                    body: a.body,
                    votes: 0,
                    accepted: false,
                    verified: false,
                })
                .collect(),
        })
        .collect();
    let queries = read_jsonl::<Query>(dir.join("queries.jsonl"))
        .into_iter()
        .map(|q| (q.query, numeric_id(&q.thread_id)))
        .collect();
    Collection { threads, queries }
}
