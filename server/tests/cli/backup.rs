//! `peerhelp backup`: a consistent copy of the SQLite database taken while a server writes to
//! it, refusals that leave every file as it was, and a PostgreSQL database sent to `pg_dump`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::common::database::on_postgres;
use crate::runner::*;

const COMMUNITY: &str = r#"{"id":"a","title":"First","answers":[{"body":"one","votes":4}],"tags":["x"]}
{"id":"b","title":"Second","answers":[{"body":"two","accepted":true}]}
"#;

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_holds_everything_acknowledged_before_it() {
    if on_postgres() {
        // `VACUUM INTO` copies SQLite files; PostgreSQL has pg_dump (tested below).
        return;
    }
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
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

/// Asserts `peerhelp backup FILE` on `database_url` is refused, pointing to pg_dump, with no
/// password repeated and nothing written.
fn sent_to_pg_dump(cli: &Cli, database_url: &str, file: &str) {
    let refused = failure(&cli.run(&["--database-url", database_url, "backup", file]));
    assert!(
        refused.contains("copies a SQLite database") && refused.contains("pg_dump"),
        "{refused}"
    );
    assert!(
        !refused.contains("s3cret"),
        "the password stays out: {refused}"
    );
    assert_eq!(cli.temporary_files(), 0, "nothing written");
}

#[tokio::test]
async fn backup_of_a_postgres_database_points_to_pg_dump_whatever_the_file() {
    let cli = Cli::new().await;
    let postgres = "postgres://peerhelp:s3cret@db.internal/peerhelp";
    sent_to_pg_dump(&cli, postgres, &cli.path("copy.db"));
    // The database is what is wrong, not the file: said first, even of a taken name or a
    // folder that does not exist.
    let taken = cli.file("taken.db", "keep me");
    sent_to_pg_dump(&cli, postgres, &taken);
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me");
    sent_to_pg_dump(&cli, postgres, "/no/such/dir/copy.db");
    if on_postgres() {
        // The suite's own database, which is there.
        stdout(&cli.run(&["migrate"]));
        sent_to_pg_dump(&cli, &cli.database_url(), &cli.path("copy.db"));
    }
    assert!(!Path::new(&cli.path("copy.db")).exists());
}

#[tokio::test]
async fn backup_refuses_other_databases_missing_ones_and_taken_names() {
    if on_postgres() {
        // Which SQLite files are missing or taken; PostgreSQL is refused above.
        return;
    }
    let cli = Cli::new().await;
    let target = cli.path("copy.db");

    let refused =
        failure(&cli.run(&["--database-url", "mysql://db.internal/x", "backup", &target]));
    assert!(
        refused.contains("copies a SQLite database") && refused.contains("\"mysql\""),
        "{refused}"
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
