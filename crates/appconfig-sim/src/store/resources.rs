//! Creating, updating and deleting applications, environments, configuration profiles and
//! deployment strategies, and the tags of every taggable resource.

use std::collections::BTreeMap;

use appconfig_core::model::{Application, DeploymentStrategy, Environment};
use appconfig_core::DateTime;

use super::records::{EnvRec, Profile, Store};
use super::tags::{app_key, env_key, is_predefined, profile_key};
use crate::awserror::ApiError;

/// AWS AppConfig's default quotas ("AWS AppConfig endpoints and quotas"): applications per
/// account, environments per application, configuration profiles per application, deployment
/// strategies per account.
pub(crate) const MAX_APPLICATIONS: usize = 100;
pub(crate) const MAX_ENVIRONMENTS: usize = 20;
pub(crate) const MAX_PROFILES: usize = 100;
pub(crate) const MAX_STRATEGIES: usize = 20;

fn quota(what: &str, max: usize) -> ApiError {
    ApiError::new(
        402,
        "ServiceQuotaExceededException",
        format!("The quota of {max} {what} is reached"),
    )
}

/// A new id in AWS's form `[a-z0-9]{7}`, unused by `taken`.
fn new_id(taken: impl Fn(&str) -> bool) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    loop {
        let bytes = *uuid::Uuid::new_v4().as_bytes();
        let id: String = bytes[..7]
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        if !taken(&id) {
            return id;
        }
    }
}

impl Store {
    fn is_taken(&self, id: &str) -> bool {
        self.applications
            .iter()
            .any(|a| a.id.as_deref() == Some(id))
            || self
                .environments
                .iter()
                .any(|e| e.env.id.as_deref() == Some(id))
            || self.profiles.iter().any(|p| p.id == id)
            || self.strategies.iter().any(|s| s.id.as_deref() == Some(id))
    }

    fn set_tags(&mut self, key: String, tags: BTreeMap<String, String>) {
        if !tags.is_empty() {
            self.tags.insert(key, tags);
        }
    }

    /// CreateApplication.
    ///
    /// # Errors
    /// 402 past the quota.
    pub(crate) fn create_application(
        &mut self,
        name: String,
        description: Option<String>,
        tags: BTreeMap<String, String>,
    ) -> Result<Application, ApiError> {
        if self.applications.len() >= MAX_APPLICATIONS {
            return Err(quota("applications", MAX_APPLICATIONS));
        }
        let mut a = Application::default();
        a.id = Some(new_id(|i| self.is_taken(i)));
        a.name = Some(name);
        a.description = description;
        self.set_tags(app_key(a.id.as_deref().unwrap_or_default()), tags);
        self.applications.push(a.clone());
        Ok(a)
    }

    fn app_index(&self, label: &str) -> Result<usize, ApiError> {
        let id = self.app(label)?.id.clone();
        Ok(self
            .applications
            .iter()
            .position(|a| a.id == id)
            .unwrap_or_default())
    }

    /// UpdateApplication.
    ///
    /// # Errors
    /// 404 when not found.
    pub(crate) fn update_application(
        &mut self,
        label: &str,
        name: Option<String>,
        description: Option<String>,
    ) -> Result<Application, ApiError> {
        let i = self.app_index(label)?;
        let a = &mut self.applications[i];
        if name.is_some() {
            a.name = name;
        }
        if description.is_some() {
            a.description = description;
        }
        Ok(a.clone())
    }

