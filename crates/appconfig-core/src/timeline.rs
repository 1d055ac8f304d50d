//! What a viewer needs from a deployment: events in time order, steps, bake, rollback, and while
//! it runs, estimates of the steps to come.
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

use crate::model::{
    Deployment, DeploymentEvent, DeploymentEventType, DeploymentState, GrowthType, TriggeredBy,
};
use crate::DateTime;

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
    let g = if growth_factor.is_finite() && growth_factor > 0.0 {
        growth_factor.min(100.0)
    } else {
        100.0
    };
    let mut out = Vec::new();
    let mut k = 1u32;
    loop {
        let p = match growth_type {
            GrowthType::Exponential => g * 2f64.powi(k as i32 - 1),
            _ => g * f64::from(k),
        };
        // Tolerate float noise: 3 × 33.333333 is 100.
        if p >= 100.0 - 1e-6 || out.len() >= 1000 {
            out.push(100.0);
            return out;
        }
        out.push((p * 100.0).round() / 100.0);
        k += 1;
    }
}

/// Plans a deployment by the model in the module docs.
pub fn plan(strategy: &StrategyParams) -> Plan {
    let percentages = step_percentages(&strategy.growth_type, strategy.growth_factor);
    let duration_ms = strategy.duration_minutes.max(0) * 60_000;
    let interval = duration_ms / (percentages.len() as i64 + 1);
    let steps = percentages
        .iter()
        .enumerate()
        .map(|(i, &percentage)| PlannedStep {
            offset_ms: interval * (i as i64 + 1),
            percentage,
        })
        .collect();
    Plan {
        steps,
        step_interval_ms: interval,
        bake_start_offset_ms: duration_ms,
        complete_offset_ms: duration_ms + strategy.final_bake_minutes.max(0) * 60_000,
    }
}

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
        m => format!("{} bake time", format_minutes(m * 60_000)),
    };
    if strategy.duration_minutes <= 0 {
        // The growth type means nothing without a rollout duration: "Linear, all at once" misleads.
        return format!("All at once, {bake}");
    }
    format!(
        "{growth}, {shape} every {} over {}, {bake}",
        format_minutes(p.step_interval_ms),
        format_minutes(strategy.duration_minutes * 60_000)
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

/// "3 min", "1 h 30 min", "45 s", "2.5 min" style durations.
pub fn format_minutes(ms: i64) -> String {
    format_duration(ms)
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

/// The description AppConfig writes on a PERCENTAGE_UPDATED event.
pub fn percentage_description(p: f64) -> String {
    format!("Configuration available to {p:.2}% of clients")
}

/// Reads the percentage out of a PERCENTAGE_UPDATED description ("... to 25.00% of clients").
pub fn parse_percentage(description: &str) -> Option<f64> {
    let pct = description.find('%')?;
    let head = &description[..pct];
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |i| i + 1);
    let v = parse_decimal(&head[start..])?;
    (0.0..=100.0).contains(&v).then_some(v)
}

/// Reads digits with at most one `.` (`25`, `25.00`, `.5`, `5.`, `007.5`) as `str::parse::<f64>`
/// does, through serde_json's number parser: the package already carries it, while core's float
/// parser would add its own tables.
fn parse_decimal(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() && frac.is_empty() || frac.contains('.') {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let json = if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    };
    serde_json::from_str(&json).ok()
}

/// One event of the log, placed in time.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// The position in `EventLog` as AWS returned it (0 = newest).
    pub log_index: usize,
    /// The event itself.
    #[serde(skip)]
    pub event: DeploymentEvent,
    /// The event type, as text.
    pub event_type: Option<String>,
    /// Who triggered it, as text.
    pub triggered_by: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// When it happened.
    pub occurred_at: Option<DateTime>,
    /// Milliseconds since the previous event (in time order).
    pub since_previous_ms: Option<i64>,
    /// Milliseconds since the deployment started.
    pub since_start_ms: Option<i64>,
    /// The percentage reached, for PERCENTAGE_UPDATED.
    pub percentage: Option<f64>,
    /// How many of its action invocations failed.
    pub failed_invocations: usize,
}

/// A step observed in the log.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// When.
    pub at: DateTime,
    /// The percentage reached.
    pub percentage: f64,
}

/// The bake period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bake {
    /// When it started.
    pub started_at: DateTime,
    /// When it ends by the strategy.
    pub planned_end: Option<DateTime>,
    /// When it actually ended (completion or rollback), if it has.
    pub ended_at: Option<DateTime>,
}

