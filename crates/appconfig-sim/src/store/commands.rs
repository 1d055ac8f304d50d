//! What changes the store: StartDeployment, StopDeployment, a CloudWatch alarm, and the live
//! environments' chain of deployments.

use appconfig_core::DateTime;
use appconfig_core::{model::TriggeredBy, Deployment, DeploymentState};

use super::progression::scaled;
use super::records::{
    DeploymentRec, Revert, StartRequest, Stop, Store, ACCOUNT_ID, CHAIN_PAUSE_MS, REVERT_WINDOW_MS,
    ROLLBACK_MS,
};
use super::versions::{check_version, next_version};
use crate::awserror::ApiError;

impl Store {
    /// StartDeployment.
    ///
    /// # Errors
    /// 404 for a missing application, environment, strategy or profile; 409 when a deployment
    /// is running in the environment or `LatestDeploymentNumber` is not the latest.
    pub(crate) fn start_deployment(
        &mut self,
        app_label: &str,
        env_label: &str,
        req: &StartRequest,
        now: DateTime,
        speed: f64,
        region: &str,
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
        check_version(&req.configuration_version, profile.location_uri == "hosted")?;
        let existing = self.deployments_of(&app_id, &env_id);
        let latest = existing.last().map(|d| (*d).clone());
        if let Some(l) = &latest {
            let d = l.render_summary(now);
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
        // A hosted version given by number or label: the deployment names its number and label.
        // A number the store lacks is still deployed (earlier clients of the simulator deploy
        // any number), as it stands.
        match self.deployed_version(
            &profile.application_id,
            &profile.id,
            &req.configuration_version,
        ) {
            Some(h) => {
                base.configuration_version = Some(h.version_number.to_string());
                base.version_label = h.version_label.clone();
            }
            // A label names a version the store must have (a number may be any, above).
            None if req.configuration_version.parse::<u32>().is_err() => {
                return Err(ApiError::bad_request(format!(
                    "No hosted configuration version of configuration profile {} has the label {}",
                    profile.id, req.configuration_version
                )));
            }
            None => base.configuration_version = Some(req.configuration_version.clone()),
        }
        base.description = req.description.clone();
        base.deployment_duration_in_minutes = strategy.deployment_duration_in_minutes;
        base.growth_type = strategy.growth_type.clone();
        base.growth_factor = strategy.growth_factor;
        base.final_bake_time_in_minutes = strategy.final_bake_time_in_minutes;
        base.started_at = Some(now);
        if let Some(k) = &req.kms_key_identifier {
            base.kms_key_identifier = Some(k.clone());
            base.kms_key_arn = Some(kms_arn(k, region));
        } else {
            base.kms_key_arn = profile.kms_key_arn.clone();
        }
        let mut rec = DeploymentRec::new(base, speed);
        rec.tags = req.tags.clone();
        self.quiet_until = None;
        let out = rec.render(now);
        self.deployments.push(rec);
        Ok(out)
    }

    /// StopDeployment: rolls back a DEPLOYING deployment; with `allow_revert`, rolls back any
    /// running one (BAKING, VALIDATING too) or reverts the latest completed one (within 72
    /// hours of completion).
    ///
    /// # Errors
    /// 404 when not found; 400 when it cannot be stopped or reverted.
    pub(crate) fn stop_deployment(
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
        self.quiet_until = None;
        // The API reference (StopDeployment, also in `service-2.json`): "This API action works
        // only on deployments that have a status of DEPLOYING, unless an AllowRevert parameter
        // is supplied. If the AllowRevert parameter is supplied, the status of an in-progress
        // deployment will be ROLLED_BACK. The status of a completed deployment will be
        // REVERTED." So BAKING and VALIDATING stop only with AllowRevert. (The user guide's
        // "Reverting a configuration" says any in-progress deployment rolls back; the brief
        // follows the API reference.)
        let in_progress = matches!(state, DeploymentState::Baking | DeploymentState::Validating);
        if in_progress && !allow_revert {
            return Err(ApiError::bad_request(format!(
                "Deployment {number} cannot be stopped: its state is {state}, and StopDeployment works only on deployments that are DEPLOYING unless AllowRevert is true"
            )));
        }
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

    /// `POST /_sim/alarm`: sets the environment's first monitored alarm with actions enabled to
    /// ALARM, as `SetAlarmState` does, which rolls back its running deployment.
    ///
    /// # Errors
    /// 404 when the environment does not exist, 409 when nothing is running or no monitored
    /// alarm has its actions enabled.
    pub(crate) fn fire_alarm(
        &mut self,
        app_label: &str,
        env_label: &str,
        now: DateTime,
        speed: f64,
    ) -> Result<Deployment, ApiError> {
        let (app_id, env) = self.env(app_label, env_label)?;
        let env_id = env.env.id.clone().unwrap_or_default();
        let arns: Vec<String> = env
            .env
            .monitors
            .iter()
            .flatten()
            .filter_map(|m| m.alarm_arn.clone())
            .collect();
        let running = self
            .deployments_of(&app_id, &env_id)
            .last()
            .map(|d| d.render_summary(now))
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
        // The first monitored alarm whose actions are enabled: the one AppConfig acts on.
        let alarm = self
            .alarms
            .iter()
            .position(|a| a.actions_enabled && arns.contains(&a.arn))
            .ok_or_else(|| {
                ApiError::conflict(format!(
                    "Environment {env_id} of application {app_id} has no monitored CloudWatch alarm with actions enabled"
                ))
            })?;
        self.set_alarm_state(
            alarm,
            super::ALARM,
            "Threshold Crossed: set by POST /_sim/alarm",
            now,
            speed,
        );
        let number = i64::from(running.deployment_number.unwrap_or_default());
        let i = self
            .deployment_index(&app_id, &env_id, number)
            .ok_or_else(|| ApiError::not_found("Deployment", "Deployment not found"))?;
        Ok(self.deployments[i].render(now))
    }

    /// Brings the store to `now`: alarms (and the rollbacks they cause), then the live
    /// environments' next deployments. Returns true when something changed.
    pub(crate) fn advance(&mut self, now: DateTime, speed: f64) -> bool {
        let alarms = self.advance_alarms(now, speed);
        let chain = self.advance_chain(now, speed);
        // A deployment the chain started may begin while a monitored alarm is not OK.
        let after = chain && self.advance_alarms(now, speed);
        alarms || chain || after
    }

    /// Starts the next deployment in live environments whose last deployment ended more than a
    /// short pause ago. Returns true when something was started.
    fn advance_chain(&mut self, now: DateTime, speed: f64) -> bool {
        // Every request calls this: between two planned ends nothing can start, so it returns
        // at once (any command that changes a deployment forgets the time).
        if self.quiet_until.is_some_and(|t| now < t) {
            return false;
        }
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
                // Checked: a state file can hold any number (an overflow here panicked the debug
                // build and closed every later connection: `tests/progression.rs`).
                let Some(number) = base.deployment_number.unwrap_or(0).checked_add(1) else {
                    break;
                };
                base.deployment_number = Some(number);
                let version = next_version(base.configuration_version.as_deref());
                if let Some(profile) = base.configuration_profile_id.clone() {
                    self.ensure_chain_version(&app, &profile, &version);
                }
                base.configuration_version = Some(version);
                base.description = Some("Continuous delivery to staging (simulated)".into());
                base.started_at = Some(start);
                base.event_log = None;
                base.state = None;
                base.completed_at = None;
                base.percentage_complete = None;
                self.deployments.push(DeploymentRec::new(base, speed));
                changed = true;
            }
            if changed {
                self.keep_newest(&app, &env, LIVE_HISTORY);
                self.prune_chain_versions();
            }
        }
        self.quiet_until = self
            .environments
            .iter()
            .filter(|e| e.live)
            .filter_map(|e| {
                let (app, env) = (e.env.application_id.as_deref()?, e.env.id.as_deref()?);
                let last = self.deployments_of(app, env).last().copied()?;
                Some(last.planned_end().add_millis(scaled(CHAIN_PAUSE_MS, speed)))
            })
            .min();
        changed
    }

