//! Small formatting shared by the screens: waiting times, and dates in the staff member's
//! language and time zone through the browser's `Intl` (relative when recent: "5 min ago").

use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::i18n::{fill, locale};

/// Minutes since `timestamp` (RFC 3339), by the browser's clock.
pub fn minutes_since(timestamp: &str) -> f64 {
    (Date::now() - Date::parse(timestamp)) / 60_000.0
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

/// `timestamp` (RFC 3339) as a `<time>`: relative within the last day ("5 min ago",
/// "3 hours ago"), else the date and time; the full date and time on hover.
pub fn when(timestamp: &str) -> impl IntoView + use<> {
    let date = Date::new(&JsValue::from_str(timestamp));
    let shown = relative(&date).unwrap_or_else(|| absolute(&date));
    view! { <time datetime=timestamp.to_owned() title=absolute(&date)>{shown}</time> }
}

/// `timestamp` (RFC 3339) as a date and time, for sentences ("valid until …").
pub fn date_time(timestamp: &str) -> String {
    absolute(&Date::new(&JsValue::from_str(timestamp)))
}

/// `date` in the locale's words relative to now, if it was within the last day.
fn relative(date: &Date) -> Option<String> {
    let seconds = (Date::now() - date.get_time()) / 1000.0;
    let (value, unit) = match seconds {
        s if s.is_nan() || s < -60.0 => return None,
        s if s < 60.0 => (0.0, "second"),
        s if s < 3600.0 => ((s / 60.0).floor(), "minute"),
        s if s < 86_400.0 => ((s / 3600.0).floor(), "hour"),
        _ => return None,
    };
    // `numeric: auto` says "now" rather than "0 seconds ago".
    let format = Intl::RelativeTimeFormat::new(
        &locales(),
        &options(&[("numeric", "auto"), ("style", "short")]),
    );
    Some(format.format(-value, unit).into())
}

/// `date` as a date and time in the locale and the browser's time zone.
fn absolute(date: &Date) -> String {
    let options = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    date.to_locale_string(locale(), &options).into()
}

fn locales() -> Array {
    Array::of1(&JsValue::from_str(locale()))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (name, value) in pairs {
        _ = Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}
