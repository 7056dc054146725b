//! The working-day calendar of Azerbaijan and the Civil Code's rules for counting periods.
//!
//! A year's non-working days are: Saturdays and Sundays; the fixed non-working holidays of the
//! Labour Code (art. 105.2) and the day of mourning (art. 106); the movable holidays (Novruz,
//! Ramazan, Qurban), whose dates the Cabinet of Ministers announces every year (105.4); a rest
//! day for every holiday day that falls on a weekend, moved to the first working day after the
//! holiday (105.5); a rest day for every day of Qurban or Ramazan that coincides with another
//! non-working holiday (105.6); and the Cabinet's swaps of working and rest days (105.7). The
//! yearly part is data (`calendar/az-YEAR.txt`); a year without data is refused rather than
//! guessed.
//!
//! Counting (Civil Code): a period starts on the day after the event (368); one whose last day
//! is not a working day ends on the next working day (370.2).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A civil date, as a day count from 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// The date, or `None` if it does not exist.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        crate::Timestamp::from_utc_date(year, month, day).map(|at| Date(at.as_micros() / 86_400_000_000))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        crate::Timestamp::parse_date(text).map(|at| Date(at.as_micros() / 86_400_000_000))
    }

    /// The date of a moment in Baku (UTC+4, no daylight saving since 2016).
    pub fn in_baku(at: crate::Timestamp) -> Date {
        Date((at.as_micros() + 4 * 3_600_000_000).div_euclid(86_400_000_000))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i64, u32, u32) {
        let (year, month, day, ..) = crate::Timestamp::from_micros(self.0 * 86_400_000_000).utc_parts();
        (year, month, day)
    }

    /// The year.
    pub fn year(self) -> i64 {
        self.ymd().0
    }

    /// The date `days` later (earlier if negative).
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Days from this date to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    /// Whether it is a Saturday or a Sunday.
    pub fn is_weekend(self) -> bool {
        // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Monday.
        (self.0 + 3).rem_euclid(7) >= 5
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// The non-working holidays with a fixed date (Labour Code 105.2, and 106 for 20 January).
const FIXED_HOLIDAYS: [(u32, u32); 11] =
    [(1, 1), (1, 2), (1, 20), (3, 8), (5, 9), (5, 28), (6, 15), (6, 26), (11, 8), (11, 9), (12, 31)];

/// Which kind of holiday a day is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holiday {
    Fixed,
    Novruz,
    Ramazan,
    Qurban,
}

/// Why a calendar cannot answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// No data for that year: the movable holidays are not known.
    #[error("no working-day calendar for {0}")]
    UnknownYear(i64),
    /// A data file is malformed.
    #[error("calendar {file} line {line}: {reason}")]
    Malformed {
        /// The file's name.
        file: String,
        /// The line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// One year's non-working days, computed.
#[derive(Clone, Debug)]
struct Year {
    off: BTreeSet<Date>,
    verified: bool,
}

/// The working-day calendar for the years it has data for.
#[derive(Clone, Debug, Default)]
pub struct WorkingCalendar {
    years: BTreeMap<i64, Year>,
}

/// The built-in yearly data files.
pub const AZERBAIJAN: &[(&str, &str)] = &[
    ("az-2026.txt", include_str!("../calendar/az-2026.txt")),
    ("az-2027.txt", include_str!("../calendar/az-2027.txt")),
];

impl WorkingCalendar {
    /// Azerbaijan's calendar from the built-in data.
    pub fn azerbaijan() -> Result<WorkingCalendar, CalendarError> {
        WorkingCalendar::from_sources(AZERBAIJAN)
    }

    /// A calendar from yearly data files: `(name, text)`.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<WorkingCalendar, CalendarError> {
        let mut calendar = WorkingCalendar::default();
        for (name, text) in sources {
            let (year, rules) = parse_year(name, text)?;
            calendar.years.insert(year, rules);
        }
        Ok(calendar)
    }

    fn year(&self, year: i64) -> Result<&Year, CalendarError> {
        self.years.get(&year).ok_or(CalendarError::UnknownYear(year))
    }

    /// Whether the date is a working day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        Ok(!self.year(date.year())?.off.contains(&date))
    }

    /// Whether the year's data is confirmed against the Cabinet's decision.
    pub fn is_verified(&self, year: i64) -> Result<bool, CalendarError> {
        Ok(self.year(year)?.verified)
    }

    /// The date itself if it is a working day, else the next one.
    pub fn on_or_after(&self, date: Date) -> Result<Date, CalendarError> {
        let mut day = date;
        while !self.is_working_day(day)? {
            day = day.plus_days(1);
        }
        Ok(day)
    }

    /// The last day of a period of `days` working days after `event` (the period starts the day
    /// after, Civil Code 368).
    pub fn working_days_after(&self, event: Date, days: u32) -> Result<Date, CalendarError> {
        let mut day = event;
        let mut counted = 0;
        while counted < days {
            day = day.plus_days(1);
            if self.is_working_day(day)? {
                counted += 1;
            }
        }
        Ok(day)
    }

    /// How many working days fall after `after` up to and including `up_to` (zero when `up_to`
    /// is not later): what is left of a period paused on `after` that ends on `up_to`.
    pub fn working_days_between(&self, after: Date, up_to: Date) -> Result<u32, CalendarError> {
        let mut day = after;
        let mut counted = 0;
        while day < up_to {
            day = day.plus_days(1);
            if self.is_working_day(day)? {
                counted += 1;
            }
        }
        Ok(counted)
    }

    /// The last day of a period of `days` calendar days after `event`, moved to the next
    /// working day when it is not one (Civil Code 370.2).
    pub fn calendar_days_after(&self, event: Date, days: u32) -> Result<Date, CalendarError> {
        self.on_or_after(event.plus_days(i64::from(days)))
    }
}

