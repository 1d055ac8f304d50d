//! Estimates for a running deployment: the steps to come, the bake and completion, from the
//! observed spacing of its steps once two are seen and from the plan before that, and whether the
//! next of them is overdue. Numbers only: their words are `text`'s, put beside them by `assemble`
//! and `summary`.

use serde::Serialize;

use super::plan::Plan;
use crate::DateTime;

/// Where an estimate comes from. Serialized as `"plan"` or `"observed"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum EstimateBasis {
    /// The strategy, by the progression model of [`plan`](super::plan()), keeping the lag of the
    /// last step seen.
    Plan,
    /// The spacing and lag of the steps seen so far (two different steps or more).
    Observed,
}

/// A step still to come.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectedStep {
    /// When it is expected.
    pub at: DateTime,
    /// The percentage it reaches.
    pub percentage: f64,
}

/// Estimates for a running deployment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Projection {
    /// Always true: these are estimates, not promises.
    pub estimate: bool,
    /// What the estimates come from.
    pub basis: EstimateBasis,
    /// The same in words, to show beside them ([`EstimateBasis::as_text`]).
    pub basis_text: &'static str,
    /// The step interval, ms: the observed spacing once two different steps are seen, else the
    /// plan's. The next steps are this far apart, and something is overdue when later than this.
    pub interval_ms: i64,
    /// The steps still to come, in time order.
    pub next_steps: Vec<ProjectedStep>,
    /// When the bake time starts, if it has not.
    pub bake_starts_at: Option<DateTime>,
    /// When the deployment completes.
    pub completes_at: Option<DateTime>,
    /// How late the next step (or the bake start, or completion while baking) is, ms, when that
    /// is more than one interval (and more than [`MIN_OVERDUE_MS`]).
    pub overdue_ms: Option<i64>,
    /// The same in words: "next step overdue by 4 min".
    pub overdue_text: Option<String>,
}

/// Nothing is overdue by less than this, ms, whatever the interval: AWS's own steps land a
/// second or so late, and a strategy of 0 minutes has an interval of 0.
pub const MIN_OVERDUE_MS: i64 = 60_000;

/// True when being `late_ms` late, with steps `interval_ms` apart, is overdue.
pub(super) fn is_overdue(late_ms: i64, interval_ms: i64) -> bool {
    late_ms > interval_ms.max(MIN_OVERDUE_MS)
}

/// A time and its nanoseconds since the epoch: exact as a `DateTime`, and cheap to subtract (a
/// `DateTime` difference converts both dates to days first). One per event, made once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Moment {
    pub(super) at: DateTime,
    ns: i128,
}

impl Moment {
    pub(super) fn of(at: DateTime) -> Self {
        Moment {
            at,
            ns: at.epoch_nanos(),
        }
    }

    /// Milliseconds from `earlier` to `self`, as [`DateTime::millis_since`] counts them
    /// (truncated toward zero).
    pub(super) fn ms_since(&self, earlier: &Moment) -> i64 {
        let ns = self.ns - earlier.ns;
        // Within 292 years (always, in practice) in 64-bit division, much cheaper than 128-bit.
        match i64::try_from(ns) {
            Ok(ns) => ns / 1_000_000,
            Err(_) => {
                let ms = ns / 1_000_000;
                i64::try_from(ms).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX })
            }
        }
    }

    /// The sort key of an event time: those without one after those with one.
    pub(super) fn key(m: Option<Moment>) -> (bool, i128) {
        m.map_or((true, 0), |m| (false, m.ns))
    }
}

/// How the steps of a deployment land: step `k` (1-based, in the plan's order; 0 is the start)
/// at [`Cadence::step_at`], `offset_ms(k)` after `base`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Cadence {
    pub(super) basis: EstimateBasis,
    /// The step the estimates count from,
    anchor: usize,
    /// and when it happened: `base_to_anchor_ms` after `base`.
    base: Moment,
    base_to_anchor_ms: i64,
    /// The observed spacing, or the plan's interval.
    pub(super) interval_ms: i64,
}

impl Cadence {
    /// From the plan, counting from the start or, when the last step seen (`k`, when) landed
    /// late, from that step: its lag carries over.
    pub(super) fn planned(plan: &Plan, start: Moment, last: Option<(usize, Moment)>) -> Self {
        let (anchor, base, base_to_anchor_ms) = match last {
            Some((k, at)) if at.ms_since(&start) > plan.offset_of(k) => (k, at, 0),
            Some((k, _)) => (k, start, plan.offset_of(k)),
            None => (0, start, 0),
        };
        Cadence {
            basis: EstimateBasis::Plan,
            anchor,
            base,
            base_to_anchor_ms,
            interval_ms: plan.step_interval_ms,
        }
    }

    /// From the first and the last different steps seen (`k`, when): their spacing, counted from
    /// the last. None unless they are different steps and apart in time.
    pub(super) fn observed(first: (usize, Moment), last: (usize, Moment)) -> Option<Self> {
        let steps = last.0.checked_sub(first.0).filter(|&n| n > 0)?;
        let interval_ms = last.1.ms_since(&first.1) / i64::try_from(steps).ok()?;
        (interval_ms > 0).then_some(Cadence {
            basis: EstimateBasis::Observed,
            anchor: last.0,
            base: last.1,
            base_to_anchor_ms: 0,
            interval_ms,
        })
    }

    /// Milliseconds from `base` to step `k`.
    fn offset_ms(&self, plan: &Plan, k: usize) -> i64 {
        let from_anchor = match self.basis {
            EstimateBasis::Plan => plan
                .offset_of(k)
                .saturating_sub(plan.offset_of(self.anchor)),
            EstimateBasis::Observed => {
                steps_between(self.anchor, k).saturating_mul(self.interval_ms)
            }
        };
        self.base_to_anchor_ms.saturating_add(from_anchor)
    }

