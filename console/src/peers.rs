//! The site's peer helpers: standing, status, banning; and inviting new ones.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{HelperAccount, HelperAccounts, Invite, NewInvite, PresenceStatus};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{reloadable, show_loaded};
use crate::text::date_time;

#[component]
pub fn HelpersView(client: Client, admin: bool) -> impl IntoView {
    let (list, reload) = reloadable::<HelperAccounts>(&client, "/helpers");
    let problem = RwSignal::new(None::<String>);
    let ban_client = client.clone();
    let shown = show_loaded(list, move |accounts: HelperAccounts| {
        if accounts.helpers.is_empty() {
            return view! { <p class="muted">{t("helpers.empty")}</p> }.into_any();
        }
        let rows = accounts
            .helpers
            .into_iter()
            .map(|account| row(ban_client.clone(), account, reload, problem))
            .collect_view();
        view! {
            <table class="reflow">
                <thead><tr><th>{t("helpers.helper")}</th><th>{t("helpers.points")}</th><th>{t("helpers.answers")}</th><th>{t("helpers.status")}</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    });
    view! {
        <h2>{t("nav.helpers")}</h2>
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
        {admin.then(|| view! { <InviteHelper client=client.clone() /> })}
    }
}

fn row(
    client: Client,
    account: HelperAccount,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = account.card.id;
    let name = account.card.name.clone();
    let ban = move |_| {
        let question = fill("helpers.ban_confirm", &[("name", &name)]);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let client = client.clone();
        spawn_local(async move {
            match client
                .post::<HelperAccount>(&format!("/helpers/{id}/ban"), &())
                .await
            {
                Ok(_) => reload.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let status = match (account.banned, account.card.status) {
        (true, _) => t("helpers.banned"),
        (false, PresenceStatus::Online) => t("helpers.online"),
        (false, PresenceStatus::Away) => t("helpers.away"),
        (false, PresenceStatus::Offline) => t("helpers.offline"),
    };
    view! {
        <tr>
            <td data-label=t("helpers.helper")>{account.card.name}</td>
            <td data-label=t("helpers.points")>{account.points}</td>
            <td data-label=t("helpers.answers")>{account.answers}</td>
            <td data-label=t("helpers.status")>{status}</td>
            <td class="row-actions">{(!account.banned).then(|| view! { <button type="button" on:click=ban>{t("helpers.ban")}</button> })}</td>
        </tr>
    }
}

/// A single-use invite link for a new helper.
#[component]
fn InviteHelper(client: Client) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<Invite, String>>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (client, invite) = (
            client.clone(),
            NewInvite {
                name: name.get_untracked(),
                page_url: None,
            },
        );
        spawn_local(async move {
            let created = client.post::<Invite>("/helper-invites", &invite).await;
            // The next invite starts from an empty form; the link stays shown below it.
            if created.is_ok() {
                name.set(String::new());
            }
            outcome.set(Some(created));
        });
    };
    view! {
        <form class="card" on:submit=on_submit>
            <label for="helper-name">{t("helpers.invite_label")}</label>
            <input id="helper-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <div class="actions"><button type="submit" class="primary">{t("helpers.invite")}</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(invite) => view! {
                    <p role="status">{fill("helpers.invite_link", &[("expires", &date_time(&invite.expires_at)), ("url", &invite.url)])}</p>
                }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            })}
        </form>
    }
}
