//! The HTTP surface: the JSON API under `/api/v1`, the loader, the widget assets, the demo page,
//! the health checks and the metrics.

mod answers;
mod audit;
mod auth;
pub mod client_ip;
mod console;
mod cors;
mod escalations;
mod events;
mod extract;
mod hardening;
mod health;
mod insights;
mod install;
mod invites;
mod metrics;
mod moderation;
pub mod openapi;
mod peers;
mod privacy;
mod questions;
mod rate_limit;
mod reactions;
pub mod routes;
mod search;
mod settings;
mod sites;
mod staff;
mod staff_accounts;
mod staff_events;
mod stream_slots;
mod thread_browser;
mod threads;
mod tickets;
mod visitors;
mod webhooks;
mod widget;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware;
use axum::routing::get;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::AppError;
use crate::state::AppState;

/// Compression of the configuration, which every page view fetches: brotli and gzip at level
/// 5 cost well under a millisecond for its few kilobytes, and get within a few percent of
/// their best.
const CONFIG_COMPRESSION: CompressionLevel = CompressionLevel::Precise(5);

/// Largest request body the API reads; every JSON body it takes is far smaller.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole application, ready to serve; tests call this with their own state.
pub fn app(state: AppState) -> Router {
    Router::from(api())
        .route(routes::WIDGET_ASSET, get(widget::asset))
        .route(routes::LOADER, get(widget::loader))
        .route(routes::DEMO_PAGE, get(widget::demo_page))
        .route(routes::CONSOLE, get(console::redirect))
        .route(routes::CONSOLE_PAGE, get(console::page))
        .route(routes::CONSOLE_FILE, get(console::file))
        .route(routes::HEALTH, get(health::alive))
        .route(routes::READY, get(health::ready))
        .route(routes::METRICS, get(metrics::scrape))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            rate_limit::LimitState::new(&state),
            rate_limit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cors::per_site_cors,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(|request, next| {
            hardening::refuse_declared_oversize(MAX_BODY_BYTES, request, next)
        }))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            hardening::request_timeout,
        ))
        // Only the path is logged: the event stream's query string carries a bearer token.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .layer(middleware::from_fn(hardening::security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::count_requests,
        ))
        .with_state(state)
}

/// The JSON API. Each route is registered with its handler's `#[utoipa::path]`, which
/// `routes!` requires, so no route is served without its entry in the OpenAPI document.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        // The configuration carries the widget's text catalogue; the other answers are small,
        // and the event stream must not wait on a compressor's buffer.
        .routes(
            routes!(sites::site_config).layer(CompressionLayer::new().quality(CONFIG_COMPRESSION)),
        )
        .routes(routes!(search::search))
        .routes(routes!(questions::ask, thread_browser::list))
        .routes(routes!(threads::thread))
        .routes(routes!(threads::feedback))
        .routes(routes!(questions::seen))
        .routes(routes!(thread_browser::pin, thread_browser::unpin))
        .routes(routes!(answers::post))
        .routes(routes!(answers::edit))
        .routes(routes!(answers::accept))
        .routes(routes!(reactions::vote))
        .routes(routes!(reactions::flag))
        .routes(routes!(visitors::create))
        .routes(routes!(visitors::identify))
        .routes(routes!(visitors::my_threads))
        .routes(routes!(invites::create))
        .routes(routes!(peers::sign_in))
        .routes(routes!(peers::me))
        .routes(routes!(peers::presence))
        .routes(routes!(peers::online))
        .routes(routes!(events::presence))
        .routes(routes!(peers::queue))
        .routes(routes!(peers::leaderboard))
        .routes(routes!(staff_accounts::invite))
        .routes(routes!(staff::accept))
        .routes(routes!(staff::sign_in))
        .routes(routes!(staff::me))
        .routes(routes!(staff::sign_out))
        .routes(routes!(staff_accounts::team))
        .routes(routes!(staff_accounts::list))
        .routes(routes!(staff_accounts::disable))
        .routes(routes!(staff_accounts::enable))
        .routes(routes!(escalations::create, tickets::queue))
        .routes(routes!(tickets::detail))
        .routes(routes!(tickets::assign))
        .routes(routes!(tickets::set_assignee))
        .routes(routes!(tickets::reply))
        .routes(routes!(tickets::resolve))
        .routes(routes!(tickets::reopen))
        .routes(routes!(audit::audit_log))
        .routes(routes!(moderation::queue))
        .routes(routes!(moderation::hide))
        .routes(routes!(moderation::restore))
        .routes(routes!(moderation::verify, moderation::unverify))
        .routes(routes!(peers::helpers))
        .routes(routes!(peers::ban))
        .routes(routes!(install::install))
        .routes(routes!(settings::read, settings::update))
        .routes(routes!(settings::rotate_identity_secret))
        .routes(routes!(insights::insights))
        .routes(routes!(insights::csv))
        .routes(routes!(webhooks::create, webhooks::list))
        .routes(routes!(webhooks::delete))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(privacy::find))
        .routes(routes!(privacy::export))
        .routes(routes!(privacy::erase))
        .routes(routes!(events::stream))
        .routes(routes!(staff_events::stream))
        .routes(routes!(openapi::served))
}

async fn no_such_route(request: Request) -> AppError {
    AppError::NotFound(format!(
        "no such endpoint: {} {}",
        request.method(),
        request.uri().path()
    ))
}

async fn method_not_allowed(request: Request) -> AppError {
    AppError::MethodNotAllowed(format!(
        "{} is not supported on {}",
        request.method(),
        request.uri().path()
    ))
}
