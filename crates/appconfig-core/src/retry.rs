//! The AWS SDKs' "standard" retry mode and clock-skew correction, sans-IO: the caller supplies the
//! attempt count, the outcome, a random number and the local time; the policy says what to do.

use crate::{DateTime, Error};

pub use crate::retry_after::retry_after_ms;

/// A failure that happened before a response arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The connection failed (DNS, refused, reset, CORS in a browser).
    Network,
    /// No response within the request timeout.
    Timeout,
    /// The caller aborted.
    Aborted,
}

/// What to do after an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Give up and report the error.
    GiveUp,
    /// Wait this many milliseconds, then try again.
    RetryAfter {
        /// The delay.
        delay_ms: u64,
    },
    /// The clock is off: sign with this offset (server minus local, ms) and retry at once.
    CorrectClockAndRetry {
        /// Milliseconds to add to the local clock.
        offset_ms: i64,
    },
}

/// The largest clock correction a response can make: 15 minutes either way.
///
/// The AWS SDKs believe any `Date` a skew error carries. A client pointed at a host that is not
/// AWS (a link to a hostile endpoint or proxy) would then sign every later request at whatever
/// time that host names, say a year ahead, and each signature could be replayed to AWS for as
/// long. Correcting by at most 15 minutes keeps the repair for real clock drift and bounds what a
/// forged `Date` can buy to a quarter of an hour. A skew error beyond this bound is reported, not
/// corrected.
pub const MAX_CLOCK_CORRECTION_MS: i64 = 15 * 60 * 1000;

/// The standard retry mode: exponential backoff with full jitter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, first included (the SDKs' default is 3).
    pub max_attempts: u32,
    /// Base delay for ordinary retries, ms (100 in the JavaScript SDK).
    pub base_delay_ms: u64,
    /// Base delay after throttling, ms (500 in the JavaScript SDK).
    pub throttling_base_delay_ms: u64,
    /// Cap on any delay, ms (20 s).
    pub max_delay_ms: u64,
}

/// Attempts in all when the caller names no number, as in the AWS SDKs' standard mode. The npm
/// package's JavaScript defaults to the same (`js/client.js`, checked by
/// `crates/appconfig-js/tests/js_policy.rs`).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            base_delay_ms: 100,
            throttling_base_delay_ms: 500,
            max_delay_ms: 20_000,
        }
    }
}

impl RetryPolicy {
    /// A policy with `max_attempts` (at least 1) and the standard delays.
    pub fn with_max_attempts(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts: max_attempts.max(1),
            ..Default::default()
        }
    }

    /// The delay before retry number `retry` (1 for the first retry), given `random` in `[0, 1)`.
    pub fn backoff_ms(&self, retry: u32, throttled: bool, random: f64) -> u64 {
        let base = if throttled {
            self.throttling_base_delay_ms
        } else {
            self.base_delay_ms
        };
        let exp = base.saturating_mul(1u64 << retry.saturating_sub(1).min(30));
        let cap = exp.min(self.max_delay_ms) as f64;
        (cap * random.clamp(0.0, 1.0)).floor() as u64
    }

    /// How long to wait before a retry that [`decide`](Self::decide) asked for after `delay_ms`:
    /// a server's `Retry-After` among `headers` may lengthen the wait, never past
    /// [`max_delay_ms`](Self::max_delay_ms). Both retry loops (`appconfig-fetch` and the npm
    /// package, whose JavaScript asks its wasm) wait this long.
    pub fn wait_ms(&self, delay_ms: u64, headers: &[(String, String)], now: DateTime) -> u64 {
        retry_after_ms(headers, now, self.max_delay_ms)
            .map_or(delay_ms, |asked| asked.max(delay_ms))
    }

    /// Decides after a failed attempt.
    ///
    /// `attempts` is how many attempts were made so far (1 after the first), `skew_corrected`
    /// whether the clock was already corrected for this call, `random` a number in `[0, 1)`
    /// and `now` the local time (for clock skew).
    pub fn decide(
        &self,
        attempts: u32,
        failure: Failure<'_>,
        skew_corrected: bool,
        random: f64,
        now: DateTime,
    ) -> RetryDecision {
        if let Failure::Error(Error::Service(e)) = failure {
            if !skew_corrected {
                if let Some(offset_ms) = clock_skew_offset(e, now) {
                    return RetryDecision::CorrectClockAndRetry { offset_ms };
                }
            }
        }
        if attempts >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let (retryable, throttled) = match failure {
            Failure::Transport(TransportFailure::Aborted) => (false, false),
            Failure::Transport(_) => (true, false),
            Failure::Error(Error::Service(e)) => (e.is_retryable(), e.is_throttling()),
            Failure::Error(_) => (false, false),
        };
        if !retryable {
            return RetryDecision::GiveUp;
        }
        RetryDecision::RetryAfter {
            delay_ms: self.backoff_ms(attempts, throttled, random),
        }
    }
}

