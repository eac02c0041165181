//! The PeerHelp staff console: sign in, work the escalation queue, read a ticket with its
//! whole conversation, take it or hand it to a teammate, reply and resolve; browse, pin and
//! verify the community's threads, moderate it, manage helpers, read insights; admins install
//! the widget, change the site's settings (the brand colour with a live preview) and webhooks,
//! invite, disable and enable staff accounts and read the audit log.
//! Served by `peerhelp serve` at `/console/`.

mod api;
mod app;
mod assign;
mod audit;
mod brand_color;
mod copy;
mod i18n;
mod insights;
mod insights_chart;
mod install;
mod invite;
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
mod thread_review;
mod threads;
mod ticket;
mod webhooks;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
