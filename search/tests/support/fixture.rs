//! A small index of threads for the behaviour tests.

use peerhelp_search::{AnswerText, Document, Hit, SearchIndex};

pub fn doc(id: i64, title: &str, body: &str, answers: &[&str]) -> Document {
    let answers = answers
        .iter()
        .map(|a| AnswerText {
            body: a.to_string(),
            votes: 0,
            accepted: false,
            verified: false,
        })
        .collect();
    Document {
        id,
        title: title.into(),
        body: body.into(),
        answers,
    }
}

/// Five small threads about different things.
pub fn index() -> SearchIndex {
    let mut index = SearchIndex::new();
    index.upsert(doc(
        1,
        "Roaming charges abroad",
        "Is data roaming free in the EU?",
        &["Roaming is free in the EU."],
    ));
    index.upsert(doc(
        2,
        "How do I activate my eSIM?",
        "",
        &["Scan the QR code under Settings > Mobile data."],
    ));
    index.upsert(doc(
        3,
        "Refund for a cancelled order",
        "I cancelled yesterday.",
        &["Refunds take 5 days."],
    ));
    index.upsert(doc(4, "Café opening hours", "", &["We open at 8."]));
    index.upsert(doc(
        5,
        "Strikethrough on GitHub",
        "",
        &["Use ~~tildes~~ around the words."],
    ));
    index
}

pub fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|hit| hit.id).collect()
}
