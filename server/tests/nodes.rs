//! Several nodes on one PostgreSQL database: two `peerhelp serve` processes agree. A helper
//! online on one is seen on the other, a question asked on one reaches the helper streaming
//! from the other, a reply posted on one reaches the visitor streaming from the other, a
//! helper banned on one loses their stream on the other, a setting changed on one is served by
//! the other, and when a node dies its visitor reconnects
//! to the other with `Last-Event-ID` and misses nothing. (With SQLite one node runs, so these
//! run on PostgreSQL.)

mod common;

use std::time::Duration;

use common::database::on_postgres;
use common::node::Node;
use common::sse::EventStream;
use common::{SITE, TestServer};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

/// Longest a test waits for a change to show on the other node before calling it a failure.
const PATIENCE: Duration = Duration::from_secs(10);
/// How often a test asks the other node again, well within the rate limits.
const ASK_AGAIN: Duration = Duration::from_millis(50);

/// Speaks to one node as `acme`'s visitors, helpers and admin.
struct Client {
    http: reqwest::Client,
    origin: String,
}

impl Client {
    fn of(node: &Node) -> Client {
        Client {
            http: reqwest::Client::new(),
            origin: node.origin.clone(),
        }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/api/v1/sites/{SITE}{path}", self.origin)
    }