/// A rollback or a revert.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollback {
    /// True for a revert of a completed deployment (REVERT_COMPLETED), false for a rollback.
    pub is_revert: bool,
    /// When it started (ROLLBACK_STARTED, or the revert itself).
    pub started_at: Option<DateTime>,
    /// When it completed.
    pub completed_at: Option<DateTime>,
    /// Who triggered it (a user, a CloudWatch alarm, an internal error).
    pub triggered_by: Option<String>,
    /// The description (an account or alarm ARN).
    pub description: Option<String>,
    /// The percentage reached before it.
    pub percentage_reached: f64,
}

/// Estimates for a running deployment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    /// Always true: these are estimates from the strategy, not promises.
    pub estimate: bool,
    /// The steps still to come.
    pub next_steps: Vec<Step>,
    /// When the bake time starts, if it has not.
    pub bake_starts_at: Option<DateTime>,
    /// When the deployment completes.
    pub completes_at: Option<DateTime>,
}

/// A point of the percentage-over-time chart.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartPoint {
    /// When.
    pub at: DateTime,
    /// The percentage from then on.
    pub percentage: f64,
}

/// Everything a viewer needs, derived from a [`Deployment`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The events, oldest first.
    pub entries: Vec<TimelineEntry>,
    /// Percentage steps observed, oldest first.
    pub steps: Vec<Step>,
    /// Percentage over time for the chart: 0 at the start, each step, and 0 after a rollback
    /// or revert completes.
    pub chart: Vec<ChartPoint>,
    /// The bake period, when it started.
    pub bake: Option<Bake>,
    /// The rollback or revert, when there was one.
    pub rollback: Option<Rollback>,
    /// Estimates while DEPLOYING, BAKING or VALIDATING and a strategy is known.
    pub projection: Option<Projection>,
    /// When it started.
    pub started_at: Option<DateTime>,
    /// When it ended (completed, rolled back or reverted).
    pub ended_at: Option<DateTime>,
    /// From start to end, or to `now` while running.
    pub duration_ms: Option<i64>,
    /// The strategy in words.
    pub strategy_text: Option<String>,
    /// True while the state may still change.
    pub in_progress: bool,
}

