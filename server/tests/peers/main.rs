//! Peer helpers over real HTTP: invites, presence, the queue, answers and edits, votes,
//! acceptance, reputation, rate limits and flags.

mod answers;
#[path = "../common/mod.rs"]
mod common;
mod presence_and_queue;
mod reputation;
