//! The simulator's clock: the real clock shifted by `--skew-seconds`, at millisecond precision.

use std::time::SystemTime;

use appconfig_core::DateTime;

/// The simulator's wall clock. Deployment progress runs `speed` times faster than this clock,
/// but signatures and the `Date` header always follow it (see the crate docs for why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    skew_ms: i64,
}

impl Clock {
    /// A clock `skew_seconds` ahead of (or behind, when negative) the real one.
    pub fn new(skew_seconds: i64) -> Self {
        Clock {
            skew_ms: skew_seconds.saturating_mul(1000),
        }
    }

    /// Now, truncated to the millisecond.
    pub fn now(&self) -> DateTime {
        let real = DateTime::from_system_time(SystemTime::now());
        DateTime::from_epoch_millis(real.epoch_millis().saturating_add(self.skew_ms))
    }
}

/// Formats a time as AppConfig sends timestamps: RFC 3339 in UTC with exactly three fractional
/// digits (`2021-09-17T21:43:54.205Z`).
pub(crate) fn format_millis(t: &DateTime) -> String {
    t.to_rfc3339_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_format() {
        let t = DateTime::parse("2021-09-17T21:43:54.205000+00:00").unwrap();
        assert_eq!(format_millis(&t), "2021-09-17T21:43:54.205Z");
        let t = DateTime::parse("2021-09-17T21:43:54Z").unwrap();
        assert_eq!(format_millis(&t), "2021-09-17T21:43:54.000Z");
    }

    #[test]
    fn skew_shifts_now() {
        let a = Clock::new(0).now();
        let b = Clock::new(600).now();
        let d = b.millis_since(&a);
        assert!((599_000..=601_000).contains(&d), "{d}");
    }
}
