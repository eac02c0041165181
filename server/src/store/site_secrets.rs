//! A site's secrets: the identity secret brands sign visitor identities with, and the admin
//! token (kept only as a hash).

use super::db::{query, query_scalar};
use super::{Store, audit};
use crate::error::AppResult;
use crate::secrets::{TokenKind, hash_token, new_token, random_hex};

/// A site's secrets as created or rotated. Shown to the operator once: the identity secret is
/// kept (it keys the HMAC), the admin token only as a hash.
#[derive(Clone, Debug)]
pub struct SiteCredentials {
    pub identity_secret: String,
    pub admin_token: String,
}

impl SiteCredentials {
    pub fn generate() -> SiteCredentials {
        SiteCredentials {
            identity_secret: random_hex(),
            admin_token: new_token(TokenKind::SiteAdmin),
        }
    }
}

impl Store {
    /// The key a brand's server signs visitor identities with.
    pub async fn identity_secret(&self, site_id: i64) -> AppResult<Option<String>> {
        Ok(
            query_scalar("SELECT identity_secret FROM sites WHERE id = $1")
                .bind(site_id)
                .fetch_optional(&self.db)
                .await?
                .flatten(),
        )
    }

    /// Replaces the identity secret with a fresh one and returns it (audited).
    pub async fn rotate_identity_secret(
        &self,
        site_id: i64,
        actor: Option<i64>,
    ) -> AppResult<String> {
        let secret = random_hex();
        let mut tx = self.write().await?;
        let now = self.now();
        query("UPDATE sites SET identity_secret = $1 WHERE id = $2")
            .bind(&secret)
            .bind(site_id)
            .execute(&mut tx)
            .await?;
        audit::record(&mut tx, now, site_id, actor, "identity_secret.rotated", "").await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// Replaces the identity secret: identities signed with the old one stop verifying.
    pub async fn set_identity_secret(&self, site_id: i64, secret: &str) -> AppResult<()> {
        query("UPDATE sites SET identity_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(site_id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Replaces the admin token (only its hash is kept): the old one stops working.
    pub async fn set_admin_token(&self, site_id: i64, token: &str) -> AppResult<()> {
        query("UPDATE sites SET admin_token_hash = $1 WHERE id = $2")
            .bind(hash_token(token))
            .bind(site_id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Whether `token` is the site's admin token.
    pub async fn is_admin_token(&self, site_id: i64, token: &str) -> AppResult<bool> {
        Ok(query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sites WHERE id = $1 AND admin_token_hash = $2)",
        )
        .bind(site_id)
        .bind(hash_token(token))
        .fetch_one(&self.db)
        .await?)
    }
}