    /// Drops all but the newest `keep` deployments of an environment.
    fn keep_newest(&mut self, app_id: &str, env_id: &str, keep: usize) {
        let numbers: Vec<i32> = self
            .deployments_of(app_id, env_id)
            .iter()
            .filter_map(|d| d.base.deployment_number)
            .collect();
        let Some(&oldest_kept) = numbers.len().checked_sub(keep).and_then(|i| numbers.get(i))
        else {
            return;
        };
        self.deployments.retain(|d| {
            d.base.application_id.as_deref() != Some(app_id)
                || d.base.environment_id.as_deref() != Some(env_id)
                || d.base.deployment_number.unwrap_or(0) >= oldest_kept
        });
    }
}

/// How many deployments a live environment keeps: its newest 100 (two pages of ListDeployments).
/// AppConfig keeps them all, but a live chain at `--speed 100000` starts one every ~7 ms, and
/// the whole state is written after each change: unbounded, the state file grew without end.
pub(crate) const LIVE_HISTORY: usize = 100;

/// The ARN of a KMS key given by id, alias or ARN, in `region`.
pub(super) fn kms_arn(identifier: &str, region: &str) -> String {
    if identifier.starts_with("arn:") {
        identifier.to_owned()
    } else if identifier.starts_with("alias/") {
        format!("arn:aws:kms:{region}:{ACCOUNT_ID}:{identifier}")
    } else {
        format!("arn:aws:kms:{region}:{ACCOUNT_ID}:key/{identifier}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::records::EnvRec;
    use super::*;
    use appconfig_core::model::Environment;
    use appconfig_core::model::GrowthType;

    fn rec(growth: f64, minutes: i32) -> DeploymentRec {
        let mut base = Deployment::default();
        base.application_id = Some("app1".into());
        base.environment_id = Some("env1".into());
        base.deployment_number = Some(1);
        base.growth_type = Some(GrowthType::Linear);
        base.growth_factor = Some(growth);
        base.deployment_duration_in_minutes = Some(minutes);
        base.final_bake_time_in_minutes = Some(0);
        base.started_at = Some(DateTime::from_epoch_millis(1_000_000));
        DeploymentRec::new(base, 1.0)
    }

    /// A store with one live environment, `app1`/`env1`, and no deployments.
    fn live_store() -> Store {
        let mut s = Store::new();
        let mut e = Environment::default();
        e.application_id = Some("app1".into());
        e.id = Some("env1".into());
        s.environments.push(EnvRec { env: e, live: true });
        s
    }

    #[test]
    fn a_live_environment_far_behind_restarts_now() {
        let mut s = live_store();
        s.deployments.push(rec(50.0, 1));
        let now = s.deployments[0]
            .started_at()
            .add_millis(10 * 24 * 3600 * 1000);
        assert!(s.advance(now, 1.0));
        assert_eq!(s.deployments.len(), 2);
        assert_eq!(s.deployments[1].started_at(), now);
        assert_eq!(s.deployments[1].base.deployment_number, Some(2));
        assert!(!s.advance(now, 1.0), "running now: nothing more to start");
    }

    #[test]
    fn the_live_chain_never_overflows() {
        assert_eq!(next_version(Some("22")), "23");
        assert_eq!(next_version(Some("2147483647")), "1");
        assert_eq!(next_version(Some("18446744073709551615")), "1");
        assert_eq!(next_version(Some("v1")), "1");
        assert_eq!(next_version(None), "1");
        // A state file's largest deployment number and version: nothing starts, nothing panics.
        let mut s = live_store();
        let mut d = rec(50.0, 1);
        d.base.deployment_number = Some(i32::MAX);
        d.base.configuration_version = Some("18446744073709551615".into());
        s.deployments.push(d);
        let now = s.deployments[0].started_at().add_millis(3_600_000);
        assert!(!s.advance(now, 1.0));
        s.deployments[0].base.deployment_number = Some(i32::MAX - 1);
        assert!(s.advance(now, 1.0));
        assert_eq!(s.deployments[1].base.deployment_number, Some(i32::MAX));
        assert_eq!(
            s.deployments[1].base.configuration_version.as_deref(),
            Some("1")
        );
    }

    #[test]
    fn a_live_environment_keeps_its_newest_deployments_only() {
        let mut s = live_store();
        s.deployments.push(rec(100.0, 0));
        let mut other = rec(100.0, 0);
        other.base.environment_id = Some("env2".into());
        s.deployments.push(other);
        // All at once, no bake: each deployment ends as it starts; 20 s pause between them.
        let mut now = s.deployments[0].started_at();
        for _ in 0..500 {
            now = now.add_millis(CHAIN_PAUSE_MS);
            s.advance(now, 1.0);
        }
        let kept = s.deployments_of("app1", "env1");
        assert_eq!(kept.len(), LIVE_HISTORY);
        assert_eq!(kept.last().unwrap().base.deployment_number, Some(501));
        assert_eq!(kept[0].base.deployment_number, Some(402));
        assert_eq!(
            s.deployments_of("app1", "env2").len(),
            1,
            "other environments untouched"
        );
    }
}
