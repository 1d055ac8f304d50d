//! How a stored deployment (and so its environment) looks at any moment, computed from its start
//! time and `now` with the core's progression model ([`appconfig_core::timeline::plan`]), the
//! same model the dashboard uses to project a running deployment.

use appconfig_core::timeline::{percentage_description, plan, Plan, StrategyParams};
use appconfig_core::{model::GrowthType, DateTime};
use appconfig_core::{
    model::{
        DeploymentEvent, DeploymentEventType, Environment, EnvironmentState, EnvironmentStateKind,
        TriggeredBy,
    },
    Deployment, DeploymentState,
};

use super::records::{DeploymentRec, EnvRec, Store};

/// `ms` of simulated time in real milliseconds at `speed`.
pub(crate) fn scaled(ms: i64, speed: f64) -> i64 {
    if speed > 0.0 && speed.is_finite() {
        (ms as f64 / speed).round() as i64
    } else {
        ms
    }
}

impl DeploymentRec {
    /// The plan of this deployment's strategy (at speed 1). A deployment without the members a
    /// plan needs (never one the simulator made) is planned as all at once.
    pub(crate) fn plan(&self) -> Plan {
        plan(&StrategyParams::of(&self.base).unwrap_or(StrategyParams {
            growth_type: GrowthType::Linear,
            growth_factor: 100.0,
            duration_minutes: 0,
            final_bake_minutes: 0,
        }))
    }

    /// When the deployment started.
    pub(crate) fn started_at(&self) -> DateTime {
        self.base
            .started_at
            .unwrap_or_else(|| DateTime::from_epoch_millis(0))
    }

    /// The time `offset_ms` (at speed 1) after the start, at this deployment's speed.
    pub(crate) fn at_offset(&self, offset_ms: i64) -> DateTime {
        self.started_at().add_millis(scaled(offset_ms, self.speed))
    }

    /// The deployment as GetDeployment shows it at `now`.
    pub(crate) fn render(&self, now: DateTime) -> Deployment {
        self.render_with(now, true)
    }

    /// The deployment at `now` without its event log (none is built): what a ListDeployments
    /// summary needs, cheaply for a deployment of 200 steps.
    pub(crate) fn render_summary(&self, now: DateTime) -> Deployment {
        let mut d = self.render_with(now, false);
        d.event_log = None;
        d
    }

    /// When the deployment ends or ended, as planned now (a rollback's end once stopped; a
    /// later revert does not count): the earliest moment its environment's chain can move on.
    pub(crate) fn planned_end(&self) -> DateTime {
        match &self.stop {
            Some(s) => s.completes_at,
            None => self.at_offset(self.plan().complete_offset_ms),
        }
    }

