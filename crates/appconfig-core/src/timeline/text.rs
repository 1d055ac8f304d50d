//! A timeline in words: the strategy, the observed cadence, overdue steps, durations, who
//! triggered an event.
//!
//! The strategy text never states an interval: AWS's own documents disagree on it (see
//! [`plan`](super::plan())), so an interval is only ever shown once observed, as
//! [`cadence_text`] on the timeline.

use super::plan::{step_percentages, StrategyParams};
use super::project::{Due, Estimate, EstimateBasis, Projection};
use crate::model::{GrowthType, TriggeredBy};

/// Describes a strategy in words, from its members alone: "Linear, 20% steps over 30 min, 30 min
/// bake time", "Exponential, from 10% doubling over 20 min, 10 min bake time", "All at once, 10
/// min bake time". It states no step interval: see [`cadence_text`] for the one observed.
pub fn describe_strategy(strategy: &StrategyParams) -> String {
    let growth = match &strategy.growth_type {
        GrowthType::Linear => "Linear".to_owned(),
        GrowthType::Exponential => "Exponential".to_owned(),
        other => format!("{} growth", other.as_str()),
    };
    let factor = format_percent(strategy.growth_factor);
    let bake = match strategy.final_bake_minutes {
        m if m <= 0 => "no bake time".to_owned(),
        m => format!("{} bake time", format_duration(m.saturating_mul(60_000))),
    };
    if strategy.duration_minutes <= 0 {
        // The growth type means nothing without a rollout duration: "Linear, all at once" misleads.
        return format!("All at once, {bake}");
    }
    let shape = if step_percentages(&strategy.growth_type, strategy.growth_factor).len() == 1 {
        "one 100% step".to_owned()
    } else if strategy.growth_type == GrowthType::Exponential {
        format!("from {factor}% doubling")
    } else {
        format!("{factor}% steps")
    };
    format!(
        "{growth}, {shape} over {}, {bake}",
        format_duration(strategy.duration_minutes.saturating_mul(60_000))
    )
}

impl EstimateBasis {
    /// The basis in words: "estimated from the strategy", "estimated from the observed spacing".
    pub fn as_text(self) -> &'static str {
        match self {
            EstimateBasis::Plan => "estimated from the strategy",
            EstimateBasis::Observed => "estimated from the observed spacing",
        }
    }
}

/// A projection with its words beside its numbers.
pub(super) fn in_words(e: Estimate) -> Projection {
    Projection {
        estimate: true,
        basis: e.basis,
        basis_text: e.basis.as_text(),
        interval_ms: e.interval_ms,
        next_steps: e.next_steps,
        bake_starts_at: e.bake_starts_at,
        completes_at: Some(e.completes_at),
        overdue_ms: e.overdue.map(|(_, ms)| ms),
        overdue_text: e.overdue.map(|(what, ms)| overdue_text(what, ms)),
    }
}

/// The spacing of the steps seen, in words: "a step every 5 min (observed)".
pub fn cadence_text(interval_ms: i64) -> String {
    format!(
        "a step every {} (observed)",
        format_duration(round_for_text(interval_ms))
    )
}

/// How late the next thing is, in words: "next step overdue by 4 min".
pub(super) fn overdue_text(what: Due, late_ms: i64) -> String {
    let what = match what {
        Due::NextStep => "next step",
        Due::BakeStart => "bake start",
        Due::Completion => "completion",
    };
    format!(
        "{what} overdue by {}",
        format_duration(round_for_text(late_ms))
    )
}

/// Rounds a duration to what a person reads: to the second under a minute, to 10 s under 10
/// minutes, to the minute above (`4 min 1 s` is `4 min`, `3 min 20 s` stays).
fn round_for_text(ms: i64) -> i64 {
    let unit = match ms.saturating_abs() {
        a if a < 60_000 => 1_000,
        a if a < 600_000 => 10_000,
        _ => 60_000,
    };
    let half = unit / 2;
    // Half up, away from zero, without overflow at the ends of the range.
    let rounded = (ms.saturating_abs().saturating_add(half)) / unit * unit;
    if ms < 0 {
        -rounded
    } else {
        rounded
    }
}

