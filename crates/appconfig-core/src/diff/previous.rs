//! The deployment that was live before another one in its environment.

use crate::model::{Deployment, DeploymentState, DeploymentSummary};

/// The deployment numbers, newest first, that may be the one live before `current`: earlier
/// numbers that completed with the same `ConfigurationName`. `ListDeployments` summaries carry
/// no profile id, so the caller reads them with `GetDeployment` in this order and takes the
/// first that [`is_same_profile`] as `current`. Empty: `current` is the first deployment of its
/// configuration to the environment (or has no number).
pub fn previous_candidates(current: &Deployment, summaries: &[DeploymentSummary]) -> Vec<i32> {
    let Some(number) = current.deployment_number else {
        return Vec::new();
    };
    let mut out: Vec<i32> = summaries
        .iter()
        .filter(|s| s.state == Some(DeploymentState::Complete))
        .filter(|s| {
            s.configuration_name.is_some() && s.configuration_name == current.configuration_name
        })
        .filter_map(|s| s.deployment_number)
        .filter(|n| *n < number)
        .collect();
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.dedup();
    out
}

/// True when both deployments roll out the same configuration profile (both name one).
pub fn is_same_profile(current: &Deployment, candidate: &Deployment) -> bool {
    current.configuration_profile_id.is_some()
        && current.configuration_profile_id == candidate.configuration_profile_id
        && (current.application_id.is_none()
            || candidate.application_id.is_none()
            || current.application_id == candidate.application_id)
}

/// The hosted version a deployment rolls out (its `ConfigurationVersion` as a number), when its
/// configuration is hosted (`ConfigurationLocationUri` `hosted`, or not given).
pub fn hosted_version_number(deployment: &Deployment) -> Option<i32> {
    match deployment.configuration_location_uri.as_deref() {
        None | Some("hosted") => {}
        Some(_) => return None,
    }
    deployment
        .configuration_version
        .as_deref()?
        .trim()
        .parse()
        .ok()
}
