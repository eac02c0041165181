//! Persistent storage. Every SQL statement of the server lives under this module, behind the
//! `Store` methods, so a PostgreSQL backend can follow without touching the HTTP layer.

mod feedback;
mod index_feed;
mod sites;
mod threads;

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::error::AppResult;

pub use index_feed::{FeedCursor, ThreadChange};
pub use sites::{NewSite, SiteRecord};
pub use threads::ImportSummary;

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and applies pending migrations.
    pub async fn open(url: &str) -> AppResult<Store> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            // WAL lets searches read while an import writes; FULL sync makes an acknowledged
            // write survive a crash of the machine, not only of the process.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store { pool })
    }
}
