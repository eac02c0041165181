//! Votes and acceptance earning points once, the leaderboard, and flags hiding an answer.

use crate::common::{TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

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
