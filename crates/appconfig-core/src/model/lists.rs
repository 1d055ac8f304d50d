//! `ListDeployments`' summaries and the pages of the list operations.

use serde::Serialize;

use super::enums::{DeploymentState, DeploymentType, GrowthType};
use super::{Application, Deployment, DeploymentStrategy, Environment};
use crate::DateTime;

/// One line of `ListDeployments`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DeploymentSummary {
    /// The sequence number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_number: Option<i32>,
    /// The configuration profile id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_profile_id: Option<String>,
    /// The configuration name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_name: Option<String>,
    /// The configuration version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_version: Option<String>,
    /// Total rollout time in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_duration_in_minutes: Option<i32>,
    /// How the percentage grows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_type: Option<GrowthType>,
    /// The growth factor in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_factor: Option<f64>,
    /// Final bake time in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_bake_time_in_minutes: Option<i32>,
    /// The state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<DeploymentState>,
    /// The share of clients reached, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage_complete: Option<f64>,
    /// Start time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime>,
    /// Completion time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime>,
    /// Version label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_label: Option<String>,
    /// The deployment type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<DeploymentType>,
}

deserialize_struct!(DeploymentSummary {
    deployment_number => "DeploymentNumber",
    configuration_profile_id => "ConfigurationProfileId",
    configuration_name => "ConfigurationName",
    configuration_version => "ConfigurationVersion",
    deployment_duration_in_minutes => "DeploymentDurationInMinutes",
    growth_type => "GrowthType",
    growth_factor => "GrowthFactor",
    final_bake_time_in_minutes => "FinalBakeTimeInMinutes",
    state => "State",
    percentage_complete => "PercentageComplete",
    started_at => "StartedAt",
    completed_at => "CompletedAt",
    version_label => "VersionLabel",
    r#type => "Type",
});

impl From<&Deployment> for DeploymentSummary {
    /// The `ListDeployments` line of a deployment: its members that a summary has. `Type` is left
    /// out: a deployment does not say whether a user or AppConfig started it.
    fn from(d: &Deployment) -> Self {
        DeploymentSummary {
            deployment_number: d.deployment_number,
            configuration_profile_id: d.configuration_profile_id.clone(),
            configuration_name: d.configuration_name.clone(),
            configuration_version: d.configuration_version.clone(),
            deployment_duration_in_minutes: d.deployment_duration_in_minutes,
            growth_type: d.growth_type.clone(),
            growth_factor: d.growth_factor,
            final_bake_time_in_minutes: d.final_bake_time_in_minutes,
            state: d.state.clone(),
            percentage_complete: d.percentage_complete,
            started_at: d.started_at,
            completed_at: d.completed_at,
            version_label: d.version_label.clone(),
            r#type: None,
        }
    }
}

/// A page of applications (`ListApplications` output).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Applications {
    /// The applications on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Application>>,
    /// The token for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

deserialize_struct!(Applications {
    items => "Items",
    next_token => "NextToken",
});

/// A page of environments (`ListEnvironments` output).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Environments {
    /// The environments on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Environment>>,
    /// The token for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

deserialize_struct!(Environments {
    items => "Items",
    next_token => "NextToken",
});

/// A page of deployments (`ListDeployments` output), newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Deployments {
    /// The deployments on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<DeploymentSummary>>,
    /// The token for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

deserialize_struct!(Deployments {
    items => "Items",
    next_token => "NextToken",
});

/// A page of deployment strategies (`ListDeploymentStrategies` output).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DeploymentStrategies {
    /// The strategies on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<DeploymentStrategy>>,
    /// The token for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

deserialize_struct!(DeploymentStrategies {
    items => "Items",
    next_token => "NextToken",
});
