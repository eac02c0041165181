//! Files the CLI writes (exports, backups) appear under their name only once complete: they are
//! written to a temporary file beside the target, synced to disk, then renamed into place. An
//! interrupted run leaves at most a hidden temporary file, never half a file under the name.

use std::fs::File;
use std::io;
use std::path::Path;

use tempfile::NamedTempFile;

/// Whether a file already at the target may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Refuse,
}

/// An empty temporary file (readable by its owner only) in the target's directory, so the final
/// rename stays on one file system and is atomic.
pub fn temporary_beside(target: &Path, prefix: &str) -> io::Result<NamedTempFile> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(directory_of(target))
}

/// Syncs `temporary` and renames it to `target`; with [`Existing::Refuse`] the rename fails if
/// `target` exists, checked by the rename itself so no other writer can slip in between.
pub fn put_in_place(temporary: NamedTempFile, target: &Path, existing: Existing) -> io::Result<()> {
    temporary.as_file().sync_all()?;
    match existing {
        Existing::Replace => temporary.persist(target).map_err(|e| e.error)?,
        Existing::Refuse => temporary.persist_noclobber(target).map_err(|e| e.error)?,
    };
    // The new name itself is durable only once its directory is synced.
    File::open(directory_of(target))?.sync_all()
}

fn directory_of(target: &Path) -> &Path {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}
