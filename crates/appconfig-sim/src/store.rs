//! The simulator's state: applications, environments, configuration profiles, strategies and
//! deployments, and how a deployment looks at any moment.
//!
//! A deployment is stored as its static members (`base`, a core [`Deployment`] with the event
//! log left out), the speed it runs at and what was done to it (stopped, rolled back by an alarm,
//! reverted). Its state, percentage and event log are computed from (start time, now) with the
//! core's progression model [`appconfig_core::plan`], the same model the dashboard
//! uses to project a running deployment. Nothing ticks: any `now` gives the same answer.

use std::collections::BTreeMap;

use appconfig_core::DateTime;
use appconfig_core::{percentage_description, plan, Plan, StrategyParams};
use appconfig_core::{
    ActionInvocation, Application, Deployment, DeploymentEvent, DeploymentEventType,
    DeploymentState, DeploymentStrategy, DeploymentSummary, DeploymentType, Environment,
    EnvironmentStateKind, TriggeredBy,
};
use serde::{Deserialize, Serialize};

use crate::awserror::ApiError;

/// The account id used in ARNs and event descriptions.
pub const ACCOUNT_ID: &str = "123456789012";
/// How long a rollback takes at speed 1, ms.
pub const ROLLBACK_MS: i64 = 5_000;
/// The pause before a live environment starts its next deployment, at speed 1, ms.
pub const CHAIN_PAUSE_MS: i64 = 20_000;
/// How long after completion a deployment can be reverted (AppConfig: 72 hours), ms.
pub const REVERT_WINDOW_MS: i64 = 72 * 3600 * 1000;
/// The version of the state file format.
pub const STATE_VERSION: u32 = 1;

/// A configuration profile (only what deployments show of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The application id.
    pub application_id: String,
    /// The profile id.
    pub id: String,
    /// The name, shown as `ConfigurationName`.
    pub name: String,
    /// `ConfigurationLocationUri` (`hosted`, `ssm-parameter://...`).
    pub location_uri: String,
    /// The KMS key ARN of hosted configurations, if encrypted with a customer key.
    #[serde(default)]
    pub kms_key_arn: Option<String>,
}

/// An environment and whether it always has a deployment running.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnvRec {
    /// The environment (its `State` is computed, never stored).
    pub env: Environment,
    /// When a deployment ends, start the next one after a short pause.
    #[serde(default)]
    pub live: bool,
}

/// A stop: a rollback by a user or an alarm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    /// When it started.
    pub at: DateTime,
    /// USER or CLOUDWATCH_ALARM.
    pub triggered_by: TriggeredBy,
    /// The ROLLBACK_STARTED description (account or alarm ARN).
    pub description: String,
    /// When the rollback completes.
    pub completes_at: DateTime,
}

/// A revert of a completed deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revert {
    /// When.
    pub at: DateTime,
    /// The REVERT_COMPLETED description.
    pub description: String,
}

/// Extension invocations attached to the first event of a type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invocations {
    /// The event they belong to.
    pub event_type: DeploymentEventType,
    /// The invocations.
    pub invocations: Vec<ActionInvocation>,
}

/// A stored deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeploymentRec {
    /// Static members; `StartedAt` is set. Unless `frozen`, `EventLog`, `State`,
    /// `PercentageComplete` and `CompletedAt` are computed.
    pub base: Deployment,
    /// Progress runs this many times faster than real time.
    pub speed: f64,
    /// `base` is the whole deployment as it ended (a recorded real one): shown as is, except
    /// for a later revert.
    #[serde(default)]
    pub frozen: bool,
    /// A rollback.
    #[serde(default)]
    pub stop: Option<Stop>,
    /// A revert.
    #[serde(default)]
    pub revert: Option<Revert>,
    /// Extension invocations to show on events.
    #[serde(default)]
    pub invocations: Vec<Invocations>,
    /// Tags given to StartDeployment.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// Everything the simulator knows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    /// The file format version.
    pub version: u32,
    /// Applications, in creation order.
    pub applications: Vec<Application>,
    /// Environments, in creation order.
    pub environments: Vec<EnvRec>,
    /// Configuration profiles.
    pub profiles: Vec<Profile>,
    /// Deployment strategies, in creation order.
    pub strategies: Vec<DeploymentStrategy>,
    /// Deployments.
    pub deployments: Vec<DeploymentRec>,
}

