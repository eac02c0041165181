//! The JSON API over real HTTP against a real SQLite file.

mod common;

use common::{SITE, TestServer, assert_error};
use serde_json::json;

#[tokio::test]
async fn site_config_merges_page_overrides_and_picks_a_readable_text_colour() {
    let server = TestServer::start().await;
    let (status, config) = server.get_json(&server.api("/config")).await;
    assert_eq!(status, 200, "{config}");
    assert_eq!(config["site"], SITE);
    assert_eq!(config["name"], "Acme Mobile");
    assert_eq!(config["position"], "right");

    let (_, yellow) = server
        .get_json(&server.api("/config?color=%23ffdd00&position=left&name=Acme"))
        .await;
    assert_eq!(yellow["color"], "#ffdd00");
    assert_eq!(yellow["text_color"], "#000000");
    assert_eq!(yellow["position"], "left");
    assert_eq!(yellow["name"], "Acme");
    let (_, navy) = server.get_json(&server.api("/config?color=%23003")).await;
    assert_eq!(navy["text_color"], "#ffffff");

    let (status, body) = server.get_json(&server.api("/config?color=red")).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = server.get_json(&server.api("/config?position=top")).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = server
        .get_json(&server.url("/api/v1/sites/nope/config"))
        .await;
    assert_error(status, &body, 404, "not_found");
}

#[tokio::test]
async fn site_config_carries_the_texts_of_the_page_site_or_browser_language() {
    let server = TestServer::start().await;
    let texts = peerhelp_api::Text::ALL.len();
    // A new site follows the browser, and greets in its language when it set no greeting.
    let (_, config) = server
        .get_json(&server.api("/config?browser=de-DE,es-MX,en"))
        .await;
    assert_eq!(config["language"], "es");
    assert_eq!(config["messages"].as_array().unwrap().len(), texts);
    assert_eq!(
        config["greeting"],
        "¡Hola! Busca respuestas en nuestra comunidad."
    );
    assert_eq!(
        config["launcher_label"],
        "Ayuda de la comunidad de Acme Mobile"
    );
    // The page's data-lang comes first; a language without a catalogue is passed over.
    let (_, config) = server
        .get_json(&server.api("/config?lang=fr&browser=es"))
        .await;
    assert_eq!(config["language"], "fr");
    assert_eq!(
        config["messages"][peerhelp_api::Text::Help as usize],
        "Aide"
    );
    let (_, config) = server.get_json(&server.api("/config?lang=de")).await;
    assert_eq!(config["language"], "en");
    assert_eq!(
        config["launcher_label"],
        "Help from the Acme Mobile community"
    );
    let (status, body) = server.get_json(&server.api("/config?lang=en%20gb")).await;
    assert_error(status, &body, 422, "invalid_input");
}

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

#[tokio::test]
async fn a_thread_reads_with_the_accepted_answer_first_then_by_votes() {
    let server = TestServer::start().await;
    let id = server.thread_id("refund-1").await;
    let (status, thread) = server
        .get_json(&server.api(&format!("/threads/{id}")))
        .await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(
        thread["title"],
        "How do I get a refund for a double charge?"
    );
    assert_eq!(thread["tags"], json!(["billing"]));
    let answers = thread["answers"].as_array().unwrap();
    let order: Vec<(bool, i64)> = answers
        .iter()
        .map(|a| {
            (
                a["accepted"].as_bool().unwrap(),
                a["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(order, vec![(true, 1), (false, 7), (false, 3)]);
    assert_eq!(answers[0]["author"], "bo");

    let (status, body) = server.get_json(&server.api("/threads/999999")).await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = server.get_json(&server.api("/threads/abc")).await;
    assert_error(status, &body, 400, "bad_request");
    // Another site's key cannot read this site's thread.
    let (status, body) = server
        .get_json(&server.url(&format!("/api/v1/sites/globex/threads/{id}")))
        .await;
    assert_error(status, &body, 404, "not_found");
}

#[tokio::test]
async fn feedback_is_stored_and_bad_feedback_is_refused_without_a_write() {
    let server = TestServer::start().await;
    let id = server.thread_id("roam-1").await;
    let url = server.api(&format!("/threads/{id}/feedback"));
    // Feedback is one per visitor and thread: two visitors, one opinion each.
    let (pleased, displeased) = (server.visitor().await, server.visitor().await);
    let post = |token: &str, body: serde_json::Value| {
        server
            .client
            .post(&url)
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let tally: serde_json::Value =
        post(&pleased, json!({"helped": true, "query": "roaming spain"}))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(tally, json!({"helped": 1, "not_helped": 0}));
    post(&displeased, json!({"helped": false})).await.unwrap();

    let refused = [
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .header("content-type", "application/json")
                .body("{not json"),
            400,
            "bad_request",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .json(&json!({"helped": "yes"})),
            422,
            "invalid_input",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .json(&json!({"helped": true, "query": "q".repeat(201)})),
            422,
            "invalid_input",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .body("helped=true"),
            400,
            "bad_request",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .header("content-type", "application/json")
                .body(vec![b' '; 100_000]),
            413,
            "payload_too_large",
        ),
        (
            server
                .client
                .post(server.api("/threads/424242/feedback"))
                .bearer_auth(&pleased)
                .json(&json!({"helped": true})),
            404,
            "not_found",
        ),
    ];
    for (request, want_status, want_code) in refused {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_error(
            status,
            &response.json().await.unwrap(),
            want_status,
            want_code,
        );
    }
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{id}")))
        .await;
    assert_eq!(thread["feedback"], json!({"helped": 1, "not_helped": 1}));
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(&server.url("/api/v1/nothing")).await;
    assert_error(status, &body, 404, "not_found");
    let response = server
        .client
        .delete(server.api("/search"))
        .send()
        .await
        .unwrap();
    assert_error(
        response.status().as_u16(),
        &response.json().await.unwrap(),
        405,
        "method_not_allowed",
    );
}
