//! `GET /install`: what the console's install page checks, namely the origins that may load
//! the widget and the last time one of them did.

use axum::extract::State;
use peerhelp_api::WidgetInstall;

use super::auth::SiteStaff;
use super::extract::Json;
use crate::error::AppResult;
use crate::state::AppState;

pub async fn install(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<WidgetInstall>> {
    Ok(Json(WidgetInstall {
        origins: site.origins.clone(),
        last_load: state.store.last_widget_load(site.id).await?,
    }))
}
