//! Browser tests of the mounted widget as the loader drives it, against a fake API: opening,
//! searching, live updates, identity and offline questions, and the peer helper's desk.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;
mod fixtures;
mod helper_desk;
mod identity;
mod live;
mod opening;
mod searching;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