    fn render_with(&self, now: DateTime, with_events: bool) -> Deployment {
        let mut d = self.base.clone();
        if self.frozen {
            self.apply_revert(&mut d, now);
            return d;
        }
        let start = self.started_at();
        let p = self.plan();
        let cutoff = match &self.stop {
            Some(s) if s.at <= now => s.at,
            _ => now,
        };
        let mut events = Vec::new();
        if with_events {
            events.push(DeploymentEvent::new(
                DeploymentEventType::DeploymentStarted,
                TriggeredBy::User,
                "Deployment started",
                start,
            ));
        }
        let mut pct = 0.0;
        for step in &p.steps {
            let at = self.at_offset(step.offset_ms);
            if at <= cutoff {
                if with_events {
                    events.push(DeploymentEvent::new(
                        DeploymentEventType::PercentageUpdated,
                        TriggeredBy::AppConfig,
                        percentage_description(step.percentage),
                        at,
                    ));
                }
                pct = step.percentage;
            }
        }
        let mut state = DeploymentState::Deploying;
        let bake_at = self.at_offset(p.bake_start_offset_ms);
        let complete_at = self.at_offset(p.complete_offset_ms);
        let stopped = self.stop.as_ref().is_some_and(|s| s.at <= now);
        if bake_at <= cutoff {
            events.push(DeploymentEvent::new(
                DeploymentEventType::BakeTimeStarted,
                TriggeredBy::AppConfig,
                "Deployment bake time started",
                bake_at,
            ));
            state = DeploymentState::Baking;
        }
        d.completed_at = None;
        if complete_at <= cutoff && !stopped {
            events.push(DeploymentEvent::new(
                DeploymentEventType::DeploymentCompleted,
                TriggeredBy::AppConfig,
                "Deployment completed",
                complete_at,
            ));
            state = DeploymentState::Complete;
            d.completed_at = Some(complete_at);
        }
        if let Some(s) = self.stop.as_ref().filter(|s| s.at <= now) {
            events.push(DeploymentEvent::new(
                DeploymentEventType::RollbackStarted,
                s.triggered_by.clone(),
                s.description.clone(),
                s.at,
            ));
            state = DeploymentState::RollingBack;
            if s.completes_at <= now {
                events.push(DeploymentEvent::new(
                    DeploymentEventType::RollbackCompleted,
                    s.triggered_by.clone(),
                    "Rollback completed",
                    s.completes_at,
                ));
                state = DeploymentState::RolledBack;
                d.completed_at = Some(s.completes_at);
            }
        }
        for inv in &self.invocations {
            if let Some(e) = events
                .iter_mut()
                .find(|e| e.event_type.as_ref() == Some(&inv.event_type))
            {
                e.action_invocations = Some(inv.invocations.clone());
            }
        }
        events.reverse();
        d.event_log = Some(events);
        d.state = Some(state);
        d.percentage_complete = Some(pct);
        self.apply_revert(&mut d, now);
        d
    }

    fn apply_revert(&self, d: &mut Deployment, now: DateTime) {
        if let Some(r) = self.revert.as_ref().filter(|r| r.at <= now) {
            let log = d.event_log.get_or_insert_with(Vec::new);
            log.insert(
                0,
                DeploymentEvent::new(
                    DeploymentEventType::RevertCompleted,
                    TriggeredBy::User,
                    r.description.clone(),
                    r.at,
                ),
            );
            d.state = Some(DeploymentState::Reverted);
        }
    }

    /// When the deployment ended (completed, rolled back or reverted), if it has by `now`.
    pub(crate) fn ended_at(&self, now: DateTime) -> Option<DateTime> {
        let d = self.render_summary(now);
        match d.state {
            Some(DeploymentState::Reverted) => {
                self.revert.as_ref().map(|r| r.at).or(d.completed_at)
            }
            Some(DeploymentState::Complete | DeploymentState::RolledBack) => d.completed_at,
            _ => None,
        }
    }
}

/// An environment's `State` as AppConfig sends it: CamelCase, although the model's
/// `EnvironmentState` enum says `READY_FOR_DEPLOYMENT`. AWS's own waiter
/// `EnvironmentReadyForDeployment` (`waiters-2.json`) expects `ReadyForDeployment`,
/// `RolledBack` and `Reverted`; the API reference's raw GetEnvironment and ListEnvironments
/// samples and aws-cli's `examples/appconfig/get-environment.rst` show
/// `"State": "ReadyForDeployment"` (EVIDENCE.md). `Deploying` and `RollingBack` follow the same
/// rule. A state made from an [`EnvironmentStateKind`] is spelled that way.
pub(crate) fn environment_state(latest: Option<&DeploymentState>) -> EnvironmentState {
    let kind = match latest {
        Some(
            DeploymentState::Deploying | DeploymentState::Baking | DeploymentState::Validating,
        ) => EnvironmentStateKind::Deploying,
        Some(DeploymentState::RollingBack) => EnvironmentStateKind::RollingBack,
        Some(DeploymentState::RolledBack) => EnvironmentStateKind::RolledBack,
        Some(DeploymentState::Reverted) => EnvironmentStateKind::Reverted,
        _ => EnvironmentStateKind::ReadyForDeployment,
    };
    kind.into()
}