/// Derives the timeline. `now` (never read from the clock here) bounds running durations and
/// keeps projections from falling in the past.
pub fn timeline(d: &Deployment, now: Option<DateTime>) -> Timeline {
    let events = d.events_in_time_order();
    let log = d.event_log.as_deref().unwrap_or_default();
    // `events` borrows from `log`: an event's index is its offset in the slice. (A search per
    // event made 1,000 events cost half a million comparisons.)
    let base = log.as_ptr() as usize;
    let size = std::mem::size_of::<DeploymentEvent>().max(1);
    let index_of = |e: &DeploymentEvent| {
        (e as *const DeploymentEvent as usize)
            .checked_sub(base)
            .map_or(0, |offset| offset / size)
            .min(log.len().saturating_sub(1))
    };
    let first_event_time = events.iter().find_map(|e| e.occurred_at);
    let started_at = d
        .started_at
        .or_else(|| {
            events
                .iter()
                .find(|e| e.event_type == Some(DeploymentEventType::DeploymentStarted))
                .and_then(|e| e.occurred_at)
        })
        .or(first_event_time);

    let mut entries = Vec::with_capacity(events.len());
    let mut steps = Vec::new();
    let mut chart = Vec::new();
    let mut bake: Option<Bake> = None;
    let mut rollback: Option<Rollback> = None;
    let mut ended_at = d.completed_at;
    let mut previous: Option<DateTime> = None;
    let mut current_pct = 0.0;
    let bake_ms = d.final_bake_time_in_minutes.map(|m| i64::from(m) * 60_000);
    if let Some(s) = started_at {
        chart.push(ChartPoint {
            at: s,
            percentage: 0.0,
        });
    }

    for e in &events {
        let at = e.occurred_at;
        let ty = e.event_type.clone();
        let percentage = match ty {
            Some(DeploymentEventType::PercentageUpdated) => {
                e.description.as_deref().and_then(parse_percentage)
            }
            _ => None,
        };
        if let (Some(p), Some(at)) = (percentage, at) {
            steps.push(Step { at, percentage: p });
            chart.push(ChartPoint { at, percentage: p });
            current_pct = p;
        }
        match ty {
            Some(DeploymentEventType::BakeTimeStarted) => {
                if let Some(at) = at {
                    bake = Some(Bake {
                        started_at: at,
                        planned_end: bake_ms.map(|ms| at.add_millis(ms)),
                        ended_at: None,
                    });
                }
            }
            Some(DeploymentEventType::DeploymentCompleted) => {
                if let (Some(b), Some(at)) = (bake.as_mut(), at) {
                    b.ended_at.get_or_insert(at);
                }
                if ended_at.is_none() {
                    ended_at = at;
                }
            }
            Some(DeploymentEventType::RollbackStarted) => {
                if let (Some(b), Some(at)) = (bake.as_mut(), at) {
                    b.ended_at.get_or_insert(at);
                }
                rollback = Some(Rollback {
                    is_revert: false,
                    started_at: at,
                    completed_at: None,
                    triggered_by: e.triggered_by.as_ref().map(|t| t.as_str().to_owned()),
                    description: e.description.clone(),
                    percentage_reached: current_pct,
                });
            }
            Some(DeploymentEventType::RollbackCompleted) => {
                let r = rollback.get_or_insert_with(|| Rollback {
                    is_revert: false,
                    started_at: None,
                    completed_at: None,
                    triggered_by: e.triggered_by.as_ref().map(|t| t.as_str().to_owned()),
                    description: e.description.clone(),
                    percentage_reached: current_pct,
                });
                r.completed_at = at;
                ended_at = at.or(ended_at);
                if let Some(at) = at {
                    chart.push(ChartPoint {
                        at,
                        percentage: 0.0,
                    });
                    current_pct = 0.0;
                }
            }
            Some(DeploymentEventType::RevertCompleted) => {
                rollback = Some(Rollback {
                    is_revert: true,
                    started_at: at,
                    completed_at: at,
                    triggered_by: e.triggered_by.as_ref().map(|t| t.as_str().to_owned()),
                    description: e.description.clone(),
                    percentage_reached: current_pct,
                });
                ended_at = at.or(ended_at);
                if let Some(at) = at {
                    chart.push(ChartPoint {
                        at,
                        percentage: 0.0,
                    });
                    current_pct = 0.0;
                }
            }
            _ => {}
        }
        entries.push(TimelineEntry {
            log_index: index_of(e),
            event: (*e).clone(),
            event_type: ty.as_ref().map(|t| t.as_str().to_owned()),
            triggered_by: e.triggered_by.as_ref().map(|t| t.as_str().to_owned()),
            description: e.description.clone(),
            occurred_at: at,
            since_previous_ms: match (at, previous) {
                (Some(a), Some(p)) => Some(a.millis_since(&p)),
                _ => None,
            },
            since_start_ms: match (at, started_at) {
                (Some(a), Some(s)) => Some(a.millis_since(&s)),
                _ => None,
            },
            percentage,
            failed_invocations: e
                .action_invocations
                .iter()
                .flatten()
                .filter(|a| a.failed())
                .count(),
        });
        if at.is_some() {
            previous = at;
        }
    }

    let state = d.state.clone();
    let in_progress = state.as_ref().is_some_and(DeploymentState::is_in_progress);
    if in_progress {
        ended_at = None;
    }
    let strategy = StrategyParams::of(d);
    let projection = match (&state, &strategy) {
        (Some(s), Some(strategy))
            if matches!(
                s,
                DeploymentState::Deploying | DeploymentState::Baking | DeploymentState::Validating
            ) =>
        {
            project(s, strategy, started_at, &steps, bake.as_ref(), now)
        }
        _ => None,
    };
    let duration_ms = match (started_at, ended_at, now) {
        (Some(s), Some(e), _) => Some(e.millis_since(&s)),
        (Some(s), None, Some(n)) if in_progress => Some(n.millis_since(&s).max(0)),
        _ => None,
    };
    Timeline {
        entries,
        steps,
        chart,
        bake,
        rollback,
        projection,
        started_at,
        ended_at,
        duration_ms,
        strategy_text: strategy.as_ref().map(describe_strategy),
        in_progress,
    }
}

