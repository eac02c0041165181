//! Peer helpers: invitations, sign-in, presence, the queue of open questions, reputation.

use serde::{Deserialize, Serialize};

use crate::Text;

/// Points a helper earns for each visitor's upvote on one of their answers.
pub const POINTS_PER_UPVOTE: i64 = 10;
/// Points a helper earns when the asker accepts their answer.
pub const POINTS_PER_ACCEPTED_ANSWER: i64 = 15;
/// Below this many points a helper is new: their answers per hour are limited.
pub const TRUSTED_HELPER_POINTS: i64 = 50;
/// How many answers a new helper may post in an hour.
pub const NEW_HELPER_ANSWERS_PER_HOUR: u32 = 5;
/// How often the widget of an online helper sends a heartbeat.
pub const HEARTBEAT_SECONDS: u32 = 30;
/// A helper without a heartbeat for this long is shown offline.
pub const OFFLINE_AFTER_SECONDS: u32 = 60;

/// A helper's standing, by points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    Newcomer,
    Helper,
    Expert,
    Champion,
}

impl Rank {
    /// Every rank with the points it starts at, lowest first.
    pub const LADDER: [(Rank, i64); 4] = [
        (Rank::Newcomer, 0),
        (Rank::Helper, TRUSTED_HELPER_POINTS),
        (Rank::Expert, 250),
        (Rank::Champion, 1000),
    ];

    /// The rank a helper with `points` holds.
    pub fn for_points(points: i64) -> Rank {
        Rank::LADDER
            .iter()
            .rev()
            .find(|(_, from)| points >= *from)
            .map_or(Rank::Newcomer, |(rank, _)| *rank)
    }

    /// The name shown to people.
    pub fn text(self) -> Text {
        match self {
            Rank::Newcomer => Text::RankNewcomer,
            Rank::Helper => Text::RankHelper,
            Rank::Expert => Text::RankExpert,
            Rank::Champion => Text::RankChampion,
        }
    }
}

/// Whether a helper is taking questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PresenceStatus {
    Online,
    Away,
    #[default]
    Offline,
}

/// A helper as visitors see them: on answers, in "helpers online", on the leaderboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperCard {
    pub id: i64,
    pub name: String,
    /// One or two letters for the avatar.
    pub initials: String,
    pub rank: Rank,
    pub status: PresenceStatus,
}

/// `GET /helpers/me` and inside a [`HelperSession`]: a signed-in helper's own view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperProfile {
    pub card: HelperCard,
    pub points: i64,
    /// Answers the helper may still post this hour; `None` once trusted (no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers_left_this_hour: Option<u32>,
}

/// `POST /helper-invites` (with the site's admin token): invite someone to help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInvite {
    /// The name the helper will appear under.
    pub name: String,
    /// The brand page the invite link opens; defaults to the site's first allowed origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
}

/// A single-use invitation. Opening `url` opens the widget in helper sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    pub code: String,
    pub url: String,
    /// RFC 3339 timestamp after which the code no longer works.
    pub expires_at: String,
}

/// `POST /helpers/sign-in`: redeem an invitation code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperSignIn {
    pub code: String,
}

/// The helper's bearer token (stored hashed on the server) and profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperSession {
    pub token: String,
    pub helper: HelperProfile,
}

/// `PUT /helpers/me/presence`: go online or away. Repeated every [`HEARTBEAT_SECONDS`] as
/// the heartbeat that keeps the helper shown online.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PresenceUpdate {
    pub status: PresenceStatus,
}

/// `GET /helpers/online`: the helpers online or away right now, online first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpersOnline {
    pub helpers: Vec<HelperCard>,
}

/// An open question waiting for helpers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub thread_id: i64,
    pub title: String,
    /// The start of the question's details.
    pub excerpt: String,
    pub answer_count: u32,
    /// RFC 3339 timestamp.
    pub created_at: String,
}

/// `GET /helpers/queue`: unanswered questions first, then the oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperQueue {
    pub questions: Vec<QueueItem>,
}

/// One line of the leaderboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderboardEntry {
    pub helper: HelperCard,
    pub points: i64,
    pub answers: u32,
    pub accepted_answers: u32,
}

/// `GET /leaderboard`: most points first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaderboard {
    pub helpers: Vec<LeaderboardEntry>,
}

#[cfg(test)]
mod tests {
    use super::Rank;

    #[test]
    fn ranks_follow_points() {
        assert_eq!(Rank::for_points(0), Rank::Newcomer);
        assert_eq!(Rank::for_points(49), Rank::Newcomer);
        assert_eq!(Rank::for_points(50), Rank::Helper);
        assert_eq!(Rank::for_points(250), Rank::Expert);
        assert_eq!(Rank::for_points(5000), Rank::Champion);
        assert_eq!(Rank::for_points(-20), Rank::Newcomer);
    }
}
