//! `peerhelp backup`: a consistent copy of the database taken while a server writes to it, and
//! refusals that leave every file as it was.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::runner::*;

const COMMUNITY: &str = r#"{"id":"a","title":"First","answers":[{"body":"one","votes":4}],"tags":["x"]}
{"id":"b","title":"Second","answers":[{"body":"two","accepted":true}]}
"#;

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_holds_everything_acknowledged_before_it() {
    let cli = Cli::new();
    stdout(&cli.run(&["site", "create", "--key", "acme", "--name", "Acme"]));
    stdout(&cli.run(&["import", "--site", "acme", &cli.file("in.jsonl", COMMUNITY)]));
    let server = cli.serve(&["--rate-limits", "off"], &[]).await;

    // Each new visitor is a committed write; the first ones are acknowledged before the backup
    // starts, and more keep coming while it runs.
    let visitors = format!("{}/api/v1/sites/acme/visitors", server.origin);
    let create_visitor = |client: reqwest::Client, url: String| async move {
        let response = client.post(&url).send().await.unwrap();
        assert_eq!(response.status(), 201);
    };
    let acknowledged_before = 20;
    for _ in 0..acknowledged_before {
        create_visitor(reqwest::Client::new(), visitors.clone()).await;
    }
    let created = Arc::new(AtomicI64::new(acknowledged_before));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let (created, stop) = (created.clone(), stop.clone());
        async move {
            let client = reqwest::Client::new();
            while !stop.load(Ordering::SeqCst) {
                create_visitor(client.clone(), visitors.clone()).await;
                created.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    let copy = cli.path("copy.db");
    let backup = tokio::process::Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args(["backup", &copy])
        .env("PEERHELP_DATABASE_URL", cli.database_url())
        .output()
        .await
        .unwrap();
    let printed = stdout(&backup);
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    // Every write the copy can hold was committed before the writer stopped.
    let committed = created.load(Ordering::SeqCst);
    assert!(
        printed.starts_with(&format!("backed up the database to {copy} (")),
        "{printed}"
    );

    let copy_url = format!("sqlite://{copy}");
    let check: String = scalar(&copy_url, "PRAGMA integrity_check").await;
    assert_eq!(check, "ok");
    let in_copy: i64 = scalar(&copy_url, "SELECT COUNT(*) FROM visitors").await;
    assert!(
        (acknowledged_before..=committed).contains(&in_copy),
        "{acknowledged_before} <= {in_copy} <= {committed}"
    );
    // The copy serves as the database: it has every migration and the same community.
    let migrated = stdout(&peerhelp(&copy_url, &["migrate"]));
    assert!(migrated.contains("the database has all"), "{migrated}");
    assert_eq!(
        stdout(&peerhelp(&copy_url, &["export", "--site", "acme"])),
        stdout(&cli.run(&["export", "--site", "acme"]))
    );

    // Never over an existing file, even an earlier backup.
    let before = std::fs::read(&copy).unwrap();
    let again = failure(&cli.run(&["backup", &copy]));
    assert!(again.contains("already exists"), "{again}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    drop(server);
}

#[tokio::test]
async fn backup_refuses_other_databases_missing_ones_and_taken_names() {
    let cli = Cli::new();
    let target = cli.path("copy.db");

    let postgres = "postgres://peerhelp:s3cret@db.internal/peerhelp";
    let refused = failure(&cli.run(&["--database-url", postgres, "backup", &target]));
    assert!(
        refused.contains("copies a SQLite database") && refused.contains("\"postgres\""),
        "{refused}"
    );
    assert!(
        !refused.contains("s3cret"),
        "the password stays out: {refused}"
    );

    let missing = failure(&cli.run(&["backup", &target]));
    assert!(missing.contains("no SQLite database at"), "{missing}");
    let database = cli.database_url().replace("sqlite://", "");
    assert!(
        !Path::new(&database).exists(),
        "a backup creates no database"
    );
    assert!(!Path::new(&target).exists());

    stdout(&cli.run(&["migrate"]));
    let taken = cli.file("taken.db", "keep me");
    let refused = failure(&cli.run(&["backup", &taken]));
    assert!(refused.contains("already exists"), "{refused}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me");
    let nowhere = failure(&cli.run(&["backup", "/no/such/dir/copy.db"]));
    assert!(
        nowhere.contains("cannot write /no/such/dir/copy.db"),
        "{nowhere}"
    );
    assert_eq!(cli.temporary_files(), 0, "none left behind");
}
