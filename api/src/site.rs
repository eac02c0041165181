//! A site's public configuration: what the loader and the widget need to draw themselves.

use serde::{Deserialize, Serialize};

/// Which bottom corner the launcher sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Left,
    #[default]
    Right,
}

/// `GET /api/v1/sites/{site}/config`: the site's settings merged with the page's `data-*`
/// overrides, with the text colour already chosen for contrast with the brand colour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}
