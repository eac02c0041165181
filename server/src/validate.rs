//! Checks on what visitors and helpers type. Each error names the field and what to fix, and
//! becomes a 422, so a client's mistake never reaches the database.

use peerhelp_api::{
    MAX_BODY_CHARS, MAX_QUERY_CHARS, MAX_SEARCHES_KEPT, MAX_TITLE_CHARS, MIN_TITLE_CHARS,
    hidden_character,
};

use crate::error::{AppError, AppResult};

const MAX_EMAIL_CHARS: usize = 254;
const MAX_NAME_CHARS: usize = 100;
const MAX_URL_CHARS: usize = 2_000;
const MAX_IDEMPOTENCY_KEY_CHARS: usize = 100;
const MAX_EXTERNAL_ID_CHARS: usize = 200;

/// Letters or digits a request to the team needs on its first line, at least
/// [`MIN_DISTINCT_LETTERS`] of them different: "!!!!!!!!" or "aaaaaaaa" say nothing.
const MIN_MEANINGFUL_LETTERS: usize = 5;
const MIN_DISTINCT_LETTERS: usize = 3;

fn invalid(message: String) -> AppError {
    AppError::InvalidInput(message)
}

/// Refuses `text` holding a control character or a bidirectional override in `field`.
fn visible(field: &str, text: &str) -> AppResult<()> {
    match hidden_character(text) {
        Some(c) => Err(invalid(format!(
            "{field} must not contain control or text-direction characters (it has U+{:04X})",
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// A request to the team that is not about the visitor's own question: its first line (which
/// becomes the ticket's title) must say something, in at least [`MIN_TITLE_CHARS`] characters
/// with [`MIN_MEANINGFUL_LETTERS`] letters or digits, and show what it stores.
pub fn request_message(message: &str) -> AppResult<()> {
    let line = message.lines().next().unwrap_or_default().trim();
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut distinct = letters.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if line.chars().count() < MIN_TITLE_CHARS
        || letters.len() < MIN_MEANINGFUL_LETTERS
        || distinct.len() < MIN_DISTINCT_LETTERS
    {
        return Err(invalid(format!(
            "message must say what you still need help with, in at least {MIN_TITLE_CHARS} \
             characters on its first line"
        )));
    }
    visible("message", line)
}

/// A question's title, trimmed.
pub fn title(text: &str) -> AppResult<String> {
    let title = text.trim();
    let chars = title.chars().count();
    if !(MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&chars) {
        return Err(invalid(format!(
            "title must be {MIN_TITLE_CHARS} to {MAX_TITLE_CHARS} characters (it has {chars})"
        )));
    }
    visible("title", title)?;
    Ok(title.to_owned())
}

/// Question details or an answer, trimmed; `required` refuses an empty one.
pub fn body(field: &str, text: &str, required: bool) -> AppResult<String> {
    let body = text.trim();
    if required && body.is_empty() {
        return Err(invalid(format!("{field} is empty")));
    }
    multiline_text(field, body)?;
    let chars = body.chars().count();
    if chars > MAX_BODY_CHARS {
        return Err(invalid(format!(
            "{field} must be at most {MAX_BODY_CHARS} characters (it has {chars})"
        )));
    }
    Ok(body.to_owned())
}

/// Refuses control characters other than line breaks and tabs: NUL and terminal escapes in
/// text that staff read, emails quote and exports carry are never a visitor's intent.
pub fn multiline_text(field: &str, text: &str) -> AppResult<()> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(c) => Err(invalid(format!(
            "{field} must not contain control characters (it has U+{:04X})",
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// A loosely checked email address: one `@` with text on both sides, no spaces, not too long.
/// Deliverability is the mail server's business; this only catches typing slips.
pub fn email(text: Option<&str>) -> AppResult<Option<String>> {
    let Some(email) = text.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let ok = email.chars().count() <= MAX_EMAIL_CHARS
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && !domain.is_empty() && !domain.contains('@')
        });
    if !ok {
        return Err(invalid(format!(
            "email {email:?} is not an email address (one @, no spaces, at most {MAX_EMAIL_CHARS} characters)"
        )));
    }
    visible("email", email)?;
    Ok(Some(email.to_owned()))
}

/// A person's display name, trimmed.
pub fn name(field: &str, text: &str) -> AppResult<String> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(format!(
            "{field} must be 1 to {MAX_NAME_CHARS} characters"
        )));
    }
    visible(field, name)?;
    Ok(name.to_owned())
}

/// An optional display name: blank means none.
pub fn optional_name(field: &str, text: Option<&str>) -> AppResult<Option<String>> {
    match text.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => name(field, n).map(Some),
        None => Ok(None),
    }
}

/// A field the brand signed is refused, never trimmed, when it has surrounding whitespace or a
/// control character: what the signature is checked against is exactly what is stored, and
/// newlines stay free to separate the fields of the signed string.
pub fn signed_text(field: &str, text: &str) -> AppResult<()> {
    if text.trim() != text || text.chars().any(char::is_control) {
        return Err(invalid(format!(
            "{field} must not start or end with spaces or hold control characters \
             (it is checked exactly as signed)"
        )));
    }
    Ok(())
}

/// The brand's id for a customer, exactly as signed.
pub fn external_id(text: &str) -> AppResult<String> {
    signed_text("id", text)?;
    if text.is_empty() || text.chars().count() > MAX_EXTERNAL_ID_CHARS {
        return Err(invalid(format!(
            "id must be 1 to {MAX_EXTERNAL_ID_CHARS} characters"
        )));
    }
    Ok(text.to_owned())
}

/// An optional http(s) page address, without its fragment.
pub fn page_url(field: &str, text: Option<&str>) -> AppResult<Option<String>> {
    let Some(url) = text.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let url = url.split('#').next().unwrap_or_default();
    let ok = url.chars().count() <= MAX_URL_CHARS
        && (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !ok {
        return Err(invalid(format!(
            "{field} must be an http or https address of at most {MAX_URL_CHARS} characters"
        )));
    }
    Ok(Some(url.to_owned()))
}

/// The searches a visitor tried before escalating: trimmed, empty ones and repeats of the one
/// before dropped, the last [`MAX_SEARCHES_KEPT`] kept.
pub fn searches(searches: &[String]) -> AppResult<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    for search in searches.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if search.chars().count() > MAX_QUERY_CHARS {
            return Err(invalid(format!(
                "each search must be at most {MAX_QUERY_CHARS} characters"
            )));
        }
        multiline_text("searches", search)?;
        if kept.last().map(String::as_str) != Some(search) {
            kept.push(search.to_owned());
        }
    }
    let skip = kept.len().saturating_sub(MAX_SEARCHES_KEPT);
    Ok(kept.split_off(skip))
}

/// The `Idempotency-Key` header: 1 to 100 visible ASCII characters.
pub fn idempotency_key(value: Option<&[u8]>) -> AppResult<String> {
    let Some(key) = value else {
        return Err(AppError::BadRequest(
            "the Idempotency-Key header is required, so a retried question is never posted twice"
                .to_owned(),
        ));
    };
    if key.is_empty()
        || key.len() > MAX_IDEMPOTENCY_KEY_CHARS
        || !key.iter().all(u8::is_ascii_graphic)
    {
        return Err(AppError::BadRequest(format!(
            "the Idempotency-Key header must be 1 to {MAX_IDEMPOTENCY_KEY_CHARS} visible ASCII characters"
        )));
    }
    Ok(String::from_utf8_lossy(key).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_keep_the_latest_distinct_ones() {
        let tried: Vec<String> = ["a", "a", " b ", "", "c"].map(String::from).to_vec();
        assert_eq!(searches(&tried).unwrap(), ["a", "b", "c"]);
        let many: Vec<String> = (0..15).map(|i| i.to_string()).collect();
        assert_eq!(searches(&many).unwrap().first().unwrap(), "5");
        assert!(searches(&["x".repeat(MAX_QUERY_CHARS + 1)]).is_err());
        assert!(searches(&["esim\u{0}".to_owned()]).is_err());
    }

    #[test]
    fn emails_are_checked_loosely() {
        assert_eq!(email(Some(" a@b.c ")).unwrap(), Some("a@b.c".to_owned()));
        assert_eq!(email(None).unwrap(), None);
        assert_eq!(email(Some("  ")).unwrap(), None);
        for bad in ["ab.c", "a@", "@b", "a b@c.d", "a@b@c"] {
            assert!(email(Some(bad)).is_err(), "{bad}");
        }
        assert!(email(Some(&format!("{}@b.c", "a".repeat(260)))).is_err());
    }

    #[test]
    fn signed_ids_are_refused_rather_than_trimmed() {
        assert_eq!(external_id("cust-1").unwrap(), "cust-1");
        for bad in [
            "",
            " cust-1",
            "cust-1 ",
            "cust\n1",
            "cust\u{0}1",
            "cust\u{85}1",
        ] {
            assert!(external_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn text_keeps_line_breaks_but_not_other_control_characters() {
        assert!(multiline_text("body", "one\r\ntwo\tthree").is_ok());
        for bad in [
            "a\u{0}b",
            "\u{1b}[31mred",
            "bell\u{7}",
            "del\u{7f}",
            "c1\u{85}x",
        ] {
            assert!(multiline_text("body", bad).is_err(), "{bad:?}");
            assert!(body("body", bad, false).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn requests_to_the_team_must_say_something() {
        assert!(request_message("My SIM stopped working\nsince Monday").is_ok());
        for bad in [
            "",
            "help me",
            "!!!!!!!!!!",
            "aaaaaaaaaa",
            "?? a b ??",
            "\u{202E}Refund my bill",
        ] {
            assert!(request_message(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(title("  Refund please  ").unwrap(), "Refund please");
        assert!(title("short").is_err());
        assert!(title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
    }

    #[test]
    fn idempotency_keys_are_visible_ascii() {
        assert_eq!(idempotency_key(Some(b"abc-123")).unwrap(), "abc-123");
        assert!(idempotency_key(None).is_err());
        assert!(idempotency_key(Some(b"")).is_err());
        assert!(idempotency_key(Some(b"a b")).is_err());
        assert!(idempotency_key(Some("é".as_bytes())).is_err());
        assert!(idempotency_key(Some("k".repeat(101).as_bytes())).is_err());
    }
}
