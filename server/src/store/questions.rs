//! Visitors asking the community: a new thread, exactly once per idempotency key.

use peerhelp_api::{LiveEventKind, WebhookEvent};

use super::db::{query, query_scalar};
use super::events::{self, Audience};
use super::index_feed::next_revision;
use super::peers::queue_item;
use super::{Store, webhooks};
use crate::error::AppResult;

/// A question that passed validation.
#[derive(Clone, Debug)]
pub struct Question {
    pub title: String,
    pub body: String,
    pub email: Option<String>,
    pub page_url: Option<String>,
}

/// The thread a question created or, for a repeated key, had already created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asked {
    pub thread_id: i64,
    pub created: bool,
}

impl Store {
    /// Creates the thread and tells the helpers, unless this visitor already sent `key`: then
    /// the first thread is returned. The `question_keys` primary key decides, so concurrent
    /// duplicates cannot both create a thread.
    pub async fn ask(
        &self,
        site_id: i64,
        visitor_id: i64,
        key: &str,
        question: &Question,
    ) -> AppResult<Asked> {
        let mut tx = self.write().await?;
        let now = self.now();
        let revision = next_revision(&mut tx).await?;
        let thread = query(
            "INSERT INTO threads
                 (site_id, title, body, revision, visitor_id, email, page_url, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id, created_at",
        )
        .bind(site_id)
        .bind(&question.title)
        .bind(&question.body)
        .bind(revision)
        .bind(visitor_id)
        .bind(&question.email)
        .bind(&question.page_url)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        let thread_id: i64 = thread.get("id");
        let claimed = query(
            "INSERT INTO question_keys (visitor_id, idempotency_key, thread_id) VALUES ($1, $2, $3)",
        )
        .bind(visitor_id)
        .bind(key)
        .bind(thread_id)
        .execute(&mut tx)
        .await;
        match claimed {
            Ok(_) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                tx.rollback().await?;
                let thread_id = query_scalar(
                    "SELECT thread_id FROM question_keys WHERE visitor_id = $1 AND idempotency_key = $2",
                )
                .bind(visitor_id)
                .bind(key)
                .fetch_one(&self.db)
                .await?;
                return Ok(Asked {
                    thread_id,
                    created: false,
                });
            }
            Err(e) => return Err(e.into()),
        }
        let question_item = queue_item(
            thread_id,
            question.title.clone(),
            &question.body,
            0,
            thread.get("created_at"),
        );
        let data = serde_json::json!({
            "thread_id": thread_id,
            "title": question.title,
            "body": question.body,
            "page_url": question.page_url,
            "created_at": question_item.created_at,
        });
        let kind = LiveEventKind::QuestionAsked {
            question: question_item,
        };
        events::record(&mut tx, now, site_id, Audience::Helpers, &kind).await?;
        let hooked =
            webhooks::queue(&mut tx, now, site_id, WebhookEvent::ThreadCreated, &data).await?;
        self.commit_announcing(tx).await?;
        if hooked {
            self.announce_webhooks();
        }
        Ok(Asked {
            thread_id,
            created: true,
        })
    }
}
