//! Privacy requests (admins): find a visitor by email or the brand's customer id, download
//! everything stored about them as JSON, or erase it after confirming, keeping their questions
//! anonymized or deleting them; and how long the site keeps personal data at all.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{ErasedContent, PrivacyErase, PrivacyErased, PrivacyMatches, PrivacyVisitor};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::insights::save_file;
use crate::retention::RetentionView;
use crate::text::when;

/// What an admin is told of the last action, good or bad.
type Outcome = RwSignal<Option<Result<String, String>>>;

#[component]
pub fn PrivacyView(client: Client) -> impl IntoView {
    let by_email = RwSignal::new(true);
    let wanted = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<PrivacyVisitor>>);
    let outcome: Outcome = RwSignal::new(None);
    let find_client = client.clone();
    let retention_client = client.clone();
    let find = move |event: SubmitEvent| {
        event.prevent_default();
        let field = if by_email.get_untracked() {
            "email"
        } else {
            "customer_id"
        };
        let value = String::from(js_sys::encode_uri_component(&wanted.get_untracked()));
        let client = find_client.clone();
        spawn_local(async move {
            let path = format!("/privacy/visitors?{field}={value}");
            match client.get::<PrivacyMatches>(&path).await {
                Ok(matches) => {
                    outcome.set(None);
                    found.set(Some(matches.visitors));
                }
                Err(message) => outcome.set(Some(Err(message))),
            }
        });
    };
    let results = move || {
        found.get().map(|visitors| {
            if visitors.is_empty() {
                return view! { <p class="muted">{t("privacy.none")}</p> }.into_any();
            }
            let rows = visitors
                .into_iter()
                .map(|visitor| row(client.clone(), visitor, found, outcome))
                .collect_view();
            view! {
                <table class="reflow">
                    <thead><tr><th>{t("privacy.customer_id")}</th><th>{t("privacy.name")}</th><th>{t("privacy.email")}</th><th>{t("privacy.questions")}</th><th>{t("privacy.since")}</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        })
    };
    view! {
        <h2>{t("nav.privacy")}</h2>
        <p class="muted">{t("privacy.intro")}</p>
        <form class="card" on:submit=find>
            <label for="privacy-by">{t("privacy.by")}</label>
            <select id="privacy-by" on:change=move |ev| by_email.set(event_target_value(&ev) == "email")>
                <option value="email">{t("privacy.by_email")}</option>
                <option value="customer_id">{t("privacy.by_customer_id")}</option>
            </select>
            <label for="privacy-wanted">{t("privacy.search_label")}</label>
            <input id="privacy-wanted" required prop:value=move || wanted.get() on:input=move |ev| wanted.set(event_target_value(&ev)) />
            <div class="actions"><button type="submit" class="primary">{t("privacy.find")}</button></div>
        </form>
        {move || outcome.get().map(|outcome| match outcome {
            Ok(message) => view! { <p role="status">{message}</p> }.into_any(),
            Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        })}
        {results}
        <RetentionView client=retention_client />
    }
}

fn row(
    client: Client,
    visitor: PrivacyVisitor,
    found: RwSignal<Option<Vec<PrivacyVisitor>>>,
    outcome: Outcome,
) -> impl IntoView {
    let id = visitor.id;
    let export_client = client.clone();
    let export = move |_| {
        let client = export_client.clone();
        spawn_local(async move {
            match client
                .get_text(&format!("/privacy/visitors/{id}/export"))
                .await
            {
                Ok(json) => save_file(&format!("visitor-{id}.json"), "application/json", &json),
                Err(message) => outcome.set(Some(Err(message))),
            }
        });
    };
    let erase = move |content: ErasedContent| {
        let confirm = match content {
            ErasedContent::Anonymize => t("privacy.anonymize_confirm"),
            ErasedContent::Delete => t("privacy.delete_confirm"),
        };
        if !window().confirm_with_message(confirm).unwrap_or(false) {
            return;
        }
        let client = client.clone();
        spawn_local(async move {
            let path = format!("/privacy/visitors/{id}/erase");
            match client
                .post::<PrivacyErased>(&path, &PrivacyErase { content })
                .await
            {
                Ok(erased) => {
                    let questions =
                        (erased.threads_anonymized + erased.threads_deleted).to_string();
                    let sessions = erased.sessions_ended.to_string();
                    let emails = erased.emails_dropped.to_string();
                    outcome.set(Some(Ok(fill(
                        "privacy.erased",
                        &[
                            ("questions", &questions),
                            ("sessions", &sessions),
                            ("emails", &emails),
                        ],
                    ))));
                    found.update(|visitors| {
                        if let Some(visitors) = visitors {
                            visitors.retain(|visitor| visitor.id != id);
                        }
                    });
                }
                Err(message) => outcome.set(Some(Err(message))),
            }
        });
    };
    let anonymize = erase.clone();
    view! {
        <tr>
            <td data-label=t("privacy.customer_id")>{visitor.customer_id.unwrap_or_else(|| t("privacy.anonymous").to_owned())}</td>
            <td data-label=t("privacy.name")>{visitor.name.unwrap_or_default()}</td>
            <td data-label=t("privacy.email")>{visitor.email.unwrap_or_default()}</td>
            <td data-label=t("privacy.questions")>{visitor.threads}</td>
            <td data-label=t("privacy.since")>{when(&visitor.created_at)}</td>
            <td class="row-actions">
                <button type="button" on:click=export>{t("privacy.export")}</button>
                <button type="button" on:click=move |_| anonymize(ErasedContent::Anonymize)>{t("privacy.anonymize")}</button>
                <button type="button" on:click=move |_| erase(ErasedContent::Delete)>{t("privacy.delete")}</button>
            </td>
        </tr>
    }
}