    /// DeleteApplication. AWS's reference does not say what deleting an application that still
    /// has environments or configuration profiles does; its model lists only
    /// BadRequestException besides not found, so that is the answer, with what to delete first.
    ///
    /// # Errors
    /// 404 when not found, 400 while it has environments or profiles.
    pub(crate) fn delete_application(&mut self, label: &str) -> Result<(), ApiError> {
        let i = self.app_index(label)?;
        let id = self.applications[i].id.clone().unwrap_or_default();
        let envs = self
            .environments
            .iter()
            .filter(|e| e.env.application_id.as_deref() == Some(id.as_str()))
            .count();
        let profiles = self
            .profiles
            .iter()
            .filter(|p| p.application_id == id)
            .count();
        if envs + profiles > 0 {
            return Err(ApiError::bad_request(format!(
                "Application {id} still has {envs} environment(s) and {profiles} configuration profile(s): delete them first"
            )));
        }
        self.applications.remove(i);
        self.tags.remove(&app_key(&id));
        Ok(())
    }

    /// CreateEnvironment.
    ///
    /// # Errors
    /// 404 for the application, 402 past the quota.
    pub(crate) fn create_environment(
        &mut self,
        app_label: &str,
        mut env: Environment,
        tags: BTreeMap<String, String>,
        now: DateTime,
    ) -> Result<Environment, ApiError> {
        let app_id = self.app(app_label)?.id.clone().unwrap_or_default();
        let count = self
            .environments
            .iter()
            .filter(|e| e.env.application_id.as_deref() == Some(app_id.as_str()))
            .count();
        if count >= MAX_ENVIRONMENTS {
            return Err(quota("environments per application", MAX_ENVIRONMENTS));
        }
        let id = new_id(|i| self.is_taken(i));
        env.application_id = Some(app_id.clone());
        env.id = Some(id.clone());
        env.state = None;
        self.set_tags(env_key(&app_id, &id), tags);
        let rec = EnvRec { env, live: false };
        let out = self.render_env(&rec, now);
        self.environments.push(rec);
        Ok(out)
    }

    fn env_index(&self, app_label: &str, env_label: &str) -> Result<usize, ApiError> {
        let (_, e) = self.env(app_label, env_label)?;
        let key = (e.env.application_id.clone(), e.env.id.clone());
        Ok(self
            .environments
            .iter()
            .position(|x| (x.env.application_id.clone(), x.env.id.clone()) == key)
            .unwrap_or_default())
    }

    /// UpdateEnvironment: the members given replace the stored ones.
    ///
    /// # Errors
    /// 404 when not found.
    pub(crate) fn update_environment(
        &mut self,
        app_label: &str,
        env_label: &str,
        update: Environment,
        now: DateTime,
    ) -> Result<Environment, ApiError> {
        let i = self.env_index(app_label, env_label)?;
        let e = &mut self.environments[i].env;
        if update.name.is_some() {
            e.name = update.name;
        }
        if update.description.is_some() {
            e.description = update.description;
        }
        if update.monitors.is_some() {
            e.monitors = update.monitors.filter(|m| !m.is_empty());
        }
        let rec = self.environments[i].clone();
        Ok(self.render_env(&rec, now))
    }

    /// DeleteEnvironment, with its deployments. A deployment in progress answers
    /// ConflictException (the model lists it for this operation).
    ///
    /// # Errors
    /// 404 when not found, 409 while deploying.
    pub(crate) fn delete_environment(
        &mut self,
        app_label: &str,
        env_label: &str,
        now: DateTime,
    ) -> Result<(), ApiError> {
        let i = self.env_index(app_label, env_label)?;
        let app_id = self.environments[i]
            .env
            .application_id
            .clone()
            .unwrap_or_default();
        let env_id = self.environments[i].env.id.clone().unwrap_or_default();
        let running = self
            .deployments_of(&app_id, &env_id)
            .last()
            .map(|d| d.render_summary(now))
            .and_then(|d| d.state)
            .is_some_and(|s| s.is_in_progress());
        if running {
            return Err(ApiError::conflict(format!(
                "Environment {env_id} has a deployment in progress: stop it or wait for it to end before deleting the environment"
            )));
        }
        self.environments.remove(i);
        self.deployments.retain(|d| {
            d.base.application_id.as_deref() != Some(app_id.as_str())
                || d.base.environment_id.as_deref() != Some(env_id.as_str())
        });
        let key = env_key(&app_id, &env_id);
        self.tags
            .retain(|k, _| *k != key && !k.starts_with(&format!("{key}/")));
        self.quiet_until = None;
        Ok(())
    }

