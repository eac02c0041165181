//! PeerHelp server: the JSON API, the widget's loader and assets, and the `peerhelp` CLI.

pub mod assets;
pub mod catalog;
pub mod cli;
pub mod demo;
pub mod error;
pub mod http;
pub mod import;
pub mod serve;
pub mod state;
pub mod store;

pub use http::app;
