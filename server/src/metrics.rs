//! The server's Prometheus metrics: HTTP requests by route template, method and status and
//! their latency, search latency, open event streams, the outboxes' backlogs and the database
//! pool. They are recorded through the `metrics` facade into this server's own Prometheus
//! recorder, which renders them for `GET /metrics` (see `http::metrics`).
//!
//! Each server keeps its own recorder rather than the process-wide one, so several servers in
//! one process (the tests run many) each report their own traffic only.

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use metrics::{
    Gauge, Histogram, counter, describe_counter, describe_gauge, describe_histogram, gauge,
    histogram, with_local_recorder,
};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};

use crate::store::{Backlog, OutboxBacklogs, PoolUse};

pub const REQUESTS: &str = "peerhelp_http_requests_total";
pub const REQUEST_SECONDS: &str = "peerhelp_http_request_duration_seconds";
pub const SEARCH_SECONDS: &str = "peerhelp_search_duration_seconds";
pub const STREAMS_OPEN: &str = "peerhelp_event_streams_open";
pub const OUTBOX_BACKLOG: &str = "peerhelp_outbox_backlog";
pub const OUTBOX_OLDEST_AGE: &str = "peerhelp_outbox_oldest_age_seconds";
pub const DB_IN_USE: &str = "peerhelp_db_connections_in_use";
pub const DB_IDLE: &str = "peerhelp_db_connections_idle";
pub const DB_MAX: &str = "peerhelp_db_connections_max";

/// The `route` of a request that matched no route: one label for every unknown path, so a
/// scanner probing thousands of paths cannot grow the metrics.
pub const UNMATCHED: &str = "unmatched";

/// Request latency buckets, in seconds: from a cached asset (under a millisecond) to the
/// default request timeout (30 s).
const REQUEST_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];
/// Search latency buckets, in seconds: a search takes a millisecond or two.
const SEARCH_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
];

/// How often latency samples are folded into their buckets between scrapes, so memory stays
/// flat when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// One server's metrics.
pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    streams_open: Gauge,
    search_seconds: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), REQUEST_BUCKETS)
            .and_then(|builder| {
                builder.set_buckets_for_metric(Matcher::Full(SEARCH_SECONDS.into()), SEARCH_BUCKETS)
            })
            .expect("the bucket lists are not empty")
            .build_recorder();
        let handle = recorder.handle();
        let (streams_open, search_seconds) = with_local_recorder(&recorder, || {
            describe_counter!(
                REQUESTS,
                "HTTP requests answered, by route template, method and status."
            );
            describe_histogram!(
                REQUEST_SECONDS,
                "Time until a request's response starts (an event stream's life is not counted), by route template and method."
            );
            describe_histogram!(
                SEARCH_SECONDS,
                "Time the search index takes to rank a query."
            );
            describe_gauge!(
                STREAMS_OPEN,
                "Event streams open now (widgets', staff consoles' and presence streams)."
            );
            describe_gauge!(
                OUTBOX_BACKLOG,
                "Deliveries waiting in an outbox (mail or webhooks): neither sent nor given up; NaN when the database could not be read."
            );
            describe_gauge!(
                OUTBOX_OLDEST_AGE,
                "Seconds since the oldest waiting delivery of an outbox was queued; 0 when none waits."
            );
            describe_gauge!(DB_IN_USE, "Database connections in use.");
            describe_gauge!(DB_IDLE, "Database connections open and idle.");
            describe_gauge!(DB_MAX, "Database connections the pool may open.");
            (gauge!(STREAMS_OPEN), histogram!(SEARCH_SECONDS))
        });
        Metrics {
            recorder,
            handle,
            streams_open,
            search_seconds,
        }
    }
}

impl Metrics {
    /// Folds latency samples into their buckets every few seconds, for as long as the process
    /// runs (a scrape does it too).
    pub fn spawn_upkeep(&self) {
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(UPKEEP_EVERY);
            loop {
                every.tick().await;
                handle.run_upkeep();
            }
        });
    }

    /// Counts one answered request. `route` is the matched route's template (or
    /// [`UNMATCHED`]), never the raw path, so the number of series stays bounded.
    pub fn record_request(
        &self,
        route: &str,
        method: &Method,
        status: StatusCode,
        elapsed: Duration,
    ) {
        let route = route.to_owned();
        let method = method_label(method);
        with_local_recorder(&self.recorder, || {
            let status = status.as_u16().to_string();
            counter!(REQUESTS, "route" => route.clone(), "method" => method, "status" => status)
                .increment(1);
            histogram!(REQUEST_SECONDS, "route" => route, "method" => method)
                .record(elapsed.as_secs_f64());
        });
    }

    /// Runs `search`, recording how long it took.
    pub fn time_search<T>(&self, search: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let found = search();
        self.search_seconds.record(started.elapsed());
        found
    }

    /// Counts an event stream as open until the returned guard is dropped.
    pub fn stream_opened(&self) -> OpenStream {
        self.streams_open.increment(1.0);
        OpenStream(self.streams_open.clone())
    }

    /// The exposition, with the gauges read at scrape time set first: the pool's use, and
    /// the outboxes' backlogs (`None` when the database could not be read: they read NaN,
    /// and everything else is still served).
    pub fn render(&self, pool: PoolUse, outboxes: Option<&OutboxBacklogs>) -> String {
        with_local_recorder(&self.recorder, || {
            gauge!(DB_IN_USE).set(pool.in_use);
            gauge!(DB_IDLE).set(pool.idle);
            gauge!(DB_MAX).set(pool.max);
            let read = |backlog: Backlog| (backlog.waiting as f64, backlog.oldest_age_seconds);
            let unknown = (f64::NAN, f64::NAN);
            let (mail, webhooks) = outboxes.map_or((unknown, unknown), |outboxes| {
                (read(outboxes.mail), read(outboxes.webhooks))
            });
            for (outbox, (waiting, oldest_age)) in [("mail", mail), ("webhooks", webhooks)] {
                gauge!(OUTBOX_BACKLOG, "outbox" => outbox).set(waiting);
                gauge!(OUTBOX_OLDEST_AGE, "outbox" => outbox).set(oldest_age);
            }
        });
        self.handle.render()
    }
}

/// One open event stream, counted until it is dropped (the stream ended or its client left).
pub struct OpenStream(Gauge);

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

/// The `method` label: the standard methods by name, anything else as `other`, since a
/// client may send any token as a method.
fn method_label(method: &Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}
