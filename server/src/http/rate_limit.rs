//! The rate-limit middleware: each request is classified by its matched route, then counted
//! against its class's quota for the client's IP and, when it carries one, for its bearer token
//! (hashed: raw tokens are not kept in memory). Over either quota it gets a 429 with
//! `Retry-After`.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::DefaultKeyedRateLimiter;
use governor::clock::Clock;

use super::client_ip::ClientIp;
use super::routes;
use super::stream_slots::StreamSlots;
use crate::error::AppError;
use crate::rate_limits::{CLASSES, RateLimits, RouteClass};
use crate::state::AppState;

/// How often idle keys are dropped, so memory follows the clients of the last few minutes.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// Who a request is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallerKey {
    Ip(IpAddr),
    /// A bearer token, hashed with this process's random key.
    Token(u64),
}

/// The limiters of one server: one keyed limiter per route class, and the event-stream caps.
pub struct RateLimiting {
    enabled: bool,
    limiters: HashMap<RouteClass, DefaultKeyedRateLimiter<CallerKey>>,
    token_hasher: RandomState,
    last_prune: Mutex<Instant>,
    pub streams: StreamSlots,
}

impl RateLimiting {
    pub fn new(limits: &RateLimits) -> RateLimiting {
        RateLimiting {
            enabled: limits.enabled,
            limiters: CLASSES
                .iter()
                .map(|&(class, _, _)| {
                    let quota = limits.rate(class).quota();
                    (class, DefaultKeyedRateLimiter::keyed(quota))
                })
                .collect(),
            token_hasher: RandomState::new(),
            last_prune: Mutex::new(Instant::now()),
            streams: StreamSlots::new(limits),
        }
    }

    /// A token's key for limits: a hash, so the table never holds a usable token.
    pub fn token_key(&self, token: &str) -> u64 {
        self.token_hasher.hash_one(token)
    }

    /// Counts one request of `class` from `ip` (and `token`); refused with when to come back.
    fn check(&self, class: RouteClass, ip: IpAddr, token: Option<&str>) -> Result<(), AppError> {
        if !self.enabled {
            return Ok(());
        }
        self.prune_now_and_then();
        let limiter = &self.limiters[&class];
        let keys = [
            Some(CallerKey::Ip(ip)),
            token.map(|token| CallerKey::Token(self.token_key(token))),
        ];
        for key in keys.into_iter().flatten() {
            if let Err(not_until) = limiter.check_key(&key) {
                let wait = not_until.wait_time_from(limiter.clock().now());
                return Err(AppError::RateLimited {
                    message: "too many requests; please wait a moment and try again".to_owned(),
                    retry_after: Some(wait),
                });
            }
        }
        Ok(())
    }

