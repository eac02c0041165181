//! Insights: the period's figures, a chart of the daily series (SVG), the knowledge gaps to
//! fix at the root, the most read threads, and the CSV export.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::Insights;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::insights_chart::chart;
use crate::loading::{Loaded, fetch_into, show_loaded};
use crate::text::duration;

const PERIODS: [u32; 3] = [7, 30, 90];

#[component]
pub fn InsightsView(client: Client) -> impl IntoView {
    let days = RwSignal::new(30u32);
    let insights: Loaded<Insights> = RwSignal::new(None);
    let load_client = client.clone();
    Effect::new(move |_| {
        let path = format!("/insights?days={}", days.get());
        fetch_into(insights, &load_client, &path);
    });
    let problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let client = client.clone();
        let days = days.get_untracked();
        spawn_local(async move {
            match client.get_text(&format!("/insights.csv?days={days}")).await {
                Ok(csv) => save_file(
                    &format!("peerhelp-insights-{days}-days.csv"),
                    "text/csv",
                    &csv,
                ),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let periods = PERIODS
        .into_iter()
        .map(|period| {
            view! {
                <button type="button" aria-pressed=move || (days.get() == period).to_string()
                    on:click=move |_| days.set(period)>
                    {fill("insights.days", &[("n", &period.to_string())])}
                </button>
            }
        })
        .collect_view();
    view! {
        <h2>{t("nav.insights")}</h2>
        <div class="tabs" role="group" aria-label=t("insights.period")>
            {periods}
            <button type="button" on:click=export>{t("insights.export")}</button>
        </div>
        <p class="error" role="alert">{move || problem.get()}</p>
        {show_loaded(insights, |insights: Insights| report(insights).into_any())}
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or(t("none").to_owned(), |rate| {
        format!("{:.0} %", rate * 100.0)
    })
}

fn minutes(median: Option<f64>) -> String {
    median.map_or(t("none").to_owned(), duration)
}

fn report(insights: Insights) -> impl IntoView {
    // Each figure with one line saying what it counts, so it reads without the manual.
    let figures = [
        (
            t("insights.sessions"),
            t("insights.sessions_explain"),
            insights.sessions.to_string(),
        ),
        (
            t("insights.self_serve"),
            t("insights.self_serve_explain"),
            percent(insights.self_serve_rate),
        ),
        (
            t("insights.questions"),
            t("insights.questions_explain"),
            insights.questions.to_string(),
        ),
        (
            t("insights.peer_share"),
            t("insights.peer_share_explain"),
            percent(insights.peer_answer_share),
        ),
        (
            t("insights.peer_reply"),
            t("insights.peer_reply_explain"),
            minutes(insights.median_minutes_to_first_peer_reply),
        ),
        (
            t("insights.escalations"),
            t("insights.escalations_explain"),
            insights.escalations.to_string(),
        ),
        (
            t("insights.escalation_rate"),
            t("insights.escalation_rate_explain"),
            percent(insights.escalation_rate),
        ),
        (
            t("insights.staff_reply"),
            t("insights.staff_reply_explain"),
            minutes(insights.median_minutes_to_first_staff_reply),
        ),
    ]
    .into_iter()
    .map(|(label, explanation, value)| {
        view! {
            <dt>{label}</dt>
            <dd>{value} <div class="explain muted">{explanation}</div></dd>
        }
    })
    .collect_view();
    let gaps = insights
        .knowledge_gaps
        .into_iter()
        .map(|gap| {
            view! {
                <tr>
                    <td>{gap.query}</td>
                    <td>{gap.searches}</td>
                    <td>{gap.without_results}</td>
                    <td>{gap.followed_by_request}</td>
                </tr>
            }
        })
        .collect_view();
    let top = insights
        .top_threads
        .into_iter()
        .map(|thread| view! { <tr><td>{thread.title}</td><td>{thread.reads}</td></tr> })
        .collect_view();
    view! {
        <dl class="facts figures card">{figures}</dl>
        <section class="card">
            <h3>{t("insights.every_day")}</h3>
            {chart(&insights.daily)}
        </section>
        <section class="card">
            <h3>{t("insights.gaps")}</h3>
            <p class="muted">{t("insights.gaps_note")}</p>
            <table>
                <thead><tr><th>{t("insights.search")}</th><th>{t("insights.times")}</th><th>{t("insights.no_result")}</th><th>{t("insights.then_asked")}</th></tr></thead>
                <tbody>{gaps}</tbody>
            </table>
        </section>
        <section class="card">
            <h3>{t("insights.top")}</h3>
            <table>
                <thead><tr><th>{t("insights.thread")}</th><th>{t("insights.reads")}</th></tr></thead>
                <tbody>{top}</tbody>
            </table>
        </section>
    }
}

/// Hands `text` (of MIME type `mime`) to the browser as a download named `name`.
pub fn save_file(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    _ = web_sys::Url::revoke_object_url(&url);
}
