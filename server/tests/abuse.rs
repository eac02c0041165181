//! Free visitor tokens buy nothing, over real HTTP: votes, flags and acceptance are refused on
//! private threads and staff replies; fresh visitors' flags and votes weigh less (three fresh
//! tokens from one address never hide an answer); feedback is one per visitor per thread, and
//! private threads take none, nor tell others they exist. Every request comes from 127.0.0.1,
//! so all fresh visitors share one address.

mod common;

use common::{TestServer, assert_error, days};
use peerhelp_server::secrets::{hash_token, random_hex};
use reqwest::Method;
use serde_json::{Value, json};

/// A question with a helper's answer; returns (thread id, answer id, helper token).
async fn answered(server: &TestServer, title: &str) -> (i64, i64, String) {
    let asker = server.visitor().await;
    let thread = server.ask(&asker, title, &random_hex()).await["id"]
        .as_i64()
        .unwrap();
    let helper = server.helper("Helpful Hal").await;
    let (status, answer) = server
        .answer(&helper, thread, "Restart it and try again.")
        .await;
    assert_eq!(status, 201, "{answer}");
    (thread, answer["id"].as_i64().unwrap(), helper)
}

async fn vote(server: &TestServer, token: &str, answer: i64) -> (u16, Value) {
    let path = format!("/answers/{answer}/vote");
    server
        .send(server.call(Method::POST, &path, Some(token)))
        .await
}

async fn accept(server: &TestServer, token: &str, answer: i64) -> (u16, Value) {
    let path = format!("/answers/{answer}/accept");
    server
        .send(server.call(Method::POST, &path, Some(token)))
        .await
}

async fn flag(server: &TestServer, token: &str, answer: i64) -> (u16, Value) {
    let path = format!("/answers/{answer}/flags");
    let request = server
        .call(Method::POST, &path, Some(token))
        .json(&json!({"reason": "spam"}));
    server.send(request).await
}

async fn feedback(
    server: &TestServer,
    token: Option<&str>,
    thread: i64,
    helped: bool,
) -> (u16, Value) {
    let path = format!("/threads/{thread}/feedback");
    let request = server
        .call(Method::POST, &path, token)
        .json(&json!({"helped": helped}));
    server.send(request).await
}

async fn visible_answers(server: &TestServer, thread: i64) -> usize {
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{thread}")))
        .await;
    thread["answers"].as_array().unwrap().len()
}

/// A visitor the brand identified, which makes them established.
async fn identified(server: &TestServer) -> String {
    server.identified_visitor(&random_hex(), None).await
}

/// Makes the visitor holding `token` two days old, as if they had come back.
async fn age(server: &TestServer, token: &str) {
    let pool = server.db().await;
    sqlx::query(&format!(
        "UPDATE visitors SET created_at = {}
         WHERE id = (SELECT visitor_id FROM visitor_tokens WHERE token_hash = $1)",
        server.time_literal(days(-2))
    ))
    .bind(hash_token(token))
    .execute(&pool)
    .await
    .unwrap();
}

async fn reactions(server: &TestServer) -> i64 {
    server
        .count("SELECT (SELECT COUNT(*) FROM answer_votes) + (SELECT COUNT(*) FROM answer_flags)")
        .await
}

#[tokio::test]
async fn votes_flags_and_acceptance_are_refused_on_staff_replies_and_private_threads() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    let thread = server
        .ask(&asker, "My eSIM will not activate at all", "ask-1")
        .await["id"]
        .as_i64()
        .unwrap();
    let escalate = |key: &str, body: Value| {
        server
            .call(Method::POST, "/escalations", Some(&asker))
            .header("idempotency-key", key)
            .json(&body)
    };
    let (status, public) = server
        .send(escalate(
            "esc-1",
            json!({"thread_id": thread, "message": "Still broken.", "email": "kim@example.com"}),
        ))
        .await;
    assert_eq!(status, 201, "{public}");
    let (status, private) = server
        .send(escalate(
            "esc-2",
            json!({"message": "Please close my account", "email": "kim@example.com"}),
        ))
        .await;
    assert_eq!(status, 201, "{private}");
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let mut replies = Vec::new();
    for ticket in [&public, &private] {
        let reference = ticket["escalation"]["reference"].as_str().unwrap();
        let (status, reply) = server.staff_reply(&agent, reference, "Done for you.").await;
        assert_eq!(status, 201, "{reply}");
        replies.push(reply["id"].as_i64().unwrap());
    }

    let stranger = identified(&server).await;
    let helper = server.helper("Helpful Hal").await;
    for reply in replies {
        // Others are told nothing is there; the asker, who sees it, is told why not.
        for (status, body) in [
            vote(&server, &stranger, reply).await,
            flag(&server, &stranger, reply).await,
            flag(&server, &helper, reply).await,
            accept(&server, &stranger, reply).await,
        ] {
            assert_error(status, &body, 404, "not_found");
        }
        for (status, body) in [
            vote(&server, &asker, reply).await,
            flag(&server, &asker, reply).await,
            accept(&server, &asker, reply).await,
        ] {
            assert_error(status, &body, 403, "forbidden");
        }
    }
    assert_eq!(reactions(&server).await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM reputation").await, 0);
    let accepted = "SELECT COUNT(*) FROM answers WHERE accepted = TRUE AND staff_id IS NOT NULL";
    assert_eq!(server.count(accepted).await, 0);
}

