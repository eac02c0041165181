//! `search-quality`: ranking metrics of the server's search on a judged collection, and the
//! cross-validated figures of tuning the ranking on it (what to expect on unseen questions).

use std::collections::HashMap;
use std::path::Path;

use peerhelp_api::CommunityThread;
use peerhelp_search::eval::{Metrics, evaluate};
use peerhelp_search::tuning::cross_validate;
use peerhelp_search::{AnswerText, Document};
use peerhelp_server::error::AppError;
use peerhelp_server::import::parse_community_file;
use serde::Deserialize;

use crate::fixture::Fixture;

#[derive(Deserialize)]
struct Judgement {
    query: String,
    thread_id: String,
}

pub async fn run(dataset: &Path) -> Result<(), AppError> {
    let read = |name: &str| {
        std::fs::read_to_string(dataset.join(name)).map_err(|e| {
            AppError::InvalidInput(format!("cannot read {}: {e}", dataset.join(name).display()))
        })
    };
    let threads = parse_community_file(&read("threads.jsonl")?)?;
    let judgements: Vec<Judgement> = read("queries.jsonl")?
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str(line)
                .map_err(|e| AppError::InvalidInput(format!("queries.jsonl: {e}")))
        })
        .collect::<Result<_, _>>()?;

    let fixture = Fixture::new().await?;
    fixture.import(&threads).await?;
    let directory = fixture.directory().await?;

    // Metrics compare ids: number the external ids the collection uses.
    let mut numbers: HashMap<String, i64> = HashMap::new();
    let mut number = |external: &str| {
        let next = numbers.len() as i64;
        *numbers.entry(external.to_owned()).or_insert(next)
    };
    let runs: Vec<(Vec<i64>, i64)> = judgements
        .iter()
        .map(|judgement| {
            let (hits, _close) = directory.search(fixture.site.id, &judgement.query, 10);
            let ranked = hits
                .iter()
                .map(|hit| number(hit.external_id.as_deref().unwrap_or_default()))
                .collect();
            (ranked, number(&judgement.thread_id))
        })
        .collect();
    let metrics = evaluate(
        runs.iter()
            .map(|(ranked, relevant)| (ranked.as_slice(), *relevant)),
    );
    println!(
        "collection: {} ({} threads, {} queries)",
        dataset.display(),
        threads.len(),
        metrics.queries
    );
    show("default parameters, through the server", &metrics);

    let documents: Vec<Document> = threads
        .iter()
        .map(|thread| document(thread, number(thread.id.as_deref().unwrap_or_default())))
        .collect();
    let judged: Vec<(String, i64)> = judgements
        .iter()
        .map(|judgement| (judgement.query.clone(), number(&judgement.thread_id)))
        .collect();
    let (_, held_out) = cross_validate(&documents, &judged);
    show(
        "cross-validated, 2 folds (tuned on one half's queries, scored on the other's)",
        &held_out,
    );
    Ok(())
}

fn show(label: &str, metrics: &Metrics) {
    println!(
        "{label}: P@1 {:.3}  MRR@10 {:.3}  NDCG@10 {:.3}",
        metrics.p_at_1, metrics.mrr_at_10, metrics.ndcg_at_10
    );
}

/// A thread as the search index takes it, without the server (tuning re-ranks thousands of
/// times and needs the index alone).
fn document(thread: &CommunityThread, id: i64) -> Document {
    Document {
        id,
        title: thread.title.clone(),
        body: thread.body.clone(),
        answers: thread
            .answers
            .iter()
            .map(|answer| AnswerText {
                body: answer.body.clone(),
                votes: answer.votes,
                accepted: answer.accepted,
                verified: false,
            })
            .collect(),
    }
}
