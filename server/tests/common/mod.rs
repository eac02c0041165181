//! A real server for tests: a fresh database (an SQLite file in a temporary folder, or a new
//! PostgreSQL database, see `database`), a site with a small community, listening on a free
//! port, spoken to over real HTTP.

#![allow(dead_code, unused_imports)] // each test binary uses a different part of this helper

pub mod checks;
pub mod database;
pub mod node;
pub mod peers;
pub mod smtp;
pub mod sse;

use std::path::PathBuf;
use std::time::Duration;

use database::TestDatabase;
use peerhelp_server::clock::Clock;
use peerhelp_server::import::parse_community_file;
use peerhelp_server::mailer::MailConfig;
use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};
use peerhelp_server::store::{NewSite, Store};
use smtp::SmtpSink;

pub use checks::{assert_error, assert_rate_limited};

/// Seconds from now, negative for the past.
#[derive(Clone, Copy, Debug)]
pub struct SignedSeconds(pub i64);

/// Days from now, negative for the past.
pub fn days(days: i64) -> SignedSeconds {
    SignedSeconds(days * 24 * 60 * 60)
}

pub const SITE: &str = "acme";
pub const OTHER_SITE: &str = "globex";
pub const ALLOWED_ORIGIN: &str = "https://shop.acme.test";

/// Hashed names as scripts/web/build.mjs writes them, for the fixture widget build.
pub const GLUE_FILE: &str = "peerhelp-widget-0123456789abcdef.js";
pub const WASM_FILE: &str = "peerhelp-widget-0123456789abcdef_bg.wasm";

/// A small community: enough threads for ranking to matter.
pub const COMMUNITY: &str = r#"{"id":"refund-1","title":"How do I get a refund for a double charge?","body":"I was billed twice this month.","answers":[{"body":"Call billing and ask for a refund of the duplicate charge.","author":"ana","votes":3},{"body":"Open the app, go to Billing, then Dispute a charge. The refund took three days for me.","author":"bo","accepted":true,"votes":1},{"body":"Same happened to me, it was a pending authorisation that dropped off.","votes":7}],"tags":["billing"]}
{"id":"roam-1","title":"Roaming charges in Spain","body":"Will I pay extra to use data in Spain?","answers":[{"body":"EU roaming is included on every plan, up to 12GB.","votes":5}],"tags":["roaming"]}
{"id":"esim-1","title":"Activating an eSIM on iPhone","body":"","answers":[{"body":"Scan the QR code from the email under Settings, Mobile Data, Add eSIM."}],"tags":["sim-esim"]}
{"id":"port-1","title":"Keeping my number when I switch","answers":[{"body":"Text PAC to 65075 and give us the code."}]}
{"title":"No signal indoors since Tuesday","body":"Signal drops to nothing at home.","answers":[]}
"#;

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub database_url: String,
    /// `acme`'s admin token, for inviting helpers.
    pub admin_token: String,
    /// `acme`'s identity secret, for signing visitor identities.
    pub identity_secret: String,
    /// The server's clock: advance it to let heartbeats, sessions and windows lapse without
    /// waiting.
    pub clock: Clock,
    database: TestDatabase,
}

impl TestServer {
    /// A server with the `acme` site (allowing [`ALLOWED_ORIGIN`]) holding [`COMMUNITY`], and an
    /// empty `globex` site.
    pub async fn start() -> TestServer {
        TestServer::launch(
            ServeConfig::DEFAULT_OFFLINE_AFTER,
            None,
            SecurityConfig::default(),
            Clock::default(),
        )
        .await
    }

    /// [`TestServer::start`] with a clock that stands still until the test advances it, for
    /// tests that step to just before and just after a deadline.
    pub async fn start_with_stopped_clock() -> TestServer {
        TestServer::start_with_stopped_clock_and(SecurityConfig::default()).await
    }

    /// [`TestServer::start_with_stopped_clock`] with these protections (a metrics token…).
    pub async fn start_with_stopped_clock_and(security: SecurityConfig) -> TestServer {
        TestServer::launch(
            ServeConfig::DEFAULT_OFFLINE_AFTER,
            None,
            security,
            Clock::stopped(),
        )
        .await
    }

    /// [`TestServer::start`] with these protections (webhook targets, proxies…).
    pub async fn start_with_security(security: SecurityConfig) -> TestServer {
        TestServer::launch(
            ServeConfig::DEFAULT_OFFLINE_AFTER,
            None,
            security,
            Clock::default(),
        )
        .await
    }

    /// [`TestServer::start`] letting webhooks reach this machine, where test receivers run.
    pub async fn start_with_private_webhooks() -> TestServer {
        TestServer::start_with_security(private_webhooks()).await
    }

    /// [`TestServer::start`] sending email to a fresh SMTP sink.
    pub async fn start_with_mail() -> (SmtpSink, TestServer) {
        TestServer::start_with_mail_and(SecurityConfig::default()).await
    }

    /// [`TestServer::start_with_mail`] with these protections.
    pub async fn start_with_mail_and(security: SecurityConfig) -> (SmtpSink, TestServer) {
        let sink = SmtpSink::start().await;
        let server = TestServer::start_with_smtp(&sink.url, security).await;
        (sink, server)
    }

