//! An online copy of the SQLite database (`peerhelp backup`), consistent while servers write.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use super::db::Backend;
use crate::error::{AppError, AppResult};

/// Refuses a database URL [`copy_sqlite_database`] cannot copy, before anything is written:
/// it copies SQLite files only, and a PostgreSQL database is backed up with its own `pg_dump`.
pub fn check_sqlite_url(database_url: &str) -> AppResult<()> {
    if Backend::of_url(database_url) == Backend::Postgres {
        return Err(AppError::InvalidInput(
            "backup copies a SQLite database (--database-url sqlite://FILE), not a PostgreSQL \
             one: back that up with pg_dump, for example \
             pg_dump --format=custom --file=FILE \"$PEERHELP_DATABASE_URL\""
                .to_owned(),
        ));
    }
    if !database_url.starts_with("sqlite:") {
        // Only the scheme is named: the URL may hold a password.
        let scheme = database_url.split(':').next().unwrap_or_default();
        return Err(AppError::InvalidInput(format!(
            "backup copies a SQLite database (--database-url sqlite://FILE), not a {scheme:?} \
             one: use that database's own backup tool"
        )));
    }
    Ok(())
}

/// Writes a consistent copy of the SQLite database at `database_url` into `destination`, which
/// must not exist or be empty. `VACUUM INTO` reads one snapshot of the database (the WAL
/// included) and writes it compacted, while other connections go on writing.
///
/// It opens its own connection without migrating: a backup must not change the database, and
/// a server of another version may be the one running against it.
pub async fn copy_sqlite_database(database_url: &str, destination: &Path) -> AppResult<()> {
    check_sqlite_url(database_url)?;
    let options = SqliteConnectOptions::from_str(database_url)?
        // The servers hold write locks only briefly; wait for them rather than fail.
        .busy_timeout(Duration::from_secs(10));
    let source = options.get_filename();
    if !source.is_file() {
        return Err(AppError::NotFound(format!(
            "no SQLite database at {}",
            source.display()
        )));
    }
    let destination = destination.to_str().ok_or_else(|| {
        AppError::InvalidInput(format!("{} is not a UTF-8 path", destination.display()))
    })?;
    let mut connection = options.connect().await?;
    sqlx::query("VACUUM INTO $1")
        .bind(destination)
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(())
}
