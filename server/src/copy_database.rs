//! `peerhelp copy --to URL`: moves a PeerHelp database from SQLite to PostgreSQL whole (sites,
//! communities, helpers, staff, tickets, settings, outboxes), for a site outgrowing one machine.

use crate::error::{AppError, AppResult};
use crate::store::Store;

/// Copies the SQLite database at `from` into the new PostgreSQL database at `to`, migrating
/// both to this version first; prints what it copied.
pub async fn copy(from: &str, to: &str) -> AppResult<()> {
    if !to.starts_with("postgres://") && !to.starts_with("postgresql://") {
        return Err(AppError::InvalidInput(
            "--to takes a PostgreSQL URL (postgres://USER:PASSWORD@HOST/DATABASE)".to_owned(),
        ));
    }
    let source = Store::open(from).await?;
    let target = Store::open(to).await?;
    let tables = source.copy_to(&target).await?;
    let rows: u64 = tables.iter().map(|table| table.rows).sum();
    for table in tables.iter().filter(|table| table.rows > 0) {
        println!("{:>10}  {}", table.rows, table.name);
    }
    println!(
        "copied {rows} rows in {} tables to PostgreSQL; serve with that --database-url now",
        tables.len()
    );
    Ok(())
}
