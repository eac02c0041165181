//! The JSON API over real HTTP against a real SQLite file.

#[path = "../common/mod.rs"]
mod common;
mod config;
mod search;
mod threads;
