//! What a viewer needs from a deployment: events in time order, steps, bake, rollback, and while
//! it runs, estimates of the steps to come.
//!
//! The model behind projections is written down in [`plan`](self::plan): derived from real event
//! logs, a LINEAR 25% / 15 min strategy steps every `15 / (4 + 1) = 3` minutes and starts its
//! bake at 15 minutes.

mod plan;
mod project;
mod text;

use serde::Serialize;

use crate::model::{Deployment, DeploymentEvent, DeploymentEventType, DeploymentState};
use crate::DateTime;

pub use plan::{
    parse_percentage, percentage_description, plan, step_percentages, Plan, PlannedStep,
    StrategyParams,
};
pub use project::Projection;
pub use text::{describe_strategy, format_duration, triggered_by_text};

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
    let first_event_time = events.iter().find_map(|(_, e)| e.occurred_at);
    let started_at = d
        .started_at
        .or_else(|| {
            events
                .iter()
                .find(|(_, e)| e.event_type == Some(DeploymentEventType::DeploymentStarted))
                .and_then(|(_, e)| e.occurred_at)
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

    for &(log_index, e) in &events {
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
            log_index,
            event: e.clone(),
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
            // Nothing is projected before `now`, nor before an event already logged (a clock
            // behind AWS's, or no `now` at all).
            let last_event = events.iter().filter_map(|(_, e)| e.occurred_at).max();
            let not_before = match (now, last_event) {
                (Some(n), Some(e)) => Some(n.max(e)),
                (n, e) => n.or(e),
            };
            project::project(s, strategy, started_at, &steps, bake.as_ref(), not_before)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TriggeredBy;

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
}
