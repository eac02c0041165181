//! The server's log: human-readable lines by default, or one JSON object per line
//! (`--log-format json`) for log collectors. `RUST_LOG` picks what is logged either way.

use clap::ValueEnum;

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Readable lines, for a terminal.
    #[default]
    Text,
    /// One JSON object per line (timestamp, level, message, fields, span), for collectors.
    Json,
}

/// Starts logging. A second call (tests start several servers in one process) keeps the first.
pub fn init(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "peerhelp_server=info,tower_http=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
