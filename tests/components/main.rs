//! Browser tests of the panel's parts, rendered from data: what a visitor sees and hears.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod ask;
#[path = "../common/mod.rs"]
mod common;
mod fixtures;
mod reactions;
mod results;
mod thread;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
