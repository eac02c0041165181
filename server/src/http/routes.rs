//! Every route the server answers, in one table: the handlers' `#[utoipa::path]` annotations
//! and the router name these paths, and a test checks that every JSON route here is in the
//! OpenAPI document.

pub const SITE_CONFIG: &str = "/api/v1/sites/{site}/config";
pub const SEARCH: &str = "/api/v1/sites/{site}/search";
pub const THREADS: &str = "/api/v1/sites/{site}/threads";
pub const THREAD: &str = "/api/v1/sites/{site}/threads/{thread}";
pub const THREAD_FEEDBACK: &str = "/api/v1/sites/{site}/threads/{thread}/feedback";
pub const THREAD_SEEN: &str = "/api/v1/sites/{site}/threads/{thread}/seen";
pub const THREAD_PIN: &str = "/api/v1/sites/{site}/threads/{thread}/pin";
pub const THREAD_ANSWERS: &str = "/api/v1/sites/{site}/threads/{thread}/answers";
pub const ANSWER: &str = "/api/v1/sites/{site}/answers/{answer}";
pub const ANSWER_ACCEPT: &str = "/api/v1/sites/{site}/answers/{answer}/accept";
pub const ANSWER_VOTE: &str = "/api/v1/sites/{site}/answers/{answer}/vote";
pub const ANSWER_FLAGS: &str = "/api/v1/sites/{site}/answers/{answer}/flags";
pub const VISITORS: &str = "/api/v1/sites/{site}/visitors";
pub const VISITOR_IDENTIFY: &str = "/api/v1/sites/{site}/visitors/identify";
pub const MY_THREADS: &str = "/api/v1/sites/{site}/visitors/me/threads";
pub const HELPER_INVITES: &str = "/api/v1/sites/{site}/helper-invites";
pub const HELPER_SIGN_IN: &str = "/api/v1/sites/{site}/helpers/sign-in";
pub const HELPER_ME: &str = "/api/v1/sites/{site}/helpers/me";
pub const HELPER_PRESENCE: &str = "/api/v1/sites/{site}/helpers/me/presence";
pub const HELPERS_ONLINE: &str = "/api/v1/sites/{site}/helpers/online";
pub const HELPERS_ONLINE_EVENTS: &str = "/api/v1/sites/{site}/helpers/online/events";
pub const HELPER_QUEUE: &str = "/api/v1/sites/{site}/helpers/queue";
pub const LEADERBOARD: &str = "/api/v1/sites/{site}/leaderboard";
pub const STAFF_INVITES: &str = "/api/v1/sites/{site}/staff-invites";
pub const STAFF_ACCEPT: &str = "/api/v1/sites/{site}/staff/accept";
pub const STAFF_SIGN_IN: &str = "/api/v1/sites/{site}/staff/sign-in";
pub const STAFF_ME: &str = "/api/v1/sites/{site}/staff/me";
pub const STAFF_SIGN_OUT: &str = "/api/v1/sites/{site}/staff/sign-out";
pub const STAFF_TEAM: &str = "/api/v1/sites/{site}/staff/team";
pub const STAFF: &str = "/api/v1/sites/{site}/staff";
pub const STAFF_DISABLE: &str = "/api/v1/sites/{site}/staff/{staff}/disable";
pub const STAFF_ENABLE: &str = "/api/v1/sites/{site}/staff/{staff}/enable";
pub const ESCALATIONS: &str = "/api/v1/sites/{site}/escalations";
pub const ESCALATION: &str = "/api/v1/sites/{site}/escalations/{reference}";
pub const ESCALATION_ASSIGN: &str = "/api/v1/sites/{site}/escalations/{reference}/assign";
pub const ESCALATION_ASSIGNEE: &str = "/api/v1/sites/{site}/escalations/{reference}/assignee";
pub const ESCALATION_REPLIES: &str = "/api/v1/sites/{site}/escalations/{reference}/replies";
pub const ESCALATION_RESOLVE: &str = "/api/v1/sites/{site}/escalations/{reference}/resolve";
pub const ESCALATION_REOPEN: &str = "/api/v1/sites/{site}/escalations/{reference}/reopen";
pub const AUDIT_LOG: &str = "/api/v1/sites/{site}/audit-log";
pub const MODERATION: &str = "/api/v1/sites/{site}/moderation";
pub const ANSWER_HIDE: &str = "/api/v1/sites/{site}/answers/{answer}/hide";
pub const ANSWER_RESTORE: &str = "/api/v1/sites/{site}/answers/{answer}/restore";
pub const ANSWER_VERIFY: &str = "/api/v1/sites/{site}/answers/{answer}/verify";
pub const HELPERS: &str = "/api/v1/sites/{site}/helpers";
pub const HELPER_BAN: &str = "/api/v1/sites/{site}/helpers/{helper}/ban";
pub const INSTALL: &str = "/api/v1/sites/{site}/install";
pub const SETTINGS: &str = "/api/v1/sites/{site}/settings";
pub const IDENTITY_SECRET: &str = "/api/v1/sites/{site}/settings/identity-secret";
pub const INSIGHTS: &str = "/api/v1/sites/{site}/insights";
pub const INSIGHTS_CSV: &str = "/api/v1/sites/{site}/insights.csv";
pub const WEBHOOKS: &str = "/api/v1/sites/{site}/webhooks";
pub const WEBHOOK: &str = "/api/v1/sites/{site}/webhooks/{webhook}";
pub const WEBHOOK_DELIVERIES: &str = "/api/v1/sites/{site}/webhooks/{webhook}/deliveries";
pub const PRIVACY_VISITORS: &str = "/api/v1/sites/{site}/privacy/visitors";
pub const PRIVACY_EXPORT: &str = "/api/v1/sites/{site}/privacy/visitors/{visitor}/export";
pub const PRIVACY_ERASE: &str = "/api/v1/sites/{site}/privacy/visitors/{visitor}/erase";
pub const EVENTS: &str = "/api/v1/sites/{site}/events";
pub const STAFF_EVENTS: &str = "/api/v1/sites/{site}/staff/events";
pub const OPENAPI: &str = "/api/v1/openapi.json";

/// The loader brands put in their script tag.
pub const LOADER: &str = "/widget.js";
/// The widget's content-hashed assets (wasm, JS glue), per site so CORS follows the site.
pub const WIDGET_ASSET: &str = "/widget/{site}/{file}";
/// A demo brand page with the script tag, for trying PeerHelp locally.
pub const DEMO_PAGE: &str = "/demo";
/// The staff console.
pub const CONSOLE: &str = "/console";
pub const CONSOLE_PAGE: &str = "/console/";
pub const CONSOLE_FILE: &str = "/console/{file}";
pub const HEALTH: &str = "/healthz";
pub const READY: &str = "/readyz";
/// Prometheus metrics, for scrapers holding the `--metrics-token`.
pub const METRICS: &str = "/metrics";
