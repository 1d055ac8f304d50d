//! What a viewer needs from a deployment: events in time order, steps and how long each took,
//! bake, rollback, and while it runs, estimates of the steps to come.
//!
//! The model behind estimates is written down in [`plan`](self::plan()): derived from real event
//! logs, a LINEAR 25% / 15 min strategy steps every `15 / (4 + 1) = 3` minutes and starts its
//! bake at 15 minutes. AWS's own texts disagree (the user guide's table and the predefined names,
//! `AppConfig.Linear20PercentEvery6Minutes`, imply `D / n`), so the plan is only a starting
//! point:
//!
//! - **From the strategy** (`basis: "plan"`) until two different steps are seen: the plan, keeping
//!   the lag of the last step seen.
//! - **From the observed spacing** (`basis: "observed"`) once they are: the next steps one
//!   observed interval apart from the last one, the bake after `n` or `n + 1` of them (whichever
//!   of `D / n` and `D / (n + 1)` the spacing is nearer).
//! - **Overdue**: the next step (or the bake start, or completion while baking) is late by more
//!   than one interval (observed if known, else planned) and more than [`MIN_OVERDUE_MS`]. The
//!   same rule marks each observed [`Step`] that was overdue.
//! - The strategy text ([`describe_strategy`]) states no interval; [`Timeline::cadence_text`]
//!   says the one observed: "a step every 5 min (observed)".
//!
//! # Invariants
//!
//! For every [`Deployment`](crate::Deployment) and every `now` (property tests rely on these):
//!
//! - [`timeline`] and [`summary_progress`] never panic (all arithmetic saturates).
//! - Outside a rollback, percentages never go down: `steps` and `chart` before the first
//!   ROLLBACK_STARTED, ROLLBACK_COMPLETED or REVERT_COMPLETED (in time order) are
//!   non-decreasing (a stale lower PERCENTAGE_UPDATED keeps its entry, not a step).
//! - Every time projected (next steps, bake start, completion) is at or after `now` and the
//!   latest event time, and they are in time order: next steps, then the bake start, then
//!   completion.
//! - A projection is marked as an estimate (`estimate: true`) and says its `basis`;
//!   `basis: "observed"` exactly when `observedIntervalMs` is set on a deployment not baking.
//! - `entries` holds every event once, oldest first (those without a time last, in log order).
//! - [`summary_progress`] is None but for DEPLOYING, BAKING and VALIDATING; its times are at or
//!   after `now` and in order (next step, bake start, completion), its basis always `"plan"`.
//!
//! # JSON form
//!
//! `Serialize` gives what the npm package returns from `deploymentTimeline` (camelCase; dates as
//! RFC 3339 strings, `null` for `None`):
//!
//! ```text
//! Timeline { entries: TimelineEntry[], steps: Step[], chart: ChartPoint[], bake: Bake | null,
//!            rollback: Rollback | null, projection: Projection | null, startedAt, endedAt,
//!            durationMs, strategyText, observedIntervalMs: number | null,
//!            cadenceText: string | null, inProgress }
//! TimelineEntry { logIndex, eventType, triggeredBy, description, occurredAt, sincePreviousMs,
//!                 sinceStartMs, percentage, failedInvocations }
//! Step { logIndex, at, percentage, tookMs: number | null, plannedMs: number | null,
//!        overdue: boolean }
//! ChartPoint { at, percentage }
//! Projection { estimate: true, basis: "plan" | "observed", basisText, intervalMs,
//!              nextSteps: { at, percentage }[], bakeStartsAt, completesAt,
//!              overdueMs: number | null, overdueText: string | null }
//! SummaryProgress { estimate: true, basis: "plan", basisText, nextStepAt, nextPercentage,
//!                   bakeStartsAt, completesAt, overdueMs, overdueText }
//! ```

mod assemble;
mod plan;
mod project;
mod steps;
mod summary;
mod text;

use serde::Serialize;

use crate::model::{ActionInvocation, DeploymentEventType, TriggeredBy};
use crate::DateTime;

pub use assemble::timeline;

pub use plan::{
    parse_percentage, percentage_description, plan, step_percentages, Plan, PlannedStep,
    StrategyParams,
};
pub use project::{EstimateBasis, ProjectedStep, Projection, MIN_OVERDUE_MS};
pub use steps::Step;
pub use summary::{summary_progress, SummaryProgress};
pub use text::{cadence_text, describe_strategy, format_duration, triggered_by_text};

/// One event of the log, placed in time. Holds the event's own members (not a copy of the whole
/// event: `log_index` finds it in the deployment).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimelineEntry {
    /// The position in `EventLog` as AWS returned it (0 = newest).
    pub log_index: usize,
    /// What happened (serialized as its wire value).
    pub event_type: Option<DeploymentEventType>,
    /// Who triggered it (serialized as its wire value).
    pub triggered_by: Option<TriggeredBy>,
    /// The description.
    pub description: Option<String>,
    /// The extensions it invoked (not serialized: `log_index` finds them in the deployment).
    #[serde(skip)]
    pub action_invocations: Option<Vec<ActionInvocation>>,
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

/// Everything a viewer needs, derived from a [`Deployment`](crate::Deployment) by [`timeline`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Timeline {
    /// The events, oldest first.
    pub entries: Vec<TimelineEntry>,
    /// Percentage steps observed, oldest first, each with how long it took.
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
    /// The strategy in words, without an interval ([`describe_strategy`]).
    pub strategy_text: Option<String>,
    /// The spacing of the steps seen, ms, once two different steps are seen apart in time.
    pub observed_interval_ms: Option<i64>,
    /// The same in words: "a step every 5 min (observed)" ([`cadence_text`]).
    pub cadence_text: Option<String>,
    /// True while the state may still change.
    pub in_progress: bool,
}
