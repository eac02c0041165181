//! Prometheus metrics over real HTTP: `GET /metrics` is off without `--metrics-token`, refuses
//! a scraper without the token (401), is never rate limited, and reports requests by route
//! template (never the raw path) with their latency, search latency, open event streams, the
//! outboxes' backlogs with the age of their oldest delivery, and the database pool.

mod access;
#[path = "../common/mod.rs"]
mod common;
mod exposition;
mod outboxes;
mod requests;
mod streams;
