//! Identified visitors: reached at their known email, their tickets following them.

use crate::common::TestServer;
use crate::common::sse::EventStream;
use crate::requests::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn an_identified_visitor_is_reached_at_their_known_email() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let visitor = server
        .identified_visitor("cust-7", Some("ada@example.com"))
        .await;
    let request = json!({"message": "My invoice shows the wrong address"});
    let (status, created) = escalate(&server, &visitor, "k1", request).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(sink.next().await.to, ["ada@example.com"]);

    // Identified without an email, they can still escalate and read replies in the widget.
    let quiet = server.identified_visitor("cust-8", None).await;
    let request = json!({"message": "My invoice shows the wrong name"});
    let (status, created) = escalate(&server, &quiet, "k1", request).await;
    assert_eq!(status, 201, "{created}");
}

#[tokio::test]
async fn a_ticket_follows_its_visitor_when_the_brand_identifies_them() {
    let (_sink, server) = TestServer::start_with_mail().await;
    let anonymous = server.visitor().await;
    let request =
        json!({"message": "Please move my plan to my new address", "email": "kim@example.com"});
    let (_, created) = escalate(&server, &anonymous, "k1", request).await;
    let reference = created["escalation"]["reference"].as_str().unwrap();

    let expires = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 300;
    let identity = json!({
        "id": "cust-9", "name": "Kim Lee", "expires": expires,
        "signature": peerhelp_server::secrets::sign_identity(
            &server.identity_secret,
            &peerhelp_server::secrets::SignedIdentity {
                id: "cust-9", expires, name: Some("Kim Lee"), email: None,
            },
        ),
    });
    let identify = server
        .call(Method::POST, "/visitors/identify", Some(&anonymous))
        .json(&identity);
    let (status, session) = server.send(identify).await;
    assert_eq!(status, 200, "{session}");
    let identified = session["token"].as_str().unwrap().to_owned();

    let mut stream = EventStream::open(&server.client, &server.events_url(&identified), None).await;
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (_, ticket) = staff_post(
        &server,
        &agent,
        &format!("/escalations/{reference}/assign"),
        json!({}),
    )
    .await;
    assert_eq!(ticket["visitor_name"], "Kim Lee");
    let changed = stream.next_of("escalation_changed").await;
    assert_eq!(changed.data["escalation"]["assignee"]["name"], "Sam Ortiz");
}
