//! Runs the real `peerhelp` binary on a fresh SQLite file and reads what it printed.

use std::process::{Command, Output, Stdio};

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout};

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

    /// `peerhelp serve` on a free port with `args` and `env` added, running until dropped.
    pub fn serve(&self, args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut process = tokio::process::Command::new(env!("CARGO_BIN_EXE_peerhelp"))
            .args([&["serve", "--addr", "127.0.0.1:0"], args].concat())
            .env("PEERHELP_DATABASE_URL", self.database_url())
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let lines = BufReader::new(process.stdout.take().unwrap()).lines();
        Served { process, lines }
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

/// A running `peerhelp serve` and what it prints, line by line.
pub struct Served {
    pub process: Child,
    pub lines: Lines<BufReader<ChildStdout>>,
}

impl Served {
    /// Reads the output up to the line saying where the server listens; returns that origin.
    pub async fn origin(&mut self) -> String {
        while let Some(line) = self.lines.next_line().await.unwrap() {
            if let Some(origin) = line.strip_prefix("PeerHelp listening on ") {
                return origin.to_owned();
            }
        }
        panic!("the server stopped before it listened");
    }
}
