//! Installing the widget: the script tag to paste into the brand's pages, and a check that
//! says when a page of an allowed origin last loaded the widget.

use leptos::prelude::*;
use peerhelp_api::WidgetInstall;

use crate::api::Client;
use crate::copy::CopyButton;
use crate::i18n::{fill, t};
use crate::loading::{reloadable, show_loaded};
use crate::text::{duration, minutes_since};

/// The tag brands paste before `</body>`: this server's loader and the site's key.
fn script_tag(site: &str) -> String {
    let server = window().location().origin().unwrap_or_default();
    format!(r#"<script src="{server}/widget.js" data-site="{site}" async></script>"#)
}

#[component]
pub fn InstallView(client: Client, site: String) -> impl IntoView {
    let tag = script_tag(&site);
    let (install, check) = reloadable::<WidgetInstall>(&client, "/install");
    let status = show_loaded(install, |install: WidgetInstall| {
        let origins = if install.origins.is_empty() {
            t("install.no_origins").to_owned()
        } else {
            fill(
                "install.origins",
                &[("origins", &install.origins.join(", "))],
            )
        };
        let loaded = match install.last_load {
            Some(load) => {
                let minutes = minutes_since(&load.at);
                let text = if minutes < 1.0 {
                    fill("install.loaded_now", &[("origin", &load.origin)])
                } else {
                    fill(
                        "install.loaded",
                        &[("ago", &duration(minutes)), ("origin", &load.origin)],
                    )
                };
                view! { <p class="ok">{text}</p> }.into_any()
            }
            None => view! { <p class="muted">{t("install.not_loaded")}</p> }.into_any(),
        };
        view! { <p>{origins}</p> {loaded} }.into_any()
    });
    view! {
        <h2>{t("nav.install")}</h2>
        <section class="card">
            <h3>{t("install.tag_heading")}</h3>
            <p class="muted">{t("install.tag_note")}</p>
            <pre class="code"><code>{tag.clone()}</code></pre>
            <div class="actions"><CopyButton text=tag label=t("install.copy_tag") /></div>
        </section>
        <section class="card">
            <h3>{t("install.check_heading")}</h3>
            {status}
            <div class="actions">
                <button type="button" on:click=move |_| check.run(())>{t("install.check_again")}</button>
            </div>
        </section>
    }
}
