//! `parse_error` on any framed response (`404` on the start line, then headers and body), and
//! what a client decides from the error: its category, the retry decision and the clock
//! correction, which must stay within `MAX_CLOCK_CORRECTION_MS` whatever `Date` says.

use appconfig_core::{DateTime, Error, HttpResponse, retry::{clock_skew_offset, Failure, RetryDecision, RetryPolicy, MAX_CLOCK_CORRECTION_MS}, response::parse_error};

use crate::Message;

/// Runs one input. The start line is `STATUS [NOW_EPOCH_MS]`.
pub fn run(data: &[u8]) {
    let m = Message::parse(data);
    let status = m.word(0).parse().unwrap_or(400);
    let now = m
        .word(1)
        .parse()
        .map_or_else(|_| crate::fixed_now(), DateTime::from_epoch_millis);
    let response = HttpResponse {
        status,
        headers: m.headers,
        body: m.body,
    };
    let e = parse_error(&response);
    assert!(!e.code.is_empty(), "an empty error code");
    assert!(
        !e.code.contains([',', ':', '#']),
        "an unsanitized code {:?}",
        e.code
    );
    assert_eq!(e.status, status);
    let _ = (e.to_string(), format!("{e:?}"), e.category());
    if let Some(offset) = clock_skew_offset(&e, now) {
        assert!(
            offset.abs() <= MAX_CLOCK_CORRECTION_MS,
            "unbounded clock correction {offset}"
        );
    }
    let error = Error::from(e);
    let policy = RetryPolicy::default();
    for attempts in [1, 2, 3] {
        for corrected in [false, true] {
            match policy.decide(attempts, Failure::Error(&error), corrected, 0.999, now) {
                RetryDecision::CorrectClockAndRetry { offset_ms } => {
                    assert!(!corrected, "corrected the clock twice");
                    assert!(offset_ms.abs() <= MAX_CLOCK_CORRECTION_MS);
                }
                RetryDecision::RetryAfter { delay_ms } => {
                    assert!(attempts < policy.max_attempts, "retried past max_attempts");
                    assert!(
                        delay_ms <= policy.max_delay_ms,
                        "delay {delay_ms} over the cap"
                    );
                }
                _ => {}
            }
        }
    }
}
