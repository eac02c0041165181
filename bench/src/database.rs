//! Where a benchmark keeps its data: a throwaway SQLite file (the default, so no benchmark
//! needs a PostgreSQL), or a fresh database made on a PostgreSQL server and dropped at the end.

use std::sync::atomic::{AtomicU32, Ordering};

use clap::Args;
use peerhelp_server::error::AppError;
use sqlx::Connection;
use tempfile::TempDir;

/// The backend choice shared by the benchmarks that run a server.
#[derive(Args, Clone, Debug, Default)]
pub struct BackendChoice {
    /// Run on PostgreSQL instead of SQLite: a fresh database is created on the server at this
    /// URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) and dropped when the benchmark
    /// ends.
    #[arg(long, value_name = "URL")]
    pub postgres_url: Option<String>,
}

/// One benchmark's database; dropping it removes it.
pub struct Database {
    pub url: String,
    /// Holds the SQLite file; removed on drop.
    _dir: TempDir,
    /// The PostgreSQL server and the database made on it, dropped on drop.
    postgres: Option<(String, String)>,
}

impl Database {
    pub async fn create(choice: &BackendChoice) -> Result<Database, AppError> {
        let dir = tempfile::tempdir()?;
        let Some(server) = &choice.postgres_url else {
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            return Ok(Database {
                url,
                _dir: dir,
                postgres: None,
            });
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "peerhelp_bench_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = sqlx::PgConnection::connect(server)
            .await
            .map_err(|error| unusable(server, error))?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .map_err(|error| unusable(server, error))?;
        let mut url = reqwest::Url::parse(server)
            .map_err(|error| AppError::InvalidInput(format!("--postgres-url: {error}")))?;
        url.set_path(&name);
        Ok(Database {
            url: url.to_string(),
            _dir: dir,
            postgres: Some((server.clone(), name)),
        })
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// The backend's name, for the figures' lines.
    pub fn backend(&self) -> &'static str {
        if self.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }
}

fn unusable(server: &str, error: sqlx::Error) -> AppError {
    AppError::InvalidInput(format!(
        "cannot create a database on the PostgreSQL server {server}: {error}"
    ))
}

impl Drop for Database {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // Drop cannot await: the benchmarks run on tokio's multi-threaded runtime, which lets
        // this thread block on the drop while others go on. FORCE ends the connections the
        // benchmark's servers still hold.
        let drop = async {
            let mut admin = sqlx::PgConnection::connect(&server).await?;
            sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await
        };
        let dropped =
            tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(drop));
        if let Err(error) = dropped {
            eprintln!("could not drop the benchmark database {name}: {error}");
        }
    }
}
