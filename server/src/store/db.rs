//! The database the store speaks to, SQLite or PostgreSQL, behind one small typed interface so
//! that every statement and every business rule is written once. Statements use `$1`-style
//! parameters, which both accept; arguments and columns are typed here (a [`Timestamp`] is
//! text in SQLite and `TIMESTAMPTZ` in PostgreSQL), and the few fragments the two spell
//! differently come from [`Backend`]. `sqlx::Any` was not enough: it can neither bind nor
//! read a `TIMESTAMPTZ`.
//!
//! [`Timestamp`]: crate::timestamp::Timestamp

mod dialect;
mod query;
mod row;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

pub(crate) use query::{Arg, Query, query, query_scalar};
pub(crate) use row::Row;

/// Which database a [`Db`] is; see `dialect` for what that changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// A pool of connections to one database; cheap to clone.
#[derive(Clone, Debug)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// How long a statement waits for a lock (SQLite's writer lock, a PostgreSQL row lock) before
/// giving up.
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections per node: searches read from memory, so the database sees only writes and
/// page loads.
const MAX_CONNECTIONS: u32 = 8;

impl Backend {
    /// The backend of the database at `url`: `postgres://…` (or `postgresql://…`) is
    /// PostgreSQL, anything else an SQLite file.
    pub(crate) fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

impl Db {
    /// Connects to the database at `url` (see [`Backend::of_url`]); an SQLite file is created
    /// if missing.
    pub(crate) async fn connect(url: &str) -> sqlx::Result<Db> {
        if Backend::of_url(url) == Backend::Postgres {
            let options = PgConnectOptions::from_str(url)?
                .options([("lock_timeout", format!("{}s", LOCK_TIMEOUT.as_secs()))]);
            let pool = PgPoolOptions::new()
                .max_connections(MAX_CONNECTIONS)
                .connect_with(options)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            // WAL lets searches read while an import writes; FULL sync makes an acknowledged
            // write survive a crash of the machine, not only of the process.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(LOCK_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// The pool's open connections, how many of them are idle, and the most it opens.
    pub(crate) fn connections(&self) -> (u32, usize, u32) {
        match self {
            Db::Sqlite(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
            Db::Postgres(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
        }
    }

    /// A transaction, opened with `sqlite_begin` on SQLite (`BEGIN IMMEDIATE` takes the write
    /// lock up front) and a plain `BEGIN` on PostgreSQL.
    pub(crate) async fn begin_with(&self, sqlite_begin: &'static str) -> sqlx::Result<Tx> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with(sqlite_begin).await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction for reading a consistent snapshot, or writing what needs no lock.
    pub(crate) async fn begin(&self) -> sqlx::Result<Tx> {
        self.begin_with("BEGIN").await
    }
}

/// An open transaction; dropped without [`Tx::commit`], it rolls back.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    /// Serializes this transaction with every other that locks `key`, until it ends, so a
    /// check-then-write rule (count below a limit, then insert) holds under concurrent
    /// requests. On PostgreSQL a transaction-scoped advisory lock on the key's hash; SQLite
    /// needs nothing, since `BEGIN IMMEDIATE` admits one writer at a time. Callers taking
    /// several keys take them in one fixed order, so two transactions never wait on each other.
    pub(crate) async fn lock(&mut self, key: &str) -> sqlx::Result<()> {
        if let Tx::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(key)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub(crate) async fn commit(self) -> sqlx::Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    pub(crate) async fn rollback(self) -> sqlx::Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }
}

/// Where a statement runs.
pub(crate) enum Target<'a> {
    SqlitePool(&'a SqlitePool),
    PostgresPool(&'a PgPool),
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// What statements run on: the pool (each statement on its own) or a transaction.
pub(crate) trait Executor<'a> {
    fn target(self) -> Target<'a>;
}

impl<'a> Executor<'a> for &'a Db {
    fn target(self) -> Target<'a> {
        match self {
            Db::Sqlite(pool) => Target::SqlitePool(pool),
            Db::Postgres(pool) => Target::PostgresPool(pool),
        }
    }
}

impl<'a> Executor<'a> for &'a mut Tx {
    fn target(self) -> Target<'a> {
        match self {
            Tx::Sqlite(tx) => Target::Sqlite(tx),
            Tx::Postgres(tx) => Target::Postgres(tx),
        }
    }
}
