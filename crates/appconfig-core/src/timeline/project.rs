//! Estimates for a running deployment: the steps to come, the bake and completion, from the plan
//! and the lag of the steps observed so far.

use serde::Serialize;

use super::plan::{plan, StrategyParams};
use super::{Bake, Step};
use crate::{DateTime, DeploymentState};

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

pub(super) fn project(
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
        Some(n) if first < n => {
            // Whole milliseconds, rounded up: `now` may have a fraction of one that a truncated
            // shift would leave the projection short of.
            let ms = n.millis_since(&first);
            if first.add_millis(ms) < n {
                ms + 1
            } else {
                ms
            }
        }
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