    /// CreateConfigurationProfile.
    ///
    /// # Errors
    /// 404 for the application, 402 past the quota.
    pub(crate) fn create_profile(
        &mut self,
        app_label: &str,
        mut p: Profile,
        tags: BTreeMap<String, String>,
        region: &str,
    ) -> Result<Profile, ApiError> {
        let app_id = self.app(app_label)?.id.clone().unwrap_or_default();
        if self
            .profiles
            .iter()
            .filter(|x| x.application_id == app_id)
            .count()
            >= MAX_PROFILES
        {
            return Err(quota(
                "configuration profiles per application",
                MAX_PROFILES,
            ));
        }
        p.application_id = app_id.clone();
        p.id = new_id(|i| self.is_taken(i));
        p.kms_key_arn = p
            .kms_key_identifier
            .as_deref()
            .map(|k| super::commands::kms_arn(k, region));
        self.set_tags(profile_key(&app_id, &p.id), tags);
        self.profiles.push(p.clone());
        Ok(p)
    }

    fn profile_index(&self, app_label: &str, label: &str) -> Result<usize, ApiError> {
        let p = self.profile(app_label, label)?;
        let key = (p.application_id.clone(), p.id.clone());
        Ok(self
            .profiles
            .iter()
            .position(|x| (x.application_id.clone(), x.id.clone()) == key)
            .unwrap_or_default())
    }

    /// UpdateConfigurationProfile: `update`'s members that are set replace the stored ones; an
    /// empty `KmsKeyIdentifier` removes the key.
    ///
    /// # Errors
    /// 404 when not found.
    pub(crate) fn update_profile(
        &mut self,
        app_label: &str,
        label: &str,
        update: Profile,
        validators: Option<Vec<(String, String)>>,
        region: &str,
    ) -> Result<Profile, ApiError> {
        let i = self.profile_index(app_label, label)?;
        let p = &mut self.profiles[i];
        if !update.name.is_empty() {
            p.name = update.name;
        }
        if update.description.is_some() {
            p.description = update.description;
        }
        if update.retrieval_role_arn.is_some() {
            p.retrieval_role_arn = update.retrieval_role_arn;
        }
        if let Some(v) = validators {
            p.validators = v;
        }
        if let Some(k) = update.kms_key_identifier {
            if k.is_empty() {
                p.kms_key_identifier = None;
                p.kms_key_arn = None;
            } else {
                p.kms_key_arn = Some(super::commands::kms_arn(&k, region));
                p.kms_key_identifier = Some(k);
            }
        }
        Ok(p.clone())
    }

    /// DeleteConfigurationProfile. The console asks for the hosted versions to be deleted
    /// first; here a profile that still has hosted versions, or whose deployment is in
    /// progress, answers ConflictException (the model lists it for this operation).
    ///
    /// # Errors
    /// 404 when not found, 409 as above.
    pub(crate) fn delete_profile(
        &mut self,
        app_label: &str,
        label: &str,
        now: DateTime,
    ) -> Result<(), ApiError> {
        let i = self.profile_index(app_label, label)?;
        let p = self.profiles[i].clone();
        let versions = self.hosted_versions_of(&p.application_id, &p.id).len();
        if versions > 0 {
            return Err(ApiError::conflict(format!(
                "Configuration profile {} still has {versions} hosted configuration version(s): delete them first",
                p.id
            )));
        }
        let deploying = self.deployments.iter().any(|d| {
            d.base.application_id.as_deref() == Some(p.application_id.as_str())
                && d.base.configuration_profile_id.as_deref() == Some(p.id.as_str())
                && d.render_summary(now)
                    .state
                    .is_some_and(|s| s.is_in_progress())
        });
        if deploying {
            return Err(ApiError::conflict(format!(
                "Configuration profile {} is being deployed",
                p.id
            )));
        }
        self.profiles.remove(i);
        self.tags.remove(&profile_key(&p.application_id, &p.id));
        Ok(())
    }

