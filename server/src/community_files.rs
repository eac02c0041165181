//! The `import` and `export` commands: community files (JSON lines, one thread a line) into a
//! site and out of one, in the same format, so a site's export imports into another site.

use std::io::{BufWriter, Write};
use std::path::Path;

use peerhelp_api::CommunityThread;

use crate::complete_file::{Existing, put_in_place, temporary_beside};
use crate::error::{AppError, AppResult};
use crate::import::parse_community_file;
use crate::store::{SiteRecord, Store};

/// Reads and checks a whole community file: a bad line is named and nothing is imported.
pub fn read(file: &Path) -> AppResult<Vec<CommunityThread>> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| AppError::InvalidInput(format!("cannot read {}: {e}", file.display())))?;
    parse_community_file(&text).map_err(|e| {
        AppError::InvalidInput(format!("{}: {e}; nothing was imported", file.display()))
    })
}

/// `peerhelp import`: writes checked threads in one transaction, then refreshes the database's
/// statistics for the new rows.
pub async fn import(
    store: &Store,
    site: &SiteRecord,
    threads: &[CommunityThread],
) -> AppResult<()> {
    let summary = store.import_threads(site.id, threads).await?;
    store.refresh_statistics().await?;
    println!(
        "imported {} threads into {}: {} new, {} updated",
        threads.len(),
        site.key,
        summary.created,
        summary.updated
    );
    Ok(())
}

/// `peerhelp export`: the site's public community to standard output (for a pipe), or to
/// `output` (replaced only once the new file is complete). The count goes to standard error
/// when standard output carries the file.
pub async fn export(store: &Store, site: &SiteRecord, output: Option<&Path>) -> AppResult<()> {
    let Some(path) = output else {
        let mut out = BufWriter::new(std::io::stdout());
        let count = write_lines(store, site, &mut out).await?;
        out.flush()?;
        eprintln!("exported {count} threads of {}", site.key);
        return Ok(());
    };
    let cannot_write =
        |e: std::io::Error| AppError::InvalidInput(format!("cannot write {}: {e}", path.display()));
    let file = temporary_beside(path, ".peerhelp-export-").map_err(cannot_write)?;
    let mut out = BufWriter::new(file);
    let count = write_lines(store, site, &mut out).await?;
    let file = out.into_inner().map_err(|e| cannot_write(e.into_error()))?;
    // A new export replaces the previous one only once it is complete.
    put_in_place(file, path, Existing::Replace).map_err(cannot_write)?;
    println!(
        "exported {count} threads of {} to {}",
        site.key,
        path.display()
    );
    Ok(())
}

async fn write_lines(store: &Store, site: &SiteRecord, out: &mut impl Write) -> AppResult<usize> {
    store
        .export_community(site.id, |thread| {
            serde_json::to_writer(&mut *out, thread)?;
            out.write_all(b"\n")
        })
        .await
}
