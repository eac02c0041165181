//! Background upkeep: helpers whose heartbeat stopped go offline (telling their sites), live
//! events older than a day are pruned, since a reconnect after that long reloads anyway, and
//! so are emails queued two days ago, sent or not, webhook deliveries older than 30 days,
//! expired staff sessions and failed staff sign-ins older than their lockout window. Personal
//! data goes after each site's retention settings (see `store::retention`), on the same tick.

use std::time::Duration;

use crate::store::{Pruned, Store};

/// How long events stay replayable.
const EVENT_RETENTION: Duration = Duration::from_secs(24 * 60 * 60);
/// How long queued emails are kept.
const MAIL_RETENTION: Duration = Duration::from_secs(2 * 24 * 60 * 60);
/// How long the webhook delivery log goes back.
const DELIVERY_RETENTION: Duration = Duration::from_secs(30 * 24 * 60 * 60);
const PRUNE_EVERY: Duration = Duration::from_secs(10 * 60);

/// Checks presence often enough that a helper goes offline within a fraction of
/// `offline_after` of their last heartbeat by the store's clock, and at once when it jumps.
pub fn spawn(store: Store, offline_after: Duration) {
    let mut jumps = store.clock().jumps();
    let tick = (offline_after / 4).clamp(Duration::from_millis(100), Duration::from_secs(5));
    tokio::spawn(async move {
        let mut presence = tokio::time::interval(tick);
        let mut prune = tokio::time::interval(PRUNE_EVERY);
        loop {
            tokio::select! {
                _ = presence.tick() => expire(&store, offline_after).await,
                _ = jumps.changed() => expire(&store, offline_after).await,
                _ = prune.tick() => {
                    match store.prune_events(EVENT_RETENTION).await {
                        Ok(0) => {}
                        Ok(pruned) => tracing::info!(pruned, "pruned old live events"),
                        Err(error) => tracing::warn!(%error, "pruning live events failed"),
                    }
                    if let Err(error) = store.prune_mail(MAIL_RETENTION).await {
                        tracing::warn!(%error, "pruning the mail outbox failed");
                    }
                    if let Err(error) = store.prune_deliveries(DELIVERY_RETENTION).await {
                        tracing::warn!(%error, "pruning webhook deliveries failed");
                    }
                    if let Err(error) = store.prune_staff_sign_ins().await {
                        tracing::warn!(%error, "pruning staff sign-ins failed");
                    }
                    match store.prune_personal_data().await {
                        Ok(pruned) if pruned == Pruned::default() => {}
                        Ok(pruned) => tracing::info!(?pruned, "pruned personal data past retention"),
                        Err(error) => tracing::warn!(%error, "pruning personal data failed"),
                    }
                }
            }
        }
    });
}

/// Turns helpers whose last heartbeat is older than `offline_after` by the store's clock offline.
async fn expire(store: &Store, offline_after: Duration) {
    if let Err(error) = store.expire_presence(offline_after).await {
        tracing::warn!(%error, "expiring presence failed");
    }
}
