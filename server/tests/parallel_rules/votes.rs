//! One vote per visitor (and one counted per fresh network), and one accepted answer per
//! thread, under votes and acceptances arriving at once; the points paid follow the count.

use peerhelp_api::{POINTS_PER_ACCEPTED_ANSWER, POINTS_PER_UPVOTE};
use reqwest::Method;

use crate::common::TestServer;
use crate::{AT_ONCE, all_at_once, at_once, server, statuses};

/// A question asked by a visitor, answered by `helpers` new helpers; returns the asker's token,
/// and each helper's token and answer id.
async fn answered(server: &TestServer, helpers: usize) -> (String, Vec<(String, i64)>) {
    let asker = server.visitor().await;
    let thread = server.ask(&asker, "Why is my bill higher?", "ask-1").await;
    let mut answers = Vec::new();
    for n in 0..helpers {
        let helper = server.helper(&format!("Helper {n}")).await;
        let thread = thread["id"].as_i64().unwrap();
        let (status, answer) = server
            .answer(&helper, thread, "A price rise in April.")
            .await;
        assert_eq!(status, 201, "{answer}");
        answers.push((helper, answer["id"].as_i64().unwrap()));
    }
    (asker, answers)
}

fn post(server: &TestServer, token: &str, answer: i64, action: &str) -> reqwest::RequestBuilder {
    server.call(
        Method::POST,
        &format!("/answers/{answer}/{action}"),
        Some(token),
    )
}

/// Every vote at once; returns the tallies the voters were told.
async fn votes(server: &TestServer, voters: &[String], answer: i64) -> Vec<i64> {
    let requests = voters
        .iter()
        .map(|voter| post(server, voter, answer, "vote"))
        .collect();
    let voted = all_at_once(server, requests).await;
    assert_eq!(statuses(&voted).get(&200), Some(&voters.len()), "{voted:?}");
    voted
        .iter()
        .map(|(_, tally)| tally["votes"].as_i64().unwrap())
        .collect()
}

async fn points(server: &TestServer, helper: &str) -> i64 {
    server.me(helper).await["points"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_visitor_voting_many_times_at_once_counts_once() {
    let server = server().await;
    let (_, answers) = answered(&server, 1).await;
    let (helper, answer) = &answers[0];
    let voter = server.identified_visitor("voter", None).await;
    let tallies = votes(&server, &vec![voter; AT_ONCE], *answer).await;
    assert_eq!(tallies, vec![1; AT_ONCE], "every response agrees");
    assert_eq!(points(&server, helper).await, POINTS_PER_UPVOTE);
    assert_eq!(server.count("SELECT COUNT(*) FROM answer_votes").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn distinct_visitors_voting_at_once_each_count() {
    let server = server().await;
    let (_, answers) = answered(&server, 1).await;
    let (helper, answer) = &answers[0];
    let visitors = &server;
    let voters = at_once(AT_ONCE, |n| async move {
        visitors
            .identified_visitor(&format!("voter-{n}"), None)
            .await
    })
    .await;
    let mut tallies = votes(&server, &voters, *answer).await;
    tallies.sort_unstable();
    assert_eq!(
        tallies,
        (1..=AT_ONCE as i64).collect::<Vec<_>>(),
        "each saw its own count"
    );
    assert_eq!(
        points(&server, helper).await,
        AT_ONCE as i64 * POINTS_PER_UPVOTE
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fresh_visitors_of_one_network_voting_at_once_count_once() {
    let server = server().await;
    let (_, answers) = answered(&server, 1).await;
    let (helper, answer) = &answers[0];
    // Anonymous tokens made just now, all from this machine: one fresh network.
    let voters = at_once(AT_ONCE, |_| server.visitor()).await;
    votes(&server, &voters, *answer).await;
    let tally = server
        .count(&format!("SELECT votes FROM answers WHERE id = {answer}"))
        .await;
    assert_eq!(tally, 1, "one fresh network's votes count once");
    assert_eq!(points(&server, helper).await, POINTS_PER_UPVOTE / 2);
    let kept = server.count("SELECT COUNT(*) FROM answer_votes").await;
    assert_eq!(kept, AT_ONCE as i64, "each voter still sees they voted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acceptances_at_once_accept_one_answer_and_pay_once() {
    let server = server().await;
    let (asker, answers) = answered(&server, 2).await;
    let (helper, answer) = &answers[0];
    let requests = (0..AT_ONCE)
        .map(|_| post(&server, &asker, *answer, "accept"))
        .collect();
    let accepted = all_at_once(&server, requests).await;
    assert_eq!(
        statuses(&accepted).get(&200),
        Some(&AT_ONCE),
        "{accepted:?}"
    );
    assert_eq!(points(&server, helper).await, POINTS_PER_ACCEPTED_ANSWER);
    let ledger = "SELECT COUNT(*) FROM reputation WHERE reason <> 'upvote'";
    assert_eq!(
        server.count(ledger).await,
        1,
        "one award, nothing withdrawn"
    );

    // Both answers accepted at once: one ends up accepted, and only its author holds the points.
    let (other_helper, other) = &answers[1];
    let requests = [*answer, *other]
        .iter()
        .cycle()
        .take(AT_ONCE)
        .map(|answer| post(&server, &asker, *answer, "accept"))
        .collect();
    all_at_once(&server, requests).await;
    let accepted =
        format!("SELECT COUNT(*) FROM answers WHERE accepted = TRUE AND id IN ({answer}, {other})");
    assert_eq!(server.count(&accepted).await, 1);
    let total = points(&server, helper).await + points(&server, other_helper).await;
    assert_eq!(total, POINTS_PER_ACCEPTED_ANSWER);
}