/// The first item whose id is `label`, else the first whose name is (AppConfig accepts both in
/// paths). `id_name` gives an item's id and name.
fn by_id_or_name<'a, T>(
    items: &'a [T],
    label: &str,
    id_name: impl Fn(&T) -> (&Option<String>, &Option<String>),
) -> Option<&'a T> {
    let is = |v: &Option<String>| v.as_deref() == Some(label);
    items
        .iter()
        .find(|i| is(id_name(i).0))
        .or_else(|| items.iter().find(|i| is(id_name(i).1)))
}

fn strategy_params(d: &Deployment) -> StrategyParams {
    StrategyParams {
        growth_type: d
            .growth_type
            .clone()
            .unwrap_or(appconfig_core::GrowthType::Linear),
        growth_factor: d.growth_factor.unwrap_or(100.0),
        duration_minutes: i64::from(d.deployment_duration_in_minutes.unwrap_or(0)),
        final_bake_minutes: i64::from(d.final_bake_time_in_minutes.unwrap_or(0)),
    }
}

fn scaled(ms: i64, speed: f64) -> i64 {
    if speed > 0.0 && speed.is_finite() {
        (ms as f64 / speed).round() as i64
    } else {
        ms
    }
}

impl DeploymentRec {
    /// The plan of this deployment's strategy (at speed 1).
    pub fn plan(&self) -> Plan {
        plan(&strategy_params(&self.base))
    }

    /// When the deployment started.
    pub fn started_at(&self) -> DateTime {
        self.base
            .started_at
            .unwrap_or_else(|| DateTime::from_epoch_millis(0))
    }

    /// The time `offset_ms` (at speed 1) after the start, at this deployment's speed.
    pub fn at_offset(&self, offset_ms: i64) -> DateTime {
        self.started_at().add_millis(scaled(offset_ms, self.speed))
    }

