//! Estimates from a `ListDeployments` summary, for the overview: no event log, only the state,
//! the percentage, the start and the strategy.

use serde::Serialize;

use super::plan::{plan, StrategyParams};
use super::project::{project, Cadence, EstimateBasis, Moment, Seen};
use super::text::in_words;
use crate::{model::DeploymentSummary, DateTime, DeploymentState};

/// Where a running deployment of a `ListDeployments` summary should be, by its strategy.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SummaryProgress {
    /// Always true: estimates, not promises.
    pub estimate: bool,
    /// Always [`EstimateBasis::Plan`]: a summary has no steps to observe.
    pub basis: EstimateBasis,
    /// The same in words: "estimated from the strategy".
    pub basis_text: &'static str,
    /// When the next step is expected, while steps remain.
    pub next_step_at: Option<DateTime>,
    /// The percentage it reaches.
    pub next_percentage: Option<f64>,
    /// When the bake time starts, if it has not (None while BAKING).
    pub bake_starts_at: Option<DateTime>,
    /// When the deployment completes.
    pub completes_at: Option<DateTime>,
    /// How late the next step (or the bake start, or completion while baking) is, ms, when more
    /// than one planned interval (and more than [`MIN_OVERDUE_MS`](super::MIN_OVERDUE_MS)).
    pub overdue_ms: Option<i64>,
    /// The same in words: "next step overdue by 4 min".
    pub overdue_text: Option<String>,
}

/// Estimates the next step and completion of a deployment from its `ListDeployments` summary
/// (state, `PercentageComplete`, `StartedAt`, strategy members) and `now`. The summary does not
/// say when its percentage was reached, so everything is planned from the start by the
/// strategy, never before `now`: the overview's "next step in 2 min, completes 10:40
/// (estimated from the strategy)".
///
/// None unless the deployment is DEPLOYING, BAKING or VALIDATING with a growth factor and a
/// duration, and (but while VALIDATING, planned from `now`) a start.
pub fn summary_progress(s: &DeploymentSummary, now: DateTime) -> Option<SummaryProgress> {
    let state = s.state.as_ref()?;
    if !matches!(
        state,
        DeploymentState::Deploying | DeploymentState::Baking | DeploymentState::Validating
    ) {
        return None;
    }
    let plan = plan(&StrategyParams::of_summary(s)?);
    let start = s
        .started_at
        .or((*state == DeploymentState::Validating).then_some(now))?;
    let seen = Seen {
        reached: plan.steps_reached(s.percentage_complete.unwrap_or(0.0)),
        cadence: Some(Cadence::planned(&plan, Moment::of(start), None)),
        bake_started: None,
        latest: None,
    };
    let p = in_words(project(
        &plan,
        *state == DeploymentState::Baking,
        &seen,
        Some(now),
    )?);
    let next = p.next_steps.first();
    Some(SummaryProgress {
        estimate: p.estimate,
        basis: p.basis,
        basis_text: p.basis_text,
        next_step_at: next.map(|n| n.at),
        next_percentage: next.map(|n| n.percentage),
        bake_starts_at: p.bake_starts_at,
        completes_at: p.completes_at,
        overdue_ms: p.overdue_ms,
        overdue_text: p.overdue_text,
    })
}
