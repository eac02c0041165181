//! The audit log (staff admins): the latest staff actions, newest first.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::AuditLog;

use crate::api::Client;

#[component]
pub fn AuditLogView(client: Client) -> impl IntoView {
    let log = RwSignal::new(None::<Result<AuditLog, String>>);
    spawn_local(async move {
        let loaded = client.get::<AuditLog>("/audit-log").await;
        _ = log.try_set(Some(loaded));
    });
    let shown = move || match log.get() {
        None => view! { <p class="muted">"Loading…"</p> }.into_any(),
        Some(Err(message)) => view! { <p class="error">{message}</p> }.into_any(),
        Some(Ok(log)) => {
            let rows = log
                .entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <tr>
                            <td>{entry.created_at}</td>
                            <td>{entry.staff_name.unwrap_or_else(|| "admin token".into())}</td>
                            <td>{entry.action}</td>
                            <td>{entry.subject}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table>
                    <thead><tr><th>"When"</th><th>"Who"</th><th>"Action"</th><th>"Subject"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <h2>"Audit log"</h2>
        {shown}
    }
}
