//! Browsing and pinning threads, and what pinning does to visitors' search.

use crate::common::{TestServer, assert_error};
use crate::requests::*;
use reqwest::Method;
use serde_json::Value;

async fn pin(
    server: &TestServer,
    token: Option<&str>,
    method: Method,
    thread: &str,
) -> (u16, Value) {
    let path = format!("/threads/{thread}/pin");
    server.send(server.call(method, &path, token)).await
}

fn titles(list: &Value) -> Vec<String> {
    list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|thread| thread["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn staff_browse_and_pin_threads_and_visitors_search_puts_pinned_ones_first() {
    let server = TestServer::start().await;
    let staff = server.staff("ana@acme.test", "Ana", "admin").await;
    let visitor = server.visitor().await;
    server
        .ask(&visitor, "A question of my own about roaming", "ask-1")
        .await;
    let request = ticket(&server).await;
    let (_, detail) = get(&server, Some(&staff), &format!("/escalations/{request}")).await;
    let request_thread = detail["ticket"]["thread_id"].as_i64().unwrap();

    // Newest first, every public thread (a request to staff is not one), answers counted.
    let (status, list) = get(&server, Some(&staff), "/threads").await;
    assert_eq!(status, 200, "{list}");
    let all = titles(&list);
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(
        !all.iter().any(|title| title.contains("bill doubled")),
        "{all:?}"
    );
    assert_eq!(all[0], "A question of my own about roaming");
    let refund = &list["threads"][5];
    assert_eq!(
        refund["title"],
        "How do I get a refund for a double charge?"
    );
    assert_eq!(refund["answer_count"], 3);
    assert_eq!(refund["verified_count"], 0);
    assert!(refund.get("pinned_at").is_none());
    // Searching ranks as visitors' search does.
    let (_, found) = get(&server, Some(&staff), "/threads?q=refund").await;
    assert_eq!(
        titles(&found)[0],
        "How do I get a refund for a double charge?"
    );

    // Nothing is pinned: an empty search suggests nothing. The weakest match for "charge" is
    // the one to pin.
    assert!(server.search_hits("").await.is_empty());
    let charges = server.search_thread_ids("charge").await;
    assert!(charges.len() >= 2, "{charges:?}");
    let weakest = *charges.last().unwrap();
    let esim = server.search_thread_ids("esim iphone").await;
    assert!(!esim.contains(&weakest), "{esim:?}");

    let (status, pinned) = pin(&server, Some(&staff), Method::PUT, &weakest.to_string()).await;
    assert_eq!(status, 200, "{pinned}");
    assert!(pinned["pinned_at"].as_str().unwrap().ends_with('Z'));
    let (_, list) = get(&server, Some(&staff), "/threads").await;
    assert_eq!(list["threads"][0]["id"], weakest);
    // Visitors: suggested before typing, and first for the searches it matches only.
    let suggested = server.search_thread_ids("").await;
    assert_eq!(suggested, [weakest]);
    let charges_now = server.search_thread_ids("charge").await;
    assert_eq!(charges_now[0], weakest);
    assert_eq!(charges_now[1..], charges[..charges.len() - 1]);
    assert_eq!(server.search_thread_ids("esim iphone").await, esim);
    let (_, log) = get(&server, Some(&staff), "/audit-log").await;
    assert_eq!(log["entries"][0]["action"], "thread.pinned");

    // At most five are pinned; the sixth is refused and stays unpinned.
    let ids: Vec<i64> = list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|thread| thread["id"].as_i64().unwrap())
        .collect();
    for id in &ids[1..5] {
        let (status, body) = pin(&server, Some(&staff), Method::PUT, &id.to_string()).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = pin(&server, Some(&staff), Method::PUT, &ids[5].to_string()).await;
    assert_error(status, &body, 409, "conflict");
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM threads WHERE pinned_at IS NOT NULL")
            .await,
        5
    );
    assert_eq!(server.search_hits("").await.len(), 5);

    // Unpinning takes it out of the suggestions.
    let (status, unpinned) = pin(&server, Some(&staff), Method::DELETE, &weakest.to_string()).await;
    assert_eq!(status, 200, "{unpinned}");
    assert!(unpinned.get("pinned_at").is_none());
    let suggested = server.search_thread_ids("").await;
    assert_eq!(suggested.len(), 4);
    assert!(!suggested.contains(&weakest), "{suggested:?}");

    // Bad input and strangers are refused.
    for missing in [999_999, request_thread] {
        let (status, body) = pin(&server, Some(&staff), Method::PUT, &missing.to_string()).await;
        assert_error(status, &body, 404, "not_found");
    }
    let (status, body) = pin(&server, Some(&staff), Method::PUT, "roaming").await;
    assert_error(status, &body, 400, "bad_request");
    let (status, body) = pin(&server, None, Method::PUT, &weakest.to_string()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = pin(&server, Some(&visitor), Method::PUT, &weakest.to_string()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = get(&server, Some(&visitor), "/threads").await;
    assert_error(status, &body, 401, "unauthorized");
    let long = "a".repeat(201);
    let (status, body) = get(&server, Some(&staff), &format!("/threads?q={long}")).await;
    assert_error(status, &body, 422, "invalid_input");
}