    /// CreateDeploymentStrategy.
    ///
    /// # Errors
    /// 402 past the quota.
    pub(crate) fn create_strategy(
        &mut self,
        mut s: DeploymentStrategy,
        tags: BTreeMap<String, String>,
    ) -> Result<DeploymentStrategy, ApiError> {
        let own = self
            .strategies
            .iter()
            .filter(|x| !is_predefined(x.id.as_deref().unwrap_or_default()))
            .count();
        if own >= MAX_STRATEGIES {
            return Err(quota("deployment strategies", MAX_STRATEGIES));
        }
        let id = new_id(|i| self.is_taken(i));
        s.id = Some(id.clone());
        self.set_tags(format!("deploymentstrategy/{id}"), tags);
        self.strategies.push(s.clone());
        Ok(s)
    }

    fn own_strategy_index(&self, id: &str) -> Result<usize, ApiError> {
        let found = self.strategy(id)?.id.clone();
        if is_predefined(found.as_deref().unwrap_or_default()) {
            return Err(ApiError::bad_request(format!(
                "{id} is a predefined deployment strategy and cannot be changed or deleted"
            )));
        }
        Ok(self
            .strategies
            .iter()
            .position(|x| x.id == found)
            .unwrap_or_default())
    }

    /// UpdateDeploymentStrategy: `update`'s members that are set replace the stored ones.
    ///
    /// # Errors
    /// 404 when not found, 400 for a predefined strategy.
    pub(crate) fn update_strategy(
        &mut self,
        id: &str,
        update: DeploymentStrategy,
    ) -> Result<DeploymentStrategy, ApiError> {
        let i = self.own_strategy_index(id)?;
        let s = &mut self.strategies[i];
        if update.description.is_some() {
            s.description = update.description;
        }
        if update.deployment_duration_in_minutes.is_some() {
            s.deployment_duration_in_minutes = update.deployment_duration_in_minutes;
        }
        if update.final_bake_time_in_minutes.is_some() {
            s.final_bake_time_in_minutes = update.final_bake_time_in_minutes;
        }
        if update.growth_factor.is_some() {
            s.growth_factor = update.growth_factor;
        }
        if update.growth_type.is_some() {
            s.growth_type = update.growth_type;
        }
        Ok(s.clone())
    }

    /// DeleteDeploymentStrategy.
    ///
    /// # Errors
    /// 404 when not found, 400 for a predefined strategy.
    pub(crate) fn delete_strategy(&mut self, id: &str) -> Result<(), ApiError> {
        let i = self.own_strategy_index(id)?;
        let removed = self.strategies.remove(i);
        self.tags.remove(&format!(
            "deploymentstrategy/{}",
            removed.id.unwrap_or_default()
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_match_aws_pattern_and_are_unused() {
        let id = new_id(|i| i.starts_with('a'));
        assert_eq!(id.len(), 7);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert!(!id.starts_with('a'));
    }

    #[test]
    fn an_application_with_environments_is_not_deleted() {
        let mut s = Store::new();
        let a = s
            .create_application("a".into(), None, BTreeMap::new())
            .unwrap();
        let id = a.id.unwrap();
        let now = DateTime::from_epoch_millis(0);
        let mut e = Environment::default();
        e.name = Some("e".into());
        let env = s.create_environment(&id, e, BTreeMap::new(), now).unwrap();
        let err = s.delete_application(&id).unwrap_err();
        assert_eq!((err.status, err.code), (400, "BadRequestException"));
        s.delete_environment(&id, env.id.as_deref().unwrap(), now)
            .unwrap();
        s.delete_application(&id).unwrap();
        assert_eq!(s.app(&id).unwrap_err().status, 404);
    }
}
