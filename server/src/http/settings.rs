//! A site's settings over the API: staff read them; a staff admin (or the site's admin token)
//! changes them and rotates the identity secret. Changes reach this node's site directory at
//! once and every other node's within its refresh interval.

use axum::extract::State;
use peerhelp_api::{
    ApiError, IdentitySecret, LANGUAGES, MAX_RETENTION_DAYS, Position, Rgb, SiteSettings,
    SiteSettingsChange,
};

use super::auth::{SiteManager, SiteStaff};
use super::extract::Json;
use super::openapi::{AdminOnly, NoSuchSite, SiteKey};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::messages::AUTO;
use crate::state::AppState;
use crate::store::{SiteRecord, normalize_origin};
use crate::validate;

const MAX_GREETING_CHARS: usize = 200;
const MAX_ORIGINS: usize = 50;
/// A day: longer, and the offer to reach staff would never come in practice.
const MAX_ESCALATE_AFTER_MINUTES: u32 = 24 * 60;
/// A week.
const MAX_FIRST_REPLY_TARGET_MINUTES: u32 = 7 * 24 * 60;

fn settings_of(site: &SiteRecord) -> SiteSettings {
    SiteSettings {
        name: site.name.clone(),
        color: site.color.clone(),
        greeting: site.greeting.clone(),
        language: site.language.clone(),
        position: if site.position == "left" {
            Position::Left
        } else {
            Position::Right
        },
        origins: site.origins.clone(),
        escalate_after_minutes: site.escalate_after_minutes,
        first_reply_target_minutes: site.first_reply_target_minutes,
        activity_retention_days: site.activity_retention_days,
        feedback_retention_days: site.feedback_retention_days,
        anonymous_visitor_retention_days: site.anonymous_visitor_retention_days,
    }
}

/// The site as stored now (the directory may be a refresh behind).
async fn stored(state: &AppState, key: &str) -> AppResult<SiteRecord> {
    state
        .store
        .site_by_key(key)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no site {key:?}")))
}

/// `GET /settings`.
#[utoipa::path(
    get,
    path = routes::SETTINGS,
    tag = "settings",
    summary = "The site's settings",
    params(SiteKey),
    responses(
        (status = 200, description = "Settings.", body = SiteSettings),
        (status = 401, description = "Missing or invalid token (unauthorized).", body = ApiError),
        (status = 403, response = AdminOnly),
        (status = 404, response = NoSuchSite),
    ),
    security(("staff" = [])),
)]
pub async fn read(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<SiteSettings>> {
    Ok(Json(settings_of(&stored(&state, &site.key).await?)))
}

/// `PATCH /settings`: validates everything first, so a refused change writes nothing.
#[utoipa::path(
    patch,
    path = routes::SETTINGS,
    tag = "settings",
    summary = "Change the site's settings",
    description = "Staff admin or the site's admin token; audited (settings.updated).",
    params(SiteKey),
    request_body = SiteSettingsChange,
    responses(
        (status = 200, description = "Settings as they are now.", body = SiteSettings),
        (status = 422, description = "A value is not acceptable (invalid_input); nothing was changed.", body = ApiError),
        (status = 401, description = "Missing or invalid token (unauthorized).", body = ApiError),
        (status = 403, response = AdminOnly),
        (status = 404, response = NoSuchSite),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn update(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Json(change): Json<SiteSettingsChange>,
) -> AppResult<Json<SiteSettings>> {
    let change = validated(change)?;
    state
        .store
        .update_site_settings(site.id, staff_id, &change)
        .await?;
    state.directory.refresh(&state.store).await?;
    Ok(Json(settings_of(&stored(&state, &site.key).await?)))
}

/// `POST /settings/identity-secret`.
#[utoipa::path(
    post,
    path = routes::IDENTITY_SECRET,
    tag = "settings",
    summary = "Rotate the identity secret",
    description = "Identities signed with the old secret stop verifying at once. Staff admin or the site's admin token; audited.",
    params(SiteKey),
    responses(
        (status = 200, description = "The new secret.", body = IdentitySecret),
        (status = 401, description = "Missing or invalid token (unauthorized).", body = ApiError),
        (status = 403, response = AdminOnly),
        (status = 404, response = NoSuchSite),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn rotate_identity_secret(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
) -> AppResult<Json<IdentitySecret>> {
    let identity_secret = state
        .store
        .rotate_identity_secret(site.id, staff_id)
        .await?;
    Ok(Json(IdentitySecret { identity_secret }))
}

fn invalid(message: String) -> AppError {
    AppError::InvalidInput(message)
}

/// The change with each value checked and put in its stored form.
fn validated(change: SiteSettingsChange) -> AppResult<SiteSettingsChange> {
    let in_range = |field: &str, value: Option<u32>, max: u32| match value {
        Some(minutes) if !(1..=max).contains(&minutes) => {
            Err(invalid(format!("{field} must be 1 to {max} minutes")))
        }
        _ => Ok(value),
    };
    let retention = |field: &str, value: Option<u32>| match value {
        Some(days) if !(1..=MAX_RETENTION_DAYS).contains(&days) => Err(invalid(format!(
            "{field} must be 1 to {MAX_RETENTION_DAYS} days"
        ))),
        _ => Ok(value),
    };
    Ok(SiteSettingsChange {
        name: change
            .name
            .map(|name| validate::name("name", &name))
            .transpose()?,
        color: change
            .color
            .map(|color| {
                Rgb::parse_hex(&color)
                    .map(|rgb| rgb.to_hex())
                    .ok_or_else(|| invalid(format!("color {color:?} is not #rgb or #rrggbb")))
            })
            .transpose()?,
        greeting: change
            .greeting
            .map(|greeting| {
                let greeting = greeting.trim().to_owned();
                validate::multiline_text("greeting", &greeting)?;
                if greeting.chars().count() > MAX_GREETING_CHARS {
                    return Err(invalid(format!(
                        "greeting must be at most {MAX_GREETING_CHARS} characters"
                    )));
                }
                Ok(greeting)
            })
            .transpose()?,
        language: change
            .language
            .map(|language| {
                if language == AUTO || LANGUAGES.contains(&language.as_str()) {
                    Ok(language)
                } else {
                    Err(invalid(format!(
                        "language {language:?} is not auto or one of {}",
                        LANGUAGES.join(", ")
                    )))
                }
            })
            .transpose()?,
        position: change.position,
        origins: change
            .origins
            .map(|origins| {
                if origins.is_empty() || origins.len() > MAX_ORIGINS {
                    return Err(invalid(format!(
                        "origins must list 1 to {MAX_ORIGINS} origins"
                    )));
                }
                origins
                    .iter()
                    .map(|origin| normalize_origin(origin).map_err(invalid))
                    .collect()
            })
            .transpose()?,
        escalate_after_minutes: in_range(
            "escalate_after_minutes",
            change.escalate_after_minutes,
            MAX_ESCALATE_AFTER_MINUTES,
        )?,
        first_reply_target_minutes: in_range(
            "first_reply_target_minutes",
            change.first_reply_target_minutes,
            MAX_FIRST_REPLY_TARGET_MINUTES,
        )?,
        activity_retention_days: retention(
            "activity_retention_days",
            change.activity_retention_days,
        )?,
        feedback_retention_days: retention(
            "feedback_retention_days",
            change.feedback_retention_days,
        )?,
        anonymous_visitor_retention_days: retention(
            "anonymous_visitor_retention_days",
            change.anonymous_visitor_retention_days,
        )?,
    })
}
