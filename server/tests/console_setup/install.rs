//! The install check: when the widget last loaded from an allowed origin.

use crate::common::{ALLOWED_ORIGIN, TestServer, assert_error};
use crate::requests::*;
use serde_json::json;

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