impl Store {
    /// The environment as GetEnvironment shows it at `now` (its state follows its latest deployment).
    pub(crate) fn render_env(&self, rec: &EnvRec, now: DateTime) -> Environment {
        let mut e = rec.env.clone();
        let app = e.application_id.clone().unwrap_or_default();
        let id = e.id.clone().unwrap_or_default();
        let latest = self
            .deployments_of(&app, &id)
            .last()
            .and_then(|d| d.render_summary(now).state);
        e.state = Some(environment_state(latest.as_ref()));
        e
    }
}

#[cfg(test)]
mod tests {
    use super::super::records::{Stop, ROLLBACK_MS};
    use super::*;

    pub(crate) fn rec(speed: f64, growth: f64, minutes: i32, bake: i32) -> DeploymentRec {
        let mut base = Deployment::default();
        base.application_id = Some("app1".into());
        base.environment_id = Some("env1".into());
        base.deployment_number = Some(1);
        base.growth_type = Some(GrowthType::Linear);
        base.growth_factor = Some(growth);
        base.deployment_duration_in_minutes = Some(minutes);
        base.final_bake_time_in_minutes = Some(bake);
        base.started_at = Some(DateTime::from_epoch_millis(1_000_000));
        DeploymentRec::new(base, speed)
    }

    fn at(r: &DeploymentRec, ms: i64) -> Deployment {
        r.render(r.started_at().add_millis(ms))
    }

    #[test]
    fn renders_the_plan_at_each_moment() {
        // LINEAR 25 over 15 min, no bake: steps at 3, 6, 9, 12 min, complete at 15.
        let r = rec(1.0, 25.0, 15, 0);
        let d = at(&r, 3 * 60_000 - 1);
        assert_eq!(d.state, Some(DeploymentState::Deploying));
        assert_eq!(d.percentage_complete, Some(0.0));
        assert_eq!(d.event_log.as_ref().map(Vec::len), Some(1));
        let d = at(&r, 3 * 60_000);
        assert_eq!(d.percentage_complete, Some(25.0));
        let d = at(&r, 12 * 60_000);
        assert_eq!(d.percentage_complete, Some(100.0));
        assert_eq!(d.state, Some(DeploymentState::Deploying));
        let d = at(&r, 15 * 60_000);
        assert_eq!(d.state, Some(DeploymentState::Complete));
        assert_eq!(d.event_log.as_ref().map(Vec::len), Some(7));
        assert_eq!(d.completed_at, Some(r.started_at().add_millis(15 * 60_000)));
        // Before the start (a clock set back): only the start event.
        let d = at(&r, -5_000);
        assert_eq!(d.state, Some(DeploymentState::Deploying));
    }

    #[test]
    fn speed_scales_the_plan() {
        let r = rec(60.0, 50.0, 1, 1);
        assert_eq!(at(&r, 333).percentage_complete, Some(50.0));
        assert_eq!(at(&r, 1_000).state, Some(DeploymentState::Baking));
        assert_eq!(at(&r, 2_000).state, Some(DeploymentState::Complete));
    }

    #[test]
    fn a_stop_freezes_progress_and_rolls_back() {
        let mut r = rec(1.0, 25.0, 15, 0);
        let stop_at = r.started_at().add_millis(7 * 60_000);
        r.stop = Some(Stop {
            at: stop_at,
            triggered_by: TriggeredBy::User,
            description: "x".into(),
            completes_at: stop_at.add_millis(ROLLBACK_MS),
        });
        let d = at(&r, 7 * 60_000 + 1);
        assert_eq!(d.state, Some(DeploymentState::RollingBack));
        assert_eq!(d.percentage_complete, Some(50.0));
        let d = at(&r, 60 * 60_000);
        assert_eq!(d.state, Some(DeploymentState::RolledBack));
        let types: Vec<_> = d
            .event_log
            .unwrap()
            .iter()
            .map(|e| e.event_type.clone().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                DeploymentEventType::RollbackCompleted,
                DeploymentEventType::RollbackStarted,
                DeploymentEventType::PercentageUpdated,
                DeploymentEventType::PercentageUpdated,
                DeploymentEventType::DeploymentStarted
            ]
        );
    }
}
