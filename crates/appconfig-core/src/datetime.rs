//! ISO 8601 / RFC 3339 timestamps, as AppConfig sends them (`timestampFormat: iso8601`).

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// A point in time with millisecond-or-better precision.
///
/// Parsed from RFC 3339 / ISO 8601 strings with optional fractional seconds and a `Z` or numeric
/// offset (`2021-09-17T21:43:54.205Z`, `2021-09-17T21:43:54.205000+00:00`), which is what AppConfig
/// sends and what `aws appconfig get-deployment` prints. Numbers are read as epoch seconds, as
/// botocore does. Serialized back as RFC 3339 in UTC.
///
/// Always within the years 0000 to 9999 in UTC, the range RFC 3339 can write, so that every
/// value serializes to a timestamp that parses back: parsing refuses what lies outside, and
/// arithmetic and conversions saturate at its ends.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(OffsetDateTime);

/// The first instant a `DateTime` holds, 0000-01-01T00:00:00Z.
const EARLIEST: OffsetDateTime = time::macros::datetime!(0000-01-01 00:00:00 UTC);
/// The last instant a `DateTime` holds, 9999-12-31T23:59:59.999999999Z.
const LATEST: OffsetDateTime = time::macros::datetime!(9999-12-31 23:59:59.999_999_999 UTC);

/// `t` in UTC when that is within the years 0000 to 9999. (`to_offset` panics where the UTC
/// date leaves the `time` crate's range, as `9999-12-31T23:59:59-01:00` does.)
fn in_range(t: OffsetDateTime) -> Option<OffsetDateTime> {
    t.checked_to_offset(UtcOffset::UTC)
        .filter(|u| (EARLIEST..=LATEST).contains(u))
}

/// `t` in UTC, saturated at the ends of the range.
fn saturate(t: OffsetDateTime) -> OffsetDateTime {
    match t.checked_to_offset(UtcOffset::UTC) {
        Some(u) => u.clamp(EARLIEST, LATEST),
        // Only at the `time` crate's own limits, ±9999 years.
        None if t.year() < 0 => EARLIEST,
        None => LATEST,
    }
}

/// The instant `nanos` after the epoch, saturated at the ends of the range.
fn saturate_nanos(nanos: i128) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .map_or(if nanos < 0 { EARLIEST } else { LATEST }, saturate)
}

impl DateTime {
    /// Parses an RFC 3339 / ISO 8601 timestamp.
    ///
    /// # Errors
    /// Returns a description of the problem when `s` is not a valid timestamp.
    pub fn parse(s: &str) -> Result<Self, String> {
        let trimmed = s.trim();
        // RFC 3339 allows a lower-case `t` and `z`; the `time` parser wants upper case.
        let normalized = trimmed.to_ascii_uppercase();
        let t = OffsetDateTime::parse(&normalized, &Rfc3339)
            .map_err(|e| format!("invalid timestamp {trimmed:?}: {e}"))?;
        in_range(t).map(DateTime).ok_or_else(|| {
            format!("invalid timestamp {trimmed:?}: outside the years 0000 to 9999 in UTC")
        })
    }

    /// From seconds (with fraction) since the Unix epoch.
    ///
    /// # Errors
    /// Returns a description when the value is not finite or out of range.
    pub fn from_epoch_seconds(secs: f64) -> Result<Self, String> {
        if !secs.is_finite() {
            return Err(format!("invalid epoch timestamp {secs}"));
        }
        // Years 1 to 9999 lie within ±2.6e11 s. Checked before any integer arithmetic: a value
        // such as 1e300 would overflow the nanosecond product (a panic in debug builds, a silent
        // wrong date in release).
        if secs.abs() > 1e12 {
            return Err(format!("epoch timestamp {secs} out of range"));
        }
        // Whole seconds and microseconds apart, as botocore reads them: `secs * 1e9` would lose
        // the last digits to binary floating point (1631915034.205 → …034.204999744).
        let whole = secs.trunc();
        let micros = ((secs - whole) * 1e6).round();
        let nanos = whole as i128 * 1_000_000_000 + micros as i128 * 1_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .and_then(in_range)
            .map(DateTime)
            .ok_or_else(|| format!("epoch timestamp {secs} out of range"))
    }

