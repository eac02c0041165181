//! The console's text, from its message catalogues (`console/messages/*.json`, one key per
//! text): English, Spanish and French, built in. The staff member's browser language picks one;
//! English fills any gap.

use std::collections::HashMap;
use std::sync::LazyLock;

const CATALOGUES: [(&str, &str); 3] = [
    ("en", include_str!("../messages/en.json")),
    ("es", include_str!("../messages/es.json")),
    ("fr", include_str!("../messages/fr.json")),
];

fn parse(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).expect("console catalogues are JSON objects of strings")
}

/// The browser's language, if a catalogue speaks it.
fn browser_language() -> Option<&'static str> {
    let tag = leptos::prelude::window().navigator().language()?;
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    CATALOGUES
        .iter()
        .map(|(language, _)| *language)
        .find(|language| *language == primary)
}

static LOCALE: LazyLock<String> = LazyLock::new(|| match browser_language() {
    // The browser's own tag ("fr-CA"), so dates follow its regional habits too.
    Some(_) => leptos::prelude::window()
        .navigator()
        .language()
        .unwrap_or_else(|| "en".to_owned()),
    None => "en".to_owned(),
});

/// The locale dates are written in: the browser's, when the console speaks its language
/// (so a date never reads in another language than the text around it).
pub fn locale() -> &'static str {
    &LOCALE
}

static TEXTS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut texts = parse(CATALOGUES[0].1);
    if let Some((_, json)) = browser_language()
        .and_then(|language| CATALOGUES.iter().find(|(known, _)| *known == language))
    {
        texts.extend(parse(json));
    }
    texts
});

/// The text for `key`; the key itself if no catalogue has it (a test keeps that from
/// happening).
pub fn t(key: &'static str) -> &'static str {
    TEXTS.get(key).map_or(key, String::as_str)
}

/// The text for `key` with each `{name}` placeholder filled in.
pub fn fill(key: &'static str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(t(key).to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source file that shows text.
    const SOURCES: [&str; 25] = [
        include_str!("api.rs"),
        include_str!("app.rs"),
        include_str!("assign.rs"),
        include_str!("audit.rs"),
        include_str!("brand_color.rs"),
        include_str!("copy.rs"),
        include_str!("insights.rs"),
        include_str!("insights_chart.rs"),
        include_str!("install.rs"),
        include_str!("invite.rs"),
        include_str!("live.rs"),
        include_str!("loading.rs"),
        include_str!("moderation.rs"),
        include_str!("peers.rs"),
        include_str!("privacy.rs"),
        include_str!("queue.rs"),
        include_str!("retention.rs"),
        include_str!("settings.rs"),
        include_str!("sign_in.rs"),
        include_str!("staff.rs"),
        include_str!("text.rs"),
        include_str!("thread_review.rs"),
        include_str!("threads.rs"),
        include_str!("ticket.rs"),
        include_str!("webhooks.rs"),
    ];

    #[test]
    fn every_catalogue_has_every_key_and_no_other() {
        let english = parse(CATALOGUES[0].1);
        for (language, json) in CATALOGUES {
            let mut keys: Vec<String> = parse(json).into_keys().collect();
            let mut expected: Vec<String> = english.keys().cloned().collect();
            keys.sort();
            expected.sort();
            assert_eq!(keys, expected, "{language}");
        }
    }

    #[test]
    fn every_key_the_console_uses_is_in_the_catalogues() {
        let english = parse(CATALOGUES[0].1);
        let mut used = 0;
        for source in SOURCES {
            for call in ["t(\"", "fill(\""] {
                for (at, _) in source.match_indices(call) {
                    // `t(` itself, not the end of another name such as `create_element(`.
                    let before = source[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let key = source[at + call.len()..].split('"').next().unwrap();
                    assert!(
                        english.contains_key(key),
                        "{key} is missing from the catalogues"
                    );
                    used += 1;
                }
            }
        }
        assert!(used > 100, "found only {used} texts");
    }
}
