//! Flag thresholds: flags from distinct people arriving at once hide an answer when (and only
//! when) they reach [`FLAGS_TO_HIDE`]; one person flagging many times at once counts once.

use peerhelp_api::FLAGS_TO_HIDE;
use reqwest::Method;
use serde_json::json;

use crate::common::TestServer;
use crate::{AT_ONCE, all_at_once, server, statuses};

/// A question with `count` answers by one helper; returns the thread and answer ids.
async fn answered(server: &TestServer, count: usize) -> (i64, Vec<i64>) {
    let asker = server.visitor().await;
    let thread = server
        .ask(&asker, "Does the pass cover Norway?", "ask-1")
        .await;
    let thread = thread["id"].as_i64().unwrap();
    let helper = server.helper("Hasty Helper").await;
    let mut answers = Vec::new();
    for n in 0..count {
        let (status, answer) = server.answer(&helper, thread, &format!("Answer {n}")).await;
        assert_eq!(status, 201, "{answer}");
        answers.push(answer["id"].as_i64().unwrap());
    }
    (thread, answers)
}

fn flag(server: &TestServer, visitor: &str, answer: i64) -> reqwest::RequestBuilder {
    server
        .call(
            Method::POST,
            &format!("/answers/{answer}/flags"),
            Some(visitor),
        )
        .json(&json!({"reason": "spam"}))
}

/// The ids of the thread's answers visitors see.
async fn visible(server: &TestServer, thread: i64) -> Vec<i64> {
    let (status, thread) = server
        .get_json(&server.api(&format!("/threads/{thread}")))
        .await;
    assert_eq!(status, 200, "{thread}");
    let answers = thread["answers"].as_array().unwrap();
    answers
        .iter()
        .map(|answer| answer["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn distinct_flaggers_at_once_hide_an_answer_exactly_at_the_threshold() {
    let server = server().await;
    let (thread, answers) = answered(&server, 4).await;
    let threshold = FLAGS_TO_HIDE as usize;
    // Identified visitors' flags weigh a whole flag each.
    let mut flaggers = Vec::new();
    for n in 0..(threshold - 1) + 3 * threshold {
        flaggers.push(
            server
                .identified_visitor(&format!("flagger-{n}"), None)
                .await,
        );
    }
    let (below, at) = flaggers.split_at(threshold - 1);

    // One short of the threshold, all at once: the answer stays.
    let requests = below
        .iter()
        .map(|visitor| flag(&server, visitor, answers[0]))
        .collect();
    let flagged = all_at_once(&server, requests).await;
    assert_eq!(
        statuses(&flagged).get(&204),
        Some(&(threshold - 1)),
        "{flagged:?}"
    );
    assert_eq!(visible(&server, thread).await, answers);

    // Exactly the threshold on each of three answers, every flag at once: each is hidden
    // though no flag saw the others committed when it was written.
    let requests = at
        .chunks(threshold)
        .zip(&answers[1..])
        .flat_map(|(visitors, answer)| {
            visitors
                .iter()
                .map(|visitor| flag(&server, visitor, *answer))
        })
        .collect();
    let flagged = all_at_once(&server, requests).await;
    assert_eq!(
        statuses(&flagged).get(&204),
        Some(&(3 * threshold)),
        "{flagged:?}"
    );
    assert_eq!(visible(&server, thread).await, answers[..1]);
    let hidden = "SELECT COUNT(*) FROM answers WHERE hidden_at IS NOT NULL";
    assert_eq!(server.count(hidden).await, 3);
    let flags = "SELECT COUNT(*) FROM answer_flags";
    assert_eq!(
        server.count(flags).await,
        (threshold - 1 + 3 * threshold) as i64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_visitor_flagging_many_times_at_once_counts_once() {
    let server = server().await;
    let (thread, answers) = answered(&server, 1).await;
    let visitor = server.identified_visitor("flagger", None).await;
    let staff_events = "SELECT COUNT(*) FROM events WHERE audience = 'staff'";
    let staff_told_before = server.count(staff_events).await;
    let requests = (0..AT_ONCE)
        .map(|_| flag(&server, &visitor, answers[0]))
        .collect();
    let flagged = all_at_once(&server, requests).await;
    assert_eq!(statuses(&flagged).get(&204), Some(&AT_ONCE), "{flagged:?}");

    assert_eq!(server.count("SELECT COUNT(*) FROM answer_flags").await, 1);
    assert_eq!(
        visible(&server, thread).await,
        answers,
        "one flag hides nothing"
    );
    assert_eq!(
        server.count(staff_events).await - staff_told_before,
        1,
        "staff hear of the flag once"
    );
}
