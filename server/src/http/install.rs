//! `GET /install`: what the console's install page checks, namely the origins that may load
//! the widget and the last time one of them did.

use axum::extract::State;
use peerhelp_api::WidgetInstall;

use super::auth::SiteStaff;
use super::extract::Json;
use super::openapi::{NoSuchSite, SiteKey, StaffRefused};
use super::routes;
use crate::error::AppResult;
use crate::state::AppState;

#[utoipa::path(
    get,
    path = routes::INSTALL,
    tag = "settings",
    summary = "Install check (staff)",
    description = "The origins that may load the widget and when a page of one of them last did: the server notes the origin of configuration requests from allowed origins, at most once a minute per site, so `last_load` may be up to a minute behind.",
    params(SiteKey),
    responses(
        (status = 200, description = "The install check.", body = WidgetInstall),
        (status = 401, response = StaffRefused),
        (status = 404, response = NoSuchSite),
    ),
    security(("staff" = [])),
)]
pub async fn install(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<WidgetInstall>> {
    Ok(Json(WidgetInstall {
        origins: site.origins.clone(),
        last_load: state.store.last_widget_load(site.id).await?,
    }))
}
