//! Escalation over real HTTP, a real SQLite file, a real SMTP listener and real SSE streams:
//! a visitor hands a question to staff, a named staff member takes it and replies (live and by
//! email), resolves and reopens it; private requests stay private; the audit log keeps every
//! staff action; other sites' and other kinds' tokens are refused.

mod common;

use common::sse::EventStream;
use common::{OTHER_SITE, TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn escalate(server: &TestServer, visitor: &str, key: &str, body: Value) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(&body);
    server.send(request).await
}

async fn staff_post(server: &TestServer, staff: &str, path: &str, body: Value) -> (u16, Value) {
    server
        .send(server.call(Method::POST, path, Some(staff)).json(&body))
        .await
}

async fn staff_get(server: &TestServer, staff: &str, path: &str) -> (u16, Value) {
    server
        .send(server.call(Method::GET, path, Some(staff)))
        .await
}

#[tokio::test]
async fn a_visitor_escalates_and_a_named_staff_member_replies_live_and_by_email() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let thread = server
        .ask(&visitor, "My eSIM will not activate at all", "ask-1")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let mut stream = EventStream::open(&server.client, &server.events_url(&visitor), None).await;

    let request = json!({
        "thread_id": thread_id,
        "message": "I tried the QR code twice.",
        "email": "kim@example.com",
        "page_url": "https://shop.acme.test/help#top",
        "searches": ["esim", "esim", "esim not working", " "],
    });
    let (status, created) = escalate(&server, &visitor, "esc-1", request.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["thread_id"], thread_id);
    let reference = created["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        reference.starts_with("PH-") && reference.len() == 9,
        "{reference}"
    );
    assert_eq!(created["escalation"]["status"], "open");
    // A retry, and escalating the same question again, give the same ticket.
    let (status, again) = escalate(&server, &visitor, "esc-1", request.clone()).await;
    assert_eq!((status, &again), (200, &created));
    let (status, again) = escalate(&server, &visitor, "esc-2", request).await;
    assert_eq!((status, &again), (200, &created));
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 1);

    let opened = stream.next_of("escalation_changed").await;
    assert_eq!(opened.data["escalation"]["reference"], reference);
    let confirmation = sink.next().await;
    assert_eq!(confirmation.to, ["kim@example.com"]);
    assert!(
        confirmation.data.contains(&format!("[{reference}]")),
        "{}",
        confirmation.data
    );

    // The question leaves the helpers' queue; the thread shows the ticket.
    let helper = server.helper("Queue Helper").await;
    let (_, queue) = server
        .send(server.call(Method::GET, "/helpers/queue", Some(&helper)))
        .await;
    assert!(
        !queue["questions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["id"] == thread_id),
        "{queue}"
    );
    let (_, shown) = server
        .send(server.call(
            Method::GET,
            &format!("/threads/{thread_id}"),
            Some(&visitor),
        ))
        .await;
    assert_eq!(shown["status"], "escalated");
    assert_eq!(shown["escalation"]["reference"], reference);

    // Staff see the ticket with everything the visitor would otherwise repeat.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, open) = staff_get(&server, &agent, "/escalations").await;
    assert_eq!(status, 200, "{open}");
    // The schema's default is the API's documented one.
    assert_eq!(
        open["first_reply_target_minutes"],
        peerhelp_api::DEFAULT_FIRST_REPLY_TARGET_MINUTES
    );
    let ticket = &open["tickets"][0];
    assert_eq!(ticket["reference"], reference);
    assert_eq!(ticket["contact_email"], "kim@example.com");
    assert_eq!(ticket["page_url"], "https://shop.acme.test/help");
    assert_eq!(ticket["searches"], json!(["esim", "esim not working"]));
    assert_eq!(ticket["message"], "I tried the QR code twice.");
    let (status, detail) = staff_get(&server, &agent, &format!("/escalations/{reference}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        detail["thread"]["title"],
        "My eSIM will not activate at all"
    );

    // Assigning names the staff member to the visitor, live.
    let (status, assigned) = staff_post(
        &server,
        &agent,
        &format!("/escalations/{reference}/assign"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{assigned}");
    assert_eq!(assigned["assignee"]["name"], "Sam Ortiz");
    let changed = stream.next_of("escalation_changed").await;
    let assignee = &changed.data["escalation"]["assignee"];
    assert_eq!(assignee["name"], "Sam Ortiz");
    assert_eq!(assignee["initials"], "SO");

    // The reply arrives live, carrying the staff card, and by email.
    let path = format!("/escalations/{reference}/replies");
    let (status, body) = staff_post(&server, &agent, &path, json!({"body": "  "})).await;
    assert_error(status, &body, 422, "invalid_input");
    let reply = json!({"body": "I have reset your eSIM profile; scan the **new** code."});
    let (status, answer) = staff_post(&server, &agent, &path, reply).await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["staff"]["name"], "Sam Ortiz");
    let posted = stream.next_of("answer_posted").await;
    assert_eq!(posted.data["answer"]["staff"]["initials"], "SO");
    let mail = sink.next().await;
    assert_eq!(mail.to, ["kim@example.com"]);
    assert!(mail.data.contains("Sam Ortiz from the"), "{}", mail.data);
    assert!(
        mail.data.contains("reset your eSIM profile"),
        "{}",
        mail.data
    );
    let (_, open) = staff_get(&server, &agent, "/escalations").await;
    assert!(
        open["tickets"][0]["first_staff_reply_at"].is_string(),
        "{open}"
    );

    // Resolve, then reopen: the thread follows, the visitor hears of both.
    let resolve = format!("/escalations/{reference}/resolve");
    let (status, resolved) = staff_post(&server, &agent, &resolve, json!({})).await;
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["status"], "resolved");
    assert!(resolved["resolved_at"].is_string());
    let (_, open) = staff_get(&server, &agent, "/escalations").await;
    assert_eq!(open["tickets"], json!([]));
    let (_, done) = staff_get(&server, &agent, "/escalations?status=resolved").await;
    assert_eq!(done["tickets"][0]["reference"], reference);
    let changed = stream.next_of("escalation_changed").await;
    assert_eq!(changed.data["escalation"]["status"], "resolved");
    let reopen = format!("/escalations/{reference}/reopen");
    let (_, reopened) = staff_post(&server, &agent, &reopen, json!({})).await;
    assert_eq!(reopened["status"], "open");
    assert!(reopened.get("resolved_at").is_none(), "{reopened}");

    // Every staff action is in the audit log, which only admins read.
    let (status, body) = staff_get(&server, &agent, "/audit-log").await;
    assert_error(status, &body, 403, "forbidden");
    let admin = server.staff("lee@acme.test", "Lee Admin", "admin").await;
    // The log also holds the invitations and sign-ups (staff.*, helper.*).
    let escalation_actions: Vec<String> = server
        .audit_actions(&admin)
        .await
        .into_iter()
        .filter(|action| action.starts_with("escalation."))
        .collect();
    assert_eq!(
        escalation_actions,
        [
            "escalation.reopened",
            "escalation.resolved",
            "escalation.replied",
            "escalation.assigned"
        ]
    );
    let (_, log) = staff_get(&server, &admin, "/audit-log").await;
    let latest = &log["entries"][2];
    assert_eq!(latest["action"], "escalation.reopened");
    assert_eq!(latest["staff_name"], "Sam Ortiz");
    assert_eq!(latest["subject"], reference);
}

#[tokio::test]
async fn a_request_from_the_panel_is_private_to_the_visitor_and_staff() {
    let (_sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let refund = server.thread_id("refund-1").await;

    // An anonymous visitor must say where to reach them; a request must say what it is.
    let no_email = json!({"message": "Please cancel my contract"});
    let (status, body) = escalate(&server, &visitor, "k1", no_email).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = escalate(
        &server,
        &visitor,
        "k2",
        json!({"thread_id": refund, "email": "kim@example.com"}),
    )
    .await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = escalate(
        &server,
        &visitor,
        "k3",
        json!({"thread_id": 999_999, "message": "Where is this one?", "email": "kim@example.com"}),
    )
    .await;
    assert_error(status, &body, 404, "not_found");
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 0);

    // From someone else's thread: a new private thread, with that thread attached.
    let request = json!({
        "thread_id": refund,
        "message": "I was charged twice for order 5521\nThe dispute button is missing.",
        "email": "kim@example.com",
    });
    let (status, created) = escalate(&server, &visitor, "k4", request).await;
    assert_eq!(status, 201, "{created}");
    let private = created["thread_id"].as_i64().unwrap();
    assert_ne!(private, refund);
    let (status, mine) = server
        .send(server.call(Method::GET, &format!("/threads/{private}"), Some(&visitor)))
        .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["title"], "I was charged twice for order 5521");
    assert_eq!(mine["viewer"]["is_asker"], true);

    // Nobody else reads it, helpers cannot answer it, search never finds it.
    let stranger = server.visitor().await;
    for token in [None, Some(stranger.as_str())] {
        let (status, body) = server
            .send(server.call(Method::GET, &format!("/threads/{private}"), token))
            .await;
        assert_error(status, &body, 404, "not_found");
    }
    let helper = server.helper("Curious Helper").await;
    let (status, body) = server.answer(&helper, private, "Let me look.").await;
    assert_error(status, &body, 404, "not_found");
    // A public question asked after it is searchable once the index has caught up, which
    // means the index has seen the private thread too.
    let public = server
        .ask(&stranger, "Charged twice for order 5521 too", "k5")
        .await["id"]
        .as_i64()
        .unwrap();
    let mut hits = Vec::new();
    for _ in 0..100 {
        hits = server.search_thread_ids("charged twice order 5521").await;
        if hits.contains(&public) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        hits.contains(&public),
        "the index never caught up: {hits:?}"
    );
    assert!(!hits.contains(&private), "{hits:?}");

    // Staff see the request with the thread it came from.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reference = created["escalation"]["reference"].as_str().unwrap();
    let (status, detail) = staff_get(&server, &agent, &format!("/escalations/{reference}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["thread"]["id"], private);
    assert_eq!(detail["source_thread"]["id"], refund);
}

#[tokio::test]
async fn only_this_sites_staff_work_tickets() {
    let (_sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let request = json!({"message": "Please close my account", "email": "kim@example.com"});
    let (_, created) = escalate(&server, &visitor, "k1", request).await;
    let reference = created["escalation"]["reference"].as_str().unwrap();

    // Visitors' and helpers' tokens are not staff sessions.
    let helper = server.helper("Some Helper").await;
    for token in [&visitor, &helper] {
        let (status, body) = staff_get(&server, token, "/escalations").await;
        assert_error(status, &body, 401, "unauthorized");
    }
    // Another site's staff session is unknown here, and their site has no such ticket.
    let other = server.staff_of_other_site().await;
    let (status, body) = staff_get(&server, &other, "/escalations").await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server
        .send(
            server
                .client
                .get(server.url(&format!(
                    "/api/v1/sites/{OTHER_SITE}/escalations/{reference}"
                )))
                .bearer_auth(&other),
        )
        .await;
    assert_error(status, &body, 404, "not_found");

    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, body) = staff_get(&server, &agent, "/escalations?status=lost").await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) =
        staff_post(&server, &agent, "/escalations/PH-NOSUCH/assign", json!({})).await;
    assert_error(status, &body, 404, "not_found");
    // A visitor cannot act on their own ticket as staff would.
    let (status, body) = staff_post(
        &server,
        &visitor,
        &format!("/escalations/{reference}/resolve"),
        json!({}),
    )
    .await;
    assert_error(status, &body, 401, "unauthorized");
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM escalations WHERE status = 'open'")
            .await,
        1
    );
}

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
