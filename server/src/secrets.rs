//! Bearer tokens, invite codes and signed identities. Tokens are random, carry a prefix naming
//! their kind (so one `Authorization` header serves visitors, helpers and site admins), and are
//! stored only as SHA-256 hashes: a leaked database cannot be replayed as sessions.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Which kind of credential a token is, by its prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Visitor,
    Helper,
    SiteAdmin,
    Invite,
    Staff,
}

impl TokenKind {
    fn prefix(self) -> &'static str {
        match self {
            TokenKind::Visitor => "pv_",
            TokenKind::Helper => "ph_",
            TokenKind::SiteAdmin => "pa_",
            TokenKind::Invite => "pi_",
            TokenKind::Staff => "ps_",
        }
    }

    /// The kind a presented token claims to be, if any.
    pub fn of(token: &str) -> Option<TokenKind> {
        [
            TokenKind::Visitor,
            TokenKind::Helper,
            TokenKind::SiteAdmin,
            TokenKind::Invite,
            TokenKind::Staff,
        ]
        .into_iter()
        .find(|kind| token.starts_with(kind.prefix()))
    }
}

/// 32 bytes from the operating system's RNG, hex encoded.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    // The OS RNG failing means the machine cannot make secrets at all: nothing sane to fall
    // back to, and issuing a predictable token would be worse than stopping.
    getrandom::getrandom(&mut bytes).expect("the operating system's random number generator");
    hex::encode(bytes)
}

/// Letters and digits a person can read back over the phone without confusing any two
/// (no 0/O, 1/I/L, 5/S, 8/B).
const REFERENCE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY234679";

/// A ticket reference to quote, like `PH-7K2QXM`: random, so references reveal nothing about
/// how many tickets a brand gets. 26^6 ≈ 3 × 10^8 of them; the database refuses a repeat.
pub fn ticket_reference() -> String {
    let mut bytes = [0u8; 6];
    getrandom::getrandom(&mut bytes).expect("the operating system's random number generator");
    let code: String = bytes
        .iter()
        .map(|b| char::from(REFERENCE_ALPHABET[usize::from(*b) % REFERENCE_ALPHABET.len()]))
        .collect();
    format!("PH-{code}")
}

/// A fresh token of this kind.
pub fn new_token(kind: TokenKind) -> String {
    format!("{}{}", kind.prefix(), random_hex())
}

/// What the database keeps of a token: its SHA-256, hex encoded.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Why a signed identity was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityError {
    BadSignature,
    Expired,
}

/// Checks `signature` (lowercase hex HMAC-SHA256 of `"{id}:{expires}"` keyed with the site's
/// identity secret) in constant time, then that `expires` (Unix seconds) has not passed.
pub fn verify_identity(
    secret: &str,
    id: &str,
    expires: i64,
    signature: &str,
    now: i64,
) -> Result<(), IdentityError> {
    let signature = hex::decode(signature).map_err(|_| IdentityError::BadSignature)?;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(format!("{id}:{expires}").as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| IdentityError::BadSignature)?;
    if expires < now {
        return Err(IdentityError::Expired);
    }
    Ok(())
}

/// The signature a brand's server computes; the server uses it only in tests and the demo.
pub fn sign_identity(secret: &str, id: &str, expires: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(format!("{id}:{expires}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_prefixed_and_hashed() {
        let a = new_token(TokenKind::Visitor);
        let b = new_token(TokenKind::Visitor);
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert_eq!(TokenKind::of(&a), Some(TokenKind::Visitor));
        assert_eq!(
            TokenKind::of(&new_token(TokenKind::Helper)),
            Some(TokenKind::Helper)
        );
        assert_eq!(TokenKind::of("nope"), None);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn identities_verify_only_with_the_right_secret_and_in_time() {
        let signature = sign_identity("secret", "cust-1", 2_000);
        assert_eq!(
            verify_identity("secret", "cust-1", 2_000, &signature, 1_000),
            Ok(())
        );
        assert_eq!(
            verify_identity("other", "cust-1", 2_000, &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify_identity("secret", "cust-2", 2_000, &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify_identity("secret", "cust-1", 2_000, "zz", 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify_identity("secret", "cust-1", 2_000, &signature, 2_001),
            Err(IdentityError::Expired)
        );
    }
}
