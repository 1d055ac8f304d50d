//! A timeline in words: the strategy, durations, who triggered an event.

use super::plan::{plan, StrategyParams};
use crate::{GrowthType, TriggeredBy};

/// Describes a strategy in words: "Linear, 25% every 3 min over 15 min, no bake time".
pub fn describe_strategy(strategy: &StrategyParams) -> String {
    let p = plan(strategy);
    let growth = match &strategy.growth_type {
        GrowthType::Linear => "Linear".to_owned(),
        GrowthType::Exponential => "Exponential".to_owned(),
        other => format!("{} growth", other.as_str()),
    };
    let factor = format_percent(strategy.growth_factor);
    let shape = match &strategy.growth_type {
        GrowthType::Exponential => format!("from {factor}% doubling"),
        _ => format!("{factor}%"),
    };
    let bake = match strategy.final_bake_minutes {
        m if m <= 0 => "no bake time".to_owned(),
        m => format!("{} bake time", format_duration(m.saturating_mul(60_000))),
    };
    if strategy.duration_minutes <= 0 {
        // The growth type means nothing without a rollout duration: "Linear, all at once" misleads.
        return format!("All at once, {bake}");
    }
    format!(
        "{growth}, {shape} every {} over {}, {bake}",
        format_duration(p.step_interval_ms),
        format_duration(strategy.duration_minutes.saturating_mul(60_000))
    )
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
    use super::*;
    use crate::GrowthType;

    fn linear(g: f64, d: i64, bake: i64) -> StrategyParams {
        StrategyParams {
            growth_type: GrowthType::Linear,
            growth_factor: g,
            duration_minutes: d,
            final_bake_minutes: bake,
        }
    }

    #[test]
    fn strategy_in_words() {
        assert_eq!(
            describe_strategy(&linear(25.0, 15, 0)),
            "Linear, 25% every 3 min over 15 min, no bake time"
        );
        assert_eq!(
            describe_strategy(&linear(100.0, 0, 10)),
            "All at once, 10 min bake time"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(180_000), "3 min");
        assert_eq!(format_duration(3_661_000), "1 h 1 min");
        assert_eq!(format_duration(45_500), "45 s");
        assert_eq!(format_duration(500), "500 ms");
    }
}
