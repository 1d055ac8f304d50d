//! `timeline(&deployment, now)` for any deployment and any `now`, and the progression model's
//! public functions (`plan`, `step_percentages`, the texts) for any strategy.
//!
//! Two input forms: `json\n<now>\n<GetDeployment JSON>` (the seeds, from the timeline fixtures;
//! `<now>` is RFC 3339 or empty for none), or anything else, decoded with `arbitrary` into a
//! deployment whose states, event types and percentage descriptions are mostly the real ones.
//!
//! What must hold for every deployment ([`check`]): the timeline serializes; every percentage is
//! in 0..=100 and the chart shows only observed steps or 0; a projection is marked as an
//! estimate, in time order, above the highest step reached, and nothing in it is before `now`
//! or before the last real event.

use appconfig_core::{timeline, DateTime, Deployment, DeploymentState, timeline::{describe_strategy, format_duration, parse_percentage, percentage_description, plan, step_percentages, StrategyParams}, model::{DeploymentEvent, DeploymentEventType, GrowthType, TriggeredBy}};
use arbitrary::{Arbitrary, Unstructured};

/// Runs one input.
pub fn run(data: &[u8]) {
    if let Some(rest) = data.strip_prefix(b"json\n") {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let (now, json) = text.split_once('\n').unwrap_or((text, ""));
        let now = DateTime::parse(now).ok();
        if let Ok(d) = Deployment::from_json(json) {
            check(&d, now);
        }
        return;
    }
    let mut u = Unstructured::new(data);
    if let Ok(input) = Input::arbitrary(&mut u) {
        model_functions(&StrategyParams::from(&input.strategy));
        let (d, now) = input.build();
        check(&d, now);
    }
}

/// The properties every timeline has; panics naming the one that failed.
pub fn check(d: &Deployment, now: Option<DateTime>) {
    let t = timeline(d, now);
    serde_json::to_string(&t).expect("a timeline serializes");
    let in_range = |p: f64| (0.0..=100.0).contains(&p);
    assert!(
        t.steps.iter().all(|s| in_range(s.percentage)),
        "step out of 0..=100: {t:?}"
    );
    for c in &t.chart {
        assert!(
            c.percentage == 0.0 || t.steps.iter().any(|s| s.percentage == c.percentage),
            "chart shows {} that no step reached",
            c.percentage
        );
    }
    if t.in_progress {
        assert_eq!(t.ended_at, None, "a running deployment has an end");
        assert!(
            t.duration_ms.is_none_or(|ms| ms >= 0),
            "a negative running duration"
        );
    }
    let Some(p) = &t.projection else {
        return;
    };
    assert!(p.estimate, "a projection not marked as an estimate");
    // A step logged after a rollback started is no progress (the timeline counts it as stale).
    let rollback_at = t
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.event_type,
                Some(
                    DeploymentEventType::RollbackStarted
                        | DeploymentEventType::RollbackCompleted
                        | DeploymentEventType::RevertCompleted
                )
            )
        })
        .find_map(|e| e.occurred_at);
    let highest = t
        .steps
        .iter()
        .filter(|s| rollback_at.is_none_or(|r| s.at < r))
        .map(|s| s.percentage)
        .fold(0.0, f64::max);
    let mut last_pct = highest;
    for s in &p.next_steps {
        assert!(in_range(s.percentage), "projected step out of 0..=100");
        assert!(
            s.percentage > last_pct,
            "projected {}% after {last_pct}% (highest reached {highest}%)",
            s.percentage
        );
        last_pct = s.percentage;
    }
    let mut times: Vec<DateTime> = p.next_steps.iter().map(|s| s.at).collect();
    times.extend(p.bake_starts_at);
    times.extend(p.completes_at);
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "projection out of time order: {p:?}"
    );
    let last_event = d
        .event_log
        .iter()
        .flatten()
        .filter_map(|e| e.occurred_at)
        .max();
    for at in times {
        if let Some(n) = now {
            assert!(at >= n, "projected {at} before now {n}");
        }
        if let Some(e) = last_event {
            assert!(at >= e, "projected {at} before the last real event at {e}");
        }
    }
}

