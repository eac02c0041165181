//! `GET /api/v1/sites/{site}/config`: the site's public settings merged with the page's overrides.

use std::time::Instant;

use axum::extract::State;
use axum::http::{HeaderMap, header};
use peerhelp_api::{ApiError, Position, Rgb, SiteConfig, Text, readable_text_color};
use serde::Deserialize;
use utoipa::IntoParams;

use super::extract::{Json, Path, Query};
use super::openapi::{BadRequest, OriginRefused, SiteKey};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::messages;
use crate::state::AppState;
use crate::store::SiteRecord;
use crate::validate;

const MAX_OVERRIDE_CHARS: usize = 200;

/// The loader passes the script tag's `data-*` attributes here, so the server alone decides the
/// effective settings (and the readable text colour for whatever colour the page chose).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConfigOverrides {
    /// Brand name override.
    name: Option<String>,
    /// Brand colour override, #rgb or #rrggbb.
    color: Option<String>,
    /// Greeting override.
    greeting: Option<String>,
    /// Language tag override.
    lang: Option<String>,
    /// left or right.
    position: Option<String>,
    /// The browser's languages, most preferred first, comma-separated (the loader sends
    /// navigator.languages).
    browser: Option<String>,
}

#[utoipa::path(
    get,
    path = routes::SITE_CONFIG,
    tag = "settings",
    summary = "Public configuration of a site",
    description = "The site's settings merged with the page's data-* overrides; `text_color` is chosen for contrast with `color`.",
    params(SiteKey, ConfigOverrides),
    responses(
        (status = 200, description = "The configuration.", body = SiteConfig),
        (status = 400, response = BadRequest),
        (status = 403, response = OriginRefused),
        (status = 404, description = "No such site or thread.", body = ApiError),
        (status = 422, description = "An override is not acceptable.", body = ApiError),
    ),
)]
pub async fn site_config(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(overrides): Query<ConfigOverrides>,
    headers: HeaderMap,
) -> AppResult<Json<SiteConfig>> {
    let site = state.site(&key)?;
    let text = |field: &str, value: Option<String>, default: &str| -> AppResult<String> {
        match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
            Some(v) if v.chars().count() > MAX_OVERRIDE_CHARS => Err(AppError::InvalidInput(
                format!("{field} must be at most {MAX_OVERRIDE_CHARS} characters"),
            )),
            Some(v) => Ok(v),
            None => Ok(default.to_owned()),
        }
    };
    let color_text = text("color", overrides.color, &site.color)?;
    let color = Rgb::parse_hex(&color_text).ok_or_else(|| {
        AppError::InvalidInput(format!("color {color_text:?} is not #rgb or #rrggbb"))
    })?;
    let position = match text("position", overrides.position, &site.position)?.as_str() {
        "left" => Position::Left,
        "right" => Position::Right,
        other => {
            return Err(AppError::InvalidInput(format!(
                "position {other:?} is not left or right"
            )));
        }
    };
    let page_language = text("lang", overrides.lang, "")?;
    if !page_language
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        || page_language.len() > 35
    {
        return Err(AppError::InvalidInput(format!(
            "lang {page_language:?} is not a language tag"
        )));
    }
    let browser = text("browser", overrides.browser, "")?;
    let language = messages::choose(
        Some(page_language.as_str()).filter(|tag| !tag.is_empty()),
        &site.language,
        &browser,
    );
    // The page's overrides follow the rules of the settings they stand in for (the site's own
    // values were checked when they were saved).
    if let Some(name) = overrides
        .name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
    {
        validate::name("name", name)?;
    }
    if let Some(greeting) = &overrides.greeting {
        validate::multiline_text("greeting", greeting)?;
    }
    let name = text("name", overrides.name, &site.name)?;
    let greeting = match text("greeting", overrides.greeting, &site.greeting)? {
        greeting if greeting.is_empty() => messages::text(language, Text::DefaultGreeting).into(),
        greeting => greeting,
    };
    let launcher_label = messages::text(language, Text::LauncherLabel).replace("{name}", &name);
    record_load(&state, &site, &headers).await;
    Ok(Json(SiteConfig {
        site: site.key.clone(),
        name,
        color: color.to_hex(),
        text_color: readable_text_color(color).to_hex(),
        greeting,
        language: language.to_owned(),
        messages: messages::catalogue(language).to_vec(),
        launcher_label,
        position,
        escalate_after_minutes: site.escalate_after_minutes,
        reply_within_minutes: site.first_reply_target_minutes,
    }))
}

/// Notes that a page of one of the site's allowed origins loaded the widget, for the console's
/// install check (at most once a minute per site: see [`crate::widget_loads`]). The console's
/// own requests and other origins' are not loads; a failed write is logged, never the page's
/// problem.
async fn record_load(state: &AppState, site: &SiteRecord, headers: &HeaderMap) {
    let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|origin| origin.to_str().ok())
    else {
        return;
    };
    if !site.origins.iter().any(|allowed| allowed == origin)
        || !state.widget_loads.due(site.id, Instant::now())
    {
        return;
    }
    if let Err(error) = state.store.record_widget_load(site.id, origin).await {
        tracing::warn!(%error, site = %site.key, "recording a widget load failed");
    }
}
