//! The state every handler shares.

use std::sync::Arc;

use crate::activity::ActivityLog;
use crate::assets::{ConsoleAssets, WidgetAssets};
use crate::directory::SiteDirectory;
use crate::error::{AppError, AppResult};
use crate::live::Hub;
use crate::metrics::Metrics;
use crate::security::SecurityConfig;
use crate::store::{SiteRecord, Store};
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
}
