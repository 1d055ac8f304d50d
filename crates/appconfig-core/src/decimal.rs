//! Decimal text (`25.00`, `-1.5e3`, `1631915034.205`) to `f64` without `str::parse::<f64>`:
//! core's parser carries a 10 KB table of powers of five that a browser would download for
//! numbers AWS writes with a handful of digits.
//!
//! Up to 15 significant digits and an exponent within ±22 (every percentage, growth factor,
//! threshold and epoch-seconds timestamp AWS writes), both operands are exact in an `f64` and
//! one multiplication or division rounds correctly: the result is `str::parse`'s, to the bit
//! (Clinger's fast path, which `str::parse` takes for the same numbers). Beyond that the result
//! is within a few units in the last place, as serde_json's reader is without its
//! `float_roundtrip` feature.

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `text` as a number: an optional `-`, digits with at most one `.` (at least one digit, on
/// either side), an optional exponent (`e`/`E`, a sign, digits). `None` for anything else.
/// Too large for an `f64` is infinite (callers refuse it); too small is zero.
pub(crate) fn parse(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let negative = b.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let (mut mantissa, mut kept, mut exponent) = (0u64, 0u32, 0i64);
    let (mut any_digit, mut after_dot) = (false, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                let d = u64::from(c - b'0');
                if mantissa == 0 && d == 0 {
                    // A leading zero: only its place counts.
                    exponent -= i64::from(after_dot);
                } else if kept < 19 {
                    mantissa = mantissa * 10 + d;
                    kept += 1;
                    exponent -= i64::from(after_dot);
                } else {
                    // Past 19 digits (a u64's worth): dropped, its place kept.
                    exponent += i64::from(!after_dot);
                }
            }
            b'.' if !after_dot => after_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let sign = match b.get(i) {
            Some(b'-') => -1,
            Some(b'+') => 1,
            _ => 0,
        };
        i += usize::from(sign != 0);
        let (mut e, start) = (0i64, i);
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            // Capped: 1e100000 is as infinite as 1e99999999999.
            e = (e * 10 + i64::from(c - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += if sign < 0 { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let v = scale(mantissa, exponent);
    Some(if negative { -v } else { v })
}

/// `mantissa × 10^exponent`.
fn scale(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let pow = |e: i64| POW10.get(e.unsigned_abs() as usize).copied().unwrap_or(1.0);
    let mut x = mantissa as f64;
    let mut e = exponent;
    if mantissa > 1 << 53 || !(-22..=22).contains(&e) {
        while e > 22 && x.is_finite() {
            x *= 1e22;
            e -= 22;
        }
        while e < -22 && x != 0.0 {
            x /= 1e22;
            e += 22;
        }
        if !x.is_finite() || x == 0.0 {
            return x;
        }
    }
    if e >= 0 {
        x * pow(e)
    } else {
        x / pow(e)
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn up_to_15_digits_is_str_parse_to_the_bit() {
        for text in [
            "0",
            "-0",
            "25",
            "25.00",
            "33.33",
            ".5",
            "5.",
            "007.5",
            "100.0000",
            "0.000123",
            "1631915034.205",
            "-1.5e3",
            "1E-7",
            "2.5e+2",
            "123456789012345",
            "0.1",
            "1e22",
            "1e-22",
            "9007199254740992",
        ] {
            assert_eq!(parse(text), text.parse::<f64>().ok(), "{text}");
        }
        for i in 0..5_000u64 {
            let n = i.wrapping_mul(2_654_435_761) % 1_000_000_000_000_000;
            let s = n.to_string();
            for cut in 0..=s.len() {
                let text = format!("{}.{}", &s[..cut], &s[cut..]);
                assert_eq!(parse(&text), text.parse::<f64>().ok(), "{text}");
                let text = format!("{text}e-{}", i % 8);
                assert_eq!(parse(&text), text.parse::<f64>().ok(), "{text}");
            }
        }
    }

    #[test]
    fn beyond_is_within_a_few_ulps() {
        for text in [
            "12.3456789012345678901",
            "0.30000000000000004",
            "1.7976931348623157e308",
            "4.9e-324",
            "123456789012345678901234567890",
            "1e300",
            "-2.2250738585072014e-308",
        ] {
            let (ours, std) = (parse(text).unwrap(), text.parse::<f64>().unwrap());
            let ulps = (ours.to_bits() as i64 - std.to_bits() as i64).abs();
            assert!(ulps <= 4, "{text}: {ours} against {std}, {ulps} ulps");
        }
    }

    #[test]
    fn out_of_range_and_not_numbers() {
        assert_eq!(parse("1e400"), Some(f64::INFINITY));
        assert_eq!(parse("-1e99999999999"), Some(f64::NEG_INFINITY));
        assert_eq!(parse("1e-400"), Some(0.0));
        for text in [
            "", "-", ".", "1.2.3", "e5", "1e", "1e+", "1x", "--1", "+1", " 1", "1 ",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
