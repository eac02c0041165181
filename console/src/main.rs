//! The PeerHelp staff console: sign in, work the escalation queue, read a ticket with its
//! whole conversation, take it, reply and resolve. Served by `peerhelp serve` at `/console/`.

mod api;
mod app;
mod audit;
mod queue;
mod sign_in;
mod text;
mod ticket;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
