//! A site's public configuration: what the loader and the widget need to draw themselves.

use serde::{Deserialize, Serialize};

/// Which bottom corner the launcher sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Left,
    #[default]
    Right,
}

/// `GET /api/v1/sites/{site}/config`: the site's settings merged with the page's `data-*`
/// overrides, with the text colour already chosen for contrast with the brand colour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteConfig {
    /// Public site key, as in `data-site`.
    pub site: String,
    /// Brand name shown in the panel header.
    pub name: String,
    /// Brand colour, `#rrggbb`.
    pub color: String,
    /// Text colour readable on `color`, `#rrggbb`.
    pub text_color: String,
    /// First line a visitor reads in the panel.
    pub greeting: String,
    /// The language of the widget's text: one of [`crate::LANGUAGES`].
    pub language: String,
    /// Every text of the widget in that language, in [`crate::Text`] order.
    pub messages: Vec<String>,
    /// What the launcher button says to screen readers.
    pub launcher_label: String,
    pub position: Position,
    /// Minutes an unanswered question waits before the widget offers to reach staff.
    pub escalate_after_minutes: u32,
    /// The site's first-reply target: a ticket says "we usually reply within" this.
    pub reply_within_minutes: u32,
}

/// A site's settings as its staff manage them (`GET /settings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteSettings {
    pub name: String,
    /// Brand colour, `#rrggbb`.
    pub color: String,
    /// Empty for the catalogue's greeting in the visitor's language.
    pub greeting: String,
    /// One of [`crate::LANGUAGES`], or `auto` for each visitor's browser language.
    pub language: String,
    pub position: Position,
    /// The origins whose pages may embed the widget, like `https://shop.example.com`.
    pub origins: Vec<String>,
    /// Minutes an unanswered question waits before the widget offers staff.
    pub escalate_after_minutes: u32,
    /// The first-reply target the console measures tickets against.
    pub first_reply_target_minutes: u32,
    /// Days widget activity is kept before maintenance prunes it.
    pub activity_retention_days: u32,
    /// Days "this helped" feedback is kept.
    pub feedback_retention_days: u32,
    /// Days an anonymous visitor who asked nothing is kept after their last session began.
    pub anonymous_visitor_retention_days: u32,
}

/// `PATCH /settings` (staff admin or the site's admin token): what to change; absent members
/// stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteSettingsChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Replaces the whole list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate_after_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply_target_minutes: Option<u32>,
    /// 1 to [`crate::MAX_RETENTION_DAYS`], like every retention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_retention_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_retention_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_visitor_retention_days: Option<u32>,
}

/// `POST /settings/identity-secret`: the new secret the brand's server must sign identities
/// with; identities signed with the old one stop verifying at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentitySecret {
    pub identity_secret: String,
}
