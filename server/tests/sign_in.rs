//! Staff sign-in under attack, over real HTTP: parallel guesses for one email, one address
//! spraying a password over many emails, the lockout telling the real user when to retry,
//! bogus invitation codes costing no hashing, and a burst of sign-ins queueing for argon2
//! instead of exhausting memory.

mod common;

use std::net::Ipv4Addr;

use common::{SignedSeconds, TestServer, assert_error, assert_rate_limited};
use futures_util::future::join_all;
use peerhelp_server::passwords;
use peerhelp_server::security::{SecurityConfig, TrustedProxies};
use peerhelp_server::store::{MAX_SIGN_IN_FAILURES, MAX_SIGN_IN_FAILURES_PER_IP};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const PASSWORD: &str = "correct horse battery";

/// The tests of this file run one at a time: they count the process's password hashings and
/// measure its memory, which another test hashing meanwhile would disturb.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

fn sign_in_request(server: &TestServer, email: &str, password: &str) -> reqwest::RequestBuilder {
    server
        .call(Method::POST, "/staff/sign-in", None)
        .json(&json!({"email": email, "password": password}))
}

async fn sign_in(server: &TestServer, email: &str, password: &str) -> (u16, Value) {
    server.send(sign_in_request(server, email, password)).await
}

/// A server that believes `X-Forwarded-For` from the test client, so requests can come from
/// many addresses.
async fn behind_a_proxy() -> TestServer {
    let security = SecurityConfig {
        trusted_proxies: TrustedProxies(vec!["127.0.0.1/32".parse().unwrap()]),
        ..SecurityConfig::default()
    };
    TestServer::start_with_security(security).await
}

#[tokio::test]
async fn parallel_guesses_for_one_email_check_at_most_the_limit() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start().await;
    server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let hashings_before = passwords::hashings_started();
    let guesses = (0..30).map(|i| {
        server.send(sign_in_request(
            &server,
            "sam@acme.test",
            &format!("guess {i}"),
        ))
    });
    let answers = join_all(guesses).await;
    let checked = answers.iter().filter(|(status, _)| *status == 401).count();
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    // Every attempt counts before its password is checked, so no more than the limit ever
    // reach argon2, however many arrive at once.
    assert_eq!(checked as i64, MAX_SIGN_IN_FAILURES, "{answers:?}");
    assert_eq!(refused as i64, 30 - MAX_SIGN_IN_FAILURES, "{answers:?}");
    assert_eq!(
        passwords::hashings_started() - hashings_before,
        MAX_SIGN_IN_FAILURES as u64
    );
    let (status, body) = sign_in(&server, "sam@acme.test", PASSWORD).await;
    assert_error(status, &body, 429, "rate_limited");
}

#[tokio::test]
async fn a_locked_out_email_is_told_the_real_time_left() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start().await;
    server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    // Five failures ten minutes ago: the lock lifts in five minutes, not fifteen.
    let pool = server.db().await;
    let ten_minutes_ago = server.time_literal(SignedSeconds(-600));
    for _ in 0..MAX_SIGN_IN_FAILURES {
        sqlx::query(&format!(
            "INSERT INTO staff_sign_in_failures (site_id, email, created_at)
             SELECT id, 'sam@acme.test', {ten_minutes_ago} FROM sites WHERE key = 'acme'"
        ))
        .execute(&pool)
        .await
        .unwrap();
    }
    let response = sign_in_request(&server, "sam@acme.test", PASSWORD)
        .send()
        .await
        .unwrap();
    let (_, body) = assert_rate_limited(response, 280..=300).await;
    assert!(
        body["message"].as_str().unwrap().contains("5 minutes"),
        "{body}"
    );
}

#[tokio::test]
async fn one_address_cannot_spray_a_password_over_many_emails() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let server = behind_a_proxy().await;
    let from = |ip: &str, email: &str| {
        sign_in_request(&server, email, "Summer2026!").header("x-forwarded-for", ip)
    };
    for i in 0..MAX_SIGN_IN_FAILURES_PER_IP {
        let (status, body) = server
            .send(from("203.0.113.7", &format!("person{i}@acme.test")))
            .await;
        assert_error(status, &body, 401, "unauthorized");
    }
    let response = from("203.0.113.7", "one-more@acme.test")
        .send()
        .await
        .unwrap();
    assert_rate_limited(response, 1..=15 * 60).await;
    // Another address is not affected.
    let (status, body) = server.send(from("203.0.113.8", "one-more@acme.test")).await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn a_bogus_invitation_code_costs_no_hashing() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start().await;
    let hashings_before = passwords::hashings_started();
    let (status, body) = server.staff_accept("pi_not-a-real-code", PASSWORD).await;
    assert_error(status, &body, 401, "unauthorized");
    assert_eq!(passwords::hashings_started(), hashings_before);
    // A real code still works and hashes the password once.
    let code = server
        .staff_invite("kim@acme.test", "Kim Lee", "agent")
        .await;
    let (status, body) = server.staff_accept(&code, PASSWORD).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(passwords::hashings_started(), hashings_before + 1);
}

/// A figure from this process's `/proc/self/status`, in bytes.
fn memory(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with(field))
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"));
    let kilobytes: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kilobytes * 1024
}

/// argon2's memory per hashing with the default parameters (19 MiB).
const ARGON2_MEMORY: u64 = 19 * 1024 * 1024;

#[tokio::test]
async fn a_burst_of_sign_ins_queues_for_hashing_and_memory_stays_flat() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let server = behind_a_proxy().await;
    // Every sign-in from its own address for its own email, so no lockout stops it early:
    // all 200 reach argon2.
    let burst = (0..200u32).map(|i| {
        let ip = Ipv4Addr::from(0x0a01_0000 + i).to_string();
        let request = sign_in_request(&server, &format!("nobody{i}@acme.test"), "a guess")
            .header("x-forwarded-for", ip);
        server.send(request)
    });
    let resident_before = memory("VmRSS:");
    // Resets the peak (VmHWM) to the current size, so it measures this burst alone.
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let answers = join_all(burst).await;
    let peak_after = memory("VmHWM:");
    assert!(
        answers.iter().all(|(status, _)| *status == 401),
        "{answers:?}"
    );
    // At most `max_parallel_hashings` buffers of argon2's memory ever exist: 4 × 19 MiB on
    // two cores (measured: about 88 MiB of growth in all). 128 MiB more covers the 200
    // connections and the server's own start. Without the queue, 200 hashings at once would
    // take about 3.8 GiB; with the queue but a fresh buffer per hashing, the allocator kept
    // about 960 MiB.
    let bound = passwords::max_parallel_hashings() as u64 * ARGON2_MEMORY + 128 * 1024 * 1024;
    assert!(passwords::peak_parallel_hashings() <= passwords::max_parallel_hashings());
    let growth = peak_after.saturating_sub(resident_before);
    assert!(
        growth < bound,
        "peak memory grew by {} MiB during the burst (bound {} MiB)",
        growth >> 20,
        bound >> 20
    );
}
