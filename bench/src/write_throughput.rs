//! `write-throughput`: how many questions and answers one node writes a second. Many clients post
//! at once over real HTTP to a server in a child process (rate limits off): visitors asking,
//! then helpers answering those questions, then both at once. Each phase prints the writes a
//! second and the latency of one write (p50/p99, from sending the request to its response).

use std::time::{Duration, Instant};

use futures_util::{StreamExt, stream};
use peerhelp_api::NEW_HELPER_ANSWERS_PER_HOUR;
use peerhelp_server::error::AppError;

use crate::database::BackendChoice;
use crate::fixture::{Fixture, SITE};
use crate::live_client::{CallResult, SiteClient};
use crate::live_delivery::fail;
use crate::server_process::ServerProcess;
use crate::stats::{millis, percentile};
use crate::synthetic::{self, Rng};

/// Requests in flight while creating visitors and helpers (not measured).
const SETUP_CONCURRENCY: usize = 16;

/// One write a client makes.
enum Write {
    Ask {
        visitor: usize,
        key: String,
        title: String,
    },
    Answer {
        helper: usize,
        thread: i64,
        body: String,
    },
}

/// What one write took, and the thread a question made.
struct Done {
    asked: Option<i64>,
    took: Duration,
}

pub async fn run(
    backend: &BackendChoice,
    clients: usize,
    operations: usize,
) -> Result<(), AppError> {
    let fixture = Fixture::on(backend).await?;
    let server = ServerProcess::start(&fixture.database_url, SITE).await?;
    let client = SiteClient::new(&server.api);
    println!(
        "1 node on {}: {clients} concurrent clients, {operations} writes a phase",
        fixture.database.backend()
    );

    // Realistic text: titles and answers drawn like the search benchmark's threads.
    let mut rng = Rng::new(0x5eed);
    let texts = synthetic::threads(operations * 2, &mut rng);
    let title = |n: usize| format!("{} ({n})", texts[n].title);
    let answer = |n: usize| texts[n].answers[0].body.clone();
    // The answering phase answers every question once, the mixed phase half of them again.
    let answers = operations + operations / 2;
    let visitors = setup(clients, || client.new_visitor()).await?;
    let admin = fixture.credentials.admin_token.as_str();
    let helper_count = answers.div_ceil(NEW_HELPER_ANSWERS_PER_HOUR as usize);
    let helpers = setup(helper_count, || {
        client.new_helper(admin, "Throughput helper".to_owned())
    })
    .await?;
    // New helpers may answer only a few times an hour: each answer takes the next helper's turn.
    let helper = |answer: usize| answer / NEW_HELPER_ANSWERS_PER_HOUR as usize;

    // Question `n`, asked by one of the clients' visitors.
    let ask = |n: usize| Write::Ask {
        visitor: n % clients,
        key: format!("ask-{n}"),
        title: title(n),
    };
    let asks = (0..operations).map(ask).collect();
    let writers = Writers {
        client: &client,
        visitors: &visitors,
        helpers: &helpers,
        clients,
    };
    let threads = writers.phase("asking", asks).await?;

    let answering = threads
        .iter()
        .enumerate()
        .map(|(n, &thread)| Write::Answer {
            helper: helper(n),
            thread,
            body: answer(n),
        })
        .collect();
    writers.phase("answering", answering).await?;

    // Both at once, interleaved: a new question, then a second answer to an earlier one.
    let mixed = (0..operations / 2)
        .flat_map(|n| {
            let asked = operations + n;
            [
                ask(asked),
                Write::Answer {
                    helper: helper(operations + n),
                    thread: threads[n],
                    body: answer(asked),
                },
            ]
        })
        .collect();
    writers.phase("asking and answering", mixed).await?;
    println!(
        "server process RSS at the end: {:.0} MB",
        server.rss_megabytes()
    );
    Ok(())
}

/// Makes `count` visitors or helpers, a few at a time.
async fn setup<F, Fut>(count: usize, make: F) -> Result<Vec<String>, AppError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = CallResult<String>>,
{
    stream::iter(0..count)
        .map(|_| make())
        .buffer_unordered(SETUP_CONCURRENCY)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(fail)
}

/// The clients and the identities they write as.
struct Writers<'a> {
    client: &'a SiteClient,
    visitors: &'a [String],
    helpers: &'a [String],
    /// Writes in flight at any moment.
    clients: usize,
}

impl Writers<'_> {
    /// Runs `writes` with `clients` of them in flight at any moment; prints the phase's figures and
    /// returns the threads its questions made.
    async fn phase(&self, name: &str, writes: Vec<Write>) -> Result<Vec<i64>, AppError> {
        let Writers {
            client,
            visitors,
            helpers,
            clients,
        } = *self;
        let started = Instant::now();
        let done: Vec<Done> = stream::iter(writes)
            .map(|write| async move {
                let sent = Instant::now();
                let asked = match write {
                    Write::Ask {
                        visitor,
                        key,
                        title,
                    } => Some(client.ask(&visitors[visitor], &key, title).await?),
                    Write::Answer {
                        helper,
                        thread,
                        body,
                    } => {
                        client.answer(&helpers[helper], thread, body).await?;
                        None
                    }
                };
                Ok(Done {
                    asked,
                    took: sent.elapsed(),
                })
            })
            .buffer_unordered(clients)
            .collect::<Vec<CallResult<Done>>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        let wall = started.elapsed();
        let (asks, answers): (Vec<&Done>, Vec<&Done>) =
            done.iter().partition(|done| done.asked.is_some());
        // Both kinds at once: their sum too, what the node wrote in all.
        let both = if asks.is_empty() || answers.is_empty() {
            Vec::new()
        } else {
            done.iter().collect()
        };
        for (what, writes) in [("questions", asks), ("answers", answers), ("writes", both)] {
            if writes.is_empty() {
                continue;
            }
            let mut took: Vec<Duration> = writes.iter().map(|done| done.took).collect();
            println!(
                "{name}: {} {what} in {:.1} s, {:.0} {what}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                took.len(),
                wall.as_secs_f64(),
                took.len() as f64 / wall.as_secs_f64(),
                millis(percentile(&mut took, 50.0)),
                millis(percentile(&mut took, 99.0)),
                millis(percentile(&mut took, 100.0)),
            );
        }
        Ok(done.iter().filter_map(|done| done.asked).collect())
    }
}
