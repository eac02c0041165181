//! Search over HTTP: ranking, marks, typing and typos, close matches, bad parameters.

use crate::common::{TestServer, assert_error};

#[tokio::test]
async fn search_ranks_threads_and_marks_the_matched_words() {
    let server = TestServer::start().await;
    let (status, body) = server
        .get_json(&server.api("/search?q=refund%20double%20charge"))
        .await;
    assert_eq!(status, 200, "{body}");
    let top = &body["results"][0];
    assert_eq!(top["external_id"], "refund-1");
    assert_eq!(top["answer_count"], 3);
    assert_eq!(top["has_accepted_answer"], true);
    assert_eq!(top["status"], "answered");
    let marked: Vec<&str> = top["title_highlight"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|span| span["mark"] == true)
        .map(|span| span["text"].as_str().unwrap())
        .collect();
    assert!(
        marked.iter().any(|w| w.eq_ignore_ascii_case("refund")),
        "{top}"
    );
    let title: String = top["title_highlight"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(title, top["title"].as_str().unwrap());
    assert!(
        top["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .any(|span| span["mark"] == true),
        "{top}"
    );
}

#[tokio::test]
async fn search_matches_as_you_type_tolerates_typos_and_uses_answers() {
    let server = TestServer::start().await;
    assert_eq!(
        server.search_ids("roam").await.first().map(String::as_str),
        Some("roam-1")
    );
    assert_eq!(
        server
            .search_ids("refnud")
            .await
            .first()
            .map(String::as_str),
        Some("refund-1")
    );
    // Only an answer says "PAC": the thread is still found.
    assert_eq!(
        server
            .search_ids("PAC code")
            .await
            .first()
            .map(String::as_str),
        Some("port-1")
    );
    // Stemming: "activate" finds "Activating".
    assert_eq!(
        server
            .search_ids("activate esim")
            .await
            .first()
            .map(String::as_str),
        Some("esim-1")
    );
    assert!(server.search_ids("").await.is_empty());
    // A thread without an external id comes back without one.
    let (_, body) = server
        .get_json(&server.api("/search?q=signal%20indoors"))
        .await;
    assert!(body["results"][0].get("external_id").is_none(), "{body}");
}

#[tokio::test]
async fn search_says_whether_the_best_thread_is_a_close_match() {
    let server = TestServer::start().await;
    let close = |query: &'static str| {
        let server = &server;
        async move {
            let (status, body) = server
                .get_json(&server.api(&format!("/search?q={query}")))
                .await;
            assert_eq!(status, 200, "{body}");
            body["close_match"].as_bool().unwrap()
        }
    };
    // Every word the threads use is matched by the best one; framing words and typos are fine.
    assert!(close("refund%20double%20charge").await);
    assert!(close("how%20can%20I%20get%20a%20refund").await);
    assert!(close("refnud").await);
    // No thread is about both: the best one matches only part of the question.
    assert!(!close("refund%20esim").await);
    assert!(!close("roaming%20PAC").await);
    // Nothing found is no close match.
    assert!(!close("zzzzqqq").await);
}

#[tokio::test]
async fn search_refuses_bad_parameters_with_clear_errors() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(&server.api("/search?q=x&limit=0")).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = server.get_json(&server.api("/search?q=x&limit=51")).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = server.get_json(&server.api("/search?q=x&limit=many")).await;
    assert_error(status, &body, 400, "bad_request");
    let long = "a".repeat(201);
    let (status, body) = server
        .get_json(&server.api(&format!("/search?q={long}")))
        .await;
    assert_error(status, &body, 422, "invalid_input");
    // A broken percent-escape is the client's mistake too: never a 500.
    let response = server
        .client
        .get(server.api("/search?q=%ZZ%"))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success() || response.status().as_u16() == 400,
        "{}",
        response.status()
    );
}
