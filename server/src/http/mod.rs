//! The HTTP surface: the JSON API under `/api/v1`, the loader, the widget assets and the demo page.

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
mod insights;
mod install;
mod invites;
mod moderation;
mod openapi;
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
mod staff_events;
mod thread_browser;
mod threads;
mod visitors;
mod webhooks;
mod widget;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware;
use axum::routing::{delete, get, patch, post, put};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

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
    Router::new()
        // The configuration carries the widget's text catalogue; the other answers are small,
        // and the event stream must not wait on a compressor's buffer.
        .route(
            routes::SITE_CONFIG,
            get(sites::site_config).layer(CompressionLayer::new().quality(CONFIG_COMPRESSION)),
        )
        .route(routes::SEARCH, get(search::search))
        .route(
            routes::THREADS,
            post(questions::ask).get(thread_browser::list),
        )
        .route(routes::THREAD, get(threads::thread))
        .route(routes::THREAD_FEEDBACK, post(threads::feedback))
        .route(routes::THREAD_SEEN, post(questions::seen))
        .route(
            routes::THREAD_PIN,
            put(thread_browser::pin).delete(thread_browser::unpin),
        )
        .route(routes::THREAD_ANSWERS, post(answers::post))
        .route(routes::ANSWER, patch(answers::edit))
        .route(routes::ANSWER_ACCEPT, post(answers::accept))
        .route(routes::ANSWER_VOTE, post(reactions::vote))
        .route(routes::ANSWER_FLAGS, post(reactions::flag))
        .route(routes::VISITORS, post(visitors::create))
        .route(routes::VISITOR_IDENTIFY, post(visitors::identify))
        .route(routes::MY_THREADS, get(visitors::my_threads))
        .route(routes::HELPER_INVITES, post(invites::create))
        .route(routes::HELPER_SIGN_IN, post(peers::sign_in))
        .route(routes::HELPER_ME, get(peers::me))
        .route(routes::HELPER_PRESENCE, put(peers::presence))
        .route(routes::HELPERS_ONLINE, get(peers::online))
        .route(routes::HELPERS_ONLINE_EVENTS, get(events::presence))
        .route(routes::HELPER_QUEUE, get(peers::queue))
        .route(routes::LEADERBOARD, get(peers::leaderboard))
        .route(routes::STAFF_INVITES, post(staff::invite))
        .route(routes::STAFF_ACCEPT, post(staff::accept))
        .route(routes::STAFF_SIGN_IN, post(staff::sign_in))
        .route(routes::STAFF_ME, get(staff::me))
        .route(routes::STAFF_SIGN_OUT, post(staff::sign_out))
        .route(routes::STAFF_TEAM, get(staff::team))
        .route(routes::STAFF, get(staff::list))
        .route(routes::STAFF_DISABLE, post(staff::disable))
        .route(routes::STAFF_ENABLE, post(staff::enable))
        .route(
            routes::ESCALATIONS,
            post(escalations::create).get(escalations::queue),
        )
        .route(routes::ESCALATION, get(escalations::detail))
        .route(routes::ESCALATION_ASSIGN, post(escalations::assign))
        .route(routes::ESCALATION_ASSIGNEE, put(escalations::set_assignee))
        .route(routes::ESCALATION_REPLIES, post(escalations::reply))
        .route(routes::ESCALATION_RESOLVE, post(escalations::resolve))
        .route(routes::ESCALATION_REOPEN, post(escalations::reopen))
        .route(routes::AUDIT_LOG, get(audit::audit_log))
        .route(routes::MODERATION, get(moderation::queue))
        .route(routes::ANSWER_HIDE, post(moderation::hide))
        .route(routes::ANSWER_RESTORE, post(moderation::restore))
        .route(
            routes::ANSWER_VERIFY,
            post(moderation::verify).delete(moderation::unverify),
        )
        .route(routes::HELPERS, get(peers::helpers))
        .route(routes::HELPER_BAN, post(peers::ban))
        .route(routes::INSTALL, get(install::install))
        .route(
            routes::SETTINGS,
            get(settings::read).patch(settings::update),
        )
        .route(routes::IDENTITY_SECRET, post(settings::rotate_identity_secret))
        .route(routes::INSIGHTS, get(insights::insights))
        .route(routes::INSIGHTS_CSV, get(insights::csv))
        .route(routes::WEBHOOKS, post(webhooks::create).get(webhooks::list))
        .route(routes::WEBHOOK, delete(webhooks::delete))
        .route(routes::WEBHOOK_DELIVERIES, get(webhooks::deliveries))
        .route(routes::PRIVACY_VISITORS, get(privacy::find))
        .route(routes::PRIVACY_EXPORT, get(privacy::export))
        .route(routes::PRIVACY_ERASE, post(privacy::erase))
        .route(routes::EVENTS, get(events::stream))
        .route(routes::STAFF_EVENTS, get(staff_events::stream))
        .route(routes::OPENAPI, get(openapi::document))
        .route(routes::WIDGET_ASSET, get(widget::asset))
        .route(routes::LOADER, get(widget::loader))
        .route(routes::DEMO_PAGE, get(widget::demo_page))
        .route(routes::CONSOLE, get(console::redirect))
        .route(routes::CONSOLE_PAGE, get(console::page))
        .route(routes::CONSOLE_FILE, get(console::file))
        .route(routes::HEALTH, get(|| async { "ok" }))
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
        .layer(middleware::from_fn_with_state(
            state.clone(),
            hardening::request_timeout,
        ))
        // Only the path is logged: the event stream's query string carries a bearer token.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .layer(middleware::from_fn(hardening::security_headers))
        .with_state(state)
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