fn parse_year(name: &str, text: &str) -> Result<(i64, Year), CalendarError> {
    let malformed =
        |line: usize, reason: &str| CalendarError::Malformed { file: name.to_owned(), line, reason: reason.to_owned() };
    let mut year = None;
    let mut holidays: Vec<(Date, Holiday)> = Vec::new();
    let (mut rest, mut work) = (Vec::new(), Vec::new());
    let mut verified = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let date = |word: Option<&&str>| {
            word.and_then(|w| Date::parse(w)).ok_or_else(|| malformed(line_no, "expected a date YYYY-MM-DD"))
        };
        match words.first().copied() {
            Some("status") => match words.get(1).copied() {
                Some("verified") => verified = Some(true),
                Some("unverified") => verified = Some(false),
                _ => return Err(malformed(line_no, "status is verified or unverified")),
            },
            Some(kind @ ("novruz" | "ramazan" | "qurban")) => {
                let (first, last) = (date(words.get(1))?, date(words.get(2))?);
                if last < first {
                    return Err(malformed(line_no, "the last day is before the first"));
                }
                let holiday = match kind {
                    "novruz" => Holiday::Novruz,
                    "ramazan" => Holiday::Ramazan,
                    _ => Holiday::Qurban,
                };
                let mut day = first;
                while day <= last {
                    holidays.push((day, holiday));
                    day = day.plus_days(1);
                }
                year.get_or_insert(first.year());
            }
            Some("rest") => rest.push(date(words.get(1))?),
            Some("work") => work.push(date(words.get(1))?),
            _ => return Err(malformed(line_no, "expected status, novruz, ramazan, qurban, rest or work")),
        }
    }
    let year = year.ok_or_else(|| malformed(0, "no movable holiday: which year is this?"))?;
    let verified = verified.ok_or_else(|| malformed(0, "no status line"))?;
    for (month, day) in FIXED_HOLIDAYS {
        if let Some(date) = Date::from_ymd(year, month, day) {
            holidays.push((date, Holiday::Fixed));
        }
    }
    if let Some(wrong) = holidays
        .iter()
        .map(|(d, _)| *d)
        .chain(rest.iter().copied())
        .chain(work.iter().copied())
        .find(|d| d.year() != year)
    {
        return Err(malformed(0, &format!("{wrong} is not in {year}")));
    }
    let holiday_days: BTreeSet<Date> = holidays.iter().map(|(day, _)| *day).collect();
    // Rest days owed by 105.5 (a holiday day on a weekend) and 105.6 (a Qurban or Ramazan day
    // that is also another non-working holiday), each taken on the first working day after it.
    let mut owed: Vec<Date> = holidays.iter().filter(|(day, _)| day.is_weekend()).map(|(day, _)| *day).collect();
    for (day, holiday) in &holidays {
        let overlaps = holidays.iter().any(|(other, kind)| other == day && kind != holiday);
        if matches!(holiday, Holiday::Ramazan | Holiday::Qurban) && overlaps && !day.is_weekend() {
            owed.push(*day);
        }
    }
    owed.sort();
    let mut off: BTreeSet<Date> = holiday_days.clone();
    for day in owed {
        let mut candidate = day.plus_days(1);
        while candidate.is_weekend() || off.contains(&candidate) {
            candidate = candidate.plus_days(1);
        }
        off.insert(candidate);
    }
    let mut day = Date::from_ymd(year, 1, 1).ok_or_else(|| malformed(0, "year"))?;
    while day.year() == year {
        if day.is_weekend() {
            off.insert(day);
        }
        day = day.plus_days(1);
    }
    off.extend(rest);
    for day in work {
        off.remove(&day);
    }
    Ok((year, Year { off, verified }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn dates_know_their_weekday_and_baku_time() {
        assert!(d("2026-11-21").is_weekend() && d("2026-11-22").is_weekend());
        assert!(!d("2026-11-23").is_weekend());
        assert_eq!(d("2026-12-31").plus_days(1).to_string(), "2027-01-01");
        let late_evening_utc = crate::Timestamp::parse_date("2026-11-23").unwrap().plus_seconds(21 * 3600);
        assert_eq!(Date::in_baku(late_evening_utc).to_string(), "2026-11-24");
    }

    /// Synthetic data for 2027, only to test arithmetic across the year end.
    const TEST_2027: &str = "status unverified\nnovruz 2027-03-20 2027-03-24\n";

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::from_sources(&[AZERBAIJAN[0], ("test-2027", TEST_2027)]).unwrap()
    }

    fn off(calendar: &WorkingCalendar, from: &str, to: &str) -> Vec<String> {
        let mut day = d(from);
        let mut days = Vec::new();
        while day <= d(to) {
            if !calendar.is_working_day(day).unwrap() {
                days.push(day.to_string());
            }
            day = day.plus_days(1);
        }
        days
    }

    #[test]
    fn novruz_and_ramazan_2026_by_the_labour_codes_rules() {
        // Novruz 20–24 March (Fri–Tue) with its weekend, Ramazan 20–21 March on top: two weekend
        // holiday days (Novruz) and one (Ramazan) move to the next working days (105.5), and the
        // Ramazan Friday that is also Novruz adds one more (105.6).
        let calendar = calendar();
        assert_eq!(
            off(&calendar, "2026-03-19", "2026-03-31"),
            [
                "2026-03-20",
                "2026-03-21",
                "2026-03-22",
                "2026-03-23",
                "2026-03-24",
                "2026-03-25",
                "2026-03-26",
                "2026-03-27",
                "2026-03-28",
                "2026-03-29",
                "2026-03-30"
            ]
        );
        assert!(!calendar.is_verified(2026).unwrap(), "the yearly data says it awaits the Cabinet's decision");
    }

    #[test]
    fn qurban_on_independence_day_and_victory_day_on_a_sunday() {
        let calendar = calendar();
        // Qurban 27–28 May; 28 May is also Independence Day, so 29 May is a day off (105.6).
        assert_eq!(
            off(&calendar, "2026-05-26", "2026-06-01"),
            ["2026-05-27", "2026-05-28", "2026-05-29", "2026-05-30", "2026-05-31"]
        );
        // Victory Day, Sunday 8 November: the rest day moves past Flag Day (Monday) to Tuesday.
        assert_eq!(
            off(&calendar, "2026-11-07", "2026-11-11"),
            ["2026-11-07", "2026-11-08", "2026-11-09", "2026-11-10"]
        );
        // Restoration of Independence (18 Oct) and National Revival (17 Nov) are working days.
        assert!(calendar.is_working_day(d("2026-11-17")).unwrap());
    }

    #[test]
    fn a_paused_period_keeps_its_remaining_working_days() {
        let calendar = calendar();
        // Paused on Friday 4 December with the period ending Monday 7 December: one working day
        // (the 7th) is left; resumed on 10 December it ends on the 11th.
        let left = calendar.working_days_between(d("2026-12-04"), d("2026-12-07")).unwrap();
        assert_eq!(left, 1);
        assert_eq!(calendar.working_days_after(d("2026-12-10"), left).unwrap().to_string(), "2026-12-11");
        assert_eq!(calendar.working_days_between(d("2026-12-07"), d("2026-12-04")).unwrap(), 0);
        // Across the year end: 30 Dec 2026 → 6 Jan 2027 holds 31 Dec, 1, 2 and 4 Jan off.
        assert_eq!(calendar.working_days_between(d("2026-12-29"), d("2027-01-06")).unwrap(), 3);
    }

    #[test]
    fn periods_start_the_next_day_and_end_on_a_working_day() {
        let calendar = calendar();
        assert_eq!(calendar.working_days_after(d("2026-11-23"), 10).unwrap().to_string(), "2026-12-07");
        assert_eq!(
            calendar.working_days_after(d("2026-11-20"), 1).unwrap().to_string(),
            "2026-11-23",
            "Friday's event: Monday"
        );
        // 30 calendar days from 1 December end on 31 December, a holiday; 1–2 January are holidays,
        // 2 January is a Saturday whose rest day moves to Monday 4 January: the period ends on the 5th.
        assert_eq!(calendar.calendar_days_after(d("2026-12-01"), 30).unwrap().to_string(), "2027-01-05");
        assert_eq!(calendar.working_days_after(d("2026-12-30"), 2).unwrap().to_string(), "2027-01-06");
    }

    #[test]
    fn a_year_without_data_is_refused_and_bad_data_is_named() {
        let calendar = WorkingCalendar::azerbaijan().unwrap();
        assert_eq!(calendar.calendar_days_after(d("2027-12-20"), 30), Err(CalendarError::UnknownYear(2028)));
        let error =
            WorkingCalendar::from_sources(&[("bad.txt", "status unverified\nnovruz 2026-03-20\n")]).unwrap_err();
        assert_eq!(error.to_string(), "calendar bad.txt line 2: expected a date YYYY-MM-DD");
        let error = WorkingCalendar::from_sources(&[(
            "bad.txt",
            "status unverified\nnovruz 2026-03-20 2026-03-24\nrest 2025-01-03\n",
        )])
        .unwrap_err();
        assert!(error.to_string().contains("is not in 2026"), "{error}");
    }
}
