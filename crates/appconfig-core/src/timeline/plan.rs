//! The progression model: how a strategy's percentage grows over its duration, and what
//! AppConfig writes in the event log at each step.
//!
//! # The progression model
//!
//! AWS documents the growth formulas only loosely, so this model is derived from real event
//! logs, first of all botocore's GetDeployment example (LINEAR, growth factor 25, 15 minutes, no
//! bake time): `DEPLOYMENT_STARTED` at 0, `PERCENTAGE_UPDATED` 25/50/75/100% at +3, +6, +9, +12
//! minutes, `BAKE_TIME_STARTED` at +15, `DEPLOYMENT_COMPLETED` right after (bake time 0).
//!
//! - **Percentages.** LINEAR: step *k* (1-based) reaches `min(100, k·G)`. EXPONENTIAL: step *k*
//!   reaches `min(100, G·2^(k-1))` (AWS: "G*(2^N)" with N from 0). The last step is always 100%.
//!   With *n* steps in all.
//! - **Timing.** The duration *D* is cut into *n + 1* equal intervals `I = D / (n + 1)`: step *k*
//!   happens at `k·I`, the last interval holds 100%, and the bake time starts at *D* (in the
//!   example, `I` = 15 / 5 = 3 minutes). The deployment completes at `D + FinalBakeTimeInMinutes`.
//! - **Estimates.** Real steps land a little late (about a second each in the example). A
//!   projection keeps the lag of the last observed step (the highest percentage reached, matched
//!   to the plan by percentage) for the steps to come. Nothing is projected before `now`: when
//!   the next step is overdue, the remaining steps and the bake keep their spacing from `now`
//!   on. While BAKING, completion is the bake start plus `FinalBakeTimeInMinutes` (or `now`,
//!   if later). Everything projected is marked as an estimate.
//!
//! The simulator runs deployments by this same model ([`plan`]), so what it shows and what the
//! timeline projects agree.

use serde::Serialize;

use crate::{
    model::{DeploymentSummary, GrowthType},
    Deployment,
};

/// The strategy members a plan needs.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyParams {
    /// LINEAR or EXPONENTIAL (unknown types are planned as LINEAR).
    pub growth_type: GrowthType,
    /// The growth factor in percent (1 to 100).
    pub growth_factor: f64,
    /// The rollout duration in minutes.
    pub duration_minutes: i64,
    /// The final bake time in minutes.
    pub final_bake_minutes: i64,
}

impl StrategyParams {
    /// The strategy of a deployment, when it has the members a plan needs.
    pub fn of(d: &Deployment) -> Option<Self> {
        Some(StrategyParams {
            growth_type: d.growth_type.clone().unwrap_or(GrowthType::Linear),
            growth_factor: d.growth_factor?,
            duration_minutes: i64::from(d.deployment_duration_in_minutes?),
            final_bake_minutes: i64::from(d.final_bake_time_in_minutes.unwrap_or(0)),
        })
    }

    /// The strategy of a `ListDeployments` summary, when it has the members a plan needs.
    pub fn of_summary(s: &DeploymentSummary) -> Option<Self> {
        Some(StrategyParams {
            growth_type: s.growth_type.clone().unwrap_or(GrowthType::Linear),
            growth_factor: s.growth_factor?,
            duration_minutes: i64::from(s.deployment_duration_in_minutes?),
            final_bake_minutes: i64::from(s.final_bake_time_in_minutes.unwrap_or(0)),
        })
    }
}

/// One planned step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStep {
    /// Milliseconds after the start.
    pub offset_ms: i64,
    /// The percentage reached.
    pub percentage: f64,
}

/// A whole deployment, planned by the model in the module docs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The steps, the last at 100%.
    pub steps: Vec<PlannedStep>,
    /// The time between steps, ms.
    pub step_interval_ms: i64,
    /// When the bake time starts, ms after the start.
    pub bake_start_offset_ms: i64,
    /// When the deployment completes, ms after the start.
    pub complete_offset_ms: i64,
}