fn project(
    state: &DeploymentState,
    strategy: &StrategyParams,
    started_at: Option<DateTime>,
    observed: &[Step],
    bake: Option<&Bake>,
    now: Option<DateTime>,
) -> Option<Projection> {
    let p = plan(strategy);
    let not_before = |t: DateTime| match now {
        Some(n) if t < n => n,
        _ => t,
    };
    if *state == DeploymentState::Baking {
        let complete = bake
            .map(|b| b.started_at)
            .or_else(|| started_at.map(|s| s.add_millis(p.bake_start_offset_ms)))?
            .add_millis(p.complete_offset_ms - p.bake_start_offset_ms);
        return Some(Projection {
            estimate: true,
            next_steps: Vec::new(),
            bake_starts_at: None,
            completes_at: Some(not_before(complete)),
        });
    }
    // VALIDATING comes before the first step: plan from now when nothing started yet.
    let start = started_at.or(now)?;
    // The highest step observed (when first reached), matched to the plan by its percentage
    // (not by counting events, which a repeated event would throw off); its lag carries over.
    let last = observed.iter().fold(None::<&Step>, |best, s| match best {
        Some(b) if b.percentage >= s.percentage => Some(b),
        _ => Some(s),
    });
    let last_pct = last.map_or(0.0, |s| s.percentage);
    let lag = last
        .and_then(|l| {
            p.steps
                .iter()
                .find(|s| s.percentage >= l.percentage - 1e-6)
                .map(|s| l.at.millis_since(&start) - s.offset_ms)
        })
        .unwrap_or(0)
        .max(0);
    let mut next_steps = p
        .steps
        .iter()
        .filter(|s| s.percentage > last_pct + 1e-6)
        .map(|s| Step {
            at: start.add_millis(s.offset_ms + lag),
            percentage: s.percentage,
        })
        .collect::<Vec<_>>();
    let mut bake_start = start.add_millis(p.bake_start_offset_ms + lag);
    if let Some(t) = next_steps.last().map(|s| s.at) {
        bake_start = bake_start.max(t);
    }
    // Overdue (AWS is late, or `now` is past the plan): nothing is projected into the past, and
    // the rest keeps its spacing from now on rather than collapsing onto `now`.
    let first = next_steps.first().map_or(bake_start, |s| s.at);
    let shift = match now {
        Some(n) if first < n => n.millis_since(&first),
        _ => 0,
    };
    for s in &mut next_steps {
        s.at = s.at.add_millis(shift);
    }
    let bake_start = bake_start.add_millis(shift);
    Some(Projection {
        estimate: true,
        next_steps,
        bake_starts_at: Some(bake_start),
        completes_at: Some(bake_start.add_millis(p.complete_offset_ms - p.bake_start_offset_ms)),
    })
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

    fn linear(g: f64, d: i64, bake: i64) -> StrategyParams {
        StrategyParams {
            growth_type: GrowthType::Linear,
            growth_factor: g,
            duration_minutes: d,
            final_bake_minutes: bake,
        }
    }

    #[test]
    fn log_index_is_the_position_in_the_event_log() {
        let at = |m: i64| DateTime::from_epoch_millis(1_700_000_000_000 + m * 60_000);
        let ev = |m: i64| {
            DeploymentEvent::new(
                DeploymentEventType::PercentageUpdated,
                TriggeredBy::AppConfig,
                format!("Configuration available to {m}.00% of clients"),
                at(m),
            )
        };
        // Newest first as AWS returns them, with two out of order and a tie.
        let log = vec![ev(5), ev(7), ev(3), ev(3), ev(1), ev(0)];
        let d = Deployment {
            event_log: Some(log.clone()),
            ..Default::default()
        };
        let t = timeline(&d, None);
        let got: Vec<usize> = t.entries.iter().map(|e| e.log_index).collect();
        // Oldest first; the tie keeps occurrence order (the later log entry happened first).
        assert_eq!(got, vec![5, 4, 3, 2, 0, 1]);
        for e in &t.entries {
            assert_eq!(e.event, log[e.log_index]);
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
    fn reads_percentages() {
        assert_eq!(
            parse_percentage("Configuration available to 25.00% of clients"),
            Some(25.0)
        );
        assert_eq!(parse_percentage("no number"), None);
        for text in [
            "25",
            "25.00",
            "33.33",
            ".5",
            "5.",
            "007.5",
            "0",
            "100.0000",
            "12.3456789012345678901",
        ] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for text in ["", ".", "1.2.3", ".."] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
        assert_eq!(
            percentage_description(6.25),
            "Configuration available to 6.25% of clients"
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
