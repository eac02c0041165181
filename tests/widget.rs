//! Browser tests of the mounted widget as the loader drives it: open and close, focus, events,
//! brand colours, and a search through to a thread against a fake API.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::mounted::*;
use common::*;
use peerhelp_api::{
    HelperProfile, HelperSession, LiveEventKind, MyThread, MyThreads, Position, SearchResponse,
    SiteConfig, ThreadStatus, ThreadViewer,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn opening_and_closing_moves_focus_and_tells_the_page() {
    let mounted = Mounted::new(&config(Position::Right));
    settle().await;
    let launcher = launcher(&mounted.root);
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(mounted.focused().is_none(), "mounting must not take focus");

    mounted.widget.toggle();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(panel.get_attribute("role").as_deref(), Some("dialog"));
    let title = mounted
        .root
        .get_element_by_id(&panel.get_attribute("aria-labelledby").unwrap());
    assert_eq!(title.unwrap().text_content().unwrap(), "Nimbus Mobile");
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));

    press_key(&focused, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(mounted.focused(), Some(launcher.clone().into()));

    mounted.widget.open();
    settle().await;
    click(&mounted.panel(), "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher.into()));
    assert_eq!(events(&mounted.events), ["open", "close", "open", "close"]);
}

#[wasm_bindgen_test]
async fn commands_replayed_right_after_mount_take_effect() {
    // The loader runs commands queued while the wasm loaded straight after `mount`.
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let launcher = launcher(&mounted.root);
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
    assert_eq!(events(&mounted.events), ["open"]);
}

#[wasm_bindgen_test]
async fn escape_closes_even_when_focus_fell_to_the_body() {
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let focused: HtmlElement = mounted.focused().unwrap().unchecked_into();
    focused.blur().unwrap();
    let body = leptos::prelude::document().body().unwrap();
    press_key(&body, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher(&mounted.root).into()));
}

#[wasm_bindgen_test]
async fn brand_colours_and_side_come_from_the_config() {
    let mounted = Mounted::new(&config(Position::Left));
    settle().await;
    let panel: HtmlElement = mounted.panel().unchecked_into();
    let style = panel.style();
    assert_eq!(style.get_property_value("--ph-brand").unwrap(), "#0a7cff");
    assert_eq!(
        style.get_property_value("--ph-on-brand").unwrap(),
        "#000000"
    );
    assert!(panel.class_list().contains("left"));
    // The widget's sheet is added after the loader's, which stays.
    assert_eq!(mounted.root.adopted_style_sheets().length(), 2);
}

#[wasm_bindgen_test]
async fn the_panel_speaks_the_language_the_server_chose() {
    let catalogue = serde_json::from_str(include_str!("../server/messages/fr.json")).unwrap();
    let mut french: SiteConfig = serde_json::from_str(&config(Position::Right)).unwrap();
    french.language = "fr".into();
    french.messages = peerhelp_api::in_text_order(&catalogue).unwrap();
    let mounted = Mounted::new(&serde_json::to_string(&french).unwrap());
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert_eq!(
        texts(&panel, "nav.community button"),
        ["Demander à la communauté", "Meilleurs contributeurs"]
    );
    assert_eq!(
        find(&panel, "input")
            .get_attribute("placeholder")
            .as_deref(),
        Some("Rechercher des réponses")
    );
}

#[wasm_bindgen_test]
async fn bad_config_json_still_mounts_and_apologises() {
    let mut mounted = Mounted::new("{not json");
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert!(
        panel
            .text_content()
            .unwrap()
            .contains("Help is unavailable right now")
    );
    click(&panel, "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));

    mounted.widget.unmount();
    assert!(mounted.root.query_selector(".panel").unwrap().is_none());
    assert_eq!(mounted.root.adopted_style_sheets().length(), 1);
    assert!(
        mounted
            .root
            .query_selector("button.launcher")
            .unwrap()
            .is_some()
    );
    mounted.widget.open();
}

fn search_body() -> String {
    serde_json::to_string(&SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 2, true)],
        close_match: true,
    })
    .unwrap()
}

fn thread_body() -> String {
    let answer = |id: i64, accepted, votes| {
        let body = format!("Answer {id}");
        common::answer(id, &body, Some(&format!("Helper {id}")), accepted, votes)
    };
    let answers = vec![answer(1, true, 1), answer(2, false, 5)];
    serde_json::to_string(&thread_with(answers, None)).unwrap()
}

