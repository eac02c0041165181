//! A visitor's standing: whether their flags, upvotes and feedback weigh in full. This is the
//! one place the rule is decided; flags, votes and reputation read it from here.

use std::net::IpAddr;
use std::time::Duration;

use hmac::{Hmac, Mac};
use peerhelp_api::{FLAGS_TO_HIDE, POINTS_PER_UPVOTE};
use sha2::Sha256;

use super::db::{Tx, query, query_scalar};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// How old a visitor record must be before taking part makes its holder established.
const ESTABLISHED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Whether a visitor's reactions weigh in full.
///
/// **The rule.** A visitor is *established* when the brand identified them, or when their
/// visitor record is older than 24 hours and they have taken part: asked a question, or voted,
/// flagged or left feedback before. Everyone else is *fresh*, and a free token buys little:
/// - a fresh visitor's flag counts half, and fresh flaggers from one network count together as
///   one half. An answer is hidden when its flags weigh [`FLAGS_TO_HIDE`] whole flags (an
///   established visitor's or a helper's is a whole one), so three fresh tokens from one
///   address never hide an answer;
/// - a fresh visitor's upvote pays the author half of [`POINTS_PER_UPVOTE`], and only the
///   first fresh upvote from one network on an answer counts at all, in the tally and in
///   points.
///
/// A visitor's network is the address that created their token (its /64 for IPv6, where one
/// customer holds a whole prefix), kept only as a keyed hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Standing {
    Established,
    Fresh {
        /// The keyed hash of their network.
        origin: String,
    },
}

impl Standing {
    /// What a flag or vote keeps of its author: their network when they are fresh.
    pub(super) fn fresh_origin(&self) -> Option<&str> {
        match self {
            Standing::Established => None,
            Standing::Fresh { origin } => Some(origin),
        }
    }

    /// The points an upvote of theirs that counts pays the author.
    pub(super) fn upvote_points(&self) -> i64 {
        match self {
            Standing::Established => POINTS_PER_UPVOTE,
            Standing::Fresh { .. } => POINTS_PER_UPVOTE / 2,
        }
    }
}

/// An answer's uncleared flags, weighed in halves by the rule of [`Standing`]; the answer is
/// `$1`.
pub(super) const FLAG_WEIGHT_IN_HALVES: &str = "(SELECT
        2 * COALESCE(SUM(CASE WHEN fresh_origin IS NULL THEN 1 ELSE 0 END), 0)
            + COUNT(DISTINCT fresh_origin)
     FROM answer_flags WHERE answer_id = $1 AND cleared_at IS NULL)";

/// The weight, in halves, at which flags hide an answer.
pub(super) const HIDING_WEIGHT_IN_HALVES: i64 = 2 * FLAGS_TO_HIDE as i64;

/// The standing of a visitor, by the rule of [`Standing`].
pub(super) async fn standing(
    conn: &mut Tx,
    now: Timestamp,
    visitor_id: i64,
) -> AppResult<Standing> {
    let row = query(
        "SELECT v.external_id IS NOT NULL
            OR (v.created_at <= $2
                AND (EXISTS (SELECT 1 FROM threads WHERE visitor_id = v.id)
                    OR EXISTS (SELECT 1 FROM answer_votes WHERE visitor_id = v.id)
                    OR EXISTS (SELECT 1 FROM answer_flags WHERE visitor_id = v.id)
                    OR EXISTS (SELECT 1 FROM feedback WHERE visitor_id = v.id))) AS established,
            -- Visitors from before origins were kept each count as their own network.
            COALESCE(v.origin, 'visitor:' || v.id) AS origin
         FROM visitors v WHERE v.id = $1",
    )
    .bind(visitor_id)
    .bind(now - ESTABLISHED_AFTER)
    .fetch_one(conn)
    .await?;
    Ok(if row.get("established") {
        Standing::Established
    } else {
        Standing::Fresh {
            origin: row.get("origin"),
        }
    })
}

/// The keyed hash of the network `ip` belongs to: the address for IPv4, its /64 for IPv6.
pub(super) async fn origin_of(conn: &mut Tx, ip: IpAddr) -> AppResult<String> {
    let key: String = query_scalar("SELECT key FROM origin_key WHERE id = 1")
        .fetch_one(conn)
        .await?;
    let network = crate::security::network(ip).to_string();
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(network.as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}
