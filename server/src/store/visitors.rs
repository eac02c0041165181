//! Visitors: anonymous sessions, identification by the brand, and "My questions".

use std::net::IpAddr;

use peerhelp_api::{MyThread, ThreadStatus, Visitor};

use super::Store;
use super::db::{Row, Tx, query};
use super::standing::origin_of;
use crate::error::AppResult;
use crate::secrets::hash_token;
use crate::timestamp::Timestamp;

/// A visitor as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitorRecord {
    pub id: i64,
    pub external_id: Option<String>,
    pub name: Option<String>,
}

impl VisitorRecord {
    pub fn to_api(&self) -> Visitor {
        Visitor {
            id: self.id,
            name: self.name.clone(),
            identified: self.external_id.is_some(),
        }
    }
}

/// A customer the brand's server vouched for (the signature already verified).
#[derive(Clone, Debug)]
pub struct Identity {
    pub external_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

const MY_THREADS_LIMIT: i64 = 100;

fn visitor_from_row(row: &Row) -> VisitorRecord {
    VisitorRecord {
        id: row.get("id"),
        external_id: row.get("external_id"),
        name: row.get("name"),
    }
}

impl Store {
    /// Creates an anonymous visitor whose session is `token` (only its hash is stored), coming
    /// from `ip` (only its network's keyed hash is stored, see [`super::standing`]).
    pub async fn create_visitor(
        &self,
        site_id: i64,
        token: &str,
        ip: IpAddr,
    ) -> AppResult<VisitorRecord> {
        let mut tx = self.write().await?;
        let now = self.now();
        let origin = origin_of(&mut tx, ip).await?;
        let row = query(
            "INSERT INTO visitors (site_id, origin, created_at) VALUES ($1, $2, $3)
             RETURNING id, external_id, name",
        )
        .bind(site_id)
        .bind(origin)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        let visitor = visitor_from_row(&row);
        insert_token(&mut tx, now, visitor.id, token).await?;
        tx.commit().await?;
        Ok(visitor)
    }

    /// The visitor of this site holding `token`.
    pub async fn visitor_by_token(
        &self,
        site_id: i64,
        token: &str,
    ) -> AppResult<Option<VisitorRecord>> {
        let row = query(
            "SELECT v.id, v.external_id, v.name FROM visitor_tokens t
             JOIN visitors v ON v.id = t.visitor_id WHERE t.token_hash = $1 AND v.site_id = $2",
        )
        .bind(hash_token(token))
        .bind(site_id)
        .fetch_optional(&self.db)
        .await?;
        Ok(row.as_ref().map(visitor_from_row))
    }

    /// The visitor the brand identified (created on first sight, name and email updated), with
    /// a new session `token`. The threads of `anonymous`, the anonymous visitor who presented
    /// their token, move to them; an already identified visitor's threads never move, so one
    /// customer signing in after another on a shared browser cannot take their questions.
    pub async fn identify_visitor(
        &self,
        site_id: i64,
        identity: &Identity,
        anonymous: Option<i64>,
        token: &str,
    ) -> AppResult<VisitorRecord> {
        let mut tx = self.write().await?;
        let now = self.now();
        let row = query(
            "INSERT INTO visitors (site_id, external_id, name, email, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (site_id, external_id) DO UPDATE SET
                name = COALESCE(excluded.name, visitors.name),
                email = COALESCE(excluded.email, visitors.email)
             RETURNING id, external_id, name",
        )
        .bind(site_id)
        .bind(&identity.external_id)
        .bind(&identity.name)
        .bind(&identity.email)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        let visitor = visitor_from_row(&row);
        if let Some(anonymous) = anonymous.filter(|id| *id != visitor.id) {
            query(
                "UPDATE threads SET visitor_id = $1 WHERE visitor_id = $2
                 AND EXISTS (SELECT 1 FROM visitors WHERE id = $2 AND external_id IS NULL)",
            )
            .bind(visitor.id)
            .bind(anonymous)
            .execute(&mut tx)
            .await?;
        }
        insert_token(&mut tx, now, visitor.id, token).await?;
        tx.commit().await?;
        Ok(visitor)
    }

    /// The visitor's threads, newest activity first, with answers they have not read.
    pub async fn my_threads(&self, visitor_id: i64) -> AppResult<Vec<MyThread>> {
        let rows = query(
            "SELECT t.id, t.title, t.status, t.created_at,
                (SELECT COUNT(*) FROM answers a WHERE a.thread_id = t.id AND a.hidden_at IS NULL)
                    AS answer_count,
                (SELECT COUNT(*) FROM answers a WHERE a.thread_id = t.id AND a.hidden_at IS NULL
                    AND a.id > t.asker_seen_answer_id) AS unread,
                COALESCE((SELECT MAX(a.created_at) FROM answers a
                    WHERE a.thread_id = t.id AND a.hidden_at IS NULL), t.created_at)
                    AS last_activity_at
             FROM threads t WHERE t.visitor_id = $1
             ORDER BY last_activity_at DESC, t.id DESC LIMIT $2",
        )
        .bind(visitor_id)
        .bind(MY_THREADS_LIMIT)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .iter()
            .map(|row| MyThread {
                id: row.get("id"),
                title: row.get("title"),
                status: ThreadStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
                answer_count: row.get::<i64, _>("answer_count") as u32,
                unread: row.get::<i64, _>("unread") as u32,
                created_at: row.get("created_at"),
                last_activity_at: row.get("last_activity_at"),
            })
            .collect())
    }

    /// Marks every answer of the thread read by its asker.
    pub async fn mark_thread_seen(&self, thread_id: i64) -> AppResult<()> {
        query(
            "UPDATE threads SET asker_seen_answer_id =
                COALESCE((SELECT MAX(id) FROM answers WHERE thread_id = $1), 0)
             WHERE id = $1",
        )
        .bind(thread_id)
        .execute(&self.db)
        .await?;
        Ok(())
    }
}

async fn insert_token(tx: &mut Tx, now: Timestamp, visitor_id: i64, token: &str) -> AppResult<()> {
    query("INSERT INTO visitor_tokens (token_hash, visitor_id, created_at) VALUES ($1, $2, $3)")
        .bind(hash_token(token))
        .bind(visitor_id)
        .bind(now)
        .execute(tx)
        .await?;
    Ok(())
}
