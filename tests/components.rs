//! Browser tests of the panel's parts, rendered from data: what a visitor sees and hears.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_api::{ApiError, ErrorCode, Thread, ThreadViewer};
use peerhelp_widget::components::{AskForm, SearchResults, ThreadView};
use peerhelp_widget::{ApiFailure, PanelState, Screen, SearchOutcome, Session};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn outcome(query: &str, result: Result<Vec<peerhelp_api::SearchHit>, ApiFailure>) -> SearchOutcome {
    SearchOutcome {
        query: query.into(),
        result,
        close: true,
    }
}

#[wasm_bindgen_test]
async fn results_mark_matches_and_announce_the_count() {
    let wrapper = wrapper();
    let found = outcome(
        "refund",
        Ok(vec![
            hit(1, "How do I get a ", "refund", 3, true),
            hit(2, "Late ", "refund", 1, false),
        ]),
    );
    let selected = RwSignal::new(None);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(found)
                on_select=Callback::new(move |id| selected.set(Some(id)))
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    assert_eq!(texts(&wrapper, "[role=status]"), ["2 threads found"]);
    assert_eq!(texts(&wrapper, "ul > li").len(), 2);
    assert_eq!(
        texts(&wrapper, "li:first-child .result-title mark"),
        ["refund"]
    );
    assert_eq!(
        texts(&wrapper, "li:first-child .result-title"),
        ["How do I get a refund"]
    );
    assert_eq!(
        texts(&wrapper, ".result-snippet mark"),
        ["refund", "refund"]
    );
    assert_eq!(
        texts(&wrapper, ".result-meta"),
        ["3 answers✓ Accepted answer", "1 answer"]
    );

    click(&wrapper, "li:nth-child(2)");
    assert_eq!(selected.get_untracked(), Some(2));
}

#[wasm_bindgen_test]
async fn server_text_is_never_parsed_as_html() {
    let wrapper = wrapper();
    let mut evil = hit(1, "<img src=x onerror=alert(1)> ", "refund", 0, false);
    evil.snippet = spans(&[("<b>bold</b>", true)]);
    let found = outcome("refund", Ok(vec![evil]));
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(found)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    assert!(wrapper.query_selector("img, b").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".result-snippet mark"), ["<b>bold</b>"]);
    assert_eq!(texts(&wrapper, ".result-meta"), ["No answers yet"]);
}

