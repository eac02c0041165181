//! Insights: the period's figures, a chart of the daily series (SVG), the knowledge gaps to
//! fix at the root, the most read threads, and the CSV export.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{InsightDay, Insights};
use wasm_bindgen::{JsCast, JsValue};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{Loaded, fetch_into, show_loaded};
use crate::text::duration;

const PERIODS: [u32; 3] = [7, 30, 90];
const CHART_WIDTH: f64 = 720.0;
const CHART_HEIGHT: f64 = 180.0;

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
    let figures = [
        (t("insights.sessions"), insights.sessions.to_string()),
        (t("insights.self_serve"), percent(insights.self_serve_rate)),
        (t("insights.questions"), insights.questions.to_string()),
        (
            t("insights.peer_share"),
            percent(insights.peer_answer_share),
        ),
        (
            t("insights.peer_reply"),
            minutes(insights.median_minutes_to_first_peer_reply),
        ),
        (t("insights.escalations"), insights.escalations.to_string()),
        (
            t("insights.escalation_rate"),
            percent(insights.escalation_rate),
        ),
        (
            t("insights.staff_reply"),
            minutes(insights.median_minutes_to_first_staff_reply),
        ),
    ]
    .into_iter()
    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
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
        <dl class="facts card">{figures}</dl>
        <section class="card">
            <h3>{t("insights.every_day")}</h3>
            {chart(&insights.daily)}
            <p class="muted">{t("insights.legend")}</p>
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

/// Sessions as bars, questions and escalations as lines, on one scale.
fn chart(daily: &[InsightDay]) -> impl IntoView + use<> {
    let highest = daily
        .iter()
        .flat_map(|day| [day.sessions, day.questions, day.escalations])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = CHART_WIDTH / daily.len().max(1) as f64;
    let y = move |value: i64| CHART_HEIGHT - value as f64 / highest * CHART_HEIGHT;
    let bars = daily
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let top = y(day.sessions);
            view! {
                <rect x=format!("{:.1}", i as f64 * step + step * 0.15) y=format!("{top:.1}")
                    width=format!("{:.1}", step * 0.7) height=format!("{:.1}", CHART_HEIGHT - top)
                    fill="#c9d7ea">
                    <title>{fill("insights.day_bar", &[("day", &day.day), ("n", &day.sessions.to_string())])}</title>
                </rect>
            }
        })
        .collect_view();
    let line = |value: fn(&InsightDay) -> i64| {
        daily
            .iter()
            .enumerate()
            .map(|(i, day)| format!("{:.1},{:.1}", i as f64 * step + step / 2.0, y(value(day))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let total = |value: fn(&InsightDay) -> i64| daily.iter().map(value).sum::<i64>().to_string();
    let label = fill(
        "insights.chart_label",
        &[
            ("days", &daily.len().to_string()),
            ("sessions", &total(|day| day.sessions)),
            ("questions", &total(|day| day.questions)),
            ("escalations", &total(|day| day.escalations)),
        ],
    );
    view! {
        <svg viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}") width="100%" role="img" aria-label=label>
            {bars}
            <polyline points=line(|day| day.questions) fill="none" stroke="#0b63ce" stroke-width="2" />
            <polyline points=line(|day| day.escalations) fill="none" stroke="#b42318" stroke-width="2" />
        </svg>
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
