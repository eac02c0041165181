//! Runs the real `peerhelp` binary on a fresh test database (an SQLite file, or a PostgreSQL
//! database when the suite runs on one: see `common::database`) and reads what it printed.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::database::{TestDatabase, connect};
use crate::common::node::Node;

pub struct Cli {
    database: TestDatabase,
}

impl Cli {
    pub async fn new() -> Cli {
        Cli {
            database: TestDatabase::new().await,
        }
    }

    pub fn database_url(&self) -> String {
        self.database.url.clone()
    }

    /// The test's own folder, for files the CLI reads and writes.
    fn dir(&self) -> &Path {
        self.database.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        peerhelp(&self.database_url(), args)
    }

    /// Creates the site `key` (named Acme) with `peerhelp site create`, allowing `origins`, and
    /// returns what it printed.
    pub fn create_site(&self, key: &str, origins: &[&str]) -> String {
        let mut args = vec!["site", "create", "--key", key, "--name", "Acme"];
        for origin in origins {
            args.extend(["--origin", origin]);
        }
        stdout(&self.run(&args))
    }

    /// A path in the test's folder.
    pub fn path(&self, name: &str) -> String {
        self.dir().join(name).display().to_string()
    }

    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Starts `peerhelp serve` on a free port with these extra arguments and environment.
    pub async fn serve(&self, args: &[&str], envs: &[(&str, &str)]) -> Node {
        Node::start(&self.database_url(), args, envs).await
    }

    pub async fn count(&self, sql: &str) -> i64 {
        scalar(&self.database_url(), sql).await
    }

    /// How many of the CLI's temporary files (`.peerhelp-…`) are in the test's folder.
    pub fn temporary_files(&self) -> usize {
        std::fs::read_dir(self.dir())
            .unwrap()
            .filter(|entry| {
                let name = entry.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(".peerhelp-")
            })
            .count()
    }
}

/// Runs `peerhelp` on the database at `database_url`.
pub fn peerhelp(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args(args)
        .env("PEERHELP_DATABASE_URL", database_url)
        .output()
        .expect("run peerhelp")
}

/// One value read from the database at `database_url`, either backend.
pub async fn scalar<T>(database_url: &str, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    let pool = connect(database_url).await;
    let value = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    value
}

pub fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn failure(output: &Output) -> String {
    assert!(
        !output.status.success(),
        "expected failure: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}
