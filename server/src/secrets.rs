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

/// What a brand's server signs about a customer. Every field is free of control characters
/// (the handler refuses them), so the newline-separated signed string is unambiguous.
#[derive(Clone, Copy, Debug)]
pub struct SignedIdentity<'a> {
    pub id: &'a str,
    pub expires: i64,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
}

impl SignedIdentity<'_> {
    /// `v2\n{id}\n{expires}\n{name}\n{email}`, an absent name or email as the empty string.
    fn v2_string(&self) -> String {
        format!(
            "v2\n{}\n{}\n{}\n{}",
            self.id,
            self.expires,
            self.name.unwrap_or_default(),
            self.email.unwrap_or_default()
        )
    }

    /// The deprecated `{id}:{expires}`, which left name and email unsigned.
    fn legacy_string(&self) -> String {
        format!("{}:{}", self.id, self.expires)
    }
}

/// Longest a signature may stay valid, counted from now: a leaked signature is a login.
pub const MAX_IDENTITY_LIFETIME_SECONDS: i64 = 24 * 60 * 60;

/// When the legacy `{id}:{expires}` form was deprecated: 2026-12-01T00:00:00Z.
pub const LEGACY_IDENTITY_DEPRECATED_AT: i64 = 1_796_083_200;

/// From this instant on the legacy form is refused: 2027-06-01T00:00:00Z, so it works
/// through 2027-05-31.
pub const LEGACY_IDENTITY_SUNSET: i64 = 1_811_808_000;

/// [`LEGACY_IDENTITY_SUNSET`] as the HTTP date the `Sunset` header carries.
pub const LEGACY_IDENTITY_SUNSET_HTTP_DATE: &str = "Tue, 01 Jun 2027 00:00:00 GMT";

/// Which signed string a valid signature covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityForm {
    V2,
    /// `{id}:{expires}`: accepted until [`LEGACY_IDENTITY_SUNSET`].
    Legacy,
}

/// Why a signed identity was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityError {
    BadSignature,
    Expired,
    /// `expires` is more than [`MAX_IDENTITY_LIFETIME_SECONDS`] past now.
    TooLongLived,
    /// A legacy signature after [`LEGACY_IDENTITY_SUNSET`].
    LegacyRetired,
}

fn identity_mac(secret: &str, signed: &str) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(signed.as_bytes());
    mac
}

/// Checks `signature` (lowercase hex HMAC-SHA256 keyed with the site's identity secret) in
/// constant time against the v2 string, then the legacy one, then that `expires` (Unix
/// seconds) is neither past nor further ahead than [`MAX_IDENTITY_LIFETIME_SECONDS`].
pub fn verify_identity(
    secret: &str,
    identity: &SignedIdentity,
    signature: &str,
    now: i64,
) -> Result<IdentityForm, IdentityError> {
    let signature = hex::decode(signature).map_err(|_| IdentityError::BadSignature)?;
    let form = if identity_mac(secret, &identity.v2_string())
        .verify_slice(&signature)
        .is_ok()
    {
        IdentityForm::V2
    } else if identity_mac(secret, &identity.legacy_string())
        .verify_slice(&signature)
        .is_ok()
    {
        if now >= LEGACY_IDENTITY_SUNSET {
            return Err(IdentityError::LegacyRetired);
        }
        IdentityForm::Legacy
    } else {
        return Err(IdentityError::BadSignature);
    };
    if identity.expires < now {
        return Err(IdentityError::Expired);
    }
    if identity.expires > now.saturating_add(MAX_IDENTITY_LIFETIME_SECONDS) {
        return Err(IdentityError::TooLongLived);
    }
    Ok(form)
}

/// The v2 signature a brand's server computes; the server uses it only in tests and the demo.
pub fn sign_identity(secret: &str, identity: &SignedIdentity) -> String {
    hex::encode(
        identity_mac(secret, &identity.v2_string())
            .finalize()
            .into_bytes(),
    )
}

/// The deprecated `{id}:{expires}` signature, kept to test the deprecation period.
pub fn sign_legacy_identity(secret: &str, id: &str, expires: i64) -> String {
    let identity = SignedIdentity {
        id,
        expires,
        name: None,
        email: None,
    };
    hex::encode(
        identity_mac(secret, &identity.legacy_string())
            .finalize()
            .into_bytes(),
    )
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

    fn customer(id: &str, expires: i64) -> SignedIdentity<'_> {
        SignedIdentity {
            id,
            expires,
            name: Some("Ada"),
            email: Some("ada@example.com"),
        }
    }

    #[test]
    fn identities_verify_only_with_the_right_secret_fields_and_in_time() {
        let signature = sign_identity("secret", &customer("cust-1", 2_000));
        let verify = |identity: &SignedIdentity, signature: &str, now| {
            verify_identity("secret", identity, signature, now)
        };
        assert_eq!(
            verify(&customer("cust-1", 2_000), &signature, 1_000),
            Ok(IdentityForm::V2)
        );
        assert_eq!(
            verify_identity("other", &customer("cust-1", 2_000), &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify(&customer("cust-2", 2_000), &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        let renamed = SignedIdentity {
            name: Some("Eve"),
            ..customer("cust-1", 2_000)
        };
        assert_eq!(
            verify(&renamed, &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        let other_email = SignedIdentity {
            email: Some("eve@example.com"),
            ..customer("cust-1", 2_000)
        };
        assert_eq!(
            verify(&other_email, &signature, 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify(&customer("cust-1", 2_000), "zz", 1_000),
            Err(IdentityError::BadSignature)
        );
        assert_eq!(
            verify(&customer("cust-1", 2_000), &signature, 2_001),
            Err(IdentityError::Expired)
        );
        let far = 1_000 + MAX_IDENTITY_LIFETIME_SECONDS + 1;
        let long_lived = sign_identity("secret", &customer("cust-1", far));
        assert_eq!(
            verify(&customer("cust-1", far), &long_lived, 1_000),
            Err(IdentityError::TooLongLived)
        );
    }

    #[test]
    fn the_legacy_form_works_until_its_sunset_then_is_refused() {
        let before = LEGACY_IDENTITY_SUNSET - 60;
        let expires = LEGACY_IDENTITY_SUNSET + 60;
        let signature = sign_legacy_identity("secret", "cust-1", expires);
        let identity = customer("cust-1", expires);
        assert_eq!(
            verify_identity("secret", &identity, &signature, before),
            Ok(IdentityForm::Legacy)
        );
        assert_eq!(
            verify_identity("secret", &identity, &signature, LEGACY_IDENTITY_SUNSET),
            Err(IdentityError::LegacyRetired)
        );
        let v2 = sign_identity("secret", &identity);
        assert_eq!(
            verify_identity("secret", &identity, &v2, LEGACY_IDENTITY_SUNSET),
            Ok(IdentityForm::V2)
        );
    }
}
