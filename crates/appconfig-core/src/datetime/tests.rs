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
    assert_eq!(
        DateTime::parse(" 2021-09-17 21:43:54-07:30\n")
            .unwrap()
            .to_rfc3339(),
        "2021-09-18T05:13:54Z"
    );
}

#[test]
fn fractions_keep_nanoseconds_and_print_without_trailing_zeros() {
    for (input, out, millis) in [
        ("2021-09-17T21:43:54.1Z", "2021-09-17T21:43:54.1Z", ".100Z"),
        (
            "2021-09-17T21:43:54.000001Z",
            "2021-09-17T21:43:54.000001Z",
            ".000Z",
        ),
        (
            "2021-09-17T21:43:54.123456789Z",
            "2021-09-17T21:43:54.123456789Z",
            ".123Z",
        ),
        // Digits past the ninth are ignored, as the `time` crate does.
        (
            "2021-09-17T21:43:54.1234567891234Z",
            "2021-09-17T21:43:54.123456789Z",
            ".123Z",
        ),
        ("2021-09-17T21:43:54.000Z", "2021-09-17T21:43:54Z", ".000Z"),
    ] {
        let t = DateTime::parse(input).unwrap();
        assert_eq!(t.to_rfc3339(), out, "{input}");
        assert!(t.to_rfc3339_millis().ends_with(millis), "{input}");
        assert_eq!(DateTime::parse(&t.to_rfc3339()).unwrap(), t, "{input}");
    }
}

/// The messages of the `time` crate, which the error vectors hold.
#[test]
fn messages_of_bad_timestamps() {
    for (input, why) in [
        ("yesterday", "the 'year' component could not be parsed"),
        ("", "the 'year' component could not be parsed"),
        ("2021", "a character literal was not valid"),
        (
            "2021-9-17T21:43:54Z",
            "the 'month' component could not be parsed",
        ),
        (
            "2021-00-17T21:43:54Z",
            "the 'month' component could not be parsed",
        ),
        ("2021-13-01T00:00:00Z", "month was not in range"),
        (
            "2021-09-7T21:43:54Z",
            "the 'day' component could not be parsed",
        ),
        ("2021-09-00T21:43:54Z", "day was not in range"),
        ("2021-11-31T21:43:54Z", "day was not in range"),
        ("2023-02-29T00:00:00Z", "day was not in range"),
        (
            "2021-09-17",
            "the 'separator' component could not be parsed",
        ),
        (
            "2021-09-17X21:43:54Z",
            "the 'separator' component could not be parsed",
        ),
        (
            "2021-09-17T2:43:54Z",
            "the 'hour' component could not be parsed",
        ),
        ("2021-09-17T24:00:00Z", "hour was not in range"),
        ("2021-09-17T21-43:54Z", "a character literal was not valid"),
        ("2021-09-17T21:60:54Z", "minute was not in range"),
        ("2021-09-17T21:43Z", "a character literal was not valid"),
        ("2021-09-17T21:43:61Z", "second was not in range"),
        ("2021-09-17T21:43:60Z", "second was not in range"),
        (
            "2021-09-17T21:43:54.Z",
            "the 'subsecond' component could not be parsed",
        ),
        (
            "2021-09-17T21:43:54",
            "the 'offset hour' component could not be parsed",
        ),
        (
            "2021-09-17T21:43:54 UTC",
            "the 'offset hour' component could not be parsed",
        ),
        (
            "2021-09-17T21:43:54+24:00",
            "the 'offset hour' component could not be parsed",
        ),
        (
            "2021-09-17T21:43:54+0200",
            "a character literal was not valid",
        ),
        (
            "2021-09-17T21:43:54+02:6",
            "the 'offset minute' component could not be parsed",
        ),
        (
            "2021-09-17T21:43:54+02:60",
            "offset minute was not in range",
        ),
        (
            "2021-09-17T21:43:54ZZ",
            "unexpected trailing characters; the end of input was expected",
        ),
        (
            "2021-09-17T21:43:54.205Z[UTC]",
            "unexpected trailing characters; the end of input was expected",
        ),
        (
            "0000-01-01T00:00:00Z",
            "the year must be from 1 to 9999 (in UTC)",
        ),
        (
            "0001-01-01T00:00:00+00:01",
            "the year must be from 1 to 9999 (in UTC)",
        ),
        (
            "9999-12-31T23:59:59-00:01",
            "the year must be from 1 to 9999 (in UTC)",
        ),
        (
            "２０２１-09-17T21:43:54Z",
            "the 'year' component could not be parsed",
        ),
    ] {
        assert_eq!(
            DateTime::parse(input).unwrap_err(),
            format!("invalid timestamp {:?}: {why}", input.trim()),
            "{input}"
        );
    }
}

