//! The database a test runs on: a fresh SQLite file in a temporary folder, or, when
//! `PEERHELP_TEST_POSTGRES_URL` names a PostgreSQL server, a fresh database on it, dropped when
//! the test ends. `scripts/test.sh` runs the whole suite both ways.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::AnyPool;
use sqlx::Connection;
use tempfile::TempDir;

/// The PostgreSQL server to test against, when there is one.
pub const POSTGRES_URL_VARIABLE: &str = "PEERHELP_TEST_POSTGRES_URL";

pub struct TestDatabase {
    pub url: String,
    /// The PostgreSQL server and this test's database on it, to drop at the end.
    postgres: Option<(String, String)>,
    pub dir: TempDir,
}

/// Whether this run tests PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(POSTGRES_URL_VARIABLE).is_ok_and(|url| !url.is_empty())
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        let server = std::env::var(POSTGRES_URL_VARIABLE).unwrap_or_default();
        if server.is_empty() {
            return TestDatabase::sqlite();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "peerhelp_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = sqlx::PgConnection::connect(&server)
            .await
            .expect("connect to the test PostgreSQL server");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        let mut url = reqwest::Url::parse(&server).expect("a PostgreSQL URL");
        url.set_path(&name);
        TestDatabase {
            url: url.to_string(),
            postgres: Some((server, name)),
            dir,
        }
    }

    /// A fresh SQLite file, whichever backend the run tests.
    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        TestDatabase {
            url: format!("sqlite://{}", dir.path().join("peerhelp.db").display()),
            postgres: None,
            dir,
        }
    }

    /// A pool on the test database, for reading and adjusting it directly.
    pub async fn pool(&self) -> AnyPool {
        connect(&self.url).await
    }
}

/// A pool on the database at `url`, either backend.
pub async fn connect(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url)
        .await
        .expect("connect to the test database")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any runtime's reach; a thread with its own does the async work.
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&server).await {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(&drop).execute(&mut admin).await;
                }
            });
        })
        .join()
        .ok();
    }
}
