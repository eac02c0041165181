//! The audit log (staff admins): the latest staff actions, newest first.

use leptos::prelude::*;
use peerhelp_api::AuditLog;

use crate::api::Client;
use crate::i18n::t;
use crate::loading::{fetch_into, show_loaded};
use crate::text::when;

#[component]
pub fn AuditLogView(client: Client) -> impl IntoView {
    let log = RwSignal::new(None);
    fetch_into::<AuditLog>(log, &client, "/audit-log");
    let shown = show_loaded(log, |log: AuditLog| {
        let rows = log
            .entries
            .into_iter()
            .map(|entry| {
                view! {
                    <tr>
                        <td data-label=t("audit.when")>{when(&entry.created_at)}</td>
                        <td data-label=t("audit.who")>{entry.staff_name.unwrap_or_else(|| t("audit.admin_token").into())}</td>
                        <td data-label=t("audit.action")>{entry.action}</td>
                        <td data-label=t("audit.subject")>{entry.subject}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
                <table class="reflow">
                    <thead><tr><th>{t("audit.when")}</th><th>{t("audit.who")}</th><th>{t("audit.action")}</th><th>{t("audit.subject")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
    });
    view! {
        <h2>{t("nav.audit")}</h2>
        {shown}
    }
}