#[tokio::test]
async fn three_fresh_tokens_from_one_address_never_hide_an_answer() {
    let server = TestServer::start().await;
    let (thread, answer, _) = answered(&server, "Is there a student discount?").await;
    for _ in 0..3 {
        let fresh = server.visitor().await;
        assert_eq!(flag(&server, &fresh, answer).await.0, 204);
    }
    // Coming back two days later without having done anything does not make one established.
    let idle = server.visitor().await;
    age(&server, &idle).await;
    assert_eq!(flag(&server, &idle, answer).await.0, 204);
    assert_eq!(visible_answers(&server, thread).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM answer_flags").await, 4);

    // Three established people hide it: identified ones, or returning ones who took part.
    let (thread, answer, _) = answered(&server, "Can I pause my plan for a month?").await;
    for _ in 0..2 {
        assert_eq!(
            flag(&server, &identified(&server).await, answer).await.0,
            204
        );
    }
    let returning = server.visitor().await;
    server
        .ask(&returning, "Why is my bill higher this month?", "mine")
        .await;
    age(&server, &returning).await;
    assert_eq!(visible_answers(&server, thread).await, 1);
    assert_eq!(flag(&server, &returning, answer).await.0, 204);
    assert_eq!(visible_answers(&server, thread).await, 0);
}

#[tokio::test]
async fn fresh_upvotes_from_one_address_pay_half_once() {
    let server = TestServer::start().await;
    let (_, answer, helper) = answered(&server, "How do I port my number?").await;
    for _ in 0..3 {
        let fresh = server.visitor().await;
        let (status, tally) = vote(&server, &fresh, answer).await;
        assert_eq!(status, 200, "{tally}");
        assert_eq!(tally["votes"], 1, "fresh votes from one address count once");
    }
    let half = peerhelp_api::POINTS_PER_UPVOTE / 2;
    assert_eq!(server.me(&helper).await["points"], half);

    let (_, tally) = vote(&server, &identified(&server).await, answer).await;
    assert_eq!(tally["votes"], 2);
    assert_eq!(
        server.me(&helper).await["points"],
        half + peerhelp_api::POINTS_PER_UPVOTE
    );
}

/// The answer about a thread someone else wrote privately to staff is a 404 worded as for a
/// thread that does not exist.
fn assert_told_nothing_is_there(private: (i64, (u16, Value)), missing: (i64, (u16, Value))) {
    let (private, (status, refused)) = private;
    let (missing, (_, absent)) = missing;
    assert_error(status, &refused, 404, "not_found");
    let message = |body: &Value, id: i64| {
        body["message"]
            .as_str()
            .unwrap()
            .replace(&id.to_string(), "N")
    };
    assert_eq!(message(&refused, private), message(&absent, missing));
}

#[tokio::test]
async fn feedback_is_one_per_visitor_and_private_threads_take_none() {
    let server = TestServer::start().await;
    let (thread, _, _) = answered(&server, "Where do I find my PUK code?").await;
    let visitor = server.visitor().await;
    let (status, body) = feedback(&server, None, thread, true).await;
    assert_error(status, &body, 401, "unauthorized");
    for _ in 0..3 {
        let (status, tally) = feedback(&server, Some(&visitor), thread, true).await;
        assert_eq!(status, 200, "{tally}");
        assert_eq!(tally, json!({"helped": 1, "not_helped": 0}));
    }
    // A second answer replaces the first: people change their minds.
    let (_, tally) = feedback(&server, Some(&visitor), thread, false).await;
    assert_eq!(tally, json!({"helped": 0, "not_helped": 1}));
    assert_eq!(server.count("SELECT COUNT(*) FROM feedback").await, 1);

    let asker = server.visitor().await;
    let request = server
        .call(Method::POST, "/escalations", Some(&asker))
        .header("idempotency-key", "esc")
        .json(&json!({"message": "Please close my account", "email": "kim@example.com"}));
    let (status, created) = server.send(request).await;
    assert_eq!(status, 201, "{created}");
    let private = created["thread_id"].as_i64().unwrap();
    let missing = private + 1_000;
    for token in [&asker, &visitor] {
        let refused = feedback(&server, Some(token), private, true).await;
        let absent = feedback(&server, Some(token), missing, true).await;
        assert_told_nothing_is_there((private, refused), (missing, absent));
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM feedback").await, 1);
    // Marking it read tells another visitor no more than feedback does; its asker may.
    let seen = |token: &str, thread: i64| {
        let path = format!("/threads/{thread}/seen");
        server.send(server.call(Method::POST, &path, Some(token)))
    };
    let refused = seen(&visitor, private).await;
    let absent = seen(&visitor, missing).await;
    assert_told_nothing_is_there((private, refused), (missing, absent));
    assert_eq!(seen(&asker, private).await.0, 204);
}

/// New visitors arriving together all get their tokens: creating one reads the network key
/// before it writes, which must not fail when another visitor was created in between.
#[tokio::test]
async fn visitors_arriving_together_all_get_tokens() {
    let server = TestServer::start().await;
    let arrivals = (0..25).map(|_| {
        let server = &server;
        async move {
            server
                .send(server.call(Method::POST, "/visitors", None))
                .await
        }
    });
    for (status, body) in futures_util::future::join_all(arrivals).await {
        assert_eq!(status, 201, "{body}");
    }
}
