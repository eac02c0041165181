//! Upgrading a database written by an earlier version: expiry times it stored to the second
//! are rewritten with milliseconds, so a staff session ends at its expiry, not up to a second
//! after (a time to the second sorts after every time within that second).

use std::path::Path;
use std::time::Duration;

use peerhelp_server::clock::Clock;
use peerhelp_server::secrets::hash_token;
use peerhelp_server::store::Store;
use peerhelp_server::timestamp::Timestamp;
use sqlx::migrate::Migrator;

/// The first migration of this version's; the database is built with those before it.
const FIRST_NEW_MIGRATION: i64 = 16;

/// Copies the migrations an earlier version had into `to`.
fn earlier_migrations(to: &Path) {
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(all).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let version: i64 = name.split('_').next().unwrap().parse().unwrap();
        if version < FIRST_NEW_MIGRATION {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

#[tokio::test]
async fn a_session_stored_with_a_whole_second_expiry_ends_at_that_second() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = dir.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    earlier_migrations(&migrations);
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display());
    let old = sqlx::SqlitePool::connect(&url).await.unwrap();
    Migrator::new(migrations.as_path())
        .await
        .unwrap()
        .run(&old)
        .await
        .unwrap();

    let clock = Clock::stopped();
    // An hour from now, on a whole second, written as the earlier version wrote it.
    let whole_second = (clock.now().unix_millis() / 1000 + 3600) * 1000;
    let expires_at = Timestamp::from_unix_millis(whole_second);
    let old_text = expires_at.to_string().replace(".000Z", "Z");
    sqlx::query("INSERT INTO sites (key, name) VALUES ('acme', 'Acme')")
        .execute(&old)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO staff (site_id, email, name, role, password_hash)
         VALUES (1, 'sam@acme.test', 'Sam', 'agent', 'x')",
    )
    .execute(&old)
    .await
    .unwrap();
    for sql in [
        "INSERT INTO staff_sessions (token_hash, staff_id, expires_at) VALUES ($1, 1, $2)",
        "INSERT INTO staff_invites (site_id, code_hash, email, name, role, expires_at)
         VALUES (1, $1, 'kim@acme.test', 'Kim', 'agent', $2)",
        "INSERT INTO helper_invites (site_id, code_hash, name, expires_at) VALUES (1, $1, 'Pat', $2)",
    ] {
        sqlx::query(sql)
            .bind(hash_token("ps_old-session"))
            .bind(&old_text)
            .execute(&old)
            .await
            .unwrap();
    }
    old.close().await;

    let store = Store::open_with_clock(&url, clock.clone()).await.unwrap();
    let until_expiry = expires_at.unix_millis() - clock.now().unix_millis();
    clock.advance(Duration::from_millis(until_expiry as u64 - 1));
    assert!(
        store
            .staff_by_token(1, "ps_old-session")
            .await
            .unwrap()
            .is_some(),
        "a millisecond before its expiry the session works"
    );
    clock.advance(Duration::from_millis(501));
    assert!(
        store
            .staff_by_token(1, "ps_old-session")
            .await
            .unwrap()
            .is_none(),
        "half a second past its expiry the session still worked"
    );
    let upgraded = sqlx::SqlitePool::connect(&url).await.unwrap();
    for table in ["staff_sessions", "staff_invites", "helper_invites"] {
        let stored: String = sqlx::query_scalar(&format!("SELECT expires_at FROM {table}"))
            .fetch_one(&upgraded)
            .await
            .unwrap();
        assert_eq!(stored, expires_at.to_string(), "{table}");
    }
}
