//! Opening and closing the panel, focus, the events the page hears, and the configuration.

use crate::common::mounted::*;
use crate::common::*;
use peerhelp_api::{Position, SiteConfig};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn opening_and_closing_moves_focus_and_tells_the_page() {
    let mounted = Mounted::new(&config(Position::Right));
    settle().await;
    let launcher = launcher(&mounted.root);
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(mounted.focused().is_none(), "mounting must not take focus");

    mounted.widget.toggle();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(panel.get_attribute("role").as_deref(), Some("dialog"));
    let title = mounted
        .root
        .get_element_by_id(&panel.get_attribute("aria-labelledby").unwrap());
    assert_eq!(title.unwrap().text_content().unwrap(), "Nimbus Mobile");
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));

    press_key(&focused, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(mounted.focused(), Some(launcher.clone().into()));

    mounted.widget.open();
    settle().await;
    click(&mounted.panel(), "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher.into()));
    assert_eq!(events(&mounted.events), ["open", "close", "open", "close"]);
}

#[wasm_bindgen_test]
async fn commands_replayed_right_after_mount_take_effect() {
    // The loader runs commands queued while the wasm loaded straight after `mount`.
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let launcher = launcher(&mounted.root);
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
    assert_eq!(events(&mounted.events), ["open"]);
}

#[wasm_bindgen_test]
async fn escape_closes_even_when_focus_fell_to_the_body() {
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let focused: HtmlElement = mounted.focused().unwrap().unchecked_into();
    focused.blur().unwrap();
    let body = leptos::prelude::document().body().unwrap();
    press_key(&body, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher(&mounted.root).into()));
}

#[wasm_bindgen_test]
async fn brand_colours_and_side_come_from_the_config() {
    let mounted = Mounted::new(&config(Position::Left));
    settle().await;
    let panel: HtmlElement = mounted.panel().unchecked_into();
    let style = panel.style();
    assert_eq!(style.get_property_value("--ph-brand").unwrap(), "#0a7cff");
    assert_eq!(
        style.get_property_value("--ph-on-brand").unwrap(),
        "#000000"
    );
    assert!(panel.class_list().contains("left"));
    // The widget's sheet is added after the loader's, which stays.
    assert_eq!(mounted.root.adopted_style_sheets().length(), 2);
}

#[wasm_bindgen_test]
async fn the_panel_speaks_the_language_the_server_chose() {
    let catalogue = serde_json::from_str(include_str!("../../server/messages/fr.json")).unwrap();
    let mut french: SiteConfig = serde_json::from_str(&config(Position::Right)).unwrap();
    french.language = "fr".into();
    french.messages = peerhelp_api::in_text_order(&catalogue).unwrap();
    let mounted = Mounted::new(&serde_json::to_string(&french).unwrap());
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert_eq!(
        texts(&panel, "nav.community button"),
        ["Demander à la communauté", "Meilleurs contributeurs"]
    );
    assert_eq!(
        find(&panel, "input")
            .get_attribute("placeholder")
            .as_deref(),
        Some("Rechercher des réponses")
    );
}

#[wasm_bindgen_test]
async fn bad_config_json_still_mounts_and_apologises() {
    let mut mounted = Mounted::new("{not json");
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert!(
        panel
            .text_content()
            .unwrap()
            .contains("Help is unavailable right now")
    );
    click(&panel, "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));

    mounted.widget.unmount();
    assert!(mounted.root.query_selector(".panel").unwrap().is_none());
    assert_eq!(mounted.root.adopted_style_sheets().length(), 1);
    assert!(
        mounted
            .root
            .query_selector("button.launcher")
            .unwrap()
            .is_some()
    );
    mounted.widget.open();
}
