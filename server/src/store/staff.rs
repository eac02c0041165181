//! Staff accounts: invitations, accounts with password hashes, and sessions that expire.

use std::time::Duration;

use peerhelp_api::{STAFF_SESSION_HOURS, StaffMember, StaffRole};

use super::db::{Row, Tx, query, query_scalar};
use super::{Store, audit};
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;
use crate::timestamp::Timestamp;

/// How long a staff invitation works.
const INVITE_LIFETIME: Duration = Duration::from_secs(7 * 24 * 60 * 60);
const SESSION_LIFETIME: Duration = Duration::from_secs(STAFF_SESSION_HOURS as u64 * 60 * 60);

/// A signed-in staff member and when their session ends.
#[derive(Clone, Debug)]
pub struct StaffSession {
    pub member: StaffMember,
    pub expires_at: Timestamp,
}

pub(super) const STAFF_COLUMNS: &str = "id, name, email, role";

pub(super) fn member(row: &Row) -> StaffMember {
    StaffMember {
        id: row.get("id"),
        name: row.get("name"),
        email: row.get("email"),
        // The column's CHECK constraint admits only the two names.
        role: StaffRole::parse(&row.get::<String, _>("role")).unwrap_or(StaffRole::Agent),
    }
}

/// The staff invitation `code` of this site if it can still be accepted; an unknown, used or
/// expired one is refused, saying which.
async fn usable_invite(conn: &mut Tx, site_id: i64, code: &str, now: Timestamp) -> AppResult<Row> {
    let invite = query(
        "SELECT id, email, name, role, used_at IS NOT NULL AS used, expires_at < $3 AS expired
         FROM staff_invites WHERE site_id = $1 AND code_hash = $2",
    )
    .bind(site_id)
    .bind(hash_token(code))
    .bind(now)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| {
        AppError::Unauthorized(
            "this staff invitation is not valid for this site; ask an admin for a new one"
                .to_owned(),
        )
    })?;
    if invite.get::<bool, _>("used") || invite.get::<bool, _>("expired") {
        return Err(AppError::Unauthorized(
            "this staff invitation was already used or has expired; ask an admin for a new one"
                .to_owned(),
        ));
    }
    Ok(invite)
}

impl Store {
    /// Checks that the staff invitation `code` can still be accepted, so a bogus code is
    /// refused before any password is hashed for it.
    pub async fn check_staff_invite(&self, site_id: i64, code: &str) -> AppResult<()> {
        let mut conn = self.db.begin().await?;
        usable_invite(&mut conn, site_id, code, self.now())
            .await
            .map(drop)
    }

    /// Stores an invitation under the hash of `code`, sent by staff admin `by` (`None`: the
    /// site's administrator); returns when it expires (RFC 3339).
    pub async fn create_staff_invite(
        &self,
        site_id: i64,
        by: Option<i64>,
        email: &str,
        name: &str,
        role: StaffRole,
        code: &str,
    ) -> AppResult<String> {
        let mut tx = self.write().await?;
        let now = self.now();
        let taken: bool =
            query_scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE site_id = $1 AND email = $2)")
                .bind(site_id)
                .bind(email)
                .fetch_one(&mut tx)
                .await?;
        if taken {
            return Err(AppError::Conflict(format!(
                "{email} already has a staff account on this site"
            )));
        }
        let expires_at = now + INVITE_LIFETIME;
        query(
            "INSERT INTO staff_invites
                 (site_id, code_hash, email, name, role, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .bind(email)
        .bind(name)
        .bind(role.as_str())
        .bind(expires_at)
        .bind(now)
        .execute(&mut tx)
        .await?;
        let subject = format!("{name} <{email}> as {}", role.as_str());
        audit::record(&mut tx, now, site_id, by, "staff.invited", &subject).await?;
        tx.commit().await?;
        Ok(expires_at.to_string())
    }

    /// Redeems a staff invitation: creates the account with `password_hash`, uses up the code
    /// and opens a session under the hash of `token`, all at once. Returns the member and when
    /// the session expires. A code that is unknown, used or expired is refused, saying which.
    pub async fn accept_staff_invite(
        &self,
        site_id: i64,
        code: &str,
        password_hash: &str,
        token: &str,
    ) -> AppResult<(StaffMember, String)> {
        let mut tx = self.write().await?;
        tx.lock(&format!("staff-invite:{}", hash_token(code)))
            .await?;
        let now = self.now();
        let invite = usable_invite(&mut tx, site_id, code, now).await?;
        let created = query(
            "INSERT INTO staff (site_id, email, name, role, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, email, role",
        )
        .bind(site_id)
        .bind(invite.get::<String, _>("email"))
        .bind(invite.get::<String, _>("name"))
        .bind(invite.get::<String, _>("role"))
        .bind(password_hash)
        .bind(now)
        .fetch_one(&mut tx)
        .await;
        let created = match created {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(AppError::Conflict(
                    "this email already has a staff account on this site; sign in instead"
                        .to_owned(),
                ));
            }
            other => other?,
        };
        let member = member(&created);
        let subject = format!("{} <{}>", member.name, member.email);
        audit::record(
            &mut tx,
            now,
            site_id,
            Some(member.id),
            "staff.joined",
            &subject,
        )
        .await?;
        query("UPDATE staff_invites SET used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(invite.get::<i64, _>("id"))
            .execute(&mut tx)
            .await?;
        let expires_at = open_session(&mut tx, member.id, token, now).await?;
        tx.commit().await?;
        Ok((member, expires_at))
    }

    /// The staff member whose unexpired session `token` is, on this site.
    pub async fn staff_by_token(
        &self,
        site_id: i64,
        token: &str,
    ) -> AppResult<Option<StaffSession>> {
        let row = query(
            "SELECT s.id, s.name, s.email, s.role, t.expires_at FROM staff_sessions t
             JOIN staff s ON s.id = t.staff_id
             WHERE t.token_hash = $1 AND s.site_id = $2 AND s.disabled_at IS NULL
               AND t.expires_at > $3",
        )
        .bind(hash_token(token))
        .bind(site_id)
        .bind(self.now())
        .fetch_optional(&self.db)
        .await?;
        Ok(row.map(|row| StaffSession {
            member: member(&row),
            expires_at: row.get("expires_at"),
        }))
    }

    /// Deletes expired staff sessions and failed sign-ins that no longer count.
    pub async fn prune_staff_sign_ins(&self) -> AppResult<()> {
        query("DELETE FROM staff_sessions WHERE expires_at <= $1")
            .bind(self.now())
            .execute(&self.db)
            .await?;
        self.delete_older_than("staff_sign_in_failures", super::sign_in::FAILURE_WINDOW)
            .await
            .map(drop)
    }

    /// Ends the session `token`.
    pub async fn close_staff_session(&self, token: &str) -> AppResult<()> {
        query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(&self.db)
            .await?;
        Ok(())
    }
}

/// Opens a session for `staff_id` under the hash of `token`; returns when it expires.
pub(super) async fn open_session(
    conn: &mut Tx,
    staff_id: i64,
    token: &str,
    now: Timestamp,
) -> AppResult<String> {
    let expires_at = now + SESSION_LIFETIME;
    query(
        "INSERT INTO staff_sessions (token_hash, staff_id, expires_at, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(token))
    .bind(staff_id)
    .bind(expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(expires_at.to_string())
}
