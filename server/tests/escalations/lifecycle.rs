//! A ticket from start to end: escalated, taken, replied to live and by email, resolved and reopened.

use crate::common::sse::EventStream;
use crate::common::{TestServer, assert_error};
use crate::requests::*;
use reqwest::Method;
use serde_json::json;

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
