//! Inviting a teammate from the console: a link to hand on, emailed when email is configured.

use crate::common::{TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn invite(
    server: &TestServer,
    token: &str,
    origin: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let mut request = server
        .call(Method::POST, "/staff-invites", Some(token))
        .json(&body);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    server.send(request).await
}

#[tokio::test]
async fn an_invitation_from_the_console_carries_its_link_and_is_emailed() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let admin = server.staff("ana@acme.test", "Ana", "admin").await;
    let teammate = json!({"email": "Lee@Acme.test", "name": "Lee Park", "role": "agent"});
    let (status, issued) = invite(&server, &admin, Some(&server.base), teammate.clone()).await;
    assert_eq!(status, 201, "{issued}");
    let code = issued["code"].as_str().unwrap();
    let url = format!("{}/console/#site=acme&invite={code}", server.base);
    assert_eq!(issued["url"], url.as_str());
    assert_eq!(issued["emailed"], true);
    let mail = sink.next().await;
    assert_eq!(mail.to, ["lee@acme.test"]);
    // A line as long as the link may be sent quoted-printable: soft breaks and `=` escaped.
    let text = mail
        .data
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    assert!(text.contains(&url), "{}", mail.data);
    assert!(
        text.contains("You are invited to join the"),
        "{}",
        mail.data
    );
    // The link works.
    let (status, session) = server.staff_accept(code, "correct horse battery").await;
    assert_eq!(status, 201, "{session}");

    // Without the console's origin (a script with the admin token) there is no link to send.
    let other = json!({"email": "kim@acme.test", "name": "Kim", "role": "agent"});
    let (status, issued) = invite(&server, &server.admin_token, None, other).await;
    assert_eq!(status, 201, "{issued}");
    assert!(issued.get("url").is_none(), "{issued}");
    assert_eq!(issued["emailed"], false);

    // Bad input and agents are refused, and nothing is queued.
    let outbox = server.count("SELECT COUNT(*) FROM mail_outbox").await;
    let bad = json!({"email": "not an email", "name": "Bo", "role": "agent"});
    let (status, body) = invite(&server, &admin, Some(&server.base), bad).await;
    assert_error(status, &body, 422, "invalid_input");
    let agent = server.staff("cy@acme.test", "Cy", "agent").await;
    let someone = json!({"email": "dee@acme.test", "name": "Dee", "role": "agent"});
    let (status, body) = invite(&server, &agent, Some(&server.base), someone).await;
    assert_error(status, &body, 403, "forbidden");
    assert_eq!(
        server.count("SELECT COUNT(*) FROM mail_outbox").await,
        outbox
    );
}

#[tokio::test]
async fn without_email_an_invitation_is_a_link_to_hand_on() {
    let server = TestServer::start().await;
    let admin = server.staff("ana@acme.test", "Ana", "admin").await;
    let teammate = json!({"email": "lee@acme.test", "name": "Lee", "role": "agent"});
    let (status, issued) = invite(&server, &admin, Some(&server.base), teammate).await;
    assert_eq!(status, 201, "{issued}");
    assert!(
        issued["url"]
            .as_str()
            .unwrap()
            .contains("#site=acme&invite=")
    );
    assert_eq!(issued["emailed"], false);
    assert_eq!(server.count("SELECT COUNT(*) FROM mail_outbox").await, 0);
}
