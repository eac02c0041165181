//! The console's first use over real HTTP: the install check (when the widget last loaded from
//! an allowed origin), inviting a teammate with a link (emailed when email is configured),
//! assigning a ticket to a teammate, and browsing, pinning and unpinning threads, with what
//! pinning does to visitors' search. Each route refuses bad input (writing nothing) and
//! anyone but the site's staff.

mod assignment;
#[path = "../common/mod.rs"]
mod common;
mod install;
mod invites;
mod pins;
mod requests;
