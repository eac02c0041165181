//! The site's staff accounts (admins only): inviting a teammate, who can sign in, and
//! disabling or enabling an account, which ends its sessions at once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{StaffAccount, StaffAccounts, StaffRole};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::invite::InviteForm;
use crate::loading::{reloadable, show_loaded};

#[component]
pub fn StaffView(client: Client, me: i64) -> impl IntoView {
    let (list, reload) = reloadable::<StaffAccounts>(&client, "/staff");
    let invite_client = client.clone();
    let problem = RwSignal::new(None::<String>);
    let shown = show_loaded(list, move |accounts: StaffAccounts| {
        let rows = accounts
            .staff
            .into_iter()
            .map(|account| row(client.clone(), account, me, reload, problem))
            .collect_view();
        view! {
            <table>
                <thead><tr><th>{t("staff.name")}</th><th>{t("staff.email")}</th><th>{t("staff.role")}</th><th>{t("staff.status")}</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    });
    view! {
        <h2>{t("nav.staff")}</h2>
        <InviteForm client=invite_client />
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
    }
}

fn row(
    client: Client,
    account: StaffAccount,
    me: i64,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let member = account.member;
    let (id, name, disabled) = (member.id, member.name.clone(), account.disabled);
    let toggle = move |_| {
        if !disabled {
            let question = fill("staff.disable_confirm", &[("name", &name)]);
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        let action = if disabled { "enable" } else { "disable" };
        let client = client.clone();
        spawn_local(async move {
            match client
                .post::<StaffAccount>(&format!("/staff/{id}/{action}"), &())
                .await
            {
                Ok(_) => reload.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let role = match member.role {
        StaffRole::Admin => t("staff.admin"),
        StaffRole::Agent => t("staff.agent"),
    };
    let status = if disabled {
        t("staff.disabled")
    } else {
        t("staff.active")
    };
    let label = if disabled {
        t("staff.enable")
    } else {
        t("staff.disable")
    };
    view! {
        <tr>
            <td>{member.name}</td>
            <td>{member.email}</td>
            <td>{role}</td>
            <td>{status}</td>
            // One's own account is never disabled from here (the server refuses it too).
            <td>{(id != me).then(|| view! { <button type="button" on:click=toggle>{label}</button> })}</td>
        </tr>
    }
}
