//! How many requests a client may make: one quota per route class, applied separately to each
//! client IP and to each bearer token, plus caps on open event streams. `--rate-limits` takes
//! `on` (the defaults below), `off`, or overrides like `search=600/min,visitors=60/hour`.

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;
use std::time::Duration;

use governor::Quota;

/// A group of routes sharing one quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RouteClass {
    /// The site configuration, fetched on every page view.
    Config,
    /// The loader, the widget's files and the console's files.
    Assets,
    Search,
    /// New visitor tokens.
    Visitors,
    /// New questions.
    Ask,
    /// Answers posted or edited.
    Answers,
    /// Votes, flags, "this helped" feedback and accepting an answer.
    Reactions,
    /// New escalations to staff.
    Escalations,
    /// Creating and accepting helper and staff invitations.
    Invites,
    /// Helper and staff sign-in.
    SignIn,
    /// Opening an event stream.
    Events,
    /// The staff console's work: tickets, moderation, settings, insights, webhooks.
    Staff,
    /// Every other API read or small write (threads, presence, the queue, the leaderboard).
    Read,
}

/// Every class with its name in `--rate-limits` and its default quota: generous enough that a
/// real visitor, helper or staff member never meets it, even several behind one office address.
pub const CLASSES: &[(RouteClass, &str, Rate)] = &[
    (RouteClass::Config, "config", Rate::new(600, Per::Minute)),
    (RouteClass::Assets, "assets", Rate::new(600, Per::Minute)),
    // Search-as-you-type sends one request per pause in typing.
    (RouteClass::Search, "search", Rate::new(300, Per::Minute)),
    (RouteClass::Visitors, "visitors", Rate::new(30, Per::Hour)),
    (RouteClass::Ask, "ask", Rate::new(30, Per::Hour)),
    (RouteClass::Answers, "answers", Rate::new(120, Per::Hour)),
    (
        RouteClass::Reactions,
        "reactions",
        Rate::new(240, Per::Hour),
    ),
    (
        RouteClass::Escalations,
        "escalations",
        Rate::new(20, Per::Hour),
    ),
    (RouteClass::Invites, "invites", Rate::new(60, Per::Hour)),
    (RouteClass::SignIn, "sign-in", Rate::new(60, Per::Hour)),
    (RouteClass::Events, "events", Rate::new(120, Per::Minute)),
    (RouteClass::Staff, "staff", Rate::new(1200, Per::Minute)),
    (RouteClass::Read, "read", Rate::new(1200, Per::Minute)),
];

/// Default cap on event streams open at once with one token (a visitor's tabs).
pub const DEFAULT_STREAMS_PER_TOKEN: u32 = 5;
/// Default cap on event streams open at once from one IP address.
pub const DEFAULT_STREAMS_PER_IP: u32 = 50;

/// The unit of a [`Rate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Second,
    Minute,
    Hour,
    Day,
}

impl Per {
    fn duration(self) -> Duration {
        Duration::from_secs(match self {
            Per::Second => 1,
            Per::Minute => 60,
            Per::Hour => 3600,
            Per::Day => 86_400,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Per::Second => "sec",
            Per::Minute => "min",
            Per::Hour => "hour",
            Per::Day => "day",
        }
    }
}

/// `count` requests per `per`; all of them may come at once, then they refill evenly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    count: NonZeroU32,
    per: Per,
}

impl Rate {
    const fn new(count: u32, per: Per) -> Rate {
        match NonZeroU32::new(count) {
            Some(count) => Rate { count, per },
            None => panic!("a rate allows at least one request"),
        }
    }

    /// The governor quota: a burst of `count`, one more every `per / count`.
    pub fn quota(self) -> Quota {
        Quota::with_period(self.per.duration() / self.count.get())
            .expect("a rate's period is never zero")
            .allow_burst(self.count)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.count, self.per.name())
    }
}

impl FromStr for Rate {
    type Err = String;

    fn from_str(text: &str) -> Result<Rate, String> {
        let invalid =
            || format!("{text:?} is not a rate like 600/min (units: sec, min, hour, day)");
        let (count, unit) = text.split_once('/').ok_or_else(invalid)?;
        let count = count.trim().parse::<NonZeroU32>().map_err(|_| invalid())?;
        let per = match unit.trim() {
            "s" | "sec" | "second" => Per::Second,
            "m" | "min" | "minute" => Per::Minute,
            "h" | "hour" => Per::Hour,
            "d" | "day" => Per::Day,
            _ => return Err(invalid()),
        };
        // A period under a nanosecond cannot be represented: nobody needs that rate.
        if per.duration().as_nanos() < u128::from(count.get()) {
            return Err(invalid());
        }
        Ok(Rate { count, per })
    }
}