    /// The deployment as GetDeployment shows it at `now`.
    pub fn render(&self, now: DateTime) -> Deployment {
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
        let mut events = vec![DeploymentEvent::new(
            DeploymentEventType::DeploymentStarted,
            TriggeredBy::User,
            "Deployment started",
            start,
        )];
        let mut pct = 0.0;
        for step in &p.steps {
            let at = self.at_offset(step.offset_ms);
            if at <= cutoff {
                events.push(DeploymentEvent::new(
                    DeploymentEventType::PercentageUpdated,
                    TriggeredBy::AppConfig,
                    percentage_description(step.percentage),
                    at,
                ));
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
    pub fn ended_at(&self, now: DateTime) -> Option<DateTime> {
        let d = self.render(now);
        match d.state {
            Some(DeploymentState::Reverted) => {
                self.revert.as_ref().map(|r| r.at).or(d.completed_at)
            }
            Some(DeploymentState::Complete | DeploymentState::RolledBack) => d.completed_at,
            _ => None,
        }
    }
}

/// The ListDeployments line of a deployment.
pub fn summary(d: &Deployment) -> DeploymentSummary {
    let mut s = DeploymentSummary::default();
    s.deployment_number = d.deployment_number;
    s.configuration_profile_id = d.configuration_profile_id.clone();
    s.configuration_name = d.configuration_name.clone();
    s.configuration_version = d.configuration_version.clone();
    s.deployment_duration_in_minutes = d.deployment_duration_in_minutes;
    s.growth_type = d.growth_type.clone();
    s.growth_factor = d.growth_factor;
    s.final_bake_time_in_minutes = d.final_bake_time_in_minutes;
    s.state = d.state.clone();
    s.percentage_complete = d.percentage_complete;
    s.started_at = d.started_at;
    s.completed_at = d.completed_at;
    s.version_label = d.version_label.clone();
    s.r#type = Some(DeploymentType::User);
    s
}

/// What StartDeployment asks for (the body, already validated for shape).
#[derive(Clone, Debug, Default)]
pub struct StartRequest {
    /// The strategy id.
    pub deployment_strategy_id: String,
    /// The configuration profile id.
    pub configuration_profile_id: String,
    /// The configuration version.
    pub configuration_version: String,
    /// The description.
    pub description: Option<String>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// A KMS key id, alias or ARN.
    pub kms_key_identifier: Option<String>,
    /// Must equal the latest deployment number of the environment when given.
    pub latest_deployment_number: Option<i64>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store {
            version: STATE_VERSION,
            ..Store::default()
        }
    }

    /// Finds an application by id, then by name.
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException`.
    pub fn app(&self, label: &str) -> Result<&Application, ApiError> {
        by_id_or_name(&self.applications, label, |a| (&a.id, &a.name)).ok_or_else(|| {
            ApiError::not_found("Application", format!("Application {label} not found"))
        })
    }

    /// Finds an environment of an application by id, then by name.
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException` for the application or the environment.
    pub fn env(&self, app_label: &str, env_label: &str) -> Result<(String, &EnvRec), ApiError> {
        let app_id = self.app(app_label)?.id.clone().unwrap_or_default();
        let in_app: Vec<&EnvRec> = self
            .environments
            .iter()
            .filter(|e| e.env.application_id.as_deref() == Some(app_id.as_str()))
            .collect();
        let found = by_id_or_name(&in_app, env_label, |e| (&e.env.id, &e.env.name))
            .copied()
            .ok_or_else(|| {
                ApiError::not_found(
                    "Environment",
                    format!("Environment {env_label} not found in application {app_id}"),
                )
            })?;
        Ok((app_id, found))
    }

    /// The deployments of an environment, oldest first.
    pub fn deployments_of(&self, app_id: &str, env_id: &str) -> Vec<&DeploymentRec> {
        let mut v: Vec<&DeploymentRec> = self
            .deployments
            .iter()
            .filter(|d| {
                d.base.application_id.as_deref() == Some(app_id)
                    && d.base.environment_id.as_deref() == Some(env_id)
            })
            .collect();
        v.sort_by_key(|d| d.base.deployment_number.unwrap_or(0));
        v
    }

    fn deployment_index(&self, app_id: &str, env_id: &str, number: i64) -> Option<usize> {
        self.deployments.iter().position(|d| {
            d.base.application_id.as_deref() == Some(app_id)
                && d.base.environment_id.as_deref() == Some(env_id)
                && d.base.deployment_number.map(i64::from) == Some(number)
        })
    }

    /// The environment as GetEnvironment shows it at `now` (its state follows its latest deployment).
    pub fn render_env(&self, rec: &EnvRec, now: DateTime) -> Environment {
        let mut e = rec.env.clone();
        let app = e.application_id.clone().unwrap_or_default();
        let id = e.id.clone().unwrap_or_default();
        let state = match self
            .deployments_of(&app, &id)
            .last()
            .and_then(|d| d.render(now).state)
        {
            Some(
                DeploymentState::Deploying | DeploymentState::Baking | DeploymentState::Validating,
            ) => EnvironmentStateKind::Deploying.into(),
            Some(DeploymentState::RollingBack) => EnvironmentStateKind::RollingBack.into(),
            Some(DeploymentState::RolledBack) => EnvironmentStateKind::RolledBack.into(),
            Some(DeploymentState::Reverted) => EnvironmentStateKind::Reverted.into(),
            _ => EnvironmentStateKind::ReadyForDeployment.into(),
        };
        e.state = Some(state);
        e
    }

    /// Finds a deployment strategy by id (or name).
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException`.
    pub fn strategy(&self, id: &str) -> Result<&DeploymentStrategy, ApiError> {
        by_id_or_name(&self.strategies, id, |s| (&s.id, &s.name)).ok_or_else(|| {
            ApiError::not_found(
                "DeploymentStrategy",
                format!("Deployment strategy {id} not found"),
            )
        })
    }

    /// GetDeployment.
    ///
    /// # Errors
    /// 404 for the application, environment or deployment.
    pub fn get_deployment(
        &self,
        app_label: &str,
        env_label: &str,
        number: i64,
        now: DateTime,
    ) -> Result<Deployment, ApiError> {
        let (app_id, env) = self.env(app_label, env_label)?;
        let env_id = env.env.id.clone().unwrap_or_default();
        let i = self
            .deployment_index(&app_id, &env_id, number)
            .ok_or_else(|| {
                ApiError::not_found(
                    "Deployment",
                    format!(
                        "Deployment {number} not found in environment {env_id} of application {app_id}"
                    ),
                )
            })?;
        Ok(self.deployments[i].render(now))
    }

    /// StartDeployment.
    ///
    /// # Errors
    /// 404 for a missing application, environment, strategy or profile; 409 when a deployment
    /// is running in the environment or `LatestDeploymentNumber` is not the latest.
    pub fn start_deployment(
        &mut self,
        app_label: &str,
        env_label: &str,
        req: &StartRequest,
        now: DateTime,
        speed: f64,
    ) -> Result<Deployment, ApiError> {
        let (app_id, env) = self.env(app_label, env_label)?;
        let env_id = env.env.id.clone().unwrap_or_default();
        let strategy = self.strategy(&req.deployment_strategy_id)?.clone();
        let profile = self
            .profiles
            .iter()
            .find(|p| {
                p.application_id == app_id
                    && (p.id == req.configuration_profile_id
                        || p.name == req.configuration_profile_id)
            })
            .cloned()
            .ok_or_else(|| {
                ApiError::not_found(
                    "ConfigurationProfile",
                    format!(
                        "Configuration profile {} not found in application {app_id}",
                        req.configuration_profile_id
                    ),
                )
            })?;
        let existing = self.deployments_of(&app_id, &env_id);
        let latest = existing.last().map(|d| (*d).clone());
        if let Some(l) = &latest {
            let d = l.render(now);
            if d.state
                .as_ref()
                .is_some_and(DeploymentState::is_in_progress)
            {
                return Err(ApiError::conflict(format!(
                    "Deployment {} is already in progress in environment {env_id}. Wait for it to complete or stop it before starting a new deployment.",
                    d.deployment_number.unwrap_or_default()
                )));
            }
        }
        let latest_number = latest
            .as_ref()
            .and_then(|l| l.base.deployment_number)
            .unwrap_or(0);
        if let Some(n) = req.latest_deployment_number {
            if n != i64::from(latest_number) {
                return Err(ApiError::conflict(format!(
                    "LatestDeploymentNumber {n} does not match the latest deployment number {latest_number} of environment {env_id}"
                )));
            }
        }
        let mut base = Deployment::default();
        base.application_id = Some(app_id);
        base.environment_id = Some(env_id);
        base.deployment_strategy_id = strategy.id.clone();
        base.configuration_profile_id = Some(profile.id.clone());
        base.deployment_number = Some(latest_number.saturating_add(1));
        base.configuration_name = Some(profile.name.clone());
        base.configuration_location_uri = Some(profile.location_uri.clone());
        base.configuration_version = Some(req.configuration_version.clone());
        base.description = req.description.clone();
        base.deployment_duration_in_minutes = strategy.deployment_duration_in_minutes;
        base.growth_type = strategy.growth_type.clone();
        base.growth_factor = strategy.growth_factor;
        base.final_bake_time_in_minutes = strategy.final_bake_time_in_minutes;
        base.started_at = Some(now);
        if let Some(k) = &req.kms_key_identifier {
            base.kms_key_identifier = Some(k.clone());
            base.kms_key_arn = Some(kms_arn(k));
        } else {
            base.kms_key_arn = profile.kms_key_arn.clone();
        }
        let rec = DeploymentRec {
            base,
            speed,
            frozen: false,
            stop: None,
            revert: None,
            invocations: Vec::new(),
            tags: req.tags.clone(),
        };
        let out = rec.render(now);
        self.deployments.push(rec);
        Ok(out)
    }

    /// StopDeployment: rolls back a running deployment, or with `allow_revert` reverts the
    /// latest completed one (within 72 hours of completion).
    ///
    /// # Errors
    /// 404 when not found; 400 when it cannot be stopped or reverted.
    pub fn stop_deployment(
        &mut self,
        app_label: &str,
        env_label: &str,
        number: i64,
        allow_revert: bool,
        now: DateTime,
        speed: f64,
    ) -> Result<Deployment, ApiError> {
        let current = self.get_deployment(app_label, env_label, number, now)?;
        let app_id = current.application_id.clone().unwrap_or_default();
        let env_id = current.environment_id.clone().unwrap_or_default();
        let latest_number = self
            .deployments_of(&app_id, &env_id)
            .last()
            .and_then(|d| d.base.deployment_number)
            .map(i64::from);
        let i = self
            .deployment_index(&app_id, &env_id, number)
            .ok_or_else(|| ApiError::not_found("Deployment", "Deployment not found"))?;
        let state = current.state.clone().unwrap_or(DeploymentState::Complete);
        match state {
            DeploymentState::Deploying | DeploymentState::Baking | DeploymentState::Validating => {
                self.deployments[i].stop = Some(Stop {
                    at: now,
                    triggered_by: TriggeredBy::User,
                    description: format!("Rollback initiated by AWS account {ACCOUNT_ID}"),
                    completes_at: now.add_millis(scaled(ROLLBACK_MS, speed)),
                });
            }
            DeploymentState::Complete if allow_revert => {
                if latest_number != Some(number) {
                    return Err(ApiError::bad_request(format!(
                        "Deployment {number} cannot be reverted: only the latest deployment of environment {env_id} can be reverted"
                    )));
                }
                let completed = current.completed_at.unwrap_or(now);
                if now.millis_since(&completed) > REVERT_WINDOW_MS {
                    return Err(ApiError::bad_request(format!(
                        "Deployment {number} cannot be reverted: it completed more than 72 hours ago"
                    )));
                }
                self.deployments[i].revert = Some(Revert {
                    at: now,
                    description: format!("Deployment reverted by AWS account {ACCOUNT_ID}"),
                });
            }
            DeploymentState::Complete => {
                return Err(ApiError::bad_request(format!(
                    "Deployment {number} is already complete. To revert it to the previous configuration, set Allow-Revert to true"
                )));
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "Deployment {number} cannot be stopped because its state is {other}"
                )));
            }
        }
        Ok(self.deployments[i].render(now))
    }

    /// Rolls back the running deployment of an environment as a CloudWatch alarm would.
    ///
    /// # Errors
    /// 404 when the environment does not exist, 409 when nothing is running.
    pub fn fire_alarm(
        &mut self,
        app_label: &str,
        env_label: &str,
        now: DateTime,
        speed: f64,
        region: &str,
    ) -> Result<Deployment, ApiError> {
        let (app_id, env) = self.env(app_label, env_label)?;
        let env_id = env.env.id.clone().unwrap_or_default();
        let alarm = env
            .env
            .monitors
            .iter()
            .flatten()
            .find_map(|m| m.alarm_arn.clone())
            .unwrap_or_else(|| {
                format!("arn:aws:cloudwatch:{region}:{ACCOUNT_ID}:alarm:{env_id}-alarm")
            });
        let running = self
            .deployments_of(&app_id, &env_id)
            .last()
            .map(|d| d.render(now))
            .filter(|d| {
                matches!(
                    d.state,
                    Some(DeploymentState::Deploying | DeploymentState::Baking)
                )
            })
            .ok_or_else(|| {
                ApiError::conflict(format!(
                    "No deployment is in progress in environment {env_id} of application {app_id}"
                ))
            })?;
        let number = i64::from(running.deployment_number.unwrap_or_default());
        let i = self
            .deployment_index(&app_id, &env_id, number)
            .ok_or_else(|| ApiError::not_found("Deployment", "Deployment not found"))?;
        self.deployments[i].stop = Some(Stop {
            at: now,
            triggered_by: TriggeredBy::CloudWatchAlarm,
            description: format!("Rollback initiated by Amazon CloudWatch alarm {alarm}"),
            completes_at: now.add_millis(scaled(ROLLBACK_MS, speed)),
        });
        Ok(self.deployments[i].render(now))
    }

    /// Starts the next deployment in live environments whose last deployment ended more than a
    /// short pause ago. Returns true when something was started.
    pub fn advance(&mut self, now: DateTime, speed: f64) -> bool {
        let mut changed = false;
        let live: Vec<(String, String)> = self
            .environments
            .iter()
            .filter(|e| e.live)
            .filter_map(|e| Some((e.env.application_id.clone()?, e.env.id.clone()?)))
            .collect();
        for (app, env) in live {
            for _ in 0..100 {
                let Some(last) = self.deployments_of(&app, &env).last().map(|d| (*d).clone())
                else {
                    break;
                };
                let Some(ended) = last.ended_at(now) else {
                    break;
                };
                let next_start = ended.add_millis(scaled(CHAIN_PAUSE_MS, speed));
                if next_start > now {
                    break;
                }
                // Far behind (a state reloaded after a long stop): start now rather than replay.
                let cycle = scaled(last.plan().complete_offset_ms + CHAIN_PAUSE_MS, speed);
                let start = if now.millis_since(&next_start) > cycle {
                    now
                } else {
                    next_start
                };
                let mut base = last.base.clone();
                base.deployment_number = Some(base.deployment_number.unwrap_or(0) + 1);
                let version = base
                    .configuration_version
                    .as_deref()
                    .and_then(|v| v.parse::<u64>().ok())
                    .map_or_else(|| "1".to_owned(), |v| (v + 1).to_string());
                base.configuration_version = Some(version);
                base.description = Some("Continuous delivery to staging (simulated)".into());
                base.started_at = Some(start);
                base.event_log = None;
                base.state = None;
                base.completed_at = None;
                base.percentage_complete = None;
                self.deployments.push(DeploymentRec {
                    base,
                    speed,
                    frozen: false,
                    stop: None,
                    revert: None,
                    invocations: Vec::new(),
                    tags: BTreeMap::new(),
                });
                changed = true;
            }
        }
        changed
    }
}

/// The ARN of a KMS key given by id, alias or ARN.
fn kms_arn(identifier: &str) -> String {
    if identifier.starts_with("arn:") {
        identifier.to_owned()
    } else if identifier.starts_with("alias/") {
        format!("arn:aws:kms:us-east-1:{ACCOUNT_ID}:{identifier}")
    } else {
        format!("arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/{identifier}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use appconfig_core::GrowthType;

    fn rec(speed: f64, growth: f64, minutes: i32, bake: i32) -> DeploymentRec {
        let mut base = Deployment::default();
        base.application_id = Some("app1".into());
        base.environment_id = Some("env1".into());
        base.deployment_number = Some(1);
        base.growth_type = Some(GrowthType::Linear);
        base.growth_factor = Some(growth);
        base.deployment_duration_in_minutes = Some(minutes);
        base.final_bake_time_in_minutes = Some(bake);
        base.started_at = Some(DateTime::from_epoch_millis(1_000_000));
        DeploymentRec {
            base,
            speed,
            frozen: false,
            stop: None,
            revert: None,
            invocations: Vec::new(),
            tags: BTreeMap::new(),
        }
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

    #[test]
    fn a_live_environment_far_behind_restarts_now() {
        let mut s = Store::new();
        let mut e = Environment::default();
        e.application_id = Some("app1".into());
        e.id = Some("env1".into());
        s.environments.push(EnvRec { env: e, live: true });
        s.deployments.push(rec(1.0, 50.0, 1, 0));
        let now = s.deployments[0]
            .started_at()
            .add_millis(10 * 24 * 3600 * 1000);
        assert!(s.advance(now, 1.0));
        assert_eq!(s.deployments.len(), 2);
        assert_eq!(s.deployments[1].started_at(), now);
        assert_eq!(s.deployments[1].base.deployment_number, Some(2));
        assert!(!s.advance(now, 1.0), "running now: nothing more to start");
    }
}
