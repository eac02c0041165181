//! Identifying a visitor, a refused identity, and a question asked offline.

use crate::common::mounted::*;
use crate::common::*;
use crate::fixtures::*;
use peerhelp_api::Position;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn identify_waits_for_the_panel_and_replaces_the_token() {
    clear_storage();
    store("visitor", "anon");
    let api = FakeApi::new(&[
        ("/visitors/identify", 200, visitor_session("known")),
        ("/visitors/me/threads", 200, my_threads(0)),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    let identity = js_sys::JSON::parse(
        r#"{"id":"cust-42","name":"Sam","email":"sam@example.com","expires":1900000000,"signature":"abc123"}"#,
    )
    .unwrap();
    mounted.widget.identify(identity);
    settle().await;
    assert_eq!(
        api.count("POST", "/visitors/identify"),
        0,
        "not before the panel opens"
    );

    mounted.widget.open();
    settle().await;
    let index = api.index("POST", "/visitors/identify");
    assert_eq!(
        api.header(index, "authorization").as_deref(),
        Some("Bearer anon")
    );
    let body: serde_json::Value = serde_json::from_str(&api.body(index).await).unwrap();
    assert_eq!(body["id"], "cust-42");
    assert_eq!(body["expires"], 1900000000);
    assert_eq!(body["signature"], "abc123");
    assert_eq!(stored("visitor").as_deref(), Some("known"));
    let streams = mounted.stream_urls();
    assert_eq!(streams[0], (format!("{API}/events?token=anon"), true));
    assert_eq!(streams[1], (format!("{API}/events?token=known"), false));
}

#[wasm_bindgen_test]
async fn a_refused_identity_leaves_the_visitor_anonymous() {
    clear_storage();
    store("visitor", "anon");
    let api = FakeApi::new(&[
        (
            "/visitors/identify",
            401,
            r#"{"code":"unauthorized","message":"The identity signature has expired."}"#.into(),
        ),
        ("/visitors/me/threads", 200, my_threads(0)),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let identity =
        js_sys::JSON::parse(r#"{"id":"cust-42","expires":1,"signature":"bad"}"#).unwrap();
    mounted.widget.identify(identity);
    settle().await;
    assert_eq!(api.count("POST", "/visitors/identify"), 1);
    assert_eq!(stored("visitor").as_deref(), Some("anon"));
    assert_eq!(mounted.stream_urls().len(), 1);
}

#[wasm_bindgen_test]
async fn an_offline_question_is_sent_once_when_the_network_is_back() {
    let offline = FakeApi::new(&[("/helpers/online", 200, r#"{"helpers":[]}"#.into())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    click_button(&panel, "Ask the community");
    settle().await;
    type_into(&panel, "#ph-ask-title", "Can I pause my plan?");
    click_button(&panel, "Post question");
    settle().await;
    assert_eq!(
        texts(&panel, ".ask .note"),
        ["Saved — we'll post it when you're back online."]
    );
    assert_eq!(offline.count("POST", "/visitors"), 1, "tried, and failed");
    assert!(stored("outbox").unwrap().contains("Can I pause my plan?"));
    assert!(stored("draft").is_none());

    let api = FakeApi::new(&[
        ("POST /visitors", 201, visitor_session("tok")),
        (
            "POST /threads",
            201,
            serde_json::to_string(&thread_with(vec![], None)).unwrap(),
        ),
    ]);
    go_online();
    go_online();
    settle().await;
    settle().await;
    assert_eq!(
        api.count("POST", "/threads"),
        1,
        "sent exactly once: {:?}",
        api.calls()
    );
    let key = api
        .header(api.index("POST", "/threads"), "idempotency-key")
        .unwrap();
    assert!(stored("outbox").is_none());
    assert!(events(&mounted.events).contains(&"asked:7".to_owned()));

    // The key travelled with the question: the same one the failed attempt would have used.
    go_online();
    settle().await;
    assert_eq!(api.count("POST", "/threads"), 1);
    assert!(!key.is_empty());
}
