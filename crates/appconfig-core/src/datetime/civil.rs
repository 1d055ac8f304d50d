//! The proleptic Gregorian calendar in UTC: days since the Unix epoch to and from year, month and
//! day (Howard Hinnant's `days_from_civil` / `civil_from_days`), and the fields of a timestamp.
//!
//! Everything here works on the whole `i64` range of days the callers can produce without
//! overflow; the range of years a [`super::DateTime`] may hold (1 to 9999) is checked by callers.

/// Seconds in a day.
pub(super) const SECS_PER_DAY: i64 = 86_400;

/// Whether `year` has a 29 February.
pub(super) fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1 to 12) of `year`; 0 for a month that does not exist.
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to `year-month-day` (negative before it). `month` is 1 to 12 and `day`
/// 1 to 31; the caller checks that the day exists.
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = i64::from((month + 9) % 12); // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// Year, month (1 to 12) and day (1 to 31) of the day `days` after 1970-01-01.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day of the week, Monday = 0 to Sunday = 6, of the day `days` after 1970-01-01 (a Thursday).
pub(super) fn weekday_from_monday(days: i64) -> usize {
    (days + 3).rem_euclid(7) as usize
}

/// The calendar fields of a UTC timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fields {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: u32,
    /// Days since 1970-01-01, for the weekday.
    pub(super) days: i64,
}

impl Fields {
    /// The fields of `secs` seconds since the Unix epoch.
    pub(super) fn of(secs: i64) -> Fields {
        let days = secs.div_euclid(SECS_PER_DAY);
        let in_day = secs.rem_euclid(SECS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Fields {
            year,
            month,
            day,
            hour: in_day / 3600,
            minute: in_day / 60 % 60,
            second: in_day % 60,
            days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1, 1, 1), -719_162);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        // 1994-11-06 was a Sunday, 2024-02-29 a Thursday.
        assert_eq!(weekday_from_monday(days_from_civil(1994, 11, 6)), 6);
        assert_eq!(weekday_from_monday(19_782), 3);
    }

    /// Every day round-trips, one after the other, over six 400-year cycles of the calendar
    /// from year 1 and over the last four centuries of the range.
    #[test]
    fn every_day_round_trips() {
        let years = (1..=2400).chain(9600..=9999);
        let mut expected = days_from_civil(1, 1, 1);
        for year in years {
            if year == 9600 {
                expected = days_from_civil(9600, 1, 1);
                assert_eq!(
                    days_from_civil(9601, 1, 1) - days_from_civil(1, 1, 1),
                    146_097 * 24
                );
            }
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), expected);
                    assert_eq!(civil_from_days(expected), (year, month, day));
                    expected += 1;
                }
            }
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(4));
        assert!(!is_leap_year(1900) && !is_leap_year(2023) && !is_leap_year(2100));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2024, 13), 0);
    }
}
