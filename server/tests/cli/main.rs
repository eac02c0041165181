//! The `peerhelp` CLI as scripts use it: migrations, site creation, community import and
//! export, backups, invitations, its configuration file, and starting and stopping the server.

mod accounts;
mod backup;
#[path = "../common/mod.rs"]
mod common;
mod config;
mod database;
mod export;
mod runner;
mod serve;
mod shutdown;
