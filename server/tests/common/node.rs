//! A `peerhelp serve` process of its own on a test's database: one node of several, or the
//! real binary under test.

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

/// A running `peerhelp serve`, killed when dropped.
pub struct Node {
    pub child: Child,
    /// The rest of what it prints (a test's few requests log far less than a pipe holds).
    pub lines: Lines<BufReader<ChildStdout>>,
    /// Like `http://127.0.0.1:41234`.
    pub origin: String,
}

impl Node {
    /// Starts `peerhelp serve` on a free port over the database at `database_url`, with these
    /// extra arguments and environment, and waits until it listens.
    pub async fn start(database_url: &str, args: &[&str], envs: &[(&str, &str)]) -> Node {
        Node::spawn(Node::command(database_url, args, envs)).await
    }

    /// The command [`Node::start`] runs, for a test to adjust before [`Node::spawn`].
    pub fn command(database_url: &str, args: &[&str], envs: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_peerhelp"));
        command
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--widget-dir",
                "no-such-dir",
            ])
            .args(args)
            .env("PEERHELP_DATABASE_URL", database_url)
            .envs(envs.iter().copied())
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true);
        command
    }

    /// Runs a `peerhelp serve` command and waits until it listens.
    pub async fn spawn(mut command: Command) -> Node {
        let mut child = command.spawn().expect("start peerhelp serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(origin) = line.strip_prefix("PeerHelp listening on ") {
                return Node {
                    origin: origin.to_owned(),
                    child,
                    lines,
                };
            }
        }
        panic!("peerhelp serve stopped before listening");
    }

    /// `GET /metrics` with the bearer `token`.
    pub async fn metrics(&self, token: &str) -> reqwest::Response {
        reqwest::Client::new()
            .get(format!("{}/metrics", self.origin))
            .bearer_auth(token)
            .send()
            .await
            .expect("scrape /metrics")
    }

    /// Kills the process at once, as a crash or a lost machine would, and waits for it to end.
    pub async fn kill(mut self) {
        self.child.kill().await.expect("kill the node");
    }
}
