//! When the widget last loaded from one of a site's allowed origins, for the console's install
//! check.

use peerhelp_api::WidgetLoad;

use super::Store;
use super::db::query;
use crate::error::AppResult;

impl Store {
    /// Records that a page of `origin` loaded the site's widget just now.
    pub async fn record_widget_load(&self, site_id: i64, origin: &str) -> AppResult<()> {
        query(
            "INSERT INTO widget_loads (site_id, origin, loaded_at)
             VALUES ($1, $2, $3)
             ON CONFLICT (site_id) DO UPDATE SET origin = excluded.origin,
                loaded_at = excluded.loaded_at",
        )
        .bind(site_id)
        .bind(origin)
        .bind(self.now())
        .execute(&self.db)
        .await?;
        Ok(())
    }

    /// The last recorded load of the site's widget, if any.
    pub async fn last_widget_load(&self, site_id: i64) -> AppResult<Option<WidgetLoad>> {
        let row = query("SELECT origin, loaded_at FROM widget_loads WHERE site_id = $1")
            .bind(site_id)
            .fetch_optional(&self.db)
            .await?;
        Ok(row.map(|row| WidgetLoad {
            origin: row.get("origin"),
            at: row.get("loaded_at"),
        }))
    }
}
