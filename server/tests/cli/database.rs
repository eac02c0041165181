//! Migrations, and importing a community file.

use crate::common::database::on_postgres;
use crate::runner::*;

const TWO_THREADS: &str = r#"{"id":"a","title":"First","answers":[{"body":"one"},{"body":"two","accepted":true}],"tags":["x"]}
{"id":"b","title":"Second","answers":[{"body":"three"}]}
"#;

#[tokio::test]
async fn migrate_applies_every_migration_once_and_can_run_again() {
    let cli = Cli::new().await;
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
async fn nodes_starting_together_on_a_new_database_migrate_it_once() {
    let cli = Cli::new().await;
    let url = cli.database_url();
    let together: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || peerhelp(&url, &["migrate"]))
        })
        .collect();
    for run in together {
        stdout(&run.join().unwrap());
    }
    let applied = cli.count("SELECT COUNT(*) FROM _sqlx_migrations").await;
    let versions = cli
        .count("SELECT COUNT(DISTINCT version) FROM _sqlx_migrations WHERE success")
        .await;
    assert_eq!(applied, versions, "each migration recorded once");
    assert!(stdout(&cli.run(&["migrate"])).contains(&format!("all {applied} migrations")));
}

#[tokio::test]
async fn import_is_idempotent_by_id_and_reimport_updates() {
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
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

/// PostgreSQL plans from statistics autovacuum may refresh much later (or, switched off, never):
/// the import refreshes them for the rows it wrote.
#[tokio::test]
async fn an_import_leaves_postgresql_statistics_current() {
    if !on_postgres() {
        return;
    }
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
    let file = cli.file("community.jsonl", TWO_THREADS);
    stdout(&cli.run(&["import", "--site", "acme", &file]));
    for table in ["threads", "answers", "thread_tags"] {
        let sampled = cli
            .count(&format!(
                "SELECT COALESCE(SUM(reltuples), -1)::BIGINT FROM pg_class WHERE relname = '{table}'"
            ))
            .await;
        assert!(sampled > 0, "{table} analyzed after the import: {sampled}");
    }
}

#[tokio::test]
async fn a_bad_line_names_itself_and_nothing_is_imported() {
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
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