    /// From milliseconds since the Unix epoch (what JavaScript's `Date` holds), saturated at
    /// the years 0000 and 9999.
    pub fn from_epoch_millis(ms: i64) -> Self {
        DateTime(saturate_nanos(i128::from(ms) * 1_000_000))
    }

    /// Milliseconds since the Unix epoch.
    pub fn epoch_millis(&self) -> i64 {
        (self.0.unix_timestamp_nanos() / 1_000_000) as i64
    }

    /// Seconds since the Unix epoch.
    pub fn epoch_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The underlying `time` value.
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// The equivalent [`SystemTime`] (constructing one never reads the clock, so this is safe on wasm).
    ///
    /// Saturates at the platform's range instead of panicking: on `wasm32-unknown-unknown`
    /// `SystemTime` cannot go before 1970, and earlier times become the epoch.
    pub fn to_system_time(&self) -> SystemTime {
        let nanos = self.0.unix_timestamp_nanos();
        let magnitude =
            Duration::from_nanos(u64::try_from(nanos.unsigned_abs()).unwrap_or(u64::MAX));
        let t = if nanos >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(magnitude)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(magnitude)
        };
        t.unwrap_or(SystemTime::UNIX_EPOCH)
    }

    /// From a [`SystemTime`], saturated at the years 0000 and 9999 (`OffsetDateTime::from`
    /// would panic past the `time` crate's range).
    pub fn from_system_time(t: SystemTime) -> Self {
        let nanos = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
            Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
        };
        DateTime(saturate_nanos(nanos))
    }

    /// RFC 3339 in UTC, fractional seconds only when present (`2021-09-17T21:43:54.205Z`).
    pub fn to_rfc3339(&self) -> String {
        self.0
            .format(&Rfc3339)
            .unwrap_or_else(|_| self.0.unix_timestamp().to_string())
    }

    /// `self + ms` milliseconds (negative moves back), saturated at the years 0000 and 9999.
    pub fn add_millis(&self, ms: i64) -> Self {
        DateTime(
            self.0
                .checked_add(time::Duration::milliseconds(ms))
                .map_or(if ms < 0 { EARLIEST } else { LATEST }, saturate),
        )
    }

    /// Milliseconds from `earlier` to `self` (negative when `self` is before it).
    pub fn millis_since(&self, earlier: &DateTime) -> i64 {
        (self.0 - earlier.0).whole_milliseconds() as i64
    }

    /// The ISO 8601 basic form SigV4 signs with, as in `x-amz-date` (`20150830T123600Z`).
    pub fn to_amz_date(&self) -> String {
        let t = self.0;
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// The HTTP-date form (`Sun, 06 Nov 1994 08:49:37 GMT`), as in a `Date` header.
    pub fn to_http_date(&self) -> String {
        let t = self.0;
        format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            DAYS[t.weekday().number_days_from_monday() as usize],
            t.day(),
            MONTHS[u8::from(t.month()) as usize - 1],
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// Parses an HTTP-date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), as in a `Date` header.
    ///
    /// # Errors
    /// Returns a description when `s` is not an IMF-fixdate.
    pub fn parse_http_date(s: &str) -> Result<Self, String> {
        let invalid = |why: &str| format!("invalid HTTP date {s:?}: {why}");
        // `Sun, 06 Nov 1994 08:49:37 GMT`: fixed width, read by position (the `time` crate's
        // runtime format-description parser costs the npm package 12 KiB for this one line).
        let b = s.trim().as_bytes();
        if b.len() != 29
            || &b[3..5] != b", "
            || b[7] != b' '
            || b[11] != b' '
            || b[16] != b' '
            || b[19] != b':'
            || b[22] != b':'
            || &b[25..] != b" GMT"
        {
            return Err(invalid("expected the form `Sun, 06 Nov 1994 08:49:37 GMT`"));
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
            b[r].iter().try_fold(0u16, |n, &c| {
                c.is_ascii_digit()
                    .then(|| n * 10 + u16::from(c - b'0'))
                    .ok_or_else(|| invalid("a number is not valid"))
            })
        };
        let month = MONTHS
            .iter()
            .position(|m| m.as_bytes() == &b[8..11])
            .ok_or_else(|| invalid("the month is not valid"))?;
        let weekday = DAYS
            .iter()
            .position(|d| d.as_bytes() == &b[0..3])
            .ok_or_else(|| invalid("the weekday is not valid"))?;
        let month = time::Month::try_from(month as u8 + 1).map_err(|e| invalid(&e.to_string()))?;
        let date = time::Date::from_calendar_date(i32::from(num(12..16)?), month, num(5..7)? as u8)
            .map_err(|e| invalid(&e.to_string()))?;
        if date.weekday().number_days_from_monday() as usize != weekday {
            return Err(invalid("the weekday does not match the date"));
        }
        let time = time::Time::from_hms(num(17..19)? as u8, num(20..22)? as u8, num(23..25)? as u8)
            .map_err(|e| invalid(&e.to_string()))?;
        Ok(DateTime(
            time::PrimitiveDateTime::new(date, time).assume_utc(),
        ))
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl From<OffsetDateTime> for DateTime {
    /// In UTC, saturated at the years 0000 and 9999.
    fn from(t: OffsetDateTime) -> Self {
        DateTime(saturate(t))
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_rfc3339())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 timestamp string or epoch seconds")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                DateTime::parse(v).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
                DateTime::from_epoch_seconds(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
                DateTime::from_epoch_seconds(v as f64).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
                DateTime::from_epoch_seconds(v as f64).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_aws_and_the_cli_print() {
        let a = DateTime::parse("2021-09-17T21:43:54.205Z").unwrap();
        let b = DateTime::parse("2021-09-17T21:43:54.205000+00:00").unwrap();
        let c = DateTime::parse("2021-09-17T23:43:54.205+02:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.epoch_millis(), 1_631_915_034_205);
        assert_eq!(a.to_rfc3339(), "2021-09-17T21:43:54.205Z");
        assert_eq!(
            DateTime::parse("2021-09-17t21:43:54z")
                .unwrap()
                .epoch_seconds(),
            1_631_915_034
        );
    }

    /// Huge epoch numbers are an error, never an overflow (was a panic in debug builds and
    /// 1969-12-31 in release).
    #[test]
    fn huge_epoch_numbers_are_out_of_range() {
        for secs in [1e300, -1e300, 1.7e29, 1e13, f64::MAX, f64::MIN] {
            let e = DateTime::from_epoch_seconds(secs).unwrap_err();
            assert!(e.contains("out of range"), "{secs}: {e}");
        }
        assert_eq!(
            DateTime::from_epoch_seconds(253_402_300_799.0)
                .unwrap()
                .to_rfc3339(),
            "9999-12-31T23:59:59Z"
        );
        let json = r#"{"StartedAt": 1e300}"#;
        let err = crate::Deployment::from_json(json).unwrap_err().to_string();
        assert!(
            err.contains("member StartedAt") && err.contains("out of range"),
            "{err}"
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "yesterday",
            "2021-13-01T00:00:00Z",
            "2021-09-17 21:43:54",
        ] {
            assert!(DateTime::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn system_time_conversion_never_panics() {
        for ms in [
            -1,
            0,
            1_631_915_034_205,
            i64::MIN / 2_000_000,
            i64::MAX / 2_000_000,
        ] {
            let t = DateTime::from_epoch_millis(ms).to_system_time();
            if ms >= 0 {
                assert_eq!(
                    DateTime::from_system_time(t),
                    DateTime::from_epoch_millis(ms)
                );
            }
        }
    }

    #[test]
    fn http_date_round_trip() {
        let t = DateTime::parse("1994-11-06T08:49:37Z").unwrap();
        assert_eq!(t.to_http_date(), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            DateTime::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap(),
            t
        );
        assert_eq!(
            DateTime::parse_http_date(" Fri, 31 Dec 9999 23:59:59 GMT\r\n")
                .unwrap()
                .to_rfc3339(),
            "9999-12-31T23:59:59Z"
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nvx 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:49:37 GMT",
            "Sun, 06 Nov 1994 08:60:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT ",
            "Sun, 0x Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
        ] {
            let e = DateTime::parse_http_date(bad).unwrap_err();
            assert!(e.starts_with("invalid HTTP date"), "{bad}: {e}");
        }
        // Every day of a leap year round-trips.
        let mut day = DateTime::parse("2024-01-01T12:34:56Z").unwrap();
        for _ in 0..366 {
            assert_eq!(DateTime::parse_http_date(&day.to_http_date()).unwrap(), day);
            day = day.add_millis(86_400_000);
        }
    }
}
