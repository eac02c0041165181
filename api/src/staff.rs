//! Staff accounts: the brand's own people, who answer escalations and moderate in the console.

use serde::{Deserialize, Serialize};

/// Shortest password a staff member may choose.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Hours a staff sign-in lasts before the console asks again.
pub const STAFF_SESSION_HOURS: u32 = 12;

/// What a staff member may do: admins also manage the site and its people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Admin,
    Agent,
}

impl StaffRole {
    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Agent => "agent",
        }
    }

    /// Inverse of [`StaffRole::as_str`].
    pub fn parse(name: &str) -> Option<StaffRole> {
        [StaffRole::Admin, StaffRole::Agent]
            .into_iter()
            .find(|role| role.as_str() == name)
    }
}

/// A staff member, as the console shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
}

/// A staff account as staff admins manage it (`GET /staff`, `POST /staff/{staff}/disable`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub member: StaffMember,
    /// Disabled by a staff admin: cannot sign in, and its sessions were ended.
    pub disabled: bool,
    /// When the invitation was accepted (RFC 3339).
    pub joined_at: String,
}

/// `GET /staff`: the site's staff accounts, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccounts {
    pub staff: Vec<StaffAccount>,
}

/// `POST /staff-invites` (site admin token or a staff admin's session): invite someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffInvite {
    pub email: String,
    pub name: String,
    pub role: StaffRole,
}

/// A single-use staff invitation: the invited person redeems `code` with `POST /staff/accept`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffInvite {
    pub code: String,
    /// RFC 3339 timestamp after which the code no longer works.
    pub expires_at: String,
    /// The console's invitation link (`…/console/#site=…&invite=…`), when the request came
    /// from the console, whose address the server then knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the link was also emailed to the invited person (email is configured).
    #[serde(default)]
    pub emailed: bool,
}

/// `POST /staff/accept`: redeem an invitation, choosing a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccept {
    pub code: String,
    pub password: String,
}

/// `POST /staff/sign-in`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignIn {
    pub email: String,
    pub password: String,
}

/// A staff session: the bearer token the console sends, until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
    pub staff: StaffMember,
}
