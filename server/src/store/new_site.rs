//! A site to create, checked as a person typed it: its key, name and allowed origins.

/// A site to create; settings left `None` take the schema's defaults.
#[derive(Clone, Debug, Default)]
pub struct NewSite {
    pub key: String,
    pub name: String,
    pub origins: Vec<String>,
    pub color: Option<String>,
    pub greeting: Option<String>,
}

impl NewSite {
    /// Checks a key, a name and origins as typed by a person; the error says what to fix.
    pub fn validated(key: String, name: String, origins: Vec<String>) -> Result<NewSite, String> {
        let key_ok = (2..=64).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !key_ok {
            return Err(format!(
                "site key {key:?} must be 2 to 64 letters, digits, - or _"
            ));
        }
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 {
            return Err("site name must be 1 to 100 characters".to_owned());
        }
        let origins = origins
            .iter()
            .map(|o| normalize_origin(o))
            .collect::<Result<_, _>>()?;
        Ok(NewSite {
            key,
            name,
            origins,
            ..NewSite::default()
        })
    }
}

/// `https://Example.com:443/` → `https://example.com`: the exact form browsers send in
/// `Origin`, which never names the scheme's default port.
pub fn normalize_origin(text: &str) -> Result<String, String> {
    let invalid = || {
        format!(
            "origin {text:?} must look like https://www.example.com (scheme, host, optional port)"
        )
    };
    let lowered = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, host) = lowered.split_once("://").ok_or_else(invalid)?;
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if !matches!(scheme, "http" | "https") || !host_ok {
        return Err(invalid());
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default_port).unwrap_or(host);
    Ok(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_to_what_browsers_send() {
        for (typed, sent) in [
            ("https://Shop.Example.com/", "https://shop.example.com"),
            ("http://localhost:3000", "http://localhost:3000"),
            ("https://shop.example.com:443", "https://shop.example.com"),
            ("http://[::1]:80/", "http://[::1]"),
            (
                "https://shop.example.com:4430",
                "https://shop.example.com:4430",
            ),
        ] {
            assert_eq!(normalize_origin(typed).unwrap(), sent, "{typed}");
        }
        assert!(normalize_origin("shop.example.com").is_err());
        assert!(normalize_origin("https://shop.example.com/path").is_err());
        assert!(normalize_origin("ftp://shop.example.com").is_err());
    }

    #[test]
    fn site_keys_and_names_are_checked() {
        assert!(NewSite::validated("acme".into(), "Acme".into(), vec![]).is_ok());
        assert!(NewSite::validated("a b".into(), "Acme".into(), vec![]).is_err());
        assert!(NewSite::validated("acme".into(), " ".into(), vec![]).is_err());
    }
}
