//! Scraping `/metrics` with the token and reading the exposition's samples.

use std::collections::BTreeMap;

use peerhelp_server::metrics::REQUESTS;
use peerhelp_server::security::{MetricsToken, SecurityConfig};

use crate::common::TestServer;

pub const TOKEN: &str = "scrape-0123456789abcdef0123456789abcdef";

pub fn with_token() -> SecurityConfig {
    SecurityConfig {
        metrics_token: Some(MetricsToken::new(TOKEN).unwrap()),
        ..SecurityConfig::default()
    }
}

/// One line of the exposition: a series and its value.
#[derive(Debug)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// The samples of a scrape with the token; checks it is served as Prometheus' text format.
pub async fn scrape(server: &TestServer) -> Vec<Sample> {
    let response = server
        .client
        .get(server.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(sample)
        .collect()
}

/// `name{key="value",…} value` (label values here hold no quotes or commas).
fn sample(line: &str) -> Sample {
    let (series, value) = line.rsplit_once(' ').expect("a value");
    let (name, mut rest) = series.split_once('{').unwrap_or((series, "}"));
    let mut labels = BTreeMap::new();
    while let Some((key, after)) = rest.split_once("=\"") {
        let (label, after) = after.split_once('"').expect("a closing quote");
        labels.insert(key.to_owned(), label.to_owned());
        rest = after.strip_prefix(',').unwrap_or(after);
    }
    assert_eq!(rest, "}", "{line}");
    let value = value
        .parse()
        .unwrap_or_else(|_| panic!("a number in {line}"));
    Sample {
        name: name.to_owned(),
        labels,
        value,
    }
}

/// The value of the series `name` with exactly `labels`.
pub fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let labels: BTreeMap<String, String> = labels
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    samples
        .iter()
        .find(|sample| sample.name == name && sample.labels == labels)
        .map(|sample| sample.value)
}

pub fn requests(samples: &[Sample], route: &str, method: &str, status: &str) -> Option<f64> {
    let labels = [("route", route), ("method", method), ("status", status)];
    value(samples, REQUESTS, &labels)
}