    fn prune_now_and_then(&self) {
        // Whoever finds the lock taken leaves the pruning to its holder.
        let Ok(mut last_prune) = self.last_prune.try_lock() else {
            return;
        };
        if last_prune.elapsed() < PRUNE_EVERY {
            return;
        }
        *last_prune = Instant::now();
        for limiter in self.limiters.values() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// What the middleware needs: the app (for the client's address) and the limiters.
#[derive(Clone)]
pub struct LimitState {
    app: AppState,
    limiting: Arc<RateLimiting>,
}

impl LimitState {
    /// Fresh limiters with the quotas of `app`'s `--rate-limits`.
    pub fn new(app: &AppState) -> LimitState {
        LimitState {
            app: app.clone(),
            limiting: Arc::new(RateLimiting::new(&app.security.rate_limits)),
        }
    }
}

/// The middleware: classifies, counts, and refuses with 429 past the quota; it also hands the
/// limiters to the event stream as an extension.
pub async fn limit(State(limit): State<LimitState>, mut request: Request, next: Next) -> Response {
    // The event stream counts its open streams with the same limiters.
    request.extensions_mut().insert(limit.limiting.clone());
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let Some(class) = classify(request.method(), matched.as_ref().map(MatchedPath::as_str)) else {
        return next.run(request).await;
    };
    let (mut parts, body) = request.into_parts();
    let ip = match ClientIp::from_request_parts(&mut parts, &limit.app).await {
        Ok(ClientIp(ip)) => ip,
        Err(error) => return error.into_response(),
    };
    parts.extensions.insert(ClientIp(ip));
    let token = token_of(&parts.headers, &parts.uri);
    if let Err(refused) = limit.limiting.check(class, ip, token) {
        return refused.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

/// The bearer token of the request, or the event stream's `?token=` (EventSource cannot
/// send headers).
fn token_of<'a>(headers: &'a HeaderMap, uri: &'a Uri) -> Option<&'a str> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    bearer.or_else(|| {
        uri.query()?
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
    })
}

/// The class of a request by its route; `None` for the health checks and the metrics, which
/// monitors poll (a scraper behind the same proxy as the public must not share its quota).
/// Unknown paths count as reads, so probing for endpoints is limited too.
fn classify(method: &Method, matched: Option<&str>) -> Option<RouteClass> {
    let Some(path) = matched else {
        return Some(RouteClass::Read);
    };
    Some(match path {
        routes::HEALTH | routes::READY | routes::METRICS => return None,
        routes::SITE_CONFIG => RouteClass::Config,
        routes::LOADER
        | routes::WIDGET_ASSET
        | routes::DEMO_PAGE
        | routes::CONSOLE
        | routes::CONSOLE_PAGE
        | routes::CONSOLE_FILE => RouteClass::Assets,
        routes::SEARCH => RouteClass::Search,
        routes::VISITORS => RouteClass::Visitors,
        // Asking is a visitor's; listing threads is the console's thread browser.
        routes::THREADS if method == Method::GET => RouteClass::Staff,
        routes::THREADS => RouteClass::Ask,
        routes::THREAD_ANSWERS | routes::ANSWER => RouteClass::Answers,
        routes::ANSWER_VOTE
        | routes::ANSWER_FLAGS
        | routes::THREAD_FEEDBACK
        | routes::ANSWER_ACCEPT => RouteClass::Reactions,
        routes::ESCALATIONS if method == Method::POST => RouteClass::Escalations,
        routes::HELPER_INVITES | routes::STAFF_INVITES | routes::STAFF_ACCEPT => {
            RouteClass::Invites
        }
        routes::HELPER_SIGN_IN | routes::STAFF_SIGN_IN => RouteClass::SignIn,
        routes::EVENTS | routes::STAFF_EVENTS | routes::HELPERS_ONLINE_EVENTS => RouteClass::Events,
        routes::ESCALATIONS
        | routes::ESCALATION
        | routes::ESCALATION_ASSIGN
        | routes::ESCALATION_ASSIGNEE
        | routes::THREAD_PIN
        | routes::INSTALL
        | routes::STAFF_TEAM
        | routes::ESCALATION_REPLIES
        | routes::ESCALATION_RESOLVE
        | routes::ESCALATION_REOPEN
        | routes::AUDIT_LOG
        | routes::MODERATION
        | routes::ANSWER_HIDE
        | routes::ANSWER_RESTORE
        | routes::ANSWER_VERIFY
        | routes::HELPERS
        | routes::HELPER_BAN
        | routes::SETTINGS
        | routes::IDENTITY_SECRET
        | routes::INSIGHTS
        | routes::INSIGHTS_CSV
        | routes::WEBHOOKS
        | routes::WEBHOOK
        | routes::WEBHOOK_DELIVERIES
        | routes::STAFF_ME
        | routes::STAFF_SIGN_OUT
        | routes::STAFF
        | routes::STAFF_DISABLE
        | routes::STAFF_ENABLE
        | routes::PRIVACY_VISITORS
        | routes::PRIVACY_EXPORT
        | routes::PRIVACY_ERASE => RouteClass::Staff,
        _ => RouteClass::Read,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_a_class_and_only_health_and_metrics_are_exempt() {
        let document = serde_json::to_value(super::super::openapi::document()).unwrap();
        for (path, operations) in document["paths"].as_object().unwrap() {
            for method in operations.as_object().unwrap().keys() {
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                assert!(classify(&method, Some(path)).is_some(), "{method} {path}");
            }
        }
        assert_eq!(classify(&Method::GET, Some(routes::HEALTH)), None);
        assert_eq!(classify(&Method::GET, Some(routes::READY)), None);
        assert_eq!(classify(&Method::GET, Some(routes::METRICS)), None);
        assert_eq!(
            classify(&Method::POST, Some(routes::ESCALATIONS)),
            Some(RouteClass::Escalations)
        );
        assert_eq!(
            classify(&Method::GET, Some(routes::ESCALATIONS)),
            Some(RouteClass::Staff)
        );
        assert_eq!(
            classify(&Method::GET, Some(routes::THREADS)),
            Some(RouteClass::Staff)
        );
        assert_eq!(
            classify(&Method::POST, Some(routes::THREADS)),
            Some(RouteClass::Ask)
        );
        assert_eq!(classify(&Method::GET, None), Some(RouteClass::Read));
    }
}
