//! A [`TestServer`] with its own protection settings (trusted proxies, connection limits), for
//! the tests of those protections. It holds the `acme` site with its admin token, no
//! community and no widget build: what sign-in, ban and hardening tests need.

use std::path::PathBuf;

use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};
use peerhelp_server::store::{NewSite, Store};

use super::{ALLOWED_ORIGIN, SITE, TestServer};

impl TestServer {
    /// A server for `acme` run with `security`.
    pub async fn start_with_security(security: SecurityConfig) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = format!("sqlite://{}", dir.path().join("peerhelp.db").display());
        let store = Store::open(&database_url).await.expect("open store");
        let acme = NewSite::validated(
            SITE.into(),
            "Acme Mobile".into(),
            vec![ALLOWED_ORIGIN.into()],
        )
        .unwrap();
        let acme = store.create_site(&acme).await.unwrap();
        let admin_token = "pa_test-admin-token".to_owned();
        store.set_admin_token(acme.id, &admin_token).await.unwrap();
        let identity_secret = store.identity_secret(acme.id).await.unwrap().unwrap();
        let config = ServeConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url.clone(),
            demo: false,
            widget_dir: PathBuf::from("/nonexistent"),
            console_dir: PathBuf::from("/nonexistent"),
            offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
            mail: None,
            security,
        };
        let server = Server::bind(&config).await.expect("bind server");
        let base = format!("http://{}", server.addr);
        tokio::spawn(server.run());
        TestServer {
            base,
            client: reqwest::Client::new(),
            store,
            database_url,
            admin_token,
            identity_secret,
            _dir: dir,
        }
    }
}
