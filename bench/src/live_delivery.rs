//! `live-delivery`: how fast a helper's reply reaches the asker's open widget while 1, 100 or
//! 1,000 widgets hold a live stream, and how fast one change reaches all of them at once.
//! Latency runs from just before the helper's POST to the event arriving at the subscriber.
//! With several nodes (PostgreSQL), the widgets stream from the last node while helpers post on
//! the first, so every figure crosses nodes through the database's LISTEN/NOTIFY.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use peerhelp_api::{LiveEventKind, NEW_HELPER_ANSWERS_PER_HOUR, PresenceStatus};
use peerhelp_server::error::AppError;
use tokio::sync::mpsc;
use tokio::time::timeout;

use crate::database::BackendChoice;
use crate::fixture::{Fixture, SITE};
use crate::live_client::{Arrival, SiteClient};
use crate::server_process::ServerProcess;
use crate::stats::{millis, percentile};

/// How long an event may take before it counts as lost.
const GIVE_UP: Duration = Duration::from_secs(10);

pub async fn run(
    backend: &BackendChoice,
    nodes: usize,
    mut subscriber_counts: Vec<usize>,
    replies: usize,
    broadcasts: usize,
) -> Result<(), AppError> {
    if nodes > 1 && backend.postgres_url.is_none() {
        return Err(AppError::InvalidInput(
            "--nodes above 1 needs PostgreSQL (--postgres-url URL): SQLite is one file on one \
             machine, served by one node"
                .to_owned(),
        ));
    }
    subscriber_counts.sort_unstable();
    let fixture = Fixture::on(backend).await?;
    let mut servers = Vec::with_capacity(nodes);
    for _ in 0..nodes {
        servers.push(ServerProcess::start(&fixture.database_url, SITE).await?);
    }
    let backend_name = fixture.database.backend();
    if nodes == 1 {
        println!("1 node on {backend_name}");
    } else {
        println!(
            "{nodes} nodes on {backend_name}: widgets stream from node {nodes}, helpers post on node 1"
        );
    }
    // Helpers post on the first node; visitors ask and stream on the last.
    let client = SiteClient::new(&servers[0].api);
    let streaming = SiteClient::new(&servers[nodes - 1].api);
    let admin = fixture.credentials.admin_token.clone();
    let (sender, mut arrivals) = mpsc::unbounded_channel();
    let mut helpers = HelperPool::default();
    let presence_helper = client
        .new_helper(&admin, "Presence".into())
        .await
        .map_err(fail)?;
    let mut online = false;
    // The thread each subscriber asked; subscribers are added as the counts grow.
    let mut threads: Vec<i64> = Vec::new();
    for count in subscriber_counts {
        while threads.len() < count {
            let subscriber = threads.len();
            let visitor = streaming.new_visitor().await.map_err(fail)?;
            let title = format!("Benchmark question number {subscriber}");
            let key = format!("question-{subscriber}");
            threads.push(streaming.ask(&visitor, &key, title).await.map_err(fail)?);
            streaming
                .follow(&visitor, subscriber, sender.clone())
                .await
                .map_err(fail)?;
        }

        let mut latencies = Vec::with_capacity(replies);
        for round in 0..replies {
            let subscriber = (round * 7919) % count;
            let thread = threads[subscriber];
            let helper = helpers.next(&client, &admin).await.map_err(fail)?;
            drain(&mut arrivals);
            let started = Instant::now();
            client
                .answer(&helper, thread, format!("Benchmark reply {round}."))
                .await
                .map_err(fail)?;
            let is_reply = |arrival: &Arrival| {
                arrival.subscriber == subscriber
                    && matches!(arrival.kind, LiveEventKind::AnswerPosted { thread_id, .. } if thread_id == thread)
            };
            if let Some(at) = first_arrival(&mut arrivals, is_reply).await {
                latencies.push(at - started);
            }
        }
        let lost = replies - latencies.len();
        println!(
            "{count} subscribers: a reply reaches the asker: {} replies, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, lost {lost}",
            latencies.len(),
            millis(percentile(&mut latencies, 50.0)),
            millis(percentile(&mut latencies, 99.0)),
            millis(percentile(&mut latencies, 100.0)),
        );

        let mut fan_out = Vec::with_capacity(broadcasts * count);
        let mut missed = 0;
        for _ in 0..broadcasts {
            online = !online;
            let status = if online {
                PresenceStatus::Online
            } else {
                PresenceStatus::Away
            };
            drain(&mut arrivals);
            let started = Instant::now();
            client
                .set_presence(&presence_helper, status)
                .await
                .map_err(fail)?;
            let reached = every_arrival(&mut arrivals, count, |arrival| {
                matches!(arrival.kind, LiveEventKind::PresenceChanged { .. })
            })
            .await;
            missed += count - reached.len();
            fan_out.extend(reached.into_iter().map(|at| at - started));
        }
        println!(
            "{count} subscribers: a presence change reaches all of them: {} deliveries, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, lost {missed}",
            fan_out.len(),
            millis(percentile(&mut fan_out, 50.0)),
            millis(percentile(&mut fan_out, 99.0)),
            millis(percentile(&mut fan_out, 100.0)),
        );
    }
    for (node, server) in servers.iter().enumerate() {
        println!(
            "node {} server process RSS at the end: {:.0} MB",
            node + 1,
            server.rss_megabytes()
        );
    }
    Ok(())
}

/// New helpers may post only a few answers an hour, so replies rotate through fresh helpers.
#[derive(Default)]
struct HelperPool {
    current: Option<String>,
    used: u32,
    created: usize,
}

impl HelperPool {
    async fn next(&mut self, client: &SiteClient, admin: &str) -> Result<String, String> {
        match &self.current {
            Some(token) if self.used < NEW_HELPER_ANSWERS_PER_HOUR => {
                self.used += 1;
                Ok(token.clone())
            }
            _ => {
                self.created += 1;
                let name = format!("Bench helper {}", self.created);
                let token = client.new_helper(admin, name).await?;
                self.current = Some(token.clone());
                self.used = 1;
                Ok(token)
            }
        }
    }
}

fn drain(arrivals: &mut mpsc::UnboundedReceiver<Arrival>) {
    while arrivals.try_recv().is_ok() {}
}

/// When the first arrival `wanted` came, or `None` if none came within [`GIVE_UP`].
async fn first_arrival(
    arrivals: &mut mpsc::UnboundedReceiver<Arrival>,
    wanted: impl Fn(&Arrival) -> bool,
) -> Option<Instant> {
    let deadline = Instant::now() + GIVE_UP;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match timeout(left, arrivals.recv()).await {
            Ok(Some(arrival)) if wanted(&arrival) => return Some(arrival.at),
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return None,
        }
    }
}

/// The arrival times of the first event `wanted` at each of `count` subscribers, as many as
/// came within [`GIVE_UP`].
pub async fn every_arrival(
    arrivals: &mut mpsc::UnboundedReceiver<Arrival>,
    count: usize,
    wanted: impl Fn(&Arrival) -> bool,
) -> Vec<Instant> {
    let deadline = Instant::now() + GIVE_UP;
    let mut reached = HashSet::with_capacity(count);
    let mut times = Vec::with_capacity(count);
    while reached.len() < count {
        let left = deadline.saturating_duration_since(Instant::now());
        match timeout(left, arrivals.recv()).await {
            Ok(Some(arrival)) if wanted(&arrival) && reached.insert(arrival.subscriber) => {
                times.push(arrival.at);
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    times
}

pub fn fail(message: String) -> AppError {
    AppError::Io(std::io::Error::other(message))
}
