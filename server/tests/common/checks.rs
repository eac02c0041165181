//! Assertions on the server's answers that many tests share: JSON errors and rate limiting.

/// Asserts a 429 with the JSON error and a `Retry-After` within `seconds`; returns the wait
/// and the error body.
pub async fn assert_rate_limited(
    response: reqwest::Response,
    seconds: std::ops::RangeInclusive<u64>,
) -> (u64, serde_json::Value) {
    let status = response.status().as_u16();
    // Checked before the body is read: a stream that was let in would never end.
    assert_eq!(status, 429, "expected the request to be refused");
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().parse::<u64>().unwrap());
    let body: serde_json::Value = response.json().await.unwrap();
    assert_error(status, &body, 429, "rate_limited");
    let retry_after = retry_after.expect("a Retry-After header");
    assert!(seconds.contains(&retry_after), "Retry-After {retry_after}");
    (retry_after, body)
}

/// Asserts a JSON error body with this status and code.
pub fn assert_error(status: u16, body: &serde_json::Value, want_status: u16, want_code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["code"], want_code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}
