//! Answers' rich text: a small Markdown subset rendered to HTML that is safe to insert as
//! markup. Two lines of defence: the Markdown parser turns any raw HTML into text (so it is
//! escaped, never interpreted), and ammonia then keeps only the allowed tags and link schemes.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// An answer as stored: plain text for search and snippets, sanitized HTML for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub html: String,
}

const LINK_REL: &str = "nofollow noopener noreferrer ugc";

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from([
            "p", "br", "a", "ul", "ol", "li", "code", "pre", "strong", "em",
        ]))
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .set_tag_attribute_value("a", "target", "_blank");
    builder
});

/// Renders an author's Markdown.
pub fn render_markdown(source: &str) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(source, Options::empty())
        .map(|event| match event {
            // Raw HTML becomes text, which the HTML writer escapes.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            // Headings are not in the subset: keep their words as a paragraph.
            Event::Start(Tag::Heading { .. }) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Paragraph),
            other => other,
        })
        .collect();
    let mut unsafe_html = String::new();
    pulldown_cmark::html::push_html(&mut unsafe_html, events.iter().cloned());
    Rendered {
        text: plain_text(&events),
        html: SANITIZER.clean(&unsafe_html).to_string(),
    }
}

/// The words of the rendered answer, blocks separated by blank lines.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(words),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => {
                text.push_str("\n\n")
            }
            _ => {}
        }
    }
    let blocks: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|block| !block.is_empty())
        .collect();
    blocks.join("\n\n")
}

/// HTML for plain text (imported answers): escaped, blank lines start paragraphs, single line
/// breaks stay breaks.
pub fn text_to_html(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| format!("<p>{}</p>", escape(paragraph).replace('\n', "<br>")))
        .collect()
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_subset() {
        let rendered = render_markdown(
            "Try **this** and *that*:\n\n- one\n- `two`\n\n[docs](https://example.com/help)",
        );
        assert!(
            rendered.html.contains("<strong>this</strong>"),
            "{rendered:?}"
        );
        assert!(rendered.html.contains("<em>that</em>"));
        assert!(rendered.html.contains("<li><code>two</code></li>"));
        assert!(rendered.html.contains(
            "<a href=\"https://example.com/help\" target=\"_blank\" rel=\"nofollow noopener noreferrer ugc\">docs</a>"
        ), "{}", rendered.html);
        assert_eq!(rendered.text, "Try this and that:\n\none\n\ntwo\n\ndocs");
    }

    #[test]
    fn html_and_script_urls_come_out_inert() {
        let rendered = render_markdown(
            "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> [x](javascript:alert(3))",
        );
        let html = &rendered.html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(2)&gt;"),
            "{html}"
        );
        assert!(rendered.text.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn headings_become_paragraphs() {
        assert_eq!(render_markdown("# Title").html, "<p>Title</p>\n");
    }

    #[test]
    fn plain_text_becomes_escaped_paragraphs() {
        assert_eq!(
            text_to_html("a < b\nc\n\n\"d\""),
            "<p>a &lt; b<br>c</p><p>&quot;d&quot;</p>"
        );
    }
}

#[cfg(test)]
#[path = "rich_text_properties.rs"]
mod properties;
