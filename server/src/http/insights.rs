//! Insights over the API (staff): the figures as JSON, and the daily series as CSV for a
//! spreadsheet.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use peerhelp_api::{ApiError, DEFAULT_INSIGHT_DAYS, Insights, MAX_INSIGHT_DAYS};
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::SiteStaff;
use super::extract::{Json, Query};
use super::openapi::{NoSuchSite, SiteKey, StaffRefused};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// The last N days (UTC, today included), 1 to 365; 30 by default.
    days: Option<u32>,
}

impl Period {
    fn days(&self) -> AppResult<u32> {
        let days = self.days.unwrap_or(DEFAULT_INSIGHT_DAYS);
        if !(1..=MAX_INSIGHT_DAYS).contains(&days) {
            return Err(AppError::InvalidInput(format!(
                "days must be 1 to {MAX_INSIGHT_DAYS}"
            )));
        }
        Ok(days)
    }
}

/// `GET /insights?days=30`.
#[utoipa::path(
    get,
    path = routes::INSIGHTS,
    tag = "insights",
    summary = "Insights",
    params(SiteKey, Period),
    responses(
        (status = 200, description = "The period's figures.", body = Insights),
        (status = 401, response = StaffRefused),
        (status = 404, response = NoSuchSite),
        (status = 422, description = "days out of range (invalid_input).", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn insights(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Query(period): Query<Period>,
) -> AppResult<Json<Insights>> {
    Ok(Json(state.store.insights(site.id, period.days()?).await?))
}

/// `GET /insights.csv?days=30`: one line a day, then the period's figures.
#[utoipa::path(
    get,
    path = routes::INSIGHTS_CSV,
    tag = "insights",
    summary = "Insights as CSV",
    description = "day,sessions,questions,escalations for every day of the period, then a figure,value block.",
    params(SiteKey, Period),
    responses(
        (status = 200, description = "CSV.", body = String, content_type = "text/csv"),
        (status = 401, response = StaffRefused),
        (status = 404, response = NoSuchSite),
        (status = 422, description = "days out of range (invalid_input).", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn csv(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Query(period): Query<Period>,
) -> AppResult<impl IntoResponse> {
    let insights = state.store.insights(site.id, period.days()?).await?;
    let disposition = format!(
        "attachment; filename=\"peerhelp-{}-insights.csv\"",
        site.key
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        to_csv(&insights),
    ))
}

/// A free-text CSV cell (a search, a title: typed by visitors). Quoted when it holds a comma,
/// quote or line break; and a cell a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, so it shows as text.
fn text_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The daily series, the period's totals and rates, then the knowledge gaps and the most read
/// threads, whose free text goes through [`text_cell`].
fn to_csv(insights: &Insights) -> String {
    let mut csv = String::from("day,sessions,questions,escalations\n");
    for day in &insights.daily {
        csv += &format!(
            "{},{},{},{}\n",
            day.day, day.sessions, day.questions, day.escalations
        );
    }
    let figure = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
    csv += &format!(
        "\nfigure,value\nsessions,{}\nself_serve_rate,{}\nquestions,{}\npeer_answer_share,{}\n\
         median_minutes_to_first_peer_reply,{}\nescalations,{}\nescalation_rate,{}\n\
         median_minutes_to_first_staff_reply,{}\n",
        insights.sessions,
        figure(insights.self_serve_rate),
        insights.questions,
        figure(insights.peer_answer_share),
        figure(insights.median_minutes_to_first_peer_reply),
        insights.escalations,
        figure(insights.escalation_rate),
        figure(insights.median_minutes_to_first_staff_reply),
    );
    csv += "\nknowledge_gap,searches,without_results,followed_by_request\n";
    for gap in &insights.knowledge_gaps {
        csv += &format!(
            "{},{},{},{}\n",
            text_cell(&gap.query),
            gap.searches,
            gap.without_results,
            gap.followed_by_request
        );
    }
    csv += "\ntop_thread,thread_id,reads\n";
    for thread in &insights.top_threads {
        csv += &format!(
            "{},{},{}\n",
            text_cell(&thread.title),
            thread.thread_id,
            thread.reads
        );
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn text_cells_are_quoted_and_never_formulas() {
        assert_eq!(text_cell("refund"), "refund");
        assert_eq!(text_cell("=1+2"), "'=1+2");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(
            text_cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
    }
}
