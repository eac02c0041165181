//! Sites, their settings and their allowed origins (their secrets: `site_secrets`).

use peerhelp_api::{Position, SiteSettingsChange};

use super::NewSite;
use super::db::{Row, Tx, query, query_scalar};
use super::signals::{self, Signal};
use super::site_secrets::SiteCredentials;
use super::{Store, audit};
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;

/// A site as stored, with its allowed origins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRecord {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub color: String,
    pub greeting: String,
    pub language: String,
    pub position: String,
    pub escalate_after_minutes: u32,
    pub first_reply_target_minutes: u32,
    pub activity_retention_days: u32,
    pub feedback_retention_days: u32,
    pub anonymous_visitor_retention_days: u32,
    pub origins: Vec<String>,
}

const SITE_COLUMNS: &str = "id, key, name, color, greeting, language, position, \
    escalate_after_minutes, first_reply_target_minutes, activity_retention_days, \
    feedback_retention_days, anonymous_visitor_retention_days";

impl Store {
    /// Creates a site with fresh credentials nobody is shown (tests, benchmarks).
    pub async fn create_site(&self, site: &NewSite) -> AppResult<SiteRecord> {
        self.create_site_with(site, &SiteCredentials::generate())
            .await
    }

    /// Creates a site with these credentials; a key already in use is a conflict, and nothing
    /// is written.
    pub async fn create_site_with(
        &self,
        site: &NewSite,
        credentials: &SiteCredentials,
    ) -> AppResult<SiteRecord> {
        let mut tx = self.db.begin().await?;
        let inserted = query(
            "INSERT INTO sites
                 (key, name, identity_secret, admin_token_hash, language, greeting, created_at)
             VALUES ($1, $2, $3, $4, 'auto', '', $5) RETURNING id",
        )
        .bind(&site.key)
        .bind(&site.name)
        .bind(&credentials.identity_secret)
        .bind(hash_token(&credentials.admin_token))
        .bind(self.now())
        .fetch_one(&mut tx)
        .await;
        let id: i64 = match inserted {
            Ok(row) => row.get(0),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(AppError::Conflict(format!(
                    "a site with key {:?} already exists",
                    site.key
                )));
            }
            Err(e) => return Err(e.into()),
        };
        query("UPDATE sites SET color = COALESCE($1, color), greeting = COALESCE($2, greeting) WHERE id = $3")
            .bind(&site.color)
            .bind(&site.greeting)
            .bind(id)
            .execute(&mut tx)
            .await?;
        insert_origins(&mut tx, id, &site.origins).await?;
        signals::announce(&mut tx, Signal::Directory).await?;
        tx.commit().await?;
        self.site_by_key(&site.key)
            .await?
            .ok_or_else(|| AppError::NotFound(site.key.clone()))
    }

    /// Adds origins to an existing site (already present ones are kept once).
    pub async fn add_site_origins(&self, site_id: i64, origins: &[String]) -> AppResult<()> {
        let mut tx = self.db.begin().await?;
        insert_origins(&mut tx, site_id, origins).await?;
        signals::announce(&mut tx, Signal::Directory).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applies already validated settings; absent ones stay. `actor` (a staff admin, or `None`
    /// for the admin token) goes to the audit log with the names of what changed.
    pub async fn update_site_settings(
        &self,
        site_id: i64,
        actor: Option<i64>,
        change: &SiteSettingsChange,
    ) -> AppResult<()> {
        let mut tx = self.write().await?;
        let now = self.now();
        query(
            "UPDATE sites SET name = COALESCE($1, name), color = COALESCE($2, color),
                greeting = COALESCE($3, greeting), language = COALESCE($4, language),
                position = COALESCE($5, position),
                escalate_after_minutes = COALESCE($6, escalate_after_minutes),
                first_reply_target_minutes = COALESCE($7, first_reply_target_minutes),
                activity_retention_days = COALESCE($8, activity_retention_days),
                feedback_retention_days = COALESCE($9, feedback_retention_days),
                anonymous_visitor_retention_days = COALESCE($10, anonymous_visitor_retention_days)
             WHERE id = $11",
        )
        .bind(&change.name)
        .bind(&change.color)
        .bind(&change.greeting)
        .bind(&change.language)
        .bind(change.position.map(|position| match position {
            Position::Left => "left",
            Position::Right => "right",
        }))
        .bind(change.escalate_after_minutes)
        .bind(change.first_reply_target_minutes)
        .bind(change.activity_retention_days)
        .bind(change.feedback_retention_days)
        .bind(change.anonymous_visitor_retention_days)
        .bind(site_id)
        .execute(&mut tx)
        .await?;
        if let Some(origins) = &change.origins {
            query("DELETE FROM site_origins WHERE site_id = $1")
                .bind(site_id)
                .execute(&mut tx)
                .await?;
            insert_origins(&mut tx, site_id, origins).await?;
        }
        let changed = serde_json::to_value(change).expect("settings serialize");
        let fields: Vec<&str> = changed
            .as_object()
            .map(|fields| fields.keys().map(String::as_str).collect())
            .unwrap_or_default();
        audit::record(
            &mut tx,
            now,
            site_id,
            actor,
            "settings.updated",
            &fields.join(", "),
        )
        .await?;
        signals::announce(&mut tx, Signal::Directory).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the page invite links open when an invite names none.
    pub async fn set_invite_page(&self, site_id: i64, page: &str) -> AppResult<()> {
        query("UPDATE sites SET invite_page = $1 WHERE id = $2")
            .bind(page)
            .bind(site_id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// The page invite links open by default: the site's invite page, else its first allowed
    /// origin's home page.
    pub async fn default_invite_page(&self, site_id: i64) -> AppResult<Option<String>> {
        Ok(query_scalar(format!(
            "SELECT COALESCE(invite_page,
                (SELECT origin || '/' FROM site_origins WHERE site_id = $1 ORDER BY {} LIMIT 1))
             FROM sites WHERE id = $1",
            self.db.backend().insertion_order()
        ))
        .bind(site_id)
        .fetch_optional(&self.db)
        .await?
        .flatten())
    }

    pub async fn site_by_key(&self, key: &str) -> AppResult<Option<SiteRecord>> {
        let sql = format!("SELECT {SITE_COLUMNS} FROM sites WHERE key = $1");
        let Some(row) = query(&sql).bind(key).fetch_optional(&self.db).await? else {
            return Ok(None);
        };
        let origins =
            query_scalar("SELECT origin FROM site_origins WHERE site_id = $1 ORDER BY origin")
                .bind(row.get::<i64, _>("id"))
                .fetch_all(&self.db)
                .await?;
        Ok(Some(site_from_row(&row, origins)))
    }

    /// Every site with its origins, for the in-memory site directory.
    pub async fn all_sites(&self) -> AppResult<Vec<SiteRecord>> {
        let sql = format!("SELECT {SITE_COLUMNS} FROM sites ORDER BY id");
        let rows = query(&sql).fetch_all(&self.db).await?;
        let origins: Vec<(i64, String)> =
            query("SELECT site_id, origin FROM site_origins ORDER BY origin")
                .fetch_all(&self.db)
                .await?
                .iter()
                .map(|row| (row.get("site_id"), row.get("origin")))
                .collect();
        Ok(rows
            .iter()
            .map(|row| {
                let id: i64 = row.get("id");
                let mine = origins
                    .iter()
                    .filter(|(site, _)| *site == id)
                    .map(|(_, o)| o.clone())
                    .collect();
                site_from_row(row, mine)
            })
            .collect())
    }
}

async fn insert_origins(tx: &mut Tx, site_id: i64, origins: &[String]) -> AppResult<()> {
    for origin in origins {
        query("INSERT INTO site_origins (site_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(site_id)
            .bind(origin)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

fn site_from_row(row: &Row, origins: Vec<String>) -> SiteRecord {
    SiteRecord {
        id: row.get("id"),
        key: row.get("key"),
        name: row.get("name"),
        color: row.get("color"),
        greeting: row.get("greeting"),
        language: row.get("language"),
        position: row.get("position"),
        escalate_after_minutes: row.get("escalate_after_minutes"),
        first_reply_target_minutes: row.get("first_reply_target_minutes"),
        activity_retention_days: row.get("activity_retention_days"),
        feedback_retention_days: row.get("feedback_retention_days"),
        anonymous_visitor_retention_days: row.get("anonymous_visitor_retention_days"),
        origins,
    }
}