    /// When step `k` lands.
    pub(super) fn step_at(&self, plan: &Plan, k: usize) -> DateTime {
        self.base.at.add_millis(self.offset_ms(plan, k))
    }

    /// How late step `k`, seen at `at`, was (negative: early).
    pub(super) fn late_ms(&self, plan: &Plan, k: usize, at: &Moment) -> i64 {
        at.ms_since(&self.base)
            .saturating_sub(self.offset_ms(plan, k))
    }

    /// When the bake time starts: by the plan, when the rollout duration is up (plus the lag).
    /// Observed: the rollout duration counted in observed intervals, `n` of them when the spacing
    /// is nearer `D / n` (the user guide's timing: the bake starts with the last step) and
    /// `n + 1` when it is nearer `D / (n + 1)` (the botocore capture: one interval after it).
    fn bake_at(&self, plan: &Plan) -> DateTime {
        let n = plan.steps.len();
        let ms = match self.basis {
            EstimateBasis::Plan => self.base_to_anchor_ms.saturating_add(
                plan.bake_start_offset_ms
                    .saturating_sub(plan.offset_of(self.anchor)),
            ),
            EstimateBasis::Observed => {
                let (d, i) = (
                    i128::from(plan.bake_start_offset_ms),
                    i128::from(self.interval_ms),
                );
                let m = if 2 * d >= i * (2 * n as i128 + 1) {
                    n + 1
                } else {
                    n
                };
                self.offset_ms(plan, m)
            }
        };
        self.base.at.add_millis(ms.max(self.offset_ms(plan, n)))
    }
}

fn steps_between(from: usize, to: usize) -> i64 {
    i64::try_from(to)
        .unwrap_or(i64::MAX)
        .saturating_sub(i64::try_from(from).unwrap_or(i64::MAX))
}

/// What has been seen of a deployment, for [`project`].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    /// How many planned steps were reached.
    pub(super) reached: usize,
    /// How the steps land, when known (from the steps seen, or from the plan and the start).
    pub(super) cadence: Option<Cadence>,
    /// When the bake time started, if it has.
    pub(super) bake_started: Option<DateTime>,
    /// The latest time of any event.
    pub(super) latest: Option<DateTime>,
}

/// What the next expected thing is, for the overdue text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Due {
    NextStep,
    BakeStart,
    Completion,
}

/// A [`Projection`] before its words: what [`project`] computes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Estimate {
    pub(super) basis: EstimateBasis,
    pub(super) interval_ms: i64,
    pub(super) next_steps: Vec<ProjectedStep>,
    pub(super) bake_starts_at: Option<DateTime>,
    pub(super) completes_at: DateTime,
    /// What is overdue and by how many ms.
    pub(super) overdue: Option<(Due, i64)>,
}

/// Projects a running deployment. `baking`: its bake time started (state BAKING, or a
/// BAKE_TIME_STARTED event). Nothing is projected before `now` or the latest event: when the next
/// thing is late, it and everything after it keep their spacing from then on.
pub(super) fn project(
    plan: &Plan,
    baking: bool,
    seen: &Seen,
    now: Option<DateTime>,
) -> Option<Estimate> {
    let floor = match (now, seen.latest) {
        (Some(n), Some(l)) => Some(n.max(l)),
        (n, l) => n.or(l),
    };
    let bake_ms = plan
        .complete_offset_ms
        .saturating_sub(plan.bake_start_offset_ms);
    let interval_ms = seen
        .cadence
        .map_or(plan.step_interval_ms, |c| c.interval_ms);
    // Once the bake started, what is left (its length) comes from the strategy alone.
    let basis = match (baking && seen.bake_started.is_some(), seen.cadence) {
        (false, Some(c)) => c.basis,
        _ => EstimateBasis::Plan,
    };
    let mut next_steps = Vec::new();
    let mut bake_starts_at = None;
    let (due, what, completes_at);
    if baking {
        let bake_start = seen
            .bake_started
            .or_else(|| seen.cadence.map(|c| c.bake_at(plan)))?;
        let complete = bake_start.add_millis(bake_ms);
        (due, what) = (complete, Due::Completion);
        completes_at = floor.map_or(complete, |f| complete.max(f));
    } else {
        let cadence = seen.cadence?;
        let bake_start = cadence.bake_at(plan);
        (due, what) = match plan.steps.get(seen.reached) {
            Some(_) => (cadence.step_at(plan, seen.reached + 1), Due::NextStep),
            None => (bake_start, Due::BakeStart),
        };
        // Late (AWS is slow, or `now` is past the plan): the rest keeps its spacing from the
        // floor on rather than collapsing onto it; and every estimate stays in time order, even
        // where a date saturates.
        let shift = floor.map_or(0, |f| f.millis_since(&due).max(0));
        let mut previous = floor;
        let mut in_order = |t: DateTime| {
            let t = t.add_millis(shift);
            let t = previous.map_or(t, |p| t.max(p));
            previous = Some(t);
            t
        };
        next_steps = plan
            .steps
            .iter()
            .enumerate()
            .skip(seen.reached)
            .map(|(i, s)| ProjectedStep {
                at: in_order(cadence.step_at(plan, i + 1)),
                percentage: s.percentage,
            })
            .collect();
        bake_starts_at = Some(in_order(bake_start));
        completes_at = in_order(bake_start.add_millis(bake_ms));
    }
    let overdue = now
        .map(|n| n.millis_since(&due))
        .filter(|&late| is_overdue(late, interval_ms))
        .map(|late| (what, late));
    Some(Estimate {
        basis,
        interval_ms,
        next_steps,
        bake_starts_at,
        completes_at,
        overdue,
    })
}
