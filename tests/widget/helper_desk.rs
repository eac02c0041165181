//! A peer helper signing in from the invite link, presence and the helpers online list.

use crate::common::mounted::*;
use crate::common::*;
use crate::fixtures::*;
use peerhelp_api::{HelperSession, LiveEventKind, Position};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_helper_signs_in_from_the_invite_link() {
    clear_storage();
    let history = leptos::prelude::window().history().unwrap();
    let page = leptos::prelude::window().location().pathname().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{page}#peerhelp-invite=CODE42")),
        )
        .unwrap();
    let session = HelperSession {
        token: "helper-token".into(),
        helper: helper_profile(),
    };
    let api = FakeApi::new(&[
        ("/helpers/sign-in", 200, serde_json::to_string(&session).unwrap()),
        ("/helpers/queue", 200, r#"{"questions":[{"thread_id":7,"title":"How do I get a refund","excerpt":"I was charged twice.","answer_count":0,"created_at":"2025-01-01T00:00:00Z"}]}"#.into()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    settle().await;
    settle().await;
    let location = leptos::prelude::window().location();
    assert_eq!(
        location.hash().unwrap(),
        "",
        "the single-use code leaves the address"
    );
    let sign_in = api.index("POST", "/helpers/sign-in");
    assert_eq!(api.body(sign_in).await, r#"{"code":"CODE42"}"#);
    assert_eq!(stored("helper").as_deref(), Some("helper-token"));
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"), "the invite opens the panel");
    assert!(texts(&panel, ".profile")[0].starts_with("Robin · Expert · 120 points"));
    let queue = api.index("GET", "/helpers/queue");
    assert_eq!(
        api.header(queue, "authorization").as_deref(),
        Some("Bearer helper-token")
    );
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
    assert_eq!(
        mounted.stream_urls(),
        [(format!("{API}/events?token=helper-token"), false)]
    );

    let question = peerhelp_api::QueueItem {
        thread_id: 8,
        title: "Roaming in Spain".into(),
        excerpt: String::new(),
        answer_count: 0,
        created_at: "2025-01-02T00:00:00Z".into(),
    };
    mounted.live(0, &LiveEventKind::QuestionAsked { question }, "5");
    settle().await;
    assert_eq!(
        texts(&panel, ".result-title"),
        ["How do I get a refund", "Roaming in Spain"]
    );
}

#[wasm_bindgen_test]
async fn presence_goes_online_beats_and_goes_offline_on_sign_out() {
    clear_storage();
    store("helper", "helper-token");
    let intervals = fake_intervals();
    let api = FakeApi::new(&[
        ("/helpers/me/presence", 204, String::new()),
        (
            "/helpers/me",
            200,
            serde_json::to_string(&helper_profile()).unwrap(),
        ),
        ("/helpers/queue", 200, r#"{"questions":[]}"#.into()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    click_button(&panel, "Helper desk");
    settle().await;
    let toggle = find(&panel, ".helper-actions [aria-pressed]");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&panel, ".helper-actions [aria-pressed]");
    settle().await;
    let first = api.index("PUT", "/helpers/me/presence");
    assert_eq!(api.body(first).await, r#"{"status":"online"}"#);
    assert_eq!(
        api.header(first, "authorization").as_deref(),
        Some("Bearer helper-token")
    );
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );

    let beat = intervals
        .iter()
        .find(|i| js_sys::Reflect::get(i, &"ms".into()).unwrap() == 30_000)
        .expect("a heartbeat every 30 s");
    fire(&beat);
    settle().await;
    assert_eq!(api.count("PUT", "/helpers/me/presence"), 2);

    click_button(&panel, "Sign out");
    settle().await;
    let last = api.calls().iter().rposition(|(m, _)| m == "PUT").unwrap() as u32;
    assert_eq!(api.body(last).await, r#"{"status":"offline"}"#);
    assert!(stored("helper").is_none());
    assert!(!panel.text_content().unwrap().contains("Helper desk"));
}

#[wasm_bindgen_test]
async fn helpers_online_show_and_update_live() {
    clear_storage();
    store("visitor", "tok");
    let online = serde_json::json!({"helpers": [helper_card(5, "Robin"), helper_card(6, "Ann")]});
    let _api = FakeApi::new(&[
        ("/helpers/online", 200, online.to_string()),
        ("/visitors/me/threads", 200, my_threads(0)),
        ("/leaderboard", 200, serde_json::json!({"helpers": [{"helper": helper_card(5, "Robin"),"points":300,"answers":12,"accepted_answers":4}]}).to_string()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert_eq!(
        texts(&panel, ".presence summary > span:last-child"),
        ["2 helpers online"]
    );
    assert_eq!(
        texts(&panel, ".presence li > span:nth-child(2)"),
        ["Robin", "Ann"]
    );
    mounted.live(
        0,
        &LiveEventKind::PresenceChanged {
            helpers: vec![helper_card(6, "Ann")],
        },
        "9",
    );
    settle().await;
    assert_eq!(
        texts(&panel, ".presence summary > span:last-child"),
        ["1 helper online"]
    );

    click_button(&panel, "Top helpers");
    settle().await;
    assert_eq!(texts(&panel, ".people .rank"), ["Expert · 300 points"]);
    let focused = mounted.focused().unwrap();
    assert_eq!(
        focused.text_content().unwrap(),
        "Top helpers",
        "focus moves to the screen"
    );
}
