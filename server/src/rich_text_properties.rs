//! Property tests of the rich-text renderer: whatever an author writes, the HTML holds no
//! script, style or frame, no event handler and no link or source outside http, https and
//! mailto.

use super::{render_markdown, text_to_html};
use proptest::prelude::*;

/// A start tag as a browser reads it: its name and attributes, values decoded.
struct StartTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of serialized HTML. The serializer escapes `<` in text and quotes
/// every attribute value, so each `<` begins a tag and `>` inside quotes is a value's.
fn start_tags(html: &str) -> Vec<StartTag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(closing) = rest.strip_prefix('/') {
            rest = closing.split_once('>').map_or("", |(_, after)| after);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let (raw, tail) = match quote {
                    Some(q) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    None => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = decode_entities(raw);
                rest = tail;
            }
            attributes.push((key, value));
        }
        tags.push(StartTag { name, attributes });
    }
    tags
}

fn decode_entities(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The scheme a browser would use for `url`: it drops leading spaces and controls and
/// every tab and line break before reading up to the colon.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let is_scheme = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

fn assert_safe(html: &str) -> Result<(), TestCaseError> {
    for tag in start_tags(html) {
        let forbidden = [
            "script", "style", "iframe", "object", "embed", "svg", "math",
        ];
        prop_assert!(
            !forbidden.contains(&tag.name.as_str()),
            "<{}> in {html}",
            tag.name
        );
        for (key, value) in &tag.attributes {
            prop_assert!(!key.starts_with("on"), "handler {key} in {html}");
            prop_assert!(key != "style" && key != "srcdoc", "{key} in {html}");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&key.as_str()) {
                let scheme = scheme(value);
                prop_assert!(
                    matches!(scheme.as_deref(), Some("http" | "https" | "mailto")),
                    "{key}={value:?} in {html}"
                );
            }
        }
    }
    Ok(())
}

/// Markdown and HTML an attacker would try, in pieces, so the cases combine them.
fn hostile_markdown() -> impl Strategy<Value = String> {
    let pieces = vec![
        "<script>alert(1)</script>",
        "<style>*{}</style>",
        "<iframe src=//evil>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](\tjava\nscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
        "[x](//evil.test)",
        "[x](/relative)",
        "[ok](https://example.com/?a=\"b\"&c=<d>)",
        "[mail](mailto:a@b.c)",
        "![img](https://example.com/x.png)",
        "<https://example.com>",
        "<javascript:alert(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "\" onmouseover=\"alert(1)",
        "`<script>`",
        "```\n<script>\n```",
        "<!-- x -->",
        "<svg onload=alert(1)>",
        "**",
        "- ",
        "\n\n",
        "\u{0}",
    ];
    let piece = prop_oneof![
        4 => prop::sample::select(pieces).prop_map(str::to_owned),
        1 => "[ -~]{0,8}",
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

#[test]
fn the_checker_catches_what_it_must() {
    assert!(assert_safe("<p><a href=\"javascript:x\">x</a></p>").is_err());
    assert!(assert_safe("<p><a href=\" java\tscript:x\">x</a></p>").is_err());
    assert!(assert_safe("<img src=\"x\" onerror=\"y\">").is_err());
    assert!(assert_safe("<p>a</p><script>x</script>").is_err());
    assert!(assert_safe("<a href=\"/relative\">x</a>").is_err());
    let safe = "<p>&lt;script&gt; onerror=x <a href=\"https://a.b/?q=&quot;>\">x</a></p>";
    assert!(assert_safe(safe).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hostile_markdown_renders_safe(source in hostile_markdown()) {
        assert_safe(&render_markdown(&source).html)?;
    }

    #[test]
    fn any_text_renders_safe(source in any::<String>()) {
        assert_safe(&render_markdown(&source).html)?;
        assert_safe(&text_to_html(&source))?;
    }

    #[test]
    fn plain_text_only_makes_paragraphs_and_breaks(source in hostile_markdown()) {
        let html = text_to_html(&source);
        assert_safe(&html)?;
        for tag in start_tags(&html) {
            prop_assert!(tag.name == "p" || tag.name == "br", "{html}");
            prop_assert!(tag.attributes.is_empty(), "{html}");
        }
    }
}
