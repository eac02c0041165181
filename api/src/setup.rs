//! A brand's first use of the console: whether the widget is installed, the team to invite and
//! assign tickets to, and the community's threads as staff browse, verify and pin them.

use serde::{Deserialize, Serialize};

use crate::{StaffMember, ThreadStatus};

/// Most threads a site may pin: the widget suggests them all when its panel opens, so a few
/// well-chosen ones, as a help centre's "popular articles" are.
pub const MAX_PINNED_THREADS: usize = 5;

/// The last time a page of an allowed origin loaded the widget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WidgetLoad {
    /// The page's origin, like `https://shop.example.com`.
    pub origin: String,
    /// RFC 3339; recorded at most once a minute per site, so up to a minute behind.
    pub at: String,
}

/// `GET /install`: what the install check shows staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WidgetInstall {
    /// The origins whose pages may load the widget (the site's settings).
    pub origins: Vec<String>,
    /// `None` until a page of one of them has loaded the widget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_load: Option<WidgetLoad>,
}

/// `GET /staff/team`: the site's active staff, whom any staff member may assign a ticket to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffTeam {
    pub staff: Vec<StaffMember>,
}

/// `PUT /escalations/{reference}/assignee`: hand a ticket to this active staff member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationAssignee {
    pub staff_id: i64,
}

/// A community thread as the console's thread browser lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffThreadRow {
    pub id: i64,
    pub title: String,
    pub status: ThreadStatus,
    /// Visible answers (hidden ones and staff replies left out).
    pub answer_count: u32,
    /// Of those, the ones staff verified.
    pub verified_count: u32,
    /// RFC 3339, when staff pinned it; `None` when not pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_at: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /threads?q=` as staff: the site's public threads, pinned first then newest, or the
/// best matches for `q` as visitors' search ranks them (pinned ones first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffThreads {
    pub threads: Vec<StaffThreadRow>,
}
