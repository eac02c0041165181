//! The brand colour in the settings: a colour picker with its hex code, and a live preview of
//! the widget's launcher and panel in it, with the text colour the widget will put on it
//! (the widget's own contrast rule, from `peerhelp_api`).

use leptos::prelude::*;
use peerhelp_api::{Rgb, readable_text_color};

use crate::i18n::{fill, t};

/// What the preview paints with: the brand colour and the text on it, each `#rrggbb`, and
/// their contrast ratio.
fn paint(color: &str) -> Option<(String, String, f64)> {
    let brand = Rgb::parse_hex(color.trim())?;
    let text = readable_text_color(brand);
    Some((brand.to_hex(), text.to_hex(), brand.contrast_ratio(text)))
}

/// The colour field bound to `color`, and the preview of a widget named `name` greeting with
/// `greeting` (empty for the widget's default greeting), in the left corner when `left`.
#[component]
pub fn BrandColorField(
    color: RwSignal<String>,
    #[prop(into)] name: Signal<String>,
    #[prop(into)] greeting: Signal<String>,
    #[prop(into)] left: Signal<bool>,
) -> impl IntoView {
    // The last valid colour keeps the picker and the preview steady while a code is typed.
    let shown = Memo::new(move |previous: Option<&(String, String, f64)>| {
        paint(&color.get())
            .or_else(|| previous.cloned())
            .unwrap_or_else(|| ("#0b63ce".into(), "#ffffff".into(), 1.0))
    });
    let background = move || shown.get().0;
    let ink = move || shown.get().1;
    let valid = move || paint(&color.get()).is_some();
    let contrast = move || {
        let (_, text, ratio) = shown.get();
        let on = t(if text == "#ffffff" {
            "color.white"
        } else {
            "color.black"
        });
        fill(
            "color.contrast",
            &[("text", on), ("ratio", &format!("{ratio:.1}"))],
        )
    };
    let greeting_text = move || {
        let greeting = greeting.get();
        if greeting.trim().is_empty() {
            t("color.default_greeting").to_owned()
        } else {
            greeting
        }
    };
    view! {
        <label for="color">{t("settings.color")}</label>
        <div class="color-field">
            <input type="color" aria-label=t("color.picker") prop:value=background
                on:input=move |ev| color.set(event_target_value(&ev)) />
            <input id="color" class="hex" prop:value=move || color.get()
                aria-invalid=move || (!valid()).to_string()
                on:input=move |ev| color.set(event_target_value(&ev)) />
        </div>
        <p class="muted" role="status">
            {move || if valid() { contrast() } else { t("color.invalid").to_owned() }}
        </p>
        <figure class="widget-preview" aria-label=t("color.preview")>
            <div class="preview-stage" class:left=move || left.get()>
                <div class="preview-panel">
                    <div class="preview-header" style:background-color=background style:color=ink>
                        {move || name.get()}
                    </div>
                    <p class="preview-greeting">{greeting_text}</p>
                    <div class="preview-search">{t("color.search")}</div>
                    <div class="preview-button" style:background-color=background style:color=ink>
                        {t("color.ask")}
                    </div>
                </div>
                <div class="preview-launcher" style:background-color=background style:color=ink>"?"</div>
            </div>
            <figcaption class="muted">{t("color.caption")}</figcaption>
        </figure>
    }
}
