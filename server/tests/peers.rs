//! Peer helpers over real HTTP: invites, presence, the queue, answers and edits, votes,
//! acceptance, reputation, rate limits and flags.

mod common;

use std::time::Duration;

use common::sse::EventStream;
use common::{TestServer, assert_error, assert_rate_limited};
use peerhelp_api::OFFLINE_AFTER_SECONDS;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn helpers_are_invited_sign_in_once_and_go_offline_without_heartbeats() {
    let server = TestServer::start().await;
    let invite = |token: Option<&str>| {
        server
            .call(Method::POST, "/helper-invites", token)
            .json(&json!({"name": "Grace Hopper", "page_url": "https://shop.acme.test/help#x"}))
    };
    let (status, body) = server.send(invite(None)).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server.send(invite(Some("pa_wrong"))).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, invite) = server.send(invite(Some(&server.admin_token))).await;
    assert_eq!(status, 201, "{invite}");
    let code = invite["code"].as_str().unwrap();
    assert_eq!(
        invite["url"],
        format!("https://shop.acme.test/help#peerhelp-invite={code}")
    );

    let sign_in = |code: &str| {
        server
            .call(Method::POST, "/helpers/sign-in", None)
            .json(&json!({"code": code}))
    };
    let (status, session) = server.send(sign_in(code)).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["helper"]["card"]["name"], "Grace Hopper");
    assert_eq!(session["helper"]["card"]["initials"], "GH");
    assert_eq!(session["helper"]["card"]["rank"], "newcomer");
    let helper = session["token"].as_str().unwrap().to_owned();
    assert!(helper.starts_with("ph_"));
    let (status, body) = server.send(sign_in(code)).await;
    assert_error(status, &body, 401, "unauthorized");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("already been used")
    );
    let (status, body) = server.send(sign_in("pi_unknown")).await;
    assert_error(status, &body, 401, "unauthorized");

    let online = || async {
        let (status, online) = server.get_json(&server.api("/helpers/online")).await;
        assert_eq!(status, 200, "{online}");
        online["helpers"].as_array().unwrap().clone()
    };
    assert!(online().await.is_empty());
    let presence = |status: &str| {
        server
            .call(Method::PUT, "/helpers/me/presence", Some(&helper))
            .json(&json!({"status": status}))
    };
    let (status, me) = server.send(presence("online")).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["card"]["status"], "online");
    assert_eq!(online().await[0]["name"], "Grace Hopper");
    server.send(presence("away")).await;
    assert_eq!(online().await[0]["status"], "away");
    server.send(presence("offline")).await;
    assert!(online().await.is_empty());

    // Online, then silent past the timeout: the background task turns the helper offline and
    // says so, without the test waiting for the time to pass.
    let mut changes =
        EventStream::open(&server.client, &server.api("/helpers/online/events"), None).await;
    assert_eq!(changes.next().await.data["helpers"], json!([]));
    server.send(presence("online")).await;
    assert_eq!(changes.next().await.data["helpers"][0]["status"], "online");
    server
        .clock
        .advance(Duration::from_secs(OFFLINE_AFTER_SECONDS as u64 + 1));
    let lapsed = changes.next().await;
    assert_eq!(lapsed.kind, "presence_changed");
    assert_eq!(lapsed.data["helpers"], json!([]));
    assert!(online().await.is_empty());
    assert_eq!(server.me(&helper).await["card"]["status"], "offline");
}

