//! The webhook deliverer: posts queued deliveries (see `store::webhooks`), signed with each
//! webhook's secret, and retries failures with backoff.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use peerhelp_api::{WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER};
use sha2::Sha256;

use crate::retry::{LEASE, backoff};
use crate::store::{DueDelivery, Store};

/// How many deliveries one round posts before checking for newer ones.
const BATCH: i64 = 20;
/// How often the outbox is checked for retries when nothing new was queued.
const POLL: Duration = Duration::from_secs(15);
/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The `PeerHelp-Signature` header of `body` sent at `timestamp` (Unix seconds):
/// `t=TIMESTAMP,v1=HEX`, `HEX` being the HMAC-SHA256 of `"{timestamp}.{body}"`. The timestamp
/// is signed too, so a receiver can refuse old replays.
pub fn signature(secret: &str, timestamp: u64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// Starts posting deliveries in the background.
pub fn spawn(store: Store) {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        // A redirect would re-send the signed body somewhere the brand did not name.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("PeerHelp-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("an HTTP client with static settings builds");
    tokio::spawn(async move {
        loop {
            let posted = deliver_due(&store, &client).await;
            if posted < BATCH {
                tokio::select! {
                    _ = store.webhooks_queued() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
    });
}

/// Posts the deliveries due now; returns how many were claimed.
async fn deliver_due(store: &Store, client: &reqwest::Client) -> i64 {
    let due = match store.claim_due_deliveries(BATCH, LEASE).await {
        Ok(due) => due,
        Err(error) => {
            tracing::warn!(%error, "reading the webhook outbox failed");
            return 0;
        }
    };
    for delivery in &due {
        let recorded = match post(client, delivery).await {
            Ok(status) => store.delivery_done(delivery.id, status).await,
            Err((status, error)) => {
                tracing::warn!(id = delivery.id, attempts = delivery.attempts + 1, %error, "a webhook delivery failed");
                store
                    .delivery_failed(delivery.id, status, &error, backoff(delivery.attempts))
                    .await
            }
        };
        if let Err(error) = recorded {
            tracing::warn!(id = delivery.id, %error, "recording a webhook delivery failed");
        }
    }
    due.len() as i64
}

/// Posts one delivery: the receiver's 2xx status, or its status (if it answered) and why the
/// attempt failed.
async fn post(
    client: &reqwest::Client,
    delivery: &DueDelivery,
) -> Result<u16, (Option<u16>, String)> {
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let response = client
        .post(&delivery.url)
        .header("content-type", "application/json")
        .header(WEBHOOK_EVENT_HEADER, &delivery.event)
        .header(WEBHOOK_DELIVERY_HEADER, delivery.id.to_string())
        .header(
            WEBHOOK_SIGNATURE_HEADER,
            signature(&delivery.secret, timestamp, &delivery.body),
        )
        .body(delivery.body.clone())
        .send()
        .await
        .map_err(|error| (None, error.to_string()))?;
    let status = response.status();
    if status.is_success() {
        Ok(status.as_u16())
    } else {
        Err((
            Some(status.as_u16()),
            format!("the receiver answered {status}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::signature;

    #[test]
    fn the_signature_covers_the_timestamp_and_the_body() {
        let signed = signature("whsec_test", 1_700_000_000, r#"{"event":"thread.created"}"#);
        assert!(signed.starts_with("t=1700000000,v1="), "{signed}");
        assert_eq!(signed.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(
            signed,
            signature("whsec_test", 1_700_000_001, r#"{"event":"thread.created"}"#)
        );
        assert_ne!(
            signed,
            signature(
                "whsec_other",
                1_700_000_000,
                r#"{"event":"thread.created"}"#
            )
        );
    }
}
