//! `peerhelp-bench`: the commands behind the figures in the README. Each prints its figures;
//! nothing here is a test and no test depends on timing.

mod database;
mod fixture;
mod host_cost;
mod live_client;
mod live_delivery;
mod search_latency;
mod search_quality;
mod server_process;
mod sse_capacity;
mod stats;
mod synthetic;
mod tantivy_peer;
mod widget_size;
mod write_throughput;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::database::BackendChoice;

#[derive(Parser)]
#[command(name = "peerhelp-bench", about = "PeerHelp benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Weight of what visitors download: the loader (gzip) and the widget (brotli), from a
    /// release build (`node scripts/web/build.mjs`).
    WidgetSize {
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Fail when the loader or the widget is over its budget (the test script's gate).
        #[arg(long)]
        check: bool,
    },
    /// What the loader costs a page before any interaction (main-thread script, from
    /// Chromium's DevTools metrics) and the time from intent (hover) to the panel drawn,
    /// on the demo brand page with the release build (`node scripts/web/build.mjs`).
    HostCost {
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Fresh page loads measured; the median is printed.
        #[arg(long, default_value_t = 5)]
        runs: u32,
    },
    /// Imports a collection (threads.jsonl + queries.jsonl) through the real import path and
    /// prints P@1, MRR@10 and NDCG@10 of the server's search over its queries.
    SearchQuality {
        #[arg(long, default_value = "search/tests/data/stackfaq")]
        dataset: PathBuf,
    },
    /// Generates threads, serves them over HTTP on SQLite (or PostgreSQL) and measures search
    /// latency (p50/p99) and throughput, in-process and over HTTP.
    SearchLatency {
        #[command(flatten)]
        backend: BackendChoice,
        #[arg(long, default_value_t = 100_000)]
        threads: usize,
        #[arg(long, default_value_t = 5_000)]
        queries: usize,
        /// Concurrent HTTP clients.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Runs a server in a child process and measures how fast a helper's reply reaches the
    /// asker's live stream, and one presence change reaches every stream, at each number of
    /// subscribed widgets (p50/p99 from the POST to the event's arrival).
    LiveDelivery {
        #[command(flatten)]
        backend: BackendChoice,
        /// Server processes on the one database (PostgreSQL only): widgets stream from the
        /// last while helpers post on the first, so every event crosses nodes.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=8))]
        nodes: u8,
        #[arg(long, value_delimiter = ',', default_value = "1,100,1000")]
        subscribers: Vec<usize>,
        /// Replies timed at each subscriber count.
        #[arg(long, default_value_t = 200)]
        replies: usize,
        /// Presence changes broadcast to all subscribers at each count.
        #[arg(long, default_value_t = 10)]
        broadcasts: usize,
    },
    /// Opens this many live streams to a server in a child process and prints its memory, then
    /// checks every stream receives a broadcast.
    SseCapacity {
        #[command(flatten)]
        backend: BackendChoice,
        #[arg(long, default_value_t = 10_000)]
        connections: usize,
    },
    /// Runs a server in a child process and measures how many questions and answers it writes
    /// a second, from many concurrent clients over HTTP, with the latency of each write.
    WriteThroughput {
        #[command(flatten)]
        backend: BackendChoice,
        /// Requests in flight at any moment.
        #[arg(long, default_value_t = 32, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        clients: usize,
        /// Writes in each phase (asking, answering, both).
        #[arg(long, default_value_t = 2_000)]
        operations: usize,
    },
    /// The server the live benchmarks start in a child process (`peerhelp serve` on a free port).
    #[command(hide = true)]
    Serve {
        #[arg(long)]
        database_url: String,
    },
}

#[tokio::main]
async fn main() {
    let result = match Cli::parse().command {
        Command::WidgetSize { dist, check } => widget_size::run(&dist, check).await,
        Command::HostCost { dist, runs } => host_cost::run(&dist, runs).await,
        Command::SearchQuality { dataset } => search_quality::run(&dataset).await,
        Command::SearchLatency {
            backend,
            threads,
            queries,
            concurrency,
        } => search_latency::run(&backend, threads, queries, concurrency).await,
        Command::LiveDelivery {
            backend,
            nodes,
            subscribers,
            replies,
            broadcasts,
        } => live_delivery::run(&backend, nodes.into(), subscribers, replies, broadcasts).await,
        Command::WriteThroughput {
            backend,
            clients,
            operations,
        } => write_throughput::run(&backend, clients, operations).await,
        Command::SseCapacity {
            backend,
            connections,
        } => sse_capacity::run(&backend, connections).await,
        Command::Serve { database_url } => {
            peerhelp_server::serve::serve(
                fixture::bench_config(database_url, None),
                Default::default(),
            )
            .await
        }
    };
    if let Err(error) = result {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
