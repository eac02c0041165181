//! The insights chart: sessions as bars, questions and escalations as lines, on one scale,
//! with a labelled count axis, the first, middle and last days, and a legend (SVG).

use leptos::prelude::*;
use peerhelp_api::InsightDay;
use wasm_bindgen::JsValue;

use crate::i18n::{fill, t};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;
/// Room for the count labels on the left, and for the days and the legend below.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 52.0;
const SESSIONS: &str = "#c9d7ea";
const QUESTIONS: &str = "#0b63ce";
const ESCALATIONS: &str = "#b42318";

/// A day (`YYYY-MM-DD`) as the browser's language writes a short date ("30 Nov").
fn short_day(day: &str) -> String {
    let options = js_sys::Object::new();
    _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
    _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
    _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    let date = js_sys::Date::new(&JsValue::from_str(day));
    date.to_locale_date_string("default", &options).into()
}

/// A round top for the count axis: 1, 2 or 5 times a power of ten, at least `highest`.
fn axis_top(highest: i64) -> i64 {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= highest {
                return step * factor;
            }
        }
        step *= 10;
    }
}

pub fn chart(daily: &[InsightDay]) -> impl IntoView + use<> {
    let highest = daily
        .iter()
        .flat_map(|day| [day.sessions, day.questions, day.escalations])
        .max()
        .unwrap_or(0)
        .max(1);
    let top = axis_top(highest);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let step = plot_width / daily.len().max(1) as f64;
    let x = move |i: usize| LEFT + i as f64 * step;
    let y = move |value: i64| TOP + plot_height - value as f64 / top as f64 * plot_height;
    let mut levels = vec![0, top / 2, top];
    levels.dedup();
    let ticks = levels
        .into_iter()
        .map(|value| {
            let at = format!("{:.1}", y(value));
            view! {
                <line x1=LEFT x2=WIDTH - RIGHT y1=at.clone() y2=at.clone() stroke="#e3e7ec" />
                <text x=LEFT - 6.0 y=at text-anchor="end" dominant-baseline="middle" class="tick">{value}</text>
            }
        })
        .collect_view();
    let bars = daily
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let bar_top = y(day.sessions);
            view! {
                <rect x=format!("{:.1}", x(i) + step * 0.15) y=format!("{bar_top:.1}")
                    width=format!("{:.1}", step * 0.7) height=format!("{:.1}", TOP + plot_height - bar_top)
                    fill=SESSIONS>
                    <title>{fill("insights.day_bar", &[("day", &day.day), ("n", &day.sessions.to_string())])}</title>
                </rect>
            }
        })
        .collect_view();
    let line = |value: fn(&InsightDay) -> i64| {
        daily
            .iter()
            .enumerate()
            .map(|(i, day)| format!("{:.1},{:.1}", x(i) + step / 2.0, y(value(day))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The first, middle and last days name the time axis.
    let last = daily.len().saturating_sub(1);
    let mut marked = vec![0, last / 2, last];
    marked.dedup();
    // The end labels align with the plot's edges, so none runs past them.
    let days = marked
        .into_iter()
        .filter_map(|i| daily.get(i).map(|day| (i, short_day(&day.day))))
        .map(|(i, label)| {
            let (at, anchor) = if i == 0 {
                (x(i), "start")
            } else if i == last {
                (x(i) + step, "end")
            } else {
                (x(i) + step / 2.0, "middle")
            };
            view! {
                <text x=format!("{at:.1}") y=TOP + plot_height + 16.0
                    text-anchor=anchor class="tick">{label}</text>
            }
        })
        .collect_view();
    let legend_y = HEIGHT - 10.0;
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
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="img" aria-label=label>
            {ticks}
            <text x="12" y=TOP + plot_height / 2.0 text-anchor="middle" class="tick"
                transform=format!("rotate(-90 12 {:.1})", TOP + plot_height / 2.0)>{t("insights.axis_count")}</text>
            {bars}
            <polyline points=line(|day| day.questions) fill="none" stroke=QUESTIONS stroke-width="2" />
            <polyline points=line(|day| day.escalations) fill="none" stroke=ESCALATIONS stroke-width="2" />
            <line x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_height y2=TOP + plot_height stroke="#5b6672" />
            <line x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_height stroke="#5b6672" />
            {days}
            <rect x=LEFT y=legend_y - 9.0 width="12" height="10" fill=SESSIONS />
            <text x=LEFT + 16.0 y=legend_y class="tick">{t("insights.sessions")}</text>
            <line x1=LEFT + 130.0 x2=LEFT + 150.0 y1=legend_y - 4.0 y2=legend_y - 4.0 stroke=QUESTIONS stroke-width="2" />
            <text x=LEFT + 156.0 y=legend_y class="tick">{t("insights.questions")}</text>
            <line x1=LEFT + 300.0 x2=LEFT + 320.0 y1=legend_y - 4.0 y2=legend_y - 4.0 stroke=ESCALATIONS stroke-width="2" />
            <text x=LEFT + 326.0 y=legend_y class="tick">{t("insights.escalations")}</text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::axis_top;

    #[test]
    fn the_count_axis_ends_on_a_round_number() {
        assert_eq!(axis_top(1), 1);
        assert_eq!(axis_top(3), 5);
        assert_eq!(axis_top(7), 10);
        assert_eq!(axis_top(11), 20);
        assert_eq!(axis_top(240), 500);
    }
}
