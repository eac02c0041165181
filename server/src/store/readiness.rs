//! Whether the database can serve this build: reachable, with exactly the migrations this
//! build knows applied. `GET /readyz` asks it, so a load balancer sends no traffic to a node
//! whose database is down, restored from an older backup, or already migrated by a newer build.

use sqlx::migrate::Migrator;

use super::Store;
use super::db::{Backend, Db, query_scalar};
use crate::error::AppResult;

/// The migrations this build carries, per backend; `Store::open` applies them (on PostgreSQL
/// under an advisory lock, so nodes starting together migrate once), `readiness` compares.
static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

fn migrator(db: &Db) -> &'static Migrator {
    match db.backend() {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Applies the migrations `db` lacks.
pub(super) async fn migrate(db: &Db) -> AppResult<()> {
    match db {
        Db::Sqlite(pool) => SQLITE.run(pool).await?,
        Db::Postgres(pool) => POSTGRES.run(pool).await?,
    }
    Ok(())
}

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
        let applied: Vec<i64> =
            query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
                .fetch_all(&self.db)
                .await?;
        let known: Vec<i64> = migrator(&self.db)
            .iter()
            .map(|migration| migration.version)
            .collect();
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
        Ok(migrator(&self.db).iter().count() - readiness.pending.len())
    }
}
