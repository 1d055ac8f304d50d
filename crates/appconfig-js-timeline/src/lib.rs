#![doc = include_str!("../README.md")]

use appconfig_core::{
    model::{ActionInvocation, DeploymentEvent, DeploymentEventType, GrowthType, TriggeredBy},
    timeline,
    timeline::EstimateBasis,
    DateTime, Deployment, DeploymentState, Timeline,
};
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;

/// Separates the texts.
pub const SEP: char = '\u{1}';
/// A text that is absent (`null`); the JavaScript side replaces U+0001 and U+0002 in texts.
pub const ABSENT: &str = "\u{2}";

/// Numbers before the events' in the input: `DeploymentDurationInMinutes`, `GrowthFactor`,
/// `FinalBakeTimeInMinutes`, `PercentageComplete`, `StartedAt`, `CompletedAt` (ms), `now` (ms).
pub const INPUT_HEAD: usize = 7;
/// Numbers per event in the input: `OccurredAt` (ms), failed action invocations.
pub const INPUT_PER_EVENT: usize = 2;
/// Numbers before the lists in the output (see [`columns`]).
pub const OUTPUT_HEAD: usize = 25;

fn number(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

fn time(v: f64) -> Option<DateTime> {
    number(v).map(|ms| DateTime::from_epoch_millis(ms as i64))
}

fn ms(t: Option<DateTime>) -> f64 {
    t.map_or(f64::NAN, |t| t.epoch_millis() as f64)
}

fn nan(v: Option<i64>) -> f64 {
    v.map_or(f64::NAN, |v| v as f64)
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The deployment the columns describe, and `now`.
fn deployment(numbers: &[f64], texts: &str) -> Option<(Deployment, DateTime)> {
    let events = numbers.len().checked_sub(INPUT_HEAD)? / INPUT_PER_EVENT;
    let mut texts = texts.split(SEP);
    if numbers.len() != INPUT_HEAD + INPUT_PER_EVENT * events
        || texts.clone().count() != 2 + 3 * events
    {
        return None;
    }
    let mut next = || texts.next().filter(|t| *t != ABSENT).map(str::to_owned);
    let mut d = Deployment::default();
    d.deployment_duration_in_minutes = number(numbers[0]).map(|v| v as i32);
    d.growth_factor = number(numbers[1]);
    d.final_bake_time_in_minutes = number(numbers[2]).map(|v| v as i32);
    d.percentage_complete = number(numbers[3]);
    d.started_at = time(numbers[4]);
    d.completed_at = time(numbers[5]);
    let now = time(numbers[6])?;
    d.state = next().map(DeploymentState::from);
    d.growth_type = next().map(GrowthType::from);
    let mut log = Vec::with_capacity(events);
    for pair in numbers[INPUT_HEAD..].chunks_exact(INPUT_PER_EVENT) {
        let mut e = DeploymentEvent::default();
        e.event_type = next().map(DeploymentEventType::from);
        e.triggered_by = next().map(TriggeredBy::from);
        e.description = next();
        e.occurred_at = time(pair[0]);
        let failed = pair[1] as usize;
        if failed > 0 {
            // Only the count matters to the timeline: invocations that say they failed.
            let mut a = ActionInvocation::default();
            a.error_code = Some(String::new());
            e.action_invocations = Some(vec![a; failed]);
        }
        log.push(e);
    }
    d.event_log = Some(log);
    Some((d, now))
}

/// The timeline in columns: numbers and texts.
///
/// Numbers: the counts of entries, steps, chart points and projected steps; `startedAt`,
/// `endedAt`, `durationMs`, `observedIntervalMs`, `inProgress`; the bake (present, `startedAt`,
/// `plannedEnd`, `endedAt`); the rollback (present, `isRevert`, `startedAt`, `completedAt`,
/// `percentageReached`); the projection (present, `estimate`, `basis` 0 plan / 1 observed,
/// `intervalMs`, `bakeStartsAt`, `completesAt`, `overdueMs`) — [`OUTPUT_HEAD`] in all — then
/// per entry `logIndex, sincePreviousMs, sinceStartMs, percentage, failedInvocations`, per step
/// `logIndex, at, percentage, tookMs, plannedMs, overdue`, per chart point and projected step
/// `at, percentage`. Times in ms; `NaN` for null; booleans 0 or 1.
///
/// Texts (joined by [`SEP`], [`ABSENT`] for null): `strategyText`, `cadenceText`, the
/// rollback's `triggeredBy` and `description`, the projection's `basisText` and `overdueText`.
///
/// `None` when the columns do not fit together.
pub fn columns(numbers: &[f64], texts: &str) -> Option<(Vec<f64>, String)> {
    let (d, now) = deployment(numbers, texts)?;
    Some(encode(&timeline(&d, Some(now))))
}

fn encode(t: &Timeline) -> (Vec<f64>, String) {
    let projected = t.projection.as_ref().map_or(0, |p| p.next_steps.len());
    let mut out = Vec::with_capacity(
        OUTPUT_HEAD + 5 * t.entries.len() + 6 * t.steps.len() + 2 * (t.chart.len() + projected),
    );
    out.extend_from_slice(&[
        t.entries.len() as f64,
        t.steps.len() as f64,
        t.chart.len() as f64,
        projected as f64,
        ms(t.started_at),
        ms(t.ended_at),
        nan(t.duration_ms),
        nan(t.observed_interval_ms),
        flag(t.in_progress),
    ]);
    match &t.bake {
        Some(b) => out.extend_from_slice(&[
            1.0,
            ms(Some(b.started_at)),
            ms(b.planned_end),
            ms(b.ended_at),
        ]),
        None => out.extend_from_slice(&[0.0, f64::NAN, f64::NAN, f64::NAN]),
    }
    match &t.rollback {
        Some(r) => out.extend_from_slice(&[
            1.0,
            flag(r.is_revert),
            ms(r.started_at),
            ms(r.completed_at),
            r.percentage_reached,
        ]),
        None => out.extend_from_slice(&[0.0; 5]),
    }
    match &t.projection {
        Some(p) => out.extend_from_slice(&[
            1.0,
            flag(p.estimate),
            flag(p.basis == EstimateBasis::Observed),
            p.interval_ms as f64,
            ms(p.bake_starts_at),
            ms(p.completes_at),
            nan(p.overdue_ms),
        ]),
        None => out.extend_from_slice(&[0.0; 7]),
    }
    for e in &t.entries {
        out.extend_from_slice(&[
            e.log_index as f64,
            nan(e.since_previous_ms),
            nan(e.since_start_ms),
            e.percentage.unwrap_or(f64::NAN),
            e.failed_invocations as f64,
        ]);
    }
    for s in &t.steps {
        out.extend_from_slice(&[
            s.log_index as f64,
            ms(Some(s.at)),
            s.percentage,
            nan(s.took_ms),
            nan(s.planned_ms),
            flag(s.overdue),
        ]);
    }
    for c in &t.chart {
        out.extend_from_slice(&[ms(Some(c.at)), c.percentage]);
    }
    if let Some(p) = &t.projection {
        for s in &p.next_steps {
            out.extend_from_slice(&[ms(Some(s.at)), s.percentage]);
        }
    }
    let rollback = t.rollback.as_ref();
    let projection = t.projection.as_ref();
    let texts: [Option<&str>; 6] = [
        t.strategy_text.as_deref(),
        t.cadence_text.as_deref(),
        rollback.and_then(|r| r.triggered_by.as_deref()),
        rollback.and_then(|r| r.description.as_deref()),
        projection.map(|p| p.basis_text),
        projection.and_then(|p| p.overdue_text.as_deref()),
    ];
    let mut joined = String::new();
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            joined.push(SEP);
        }
        joined.push_str(text.unwrap_or(ABSENT));
    }
    (out, joined)
}