/// The `--rate-limits` setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// `false` with `--rate-limits off`: nothing is limited (benchmarks, trusted networks).
    pub enabled: bool,
    rates: Vec<(RouteClass, Rate)>,
    pub streams_per_token: u32,
    pub streams_per_ip: u32,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            enabled: true,
            rates: CLASSES
                .iter()
                .map(|&(class, _, rate)| (class, rate))
                .collect(),
            streams_per_token: DEFAULT_STREAMS_PER_TOKEN,
            streams_per_ip: DEFAULT_STREAMS_PER_IP,
        }
    }
}

impl RateLimits {
    /// No limits at all.
    pub fn off() -> RateLimits {
        RateLimits {
            enabled: false,
            ..RateLimits::default()
        }
    }

    /// The quota of `class`.
    pub fn rate(&self, class: RouteClass) -> Rate {
        self.rates
            .iter()
            .find(|(c, _)| *c == class)
            .map(|&(_, rate)| rate)
            .expect("every class has a rate")
    }
}

impl FromStr for RateLimits {
    type Err = String;

    /// `on`, `off`, or comma-separated `class=N/unit` and `streams-per-token=N`,
    /// `streams-per-ip=N` overriding the defaults.
    fn from_str(text: &str) -> Result<RateLimits, String> {
        match text.trim() {
            "on" => return Ok(RateLimits::default()),
            "off" => return Ok(RateLimits::off()),
            _ => {}
        }
        let mut limits = RateLimits::default();
        for setting in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = setting
                .split_once('=')
                .ok_or_else(|| format!("{setting:?} is not NAME=VALUE, like search=600/min"))?;
            let (name, value) = (name.trim(), value.trim());
            match name {
                "streams-per-token" => limits.streams_per_token = stream_cap(name, value)?,
                "streams-per-ip" => limits.streams_per_ip = stream_cap(name, value)?,
                _ => {
                    let class = CLASSES
                        .iter()
                        .find(|(_, class_name, _)| *class_name == name)
                        .map(|&(class, _, _)| class)
                        .ok_or_else(|| unknown_class(name))?;
                    let rate = value.parse::<Rate>()?;
                    for entry in limits.rates.iter_mut().filter(|(c, _)| *c == class) {
                        entry.1 = rate;
                    }
                }
            }
        }
        Ok(limits)
    }
}

fn stream_cap(name: &str, value: &str) -> Result<u32, String> {
    value
        .parse::<NonZeroU32>()
        .map(NonZeroU32::get)
        .map_err(|_| format!("{name} must be a whole number above 0, not {value:?}"))
}

fn unknown_class(name: &str) -> String {
    let names: Vec<&str> = CLASSES.iter().map(|(_, name, _)| *name).collect();
    format!(
        "{name:?} is not a rate limit: use on, off, or NAME=N/unit with NAME one of {}, \
         streams-per-token, streams-per-ip",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_only_the_named_classes() {
        let limits: RateLimits = "search=600/min, visitors=60/hour,streams-per-ip=9"
            .parse()
            .unwrap();
        assert!(limits.enabled);
        assert_eq!(limits.rate(RouteClass::Search).to_string(), "600/min");
        assert_eq!(limits.rate(RouteClass::Visitors).to_string(), "60/hour");
        assert_eq!(limits.rate(RouteClass::Ask).to_string(), "30/hour");
        assert_eq!(limits.streams_per_ip, 9);
        assert!(!"off".parse::<RateLimits>().unwrap().enabled);
        assert_eq!("on".parse::<RateLimits>().unwrap(), RateLimits::default());
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        for bad in [
            "serch=1/min",
            "search=0/min",
            "search=10/fortnight",
            "search",
            "streams-per-token=0",
        ] {
            let error = bad.parse::<RateLimits>().unwrap_err();
            assert!(!error.is_empty(), "{bad}");
        }
        assert!(
            "serch=1/min"
                .parse::<RateLimits>()
                .unwrap_err()
                .contains("search")
        );
    }
}
