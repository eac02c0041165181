//! Who works a ticket: "Assign to me" while it is someone else's or nobody's, and a choice of
//! the site's active staff to hand it to.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{EscalationAssignee, EscalationTicket, StaffTeam};

use crate::api::Client;
use crate::i18n::t;
use crate::loading::{Loaded, fetch_into};

/// The site's active staff, loaded once per ticket opened (the ticket itself reloads often).
pub fn load_team(client: &Client) -> Loaded<StaffTeam> {
    let team = RwSignal::new(None);
    fetch_into(team, client, "/staff/team");
    team
}

/// The assignment controls of ticket `reference`, currently assigned to `assignee_id`; `me`
/// is the signed-in staff member and `team` whom it may go to. `on_done` runs once the
/// server took the change.
#[component]
pub fn AssignControl(
    client: Client,
    reference: String,
    assignee_id: Option<i64>,
    me: i64,
    team: Loaded<StaffTeam>,
    on_done: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let path = format!("/escalations/{reference}");
    let take = {
        let (client, path) = (client.clone(), path.clone() + "/assign");
        move |_| {
            let (client, path) = (client.clone(), path.clone());
            spawn_local(async move {
                match client.post::<EscalationTicket>(&path, &()).await {
                    Ok(_) => on_done.run(()),
                    Err(message) => problem.set(Some(message)),
                }
            });
        }
    };
    let hand_over = move |ev: leptos::ev::Event| {
        let Ok(staff_id) = event_target_value(&ev).parse::<i64>() else {
            return;
        };
        let (client, path) = (client.clone(), path.clone() + "/assignee");
        spawn_local(async move {
            let assignee = EscalationAssignee { staff_id };
            match client.put::<EscalationTicket>(&path, &assignee).await {
                Ok(_) => on_done.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let options = move || {
        let members = team
            .get()
            .and_then(Result::ok)
            .map(|team: StaffTeam| team.staff)
            .unwrap_or_default();
        members
            .into_iter()
            .map(|member| {
                let selected = assignee_id == Some(member.id);
                view! { <option value=member.id.to_string() selected=selected>{member.name}</option> }
            })
            .collect_view()
    };
    view! {
        {(assignee_id != Some(me)).then(|| view! {
            <button type="button" on:click=take>{t("ticket.assign")}</button>
        })}
        <span class="assign-to">
            <label class="inline" for="assignee">{t("ticket.assign_to")}</label>
            <select id="assignee" on:change=hand_over>
                {assignee_id.is_none().then(|| view! { <option value="" selected>{t("ticket.nobody")}</option> })}
                {options}
            </select>
        </span>
    }
}