    async fn send(&self, method: Method, path: &str, token: &str, body: Value) -> (u16, Value) {
        let mut request = self.http.request(method, self.api(path));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        if !body.is_null() {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn visitor(&self) -> String {
        let (status, session) = self.send(Method::POST, "/visitors", "", Value::Null).await;
        assert_eq!(status, 201, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// Asks `title` as `visitor`; returns the thread.
    async fn ask(&self, visitor: &str, title: &str) -> Value {
        let request = self
            .http
            .post(self.api("/threads"))
            .bearer_auth(visitor)
            .header("idempotency-key", "nodes-question")
            .json(&json!({"title": title, "body": "Details of the question."}));
        let response = request.send().await.expect("request");
        let status = response.status();
        let thread: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "{thread}");
        thread
    }

    async fn events(&self, token: &str, last_event_id: Option<i64>) -> EventStream {
        let url = self.api(&format!("/events?token={token}"));
        EventStream::open(&self.http, &url, last_event_id).await
    }
}

/// The test database with `acme` on it, and two nodes serving it.
async fn two_nodes() -> Option<(TestServer, Node, Node)> {
    if !on_postgres() {
        return None;
    }
    let setup = TestServer::start().await;
    let first = Node::start(&setup.database_url, &[], &[]).await;
    let second = Node::start(&setup.database_url, &[], &[]).await;
    Some((setup, first, second))
}

/// A helper invited on `invite_on` and signed in on `sign_in_on`; returns their token.
async fn helper(admin_token: &str, invite_on: &Client, sign_in_on: &Client) -> String {
    let invite = json!({"name": "Ada"});
    let (status, invite) = invite_on
        .send(Method::POST, "/helper-invites", admin_token, invite)
        .await;
    assert_eq!(status, 201, "{invite}");
    let code = json!({"code": invite["code"]});
    let (status, session) = sign_in_on
        .send(Method::POST, "/helpers/sign-in", "", code)
        .await;
    assert_eq!(status, 200, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn presence_questions_and_replies_cross_nodes() {
    let Some((setup, first, second)) = two_nodes().await else {
        return;
    };
    let (one, two) = (Client::of(&first), Client::of(&second));
    let helper = helper(&setup.admin_token, &one, &two).await;
    let visitor = two.visitor().await;
    let mut visitor_stream = two.events(&visitor, None).await;
    let mut helper_stream = one.events(&helper, None).await;

    // Online on the first node, seen by the visitor streaming from the second.
    let online = json!({"status": "online"});
    let (status, _) = one
        .send(Method::PUT, "/helpers/me/presence", &helper, online)
        .await;
    assert_eq!(status, 200);
    let presence = visitor_stream.next_of("presence_changed").await;
    assert_eq!(presence.data["helpers"][0]["name"], "Ada");
    assert_eq!(presence.data["helpers"][0]["status"], "online");

    // Asked on the second node, it reaches the helper streaming from the first.
    let thread = two.ask(&visitor, "Why does my eSIM keep dropping?").await;
    let asked = helper_stream.next_of("question_asked").await;
    assert_eq!(asked.data["question"]["thread_id"], thread["id"]);

    // Answered on the first node, it reaches the asker streaming from the second.
    let path = format!("/threads/{}/answers", thread["id"]);
    let reply = json!({"body": "Turn off Wi-Fi calling and restart."});
    let (status, answer) = one.send(Method::POST, &path, &helper, reply).await;
    assert_eq!(status, 201, "{answer}");
    let posted = visitor_stream.next_of("answer_posted").await;
    assert_eq!(posted.data["answer"], answer);
}

#[tokio::test]
async fn a_visitor_whose_node_dies_resumes_on_the_other_and_misses_nothing() {
    let Some((setup, first, second)) = two_nodes().await else {
        return;
    };
    let (one, two) = (Client::of(&first), Client::of(&second));
    let helper = helper(&setup.admin_token, &one, &one).await;
    let visitor = one.visitor().await;
    let thread = one.ask(&visitor, "Can I keep my number abroad?").await;
    let path = format!("/threads/{}/answers", thread["id"]);

    let mut stream = two.events(&visitor, None).await;
    let reply = json!({"body": "Yes: roaming keeps your number."});
    let (status, first_answer) = one.send(Method::POST, &path, &helper, reply).await;
    assert_eq!(status, 201);
    let seen = stream.next_of("answer_posted").await;
    assert_eq!(seen.data["answer"], first_answer);

    // The visitor's node dies; replies go on through the node that is left.
    drop(stream);
    second.kill().await;
    let mut missed = Vec::new();
    for body in [
        "Check the EU roaming cap first.",
        "Or port it to a local plan.",
    ] {
        let (status, answer) = one
            .send(Method::POST, &path, &helper, json!({"body": body}))
            .await;
        assert_eq!(status, 201);
        missed.push(answer);
    }

    // The widget reconnects to the other node with the last id it saw.
    let mut resumed = one.events(&visitor, Some(seen.id)).await;
    let mut last_id = seen.id;
    for answer in &missed {
        let message = resumed.next_of("answer_posted").await;
        assert!(message.id > last_id, "events come once and in order");
        last_id = message.id;
        assert_eq!(&message.data["answer"], answer);
    }
}

#[tokio::test]
async fn a_helper_banned_on_one_node_loses_their_stream_on_the_other() {
    let Some((setup, first, second)) = two_nodes().await else {
        return;
    };
    let (one, two) = (Client::of(&first), Client::of(&second));
    let helper = helper(&setup.admin_token, &two, &two).await;
    let helper_id = setup.me(&helper).await["card"]["id"].as_i64().unwrap();
    let admin = setup.staff("ada@acme.test", "Ada Admin", "admin").await;
    let url = two.api(&format!("/events?token={helper}"));
    let response = two.http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();

    let path = format!("/helpers/{helper_id}/ban");
    let (status, body) = one.send(Method::POST, &path, &admin, Value::Null).await;
    assert_eq!(status, 200, "{body}");
    let ended = tokio::time::timeout(PATIENCE, async {
        while let Some(chunk) = stream.next().await {
            chunk.unwrap();
        }
    });
    assert!(
        ended.await.is_ok(),
        "the stream on the other node stayed open"
    );
}

#[tokio::test]
async fn a_node_that_loses_its_listener_ends_session_streams_and_hears_again() {
    let Some((setup, first, second)) = two_nodes().await else {
        return;
    };
    let (one, two) = (Client::of(&first), Client::of(&second));
    let helper = helper(&setup.admin_token, &two, &two).await;
    let visitor = two.visitor().await;
    let thread = two.ask(&visitor, "Is there 5G in the old town?").await;
    let mut visitor_stream = two.events(&visitor, None).await;
    let url = two.api(&format!("/events?token={helper}"));
    let mut helper_stream = two.http.get(url).send().await.unwrap().bytes_stream();

    // The database drops every node's listening connection.
    let db = setup.db().await;
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .execute(&db)
    .await
    .unwrap();

    // Endings may have gone unheard meanwhile, so session streams end (to reconnect)...
    let ended = tokio::time::timeout(PATIENCE, async {
        while let Some(chunk) = helper_stream.next().await {
            chunk.unwrap();
        }
    });
    assert!(ended.await.is_ok(), "the helper's stream stayed open");
    // ...and the node, listening again, hears the other's commits.
    let path = format!("/threads/{}/answers", thread["id"]);
    let reply = json!({"body": "Yes, since spring."});
    let (status, answer) = one.send(Method::POST, &path, &helper, reply).await;
    assert_eq!(status, 201, "{answer}");
    let posted = visitor_stream.next_of("answer_posted").await;
    assert_eq!(posted.data["answer"], answer);
}

#[tokio::test]
async fn settings_and_new_threads_changed_on_one_node_are_served_by_the_other() {
    let Some((setup, first, second)) = two_nodes().await else {
        return;
    };
    let (one, two) = (Client::of(&first), Client::of(&second));

    let greeting = json!({"greeting": "Hej! Ask the Acme community."});
    let (status, body) = one
        .send(Method::PATCH, "/settings", &setup.admin_token, greeting)
        .await;
    assert_eq!(status, 200, "{body}");
    let served = eventually(|| async {
        let (_, config) = two.send(Method::GET, "/config", "", Value::Null).await;
        config["greeting"] == "Hej! Ask the Acme community."
    });
    assert!(served.await, "the second node serves the new greeting");

    let visitor = one.visitor().await;
    let thread = one.ask(&visitor, "Fjord coverage on the ferry").await;
    let found = eventually(|| async {
        let (_, hits) = two
            .send(Method::GET, "/search?q=fjord+ferry", "", Value::Null)
            .await;
        hits["results"]
            .as_array()
            .is_some_and(|hits| hits.iter().any(|hit| hit["id"] == thread["id"]))
    });
    assert!(found.await, "the second node's search finds the new thread");
}

/// Whether `check` holds within [`PATIENCE`], asking again every [`ASK_AGAIN`].
async fn eventually<F, Fut>(check: F) -> bool
where
    F: Fn() -> Fut,
    Fut: Future<Output = bool>,
{
    tokio::time::timeout(PATIENCE, async {
        while !check().await {
            tokio::time::sleep(ASK_AGAIN).await;
        }
    })
    .await
    .is_ok()
}
