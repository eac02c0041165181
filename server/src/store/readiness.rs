//! Whether the database can serve this build: reachable, with exactly the migrations this
//! build knows applied. `GET /readyz` asks it, so a load balancer sends no traffic to a node
//! whose database is down, restored from an older backup, or already migrated by a newer build.

use sqlx::migrate::Migrator;

use super::Store;
use crate::error::AppResult;

/// The migrations this build carries; `Store::open` applies them, `readiness` compares.
pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// How the database's migrations compare with this build's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    /// Migrations this build has that the database lacks.
    pub pending: Vec<i64>,
    /// Migrations applied to the database that this build does not know (a newer build ran).
    pub unknown: Vec<i64>,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.pending.is_empty() && self.unknown.is_empty()
    }
}

impl Store {
    /// Reads the applied migrations; an error means the database cannot be reached.
    pub async fn readiness(&self) -> AppResult<Readiness> {
        let applied: Vec<i64> = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await?;
        let known: Vec<i64> = MIGRATOR.iter().map(|migration| migration.version).collect();
        Ok(Readiness {
            pending: known
                .iter()
                .copied()
                .filter(|v| !applied.contains(v))
                .collect(),
            unknown: applied.into_iter().filter(|v| !known.contains(v)).collect(),
        })
    }

    /// How many of this build's migrations the database has applied.
    pub async fn migrations_applied(&self) -> AppResult<usize> {
        let readiness = self.readiness().await?;
        Ok(MIGRATOR.iter().count() - readiness.pending.len())
    }
}
