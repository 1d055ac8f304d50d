//! Reading RFC 3339 timestamps and HTTP dates, byte by byte, without panicking on any input.
//!
//! The RFC 3339 messages are those of the `time` crate (0.3), which this replaces, so that what
//! the core reports for a bad timestamp stays the same: `the 'year' component could not be
//! parsed`, `a character literal was not valid`, `day was not in range`, ...

use std::fmt;

use super::civil::{
    civil_from_days, days_from_civil, days_in_month, weekday_from_monday, SECS_PER_DAY,
};

/// Why a timestamp was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Problem {
    /// A component is missing or not made of the digits it needs.
    Unparsable(&'static str),
    /// A `-`, `:` or other fixed character is not where it should be.
    Literal,
    /// Something follows the offset.
    Trailing,
    /// A component has digits but no such value exists (month 13, 31 November, 24 o'clock).
    Range(&'static str),
    /// A valid timestamp outside the years 1 to 9999 (in UTC).
    OutOfRange,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unparsable(what) => write!(f, "the '{what}' component could not be parsed"),
            Problem::Literal => f.write_str("a character literal was not valid"),
            Problem::Trailing => {
                f.write_str("unexpected trailing characters; the end of input was expected")
            }
            Problem::Range(what) => write!(f, "{what} was not in range"),
            Problem::OutOfRange => f.write_str("the year must be from 1 to 9999 (in UTC)"),
        }
    }
}

/// Seconds since the Unix epoch of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
pub(super) const MIN_SECS: i64 = -62_135_596_800;
pub(super) const MAX_SECS: i64 = 253_402_300_799;