#[wasm_bindgen_test]
async fn a_search_leads_to_a_thread_and_back() {
    let api = FakeApi::new(&[
        ("/search?q=refund", 200, search_body()),
        ("/threads/7", 200, thread_body()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        api.search_urls(),
        [format!("{API}/search?q=refund&limit=8")]
    );
    assert_eq!(api.request(0, "credentials"), "omit");
    assert_eq!(
        texts(&panel, ".results > [role=status]"),
        ["1 thread found"]
    );
    assert_eq!(texts(&panel, ".result-title mark"), ["refund"]);
    let mut seen = events(&mounted.events);
    seen.sort();
    assert_eq!(seen, ["open", "search:refund"]);

    click(&panel, ".result");
    settle().await;
    assert_eq!(texts(&panel, "h3"), ["How do I get a refund"]);
    assert_eq!(
        texts(&panel, ".answer-meta"),
        ["Helper 1 · 1 vote", "Helper 2 · 5 votes"]
    );
    // The search and the read carry the page view's widget session, for the brand's insights.
    let search = api.index("GET", "/search?q=refund&limit=8") as usize;
    let read = api.index("GET", "/threads/7") as usize;
    let sessions = api.sessions();
    assert!(!sessions[search].is_empty());
    assert_eq!(sessions[search], sessions[read]);

    click_button(&panel, "Back to results");
    settle().await;
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
    assert_eq!(api.search_urls().len(), 2, "going back reuses the results");
    let focused = mounted.focused().unwrap();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
}

#[wasm_bindgen_test]
async fn typing_searches_once_after_a_pause() {
    let api = FakeApi::new(&[("/search", 200, search_body())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let input = find(&mounted.panel(), "input[type=search]");
    let timeouts = fake_timeouts();
    type_text(&input, "ref");
    type_text(&input, "refund ");
    settle().await;
    assert!(api.search_urls().is_empty(), "no request while typing");
    pass_time(&timeouts, 199).await;
    assert!(api.search_urls().is_empty(), "the pause is 200 ms");
    pass_time(&timeouts, 200).await;
    real_timeouts();
    assert_eq!(
        api.search_urls(),
        [format!("{API}/search?q=refund&limit=8")]
    );
    assert_eq!(
        texts(&mounted.panel(), ".result-title"),
        ["How do I get a refund"]
    );
}

/// The index of the search for "slow".
fn slow(api: &FakeApi) -> u32 {
    api.index("GET", "/search?q=slow&limit=8")
}

#[wasm_bindgen_test]
async fn a_newer_search_cancels_the_stale_request() {
    let api = FakeApi::new(&[
        ("q=slow", -1, String::new()),
        ("q=refund", 200, search_body()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("slow".into());
    settle().await;
    assert!(!api.aborted(slow(&api)));
    mounted.widget.search("refund".into());
    settle().await;
    assert!(
        api.aborted(slow(&api)),
        "the stale request was cancelled: {:?}",
        api.urls()
    );
    assert_eq!(
        texts(&mounted.panel(), ".result-title"),
        ["How do I get a refund"]
    );
}

#[wasm_bindgen_test]
async fn a_network_failure_offers_a_retry_that_works() {
    let api = FakeApi::new(&[("/search", 0, String::new())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    assert!(texts(&panel, ".error p")[0].contains("couldn't reach the help service"));

    drop(api);
    let api = FakeApi::new(&[("/search", 200, search_body())]);
    click_button(&panel, "Try again");
    settle().await;
    assert_eq!(api.urls().len(), 1);
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
}

#[wasm_bindgen_test]
async fn an_api_error_shows_the_servers_message() {
    let _api = FakeApi::new(&[(
        "/search",
        429,
        r#"{"code":"rate_limited","message":"Slow down a little."}"#.to_owned(),
    )]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    assert_eq!(texts(&mounted.panel(), ".error p"), ["Slow down a little."]);
}

fn visitor_session(token: &str) -> String {
    format!(r#"{{"token":"{token}","visitor":{{"id":3,"identified":false}}}}"#)
}

fn my_threads(unread: u32) -> String {
    serde_json::to_string(&MyThreads {
        threads: vec![MyThread {
            id: 7,
            title: "How do I get a refund".into(),
            status: ThreadStatus::Open,
            answer_count: 0,
            unread,
            created_at: "2025-01-01T00:00:00Z".into(),
            last_activity_at: "2025-01-01T00:00:00Z".into(),
        }],
    })
    .unwrap()
}

fn answer_posted(id: i64, name: &str) -> LiveEventKind {
    let mut answer = common::answer(id, "Ask for a refund in the app.", None, false, 0);
    answer.helper = Some(helper_card(5, name));
    LiveEventKind::AnswerPosted {
        thread_id: 7,
        thread_title: "How do I get a refund".into(),
        answer,
    }
}

#[wasm_bindgen_test]
async fn nothing_is_stored_or_streamed_before_the_visitor_acts() {
    let api = FakeApi::new(&[("/helpers/online", 200, r#"{"helpers":[]}"#.into())]);
    let mounted = Mounted::new(&config(Position::Right));
    settle().await;
    assert!(api.calls().is_empty(), "a closed widget makes no request");
    assert!(mounted.stream_urls().is_empty(), "nor opens a stream");
    mounted.widget.open();
    settle().await;
    assert!(
        api.calls().is_empty(),
        "the presence stream brings the list"
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

fn helper_profile() -> HelperProfile {
    HelperProfile {
        card: helper_card(5, "Robin"),
        points: 120,
        answers_left_this_hour: None,
    }
}

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
