//! Points in time as the server keeps them: Unix milliseconds in Rust, read from the one
//! [`crate::clock::Clock`]; in PostgreSQL a `TIMESTAMPTZ`, and in SQLite a fixed-width UTC text
//! (`2026-12-01T00:05:26.123Z`), so that comparing two stored texts compares the times. The database never reads its own
//! clock: every time a statement needs is bound as a parameter.

use std::fmt;
use std::ops::{Add, Sub};
use std::str::FromStr;
use std::time::Duration;

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, UtcOffset};

/// A point in time, to the millisecond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_millis: i64,
}

const MILLIS_A_DAY: i64 = 86_400_000;

impl Timestamp {
    pub fn from_unix_millis(unix_millis: i64) -> Timestamp {
        Timestamp { unix_millis }
    }

    pub fn unix_millis(self) -> i64 {
        self.unix_millis
    }

    /// Midnight UTC starting `date`.
    pub fn start_of(date: Date) -> Timestamp {
        let days =
            i64::from(date.to_julian_day() - OffsetDateTime::UNIX_EPOCH.date().to_julian_day());
        Timestamp::from_unix_millis(days * MILLIS_A_DAY)
    }

    /// The UTC calendar day this instant falls on.
    pub fn date(self) -> Date {
        self.to_offset_date_time().date()
    }

    /// The time from `earlier` to this one, negative when `earlier` is later; in seconds.
    pub fn seconds_since(self, earlier: Timestamp) -> f64 {
        (self.unix_millis - earlier.unix_millis) as f64 / 1000.0
    }

    fn to_offset_date_time(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.unix_millis) * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    fn from_offset_date_time(at: OffsetDateTime) -> Option<Timestamp> {
        i64::try_from(at.unix_timestamp_nanos() / 1_000_000)
            .ok()
            .map(Timestamp::from_unix_millis)
    }
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl Add<Duration> for Timestamp {
    type Output = Timestamp;

    fn add(self, duration: Duration) -> Timestamp {
        Timestamp::from_unix_millis(self.unix_millis.saturating_add(millis(duration)))
    }
}

impl Sub<Duration> for Timestamp {
    type Output = Timestamp;

    fn sub(self, duration: Duration) -> Timestamp {
        Timestamp::from_unix_millis(self.unix_millis.saturating_sub(millis(duration)))
    }
}

impl fmt::Display for Timestamp {
    /// Always the same width (four-digit years), so the texts sort as the times do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.to_offset_date_time();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second(),
            at.millisecond()
        )
    }
}

/// Not an RFC 3339 time.
#[derive(Debug, thiserror::Error)]
#[error("not an RFC 3339 time: {0:?}")]
pub struct BadTimestamp(String);

impl FromStr for Timestamp {
    type Err = BadTimestamp;

    /// Any RFC 3339 time, with or without fractions of a second, in any offset.
    fn from_str(text: &str) -> Result<Timestamp, BadTimestamp> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .and_then(|at| Timestamp::from_offset_date_time(at.to_offset(UtcOffset::UTC)))
            .ok_or_else(|| BadTimestamp(text.to_owned()))
    }
}

impl Type<Sqlite> for Timestamp {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for Timestamp {
    fn encode_by_ref(
        &self,
        args: &mut Vec<SqliteArgumentValue<'q>>,
    ) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.to_string(), args)
    }
}

impl<'r> Decode<'r, Sqlite> for Timestamp {
    fn decode(value: SqliteValueRef<'r>) -> Result<Timestamp, BoxDynError> {
        let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
        Ok(text.parse()?)
    }
}

impl Type<Postgres> for Timestamp {
    fn type_info() -> PgTypeInfo {
        <OffsetDateTime as Type<Postgres>>::type_info()
    }
}

impl<'q> Encode<'q, Postgres> for Timestamp {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <OffsetDateTime as Encode<'q, Postgres>>::encode(self.to_offset_date_time(), buf)
    }
}

impl<'r> Decode<'r, Postgres> for Timestamp {
    fn decode(value: PgValueRef<'r>) -> Result<Timestamp, BoxDynError> {
        let at = <OffsetDateTime as Decode<'r, Postgres>>::decode(value)?;
        Ok(Timestamp::from_offset_date_time(at).ok_or("a time out of range")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_have_one_width_and_sort_as_the_times_do() {
        let times = [0, 999, 1_000, 59_999, 1_764_547_526_123, 4_102_444_800_000];
        let texts: Vec<String> = times
            .iter()
            .map(|&ms| Timestamp::from_unix_millis(ms).to_string())
            .collect();
        assert_eq!(texts[0], "1970-01-01T00:00:00.000Z");
        assert_eq!(texts[4], "2025-12-01T00:05:26.123Z");
        assert!(texts.iter().all(|text| text.len() == 24));
        assert!(texts.windows(2).all(|pair| pair[0] < pair[1]));
        for (text, ms) in texts.iter().zip(times) {
            assert_eq!(text.parse::<Timestamp>().unwrap().unix_millis(), ms);
        }
    }

    #[test]
    fn reads_whole_seconds_and_other_offsets() {
        let whole: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let offset: Timestamp = "2026-12-01T11:00:00.500+01:00".parse().unwrap();
        assert_eq!(offset.seconds_since(whole), 0.5);
        assert!("yesterday".parse::<Timestamp>().is_err());
    }

    #[test]
    fn days_start_at_midnight_utc() {
        let at: Timestamp = "2026-12-01T23:59:59.999Z".parse().unwrap();
        assert_eq!(
            Timestamp::start_of(at.date()).to_string(),
            "2026-12-01T00:00:00.000Z"
        );
        assert_eq!(
            (at + Duration::from_millis(1)).date().to_string(),
            "2026-12-02"
        );
    }
}
