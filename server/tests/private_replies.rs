//! Staff replies on an escalated public question, over real HTTP: only the asker and staff see
//! them and the ticket; other visitors, helpers (thread, queue and live stream) and search never
//! do.

mod common;

use common::TestServer;
use common::sse::EventStream;
use reqwest::Method;
use serde_json::{Value, json};

/// A word only the staff reply holds.
const SECRET_WORD: &str = "zebrafjord";

async fn thread_as(server: &TestServer, thread_id: i64, token: Option<&str>) -> Value {
    let (status, thread) = server
        .send(server.call(Method::GET, &format!("/threads/{thread_id}"), token))
        .await;
    assert_eq!(status, 200, "{thread}");
    thread
}

fn shows_staff_reply(thread: &Value) -> bool {
    thread.to_string().contains(SECRET_WORD)
        || thread["answers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|answer| !answer["staff"].is_null())
}

async fn search_text(server: &TestServer, query: &str) -> Value {
    let url = reqwest::Url::parse_with_params(&server.api("/search"), [("q", query)]).unwrap();
    let (status, body) = server.get_json(url.as_str()).await;
    assert_eq!(status, 200, "{body}");
    body["results"].clone()
}

/// Waits until search has caught up with a question asked after everything before it: the
/// search index reads changes in order, so all earlier ones are in it too.
async fn search_catches_up(server: &TestServer, visitor: &str) {
    server
        .ask(visitor, "Marker question about quokka stickers", "marker")
        .await;
    for _ in 0..100 {
        if search_text(server, "quokka stickers")
            .await
            .to_string()
            .contains("quokka")
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("search never caught up");
}

#[tokio::test]
async fn staff_replies_and_the_ticket_are_shown_only_to_the_asker_and_staff() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    let thread_id = server
        .ask(&asker, "My eSIM will not activate at all", "ask-1")
        .await["id"]
        .as_i64()
        .unwrap();
    let helper = server.helper("Hal Helper").await;
    let (status, _) = server
        .answer(&helper, thread_id, "Restart the phone and scan again.")
        .await;
    assert_eq!(status, 201);
    let mut helper_stream =
        EventStream::open(&server.client, &server.events_url(&helper), None).await;

    let escalate = server
        .call(Method::POST, "/escalations", Some(&asker))
        .header("idempotency-key", "esc-1")
        .json(&json!({"thread_id": thread_id, "message": "Still broken.", "email": "kim@example.com"}));
    let (status, created) = server.send(escalate).await;
    assert_eq!(status, 201, "{created}");
    let reference = created["escalation"]["reference"].as_str().unwrap();
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reply = format!("Your account {SECRET_WORD} is unlocked; the new code is on its way.");
    let (status, answer) = server.staff_reply(&agent, reference, &reply).await;
    assert_eq!(status, 201, "{answer}");

    let mine = thread_as(&server, thread_id, Some(&asker)).await;
    assert!(shows_staff_reply(&mine), "{mine}");
    assert_eq!(mine["escalation"]["reference"], reference);
    assert_eq!(mine["escalation"]["assignee"]["name"], "Sam Ortiz");
    assert_eq!(mine["status"], "escalated");

    let stranger = server.visitor().await;
    for (who, token) in [
        ("nobody", None),
        ("another visitor", Some(stranger.as_str())),
        ("a helper", Some(helper.as_str())),
    ] {
        let seen = thread_as(&server, thread_id, token).await;
        assert!(!shows_staff_reply(&seen), "{who} sees the reply: {seen}");
        assert!(
            seen["escalation"].is_null(),
            "{who} sees the ticket: {seen}"
        );
        assert!(!seen.to_string().contains(reference), "{who}: {seen}");
        // The thread's status would tell its ticket's: others see where the community stands.
        assert_eq!(seen["status"], "answered", "{who}: {seen}");
        // The community's own answer stays public.
        assert_eq!(
            seen["answers"].as_array().unwrap().len(),
            1,
            "{who}: {seen}"
        );
    }

    search_catches_up(&server, &stranger).await;
    let hits = search_text(&server, SECRET_WORD).await;
    assert!(!hits.to_string().contains(SECRET_WORD), "{hits}");
    assert!(
        !hits
            .as_array()
            .unwrap()
            .iter()
            .any(|hit| hit["id"] == thread_id),
        "{hits}"
    );
    let hits = search_text(&server, "eSIM activate").await;
    assert!(!hits.to_string().contains(SECRET_WORD), "{hits}");
    if let Some(hit) = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["id"] == thread_id)
    {
        assert_eq!(hit["answer_count"], 1, "{hit}");
        assert_eq!(hit["status"], "answered", "{hit}");
    }

    // The helper's stream got the marker question, and nothing of the reply before it.
    loop {
        let message = helper_stream.next().await;
        assert!(
            !message.data.to_string().contains(SECRET_WORD),
            "{message:?}"
        );
        if message.kind == "question_asked" && message.data.to_string().contains("quokka") {
            break;
        }
    }
}
