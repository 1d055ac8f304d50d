//! The core's timestamp parser and formatter against the `time` crate's RFC 3339 ones, which
//! they replace, on generated timestamps (valid and broken): same instant, same RFC 3339 text,
//! and the same message for what both refuse. Native only.
//!
//! Where they differ on purpose: the core accepts only `T`, `t` or a space between date and
//! time (`time` takes any byte), and refuses what lies outside the years 1 to 9999 in UTC
//! (`time` returns it, and converting it to UTC panics).

#![cfg(not(target_arch = "wasm32"))]

use appconfig_core::DateTime;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

mod common;
use common::Rng;

fn generate(r: &mut Rng) -> String {
    let year = match r.below(10) {
        0 => r.below(10),
        1 => 9990 + r.below(10),
        _ => 1900 + r.below(250),
    };
    let month = if r.below(20) == 0 {
        r.below(15)
    } else {
        1 + r.below(12)
    };
    let day = if r.below(10) == 0 {
        28 + r.below(5)
    } else {
        1 + r.below(28)
    };
    let hour = if r.below(30) == 0 { 24 } else { r.below(24) };
    let minute = if r.below(30) == 0 { 60 } else { r.below(60) };
    let second = match r.below(30) {
        0 => 60,
        1 => 61,
        _ => r.below(60),
    };
    let fraction = match r.below(4) {
        0 => String::new(),
        1 => format!(".{:03}", r.below(1000)),
        2 => format!(".{:09}", r.below(1_000_000_000)),
        _ => {
            let digits = 1 + r.below(12) as u32;
            format!(".{}", r.below(10u64.pow(digits)))
        }
    };
    let offset = match r.below(6) {
        0 => "Z".to_owned(),
        1 => "z".to_owned(),
        2 => "+00:00".to_owned(),
        _ => format!(
            "{}{:02}:{:02}",
            if r.below(2) == 0 { '+' } else { '-' },
            r.below(26),
            if r.below(10) == 0 {
                60 + r.below(40)
            } else {
                r.below(60)
            }
        ),
    };
    let separator = if r.below(8) == 0 { " " } else { "T" };
    let mut s = format!(
        "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
    );
    // Now and then, break one byte or cut the end off.
    match r.below(8) {
        0 => {
            let i = r.below(s.len() as u64) as usize;
            let replacement = b"0123456789-:.TZ+x "[r.below(18) as usize];
            let mut bytes = s.into_bytes();
            bytes[i] = replacement;
            s = String::from_utf8(bytes).expect("ASCII");
        }
        1 => s.truncate(r.below(s.len() as u64) as usize),
        _ => {}
    }
    s
}

#[test]
fn parses_and_refuses_as_the_time_crate_did() {
    let mut r = Rng(0x0123_4567_89AB_CDEF);
    let (mut same_ok, mut same_err) = (0, 0);
    for _ in 0..100_000 {
        let s = generate(&mut r);
        let ours = DateTime::parse(&s);
        let trimmed = s.trim();
        let date_shaped = trimmed.len() > 10
            && trimmed.bytes().take(10).enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if date_shaped && !matches!(trimmed.as_bytes()[10], b'T' | b't' | b' ') {
            // `time` would read on; the core refuses it, here or at an earlier component.
            assert!(ours.is_err(), "{s}");
            continue;
        }
        // What the core did with `time`: trim, then upper-case (for `t` and `z`).
        let theirs = OffsetDateTime::parse(&s.trim().to_ascii_uppercase(), &Rfc3339);
        match (&ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                let utc = theirs.to_offset(UtcOffset::UTC);
                assert_eq!(ours.epoch_seconds(), utc.unix_timestamp(), "{s}");
                assert_eq!(ours.to_rfc3339(), utc.format(&Rfc3339).unwrap(), "{s}");
                same_ok += 1;
            }
            (Err(ours), Err(theirs)) => {
                assert_eq!(
                    *ours,
                    format!("invalid timestamp {trimmed:?}: {theirs}"),
                    "{s}"
                );
                same_err += 1;
            }
            (Err(ours), Ok(theirs)) => {
                // Only what lies outside the years 1 to 9999 in UTC.
                let utc_year = theirs.checked_to_offset(UtcOffset::UTC).map(|t| t.year());
                let out_of_range = !utc_year.is_some_and(|y| (1..=9999).contains(&y));
                assert!(
                    out_of_range && ours.contains("the year must be from 1 to 9999"),
                    "{s}: ours {ours}, time's {theirs}"
                );
            }
            (Ok(_), Err(theirs)) => panic!("{s}: we accepted what time refused ({theirs})"),
        }
    }
    assert!(
        same_ok > 25_000 && same_err > 10_000,
        "{same_ok} / {same_err}"
    );
}

/// Epoch milliseconds and HTTP dates agree with `time` across the range.
#[test]
fn conversions_agree_with_the_time_crate() {
    let mut r = Rng(42);
    for _ in 0..100_000 {
        let ms = r.below(315_537_897_600_000) as i64 - 62_135_596_800_000;
        let ours = DateTime::from_epoch_millis(ms);
        let theirs = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
        assert_eq!(ours.to_rfc3339(), theirs.format(&Rfc3339).unwrap(), "{ms}");
        assert_eq!(ours.epoch_millis(), ms);
        let weekday = theirs.weekday().to_string();
        assert_eq!(ours.to_http_date()[..3], weekday[..3], "{ms}");
        assert_eq!(
            ours.to_amz_date(),
            format!(
                "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
                theirs.year(),
                u8::from(theirs.month()),
                theirs.day(),
                theirs.hour(),
                theirs.minute(),
                theirs.second()
            )
        );
    }
}
