//! Runs the real `peerhelp` binary on a fresh SQLite file and reads what it printed.

use std::process::{Command, Output};

pub struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("cli.db").display())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_peerhelp"))
            .args(args)
            .env("PEERHELP_DATABASE_URL", self.database_url())
            .output()
            .expect("run peerhelp")
    }

    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let pool = sqlx::SqlitePool::connect(&self.database_url())
            .await
            .unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    }
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
