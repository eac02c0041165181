//! `search-latency`: search speed at scale, in-process and over real HTTP, on SQLite or
//! PostgreSQL, with tantivy in process on the same threads and queries as the peer.

use std::sync::Arc;
use std::time::{Duration, Instant};

use peerhelp_server::error::AppError;

use crate::database::BackendChoice;
use crate::fixture::{Fixture, SITE};
use crate::stats::{millis, percentile, rss_kilobytes};
use crate::synthetic::{self, Rng};
use crate::tantivy_peer::Peer;

pub async fn run(
    backend: &BackendChoice,
    thread_count: usize,
    query_count: usize,
    concurrency: usize,
) -> Result<(), AppError> {
    let mut rng = Rng::new(0x5eed);
    let threads = synthetic::threads(thread_count, &mut rng);
    let queries = Arc::new(synthetic::queries(&threads, query_count, &mut rng));
    let fixture = Fixture::on(backend).await?;

    let started = Instant::now();
    fixture.import(&threads).await?;
    println!(
        "imported {thread_count} generated threads into {} in {:.1} s",
        fixture.database.backend(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let peer = Peer::build(&threads)?;
    println!(
        "tantivy indexed the same threads in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(threads);
    let started = Instant::now();
    let directory = fixture.directory().await?;
    println!(
        "built the search index in {:.1} s; process RSS now {} MB",
        started.elapsed().as_secs_f64(),
        rss_kilobytes("/proc/self/status") / 1024
    );

    let mut in_process = Vec::with_capacity(queries.len());
    let started = Instant::now();
    for query in queries.iter() {
        let one = Instant::now();
        std::hint::black_box(directory.search(fixture.site.id, query, 10));
        in_process.push(one.elapsed());
    }
    report(
        "in-process search (one core)",
        &mut in_process,
        started.elapsed(),
    );
    drop(directory);
    let started = Instant::now();
    let mut peer_latencies = peer.search_all(&queries)?;
    report(
        "tantivy in process, same threads and queries (one core)",
        &mut peer_latencies,
        started.elapsed(),
    );
    drop(peer);

    let base = format!(
        "http://{}/api/v1/sites/{SITE}/search",
        fixture.serve().await?
    );
    let client = reqwest::Client::new();
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let (client, base, queries) = (client.clone(), base.clone(), queries.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                for query in queries.iter().skip(worker).step_by(concurrency) {
                    let one = Instant::now();
                    let response = client
                        .get(&base)
                        .query(&[("q", query.as_str()), ("limit", "10")])
                        .send()
                        .await;
                    let ok = match response {
                        Ok(response) => {
                            response.status().is_success() && response.bytes().await.is_ok()
                        }
                        Err(_) => false,
                    };
                    assert!(ok, "search request for {query:?} failed");
                    latencies.push(one.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut over_http = Vec::new();
    for worker in workers {
        over_http.extend(worker.await.expect("worker panicked"));
    }
    report(
        &format!("HTTP GET /search, {concurrency} concurrent clients"),
        &mut over_http,
        started.elapsed(),
    );
    Ok(())
}

fn report(what: &str, latencies: &mut [Duration], wall: Duration) {
    let count = latencies.len();
    println!(
        "{what}: {count} queries, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, throughput {:.0} queries/s",
        millis(percentile(latencies, 50.0)),
        millis(percentile(latencies, 99.0)),
        millis(percentile(latencies, 100.0)),
        count as f64 / wall.as_secs_f64()
    );
}