/// `deploymentTimeline`'s wasm half: [`columns`] as `[Float64Array, string]`.
///
/// `numbers`: [`INPUT_HEAD`] numbers, then [`INPUT_PER_EVENT`] per event; `texts`: `State`,
/// `GrowthType`, then per event `EventType`, `TriggeredBy`, `Description`, joined by [`SEP`].
///
/// # Errors
/// A `ValidationError\u{1}message` string (as the client's exports throw) when the columns do
/// not fit together.
#[wasm_bindgen(js_name = deploymentTimeline)]
pub fn deployment_timeline(numbers: &[f64], texts: &str) -> Result<Array, JsValue> {
    let (out, texts) = columns(numbers, texts).ok_or_else(|| {
        JsValue::from_str("ValidationError\u{1}invalid deployment: columns do not match")
    })?;
    Ok(Array::of2(
        &Float64Array::from(out.as_slice()),
        &JsValue::from_str(&texts),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: f64 = 1_714_564_800_000.0;

    fn texts(t: &[&str]) -> String {
        t.join(&SEP.to_string())
    }

    #[test]
    fn a_rollback_crosses_with_its_texts() {
        let min = 60_000.0;
        let numbers = [
            10.0,
            50.0,
            5.0,
            0.0,
            T0,
            f64::NAN,
            T0 + 20.0 * min,
            T0 + 14.0 * min,
            0.0,
            T0 + 13.0 * min,
            0.0,
            T0 + 5.0 * min,
            1.0,
            T0,
            0.0,
        ];
        let t = texts(&[
            "ROLLED_BACK",
            "LINEAR",
            "ROLLBACK_COMPLETED",
            "APPCONFIG",
            "Rollback completed",
            "ROLLBACK_STARTED",
            "CLOUDWATCH_ALARM",
            "arn:aws:cloudwatch:x",
            "PERCENTAGE_UPDATED",
            "APPCONFIG",
            "Configuration available to 50.00% of clients",
            "DEPLOYMENT_STARTED",
            "USER",
            ABSENT,
        ]);
        let (out, texts) = columns(&numbers, &t).unwrap();
        assert_eq!(out[..4], [4.0, 1.0, 3.0, 0.0]);
        assert_eq!(out[13], 1.0, "a rollback");
        assert_eq!(out[17], 50.0, "percentage reached");
        let entries = &out[OUTPUT_HEAD..OUTPUT_HEAD + 20];
        assert_eq!(entries[0], 3.0, "oldest first: the start, log index 3");
        assert_eq!(entries[4 * 5 - 1], 0.0);
        assert_eq!(entries[5 + 4], 1.0, "the step's failed invocation");
        let fields: Vec<&str> = texts.split(SEP).collect();
        assert_eq!(fields[2..4], ["CLOUDWATCH_ALARM", "arn:aws:cloudwatch:x"]);
        assert_eq!(fields[4], ABSENT, "no projection");
    }

    #[test]
    fn columns_that_do_not_fit_are_refused() {
        assert!(columns(&[0.0; 6], "").is_none());
        assert!(columns(&[0.0; 9], &texts(&["a", "b"])).is_none());
        assert!(
            columns(&[f64::NAN; 7], &texts(&["a", "b"])).is_none(),
            "now is required"
        );
        assert!(columns(
            &[
                f64::NAN,
                f64::NAN,
                f64::NAN,
                f64::NAN,
                f64::NAN,
                f64::NAN,
                T0
            ],
            &texts(&[ABSENT, ABSENT])
        )
        .is_some());
    }
}
