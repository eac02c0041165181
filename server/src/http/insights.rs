//! Insights over the API (staff): the figures as JSON, and the daily series as CSV for a
//! spreadsheet.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use peerhelp_api::{DEFAULT_INSIGHT_DAYS, Insights, MAX_INSIGHT_DAYS};
use serde::Deserialize;

use super::auth::SiteStaff;
use super::extract::{Json, Query};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Period {
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
pub async fn insights(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Query(period): Query<Period>,
) -> AppResult<Json<Insights>> {
    Ok(Json(state.store.insights(site.id, period.days()?).await?))
}

/// `GET /insights.csv?days=30`: one line a day, then the period's figures.
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

/// The daily series, then the period's totals and rates. Nothing in it is free text, so no
/// field needs quoting.
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
    csv
}
