//! Helper invitations: single-use codes, stored hashed, that expire after a week; redeeming one
//! creates the helper and their session.

use peerhelp_api::HelperProfile;
use sqlx::Row;

use super::{Store, audit};
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;

/// How long an invite code works.
const INVITE_LIFETIME: &str = "+7 days";

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
        let row = sqlx::query(
            "INSERT INTO helper_invites (site_id, code_hash, name, expires_at)
             VALUES ($1, $2, $3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', $4))
             RETURNING name, expires_at",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .bind(name)
        .bind(INVITE_LIFETIME)
        .fetch_one(&mut *tx)
        .await?;
        audit::record(&mut tx, site_id, by, "helper.invited", name).await?;
        tx.commit().await?;
        Ok(InviteRecord {
            name: row.get("name"),
            expires_at: row.get("expires_at"),
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
        let invite = sqlx::query(
            "SELECT id, name, used_at IS NOT NULL AS used,
                    expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS expired, expires_at
             FROM helper_invites WHERE site_id = $1 AND code_hash = $2",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .fetch_optional(&mut *tx)
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
        if invite.get::<bool, _>("expired") {
            return Err(AppError::Unauthorized(format!(
                "this invite expired at {}; ask for a new one",
                invite.get::<String, _>("expires_at")
            )));
        }
        let helper_id: i64 =
            sqlx::query_scalar("INSERT INTO helpers (site_id, name) VALUES ($1, $2) RETURNING id")
                .bind(site_id)
                .bind(invite.get::<String, _>("name"))
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "UPDATE helper_invites SET used_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
             helper_id = $1 WHERE id = $2",
        )
        .bind(helper_id)
        .bind(invite.get::<i64, _>("id"))
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO helper_tokens (token_hash, helper_id) VALUES ($1, $2)")
            .bind(hash_token(token))
            .bind(helper_id)
            .execute(&mut *tx)
            .await?;
        let profile = super::peers::profile(&mut tx, helper_id).await?;
        let name = invite.get::<String, _>("name");
        audit::record(&mut tx, site_id, None, "helper.joined", &name).await?;
        tx.commit().await?;
        Ok(profile)
    }
}
