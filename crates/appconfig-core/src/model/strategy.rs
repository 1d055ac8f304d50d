//! A deployment strategy (`GetDeploymentStrategy`, `ListDeploymentStrategies`).

use serde::Serialize;

use super::enums::{GrowthType, ReplicateTo};

/// A deployment strategy.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DeploymentStrategy {
    /// The strategy id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
    /// Where the strategy is saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicate_to: Option<ReplicateTo>,
}

deserialize_struct!(DeploymentStrategy {
    id => "Id",
    name => "Name",
    description => "Description",
    deployment_duration_in_minutes => "DeploymentDurationInMinutes",
    growth_type => "GrowthType",
    growth_factor => "GrowthFactor",
    final_bake_time_in_minutes => "FinalBakeTimeInMinutes",
    replicate_to => "ReplicateTo",
});