fn model_functions(s: &StrategyParams) {
    let p = plan(s);
    assert!(
        p.steps.last().is_some_and(|l| l.percentage == 100.0),
        "a plan not ending at 100%"
    );
    assert!(
        p.steps
            .windows(2)
            .all(|w| w[0].offset_ms <= w[1].offset_ms && w[0].percentage < w[1].percentage),
        "plan steps out of order for growth factor {}",
        s.growth_factor
    );
    assert!(p.bake_start_offset_ms <= p.complete_offset_ms);
    let _ = step_percentages(&s.growth_type, s.growth_factor);
    let _ = describe_strategy(s);
    let _ = format_duration(s.duration_minutes);
    let text = percentage_description(s.growth_factor);
    if let Some(back) = parse_percentage(&text) {
        assert!(
            (back - s.growth_factor).abs() <= 0.005 + 1e-9,
            "{text} read as {back}"
        );
    }
}

const STATES: &[&str] = &[
    "DEPLOYING",
    "BAKING",
    "VALIDATING",
    "COMPLETE",
    "ROLLING_BACK",
    "ROLLED_BACK",
    "REVERTED",
    "NEW_STATE",
];
const EVENTS: &[&str] = &[
    "PERCENTAGE_UPDATED",
    "ROLLBACK_STARTED",
    "ROLLBACK_COMPLETED",
    "BAKE_TIME_STARTED",
    "DEPLOYMENT_STARTED",
    "DEPLOYMENT_COMPLETED",
    "REVERT_COMPLETED",
    "NEW_EVENT",
];
const TRIGGERS: &[&str] = &[
    "USER",
    "APPCONFIG",
    "CLOUDWATCH_ALARM",
    "INTERNAL_ERROR",
    "X",
];

/// A point in time: mostly within a day of 2024-05-01, sometimes anywhere.
#[derive(Arbitrary, Debug)]
enum Time {
    Near(i32),
    Far(i64),
}

impl Time {
    fn at(&self) -> DateTime {
        match *self {
            Time::Near(s) => crate::fixed_now().add_millis(i64::from(s % 86_400) * 1000),
            Time::Far(ms) => DateTime::from_epoch_millis(ms),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Description {
    Percentage(u16),
    Text(String),
}

#[derive(Arbitrary, Debug)]
struct Event {
    event_type: u8,
    triggered_by: u8,
    description: Option<Description>,
    occurred_at: Option<Time>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    strategy: StrategyInput,
    state: Option<u8>,
    has_strategy: bool,
    started_at: Option<Time>,
    completed_at: Option<Time>,
    percentage_complete: Option<f64>,
    events: Vec<Event>,
    now: Option<Time>,
}

/// `StrategyParams` is not `Arbitrary`; this is, and becomes one.
#[derive(Arbitrary, Debug)]
struct StrategyInput {
    exponential: bool,
    growth_factor: f64,
    duration_minutes: i64,
    final_bake_minutes: i64,
}

impl Input {
    fn build(&self) -> (Deployment, Option<DateTime>) {
        let pick = |list: &[&'static str], i: u8| list[usize::from(i) % list.len()];
        let mut d = Deployment::default();
        if self.has_strategy {
            let s = &self.strategy;
            d.growth_type = Some(if s.exponential {
                GrowthType::Exponential
            } else {
                GrowthType::Linear
            });
            d.growth_factor = Some(s.growth_factor);
            d.deployment_duration_in_minutes = Some(s.duration_minutes as i32);
            d.final_bake_time_in_minutes = Some(s.final_bake_minutes as i32);
        }
        d.state = self.state.map(|i| DeploymentState::from(pick(STATES, i)));
        d.started_at = self.started_at.as_ref().map(Time::at);
        d.completed_at = self.completed_at.as_ref().map(Time::at);
        d.percentage_complete = self.percentage_complete;
        let events = self
            .events
            .iter()
            .map(|e| {
                let mut ev = DeploymentEvent::new(
                    DeploymentEventType::from(pick(EVENTS, e.event_type)),
                    TriggeredBy::from(pick(TRIGGERS, e.triggered_by)),
                    match &e.description {
                        Some(Description::Percentage(p)) => {
                            percentage_description(f64::from(*p) / 100.0)
                        }
                        Some(Description::Text(t)) => t.clone(),
                        None => String::new(),
                    },
                    crate::fixed_now(),
                );
                ev.occurred_at = e.occurred_at.as_ref().map(Time::at);
                if e.description.is_none() {
                    ev.description = None;
                }
                ev
            })
            .collect();
        d.event_log = Some(events);
        (d, self.now.as_ref().map(Time::at))
    }
}

impl From<&StrategyInput> for StrategyParams {
    fn from(s: &StrategyInput) -> Self {
        StrategyParams {
            growth_type: if s.exponential {
                GrowthType::Exponential
            } else {
                GrowthType::Linear
            },
            growth_factor: s.growth_factor,
            duration_minutes: s.duration_minutes,
            final_bake_minutes: s.final_bake_minutes,
        }
    }
}
