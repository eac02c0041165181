//! The state every handler shares.

use std::sync::Arc;

use crate::activity::ActivityLog;
use crate::assets::{ConsoleAssets, WidgetAssets};
use crate::directory::SiteDirectory;
use crate::error::{AppError, AppResult};
use crate::live::Hub;
use crate::metrics::Metrics;
use crate::security::SecurityConfig;
use crate::store::{Ending, Signal, SiteRecord, Store};
use crate::widget_loads::WidgetLoads;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub directory: Arc<SiteDirectory>,
    pub assets: Arc<WidgetAssets>,
    pub console: Arc<ConsoleAssets>,
    pub hub: Arc<Hub>,
    /// Widget activity for insights.
    pub activity: ActivityLog,
    pub security: Arc<SecurityConfig>,
    /// Whether email goes out (`--smtp-url`): staff invitations are then emailed too.
    pub mail_enabled: bool,
    /// When the widget last loaded per site, so config requests record it rarely.
    pub widget_loads: Arc<WidgetLoads>,
    /// What `GET /metrics` reports.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// The site with this public key, or a 404 naming it.
    pub fn site(&self, key: &str) -> AppResult<Arc<SiteRecord>> {
        self.directory
            .site(key)
            .ok_or_else(|| AppError::NotFound(format!("no site with key {key:?}")))
    }

    /// Ends the open streams of a session that just ended, on this node and on every other.
    /// The session is already gone from the database, so a stream left open by a lost signal
    /// cannot come back once it drops; that is why a failure to tell is logged, not returned.
    pub async fn end_streams(&self, ending: Ending) {
        self.hub.endings.announce(ending);
        if let Err(error) = self.store.tell_other_nodes(Signal::Ended(ending)).await {
            tracing::warn!(%error, ?ending, "telling other nodes of an ended session failed");
        }
    }
}