/// A cursor over the bytes of a timestamp.
struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    /// Exactly `n` ASCII digits (n ≤ 4) as a number.
    fn digits(&mut self, n: usize, what: &'static str) -> Result<u32, Problem> {
        let Some((head, tail)) = self.rest.split_at_checked(n) else {
            return Err(Problem::Unparsable(what));
        };
        let mut value = 0;
        for &b in head {
            if !b.is_ascii_digit() {
                return Err(Problem::Unparsable(what));
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.rest = tail;
        Ok(value)
    }

    /// Consumes `c` (any of `choices`) when it comes next.
    fn eat(&mut self, choices: &[u8]) -> Option<u8> {
        let (&first, tail) = self.rest.split_first()?;
        choices.contains(&first).then(|| {
            self.rest = tail;
            first
        })
    }

    fn literal(&mut self, c: u8) -> Result<(), Problem> {
        self.eat(&[c]).map(drop).ok_or(Problem::Literal)
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339; `t`, `z` and a space as the
/// separator are allowed, as the RFC does) into seconds since the epoch and nanoseconds.
///
/// A leap second (`23:59:60` on the last day of a month, in UTC) reads as the nanosecond before
/// the next minute, as the `time` crate does. Digits of the fraction past the ninth are ignored.
pub(super) fn rfc3339(s: &[u8]) -> Result<(i64, u32), Problem> {
    let mut r = Reader { rest: s };
    let year = r.digits(4, "year")?;
    r.literal(b'-')?;
    let month = r.digits(2, "month")?;
    if month == 0 {
        return Err(Problem::Unparsable("month"));
    }
    r.literal(b'-')?;
    let day = r.digits(2, "day")?;
    r.eat(b"Tt ").ok_or(Problem::Unparsable("separator"))?;
    let hour = r.digits(2, "hour")?;
    r.literal(b':')?;
    let minute = r.digits(2, "minute")?;
    r.literal(b':')?;
    let mut second = r.digits(2, "second")?;
    let mut nanos = 0;
    if r.eat(b".").is_some() {
        let mut multiplier = 100_000_000;
        let mut any = false;
        while let Some(&b) = r.rest.first().filter(|b| b.is_ascii_digit()) {
            nanos += u32::from(b - b'0') * multiplier;
            multiplier /= 10;
            r.rest = &r.rest[1..];
            any = true;
        }
        if !any {
            return Err(Problem::Unparsable("subsecond"));
        }
    }
    let offset_secs = if r.eat(b"Zz").is_some() {
        0
    } else {
        let sign = r.eat(b"+-").ok_or(Problem::Unparsable("offset hour"))?;
        let hours = r.digits(2, "offset hour").and_then(|h| {
            if h <= 23 {
                Ok(h)
            } else {
                Err(Problem::Unparsable("offset hour"))
            }
        })?;
        r.literal(b':')?;
        let minutes = r.digits(2, "offset minute")?;
        if minutes > 59 {
            return Err(Problem::Range("offset minute"));
        }
        let secs = i64::from(hours * 3600 + minutes * 60);
        if sign == b'-' {
            -secs
        } else {
            secs
        }
    };
    if !r.rest.is_empty() {
        return Err(Problem::Trailing);
    }
    let leap_second = second == 60;
    if leap_second {
        second = 59;
        nanos = 999_999_999;
    }
    let year = i64::from(year);
    if !(1..=12).contains(&month) {
        return Err(Problem::Range("month"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(Problem::Range("day"));
    }
    for (value, max, what) in [
        (hour, 23, "hour"),
        (minute, 59, "minute"),
        (second, 59, "second"),
    ] {
        if value > max {
            return Err(Problem::Range(what));
        }
    }
    let local = days_from_civil(year, month, day) * SECS_PER_DAY
        + i64::from(hour * 3600 + minute * 60 + second);
    let utc = local - offset_secs;
    // A leap second only ever ends a month, in UTC.
    if leap_second {
        let next = utc + 1;
        let (_, _, next_day) = civil_from_days(next.div_euclid(SECS_PER_DAY));
        if next.rem_euclid(SECS_PER_DAY) != 0 || next_day != 1 {
            return Err(Problem::Range("second"));
        }
    }
    if !(MIN_SECS..=MAX_SECS).contains(&utc) {
        return Err(Problem::OutOfRange);
    }
    Ok((utc, nanos))
}

/// Weekdays from Monday and months from January, as HTTP dates abbreviate them.
pub(super) const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub(super) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Reads an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110) into seconds since the
/// epoch; the weekday must match the date.
pub(super) fn http_date(s: &[u8]) -> Result<i64, &'static str> {
    const FORM: &str = "expected the form `Sun, 06 Nov 1994 08:49:37 GMT`";
    let b: &[u8; 29] = s.try_into().map_err(|_| FORM)?;
    if &b[3..5] != b", "
        || b[7] != b' '
        || b[11] != b' '
        || b[16] != b' '
        || b[19] != b':'
        || b[22] != b':'
        || &b[25..] != b" GMT"
    {
        return Err(FORM);
    }
    let num = |range: std::ops::Range<usize>| -> Result<u32, &'static str> {
        b[range].iter().try_fold(0u32, |n, &c| {
            if c.is_ascii_digit() {
                Ok(n * 10 + u32::from(c - b'0'))
            } else {
                Err("a number is not valid")
            }
        })
    };
    let weekday = DAYS
        .iter()
        .position(|d| d.as_bytes() == &b[0..3])
        .ok_or("the weekday is not valid")?;
    let month = MONTHS
        .iter()
        .position(|m| m.as_bytes() == &b[8..11])
        .ok_or("the month is not valid")? as u32
        + 1;
    let (day, year) = (num(5..7)?, i64::from(num(12..16)?));
    let (hour, minute, second) = (num(17..19)?, num(20..22)?, num(23..25)?);
    if year == 0 {
        return Err("the year must be from 1 to 9999");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day was not in range");
    }
    if hour > 23 {
        return Err("hour was not in range");
    }
    if minute > 59 {
        return Err("minute was not in range");
    }
    if second > 59 {
        return Err("second was not in range");
    }
    let days = days_from_civil(year, month, day);
    if weekday_from_monday(days) != weekday {
        return Err("the weekday does not match the date");
    }
    Ok(days * SECS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second))
}
