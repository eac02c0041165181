//! Starting the server: a clear error for a bad mail setup, JSON log lines when asked, a low
//! open-file limit raised.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::node::Node;
use crate::runner::*;

#[tokio::test]
async fn serve_stops_with_a_clear_error_for_a_bad_mail_setup() {
    let cli = Cli::new().await;
    let base = [
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--widget-dir",
        "no-such-dir",
    ];
    let bad_url = failure(&cli.run(&[&base[..], &["--smtp-url", "ftp://mail.test"]].concat()));
    assert!(bad_url.contains("--smtp-url"), "{bad_url}");
    let bad_sender = failure(
        &cli.run(
            &[
                &base[..],
                &[
                    "--smtp-url",
                    "smtp://127.0.0.1:2525",
                    "--mail-from",
                    "not an address",
                ],
            ]
            .concat(),
        ),
    );
    assert!(bad_sender.contains("--mail-from"), "{bad_sender}");
}

#[tokio::test]
async fn serve_writes_json_log_lines_when_asked() {
    let cli = Cli::new().await;
    let log_levels = ("RUST_LOG", "peerhelp_server=info,tower_http=debug");
    let mut server = cli.serve(&["--log-format", "json"], &[log_levels]).await;
    let health = reqwest::get(format!("{}/healthz", server.origin))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let log_line = async {
        while let Some(line) = server.lines.next_line().await.unwrap() {
            if line.starts_with('{') {
                return line;
            }
        }
        panic!("the server stopped without a log line");
    };
    // A guard against hanging if no line ever comes, not a measurement.
    let line = tokio::time::timeout(std::time::Duration::from_secs(60), log_line)
        .await
        .expect("a log line for the request");
    let entry: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(entry["level"], "DEBUG", "{entry}");
    assert_eq!(entry["span"]["path"], "/healthz", "{entry}");
    assert!(entry["timestamp"].is_string(), "{entry}");
    server.child.kill().await.unwrap();
}

#[tokio::test]
async fn serve_takes_a_metrics_token_and_refuses_a_short_one_without_repeating_it() {
    let cli = Cli::new().await;
    let short = "a-real-secret-with-a-typo";
    let refused = failure(&cli.run(&["serve", "--addr", "127.0.0.1:0", "--metrics-token", short]));
    assert!(refused.contains("--metrics-token"), "{refused}");
    assert!(!refused.contains(short), "{refused}");

    // From the environment, as the README advises (a flag shows in `ps`).
    let token = "0123456789abcdef0123456789abcdef";
    let mut server = cli.serve(&[], &[("PEERHELP_METRICS_TOKEN", token)]).await;
    let metrics = server.metrics(token).await;
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    assert!(text.contains("peerhelp_db_connections_max 8"), "{text}");
    server.child.kill().await.unwrap();
}

/// A service manager often starts servers with a soft limit of 1,024 open files (systemd's
/// default), far below the connection cap; the server raises it to the hard limit.
#[tokio::test]
async fn serve_raises_a_low_open_file_limit_and_holds_more_connections_than_it() {
    const SOFT_LIMIT: u64 = 256;
    let cli = Cli::new().await;
    // Idle connections stay open for the whole test, all from this one address.
    let args = [
        "--header-read-timeout",
        "3600",
        "--max-connections-per-network",
        "1000",
    ];
    let mut command = Node::command(&cli.database_url(), &args, &[]);
    // SAFETY: setrlimit is async-signal-safe, all a pre_exec closure may call.
    unsafe {
        command.pre_exec(|| {
            let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE)?;
            rlimit::setrlimit(rlimit::Resource::NOFILE, SOFT_LIMIT, hard)
        });
    }
    let mut server = Node::spawn(command).await;
    let pid = server.child.id().unwrap();
    let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let open_files = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .unwrap();
    let soft: u64 = open_files
        .split_whitespace()
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(soft, hard, "{open_files}");

    // More connections at once than the soft limit it started with, each answered.
    let address = server.origin.trim_start_matches("http://").to_owned();
    let hold_open = async {
        let mut open = Vec::new();
        for _ in 0..SOFT_LIMIT + 44 {
            let mut connection = tokio::net::TcpStream::connect(&address).await.unwrap();
            connection
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: peerhelp.test\r\n\r\n")
                .await
                .unwrap();
            let mut response = [0; 12];
            connection.read_exact(&mut response).await.unwrap();
            assert_eq!(&response, b"HTTP/1.1 200");
            open.push(connection);
        }
        open.len()
    };
    // A guard against hanging on a connection never accepted, not a measurement.
    let open = tokio::time::timeout(std::time::Duration::from_secs(60), hold_open)
        .await
        .expect("every connection accepted and answered");
    assert_eq!(open as u64, SOFT_LIMIT + 44);
    server.child.kill().await.unwrap();
}
