//! Answers: safe Markdown, edits by their author only, and the new helpers' hourly allowance.

use crate::common::{TestServer, assert_error, assert_rate_limited};
use reqwest::Method;
use serde_json::json;

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
