//! Small formatting shared by the screens.

use crate::i18n::fill;

/// Minutes since `timestamp` (RFC 3339), by the browser's clock.
pub fn minutes_since(timestamp: &str) -> f64 {
    (js_sys::Date::now() - js_sys::Date::parse(timestamp)) / 60_000.0
}

/// "4 min", "2 h 5 min", "3 d 2 h".
pub fn duration(minutes: f64) -> String {
    let minutes = minutes.max(0.0) as u64;
    match minutes {
        0..60 => fill("time.minutes", &[("m", &minutes.to_string())]),
        60..1440 => fill(
            "time.hours",
            &[
                ("h", &(minutes / 60).to_string()),
                ("m", &(minutes % 60).to_string()),
            ],
        ),
        _ => fill(
            "time.days",
            &[
                ("d", &(minutes / 1440).to_string()),
                ("h", &(minutes % 1440 / 60).to_string()),
            ],
        ),
    }
}
