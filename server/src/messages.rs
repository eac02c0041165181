//! The message catalogues (`server/messages/*.json`), built into the server, and the choice of
//! language for a page.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use peerhelp_api::{LANGUAGES, Text, in_text_order};

/// Each language's catalogue file: key → text.
const FILES: [(&str, &str); 3] = [
    ("en", include_str!("../messages/en.json")),
    ("es", include_str!("../messages/es.json")),
    ("fr", include_str!("../messages/fr.json")),
];

/// The site setting that lets each visitor's browser choose.
pub const AUTO: &str = "auto";

/// Every catalogue in [`Text`] order. The files are part of the build and a test reads them
/// all, so a broken one never reaches a running server.
static CATALOGUES: LazyLock<Vec<(&str, Vec<String>)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(language, json)| {
            let texts: BTreeMap<String, String> =
                serde_json::from_str(json).expect("catalogue files are JSON objects of strings");
            let ordered = in_text_order(&texts)
                .unwrap_or_else(|error| panic!("the {language} catalogue is incomplete: {error}"));
            (*language, ordered)
        })
        .collect()
});

/// The texts of `language`, one of [`LANGUAGES`], in [`Text`] order.
pub fn catalogue(language: &str) -> &'static [String] {
    CATALOGUES
        .iter()
        .find(|(known, _)| *known == language)
        .or_else(|| CATALOGUES.first())
        .map(|(_, texts)| texts.as_slice())
        .unwrap_or_default()
}

/// One text of `language`.
pub fn text(language: &str, text: Text) -> &'static str {
    &catalogue(language)[text as usize]
}

/// The language we have for a tag like `es-MX` or `FR`, if any.
fn supported(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES.into_iter().find(|language| *language == primary)
}

/// The language of a page: its `data-lang`, else the site's setting (unless `auto`), else the
/// first of the browser's languages we have, else English. Languages we have no catalogue for
/// are passed over.
pub fn choose(page: Option<&str>, site: &str, browser: &str) -> &'static str {
    let site = (site != AUTO).then_some(site);
    page.into_iter()
        .chain(site)
        .chain(browser.split(','))
        .find_map(supported)
        .unwrap_or(LANGUAGES[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_is_complete() {
        let languages: Vec<&str> = FILES.iter().map(|(language, _)| *language).collect();
        assert_eq!(languages, LANGUAGES);
        for language in LANGUAGES {
            assert_eq!(catalogue(language).len(), Text::ALL.len(), "{language}");
        }
        assert_eq!(text("fr", Text::Help), "Aide");
    }

    #[test]
    fn the_page_then_the_site_then_the_browser_choose() {
        assert_eq!(choose(Some("fr"), "es", "en-GB"), "fr");
        assert_eq!(choose(Some("de"), "es", "fr"), "es");
        assert_eq!(choose(None, AUTO, "de-DE,fr-CA,en"), "fr");
        assert_eq!(choose(None, AUTO, ""), "en");
        assert_eq!(choose(Some("ES-mx"), AUTO, ""), "es");
    }
}
