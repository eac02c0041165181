//! `GET /healthz`: the process answers. `GET /readyz`: this node can serve, its database
//! reachable and migrated exactly as far as this build knows; a load balancer or an
//! orchestrator sends traffic only to ready nodes. Neither is rate limited (monitors poll them).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::AppState;

pub async fn alive() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let not_ready = |reason: String| {
        let body = json!({ "status": "not_ready", "reason": reason });
        (StatusCode::SERVICE_UNAVAILABLE, Json(body))
    };
    match state.store.readiness().await {
        Ok(readiness) if readiness.is_ready() => {
            (StatusCode::OK, Json(json!({ "status": "ready" })))
        }
        Ok(readiness) if !readiness.unknown.is_empty() => not_ready(format!(
            "the database has migrations this build does not know ({:?}): a newer version ran on it",
            readiness.unknown
        )),
        Ok(readiness) => not_ready(format!(
            "the database lacks migrations {:?}: run `peerhelp migrate`",
            readiness.pending
        )),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            not_ready("the database cannot be reached".to_owned())
        }
    }
}
