//! The site configuration: page overrides, a readable text colour, the texts' language.

use crate::common::{SITE, TestServer, assert_error};

#[tokio::test]
async fn site_config_merges_page_overrides_and_picks_a_readable_text_colour() {
    let server = TestServer::start().await;
    let (status, config) = server.get_json(&server.api("/config")).await;
    assert_eq!(status, 200, "{config}");
    assert_eq!(config["site"], SITE);
    assert_eq!(config["name"], "Acme Mobile");
    assert_eq!(config["position"], "right");

    let (_, yellow) = server
        .get_json(&server.api("/config?color=%23ffdd00&position=left&name=Acme"))
        .await;
    assert_eq!(yellow["color"], "#ffdd00");
    assert_eq!(yellow["text_color"], "#000000");
    assert_eq!(yellow["position"], "left");
    assert_eq!(yellow["name"], "Acme");
    let (_, navy) = server.get_json(&server.api("/config?color=%23003")).await;
    assert_eq!(navy["text_color"], "#ffffff");

    let (status, body) = server.get_json(&server.api("/config?color=red")).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = server.get_json(&server.api("/config?position=top")).await;
    assert_error(status, &body, 422, "invalid_input");
    // The page's text follows the rules of the settings it stands in for: no terminal escapes,
    // NULs or bidirectional overrides shown to visitors.
    for refused in [
        "greeting=%1b%5B2J",
        "greeting=Hi%00",
        "greeting=Hi%7f",
        "name=Nim%E2%80%AEbus",
        "name=Acme%07",
    ] {
        let (status, body) = server
            .get_json(&server.api(&format!("/config?{refused}")))
            .await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let (status, body) = server
        .get_json(&server.url("/api/v1/sites/nope/config"))
        .await;
    assert_error(status, &body, 404, "not_found");
}

#[tokio::test]
async fn site_config_carries_the_texts_of_the_page_site_or_browser_language() {
    let server = TestServer::start().await;
    let texts = peerhelp_api::Text::ALL.len();
    // A new site follows the browser, and greets in its language when it set no greeting.
    let (_, config) = server
        .get_json(&server.api("/config?browser=de-DE,es-MX,en"))
        .await;
    assert_eq!(config["language"], "es");
    assert_eq!(config["messages"].as_array().unwrap().len(), texts);
    assert_eq!(
        config["greeting"],
        "¡Hola! Busca respuestas en nuestra comunidad."
    );
    assert_eq!(
        config["launcher_label"],
        "Ayuda de la comunidad de Acme Mobile"
    );
    // The page's data-lang comes first; a language without a catalogue is passed over.
    let (_, config) = server
        .get_json(&server.api("/config?lang=fr&browser=es"))
        .await;
    assert_eq!(config["language"], "fr");
    assert_eq!(
        config["messages"][peerhelp_api::Text::Help as usize],
        "Aide"
    );
    let (_, config) = server.get_json(&server.api("/config?lang=de")).await;
    assert_eq!(config["language"], "en");
    assert_eq!(
        config["launcher_label"],
        "Help from the Acme Mobile community"
    );
    let (status, body) = server.get_json(&server.api("/config?lang=en%20gb")).await;
    assert_error(status, &body, 422, "invalid_input");
}
