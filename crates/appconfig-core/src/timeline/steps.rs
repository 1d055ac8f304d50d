//! Steps as they are seen: how long each took against the plan, whether it was overdue, and the
//! spacing they show.

use serde::Serialize;

use super::plan::Plan;
use super::project::{is_overdue, Cadence, Moment};
use crate::DateTime;

/// A step observed in the log: a PERCENTAGE_UPDATED event with a time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// The event's position in `EventLog` (0 = newest), as in [`TimelineEntry::log_index`](super::TimelineEntry::log_index).
    pub log_index: usize,
    /// When.
    pub at: DateTime,
    /// The percentage reached.
    pub percentage: f64,
    /// How long it took, ms: since the previous step (the highest one first reached), or since
    /// the start for the first step. For a repeated percentage (or during a rollback): since the
    /// previous step event.
    pub took_ms: Option<i64>,
    /// What the plan gives for the same stretch, ms (the plan's interval for one step, twice that
    /// when a step's event is missing). None without a strategy, for a repeated percentage and
    /// during a rollback.
    pub planned_ms: Option<i64>,
    /// It came later than expected (by the spacing of the steps before it once two were seen,
    /// by the plan before that) by more than one interval and more than
    /// [`MIN_OVERDUE_MS`](super::MIN_OVERDUE_MS): the rule the projection flags the next step
    /// with.
    pub overdue: bool,
}

/// Follows the steps of one deployment in time order.
#[derive(Debug)]
pub(super) struct StepTracker<'p> {
    plan: Option<&'p Plan>,
    start: Option<Moment>,
    /// The highest percentage reached before any rollback.
    reached: f64,
    /// The first and the last (highest) different steps: (planned step, when first reached).
    first: Option<(usize, Moment)>,
    last: Option<(usize, Moment)>,
    /// The previous step event.
    previous_at: Option<Moment>,
}

impl<'p> StepTracker<'p> {
    pub(super) fn new(plan: Option<&'p Plan>, start: Option<Moment>) -> Self {
        StepTracker {
            plan,
            start,
            reached: 0.0,
            first: None,
            last: None,
            previous_at: None,
        }
    }

    /// The planned step reached last (0 before the first).
    pub(super) fn reached_step(&self) -> usize {
        self.last.map_or(0, |l| l.0)
    }

    /// A PERCENTAGE_UPDATED event (at `log_index`) reaching `percentage` at `at`. Outside a
    /// rollback a lower percentage than reached is a stale event and no step (its entry keeps
    /// it): percentages never go down outside a rollback.
    pub(super) fn step(
        &mut self,
        log_index: usize,
        at: Moment,
        percentage: f64,
        rolling_back: bool,
    ) -> Option<Step> {
        let higher = percentage > self.reached + 1e-6;
        if !rolling_back && !higher && percentage < self.reached - 1e-6 {
            return None;
        }
        if rolling_back || !higher {
            let step = Step {
                log_index,
                at: at.at,
                percentage,
                took_ms: self.previous_at.or(self.start).map(|p| at.ms_since(&p)),
                planned_ms: None,
                overdue: false,
            };
            self.previous_at = Some(at);
            return Some(step);
        }
        let previous = self.reached_step();
        // Matched to the plan by percentage (a missing event skips a step), and always a step
        // further than the previous one.
        let k = self
            .plan
            .map_or(0, |p| p.steps_reached_from(percentage, previous))
            .max(previous + 1);
        let overdue = match (self.plan, self.cadence()) {
            (Some(p), Some(c)) => is_overdue(c.late_ms(p, k, &at), c.interval_ms),
            _ => false,
        };
        let step = Step {
            log_index,
            at: at.at,
            percentage,
            took_ms: self
                .last
                .map(|l| l.1)
                .or(self.start)
                .map(|p| at.ms_since(&p)),
            planned_ms: self
                .plan
                .map(|p| p.offset_of(k).saturating_sub(p.offset_of(previous))),
            overdue,
        };
        self.first.get_or_insert((k, at));
        self.last = Some((k, at));
        self.reached = percentage;
        self.previous_at = Some(at);
        Some(step)
    }

    /// The spacing of the steps seen, once two different ones are apart in time.
    pub(super) fn observed(&self) -> Option<Cadence> {
        Cadence::observed(self.first?, self.last?)
    }

    /// How the next steps land: as observed once possible, else by the plan from the start (or
    /// from `now` while VALIDATING without a start) and the last step seen.
    pub(super) fn cadence_from(&self, start: Option<Moment>) -> Option<Cadence> {
        self.observed()
            .or_else(|| Some(Cadence::planned(self.plan?, start?, self.last)))
    }

    fn cadence(&self) -> Option<Cadence> {
        self.cadence_from(self.start)
    }
}
