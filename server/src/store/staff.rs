//! Staff accounts: invitations, accounts with password hashes, and sessions that expire.

use peerhelp_api::{STAFF_SESSION_HOURS, StaffMember, StaffRole};
use sqlx::{Row, SqliteConnection};

use super::Store;
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;

/// How long a staff invitation works.
const INVITE_LIFETIME: &str = "+7 days";

/// Failed sign-ins for one email within [`FAILURE_WINDOW`] that lock it out until the oldest
/// of them leaves the window.
pub const MAX_SIGN_IN_FAILURES: i64 = 5;
pub const FAILURE_WINDOW: std::time::Duration = std::time::Duration::from_secs(15 * 60);

const STAFF_COLUMNS: &str = "id, name, email, role";

fn member(row: &sqlx::sqlite::SqliteRow) -> StaffMember {
    StaffMember {
        id: row.get("id"),
        name: row.get("name"),
        email: row.get("email"),
        // The column's CHECK constraint admits only the two names.
        role: StaffRole::parse(row.get("role")).unwrap_or(StaffRole::Agent),
    }
}

/// The session lifetime as an SQLite date modifier.
fn session_lifetime() -> String {
    format!("+{STAFF_SESSION_HOURS} hours")
}

/// A staff member's stored password hash, for signing in.
pub struct StaffCredentials {
    pub member: StaffMember,
    pub password_hash: String,
}

impl Store {
    /// Stores an invitation under the hash of `code`; returns when it expires (RFC 3339).
    pub async fn create_staff_invite(
        &self,
        site_id: i64,
        email: &str,
        name: &str,
        role: StaffRole,
        code: &str,
    ) -> AppResult<String> {
        let mut tx = self.write().await?;
        let taken: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE site_id = $1 AND email = $2)",
        )
        .bind(site_id)
        .bind(email)
        .fetch_one(&mut *tx)
        .await?;
        if taken {
            return Err(AppError::Conflict(format!(
                "{email} already has a staff account on this site"
            )));
        }
        let expires_at = sqlx::query_scalar(
            "INSERT INTO staff_invites (site_id, code_hash, email, name, role, expires_at)
             VALUES ($1, $2, $3, $4, $5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', $6))
             RETURNING expires_at",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .bind(email)
        .bind(name)
        .bind(role.as_str())
        .bind(INVITE_LIFETIME)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(expires_at)
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
        let invite = sqlx::query(
            "SELECT id, email, name, role, used_at IS NOT NULL AS used,
                    expires_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS expired
             FROM staff_invites WHERE site_id = $1 AND code_hash = $2",
        )
        .bind(site_id)
        .bind(hash_token(code))
        .fetch_optional(&mut *tx)
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
        let created = sqlx::query(
            "INSERT INTO staff (site_id, email, name, role, password_hash)
             VALUES ($1, $2, $3, $4, $5) RETURNING id, name, email, role",
        )
        .bind(site_id)
        .bind(invite.get::<String, _>("email"))
        .bind(invite.get::<String, _>("name"))
        .bind(invite.get::<String, _>("role"))
        .bind(password_hash)
        .fetch_one(&mut *tx)
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
        sqlx::query(
            "UPDATE staff_invites SET used_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = $1",
        )
        .bind(invite.get::<i64, _>("id"))
        .execute(&mut *tx)
        .await?;
        let expires_at = open_session(&mut tx, member.id, token).await?;
        tx.commit().await?;
        Ok((member, expires_at))
    }

    /// The account signing in with `email` on this site, with its password hash.
    pub async fn staff_credentials(
        &self,
        site_id: i64,
        email: &str,
    ) -> AppResult<Option<StaffCredentials>> {
        let sql = format!(
            "SELECT {STAFF_COLUMNS}, password_hash FROM staff WHERE site_id = $1 AND email = $2"
        );
        let row = sqlx::query(&sql)
            .bind(site_id)
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| StaffCredentials {
            member: member(&row),
            password_hash: row.get("password_hash"),
        }))
    }

    /// Whether `email` failed to sign in [`MAX_SIGN_IN_FAILURES`] times within the window.
    pub async fn sign_in_locked(&self, site_id: i64, email: &str) -> AppResult<bool> {
        let failures: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM staff_sign_in_failures
             WHERE site_id = $1 AND email = $2
               AND created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $3)",
        )
        .bind(site_id)
        .bind(email)
        .bind(super::seconds_ago(FAILURE_WINDOW))
        .fetch_one(&self.pool)
        .await?;
        Ok(failures >= MAX_SIGN_IN_FAILURES)
    }

    /// Records a failed sign-in for `email`.
    pub async fn sign_in_failed(&self, site_id: i64, email: &str) -> AppResult<()> {
        sqlx::query("INSERT INTO staff_sign_in_failures (site_id, email) VALUES ($1, $2)")
            .bind(site_id)
            .bind(email)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Opens a session for `staff_id` under the hash of `token` after a successful sign-in
    /// with `email`, whose failed attempts are forgotten; returns when the session expires.
    pub async fn signed_in(
        &self,
        site_id: i64,
        email: &str,
        staff_id: i64,
        token: &str,
    ) -> AppResult<String> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM staff_sign_in_failures WHERE site_id = $1 AND email = $2")
            .bind(site_id)
            .bind(email)
            .execute(&mut *tx)
            .await?;
        let expires_at = open_session(&mut tx, staff_id, token).await?;
        tx.commit().await?;
        Ok(expires_at)
    }

    /// The staff member whose unexpired session `token` is, on this site.
    pub async fn staff_by_token(
        &self,
        site_id: i64,
        token: &str,
    ) -> AppResult<Option<StaffMember>> {
        let row = sqlx::query(
            "SELECT s.id, s.name, s.email, s.role FROM staff_sessions t
             JOIN staff s ON s.id = t.staff_id
             WHERE t.token_hash = $1 AND s.site_id = $2
               AND t.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        )
        .bind(hash_token(token))
        .bind(site_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(member))
    }

    /// Deletes expired staff sessions and failed sign-ins that no longer count.
    pub async fn prune_staff_sign_ins(&self) -> AppResult<()> {
        sqlx::query(
            "DELETE FROM staff_sessions WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        )
        .execute(&self.pool)
        .await?;
        self.delete_older_than("staff_sign_in_failures", FAILURE_WINDOW)
            .await
            .map(drop)
    }

    /// Ends the session `token`.
    pub async fn close_staff_session(&self, token: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

async fn open_session(
    conn: &mut SqliteConnection,
    staff_id: i64,
    token: &str,
) -> AppResult<String> {
    Ok(sqlx::query_scalar(
        "INSERT INTO staff_sessions (token_hash, staff_id, expires_at)
         VALUES ($1, $2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', $3)) RETURNING expires_at",
    )
    .bind(hash_token(token))
    .bind(staff_id)
    .bind(session_lifetime())
    .fetch_one(conn)
    .await?)
}