/// The percentages of each step, by growth type and factor (the last is always 100).
pub fn step_percentages(growth_type: &GrowthType, growth_factor: f64) -> Vec<f64> {
    // At least a hundredth, the resolution steps are rounded to: below it, steps would round to
    // the same value and the plan repeat a percentage (and below 1e-300 never reach 100). The
    // model's minimum is 1, but the simulator seeds a 0.5% strategy.
    let g = if growth_factor.is_finite() && growth_factor > 0.0 {
        growth_factor.clamp(0.01, 100.0)
    } else {
        100.0
    };
    let mut out = Vec::new();
    let mut k = 1u32;
    // 2^(k-1), doubled as k grows: exact, as `powi` is for powers of two (and no call per step).
    let mut doubling = 1.0;
    loop {
        let p = match growth_type {
            GrowthType::Exponential => g * doubling,
            _ => g * f64::from(k),
        };
        // Rounded to hundredths first: 3 × 33.333333 is 100, and so is 99.999, which must not
        // become a step of 100% before the last one.
        let rounded = (p * 100.0).round() / 100.0;
        if rounded >= 100.0 || out.len() >= 1000 {
            out.push(100.0);
            return out;
        }
        out.push(rounded);
        k += 1;
        doubling *= 2.0;
    }
}

/// Plans a deployment by the model in the module docs.
pub fn plan(strategy: &StrategyParams) -> Plan {
    let percentages = step_percentages(&strategy.growth_type, strategy.growth_factor);
    // Saturating: `StrategyParams` is public, and minutes near `i64::MAX` must not overflow (a
    // panic in debug builds). Every real strategy (minutes fit an `i32`) is far from the limit.
    let duration_ms = strategy.duration_minutes.max(0).saturating_mul(60_000);
    let interval = duration_ms / (percentages.len() as i64 + 1);
    let steps = percentages
        .iter()
        .enumerate()
        .map(|(i, &percentage)| PlannedStep {
            offset_ms: interval.saturating_mul(i as i64 + 1),
            percentage,
        })
        .collect();
    Plan {
        steps,
        step_interval_ms: interval,
        bake_start_offset_ms: duration_ms,
        complete_offset_ms: duration_ms
            .saturating_add(strategy.final_bake_minutes.max(0).saturating_mul(60_000)),
    }
}

impl Plan {
    /// How many planned steps a percentage has reached (0 before the first step): the steps at or
    /// below `percentage`, by binary search (the percentages only grow).
    pub(super) fn steps_reached(&self, percentage: f64) -> usize {
        self.steps_reached_from(percentage, 0)
    }

    /// As [`Plan::steps_reached`], knowing that at least `known` steps are reached: the steps of
    /// a log come in order, so looking from the last one found is O(1) per step (a binary search
    /// over a plan of 1,000 steps cost more than the rest of the step).
    pub(super) fn steps_reached_from(&self, percentage: f64, known: usize) -> usize {
        let reached = |i: usize| self.steps[i].percentage <= percentage + 1e-6;
        let mut k = known.min(self.steps.len());
        // A few steps further by hand, then a binary search for a big jump.
        for _ in 0..4 {
            if k < self.steps.len() && reached(k) {
                k += 1;
            } else {
                return k;
            }
        }
        k + self.steps[k..].partition_point(|s| s.percentage <= percentage + 1e-6)
    }

    /// The offset of planned step `k` (1-based; 0 is the start), ms after the start.
    pub(super) fn offset_of(&self, k: usize) -> i64 {
        match k.checked_sub(1) {
            None => 0,
            Some(i) => self
                .steps
                .get(i)
                .or(self.steps.last())
                .map_or(0, |s| s.offset_ms),
        }
    }
}

/// The description AppConfig writes on a PERCENTAGE_UPDATED event.
pub fn percentage_description(p: f64) -> String {
    format!("Configuration available to {p:.2}% of clients")
}

