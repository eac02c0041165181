//! The PeerHelp staff console: sign in, work the escalation queue, read a ticket with its
//! whole conversation, take it, reply and resolve; moderate the community, manage helpers,
//! read insights; admins change the site's settings and webhooks, disable and enable staff
//! accounts and read the audit log.
//! Served by `peerhelp serve` at `/console/`.

mod api;
mod app;
mod audit;
mod i18n;
mod insights;
mod live;
mod loading;
mod moderation;
mod peers;
mod privacy;
mod queue;
mod retention;
mod session;
mod settings;
mod sign_in;
mod staff;
mod text;
mod ticket;
mod webhooks;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
