//! `peerhelp backup FILE`: a consistent copy of the SQLite database, taken while servers run.

use std::path::Path;

use crate::complete_file::{Existing, put_in_place, temporary_beside};
use crate::error::{AppError, AppResult};
use crate::store::{check_sqlite_url, copy_sqlite_database};

/// Copies the database at `database_url` to `file`, which must not exist: a backup never
/// replaces a file, least of all an earlier backup.
pub async fn backup(database_url: &str, file: &Path) -> AppResult<()> {
    // A database it cannot copy is named first, whatever FILE is.
    check_sqlite_url(database_url)?;
    let already_there = || {
        AppError::Conflict(format!(
            "{} already exists: a backup never overwrites a file, choose a new name",
            file.display()
        ))
    };
    if file.exists() {
        return Err(already_there());
    }
    let cannot_write =
        |e: std::io::Error| AppError::InvalidInput(format!("cannot write {}: {e}", file.display()));
    let temporary = temporary_beside(file, ".peerhelp-backup-").map_err(cannot_write)?;
    copy_sqlite_database(database_url, temporary.path()).await?;
    // SQLite does not sync what `VACUUM INTO` wrote; `put_in_place` does.
    put_in_place(temporary, file, Existing::Refuse).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => already_there(),
        _ => cannot_write(e),
    })?;
    let bytes = std::fs::metadata(file)?.len();
    println!(
        "backed up the database to {} ({bytes} bytes)",
        file.display()
    );
    Ok(())
}