    /// [`TestServer::start`] sending email through the SMTP server at `smtp_url`.
    pub async fn start_with_smtp(smtp_url: &str, security: SecurityConfig) -> TestServer {
        let mail = MailConfig {
            smtp_url: smtp_url.to_owned(),
            from: "Acme Help <help@acme.test>".into(),
        };
        TestServer::launch(
            ServeConfig::DEFAULT_OFFLINE_AFTER,
            Some(mail),
            security,
            Clock::default(),
        )
        .await
    }

    /// [`TestServer::start`] on an SQLite file even when the run tests PostgreSQL.
    pub async fn start_on_sqlite() -> TestServer {
        let security = SecurityConfig::default();
        let offline_after = ServeConfig::DEFAULT_OFFLINE_AFTER;
        TestServer::launch_on(
            TestDatabase::sqlite(),
            offline_after,
            None,
            security,
            Clock::default(),
        )
        .await
    }

    async fn launch(
        offline_after: Duration,
        mail: Option<MailConfig>,
        security: SecurityConfig,
        clock: Clock,
    ) -> TestServer {
        let database = TestDatabase::new().await;
        TestServer::launch_on(database, offline_after, mail, security, clock).await
    }

    async fn launch_on(
        database: TestDatabase,
        offline_after: Duration,
        mail: Option<MailConfig>,
        security: SecurityConfig,
        clock: Clock,
    ) -> TestServer {
        let dist = database.dir.path().join("dist");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(
            dist.join(GLUE_FILE),
            "export default async function init() {}\n".repeat(50),
        )
        .unwrap();
        std::fs::write(dist.join(WASM_FILE), b"\0asm\x01\0\0\0").unwrap();
        let database_url = database.url.clone();
        // The test's own handle on the database tells the server's time.
        let store = Store::open_with_clock(&database_url, clock.clone())
            .await
            .expect("open store");
        let acme = NewSite::validated(
            SITE.into(),
            "Acme Mobile".into(),
            vec![ALLOWED_ORIGIN.into()],
        )
        .unwrap();
        let acme = store.create_site(&acme).await.unwrap();
        store
            .import_threads(acme.id, &parse_community_file(COMMUNITY).unwrap())
            .await
            .unwrap();
        let globex = NewSite::validated(
            OTHER_SITE.into(),
            "Globex".into(),
            vec!["https://globex.test".into()],
        )
        .unwrap();
        store.create_site(&globex).await.unwrap();
        let admin_token = "pa_test-admin-token".to_owned();
        store.set_admin_token(acme.id, &admin_token).await.unwrap();
        let identity_secret = store.identity_secret(acme.id).await.unwrap().unwrap();

        let config = ServeConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url.clone(),
            demo: false,
            widget_dir: PathBuf::from(&dist),
            console_dir: PathBuf::from("/nonexistent"),
            offline_after,
            mail,
            security,
        };
        let server = Server::bind_with_clock(&config, clock.clone())
            .await
            .expect("bind server");
        let base = format!("http://{}", server.addr);
        tokio::spawn(server.run());
        TestServer {
            base,
            client: reqwest::Client::new(),
            store,
            database_url,
            admin_token,
            identity_secret,
            clock,
            database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn api(&self, path: &str) -> String {
        self.url(&format!("/api/v1/sites/{SITE}{path}"))
    }

    /// What a search of `acme` for `query` finds, best first.
    pub async fn search_hits(&self, query: &str) -> Vec<serde_json::Value> {
        let url = reqwest::Url::parse_with_params(&self.api("/search"), [("q", query)]).unwrap();
        let (status, body) = self.get_json(url.as_str()).await;
        assert_eq!(status, 200, "{body}");
        body["results"].as_array().unwrap().clone()
    }

    /// The ids of the threads a search for `query` finds, best first.
    pub async fn search_thread_ids(&self, query: &str) -> Vec<i64> {
        let hits = self.search_hits(query).await;
        hits.iter().map(|hit| hit["id"].as_i64().unwrap()).collect()
    }

    pub async fn get_json(&self, url: &str) -> (u16, serde_json::Value) {
        let response = self.client.get(url).send().await.expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Searches `acme` and returns the external ids of the hits, best first.
    pub async fn search_ids(&self, query: &str) -> Vec<String> {
        let hits = self.search_hits(query).await;
        hits.iter()
            .map(|hit| hit["external_id"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// A pool on the test database, to read or adjust it directly.
    pub async fn db(&self) -> sqlx::AnyPool {
        self.database.pool().await
    }

    /// The server's time `offset` from now (negative: in the past) as an SQL literal, which
    /// either backend reads into a time column, for rows a test writes as if at that time.
    pub fn time_literal(&self, offset: SignedSeconds) -> String {
        let now = self.clock.now();
        let at = if offset.0 < 0 {
            now - Duration::from_secs(offset.0.unsigned_abs())
        } else {
            now + Duration::from_secs(offset.0.unsigned_abs())
        };
        format!("'{at}'")
    }

    /// A count from the test database.
    pub async fn count(&self, sql: &str) -> i64 {
        let pool = self.db().await;
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    }

    /// The database's id of an imported thread.
    pub async fn thread_id(&self, external_id: &str) -> i64 {
        let pool = self.db().await;
        sqlx::query_scalar("SELECT id FROM threads WHERE external_id = $1")
            .bind(external_id)
            .fetch_one(&pool)
            .await
            .unwrap()
    }
}

/// Protections letting webhooks reach loopback and private addresses (`--allow-private-webhooks`).
pub fn private_webhooks() -> SecurityConfig {
    SecurityConfig {
        allow_private_webhooks: true,
        ..SecurityConfig::default()
    }
}