#[tokio::test]
async fn the_queue_lists_unanswered_questions_first_then_the_oldest() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let helper = server.helper("Queue Helper").await;
    let older = server
        .ask(&visitor, "First question, asked earliest", "q1")
        .await;
    let newer = server
        .ask(&visitor, "Second question, asked later", "q2")
        .await;
    let (status, _) = server
        .answer(&helper, older["id"].as_i64().unwrap(), "Here is a fix.")
        .await;
    assert_eq!(status, 201);
    let (status, queue) = server
        .send(server.call(Method::GET, "/helpers/queue", Some(&helper)))
        .await;
    assert_eq!(status, 200, "{queue}");
    let ids: Vec<&Value> = queue["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["thread_id"])
        .collect();
    let signal_thread = server
        .count("SELECT id FROM threads WHERE title = 'No signal indoors since Tuesday'")
        .await;
    // Unanswered (the imported open thread, then the newer question), then the answered one.
    assert_eq!(ids, vec![&json!(signal_thread), &newer["id"], &older["id"]]);
    let (status, body) = server
        .send(server.call(Method::GET, "/helpers/queue", None))
        .await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn answers_render_safe_markdown_and_only_their_author_edits_them() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let author = server.helper("Author").await;
    let other = server.helper("Other").await;
    let thread = server
        .ask(&visitor, "How do I reset my voicemail PIN?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let markdown = "Dial **121**, then:\n\n1. press `4`\n2. choose *PIN*\n\n\
        [Guide](https://help.acme.test/pin) <script>alert(1)</script> \
        <img src=x onerror=alert(2)> [click](javascript:alert(3))";
    let (status, answer) = server.answer(&author, thread_id, markdown).await;
    assert_eq!(status, 201, "{answer}");
    let html = answer["html"].as_str().unwrap();
    assert!(html.contains("<strong>121</strong>"), "{html}");
    assert!(
        html.contains("<ol>") && html.contains("<code>4</code>"),
        "{html}"
    );
    assert!(html.contains(
        r#"<a href="https://help.acme.test/pin" target="_blank" rel="nofollow noopener noreferrer ugc">Guide</a>"#
    ), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(
        !html.contains("javascript:") && !html.contains("onerror=alert(2)>"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(
        answer["body"]
            .as_str()
            .unwrap()
            .starts_with("Dial 121, then:")
    );
    assert_eq!(answer["helper"]["name"], "Author");

    for (body, field) in [("   ", "empty"), (&*"x".repeat(5001), "5000")] {
        let (status, error) = server.answer(&author, thread_id, body).await;
        assert_error(status, &error, 422, "invalid_input");
        assert!(
            error["message"].as_str().unwrap().contains(field),
            "{error}"
        );
    }
    let (status, error) = server.answer(&author, 999_999, "Hello there").await;
    assert_error(status, &error, 404, "not_found");
    let (status, error) = server
        .answer(&visitor, thread_id, "Visitors cannot answer")
        .await;
    assert_error(status, &error, 403, "forbidden");

    let answer_id = answer["id"].as_i64().unwrap();
    let edit = |token: &str| {
        server
            .call(Method::PATCH, &format!("/answers/{answer_id}"), Some(token))
            .json(&json!({"body": "Dial *121* and press 4."}))
    };
    let (status, error) = server.send(edit(&other)).await;
    assert_error(status, &error, 403, "forbidden");
    let (status, edited) = server.send(edit(&author)).await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["html"], "<p>Dial <em>121</em> and press 4.</p>\n");
    let (_, read) = server
        .get_json(&server.api(&format!("/threads/{thread_id}")))
        .await;
    assert_eq!(read["status"], "answered");
    assert_eq!(read["answers"][0]["body"], "Dial 121 and press 4.");
    assert!(read.get("viewer").is_none(), "{read}");
    // Imported answers get HTML derived from their text.
    let imported = server.thread_id("roam-1").await;
    let (_, roam) = server
        .get_json(&server.api(&format!("/threads/{imported}")))
        .await;
    assert_eq!(
        roam["answers"][0]["html"],
        "<p>EU roaming is included on every plan, up to 12GB.</p>"
    );
}

#[tokio::test]
async fn votes_and_acceptance_earn_points_once_and_rank_the_leaderboard() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    // Identified voters are established: their upvotes pay in full.
    let voter = server.identified_visitor("voter-0", None).await;
    let first = server.helper("First Helper").await;
    let second = server.helper("Second Helper").await;
    let thread = server
        .ask(&asker, "Can I keep my number when I move?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let (_, a1) = server
        .answer(&first, thread_id, "Yes, ask for a PAC.")
        .await;
    let (_, a2) = server
        .answer(&second, thread_id, "Text PAC to 65075.")
        .await;
    let (a1, a2) = (a1["id"].as_i64().unwrap(), a2["id"].as_i64().unwrap());

    let vote = |token: &str, answer: i64| {
        server.call(
            Method::POST,
            &format!("/answers/{answer}/vote"),
            Some(token),
        )
    };
    let (status, tally) = server.send(vote(&voter, a1)).await;
    assert_eq!(status, 200, "{tally}");
    assert_eq!(tally, json!({"answer_id": a1, "votes": 1}));
    let (_, tally) = server.send(vote(&voter, a1)).await;
    assert_eq!(tally["votes"], 1, "a second vote counts once");
    let (status, body) = server.send(vote(&first, a1)).await;
    assert_error(status, &body, 403, "forbidden");
    assert_eq!(server.me(&first).await["points"], 10);

    let accept = |token: &str, answer: i64| {
        server.call(
            Method::POST,
            &format!("/answers/{answer}/accept"),
            Some(token),
        )
    };
    let (status, body) = server.send(accept(&voter, a1)).await;
    assert_error(status, &body, 403, "forbidden");
    let (status, accepted) = server.send(accept(&asker, a1)).await;
    assert_eq!(status, 200, "{accepted}");
    assert_eq!(accepted["accepted"], true);
    server.send(accept(&asker, a1)).await;
    assert_eq!(server.me(&first).await["points"], 25);

    let (_, viewed) = server
        .send(server.call(Method::GET, &format!("/threads/{thread_id}"), Some(&asker)))
        .await;
    assert_eq!(viewed["viewer"]["is_asker"], true);
    assert_eq!(
        viewed["answers"][0]["id"], a1,
        "the accepted answer comes first"
    );
    let (_, viewed) = server
        .send(server.call(Method::GET, &format!("/threads/{thread_id}"), Some(&voter)))
        .await;
    assert_eq!(
        viewed["viewer"],
        json!({"is_asker": false, "voted": [a1], "flagged": []})
    );

    // Moving the acceptance moves its points; the ledger keeps both rows.
    server.send(accept(&asker, a2)).await;
    assert_eq!(server.me(&first).await["points"], 10);
    assert_eq!(server.me(&second).await["points"], 15);
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{thread_id}")))
        .await;
    let accepted: Vec<&Value> = thread["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["accepted"] == true)
        .map(|a| &a["id"])
        .collect();
    assert_eq!(accepted, vec![&json!(a2)]);
    assert_eq!(server.count("SELECT COUNT(*) FROM reputation").await, 4);

    // Enough votes make a helper trusted and move them up the ranks.
    for n in 1..=4 {
        let voter = server.identified_visitor(&format!("voter-{n}"), None).await;
        server.send(vote(&voter, a2)).await;
    }
    let me = server.me(&second).await;
    assert_eq!(me["points"], 55);
    assert_eq!(me["card"]["rank"], "helper");
    assert!(me.get("answers_left_this_hour").is_none(), "{me}");
    let (status, board) = server.get_json(&server.api("/leaderboard")).await;
    assert_eq!(status, 200, "{board}");
    assert_eq!(board["helpers"][0]["helper"]["name"], "Second Helper");
    assert_eq!(board["helpers"][0]["points"], 55);
    assert_eq!(board["helpers"][0]["accepted_answers"], 1);
    assert_eq!(board["helpers"][0]["answers"], 1);
    assert_eq!(board["helpers"][1]["helper"]["name"], "First Helper");
}

#[tokio::test]
async fn new_helpers_may_post_only_a_few_answers_an_hour() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let helper = server.helper("Eager").await;
    let thread = server
        .ask(&visitor, "How do I change my bill date?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let allowance = peerhelp_api::NEW_HELPER_ANSWERS_PER_HOUR;
    for n in 0..allowance {
        let (status, body) = server
            .answer(&helper, thread_id, &format!("Answer {n}"))
            .await;
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(server.me(&helper).await["answers_left_this_hour"], 0);
    let refused = server
        .call(
            Method::POST,
            &format!("/threads/{thread_id}/answers"),
            Some(&helper),
        )
        .json(&json!({"body": "One too many"}))
        .send()
        .await
        .unwrap();
    // The first answer frees its place an hour after it was posted, moments ago.
    let (_, body) = assert_rate_limited(refused, 3500..=3600).await;
    assert!(
        body["message"].as_str().unwrap().contains("again at"),
        "{body}"
    );
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM answers WHERE body = 'One too many'")
            .await,
        0
    );
}

#[tokio::test]
async fn flags_from_three_people_hide_an_answer_from_thread_and_search() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    let helper = server.helper("Spammer").await;
    let thread = server
        .ask(&asker, "Is there a student discount?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let (_, answer) = server
        .answer(&helper, thread_id, "Buy zorblax pills now")
        .await;
    let answer_id = answer["id"].as_i64().unwrap();
    let hits = async |want: usize| {
        while server.search_ids("zorblax").await.len() != want {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), hits(1))
        .await
        .expect("the answer is searchable");
    let flag = |token: &str, reason: &str| {
        server
            .call(
                Method::POST,
                &format!("/answers/{answer_id}/flags"),
                Some(token),
            )
            .json(&json!({"reason": reason}))
    };
    let visible = || async {
        let (_, thread) = server
            .get_json(&server.api(&format!("/threads/{thread_id}")))
            .await;
        thread["answers"].as_array().unwrap().len()
    };
    // Identified flaggers are established: their flags count in full.
    let first = server.identified_visitor("flagger-1", None).await;
    let (status, body) = server.send(flag(&first, "spam")).await;
    assert_eq!(status, 204, "{body}");
    server.send(flag(&first, "rude")).await;
    let (status, body) = server.send(flag(&first, "nonsense")).await;
    assert_error(status, &body, 422, "invalid_input");
    server.send(flag(&helper, "spam")).await;
    assert_eq!(visible().await, 1, "two distinct people so far");
    let third = server.identified_visitor("flagger-3", None).await;
    server.send(flag(&third, "spam")).await;
    assert_eq!(visible().await, 0);
    let (status, body) = server
        .send(server.call(
            Method::POST,
            &format!("/answers/{answer_id}/vote"),
            Some(&third),
        ))
        .await;
    assert_error(status, &body, 404, "not_found");
    let (_, read) = server
        .get_json(&server.api(&format!("/threads/{thread_id}")))
        .await;
    assert_eq!(read["status"], "open", "back in the helpers' queue");

    tokio::time::timeout(Duration::from_secs(10), hits(0))
        .await
        .expect("the hidden answer leaves the search index");
}
