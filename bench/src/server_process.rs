//! A PeerHelp server in a child process, so its memory can be read apart from the load
//! generator's: the bench re-runs its own executable as `peerhelp-bench serve`, which is the
//! same code as `peerhelp serve`.

use std::process::Stdio;

use peerhelp_server::error::AppError;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct ServerProcess {
    /// `http://127.0.0.1:PORT/api/v1/sites/SITE`.
    pub api: String,
    child: Child,
}

impl ServerProcess {
    /// Starts a server on `database_url` on a free port and waits until it listens.
    pub async fn start(database_url: &str, site: &str) -> Result<ServerProcess, AppError> {
        let mut child = Command::new(std::env::current_exe()?)
            .args(["serve", "--database-url", database_url])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        while let Some(line) = lines.next_line().await? {
            if let Some(origin) = line.split("listening on ").nth(1) {
                // Keep reading what the server logs, so its writes never meet a closed pipe.
                tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
                return Ok(ServerProcess {
                    api: format!("{origin}/api/v1/sites/{site}"),
                    child,
                });
            }
        }
        Err(AppError::Io(std::io::Error::other(
            "the server process exited before listening",
        )))
    }

    /// Resident memory of the server process, in MB (Linux).
    pub fn rss_megabytes(&self) -> f64 {
        let pid = self.child.id().unwrap_or_default();
        crate::stats::rss_kilobytes(&format!("/proc/{pid}/status")) as f64 / 1024.0
    }
}
