//! The console's first use over real HTTP: the install check (when the widget last loaded from
//! an allowed origin), inviting a teammate with a link (emailed when email is configured),
//! assigning a ticket to a teammate, and browsing, pinning and unpinning threads, with what
//! pinning does to visitors' search. Each route refuses bad input (writing nothing) and
//! anyone but the site's staff.

mod common;

use common::{ALLOWED_ORIGIN, TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn get(server: &TestServer, token: Option<&str>, path: &str) -> (u16, Value) {
    server.send(server.call(Method::GET, path, token)).await
}

/// Fetches the widget configuration as a page of `origin` does (`None`: without an origin,
/// as curl does).
async fn load_widget(server: &TestServer, origin: Option<&str>) -> u16 {
    let mut request = server.client.get(server.api("/config"));
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_install_check_shows_the_last_load_from_an_allowed_origin() {
    let server = TestServer::start().await;
    let staff = server.staff("ana@acme.test", "Ana", "agent").await;
    let (status, install) = get(&server, Some(&staff), "/install").await;
    assert_eq!(status, 200, "{install}");
    assert_eq!(install["origins"], json!([ALLOWED_ORIGIN]));
    assert!(install.get("last_load").is_none(), "{install}");

    // Requests without an origin, from the console itself or from a foreign page are no loads.
    assert_eq!(load_widget(&server, None).await, 200);
    assert_eq!(load_widget(&server, Some(&server.base)).await, 200);
    assert_eq!(load_widget(&server, Some("https://evil.test")).await, 403);
    let (_, install) = get(&server, Some(&staff), "/install").await;
    assert!(install.get("last_load").is_none(), "{install}");

    assert_eq!(load_widget(&server, Some(ALLOWED_ORIGIN)).await, 200);
    let (_, install) = get(&server, Some(&staff), "/install").await;
    assert_eq!(install["last_load"]["origin"], ALLOWED_ORIGIN, "{install}");
    let first = install["last_load"]["at"].as_str().unwrap().to_owned();
    assert!(first.ends_with('Z'), "{first}");
    // Within the minute, further loads write nothing.
    assert_eq!(load_widget(&server, Some(ALLOWED_ORIGIN)).await, 200);
    let (_, install) = get(&server, Some(&staff), "/install").await;
    assert_eq!(install["last_load"]["at"], first.as_str());

    // Staff only.
    let (status, body) = get(&server, None, "/install").await;
    assert_error(status, &body, 401, "unauthorized");
    let visitor = server.visitor().await;
    let (status, body) = get(&server, Some(&visitor), "/install").await;
    assert_error(status, &body, 401, "unauthorized");
    let other = server.staff_of_other_site().await;
    let (status, body) = get(&server, Some(&other), "/install").await;
    assert_error(status, &body, 401, "unauthorized");
}

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

/// A ticket opened by a new visitor; returns its reference.
async fn ticket(server: &TestServer) -> String {
    let visitor = server.visitor().await;
    let request = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "ticket-1")
        .json(&json!({"message": "My bill doubled this month", "email": "kim@example.com"}));
    let (status, created) = server.send(request).await;
    assert_eq!(status, 201, "{created}");
    created["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn assign(
    server: &TestServer,
    token: Option<&str>,
    reference: &str,
    body: Value,
) -> (u16, Value) {
    let path = format!("/escalations/{reference}/assignee");
    server
        .send(server.call(Method::PUT, &path, token).json(&body))
        .await
}

#[tokio::test]
async fn any_staff_member_assigns_a_ticket_to_an_active_teammate() {
    let server = TestServer::start().await;
    let agent = server.staff("ana@acme.test", "Ana", "agent").await;
    let admin = server.staff("lee@acme.test", "Lee Park", "admin").await;
    let gone = server.staff("bo@acme.test", "Bo", "agent").await;
    let (_, me) = get(&server, Some(&gone), "/staff/me").await;
    let gone_id = me["id"].as_i64().unwrap();
    let (status, _) = server
        .send(server.call(
            Method::POST,
            &format!("/staff/{gone_id}/disable"),
            Some(&admin),
        ))
        .await;
    assert_eq!(status, 200);

    // The team: active members only, by name, for every staff member.
    let (status, team) = get(&server, Some(&agent), "/staff/team").await;
    assert_eq!(status, 200, "{team}");
    let names: Vec<&str> = team["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| member["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana", "Lee Park"]);
    let lee = team["staff"][1]["id"].as_i64().unwrap();

    let reference = ticket(&server).await;
    let (status, assigned) =
        assign(&server, Some(&agent), &reference, json!({"staff_id": lee})).await;
    assert_eq!(status, 200, "{assigned}");
    assert_eq!(assigned["assignee_id"], lee);
    assert_eq!(assigned["assignee"]["name"], "Lee Park");
    let (_, log) = get(&server, Some(&admin), "/audit-log").await;
    assert_eq!(log["entries"][0]["action"], "escalation.assigned");
    assert_eq!(
        log["entries"][0]["subject"],
        format!("{reference} to Lee Park")
    );

    // A disabled, unknown or other site's member is refused, and the ticket stays Lee's.
    let other = server.staff_of_other_site().await;
    let (_, gus) = server
        .send(
            server
                .client
                .get(server.url("/api/v1/sites/globex/staff/me"))
                .bearer_auth(&other),
        )
        .await;
    for staff_id in [gone_id, 999_999, gus["id"].as_i64().unwrap()] {
        let (status, body) = assign(
            &server,
            Some(&agent),
            &reference,
            json!({"staff_id": staff_id}),
        )
        .await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let (status, body) = assign(&server, Some(&agent), &reference, json!({"staff": lee})).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = assign(&server, Some(&agent), "PH-NOSUCH", json!({"staff_id": lee})).await;
    assert_error(status, &body, 404, "not_found");
    let (_, detail) = get(&server, Some(&agent), &format!("/escalations/{reference}")).await;
    assert_eq!(detail["ticket"]["assignee_id"], lee);

    // Staff only.
    let (status, body) = assign(&server, None, &reference, json!({"staff_id": lee})).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = get(&server, None, "/staff/team").await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = assign(&server, Some(&other), &reference, json!({"staff_id": lee})).await;
    assert_error(status, &body, 401, "unauthorized");
}

async fn pin(
    server: &TestServer,
    token: Option<&str>,
    method: Method,
    thread: &str,
) -> (u16, Value) {
    let path = format!("/threads/{thread}/pin");
    server.send(server.call(method, &path, token)).await
}

fn titles(list: &Value) -> Vec<String> {
    list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|thread| thread["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn staff_browse_and_pin_threads_and_visitors_search_puts_pinned_ones_first() {
    let server = TestServer::start().await;
    let staff = server.staff("ana@acme.test", "Ana", "admin").await;
    let visitor = server.visitor().await;
    server
        .ask(&visitor, "A question of my own about roaming", "ask-1")
        .await;
    let request = ticket(&server).await;
    let (_, detail) = get(&server, Some(&staff), &format!("/escalations/{request}")).await;
    let request_thread = detail["ticket"]["thread_id"].as_i64().unwrap();

    // Newest first, every public thread (a request to staff is not one), answers counted.
    let (status, list) = get(&server, Some(&staff), "/threads").await;
    assert_eq!(status, 200, "{list}");
    let all = titles(&list);
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(
        !all.iter().any(|title| title.contains("bill doubled")),
        "{all:?}"
    );
    assert_eq!(all[0], "A question of my own about roaming");
    let refund = &list["threads"][5];
    assert_eq!(
        refund["title"],
        "How do I get a refund for a double charge?"
    );
    assert_eq!(refund["answer_count"], 3);
    assert_eq!(refund["verified_count"], 0);
    assert!(refund.get("pinned_at").is_none());
    // Searching ranks as visitors' search does.
    let (_, found) = get(&server, Some(&staff), "/threads?q=refund").await;
    assert_eq!(
        titles(&found)[0],
        "How do I get a refund for a double charge?"
    );

    // Nothing is pinned: an empty search suggests nothing. The weakest match for "charge" is
    // the one to pin.
    assert!(server.search_hits("").await.is_empty());
    let charges = server.search_thread_ids("charge").await;
    assert!(charges.len() >= 2, "{charges:?}");
    let weakest = *charges.last().unwrap();
    let esim = server.search_thread_ids("esim iphone").await;
    assert!(!esim.contains(&weakest), "{esim:?}");

    let (status, pinned) = pin(&server, Some(&staff), Method::PUT, &weakest.to_string()).await;
    assert_eq!(status, 200, "{pinned}");
    assert!(pinned["pinned_at"].as_str().unwrap().ends_with('Z'));
    let (_, list) = get(&server, Some(&staff), "/threads").await;
    assert_eq!(list["threads"][0]["id"], weakest);
    // Visitors: suggested before typing, and first for the searches it matches only.
    let suggested = server.search_thread_ids("").await;
    assert_eq!(suggested, [weakest]);
    let charges_now = server.search_thread_ids("charge").await;
    assert_eq!(charges_now[0], weakest);
    assert_eq!(charges_now[1..], charges[..charges.len() - 1]);
    assert_eq!(server.search_thread_ids("esim iphone").await, esim);
    let (_, log) = get(&server, Some(&staff), "/audit-log").await;
    assert_eq!(log["entries"][0]["action"], "thread.pinned");

    // At most five are pinned; the sixth is refused and stays unpinned.
    let ids: Vec<i64> = list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|thread| thread["id"].as_i64().unwrap())
        .collect();
    for id in &ids[1..5] {
        let (status, body) = pin(&server, Some(&staff), Method::PUT, &id.to_string()).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = pin(&server, Some(&staff), Method::PUT, &ids[5].to_string()).await;
    assert_error(status, &body, 409, "conflict");
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM threads WHERE pinned_at IS NOT NULL")
            .await,
        5
    );
    assert_eq!(server.search_hits("").await.len(), 5);

    // Unpinning takes it out of the suggestions.
    let (status, unpinned) = pin(&server, Some(&staff), Method::DELETE, &weakest.to_string()).await;
    assert_eq!(status, 200, "{unpinned}");
    assert!(unpinned.get("pinned_at").is_none());
    let suggested = server.search_thread_ids("").await;
    assert_eq!(suggested.len(), 4);
    assert!(!suggested.contains(&weakest), "{suggested:?}");

    // Bad input and strangers are refused.
    for missing in [999_999, request_thread] {
        let (status, body) = pin(&server, Some(&staff), Method::PUT, &missing.to_string()).await;
        assert_error(status, &body, 404, "not_found");
    }
    let (status, body) = pin(&server, Some(&staff), Method::PUT, "roaming").await;
    assert_error(status, &body, 400, "bad_request");
    let (status, body) = pin(&server, None, Method::PUT, &weakest.to_string()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = pin(&server, Some(&visitor), Method::PUT, &weakest.to_string()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = get(&server, Some(&visitor), "/threads").await;
    assert_error(status, &body, 401, "unauthorized");
    let long = "a".repeat(201);
    let (status, body) = get(&server, Some(&staff), &format!("/threads?q={long}")).await;
    assert_error(status, &body, 422, "invalid_input");
}
