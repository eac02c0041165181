//! Helper invitations: single-use codes, stored hashed, that expire after a week; redeeming one
//! creates the helper and their session.

use std::time::Duration;

use peerhelp_api::HelperProfile;

use super::db::{query, query_scalar};
use super::{Store, audit};
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;
use crate::timestamp::Timestamp;

/// How long an invite code works.
const INVITE_LIFETIME: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A stored invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InviteRecord {
    pub name: String,
    /// RFC 3339.
    pub expires_at: String,
}

impl Store {
    /// Stores an invitation for `name` under the hash of `code`, sent by staff admin `by`
    /// (`None`: the site's administrator).
    pub async fn create_invite(
        &self,
        site_id: i64,
        by: Option<i64>,
        name: &str,
        code: &str,
    ) -> AppResult<InviteRecord> {
        let mut tx = self.write().await?;
        let now = self.now();
        let expires_at = now + INVITE_LIFETIME;
        query(
            "INSERT INTO helper_invites (site_id, code_hash, name, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .bind(name)
        .bind(expires_at)
        .bind(now)
        .execute(&mut tx)
        .await?;
        audit::record(&mut tx, now, site_id, by, "helper.invited", name).await?;
        tx.commit().await?;
        Ok(InviteRecord {
            name: name.to_owned(),
            expires_at: expires_at.to_string(),
        })
    }

    /// Redeems an invite code: creates the helper, uses up the code and stores the hash of
    /// their session `token`, all at once. A code that is unknown, used or expired is refused
    /// with a message saying which.
    pub async fn redeem_invite(
        &self,
        site_id: i64,
        code: &str,
        token: &str,
    ) -> AppResult<HelperProfile> {
        let mut tx = self.write().await?;
        // A code is redeemed once, however many redeem it at the same moment.
        tx.lock(&format!("helper-invite:{}", hash_token(code)))
            .await?;
        let now = self.now();
        let invite = query(
            "SELECT id, name, used_at IS NOT NULL AS used, expires_at
             FROM helper_invites WHERE site_id = $1 AND code_hash = $2",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| {
            AppError::Unauthorized(
                "this invite code is not valid for this site; check the link or ask for a new invite"
                    .to_owned(),
            )
        })?;
        if invite.get::<bool, _>("used") {
            return Err(AppError::Unauthorized(
                "this invite has already been used; ask for a new one".to_owned(),
            ));
        }
        let expires_at: Timestamp = invite.get("expires_at");
        if expires_at < now {
            return Err(AppError::Unauthorized(format!(
                "this invite expired at {expires_at}; ask for a new one"
            )));
        }
        let helper_id: i64 = query_scalar(
            "INSERT INTO helpers (site_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(site_id)
        .bind(invite.get::<String, _>("name"))
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        query("UPDATE helper_invites SET used_at = $1, helper_id = $2 WHERE id = $3")
            .bind(now)
            .bind(helper_id)
            .bind(invite.get::<i64, _>("id"))
            .execute(&mut tx)
            .await?;
        query("INSERT INTO helper_tokens (token_hash, helper_id, created_at) VALUES ($1, $2, $3)")
            .bind(hash_token(token))
            .bind(helper_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        let profile = super::peers::profile(&mut tx, now, helper_id).await?;
        let name = invite.get::<String, _>("name");
        audit::record(&mut tx, now, site_id, None, "helper.joined", &name).await?;
        tx.commit().await?;
        Ok(profile)
    }
}
