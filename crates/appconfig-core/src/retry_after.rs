//! `Retry-After` on throttling and unavailable responses: how long the server asks the client to
//! wait, bounded so that a hostile or broken server cannot park a client for an hour.

use crate::http::find_header;
use crate::DateTime;

/// The wait a `Retry-After` header asks for (delay-seconds or an HTTP date, RFC 9110 §10.2.3),
/// in ms from `now`, at most `max_ms`; `None` when the header is absent or unreadable. A date
/// in the past asks for no wait.
pub fn retry_after_ms(headers: &[(String, String)], now: DateTime, max_ms: u64) -> Option<u64> {
    let value = find_header(headers, "retry-after")?.trim();
    let ms = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only: seconds. Long strings of digits saturate instead of overflowing.
        value
            .parse::<u64>()
            .map_or(u64::MAX, |s| s.saturating_mul(1000))
    } else {
        let at = DateTime::parse_http_date(value).ok()?;
        u64::try_from(at.millis_since(&now)).unwrap_or(0)
    };
    Some(ms.min(max_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &str) -> Vec<(String, String)> {
        vec![("Retry-After".into(), v.into())]
    }

    #[test]
    fn seconds_dates_and_bounds() {
        let now = DateTime::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(retry_after_ms(&h("2"), now, 20_000), Some(2_000));
        assert_eq!(retry_after_ms(&h(" 0 "), now, 20_000), Some(0));
        assert_eq!(retry_after_ms(&h("3600"), now, 20_000), Some(20_000));
        assert_eq!(
            retry_after_ms(&h("99999999999999999999999"), now, 20_000),
            Some(20_000)
        );
        assert_eq!(
            retry_after_ms(&h("Sun, 06 Nov 1994 08:49:40 GMT"), now, 20_000),
            Some(3_000)
        );
        assert_eq!(
            retry_after_ms(&h("Sun, 06 Nov 1994 08:49:00 GMT"), now, 20_000),
            Some(0)
        );
        assert_eq!(retry_after_ms(&h("-5"), now, 20_000), None);
        assert_eq!(retry_after_ms(&h("soon"), now, 20_000), None);
        assert_eq!(retry_after_ms(&[], now, 20_000), None);
    }
}
