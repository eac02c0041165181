//! What the widget stores and streams, presence for everyone, live answers and the badge.

use crate::common::mounted::*;
use crate::common::*;
use crate::fixtures::*;
use peerhelp_api::{LiveEventKind, Position, ThreadViewer};
use wasm_bindgen_test::*;
use web_sys::Element;

#[wasm_bindgen_test]
async fn nothing_is_stored_or_streamed_before_the_visitor_acts() {
    let api = FakeApi::new(&[("/helpers/online", 200, r#"{"helpers":[]}"#.into())]);
    let mounted = Mounted::new(&config(Position::Right));
    settle().await;
    assert!(api.calls().is_empty(), "a closed widget makes no request");
    assert!(mounted.stream_urls().is_empty(), "nor opens a stream");
    mounted.widget.open();
    settle().await;
    assert_eq!(
        api.search_urls(),
        [format!("{API}/search?q=&limit=8")],
        "opening asks only for the pinned suggestions: the presence stream brings the list"
    );
    assert_eq!(
        mounted.stream_urls(),
        [(format!("{API}/helpers/online/events"), false)],
        "only the token-free presence stream, while the panel is open"
    );
    mounted.widget.close();
    settle().await;
    assert_eq!(
        mounted.stream_urls(),
        [(format!("{API}/helpers/online/events"), true)]
    );
    mounted.widget.open();
    settle().await;
    assert_eq!(
        api.search_urls().len(),
        1,
        "the suggestions are fetched once"
    );
    mounted.widget.close();
    let storage = leptos::prelude::window().local_storage().unwrap().unwrap();
    assert_eq!(storage.length().unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_visitor_without_a_token_sees_presence_live_and_the_count_agrees_with_the_list() {
    let _api = FakeApi::new(&[]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    let count = |panel: &Element| texts(panel, ".presence summary > span:last-child");
    let names = |panel: &Element| texts(panel, ".presence li > span:nth-child(2)");
    let mut away = helper_card(6, "Ann");
    away.status = peerhelp_api::PresenceStatus::Away;
    mounted.live(
        0,
        &LiveEventKind::PresenceChanged {
            helpers: vec![helper_card(5, "Robin"), away],
        },
        "1",
    );
    settle().await;
    assert_eq!(count(&panel), ["1 helper online"]);
    assert_eq!(
        names(&panel),
        ["Robin"],
        "an away helper is neither counted nor listed"
    );

    mounted.live(
        0,
        &LiveEventKind::PresenceChanged {
            helpers: vec![helper_card(5, "Robin"), helper_card(6, "Ann")],
        },
        "2",
    );
    settle().await;
    assert_eq!(count(&panel), ["2 helpers online"]);
    assert_eq!(names(&panel), ["Robin", "Ann"]);

    // Robin's heartbeat lapsed, then Ann signed off: the line goes.
    mounted.live(
        0,
        &LiveEventKind::PresenceChanged {
            helpers: vec![helper_card(6, "Ann")],
        },
        "3",
    );
    settle().await;
    assert_eq!(count(&panel), ["1 helper online"]);
    assert_eq!(names(&panel), ["Ann"]);
    mounted.live(0, &LiveEventKind::PresenceChanged { helpers: vec![] }, "4");
    settle().await;
    assert!(texts(&panel, ".presence").is_empty());

    // Closed, the stream goes; opened again, a fresh one brings the list anew.
    mounted.widget.close();
    settle().await;
    mounted.widget.open();
    settle().await;
    let streams = mounted.stream_urls();
    assert_eq!(streams.len(), 2);
    assert!(streams[0].1 && !streams[1].1, "{streams:?}");
}

#[wasm_bindgen_test]
async fn a_live_answer_appears_inline_and_is_announced() {
    clear_storage();
    store("visitor", "tok");
    let asker = ThreadViewer {
        is_asker: true,
        voted: vec![],
        flagged: vec![],
    };
    let api = FakeApi::new(&[
        ("/visitors/me/threads", 200, my_threads(0)),
        ("/search", 200, search_body()),
        (
            "GET /threads/7",
            200,
            serde_json::to_string(&thread_with(vec![], Some(asker))).unwrap(),
        ),
        ("/threads/7/seen", 204, String::new()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    settle().await;
    assert_eq!(
        mounted.stream_urls(),
        [(format!("{API}/events?token=tok"), false)]
    );
    mounted.widget.search("refund".into());
    settle().await;
    click(&mounted.panel(), ".result");
    settle().await;
    let panel = mounted.panel();
    assert_eq!(
        api.header(api.index("GET", "/threads/7"), "authorization")
            .as_deref(),
        Some("Bearer tok")
    );
    assert_eq!(api.count("POST", "/threads/7/seen"), 1);
    assert!(
        panel
            .text_content()
            .unwrap()
            .contains("Replies appear here as soon as they arrive")
    );

    mounted.live(0, &answer_posted(31, "Robin"), "101");
    settle().await;
    assert_eq!(
        texts(&panel, ".answer-body p"),
        ["Ask for a refund in the app."]
    );
    assert_eq!(texts(&panel, ".answer-meta"), ["Robin (Expert) · 0 votes"]);
    assert_eq!(texts(&panel, ".answers-heading"), ["1 answer"]);
    assert!(texts(&panel, "[role=status]").contains(&"New reply from Robin".to_owned()));
    assert!(events(&mounted.events).contains(&"answered:7".to_owned()));
    assert!(
        find(&launcher(&mounted.root).into(), ".unread-badge").has_attribute("hidden"),
        "no badge while the panel is open"
    );

    // A replayed event (after a reconnect) never shows the answer twice.
    mounted.live(0, &answer_posted(31, "Robin"), "101");
    settle().await;
    assert_eq!(texts(&panel, ".answer").len(), 1);
}

#[wasm_bindgen_test]
async fn the_launcher_badge_counts_replies_while_closed() {
    clear_storage();
    store("visitor", "tok");
    let _api = FakeApi::new(&[
        ("/visitors/me/threads", 200, my_threads(1)),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    settle().await;
    let launcher = launcher(&mounted.root);
    let badge = find(&launcher.clone().into(), ".unread-badge");
    assert_eq!(
        badge.text_content().unwrap(),
        "1",
        "unread since the last visit"
    );
    mounted.live(0, &answer_posted(31, "Robin"), "101");
    mounted.live(0, &answer_posted(32, "Ann"), "102");
    settle().await;
    assert!(!badge.has_attribute("hidden"));
    assert_eq!(badge.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(badge.text_content().unwrap(), "3");
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Help, 3 new replies")
    );

    mounted.widget.open();
    settle().await;
    assert!(badge.has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Help")
    );
    click_button(&mounted.panel(), "My questions");
    settle().await;
    assert_eq!(texts(&mounted.panel(), ".unread"), ["1 new reply"]);
    mounted.live(0, &answer_posted(33, "Kim"), "103");
    settle().await;
    assert_eq!(texts(&mounted.panel(), ".unread"), ["2 new replies"]);
    assert!(
        badge.has_attribute("hidden"),
        "no badge while the panel is open"
    );
}
