//! ISO 8601 / RFC 3339 timestamps, as AppConfig sends them (`timestampFormat: iso8601`), on a
//! small civil-date implementation of its own (the years 1 to 9999, in UTC).

mod civil;
mod parse;

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::strings::Quoted;
use civil::Fields;
use parse::{MAX_SECS, MIN_SECS};

/// A point in time in UTC, with nanosecond precision, from year 1 to year 9999.
///
/// Parsed from RFC 3339 / ISO 8601 strings with optional fractional seconds and a `Z` or numeric
/// offset (`2021-09-17T21:43:54.205Z`, `2021-09-17T21:43:54.205000+00:00`), which is what AppConfig
/// sends and what `aws appconfig get-deployment` prints. Numbers are read as epoch seconds, as
/// botocore does. Serialized back as RFC 3339 in UTC.
///
/// ```
/// use appconfig_core::DateTime;
/// let t = DateTime::parse("2024-02-29T23:30:00.5-01:00").unwrap();
/// assert_eq!(t.to_rfc3339(), "2024-03-01T00:30:00.5Z");
/// assert_eq!(t.to_amz_date(), "20240301T003000Z");
/// assert_eq!(t.to_http_date(), "Fri, 01 Mar 2024 00:30:00 GMT");
/// assert_eq!(t.add_millis(-1_800_000).to_rfc3339_millis(), "2024-03-01T00:00:00.500Z");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Seconds since 1970-01-01T00:00:00Z, within `MIN_SECS..=MAX_SECS`.
    secs: i64,
    /// Nanoseconds into that second, below 1e9.
    nanos: u32,
}

const NANOS_PER_SEC: i128 = 1_000_000_000;

impl DateTime {
    /// 0001-01-01T00:00:00Z, the earliest time a `DateTime` holds.
    const MIN: DateTime = DateTime {
        secs: MIN_SECS,
        nanos: 0,
    };
    /// 9999-12-31T23:59:59.999999999Z, the latest.
    const MAX: DateTime = DateTime {
        secs: MAX_SECS,
        nanos: 999_999_999,
    };

