//! The `peerhelp` CLI as scripts use it: migrations, site creation and community import.

use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("cli.db").display())
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_peerhelp"))
            .args(args)
            .env("PEERHELP_DATABASE_URL", self.database_url())
            .output()
            .expect("run peerhelp")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    async fn count(&self, sql: &str) -> i64 {
        let pool = sqlx::SqlitePool::connect(&self.database_url())
            .await
            .unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    }
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn failure(output: &Output) -> String {
    assert!(
        !output.status.success(),
        "expected failure: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const TWO_THREADS: &str = r#"{"id":"a","title":"First","answers":[{"body":"one"},{"body":"two","accepted":true}],"tags":["x"]}
{"id":"b","title":"Second","answers":[{"body":"three"}]}
"#;

#[tokio::test]
async fn migrate_applies_every_migration_once_and_can_run_again() {
    let cli = Cli::new();
    let first = stdout(&cli.run(&["migrate"]));
    let applied = cli
        .count("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .await;
    assert!(applied > 0);
    assert_eq!(
        first.trim(),
        format!("the database has all {applied} migrations of this version")
    );
    assert_eq!(
        stdout(&cli.run(&["migrate"])),
        first,
        "a second run changes nothing"
    );
    assert_eq!(
        cli.count("SELECT COUNT(*) FROM _sqlx_migrations").await,
        applied
    );
}

#[tokio::test]
async fn creates_sites_and_refuses_bad_or_duplicate_ones() {
    let cli = Cli::new();
    let created = cli.run(&[
        "site",
        "create",
        "--key",
        "acme",
        "--name",
        "Acme",
        "--origin",
        "https://Shop.Acme.test/",
    ]);
    assert!(stdout(&created).contains("created site acme"));
    assert_eq!(
        cli.count("SELECT COUNT(*) FROM site_origins WHERE origin = 'https://shop.acme.test'")
            .await,
        1
    );
    assert!(
        failure(&cli.run(&["site", "create", "--key", "acme", "--name", "Again"]))
            .contains("already exists")
    );
    assert!(
        failure(&cli.run(&["site", "create", "--key", "bad key", "--name", "B"]))
            .contains("site key")
    );
    assert!(
        failure(&cli.run(&[
            "site", "create", "--key", "ok", "--name", "B", "--origin", "nope"
        ]))
        .contains("origin")
    );
    assert_eq!(cli.count("SELECT COUNT(*) FROM sites").await, 1);
}

#[tokio::test]
async fn import_is_idempotent_by_id_and_reimport_updates() {
    let cli = Cli::new();
    stdout(&cli.run(&["site", "create", "--key", "acme", "--name", "Acme"]));
    let file = cli.file("community.jsonl", TWO_THREADS);
    assert!(stdout(&cli.run(&["import", "--site", "acme", &file])).contains("2 new, 0 updated"));
    let changed = TWO_THREADS
        .replace("\"First\"", "\"First, edited\"")
        .replace("{\"body\":\"one\"},", "");
    let file = cli.file("community.jsonl", &changed);
    assert!(stdout(&cli.run(&["import", "--site", "acme", &file])).contains("0 new, 2 updated"));
    assert_eq!(cli.count("SELECT COUNT(*) FROM threads").await, 2);
    assert_eq!(cli.count("SELECT COUNT(*) FROM answers").await, 2);
    assert_eq!(
        cli.count("SELECT COUNT(*) FROM threads WHERE title = 'First, edited'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_bad_line_names_itself_and_nothing_is_imported() {
    let cli = Cli::new();
    stdout(&cli.run(&["site", "create", "--key", "acme", "--name", "Acme"]));
    let bad = format!("{TWO_THREADS}{{\"title\":\"Third\",\"answers\":[{{\"body\":\"\"}}]}}\n");
    let file = cli.file("bad.jsonl", &bad);
    let error = failure(&cli.run(&["import", "--site", "acme", &file]));
    assert!(
        error.contains("line 3") && error.contains("answers[0].body is empty"),
        "{error}"
    );
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(cli.count("SELECT COUNT(*) FROM threads").await, 0);

    let error = failure(&cli.run(&[
        "import",
        "--site",
        "nosuch",
        &cli.file("ok.jsonl", TWO_THREADS),
    ]));
    assert!(error.contains("no site"), "{error}");
    let error = failure(&cli.run(&["import", "--site", "acme", "/nonexistent.jsonl"]));
    assert!(error.contains("cannot read"), "{error}");
}

#[tokio::test]
async fn sites_get_credentials_that_rotate_and_helpers_get_invite_links() {
    let cli = Cli::new();
    let created = stdout(&cli.run(&[
        "site",
        "create",
        "--key",
        "acme",
        "--name",
        "Acme",
        "--origin",
        "https://shop.acme.test",
    ]));
    assert!(created.contains("identity secret: "), "{created}");
    assert!(created.contains("admin token: pa_"), "{created}");
    assert!(created.contains("shown only now"), "{created}");
    let admin_hash = "SELECT admin_token_hash FROM sites WHERE key = 'acme'";
    let pool = sqlx::SqlitePool::connect(&cli.database_url())
        .await
        .unwrap();
    let before: String = sqlx::query_scalar(admin_hash)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!created.contains(&before), "only the hash is stored");

    let rotated = stdout(&cli.run(&["site", "rotate-admin-token", "--key", "acme"]));
    assert!(
        rotated.contains("new admin token for acme: pa_"),
        "{rotated}"
    );
    let after: String = sqlx::query_scalar(admin_hash)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_ne!(before, after);
    let secret = stdout(&cli.run(&["site", "rotate-identity-secret", "--key", "acme"]));
    assert!(
        secret.contains("new identity secret for acme: "),
        "{secret}"
    );
    assert!(
        failure(&cli.run(&["site", "rotate-admin-token", "--key", "nope"])).contains("no site")
    );

    let invite = stdout(&cli.run(&["helper", "invite", "--site", "acme", "--name", "Grace"]));
    assert!(
        invite.starts_with("https://shop.acme.test/#peerhelp-invite=pi_"),
        "{invite}"
    );
    let invite = stdout(&cli.run(&[
        "helper",
        "invite",
        "--site",
        "acme",
        "--name",
        "Ada",
        "--page",
        "https://shop.acme.test/help",
    ]));
    assert!(
        invite.starts_with("https://shop.acme.test/help#peerhelp-invite=pi_"),
        "{invite}"
    );
    assert!(
        failure(&cli.run(&["helper", "invite", "--site", "acme", "--name", " "])).contains("name")
    );
    assert_eq!(cli.count("SELECT COUNT(*) FROM helper_invites").await, 2);
}

#[tokio::test]
async fn staff_invitations_are_printed_as_codes_and_roles_are_checked() {
    let cli = Cli::new();
    stdout(&cli.run(&["site", "create", "--key", "acme", "--name", "Acme"]));
    let invite = stdout(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "Kim@Acme.test",
        "--name",
        "Kim Lee",
        "--role",
        "admin",
    ]));
    assert!(invite.starts_with("pi_"), "{invite}");
    assert!(
        invite.contains("/api/v1/sites/acme/staff/accept"),
        "{invite}"
    );
    let stored =
        "SELECT COUNT(*) FROM staff_invites WHERE email = 'kim@acme.test' AND role = 'admin'";
    assert_eq!(cli.count(stored).await, 1);
    let refused = failure(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "x@acme.test",
        "--name",
        "X",
        "--role",
        "owner",
    ]));
    assert!(refused.contains("use admin or agent"), "{refused}");
    let refused = failure(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "not-an-email",
        "--name",
        "X",
    ]));
    assert!(refused.contains("email"), "{refused}");
    assert_eq!(cli.count("SELECT COUNT(*) FROM staff_invites").await, 1);
}

#[tokio::test]
async fn serve_stops_with_a_clear_error_for_a_bad_mail_setup() {
    let cli = Cli::new();
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
    use tokio::io::{AsyncBufReadExt, BufReader};

    let cli = Cli::new();
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args(["serve", "--addr", "127.0.0.1:0", "--log-format", "json"])
        .env("PEERHELP_DATABASE_URL", cli.database_url())
        .env("RUST_LOG", "peerhelp_server=info,tower_http=debug")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let log_line = async {
        let mut origin = None;
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(address) = line.strip_prefix("PeerHelp listening on ") {
                origin = Some(address.to_owned());
                let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
                assert_eq!(health.status(), 200);
            } else if origin.is_some() && line.starts_with('{') {
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
    server.kill().await.unwrap();
}
