//! The `peerhelp` CLI as scripts use it: migrations, site creation and community import,
//! invitations, and starting the server.

mod accounts;
mod database;
mod runner;
mod serve;
