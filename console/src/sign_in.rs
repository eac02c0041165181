//! Signing in with email and password, or accepting an invitation (`#site=…&invite=…`, the
//! link `peerhelp staff invite` prints) by choosing a password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{MIN_PASSWORD_CHARS, StaffAccept, StaffSession, StaffSignIn};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::session::{Signed, remember, remembered_site};

/// `site` and `invite` from the address's fragment, if there.
fn from_fragment() -> (Option<String>, Option<String>) {
    let hash = window().location().hash().unwrap_or_default();
    let mut site = None;
    let mut invite = None;
    for pair in hash.trim_start_matches('#').split('&') {
        let value = |raw: &str| js_sys::decode_uri_component(raw).ok().map(String::from);
        match pair.split_once('=') {
            Some(("site", raw)) => site = value(raw),
            Some(("invite", raw)) => invite = value(raw),
            _ => {}
        }
    }
    (site, invite)
}

#[component]
pub fn SignIn(signed: RwSignal<Option<Signed>>) -> impl IntoView {
    let (site_from_link, invite) = from_fragment();
    let accepting = invite.is_some();
    let site = RwSignal::new(site_from_link.or_else(remembered_site).unwrap_or_default());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let site_key = site.get_untracked().trim().to_owned();
        if site_key.is_empty() {
            problem.set(Some(t("sign_in.need_site").into()));
            return;
        }
        let client = Client::new(&site_key, None);
        let invite = invite.clone();
        busy.set(true);
        spawn_local(async move {
            let session = match invite {
                Some(code) => {
                    let accept = StaffAccept {
                        code,
                        password: password.get_untracked(),
                    };
                    client.post::<StaffSession>("/staff/accept", &accept).await
                }
                None => {
                    let sign_in = StaffSignIn {
                        email: email.get_untracked(),
                        password: password.get_untracked(),
                    };
                    client
                        .post::<StaffSession>("/staff/sign-in", &sign_in)
                        .await
                }
            };
            busy.set(false);
            match session {
                Ok(session) => {
                    // The invitation code must not stay in the address bar or the history.
                    if accepting {
                        _ = window().history().and_then(|history| {
                            history.replace_state_with_url(
                                &wasm_bindgen::JsValue::NULL,
                                "",
                                Some("/console/"),
                            )
                        });
                    }
                    let signed_in = Signed {
                        site: site_key,
                        client: client.with_token(session.token),
                        staff: session.staff,
                    };
                    remember(Some(&signed_in));
                    signed.set(Some(signed_in));
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let heading = t(if accepting {
        "sign_in.join"
    } else {
        "sign_in.heading"
    });
    let password_label = if accepting {
        fill(
            "sign_in.choose_password",
            &[("n", &MIN_PASSWORD_CHARS.to_string())],
        )
    } else {
        t("sign_in.password").to_owned()
    };
    view! {
        <form class="sign-in card" on:submit=on_submit>
            <h1>{heading}</h1>
            <label for="site">{t("sign_in.site")}</label>
            <input id="site" prop:value=move || site.get() on:input=move |ev| site.set(event_target_value(&ev)) />
            {(!accepting).then(|| view! {
                <label for="email">{t("sign_in.email")}</label>
                <input id="email" type="email" autocomplete="username"
                    on:input=move |ev| email.set(event_target_value(&ev)) />
            })}
            <label for="password">{password_label}</label>
            <input id="password" type="password"
                autocomplete=if accepting { "new-password" } else { "current-password" }
                on:input=move |ev| password.set(event_target_value(&ev)) />
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {t(if accepting { "sign_in.create" } else { "sign_in.submit" })}
            </button>
        </form>
    }
}
