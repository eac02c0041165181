//! A site's caps, checked then written: pinning more than [`MAX_PINNED_THREADS`] threads, or
//! adding more than [`MAX_WEBHOOKS`] webhooks, at once, stops at the cap.

use peerhelp_api::MAX_PINNED_THREADS;
use peerhelp_server::store::MAX_WEBHOOKS;
use reqwest::Method;
use serde_json::json;

use crate::common::assert_error;
use crate::{AT_ONCE, all_at_once, server, statuses};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pinning_many_threads_at_once_stops_at_the_cap() {
    let server = server().await;
    let staff = server.staff("ana@acme.test", "Ana", "admin").await;
    let asker = server.visitor().await;
    for n in 0..AT_ONCE {
        server
            .ask(
                &asker,
                &format!("Question {n} about roaming"),
                &format!("ask-{n}"),
            )
            .await;
    }
    let public = "SELECT id FROM threads WHERE private = FALSE ORDER BY id";
    let pool = server.db().await;
    let threads: Vec<i64> = sqlx::query_scalar(public).fetch_all(&pool).await.unwrap();
    let pins = threads[..AT_ONCE]
        .iter()
        .map(|thread| server.call(Method::PUT, &format!("/threads/{thread}/pin"), Some(&staff)))
        .collect();
    let pinned = all_at_once(&server, pins).await;
    assert_eq!(
        statuses(&pinned).get(&200),
        Some(&MAX_PINNED_THREADS),
        "{pinned:?}"
    );
    for (status, body) in pinned.iter().filter(|(status, _)| *status != 200) {
        assert_error(*status, body, 409, "conflict");
    }
    let stored = "SELECT COUNT(*) FROM threads WHERE pinned_at IS NOT NULL";
    assert_eq!(server.count(stored).await, MAX_PINNED_THREADS as i64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn adding_many_webhooks_at_once_stops_at_the_cap() {
    let server = server().await;
    let add = |n: usize| {
        server
            .call(Method::POST, "/webhooks", Some(&server.admin_token))
            .json(&json!({"url": format!("http://127.0.0.1:9/hook/{n}"), "events": ["thread.created"]}))
    };
    // Room for half the burst.
    let room = AT_ONCE / 2;
    let before = MAX_WEBHOOKS as usize - room;
    for n in 0..before {
        let (status, webhook) = server.send(add(n)).await;
        assert_eq!(status, 201, "{webhook}");
    }
    let added = all_at_once(&server, (before..before + AT_ONCE).map(add).collect()).await;
    assert_eq!(statuses(&added).get(&201), Some(&room), "{added:?}");
    for (status, body) in added.iter().filter(|(status, _)| *status != 201) {
        assert_error(*status, body, 409, "conflict");
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM webhooks").await,
        MAX_WEBHOOKS
    );
}
