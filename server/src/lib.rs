//! PeerHelp server: the JSON API, the widget's loader and assets, and the `peerhelp` CLI.

// Native only: Trunk builds the workspace's default members for wasm32 as well (it cannot
// select the widget package), so on that target this crate compiles to nothing.
#![cfg(not(target_arch = "wasm32"))]

pub mod activity;
pub mod assets;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod close_match;
pub mod community_files;
pub mod complete_file;
pub mod config_file;
pub mod connections;
pub mod copy_database;
pub mod demo;
pub mod directory;
pub mod error;
pub mod http;
pub mod import;
pub mod invites;
pub mod live;
pub mod loader_minify;
pub mod logging;
pub mod mailer;
pub mod maintenance;
pub mod messages;
pub mod metrics;
pub mod passwords;
pub mod rate_limits;
pub mod retry;
pub mod rich_text;
pub mod secrets;
pub mod security;
pub mod serve;
pub mod serve_args;
pub mod staff_invites;
pub mod state;
pub mod store;
pub mod timestamp;
pub mod validate;
pub mod webhook_target;
pub mod webhooks;
pub mod widget_loads;

pub use http::app;
