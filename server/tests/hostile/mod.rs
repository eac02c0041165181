//! Shared by the hostile-input suites: a snapshot of every table's rows, to prove a refused
//! request wrote nothing, and the check that a refusal is a clear JSON 4xx.

#![allow(dead_code)] // each suite uses a different part of this helper

pub mod credentials;
pub mod json_routes;

use std::collections::BTreeMap;

use reqwest::RequestBuilder;
use serde_json::Value;

use crate::common::database::on_postgres;

/// Every row of every table, quoted by the database itself, so any insert, update or delete
/// shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot(BTreeMap<String, (i64, String)>);

/// How each backend lists its tables and columns and writes a table's rows as one text.
struct Introspection {
    tables: &'static str,
    columns: &'static str,
    quote: fn(&str) -> String,
    rows: fn(&str, &str) -> String,
}

const SQLITE: Introspection = Introspection {
    tables: "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
    columns: "SELECT name FROM pragma_table_info($1) ORDER BY cid",
    quote: |column| format!("quote(\"{column}\")"),
    rows: |table, row| {
        format!(
            "SELECT count(*), coalesce(group_concat(row, char(10)), '')
             FROM (SELECT {row} AS row FROM \"{table}\" ORDER BY 1)"
        )
    },
};

const POSTGRES: Introspection = Introspection {
    tables: "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
             WHERE table_schema = 'public' ORDER BY 1",
    columns: "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    quote: |column| format!("quote_nullable(\"{column}\")"),
    rows: |table, row| {
        format!(
            "SELECT count(*), coalesce(string_agg(row, chr(10) ORDER BY row), '')
             FROM (SELECT {row} AS row FROM \"{table}\") AS t"
        )
    },
};

impl Snapshot {
    pub async fn take(pool: &sqlx::AnyPool) -> Snapshot {
        let sql = if on_postgres() { &POSTGRES } else { &SQLITE };
        let tables: Vec<String> = sqlx::query_scalar(sql.tables)
            .fetch_all(pool)
            .await
            .unwrap();
        let mut rows = BTreeMap::new();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar(sql.columns)
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
            let row = columns
                .iter()
                .map(|c| (sql.quote)(c))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            let counted: (i64, String) = sqlx::query_as(&(sql.rows)(&table, &row))
                .fetch_one(pool)
                .await
                .unwrap();
            rows.insert(table, counted);
        }
        Snapshot(rows)
    }

    /// The tables whose rows differ from `earlier`'s, with both row counts.
    pub fn changed_since(&self, earlier: &Snapshot) -> Vec<String> {
        self.0
            .iter()
            .filter(|(table, now)| earlier.0.get(*table) != Some(*now))
            .map(|(table, (count, _))| {
                let before = earlier.0.get(table).map_or(0, |(count, _)| *count);
                format!("{table} ({before} rows before, {count} after)")
            })
            .collect()
    }

    /// Total rows, to show a fixture is not empty.
    pub fn rows(&self) -> i64 {
        self.0.values().map(|(count, _)| count).sum()
    }
}

/// What one refused request answered.
#[derive(Debug)]
pub struct Refusal {
    pub status: u16,
    pub body: Value,
}

/// Sends `request` and checks it is refused the way every client mistake must be: a 4xx with
/// `Content-Type: application/json` and a `{"code", "message"}` body. `case` names it in the
/// failure message. Returns the refusal, or what went wrong instead.
pub async fn refused(case: &str, request: RequestBuilder) -> Result<Refusal, String> {
    let response = request
        .send()
        .await
        .map_err(|e| format!("{case}: no response: {e}"))?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.unwrap_or_default();
    if !(400..500).contains(&status) {
        return Err(format!("{case}: status {status}, body {text}"));
    }
    if !content_type.starts_with("application/json") {
        return Err(format!(
            "{case}: {status} with content type {content_type:?}: {text}"
        ));
    }
    let body: Value = serde_json::from_str(&text)
        .map_err(|_| format!("{case}: {status} with a body that is not JSON: {text}"))?;
    let has_code = body["code"].as_str().is_some_and(|c| !c.is_empty());
    let has_message = body["message"].as_str().is_some_and(|m| !m.is_empty());
    if !has_code || !has_message {
        return Err(format!("{case}: {status} without code and message: {body}"));
    }
    Ok(Refusal { status, body })
}

/// Runs `request` as [`refused`] and also checks the database did not change; collects every
/// failure into `failures` so one run reports all of them.
pub async fn expect_refused(
    pool: &sqlx::AnyPool,
    failures: &mut Vec<String>,
    case: &str,
    request: RequestBuilder,
) -> Option<Refusal> {
    let before = Snapshot::take(pool).await;
    let outcome = refused(case, request).await;
    let changed = Snapshot::take(pool).await.changed_since(&before);
    if !changed.is_empty() {
        failures.push(format!("{case}: wrote to {}", changed.join(", ")));
    }
    match outcome {
        Ok(refusal) => Some(refusal),
        Err(failure) => {
            failures.push(failure);
            None
        }
    }
}

/// Fails the test with every collected failure, one per line.
pub fn assert_no_failures(suite: &str, cases: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures in {cases} {suite} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