#[wasm_bindgen_test]
async fn no_results_point_to_asking_the_community() {
    let wrapper = wrapper();
    let nothing = outcome("teleport", Ok(vec![]));
    let asked = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="teleport".to_owned()
                outcome=Some(nothing)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
                on_ask=Callback::new(move |()| asked.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(
        texts(&wrapper, ".results > [role=status]"),
        ["No threads found"]
    );
    assert!(
        wrapper
            .text_content()
            .unwrap()
            .contains("No answers yet for “teleport”")
    );
    assert!(wrapper.query_selector("ul").unwrap().is_none());
    click_button(&wrapper, "Ask the community");
    assert_eq!(asked.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_failed_search_explains_and_retries() {
    let wrapper = wrapper();
    let refused = outcome(
        "refund",
        Err(ApiFailure::Server(ApiError {
            code: ErrorCode::RateLimited,
            message: "Too many searches; wait a moment.".into(),
        })),
    );
    let retries = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(refused)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(
        texts(&wrapper, ".error p"),
        ["Too many searches; wait a moment."]
    );
    click_button(&wrapper, "Try again");
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn results_stay_while_a_new_query_loads() {
    let wrapper = wrapper();
    let searched = RwSignal::new("refund".to_owned());
    let found = RwSignal::new(None::<SearchOutcome>);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched
                outcome=found
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;
    assert_eq!(texts(&wrapper, ".loading"), ["Searching…"]);

    found.set(Some(outcome(
        "refund",
        Ok(vec![hit(1, "A ", "refund", 1, false)]),
    )));
    settle().await;
    assert_eq!(texts(&wrapper, "[role=status]"), ["1 thread found"]);

    searched.set("refunds".into());
    settle().await;
    let results = find(&wrapper, ".results");
    assert_eq!(results.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(texts(&wrapper, "li").len(), 1, "old results stay visible");
    assert_eq!(texts(&wrapper, "[role=status]"), [""]);
}

fn thread() -> Thread {
    let mut thread = thread_with(
        vec![
            answer(
                1,
                "Yes: ask your old network for a PAC code.",
                Some("Sam"),
                true,
                4,
            ),
            answer(2, "It took two days for me.", None, false, 9),
        ],
        None,
    );
    thread.title = "Can I keep my number?".into();
    thread.body = "I'm switching networks.\n\nWill my <b>number</b> move with me?".into();
    thread
}

/// Provides the session components expect, as `mount` does; returns it.
fn session() -> Session {
    let session = Session::new(API, PanelState::new(), None);
    provide_context(session);
    session
}

#[wasm_bindgen_test]
async fn a_thread_shows_the_accepted_answer_first_with_its_badge() {
    let wrapper = wrapper();
    let backs = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! {
            <ThreadView
                thread=RwSignal::new(thread())
                query=None
                on_back=Callback::new(move |()| backs.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(texts(&wrapper, "h3"), ["Can I keep my number?"]);
    assert_eq!(
        texts(&wrapper, ".question p"),
        [
            "I'm switching networks.",
            "Will my <b>number</b> move with me?"
        ]
    );
    assert!(wrapper.query_selector(".question b").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".answers-heading"), ["2 answers"]);
    let first = find(&wrapper, "ol.answers > li:first-child");
    assert!(first.class_list().contains("accepted"));
    assert_eq!(texts(&first, ".badge"), ["✓ Accepted answer"]);
    assert_eq!(texts(&first, ".answer-meta"), ["Sam · 4 votes"]);
    assert_eq!(
        texts(&first, ".answer-body p"),
        ["Yes: ask your old network for a PAC code."]
    );
    assert!(
        first.query_selector(".answer-actions").unwrap().is_some(),
        "anyone may upvote and report"
    );
    assert!(
        !wrapper
            .text_content()
            .unwrap()
            .contains("Accept this answer")
    );
    let second = find(&wrapper, "ol.answers > li:nth-child(2)");
    assert!(second.query_selector(".badge").unwrap().is_none());
    assert_eq!(
        texts(&second, ".answer-meta"),
        ["A community member · 9 votes"]
    );

    click_button(&wrapper, "Back to results");
    assert_eq!(backs.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn feedback_is_posted_then_thanked() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "/threads/7/feedback",
            200,
            r#"{"helped":5,"not_helped":1}"#.to_owned(),
        ),
    ]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! {
            <ThreadView
                thread=RwSignal::new(thread())
                query=Some("pac code".into())
                on_back=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    click_button(&wrapper, "This helped");
    settle().await;
    // Feedback is one per visitor and thread, so it carries the visitor's token.
    assert_eq!(
        api.urls(),
        [
            "https://peerhelp.test/api/v1/sites/demo/visitors",
            "https://peerhelp.test/api/v1/sites/demo/threads/7/feedback"
        ]
    );
    assert_eq!(
        api.header(1, "authorization").as_deref(),
        Some("Bearer new-token")
    );
    assert_eq!(api.request(1, "method"), "POST");
    assert_eq!(api.body(1).await, r#"{"helped":true,"query":"pac code"}"#);
    assert_eq!(texts(&wrapper, ".thanks"), ["Thanks! Glad it helped."]);
    assert!(
        wrapper
            .query_selector(".feedback button")
            .unwrap()
            .is_none()
    );
    // The pressed button is gone; focus moved to the thanks rather than the page's body.
    assert_eq!(document().active_element(), Some(find(&wrapper, ".thanks")));
}

#[wasm_bindgen_test]
async fn failed_feedback_says_why_and_keeps_the_buttons() {
    clear_storage();
    let _api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        ("/feedback", 0, String::new()),
    ]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(thread()) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;

    click_button(&wrapper, "Didn't help");
    settle().await;
    assert!(texts(&wrapper, ".feedback .error-text")[0].contains("couldn't reach"));
    assert_eq!(texts(&wrapper, ".feedback button").len(), 2);
}

#[wasm_bindgen_test]
async fn answer_html_is_the_only_markup_inserted() {
    let wrapper = wrapper();
    let mut rich = answer(1, "<script>bad()</script>", Some("<i>Sam</i>"), false, 0);
    rich.html = r#"<p>Ask for a <code>PAC</code> at <a href="https://example.com">your network</a>.</p><ul><li>free</li></ul>"#.into();
    let mut evil = thread_with(vec![rich], None);
    evil.title = "<img src=x onerror=alert(1)> refund".into();
    evil.body = "<b>charged</b> twice".into();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(evil) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;

    assert_eq!(texts(&wrapper, ".answer-body code"), ["PAC"]);
    assert_eq!(texts(&wrapper, ".answer-body li"), ["free"]);
    assert_eq!(
        find(&wrapper, ".answer-body a")
            .get_attribute("href")
            .as_deref(),
        Some("https://example.com")
    );
    assert!(
        wrapper
            .query_selector("img, b, i, script")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        texts(&wrapper, "h3"),
        ["<img src=x onerror=alert(1)> refund"]
    );
    assert_eq!(texts(&wrapper, ".question p"), ["<b>charged</b> twice"]);
    assert_eq!(texts(&wrapper, ".answer-meta"), ["<i>Sam</i> · 0 votes"]);
}

fn asker() -> Option<ThreadViewer> {
    Some(ThreadViewer {
        is_asker: true,
        voted: vec![],
        flagged: vec![],
    })
}

#[wasm_bindgen_test]
async fn votes_acceptance_and_reports_are_sent_with_the_visitor_token() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "/answers/2/vote",
            200,
            r#"{"answer_id":2,"votes":10}"#.into(),
        ),
        ("/answers/2/accept", 204, String::new()),
        ("/answers/1/flags", 204, String::new()),
    ]);
    let wrapper = wrapper();
    let mine = thread_with(
        vec![
            answer(1, "Ask for a PAC.", Some("Sam"), false, 4),
            answer(2, "Two days.", Some("Ann"), false, 9),
        ],
        asker(),
    );
    let _view = mount_to(wrapper.clone(), move || {
        session().visitor.set(Some("visitor-token".into()));
        view! { <ThreadView thread=RwSignal::new(mine) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    let second = find(&wrapper, "ol.answers > li:nth-child(2)");

    click_button(&second, "Upvote");
    settle().await;
    assert_eq!(
        api.calls()[0],
        ("POST".into(), format!("{API}/answers/2/vote"))
    );
    assert_eq!(
        api.header(0, "authorization").as_deref(),
        Some("Bearer visitor-token")
    );
    assert_eq!(texts(&second, ".answer-meta"), ["Ann · 10 votes"]);
    let upvote = find(&second, "[aria-pressed]");
    assert_eq!(
        upvote.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(upvote.text_content().unwrap(), "Upvoted");

    click_button(&second, "Accept this answer");
    settle().await;
    assert_eq!(
        api.calls()[1],
        ("POST".into(), format!("{API}/answers/2/accept"))
    );
    assert!(second.class_list().contains("accepted"));
    assert_eq!(texts(&second, ".badge"), ["✓ Accepted answer"]);
    // The asker may still move the acceptance to the other answer, as on the server.
    assert!(
        !second
            .text_content()
            .unwrap()
            .contains("Accept this answer")
    );
    let first = find(&wrapper, "ol.answers > li:first-child");
    assert!(first.text_content().unwrap().contains("Accept this answer"));

    click(&first, "summary");
    click_button(&first, "Spam");
    settle().await;
    assert_eq!(
        api.calls()[2],
        ("POST".into(), format!("{API}/answers/1/flags"))
    );
    assert_eq!(api.body(2).await, r#"{"reason":"spam"}"#);
    assert!(first.text_content().unwrap().contains("Reported. Thanks."));
    assert!(texts(&wrapper, ".error-text").iter().all(String::is_empty));
}

#[wasm_bindgen_test]
async fn a_first_vote_creates_the_anonymous_visitor() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        ("/vote", 200, r#"{"answer_id":1,"votes":1}"#.into()),
    ]);
    let wrapper = wrapper();
    let one = thread_with(vec![answer(1, "Ask for a PAC.", None, false, 0)], None);
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(one) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert!(
        stored("visitor").is_none(),
        "nothing stored before an action"
    );
    click_button(&wrapper, "Upvote");
    settle().await;
    assert_eq!(api.calls()[0], ("POST".into(), format!("{API}/visitors")));
    assert_eq!(
        api.header(1, "authorization").as_deref(),
        Some("Bearer new-token")
    );
    assert_eq!(stored("visitor").as_deref(), Some("new-token"));
}

#[wasm_bindgen_test]
async fn the_reply_form_posts_and_keeps_the_text_when_refused() {
    clear_storage();
    let refused = FakeApi::new(&[(
        "/threads/7/answers",
        429,
        r#"{"code":"rate_limited","message":"New helpers can post 5 answers an hour."}"#.into(),
    )]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session().helper_token.set(Some("helper-token".into()));
        let open = thread_with(vec![], None);
        view! { <ThreadView thread=RwSignal::new(open) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert!(
        find(&wrapper, ".reply .hint")
            .text_content()
            .unwrap()
            .contains("`code`")
    );
    let label = find(&wrapper, ".reply label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("ph-reply"));
    type_into(&wrapper, "#ph-reply", "Ask for a **PAC** code.");
    click_button(&wrapper, "Post answer");
    settle().await;
    assert_eq!(refused.request(0, "method"), "POST");
    assert_eq!(
        refused.header(0, "authorization").as_deref(),
        Some("Bearer helper-token")
    );
    assert_eq!(
        refused.body(0).await,
        r#"{"body":"Ask for a **PAC** code."}"#
    );
    assert_eq!(
        texts(&wrapper, ".reply .error-text"),
        ["New helpers can post 5 answers an hour."]
    );
    assert_eq!(value_of(&wrapper, "#ph-reply"), "Ask for a **PAC** code.");

    let mut posted = answer(12, "Ask for a **PAC** code.", None, false, 0);
    posted.html = "<p>Ask for a <strong>PAC</strong> code.</p>".into();
    posted.helper = Some(helper_card(5, "Robin"));
    let _accepted = FakeApi::new(&[(
        "/threads/7/answers",
        201,
        serde_json::to_string(&posted).unwrap(),
    )]);
    click_button(&wrapper, "Post answer");
    settle().await;
    assert_eq!(texts(&wrapper, ".answer-body strong"), ["PAC"]);
    assert_eq!(
        texts(&wrapper, ".answer-meta"),
        ["Robin (Expert) · 0 votes"]
    );
    assert_eq!(value_of(&wrapper, "#ph-reply"), "");
    assert_eq!(texts(&wrapper, ".reply .error-text"), [""]);
}

/// Mounts the question form with a session made outside the mount, so the test can watch it.
fn mount_ask(title: &str) -> (web_sys::HtmlElement, Session, impl Sized) {
    let wrapper = wrapper();
    let session = Session::new(API, PanelState::new(), None);
    let title = title.to_owned();
    let view = mount_to(wrapper.clone(), move || {
        provide_context(session);
        view! { <AskForm title /> }
    });
    (wrapper, session, view)
}

#[wasm_bindgen_test]
async fn the_ask_form_checks_the_title_then_posts_once_with_an_idempotency_key() {
    clear_storage();
    let api = FakeApi::new(&[
        ("/search", 200, r#"{"query":"","results":[]}"#.into()),
        (
            "POST /visitors",
            201,
            r#"{"token":"tok","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "POST /threads",
            201,
            serde_json::to_string(&thread_with(vec![], asker())).unwrap(),
        ),
    ]);
    let (wrapper, session, _view) = mount_ask("refund");
    settle().await;
    assert_eq!(
        value_of(&wrapper, "#ph-ask-title"),
        "refund",
        "prefilled from the search"
    );

    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(
        texts(&wrapper, "#ph-ask-problem"),
        ["Please write a question of at least 8 characters."]
    );
    let title = find(&wrapper, "#ph-ask-title");
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(api.calls().is_empty());

    type_into(&wrapper, "#ph-ask-title", "How do I get a refund?");
    type_into(&wrapper, "#ph-ask-body", "I was charged twice.");
    type_into(&wrapper, "#ph-ask-email", "sam@example.com");
    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(api.count("POST", "/visitors"), 1);
    let post = api.index("POST", "/threads");
    assert_eq!(
        api.header(post, "authorization").as_deref(),
        Some("Bearer tok")
    );
    let key = api
        .header(post, "idempotency-key")
        .expect("an idempotency key");
    assert!(key.len() >= 8, "{key}");
    let body: serde_json::Value = serde_json::from_str(&api.body(post).await).unwrap();
    assert_eq!(body["title"], "How do I get a refund?");
    assert_eq!(body["body"], "I was charged twice.");
    assert_eq!(body["email"], "sam@example.com");
    assert!(body["page_url"].as_str().unwrap().starts_with("http"));
    assert_eq!(session.panel.screen.get_untracked(), Screen::Thread(7));
    assert_eq!(session.panel.back.get_untracked(), Screen::Mine);
    assert!(
        stored("draft").is_none(),
        "the draft is cleared once posted"
    );
}

#[wasm_bindgen_test]
async fn a_server_refusal_is_shown_and_the_question_kept() {
    clear_storage();
    store("visitor", "tok");
    let _api = FakeApi::new(&[(
        "POST /threads",
        422,
        r#"{"code":"invalid_input","message":"The title must say what you need help with."}"#
            .into(),
    )]);
    let (wrapper, _session, _view) = mount_ask("");
    settle().await;
    type_into(&wrapper, "#ph-ask-title", "aaaaaaaaaaaa");
    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(
        texts(&wrapper, "#ph-ask-problem"),
        ["The title must say what you need help with."]
    );
    assert_eq!(value_of(&wrapper, "#ph-ask-title"), "aaaaaaaaaaaa");
    assert!(stored("draft").is_some());
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_remount() {
    clear_storage();
    let _api = FakeApi::new(&[("/search", 200, r#"{"query":"","results":[]}"#.into())]);
    let (wrapper, _session, view) = mount_ask("");
    settle().await;
    assert!(stored("draft").is_none(), "nothing stored before typing");
    type_into(&wrapper, "#ph-ask-title", "Roaming in Spain");
    type_into(&wrapper, "#ph-ask-body", "Does my plan cover it?");
    type_into(&wrapper, "#ph-ask-email", "ann@example.com");
    drop(view);

    let (wrapper, _session, _view) = mount_ask("something else");
    settle().await;
    assert_eq!(value_of(&wrapper, "#ph-ask-title"), "Roaming in Spain");
    assert_eq!(value_of(&wrapper, "#ph-ask-body"), "Does my plan cover it?");
    assert_eq!(value_of(&wrapper, "#ph-ask-email"), "ann@example.com");
}

#[wasm_bindgen_test]
async fn similar_threads_are_suggested_while_the_title_is_typed() {
    clear_storage();
    let found = peerhelp_api::SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 2, true)],
        close_match: true,
    };
    let api = FakeApi::new(&[("/search", 200, serde_json::to_string(&found).unwrap())]);
    let (wrapper, session, _view) = mount_ask("");
    settle().await;
    let timeouts = fake_timeouts();
    type_into(&wrapper, "#ph-ask-title", "refund twice");
    settle().await;
    assert!(api.calls().is_empty(), "no request while typing");
    pass_time(&timeouts, 299).await;
    assert!(api.calls().is_empty(), "the pause is 300 ms");
    pass_time(&timeouts, 300).await;
    real_timeouts();
    assert_eq!(
        api.urls(),
        [format!("{API}/search?q=refund%20twice&limit=8")]
    );
    assert_eq!(
        texts(&wrapper, ".similar .result-title"),
        ["How do I get a refund"]
    );
    click(&wrapper, ".similar .result");
    assert_eq!(session.panel.screen.get_untracked(), Screen::Thread(7));
}
