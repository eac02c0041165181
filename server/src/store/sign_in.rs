//! Staff sign-in attempts. Each attempt is recorded as a failure *before* its password is
//! checked, in the same transaction that decides whether the email or the client's address is
//! locked out, so parallel guesses cannot all slip past the count; a successful sign-in then
//! clears its email's failures.

use std::net::IpAddr;
use std::time::Duration;

use peerhelp_api::StaffMember;

use super::Store;
use super::db::{Tx, query, query_scalar};
use super::staff::{STAFF_COLUMNS, member, open_session};
use crate::error::{AppError, AppResult};
use crate::timestamp::Timestamp;

/// Failed sign-ins for one email within [`FAILURE_WINDOW`] that lock it out until the oldest
/// of them leaves the window.
pub const MAX_SIGN_IN_FAILURES: i64 = 5;
/// Failed sign-ins from one address (over every email and site) within [`FAILURE_WINDOW`]
/// that lock that address out, so one password cannot be tried against many emails.
pub const MAX_SIGN_IN_FAILURES_PER_IP: i64 = 20;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A staff member's stored password hash, for signing in.
pub struct StaffCredentials {
    pub member: StaffMember,
    pub password_hash: String,
    /// Disabled by a staff admin: the right password still does not sign in.
    pub disabled: bool,
}

/// Whose failures a lockout counts.
enum Failures<'a> {
    Email { site_id: i64, email: &'a str },
    Address(&'a str),
}

impl Failures<'_> {
    /// How long until fewer than the limit of failures are left in the window, if the limit
    /// is reached: the limit-th newest failure is the one whose leaving lifts the lock.
    async fn lockout(&self, conn: &mut Tx, now: Timestamp) -> AppResult<Option<Duration>> {
        let (filter, limit) = match self {
            Failures::Email { .. } => ("site_id = $3 AND email = $4", MAX_SIGN_IN_FAILURES),
            Failures::Address(_) => ("ip = $3", MAX_SIGN_IN_FAILURES_PER_IP),
        };
        let sql = format!(
            "SELECT created_at FROM staff_sign_in_failures
             WHERE {filter} AND created_at > $1
             ORDER BY created_at DESC LIMIT 1 OFFSET $2"
        );
        let query = query_scalar::<Timestamp>(&sql)
            .bind(now - FAILURE_WINDOW)
            .bind(limit - 1);
        let query = match self {
            Failures::Email { site_id, email } => query.bind(*site_id).bind(*email),
            Failures::Address(ip) => query.bind(*ip),
        };
        let failed_at = query.fetch_optional(conn).await?;
        Ok(failed_at.map(|failed_at| {
            let age = Duration::from_secs_f64(now.seconds_since(failed_at).max(0.0));
            FAILURE_WINDOW.saturating_sub(age)
        }))
    }
}

fn locked_out(message: &str, wait: Duration) -> AppError {
    // Rounded up, so the time told is never too short.
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    AppError::RateLimited {
        message: format!("{message}; try again in {minutes} {unit}"),
        retry_after: Some(wait),
    }
}

impl Store {
    /// Starts a sign-in for `email` on the site from `ip`: refuses it (429, saying when to try
    /// again) while the email or the address is locked out, and otherwise records it as a
    /// failure, then returns the account to check the password against (`None` for an
    /// unknown email). [`Store::signed_in`] clears the failures once the password matched.
    pub async fn begin_sign_in(
        &self,
        site_id: i64,
        email: &str,
        ip: IpAddr,
    ) -> AppResult<Option<StaffCredentials>> {
        let ip = ip.to_string();
        let mut tx = self.write().await?;
        // One count-and-record at a time per email and per address (in that order).
        tx.lock(&format!("sign-in:{site_id}:{email}")).await?;
        tx.lock(&format!("sign-in-from:{ip}")).await?;
        let now = self.now();
        if let Some(wait) = (Failures::Email { site_id, email })
            .lockout(&mut tx, now)
            .await?
        {
            return Err(locked_out("too many failed sign-ins for this email", wait));
        }
        if let Some(wait) = Failures::Address(&ip).lockout(&mut tx, now).await? {
            return Err(locked_out(
                "too many failed sign-ins from your network",
                wait,
            ));
        }
        query(
            "INSERT INTO staff_sign_in_failures (site_id, email, ip, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(site_id)
        .bind(email)
        .bind(&ip)
        .bind(now)
        .execute(&mut tx)
        .await?;
        let sql = format!(
            "SELECT {STAFF_COLUMNS}, password_hash, disabled_at IS NOT NULL AS disabled
             FROM staff WHERE site_id = $1 AND email = $2"
        );
        let row = query(&sql)
            .bind(site_id)
            .bind(email)
            .fetch_optional(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(row.map(|row| StaffCredentials {
            member: member(&row),
            password_hash: row.get("password_hash"),
            disabled: row.get("disabled"),
        }))
    }

    /// Opens a session for `staff_id` under the hash of `token` after a successful sign-in
    /// with `email`, whose failed attempts (this one's included) are forgotten; returns when
    /// the session expires.
    pub async fn signed_in(
        &self,
        site_id: i64,
        email: &str,
        staff_id: i64,
        token: &str,
    ) -> AppResult<String> {
        let mut tx = self.write().await?;
        query("DELETE FROM staff_sign_in_failures WHERE site_id = $1 AND email = $2")
            .bind(site_id)
            .bind(email)
            .execute(&mut tx)
            .await?;
        let expires_at = open_session(&mut tx, staff_id, token, self.now()).await?;
        tx.commit().await?;
        Ok(expires_at)
    }
}
