//! Finding applications, environments, strategies and deployments by id or name, as AppConfig
//! accepts both in paths.

use appconfig_core::DateTime;
use appconfig_core::{
    model::{Application, DeploymentStrategy},
    Deployment,
};

use super::records::{DeploymentRec, EnvRec, Store};
use crate::awserror::ApiError;

/// The first item whose id is `label`, else the first whose name is. `id_name` gives an item's
/// id and name.
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

impl Store {
    /// Finds an application by id, then by name.
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException`.
    pub(crate) fn app(&self, label: &str) -> Result<&Application, ApiError> {
        by_id_or_name(&self.applications, label, |a| (&a.id, &a.name)).ok_or_else(|| {
            ApiError::not_found("Application", format!("Application {label} not found"))
        })
    }

    /// Finds an environment of an application by id, then by name.
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException` for the application or the environment.
    pub(crate) fn env(
        &self,
        app_label: &str,
        env_label: &str,
    ) -> Result<(String, &EnvRec), ApiError> {
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
    pub(crate) fn deployments_of(&self, app_id: &str, env_id: &str) -> Vec<&DeploymentRec> {
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

    /// Where a deployment is in `deployments`.
    pub(crate) fn deployment_index(
        &self,
        app_id: &str,
        env_id: &str,
        number: i64,
    ) -> Option<usize> {
        self.deployments.iter().position(|d| {
            d.base.application_id.as_deref() == Some(app_id)
                && d.base.environment_id.as_deref() == Some(env_id)
                && d.base.deployment_number.map(i64::from) == Some(number)
        })
    }

    /// Finds a deployment strategy by id (or name).
    ///
    /// # Errors
    /// 404 `ResourceNotFoundException`.
    pub(crate) fn strategy(&self, id: &str) -> Result<&DeploymentStrategy, ApiError> {
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
    pub(crate) fn get_deployment(
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
}
