//! The one pass over the event log that builds a [`Timeline`].

use super::plan::{self, parse_percentage, StrategyParams};
use super::project::{self, Moment, Seen};
use super::steps::StepTracker;
use super::text::{cadence_text, describe_strategy, in_words};
use super::{Bake, ChartPoint, Rollback, Timeline, TimelineEntry};
use crate::model::{Deployment, DeploymentEvent, DeploymentEventType, DeploymentState};
use crate::DateTime;

/// Derives the timeline, in one pass over the events. `now` (never read from the clock here)
/// bounds running durations, keeps projections from falling in the past and tells what is
/// overdue.
pub fn timeline(d: &Deployment, now: Option<DateTime>) -> Timeline {
    let events = in_time_order(d);
    let started_at = d
        .started_at
        .or_else(|| {
            events
                .iter()
                .find(|(_, e, _)| e.event_type == Some(DeploymentEventType::DeploymentStarted))
                .and_then(|(_, e, _)| e.occurred_at)
        })
        .or_else(|| events.first().and_then(|(_, e, _)| e.occurred_at));
    let start = started_at.map(Moment::of);
    let strategy = StrategyParams::of(d);
    let plan = strategy.as_ref().map(plan::plan);
    let mut tracker = StepTracker::new(plan.as_ref(), start);

    let mut entries = Vec::with_capacity(events.len());
    // Long logs are mostly percentage updates: room for all of them at once, not by doubling.
    let mut steps = Vec::with_capacity(events.len());
    let mut chart = Vec::with_capacity(events.len() + 2);
    let mut bake: Option<Bake> = None;
    let mut rollback: Option<Rollback> = None;
    let mut ended_at = d.completed_at;
    let mut previous: Option<Moment> = None;
    let mut latest: Option<Moment> = None;
    let mut current_pct = 0.0;
    let mut rolling_back = false;
    let bake_ms = d
        .final_bake_time_in_minutes
        .map(|m| i64::from(m).saturating_mul(60_000));
    if let Some(s) = started_at {
        chart.push(ChartPoint {
            at: s,
            percentage: 0.0,
        });
    }

    for &(log_index, e, moment) in &events {
        let at = e.occurred_at;
        let ty = e.event_type.as_ref();
        let percentage = match ty {
            Some(DeploymentEventType::PercentageUpdated) => {
                e.description.as_deref().and_then(parse_percentage)
            }
            _ => None,
        };
        if let (Some(p), Some(m)) = (percentage, moment) {
            if let Some(step) = tracker.step(log_index, m, p, rolling_back) {
                steps.push(step);
                chart.push(ChartPoint {
                    at: m.at,
                    percentage: p,
                });
                current_pct = p;
            }
        }
        let who = || e.triggered_by.as_ref().map(|t| t.as_str().to_owned());
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
                rolling_back = true;
                rollback = Some(Rollback {
                    is_revert: false,
                    started_at: at,
                    completed_at: None,
                    triggered_by: who(),
                    description: e.description.clone(),
                    percentage_reached: current_pct,
                });
            }
            Some(
                t @ (DeploymentEventType::RollbackCompleted | DeploymentEventType::RevertCompleted),
            ) => {
                // A revert is a whole rollback in one event; a rollback completes the one its
                // ROLLBACK_STARTED began (or, when that is missing, one without a start).
                rolling_back = true;
                let is_revert = *t == DeploymentEventType::RevertCompleted;
                let begun = Rollback {
                    is_revert,
                    started_at: if is_revert { at } else { None },
                    completed_at: None,
                    triggered_by: who(),
                    description: e.description.clone(),
                    percentage_reached: current_pct,
                };
                let r = if is_revert {
                    rollback.insert(begun)
                } else {
                    rollback.get_or_insert(begun)
                };
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
            _ => {}
        }
        entries.push(TimelineEntry {
            log_index,
            event_type: e.event_type.clone(),
            triggered_by: e.triggered_by.clone(),
            description: e.description.clone(),
            action_invocations: e.action_invocations.clone(),
            occurred_at: at,
            since_previous_ms: match (moment, previous) {
                (Some(a), Some(p)) => Some(a.ms_since(&p)),
                _ => None,
            },
            since_start_ms: match (moment, start) {
                (Some(a), Some(s)) => Some(a.ms_since(&s)),
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
        if let Some(m) = moment {
            previous = Some(m);
            // In time order, the last event with a time is the latest.
            latest = Some(m);
        }
    }

    let state = d.state.as_ref();
    let in_progress = state.is_some_and(DeploymentState::is_in_progress);
    if in_progress {
        ended_at = None;
    }
    let projection = match (state, &plan) {
        (
            Some(
                s @ (DeploymentState::Deploying
                | DeploymentState::Baking
                | DeploymentState::Validating),
            ),
            Some(plan),
        ) => {
            let seen = Seen {
                reached: tracker.reached_step(),
                // VALIDATING comes before the first step: planned from now without a start.
                cadence: tracker.cadence_from(start.or(now.map(Moment::of))),
                bake_started: bake.map(|b| b.started_at),
                latest: latest.map(|m| m.at),
            };
            let baking = *s == DeploymentState::Baking || bake.is_some();
            project::project(plan, baking, &seen, now).map(in_words)
        }
        _ => None,
    };
    let duration_ms = match (started_at, ended_at, now) {
        (Some(s), Some(e), _) => Some(e.millis_since(&s)),
        (Some(s), None, Some(n)) if in_progress => Some(n.millis_since(&s).max(0)),
        _ => None,
    };
    let observed_interval_ms = tracker.observed().map(|c| c.interval_ms);
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
        observed_interval_ms,
        cadence_text: observed_interval_ms.map(cadence_text),
        in_progress,
    }
}

/// The events oldest first, with their log index: AWS lists them newest first, so reversed the
/// log is nearly always in time order already, and then checking that is all the sorting needed.
/// Otherwise [`Deployment::events_in_time_order`] sorts them (the same order).
/// Each event comes with its time as a [`Moment`], made once.
fn in_time_order(d: &Deployment) -> Vec<(usize, &DeploymentEvent, Option<Moment>)> {
    let log = d.event_log.as_deref().unwrap_or_default();
    let mut events: Vec<_> = log
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (i, e, e.occurred_at.map(Moment::of)))
        .collect();
    let in_order = events
        .windows(2)
        .all(|w| Moment::key(w[0].2) <= Moment::key(w[1].2));
    if !in_order {
        events = d
            .events_in_time_order()
            .into_iter()
            .map(|(i, e)| (i, e, e.occurred_at.map(Moment::of)))
            .collect();
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TriggeredBy;

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
            assert_eq!(e.description, log[e.log_index].description);
            assert_eq!(e.occurred_at, log[e.log_index].occurred_at);
        }
    }
}
