//! Whether the database can serve this build: reachable, with exactly the migrations this
//! build knows applied. `GET /readyz` asks it, so a load balancer sends no traffic to a node
//! whose database is down, restored from an older backup, or already migrated by a newer build.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use sqlx::migrate::Migrator;

use super::Store;
use super::db::{Backend, Db, query_scalar};
use crate::error::AppResult;

/// The migrations this build carries, per backend; `Store::open` applies them (one process at
/// a time, so processes starting together migrate once), `readiness` compares.
static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

fn migrator(db: &Db) -> &'static Migrator {
    match db.backend() {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Applies the migrations `db` lacks, one process at a time: sqlx holds an advisory lock on
/// PostgreSQL, and on SQLite (where sqlx locks nothing, and two processes starting on a new
/// file would both apply the first migration, the second failing) this takes a lock on a file
/// beside the database.
pub(super) async fn migrate(db: &Db) -> AppResult<()> {
    match db {
        Db::Sqlite(pool) => {
            let _turn = migration_turn(pool.connect_options().get_filename()).await?;
            SQLITE.run(pool).await?
        }
        Db::Postgres(pool) => POSTGRES.run(pool).await?,
    }
    Ok(())
}

/// Waits for, then holds until dropped, the migration lock of the SQLite file `database`
/// (`peerhelp.db-migrations.lock` beside `peerhelp.db`); none for an in-memory database.
async fn migration_turn(database: &Path) -> AppResult<Option<File>> {
    if database == Path::new(":memory:") {
        return Ok(None);
    }
    let mut name = database.as_os_str().to_owned();
    name.push("-migrations.lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    let file = tokio::task::spawn_blocking(move || file.lock().map(|()| file))
        .await
        .expect("waiting for the migration lock panicked")?;
    Ok(Some(file))
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
