//! Staff passwords: argon2id with a per-password random salt, kept as a PHC string. Hashing is
//! deliberately slow, so it runs on the blocking pool, never on the threads serving requests.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use peerhelp_api::MIN_PASSWORD_CHARS;

use crate::error::{AppError, AppResult};

/// Longest password accepted: enough for any passphrase, bounded so hashing stays cheap.
const MAX_PASSWORD_CHARS: usize = 200;

/// Checks a new password's length.
pub fn check_new(password: &str) -> AppResult<()> {
    let chars = password.chars().count();
    if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        Ok(())
    } else {
        Err(AppError::InvalidInput(format!(
            "password must be {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"
        )))
    }
}

/// The argon2id hash of `password`, as a PHC string.
pub async fn hash(password: String) -> AppResult<String> {
    blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).expect("the operating system's random number generator");
        let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| AppError::Internal(format!("hashing a password: {error}")))
    })
    .await
}

/// Whether `password` matches `stored` (a PHC string from [`hash`]); constant time.
pub async fn verify(password: String, stored: String) -> AppResult<bool> {
    blocking(move || {
        let stored = PasswordHash::new(&stored)
            .map_err(|error| AppError::Internal(format!("a stored password hash: {error}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &stored)
            .is_ok())
    })
    .await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| AppError::Internal(format!("password hashing stopped: {error}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_the_same_password() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), stored.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify("correct horse battery!".into(), stored.clone())
                .await
                .unwrap()
        );
        // Salted: the same password hashes differently each time.
        assert_ne!(hash("correct horse battery".into()).await.unwrap(), stored);
    }

    #[test]
    fn new_passwords_have_a_sensible_length() {
        assert!(check_new("short").is_err());
        assert!(check_new("long enough!").is_ok());
        assert!(check_new(&"x".repeat(201)).is_err());
    }
}
