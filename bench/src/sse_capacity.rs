//! `sse-capacity`: how many live streams one server process holds and at what memory. Opens the
//! streams from this process against a server in a child process, reads the server's resident
//! memory, then checks every stream is alive by broadcasting one presence change to all.

use std::time::Instant;

use futures_util::{StreamExt, stream};
use peerhelp_api::{LiveEventKind, PresenceStatus};
use peerhelp_server::error::AppError;
use tokio::sync::mpsc;

use crate::database::BackendChoice;
use crate::fixture::{Fixture, SITE};
use crate::live_client::SiteClient;
use crate::live_delivery::{every_arrival, fail};
use crate::server_process::ServerProcess;
use crate::stats::{millis, percentile};

/// Requests in flight while setting up: enough to be quick, few enough not to time out.
const SETUP_CONCURRENCY: usize = 64;

pub async fn run(backend: &BackendChoice, connections: usize) -> Result<(), AppError> {
    let fixture = Fixture::on(backend).await?;
    let server = ServerProcess::start(&fixture.database_url, SITE).await?;
    let client = SiteClient::new(&server.api);
    println!("1 node on {}", fixture.database.backend());
    let started = Instant::now();
    let tokens: Vec<String> = stream::iter(0..connections)
        .map(|_| client.new_visitor())
        .buffer_unordered(SETUP_CONCURRENCY)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let idle_rss = server.rss_megabytes();
    println!(
        "created {connections} visitors in {:.1} s; server RSS before any stream: {idle_rss:.0} MB",
        started.elapsed().as_secs_f64()
    );

    let (sender, mut arrivals) = mpsc::unbounded_channel();
    let started = Instant::now();
    let opened = stream::iter(tokens.iter().enumerate())
        .map(|(subscriber, token)| client.follow(token, subscriber, sender.clone()))
        .buffer_unordered(SETUP_CONCURRENCY)
        .filter(|result| std::future::ready(result.is_ok()))
        .count()
        .await;
    let rss = server.rss_megabytes();
    println!(
        "{opened} of {connections} streams open after {:.1} s; server RSS {rss:.0} MB ({:.1} KB per stream)",
        started.elapsed().as_secs_f64(),
        (rss - idle_rss) * 1024.0 / opened.max(1) as f64,
    );

    let helper = client
        .new_helper(&fixture.credentials.admin_token, "Capacity".into())
        .await
        .map_err(fail)?;
    let started = Instant::now();
    client
        .set_presence(&helper, PresenceStatus::Online)
        .await
        .map_err(fail)?;
    let reached = every_arrival(&mut arrivals, opened, |arrival| {
        matches!(arrival.kind, LiveEventKind::PresenceChanged { .. })
    })
    .await;
    let mut latencies: Vec<_> = reached.iter().map(|at| *at - started).collect();
    println!(
        "one presence change reached {} of {opened} streams: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; server RSS {:.0} MB",
        latencies.len(),
        millis(percentile(&mut latencies, 50.0)),
        millis(percentile(&mut latencies, 99.0)),
        millis(percentile(&mut latencies, 100.0)),
        server.rss_megabytes(),
    );
    Ok(())
}
