//! `deploymentTimeline` across the boundary in columns: the wrapper validates the deployment
//! and passes its members as flat arrays (numbers in one `Float64Array`, texts in one list), and
//! gets the per-event columns back as `Float64Array`s; only the small remainder (bake, rollback,
//! projection, totals) crosses as an object. The entries' texts and times are the wrapper's own
//! (they are the events'), so nothing is converted twice.

use appconfig_core::{
    ActionInvocation, DateTime, Deployment, DeploymentEvent, DeploymentEventType, DeploymentState,
    GrowthType, TriggeredBy,
};
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;

use crate::errors::{invalid, to_js};
use crate::input::Invalid;

/// Members of a deployment the timeline reads, in the order of `SCALARS` in `js/api.js`.
const SCALARS: usize = 6;

fn number(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

fn whole(v: f64) -> Option<i32> {
    number(v).map(|v| v as i32)
}

fn time(v: f64) -> Option<DateTime> {
    number(v).map(|ms| DateTime::from_epoch_millis(ms as i64))
}

fn none_is_nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// The timeline of a deployment given in columns; see `deploymentTimeline` in `js/api.js`.
///
/// `scalars`: `DeploymentDurationInMinutes`, `GrowthFactor`, `FinalBakeTimeInMinutes`,
/// `PercentageComplete`, `StartedAt`, `CompletedAt` (ms), `NaN` when absent. `texts`: `State`,
/// `GrowthType`, then per event `EventType`, `TriggeredBy`, `Description`, joined by U+0001 (one
/// string crosses, not thousands; the wrapper replaces a U+0001 inside a text); `present` says
/// which texts are given. `times`: each event's `OccurredAt` (ms, `NaN` when absent); `failed`: how many
/// of each event's action invocations failed.
///
/// Returns `[rest, entries, steps, chart]`: the timeline without its three lists, then the lists
/// as columns (`logIndex, sincePreviousMs, sinceStartMs, percentage, failedInvocations` per
/// entry; `at, percentage` per step and chart point; `NaN` for null).
///
/// # Errors
/// A `ValidationError` descriptor when the columns do not fit together.
#[wasm_bindgen(js_name = deploymentTimeline)]
pub fn deployment_timeline(
    scalars: &[f64],
    texts: &str,
    present: &[u8],
    times: &[f64],
    failed: &[u32],
    now_ms: f64,
) -> Result<Array, JsValue> {
    let events = times.len();
    let texts: Vec<&str> = texts.split('\u{1}').collect();
    if scalars.len() != SCALARS
        || failed.len() != events
        || texts.len() != 2 + 3 * events
        || present.len() != texts.len()
    {
        return Err(invalid(Invalid::new("deployment", "columns do not match")));
    }
    let mut texts = texts
        .into_iter()
        .zip(present)
        .map(|(t, &p)| (p != 0).then(|| t.to_owned()));
    let mut next = || texts.next().flatten();
    let mut d = Deployment::default();
    d.deployment_duration_in_minutes = whole(scalars[0]);
    d.growth_factor = number(scalars[1]);
    d.final_bake_time_in_minutes = whole(scalars[2]);
    d.percentage_complete = number(scalars[3]);
    d.started_at = time(scalars[4]);
    d.completed_at = time(scalars[5]);
    d.state = next().map(DeploymentState::from);
    d.growth_type = next().map(GrowthType::from);
    let mut log = Vec::with_capacity(events);
    for (i, &at) in times.iter().enumerate() {
        let mut e = DeploymentEvent::default();
        e.event_type = next().map(DeploymentEventType::from);
        e.triggered_by = next().map(TriggeredBy::from);
        e.description = next();
        e.occurred_at = time(at);
        if failed[i] > 0 {
            // Only the count matters to the timeline: invocations that say they failed.
            let mut a = ActionInvocation::default();
            a.error_code = Some(String::new());
            e.action_invocations = Some(vec![a; failed[i] as usize]);
        }
        log.push(e);
    }
    d.event_log = Some(log);

    let now = DateTime::from_epoch_millis(now_ms as i64);
    let mut t = appconfig_core::timeline(&d, Some(now));
    let mut entries = Vec::with_capacity(t.entries.len() * 5);
    for e in &t.entries {
        entries.extend_from_slice(&[
            e.log_index as f64,
            none_is_nan(e.since_previous_ms.map(|v| v as f64)),
            none_is_nan(e.since_start_ms.map(|v| v as f64)),
            none_is_nan(e.percentage),
            e.failed_invocations as f64,
        ]);
    }
    let pairs = |points: &mut dyn Iterator<Item = (DateTime, f64)>| {
        let mut out = Vec::new();
        for (at, p) in points {
            out.push(at.epoch_millis() as f64);
            out.push(p);
        }
        Float64Array::from(out.as_slice())
    };
    let steps = pairs(&mut t.steps.iter().map(|s| (s.at, s.percentage)));
    let chart = pairs(&mut t.chart.iter().map(|c| (c.at, c.percentage)));
    t.entries.clear();
    t.steps.clear();
    t.chart.clear();
    let out = Array::new();
    out.push(&to_js(&t));
    out.push(&Float64Array::from(entries.as_slice()));
    out.push(&steps);
    out.push(&chart);
    Ok(out)
}