/// Reads the percentage out of a PERCENTAGE_UPDATED description ("... to 25.00% of clients").
pub fn parse_percentage(description: &str) -> Option<f64> {
    let pct = description.find('%')?;
    let head = &description[..pct];
    // The number is the run of ASCII digits and dots right before the `%`. Its start is found by
    // byte, not by `char`: every byte of a multi-byte character (`€`, a no-break space) is
    // >= 0x80, so the run never starts inside one, and slicing there is always on a boundary.
    let start = head
        .bytes()
        .rposition(|b| !(b.is_ascii_digit() || b == b'.'))
        .map_or(0, |i| i + 1);
    // "-0.12%" is no percentage AppConfig writes, not 0.12%.
    if head[..start].ends_with('-') {
        return None;
    }
    let v = parse_decimal(head.get(start..)?)?;
    (0.0..=100.0).contains(&v).then_some(v)
}

/// Reads digits with at most one `.` (`25`, `25.00`, `.5`, `5.`, `007.5`), as `str::parse::<f64>`
/// does for the 15 digits and fewer that AppConfig writes (`crate::decimal`).
fn parse_decimal(text: &str) -> Option<f64> {
    if !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    crate::decimal::parse(text)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A LINEAR strategy (also for `text`'s tests).
    pub(in crate::timeline) fn linear(g: f64, d: i64, bake: i64) -> StrategyParams {
        StrategyParams {
            growth_type: GrowthType::Linear,
            growth_factor: g,
            duration_minutes: d,
            final_bake_minutes: bake,
        }
    }

    #[test]
    fn linear_25_over_15_steps_every_3_minutes() {
        let p = plan(&linear(25.0, 15, 0));
        let got: Vec<(i64, f64)> = p
            .steps
            .iter()
            .map(|s| (s.offset_ms / 60_000, s.percentage))
            .collect();
        assert_eq!(got, vec![(3, 25.0), (6, 50.0), (9, 75.0), (12, 100.0)]);
        assert_eq!(p.bake_start_offset_ms, 15 * 60_000);
        assert_eq!(p.complete_offset_ms, 15 * 60_000);
    }

    #[test]
    fn exponential_doubles_then_caps() {
        assert_eq!(
            step_percentages(&GrowthType::Exponential, 10.0),
            vec![10.0, 20.0, 40.0, 80.0, 100.0]
        );
        assert_eq!(step_percentages(&GrowthType::Linear, 100.0), vec![100.0]);
        assert_eq!(
            step_percentages(&GrowthType::Linear, 33.333333),
            vec![33.33, 66.67, 100.0]
        );
        assert_eq!(step_percentages(&GrowthType::Linear, 0.0), vec![100.0]);
    }

    #[test]
    fn reads_percentages() {
        assert_eq!(
            parse_percentage("Configuration available to 25.00% of clients"),
            Some(25.0)
        );
        assert_eq!(parse_percentage("no number"), None);
        // A multi-byte character right before the digits (was a panic: a slice inside `€`).
        assert_eq!(
            parse_percentage("Configuration available to €25% of clients"),
            Some(25.0)
        );
        assert_eq!(
            parse_percentage("available to\u{a0}12.5% of clients"),
            Some(12.5)
        );
        assert_eq!(parse_percentage("€%"), None);
        assert_eq!(parse_percentage("日本語50%"), Some(50.0));
        for text in ["25", "25.00", "33.33", ".5", "5.", "007.5", "0", "100.0000"] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        // The fast path (up to 15 digits) and the parser agree with `str::parse` everywhere.
        for i in 0..5_000u64 {
            let n = i.wrapping_mul(2_654_435_761) % 1_000_000_000_000_000;
            let s = n.to_string();
            for cut in 0..=s.len() {
                let text = format!("{}.{}", &s[..cut], &s[cut..]);
                assert_eq!(parse_decimal(&text), text.parse::<f64>().ok(), "{text}");
            }
        }
        for text in ["", ".", "1.2.3", ".."] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
        assert_eq!(
            percentage_description(6.25),
            "Configuration available to 6.25% of clients"
        );
    }
}
