//! Inviting a teammate from the console (admins): their name, email and role; the single-use
//! link to hand on, which the server also emails when it sends email.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{NewStaffInvite, StaffInvite, StaffRole};

use crate::api::Client;
use crate::copy::CopyButton;
use crate::i18n::{fill, t};

#[component]
pub fn InviteForm(client: Client) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let admin = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let issued = RwSignal::new(None::<(String, StaffInvite)>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let invite = NewStaffInvite {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            role: if admin.get_untracked() {
                StaffRole::Admin
            } else {
                StaffRole::Agent
            },
        };
        let client = client.clone();
        busy.set(true);
        spawn_local(async move {
            match client.post::<StaffInvite>("/staff-invites", &invite).await {
                Ok(sent) => {
                    problem.set(None);
                    issued.set(Some((invite.email, sent)));
                    name.set(String::new());
                    email.set(String::new());
                    admin.set(false);
                }
                Err(message) => problem.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let result = move || {
        issued.get().map(|(to, invite)| {
            let link = invite.url.clone().unwrap_or_default();
            let note = if invite.emailed {
                fill("invite.emailed", &[("email", &to)])
            } else {
                fill("invite.not_emailed", &[("email", &to)])
            };
            view! {
                <div class="invite-link" role="status">
                    <p>{note}</p>
                    <label for="invite-link">{fill("invite.link", &[("expires", &local_date(&invite.expires_at))])}</label>
                    <input id="invite-link" readonly prop:value=link.clone() />
                    <div class="actions"><CopyButton text=link label=t("invite.copy") /></div>
                </div>
            }
        })
    };
    view! {
        <form class="card" on:submit=on_submit>
            <h3>{t("invite.heading")}</h3>
            <label for="invite-name">{t("invite.name")}</label>
            <input id="invite-name" required prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="invite-email">{t("invite.email")}</label>
            <input id="invite-email" type="email" required prop:value=move || email.get()
                on:input=move |ev| email.set(event_target_value(&ev)) />
            <label class="check">
                <input type="checkbox" prop:checked=move || admin.get()
                    on:change=move |ev| admin.set(event_target_checked(&ev)) />
                {t("invite.admin")}
            </label>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>{t("invite.send")}</button>
            {result}
        </form>
    }
}

/// An RFC 3339 timestamp as a date in the browser's language.
fn local_date(timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    date.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}
