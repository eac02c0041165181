//! Every route the server answers, in one table: the router is built from these names and a
//! test checks this table against the OpenAPI document, so the two cannot drift apart.

pub const SITE_CONFIG: &str = "/api/v1/sites/{site}/config";
pub const SEARCH: &str = "/api/v1/sites/{site}/search";
pub const THREAD: &str = "/api/v1/sites/{site}/threads/{thread}";
pub const THREAD_FEEDBACK: &str = "/api/v1/sites/{site}/threads/{thread}/feedback";
pub const OPENAPI: &str = "/api/v1/openapi.json";

/// The JSON API as (method, path) pairs, exactly as the OpenAPI document lists them.
pub const API: &[(&str, &str)] = &[
    ("get", SITE_CONFIG),
    ("get", SEARCH),
    ("get", THREAD),
    ("post", THREAD_FEEDBACK),
    ("get", OPENAPI),
];

/// The loader brands put in their script tag.
pub const LOADER: &str = "/widget.js";
/// The widget's content-hashed assets (wasm, JS glue), per site so CORS follows the site.
pub const WIDGET_ASSET: &str = "/widget/{site}/{file}";
/// A demo brand page with the script tag, for trying PeerHelp locally.
pub const DEMO_PAGE: &str = "/demo";
pub const HEALTH: &str = "/healthz";
