//! Staff accounts as staff admins manage them: the list, and disabling an account (which ends
//! its sessions and keeps it from signing in) or enabling it again, each in the audit log.

use peerhelp_api::{StaffAccount, StaffMember};

use super::db::{Row, Tx, query, query_scalar};
use super::staff::{STAFF_COLUMNS, member};
use super::{Store, audit};
use crate::error::{AppError, AppResult};

fn account(row: &Row) -> StaffAccount {
    StaffAccount {
        member: member(row),
        disabled: row.get::<Option<String>, _>("disabled_at").is_some(),
        joined_at: row.get("created_at"),
    }
}

async fn read_account(conn: &mut Tx, staff_id: i64) -> AppResult<StaffAccount> {
    let sql = format!("SELECT {STAFF_COLUMNS}, disabled_at, created_at FROM staff WHERE id = $1");
    let row = query(&sql).bind(staff_id).fetch_one(conn).await?;
    Ok(account(&row))
}

impl Store {
    /// The site's staff who can sign in, by name.
    pub async fn active_staff(&self, site_id: i64) -> AppResult<Vec<StaffMember>> {
        let sql = format!(
            "SELECT {STAFF_COLUMNS} FROM staff WHERE site_id = $1 AND disabled_at IS NULL
             ORDER BY lower(name), id"
        );
        let rows = query(&sql).bind(site_id).fetch_all(&self.db).await?;
        Ok(rows.iter().map(member).collect())
    }

    /// The site's staff accounts, oldest first.
    pub async fn staff_accounts(&self, site_id: i64) -> AppResult<Vec<StaffAccount>> {
        let sql = format!(
            "SELECT {STAFF_COLUMNS}, disabled_at, created_at FROM staff
             WHERE site_id = $1 ORDER BY id"
        );
        let rows = query(&sql).bind(site_id).fetch_all(&self.db).await?;
        Ok(rows.iter().map(account).collect())
    }

    /// Disables (`disabled`) or enables staff account `staff_id` of the site, as staff admin
    /// `by` (`None`: the site's administrator). Disabling ends the account's sessions at once.
    pub async fn set_staff_disabled(
        &self,
        site_id: i64,
        by: Option<i64>,
        staff_id: i64,
        disabled: bool,
    ) -> AppResult<StaffAccount> {
        let mut tx = self.write().await?;
        let now = self.now();
        let name: String = query_scalar(
            "UPDATE staff SET disabled_at = CASE WHEN $1 THEN COALESCE(disabled_at, $4) END
             WHERE id = $2 AND site_id = $3 RETURNING name",
        )
        .bind(disabled)
        .bind(staff_id)
        .bind(site_id)
        .bind(now)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no staff member {staff_id} on this site")))?;
        let action = if disabled {
            query("DELETE FROM staff_sessions WHERE staff_id = $1")
                .bind(staff_id)
                .execute(&mut tx)
                .await?;
            "staff.disabled"
        } else {
            "staff.enabled"
        };
        audit::record(&mut tx, now, site_id, by, action, &name).await?;
        let account = read_account(&mut tx, staff_id).await?;
        tx.commit().await?;
        Ok(account)
    }
}
