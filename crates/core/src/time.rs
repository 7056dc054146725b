//! Time as a value: timestamps and the clock they come from.
//!
//! Nothing in the platform reads the system clock directly; it asks a [`Clock`], so tests move
//! time forward instead of sleeping, and deadlines are computed from a time passed in.

use std::fmt;

/// A moment in UTC, in microseconds since the Unix epoch (the precision both databases keep).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The timestamp `micros` microseconds after the epoch.
    pub const fn from_micros(micros: i64) -> Timestamp {
        Timestamp(micros)
    }

    /// Microseconds since the epoch.
    pub const fn as_micros(self) -> i64 {
        self.0
    }

    /// This moment plus `seconds` (negative goes back).
    pub const fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds.saturating_mul(1_000_000)))
    }

    /// Whole seconds from `earlier` to this moment (negative if `earlier` is later).
    pub const fn seconds_since(self, earlier: Timestamp) -> i64 {
        (self.0 - earlier.0) / 1_000_000
    }

    /// The moment as people in Azerbaijan read it: Baku time (UTC+4, no daylight saving since
    /// 2016), to the minute, `YYYY-MM-DD HH:MM`.
    pub fn baku_minute(self) -> String {
        let (year, month, day, hour, minute, _) = self.plus_seconds(4 * 3600).utc_parts();
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
    }

    /// The civil date and time in UTC: `(year, month, day, hour, minute, second)`.
    pub fn utc_parts(self) -> (i64, u32, u32, u32, u32, u32) {
        let seconds = self.0.div_euclid(1_000_000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let hour = (of_day / 3600) as u32;
        let minute = (of_day % 3600 / 60) as u32;
        let second = (of_day % 60) as u32;
        (year, month, day, hour, minute, second)
    }
}

impl Timestamp {
    /// Midnight UTC at the start of a civil date, or `None` for an impossible date.
    pub fn from_utc_date(year: i64, month: u32, day: u32) -> Option<Timestamp> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > days_in_month {
            return None;
        }
        Some(Timestamp(days_from_civil(year, month, day).checked_mul(86_400_000_000)?))
    }

    /// Parses `YYYY-MM-DD` as midnight UTC.
    pub fn parse_date(text: &str) -> Option<Timestamp> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Timestamp::from_utc_date(year, month, day)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's algorithm: days since 1970-01-01 to a proleptic Gregorian date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, to the second: `2026-11-23T15:20:03Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day, hour, minute, second) = self.utc_parts();
        write!(f, "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }
}

/// Where the current time comes from.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current moment.
    fn now(&self) -> Timestamp;
}

/// A clock that stands still until moved: for tests and simulations.
#[derive(Debug, Default)]
pub struct FixedClock(std::sync::atomic::AtomicI64);

impl FixedClock {
    /// A clock showing `at`.
    pub fn new(at: Timestamp) -> FixedClock {
        FixedClock(std::sync::atomic::AtomicI64::new(at.as_micros()))
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds.saturating_mul(1_000_000), std::sync::atomic::Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(std::sync::atomic::Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_dates_across_leap_years_and_before_the_epoch() {
        assert_eq!(Timestamp::from_micros(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_micros(951_782_400_000_000).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp::from_micros(1_795_447_203_000_000).to_string(), "2026-11-23T15:20:03Z");
        assert_eq!(Timestamp::from_micros(-1_000_000).to_string(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn dates_round_trip_and_impossible_dates_are_refused() {
        for (text, expected) in [
            ("2026-11-23", "2026-11-23T00:00:00Z"),
            ("2024-02-29", "2024-02-29T00:00:00Z"),
            ("1969-12-31", "1969-12-31T00:00:00Z"),
        ] {
            assert_eq!(Timestamp::parse_date(text).map(|t| t.to_string()).as_deref(), Some(expected));
        }
        for bad in ["2025-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "26-1", "tomorrow"] {
            assert_eq!(Timestamp::parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let clock = FixedClock::new(Timestamp::from_micros(0));
        assert_eq!(clock.now(), Timestamp::from_micros(0));
        clock.advance(90);
        assert_eq!(clock.now().seconds_since(Timestamp::from_micros(0)), 90);
    }
}