/// A failed attempt.
#[derive(Clone, Copy, Debug)]
pub enum Failure<'a> {
    /// No response.
    Transport(TransportFailure),
    /// A response that was an error, or could not be read.
    Error(&'a Error),
}

/// When `error` is one a skewed clock causes, the response's `Date` is five minutes or more from
/// `now`, and no more than [`MAX_CLOCK_CORRECTION_MS`] away: the offset (server minus local, ms)
/// to sign with.
pub fn clock_skew_offset(error: &crate::error::ServiceError, now: DateTime) -> Option<i64> {
    error
        .clock_skew_ms(now)
        .filter(|offset| offset.abs() <= MAX_CLOCK_CORRECTION_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    fn now() -> DateTime {
        DateTime::parse("2024-01-01T00:00:00Z").unwrap()
    }

    #[test]
    fn retries_server_errors_then_gives_up() {
        let p = RetryPolicy::default();
        let e: Error = ServiceError::new("InternalServerException", "x", 500).into();
        let d = p.decide(1, Failure::Error(&e), false, 0.5, now());
        assert_eq!(d, RetryDecision::RetryAfter { delay_ms: 50 });
        let d = p.decide(2, Failure::Error(&e), false, 0.5, now());
        assert_eq!(d, RetryDecision::RetryAfter { delay_ms: 100 });
        assert_eq!(
            p.decide(3, Failure::Error(&e), false, 0.5, now()),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn throttling_uses_the_longer_base() {
        let p = RetryPolicy::default();
        let e: Error = ServiceError::new("ThrottlingException", "slow down", 400).into();
        assert_eq!(
            p.decide(1, Failure::Error(&e), false, 0.999, now()),
            RetryDecision::RetryAfter { delay_ms: 499 }
        );
    }

    #[test]
    fn client_errors_and_aborts_are_final() {
        let p = RetryPolicy::default();
        let e: Error = ServiceError::new("ResourceNotFoundException", "no", 404).into();
        assert_eq!(
            p.decide(1, Failure::Error(&e), false, 0.5, now()),
            RetryDecision::GiveUp
        );
        assert_eq!(
            p.decide(
                1,
                Failure::Transport(TransportFailure::Aborted),
                false,
                0.5,
                now()
            ),
            RetryDecision::GiveUp
        );
        assert!(matches!(
            p.decide(
                1,
                Failure::Transport(TransportFailure::Timeout),
                false,
                0.5,
                now()
            ),
            RetryDecision::RetryAfter { .. }
        ));
    }

    #[test]
    fn clock_skew_is_corrected_once() {
        let p = RetryPolicy::with_max_attempts(1);
        let mut se = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
        se.server_date = Some(now().add_millis(600_000));
        let e: Error = se.into();
        assert_eq!(
            p.decide(1, Failure::Error(&e), false, 0.5, now()),
            RetryDecision::CorrectClockAndRetry { offset_ms: 600_000 }
        );
        assert_eq!(
            p.decide(1, Failure::Error(&e), true, 0.5, now()),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn small_skew_is_not_corrected() {
        let mut se = ServiceError::new("InvalidSignatureException", "bad", 403);
        se.server_date = Some(now().add_millis(60_000));
        assert_eq!(clock_skew_offset(&se, now()), None);
    }

    /// A `Date` beyond the bound (a hostile endpoint answering "Signature expired" with a date a
    /// year ahead) is not believed: the error is reported and later signatures keep the local
    /// clock.
    #[test]
    fn clock_correction_is_bounded() {
        let p = RetryPolicy::default();
        for offset in [
            MAX_CLOCK_CORRECTION_MS + 1_000,
            -MAX_CLOCK_CORRECTION_MS - 1_000,
            365 * 86_400_000,
        ] {
            let mut se = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
            se.server_date = Some(now().add_millis(offset));
            assert_eq!(clock_skew_offset(&se, now()), None, "{offset}");
            let e: Error = se.into();
            assert_eq!(
                p.decide(1, Failure::Error(&e), false, 0.5, now()),
                RetryDecision::GiveUp,
                "{offset}"
            );
        }
        let mut se = ServiceError::new("RequestTimeTooSkewed", "skewed", 403);
        se.server_date = Some(now().add_millis(-MAX_CLOCK_CORRECTION_MS));
        assert_eq!(
            clock_skew_offset(&se, now()),
            Some(-MAX_CLOCK_CORRECTION_MS)
        );
    }
}