fn format_percent(p: f64) -> String {
    if (p - p.round()).abs() < 1e-9 {
        format!("{}", p.round() as i64)
    } else {
        format!("{p:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

/// A short human duration: `45 s`, `3 min`, `3 min 20 s`, `1 h 5 min`, `2 d 3 h`.
pub fn format_duration(ms: i64) -> String {
    let neg = ms < 0;
    let total_s = ms.unsigned_abs() / 1000;
    let (d, h, m, s) = (
        total_s / 86_400,
        total_s % 86_400 / 3600,
        total_s % 3600 / 60,
        total_s % 60,
    );
    let text = if d > 0 {
        if h > 0 {
            format!("{d} d {h} h")
        } else {
            format!("{d} d")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h} h {m} min")
        } else {
            format!("{h} h")
        }
    } else if m > 0 {
        if s > 0 {
            format!("{m} min {s} s")
        } else {
            format!("{m} min")
        }
    } else if total_s > 0 {
        format!("{s} s")
    } else {
        format!("{} ms", ms.unsigned_abs())
    };
    if neg {
        format!("-{text}")
    } else {
        text
    }
}

/// Who triggered an event, in words.
pub fn triggered_by_text(t: &TriggeredBy) -> &str {
    match t {
        TriggeredBy::User => "a user",
        TriggeredBy::AppConfig => "AppConfig",
        TriggeredBy::CloudWatchAlarm => "a CloudWatch alarm",
        TriggeredBy::InternalError => "an internal error",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan::tests::linear;
    use super::*;
    use crate::model::GrowthType;

    #[test]
    fn strategy_in_words() {
        // No interval: AWS's documents disagree on it (see `plan`).
        assert_eq!(
            describe_strategy(&linear(25.0, 15, 0)),
            "Linear, 25% steps over 15 min, no bake time"
        );
        assert_eq!(
            describe_strategy(&linear(20.0, 30, 30)),
            "Linear, 20% steps over 30 min, 30 min bake time"
        );
        assert_eq!(
            describe_strategy(&StrategyParams {
                growth_type: GrowthType::Exponential,
                ..linear(10.0, 20, 10)
            }),
            "Exponential, from 10% doubling over 20 min, 10 min bake time"
        );
        assert_eq!(
            describe_strategy(&linear(100.0, 10, 0)),
            "Linear, one 100% step over 10 min, no bake time"
        );
        assert_eq!(
            describe_strategy(&linear(100.0, 0, 10)),
            "All at once, 10 min bake time"
        );
        // Minutes near the end of the range saturate rather than overflow.
        assert!(describe_strategy(&linear(33.333333, 1, i64::MAX))
            .starts_with("Linear, 33.33% steps over 1 min, "));
    }

    #[test]
    fn observed_and_overdue_in_words() {
        assert_eq!(cadence_text(300_000), "a step every 5 min (observed)");
        assert_eq!(cadence_text(180_543), "a step every 3 min (observed)");
        assert_eq!(cadence_text(241_000), "a step every 4 min (observed)");
        assert_eq!(cadence_text(200_000), "a step every 3 min 20 s (observed)");
        assert_eq!(cadence_text(20_400), "a step every 20 s (observed)");
        assert_eq!(cadence_text(3_629_000), "a step every 1 h (observed)");
        assert_eq!(
            overdue_text(Due::NextStep, 239_000),
            "next step overdue by 4 min"
        );
        assert_eq!(
            overdue_text(Due::Completion, 389_000),
            "completion overdue by 6 min 30 s"
        );
        assert_eq!(
            overdue_text(Due::BakeStart, 61_000),
            "bake start overdue by 1 min"
        );
        assert_eq!(round_for_text(i64::MAX), i64::MAX / 60_000 * 60_000);
        assert_eq!(round_for_text(i64::MIN), -(i64::MAX / 60_000 * 60_000));
        assert_eq!(round_for_text(-1_500), -2_000);
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(180_000), "3 min");
        assert_eq!(format_duration(3_661_000), "1 h 1 min");
        assert_eq!(format_duration(45_500), "45 s");
        assert_eq!(format_duration(500), "500 ms");
    }
}
