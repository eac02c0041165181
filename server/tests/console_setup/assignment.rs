//! Assigning a ticket to an active teammate.

use crate::common::{TestServer, assert_error};
use crate::requests::*;
use reqwest::Method;
use serde_json::json;

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
