//! Noting when the widget loads from a site's allowed origin, for the console's install check,
//! at no cost to the page views that do it: each process writes at most once a minute per site,
//! and knows when it last did without asking the database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often a site's last load is written at most; the console says "last loaded" to within
/// this.
pub const RECORD_EVERY: Duration = Duration::from_secs(60);

/// When this process last recorded a load of each site's widget.
#[derive(Debug, Default)]
pub struct WidgetLoads {
    recorded: Mutex<HashMap<i64, Instant>>,
}

impl WidgetLoads {
    /// Whether a load of site `site_id` at `now` should be written; if so, `now` counts as
    /// its write, so concurrent page views write once between them.
    pub fn due(&self, site_id: i64, now: Instant) -> bool {
        let mut recorded = self.recorded.lock().expect("widget loads lock");
        match recorded.get(&site_id) {
            Some(last) if now.saturating_duration_since(*last) < RECORD_EVERY => false,
            _ => {
                recorded.insert(site_id, now);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_at_most_once_a_minute_per_site() {
        let loads = WidgetLoads::default();
        let start = Instant::now();
        assert!(loads.due(1, start));
        assert!(!loads.due(1, start + Duration::from_secs(59)));
        assert!(
            loads.due(2, start + Duration::from_secs(59)),
            "another site"
        );
        assert!(loads.due(1, start + RECORD_EVERY));
        assert!(!loads.due(1, start + RECORD_EVERY + Duration::from_secs(1)));
    }
}