    /// From nanoseconds since the epoch; `None` outside the years 1 to 9999.
    fn from_epoch_nanos(nanos: i128) -> Option<Self> {
        let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SEC)).ok()?;
        let nanos = nanos.rem_euclid(NANOS_PER_SEC) as u32;
        (MIN_SECS..=MAX_SECS)
            .contains(&secs)
            .then_some(DateTime { secs, nanos })
    }

    /// Nanoseconds since the Unix epoch.
    pub fn epoch_nanos(&self) -> i128 {
        i128::from(self.secs) * NANOS_PER_SEC + i128::from(self.nanos)
    }

    /// From nanoseconds since the epoch, saturating at the first and last representable times.
    fn saturating_from_epoch_nanos(nanos: i128) -> Self {
        DateTime::from_epoch_nanos(nanos).unwrap_or(if nanos < 0 {
            DateTime::MIN
        } else {
            DateTime::MAX
        })
    }

    /// Parses an RFC 3339 / ISO 8601 timestamp (leading and trailing white space is ignored).
    ///
    /// # Errors
    /// Returns a description of the problem when `s` is not a valid timestamp, or lies outside
    /// the years 1 to 9999 once converted to UTC.
    pub fn parse(s: &str) -> Result<Self, String> {
        let trimmed = s.trim();
        parse::rfc3339(trimmed.as_bytes())
            .map(|(secs, nanos)| DateTime { secs, nanos })
            .map_err(|e| format!("invalid timestamp {}: {e}", Quoted(trimmed)))
    }

    /// From seconds (with fraction) since the Unix epoch.
    ///
    /// # Errors
    /// Returns a description when the value is not finite or outside the years 1 to 9999.
    pub fn from_epoch_seconds(secs: f64) -> Result<Self, String> {
        if !secs.is_finite() {
            return Err(format!("invalid epoch timestamp {secs}"));
        }
        // Years 1 to 9999 lie within ±2.6e11 s. Checked before any integer arithmetic: a value
        // such as 1e300 would saturate the casts below into a wrong date.
        if secs.abs() > 1e12 {
            return Err(format!("epoch timestamp {secs} out of range"));
        }
        // Whole seconds and microseconds apart, as botocore reads them: `secs * 1e9` would lose
        // the last digits to binary floating point (1631915034.205 → …034.204999744).
        let whole = secs.trunc();
        let micros = ((secs - whole) * 1e6).round();
        let nanos = whole as i128 * NANOS_PER_SEC + micros as i128 * 1_000;
        DateTime::from_epoch_nanos(nanos)
            .ok_or_else(|| format!("epoch timestamp {secs} out of range"))
    }

    /// From milliseconds since the Unix epoch (what JavaScript's `Date` holds), saturating at
    /// the years 1 and 9999.
    pub fn from_epoch_millis(ms: i64) -> Self {
        DateTime::saturating_from_epoch_nanos(i128::from(ms) * 1_000_000)
    }

    /// Milliseconds since the Unix epoch.
    pub fn epoch_millis(&self) -> i64 {
        self.secs * 1000 + i64::from(self.nanos / 1_000_000)
    }

    /// Seconds since the Unix epoch.
    pub fn epoch_seconds(&self) -> i64 {
        self.secs
    }

    /// The equivalent [`SystemTime`] (constructing one never reads the clock, so this is safe on wasm).
    ///
    /// Saturates at the platform's range instead of panicking: on `wasm32-unknown-unknown`
    /// `SystemTime` cannot go before 1970, and earlier times become the epoch.
    pub fn to_system_time(&self) -> SystemTime {
        let t = if self.secs >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(Duration::new(self.secs.unsigned_abs(), self.nanos))
        } else {
            // secs < 0 ≤ nanos: the magnitude is |secs| - nanos.
            Duration::from_secs(self.secs.unsigned_abs())
                .checked_sub(Duration::from_nanos(u64::from(self.nanos)))
                .and_then(|d| SystemTime::UNIX_EPOCH.checked_sub(d))
        };
        t.unwrap_or(SystemTime::UNIX_EPOCH)
    }

    /// From a [`SystemTime`], saturating at the years 1 and 9999.
    pub fn from_system_time(t: SystemTime) -> Self {
        DateTime::saturating_from_epoch_nanos(system_time_nanos(t))
    }

    /// From a [`SystemTime`]; `None` outside the years 1 to 9999.
    pub(crate) fn checked_from_system_time(t: SystemTime) -> Option<Self> {
        DateTime::from_epoch_nanos(system_time_nanos(t))
    }

    /// RFC 3339 in UTC, fractional seconds only when present, without trailing zeros
    /// (`2021-09-17T21:43:54.205Z`).
    pub fn to_rfc3339(&self) -> String {
        let mut out = self.rfc3339_seconds();
        if self.nanos != 0 {
            let mut digits = 9;
            let mut n = self.nanos;
            while n.is_multiple_of(10) {
                n /= 10;
                digits -= 1;
            }
            out.push('.');
            push_padded(&mut out, n, digits);
        }
        out.push('Z');
        out
    }

    /// RFC 3339 in UTC with exactly three fractional digits (`2021-09-17T21:43:54.205Z`), as
    /// AppConfig writes its timestamps.
    pub fn to_rfc3339_millis(&self) -> String {
        let mut out = self.rfc3339_seconds();
        out.push('.');
        push_padded(&mut out, self.nanos / 1_000_000, 3);
        out.push('Z');
        out
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    fn rfc3339_seconds(&self) -> String {
        let f = self.fields();
        let mut out = String::with_capacity(32);
        push_padded(&mut out, f.year as u32, 4);
        out.push('-');
        push_padded(&mut out, f.month, 2);
        out.push('-');
        push_padded(&mut out, f.day, 2);
        out.push('T');
        push_time(&mut out, &f, ":");
        out
    }

    fn fields(&self) -> Fields {
        Fields::of(self.secs)
    }

    /// `self + ms` milliseconds (negative moves back), saturating at the years 1 and 9999.
    pub fn add_millis(&self, ms: i64) -> Self {
        DateTime::saturating_from_epoch_nanos(self.epoch_nanos() + i128::from(ms) * 1_000_000)
    }

    /// Milliseconds from `earlier` to `self` (negative when `self` is before it), truncated
    /// toward zero.
    pub fn millis_since(&self, earlier: &DateTime) -> i64 {
        // At most ±3.2e14 ms apart: always fits.
        ((self.epoch_nanos() - earlier.epoch_nanos()) / 1_000_000) as i64
    }

    /// The ISO 8601 basic form SigV4 signs with, as in `x-amz-date` (`20150830T123600Z`).
    pub fn to_amz_date(&self) -> String {
        let f = self.fields();
        let mut out = String::with_capacity(16);
        push_date_stamp(&mut out, &f);
        out.push('T');
        push_time(&mut out, &f, "");
        out.push('Z');
        out
    }

    /// The HTTP-date form (`Sun, 06 Nov 1994 08:49:37 GMT`), as in a `Date` header.
    pub fn to_http_date(&self) -> String {
        let f = self.fields();
        let mut out = String::with_capacity(29);
        out.push_str(parse::DAYS[civil::weekday_from_monday(f.days)]);
        out.push_str(", ");
        push_padded(&mut out, f.day, 2);
        out.push(' ');
        out.push_str(parse::MONTHS[f.month as usize - 1]);
        out.push(' ');
        push_padded(&mut out, f.year as u32, 4);
        out.push(' ');
        push_time(&mut out, &f, ":");
        out.push_str(" GMT");
        out
    }

    /// Parses an HTTP-date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), as in a `Date` header.
    ///
    /// # Errors
    /// Returns a description when `s` is not an IMF-fixdate.
    pub fn parse_http_date(s: &str) -> Result<Self, String> {
        parse::http_date(s.trim().as_bytes())
            .map(|secs| DateTime { secs, nanos: 0 })
            .map_err(|why| format!("invalid HTTP date {}: {why}", Quoted(s)))
    }
}

/// Nanoseconds since the epoch (saturating: a `SystemTime` may reach far beyond i128 ns only
/// in theory).
fn system_time_nanos(t: SystemTime) -> i128 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// Appends `n` in decimal, zero-padded to `width` digits.
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    let mut n = n;
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    // ASCII digits: never the default.
    out.push_str(std::str::from_utf8(&buf[start..]).unwrap_or_default());
}

/// `YYYYMMDD`.
fn push_date_stamp(out: &mut String, f: &Fields) {
    push_padded(out, f.year as u32, 4);
    push_padded(out, f.month, 2);
    push_padded(out, f.day, 2);
}

/// `HH:MM:SS` with `sep` between the fields.
fn push_time(out: &mut String, f: &Fields, sep: &str) {
    push_padded(out, f.hour, 2);
    out.push_str(sep);
    push_padded(out, f.minute, 2);
    out.push_str(sep);
    push_padded(out, f.second, 2);
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
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
mod tests;