#[test]
fn range_ends_and_leap_seconds() {
    let first = DateTime::parse("0001-01-01T00:00:00Z").unwrap();
    let last = DateTime::parse("9999-12-31T23:59:59.999999999Z").unwrap();
    assert_eq!((first, last), (DateTime::MIN, DateTime::MAX));
    assert_eq!(DateTime::parse("0001-01-01T01:00:00+01:00").unwrap(), first);
    assert_eq!(first.to_rfc3339(), "0001-01-01T00:00:00Z");
    assert_eq!(last.to_rfc3339(), "9999-12-31T23:59:59.999999999Z");
    // Saturating arithmetic and conversions.
    assert_eq!(first.add_millis(-1), first);
    assert_eq!(last.add_millis(i64::MAX), last);
    assert_eq!(DateTime::from_epoch_millis(i64::MIN), first);
    assert_eq!(DateTime::from_epoch_millis(i64::MAX), last);
    assert_eq!(last.millis_since(&first), 315_537_897_599_999);
    assert_eq!(first.millis_since(&last), -315_537_897_599_999);
    // A leap second ends a month in UTC; it reads as the last nanosecond before the next minute.
    let leap = DateTime::parse("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(leap.to_rfc3339(), "2016-12-31T23:59:59.999999999Z");
    assert_eq!(DateTime::parse("2017-01-01T00:59:60+01:00").unwrap(), leap);
    assert!(DateTime::parse("2016-12-30T23:59:60Z").is_err());
}

/// The same cases as the package's "timestamps: the separators and the leap seconds the core
/// accepts" test (web/pkg-tests/test/responses.test.mjs), so the two readers agree.
#[test]
fn separators_and_leap_seconds_as_the_package_reads_them() {
    for (s, millis) in [
        ("2016-12-31 23:59:60Z", 1_483_228_799_999),
        ("2016-12-31t23:59:60.5z", 1_483_228_799_999),
        ("2017-01-01T00:59:60+01:00", 1_483_228_799_999),
        ("2015-06-30T23:59:60Z", 1_435_708_799_999),
        ("2024-05-01 12:00:00Z", 1_714_564_800_000),
    ] {
        let t = DateTime::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(t.epoch_millis(), millis, "{s}");
    }
    for s in [
        "2016-12-31T23:58:60Z",
        "2016-12-15T23:59:60Z",
        "2016-12-31T23:59:60+01:00",
        "2016-12-31T23:59:61Z",
        "2016-12-31_23:59:59Z",
    ] {
        assert!(DateTime::parse(s).is_err(), "{s} is refused");
    }
}

#[test]
fn leap_days() {
    let t = DateTime::parse("2024-02-29T12:00:00Z").unwrap();
    assert_eq!(t.to_amz_date(), "20240229T120000Z");
    assert_eq!(t.to_http_date(), "Thu, 29 Feb 2024 12:00:00 GMT");
    assert_eq!(
        t.add_millis(86_400_000).to_rfc3339(),
        "2024-03-01T12:00:00Z"
    );
    assert!(DateTime::parse("2100-02-29T00:00:00Z").is_err());
    assert!(DateTime::parse("2000-02-29T00:00:00Z").is_ok());
}

/// Huge epoch numbers are an error, never an overflow (was a panic in debug builds and
/// 1969-12-31 in release).
#[test]
fn huge_epoch_numbers_are_out_of_range() {
    for secs in [
        1e300,
        -1e300,
        1.7e29,
        1e13,
        f64::MAX,
        f64::MIN,
        253_402_300_800.0,
        -62_135_596_801.0,
    ] {
        let e = DateTime::from_epoch_seconds(secs).unwrap_err();
        assert!(e.contains("out of range"), "{secs}: {e}");
    }
    assert!(DateTime::from_epoch_seconds(f64::NAN).is_err());
    assert_eq!(
        DateTime::from_epoch_seconds(253_402_300_799.0)
            .unwrap()
            .to_rfc3339(),
        "9999-12-31T23:59:59Z"
    );
    assert_eq!(
        DateTime::from_epoch_seconds(1_631_915_034.205)
            .unwrap()
            .to_rfc3339(),
        "2021-09-17T21:43:54.205Z"
    );
    assert_eq!(
        DateTime::from_epoch_seconds(-1.5).unwrap().to_rfc3339(),
        "1969-12-31T23:59:58.5Z"
    );
    let json = r#"{"StartedAt": 1e300}"#;
    let err = crate::Deployment::from_json(json).unwrap_err().to_string();
    assert!(
        err.contains("member StartedAt") && err.contains("out of range"),
        "{err}"
    );
}

#[test]
fn system_time_conversion_never_panics() {
    for ms in [
        -1,
        0,
        1_631_915_034_205,
        i64::MIN / 2_000_000,
        i64::MAX / 2_000_000,
        i64::MIN,
        i64::MAX,
    ] {
        let t = DateTime::from_epoch_millis(ms).to_system_time();
        if ms >= 0 {
            assert_eq!(
                DateTime::from_system_time(t),
                DateTime::from_epoch_millis(ms)
            );
        }
    }
    let before = DateTime::from_epoch_millis(-1500);
    if let Some(t) = SystemTime::UNIX_EPOCH.checked_sub(Duration::from_millis(1500)) {
        assert_eq!(before.to_system_time(), t);
        assert_eq!(DateTime::from_system_time(t), before);
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
        "Sat, 01 Jan 0000 00:00:00 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMTé",
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

/// Formatting and parsing agree over the whole range (every 97th day, so that every weekday
/// and every day of the month comes up).
#[test]
fn every_day_formats_and_parses_back() {
    let mut t = DateTime::MIN.add_millis(12 * 3_600_000 + 34 * 60_000 + 56_789);
    while t < DateTime::MAX {
        let text = t.to_rfc3339();
        assert_eq!(DateTime::parse(&text), Ok(t), "{text}");
        assert_eq!(
            DateTime::parse_http_date(&t.to_http_date()).map(|d| d.secs),
            Ok(t.secs)
        );
        let amz = t.to_amz_date();
        assert_eq!(amz[..8], text[..10].replace('-', ""), "{amz}");
        assert_eq!(amz[9..15], text[11..19].replace(':', ""), "{amz}");
        t = t.add_millis(97 * 86_400_000);
    }
}

/// Odd bytes never panic: every prefix and every one-byte change of some timestamps.
#[test]
fn no_input_panics() {
    let seeds = [
        "2021-09-17T21:43:54.205+02:00",
        "9999-12-31T23:59:60-00:00",
        "Sun, 06 Nov 1994 08:49:37 GMT",
    ];
    let bytes: Vec<u8> = (0u8..=127).chain([0xC3, 0xA9, 0xE2, 0x82, 0xAC]).collect();
    for seed in seeds {
        for end in 0..=seed.len() {
            let _ = DateTime::parse(&seed[..end]);
            let _ = DateTime::parse_http_date(&seed[..end]);
        }
        for i in 0..seed.len() {
            for &b in &bytes {
                let mut v = seed.as_bytes().to_vec();
                v[i] = b;
                let s = String::from_utf8_lossy(&v);
                let _ = DateTime::parse(&s);
                let _ = DateTime::parse_http_date(&s);
            }
        }
    }
}
