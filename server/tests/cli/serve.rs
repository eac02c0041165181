//! Starting the server: a clear error for a bad mail setup, JSON log lines when asked.

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
    let metrics = reqwest::Client::new()
        .get(format!("{}/metrics", server.origin))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    assert!(text.contains("peerhelp_db_connections_max 8"), "{text}");
    server.child.kill().await.unwrap();
}
