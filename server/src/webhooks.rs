//! The webhook deliverer: posts queued deliveries (see `store::webhooks`), signed with each
//! webhook's secret, and retries failures with backoff.

use std::collections::HashMap;
use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use peerhelp_api::{WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER};
use sha2::Sha256;
use tokio::sync::Notify;

use crate::retry::{LEASE, backoff};
use crate::security::SecurityConfig;
use crate::store::{DueDelivery, Store};
use crate::webhook_target::{Refusal, TargetPolicy};

/// Most deliveries in flight at once, over all webhooks.
const MAX_IN_FLIGHT: usize = 16;
/// Most deliveries in flight to one webhook: a receiver that hangs holds this many slots at
/// most, and every other webhook's deliveries go on meanwhile.
const MAX_IN_FLIGHT_PER_WEBHOOK: usize = 2;
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

/// Starts posting deliveries in the background, to the targets `security` allows.
pub fn spawn(store: Store, security: &SecurityConfig) {
    let policy = TargetPolicy::new(security);
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        // A redirect would re-send the signed body somewhere the brand did not name.
        .redirect(reqwest::redirect::Policy::none())
        // A proxy would resolve the name itself, past the resolver's checks.
        .no_proxy()
        .dns_resolver(Arc::new(policy.clone()))
        .user_agent(concat!("PeerHelp-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("an HTTP client with static settings builds");
    let deliverer = Arc::new(Deliverer {
        store,
        client,
        policy,
        in_flight: Mutex::default(),
        finished: Notify::new(),
    });
    tokio::spawn(deliverer.run());
}

/// Posts deliveries concurrently, each webhook's at most [`MAX_IN_FLIGHT_PER_WEBHOOK`] at once.
struct Deliverer {
    store: Store,
    client: reqwest::Client,
    policy: TargetPolicy,
    /// Deliveries being posted, by webhook id.
    in_flight: Mutex<HashMap<i64, usize>>,
    /// Told each time a delivery ends, so the slot it held is used again.
    finished: Notify,
}

impl Deliverer {
    async fn run(self: Arc<Self>) {
        loop {
            let (started, room) = self.start_due().await;
            if room == 0 || started < room {
                tokio::select! {
                    _ = self.store.webhooks_queued() => {}
                    _ = self.finished.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
    }

    /// Claims as many due deliveries as there is room for and starts posting them; returns
    /// how many started and how many could have.
    async fn start_due(self: &Arc<Self>) -> (usize, usize) {
        let busy = self.in_flight.lock().expect("in-flight map").clone();
        let room = MAX_IN_FLIGHT.saturating_sub(busy.values().sum());
        if room == 0 {
            return (0, 0);
        }
        let due = match self
            .store
            .claim_due_deliveries(room, MAX_IN_FLIGHT_PER_WEBHOOK, &busy, LEASE)
            .await
        {
            Ok(due) => due,
            Err(error) => {
                tracing::warn!(%error, "reading the webhook outbox failed");
                return (0, room);
            }
        };
        let started = due.len();
        for delivery in due {
            let slot = Slot::take(self.clone(), delivery.webhook_id);
            tokio::spawn(async move {
                slot.deliverer.deliver(&delivery).await;
                drop(slot);
            });
        }
        (started, room)
    }

    async fn deliver(&self, delivery: &DueDelivery) {
        let recorded = match self.post(delivery).await {
            Ok(status) => self.store.delivery_done(delivery.id, status).await,
            Err((status, error)) => {
                tracing::warn!(id = delivery.id, attempts = delivery.attempts + 1, %error, "a webhook delivery failed");
                self.store
                    .delivery_failed(delivery.id, status, &error, backoff(delivery.attempts))
                    .await
            }
        };
        if let Err(error) = recorded {
            tracing::warn!(id = delivery.id, %error, "recording a webhook delivery failed");
        }
    }

    /// Posts one delivery: the receiver's 2xx status, or its status (if it answered) and why
    /// the attempt failed, in words that show no internals.
    async fn post(&self, delivery: &DueDelivery) -> Result<u16, (Option<u16>, String)> {
        self.policy
            .check_delivery(&delivery.url)
            .map_err(|refusal| (None, refusal.message().to_owned()))?;
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let response = self
            .client
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
            .map_err(|error| (None, describe(&error).to_owned()))?;
        let status = response.status();
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err((
                Some(status.as_u16()),
                format!("the receiver answered HTTP {}", status.as_u16()),
            ))
        }
    }
}

/// A delivery's claim on the deliverer's capacity, given back when it ends however it ends.
struct Slot {
    deliverer: Arc<Deliverer>,
    webhook_id: i64,
}

impl Slot {
    fn take(deliverer: Arc<Deliverer>, webhook_id: i64) -> Slot {
        *deliverer
            .in_flight
            .lock()
            .expect("in-flight map")
            .entry(webhook_id)
            .or_default() += 1;
        Slot {
            deliverer,
            webhook_id,
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut in_flight = self.deliverer.in_flight.lock().expect("in-flight map");
        if let Some(count) = in_flight.get_mut(&self.webhook_id) {
            *count -= 1;
            if *count == 0 {
                in_flight.remove(&self.webhook_id);
            }
        }
        drop(in_flight);
        self.deliverer.finished.notify_one();
    }
}

/// Why a request failed, in the delivery log's words: the kind of failure, never the
/// client's, resolver's or TLS library's details (nor the addresses they name).
fn describe(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        return "timed out";
    }
    let mut cause = error.source();
    while let Some(current) = cause {
        if let Some(refusal) = current.downcast_ref::<Refusal>() {
            return refusal.message();
        }
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection refused",
                std::io::ErrorKind::ConnectionReset => return "connection reset",
                std::io::ErrorKind::TimedOut => return "timed out",
                _ => {}
            }
        }
        cause = current.source();
    }
    if error.is_connect() {
        "could not connect to the receiver"
    } else {
        "the request to the receiver failed"
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
