//! The new-helper allowance: a helper below the trusted points posts at most
//! [`NEW_HELPER_ANSWERS_PER_HOUR`] answers an hour, however many they send at once.

use peerhelp_api::NEW_HELPER_ANSWERS_PER_HOUR;
use reqwest::Method;
use serde_json::json;

use crate::common::assert_error;
use crate::{AT_ONCE, all_at_once, server, statuses};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_helpers_burst_of_answers_posts_only_the_allowance() {
    let server = server().await;
    let helper = server.helper("Quick Quinn").await;
    let mut threads = Vec::new();
    for external_id in ["refund-1", "roam-1", "esim-1", "port-1"] {
        threads.push(server.thread_id(external_id).await);
    }
    let answers = (0..AT_ONCE)
        .map(|n| {
            let thread = threads[n % threads.len()];
            server
                .call(
                    Method::POST,
                    &format!("/threads/{thread}/answers"),
                    Some(&helper),
                )
                .json(&json!({"body": format!("Answer number {n}: restart the router.")}))
        })
        .collect();
    let answers = all_at_once(&server, answers).await;

    let allowance = NEW_HELPER_ANSWERS_PER_HOUR as usize;
    let counted = statuses(&answers);
    assert_eq!(counted.get(&201), Some(&allowance), "{answers:?}");
    assert_eq!(
        counted.get(&429),
        Some(&(AT_ONCE - allowance)),
        "{answers:?}"
    );
    for (status, body) in answers.iter().filter(|(status, _)| *status == 429) {
        assert_error(*status, body, 429, "rate_limited");
    }
    let stored = server
        .count("SELECT COUNT(*) FROM answers WHERE helper_id IS NOT NULL")
        .await;
    assert_eq!(stored, allowance as i64, "answers written");
    assert_eq!(server.me(&helper).await["answers_left_this_hour"], 0);
}
