//! `GetDeployment`'s output: the deployment, its event log and the extensions it ran.

use std::collections::BTreeMap;

use serde::Serialize;

use super::enums::{DeploymentEventType, DeploymentState, GrowthType, TriggeredBy};
use crate::DateTime;

/// An extension invoked as part of a deployment event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ActionInvocation {
    /// Name, ID or ARN of the extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_identifier: Option<String>,
    /// The name of the action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_name: Option<String>,
    /// The extension URI of the action (a Lambda, SQS, SNS or EventBridge ARN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The IAM role assumed for the invocation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// The error message when the invocation failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// The error code when the invocation failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// A system-generated id of this invocation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invocation_id: Option<String>,
}

deserialize_struct!(ActionInvocation {
    extension_identifier => "ExtensionIdentifier",
    action_name => "ActionName",
    uri => "Uri",
    role_arn => "RoleArn",
    error_message => "ErrorMessage",
    error_code => "ErrorCode",
    invocation_id => "InvocationId",
});

impl ActionInvocation {
    /// True when the invocation reports an error.
    pub fn failed(&self) -> bool {
        self.error_code.is_some() || self.error_message.is_some()
    }
}

/// One entry of a deployment's event log.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DeploymentEvent {
    /// What happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<DeploymentEventType>,
    /// Who made it happen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggered_by: Option<TriggeredBy>,
    /// Free text: a percentage, an account or alarm ARN, a recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Extensions invoked for this event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_invocations: Option<Vec<ActionInvocation>>,
    /// When it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurred_at: Option<DateTime>,
}

deserialize_struct!(DeploymentEvent {
    event_type => "EventType",
    triggered_by => "TriggeredBy",
    description => "Description",
    action_invocations => "ActionInvocations",
    occurred_at => "OccurredAt",
});

/// An extension that was processed as part of a deployment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AppliedExtension {
    /// The extension id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_id: Option<String>,
    /// The association id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_association_id: Option<String>,
    /// The extension version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_number: Option<i32>,
    /// Parameters passed to the extension's actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<BTreeMap<String, String>>,
}

deserialize_struct!(AppliedExtension {
    extension_id => "ExtensionId",
    extension_association_id => "ExtensionAssociationId",
    version_number => "VersionNumber",
    parameters => "Parameters",
});

/// The `GetDeployment` output.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Deployment {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The environment id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_id: Option<String>,
    /// The deployment strategy id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_strategy_id: Option<String>,
    /// The configuration profile id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_profile_id: Option<String>,
    /// The sequence number of the deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_number: Option<i32>,
    /// The configuration name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_name: Option<String>,
    /// Where the configuration comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_location_uri: Option<String>,
    /// The configuration version deployed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_version: Option<String>,
    /// The description of the deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Total time the rollout takes, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_duration_in_minutes: Option<i32>,
    /// How the percentage grows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_type: Option<GrowthType>,
    /// The growth factor, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_factor: Option<f64>,
    /// Minutes AppConfig watches alarms after reaching 100%.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_bake_time_in_minutes: Option<i32>,
    /// The state of the deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<DeploymentState>,
    /// The event log, newest first as AWS returns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_log: Option<Vec<DeploymentEvent>>,
    /// The share of clients that have the configuration, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage_complete: Option<f64>,
    /// When the deployment started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime>,
    /// When the deployment completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime>,
    /// Extensions processed as part of the deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied_extensions: Option<Vec<AppliedExtension>>,
    /// The KMS key used to encrypt the configuration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// The KMS key identifier given when the resource was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_identifier: Option<String>,
    /// A user-defined label of a hosted configuration version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_label: Option<String>,
}

deserialize_struct!(Deployment {
    application_id => "ApplicationId",
    environment_id => "EnvironmentId",
    deployment_strategy_id => "DeploymentStrategyId",
    configuration_profile_id => "ConfigurationProfileId",
    deployment_number => "DeploymentNumber",
    configuration_name => "ConfigurationName",
    configuration_location_uri => "ConfigurationLocationUri",
    configuration_version => "ConfigurationVersion",
    description => "Description",
    deployment_duration_in_minutes => "DeploymentDurationInMinutes",
    growth_type => "GrowthType",
    growth_factor => "GrowthFactor",
    final_bake_time_in_minutes => "FinalBakeTimeInMinutes",
    state => "State",
    event_log => "EventLog",
    percentage_complete => "PercentageComplete",
    started_at => "StartedAt",
    completed_at => "CompletedAt",
    applied_extensions => "AppliedExtensions",
    kms_key_arn => "KmsKeyArn",
    kms_key_identifier => "KmsKeyIdentifier",
    version_label => "VersionLabel",
});

impl Deployment {
    /// Parses a `GetDeployment` JSON body, or the JSON printed by `aws appconfig get-deployment`.
    ///
    /// # Errors
    /// [`crate::Error::MalformedResponse`] when the text is not JSON or a member has the wrong type.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        crate::json::parse_json_body(200, text.as_bytes())
    }

    /// The wire JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The event log in time order (oldest first), each event with its index in `EventLog`
    /// (0 = newest, as AWS returns it). Events without a time keep their log order and sort after
    /// those that have one.
    pub fn events_in_time_order(&self) -> Vec<(usize, &DeploymentEvent)> {
        let mut events: Vec<(usize, &DeploymentEvent)> =
            self.event_log.iter().flatten().enumerate().collect();
        // AWS returns newest first; reversing first keeps equal timestamps in occurrence order.
        events.reverse();
        merge_sort_by_key(&mut events, |(_, e)| {
            (e.occurred_at.is_none(), e.occurred_at)
        });
        events
    }
}

/// A stable bottom-up merge sort: the same order as `slice::sort_by_key`, in a fraction of the
/// wasm (std's driftsort is instantiated per element type, several KiB each).
fn merge_sort_by_key<T: Copy, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let n = v.len();
    let mut buf = v.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut buf[start..end] {
                // Ties take from the left run: stable.
                if b < end && (a >= mid || key(&v[b]) < key(&v[a])) {
                    *slot = v[b];
                    b += 1;
                } else {
                    *slot = v[a];
                    a += 1;
                }
            }
            start = end;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
}

// Setters so that other crates (the simulator, the JS bindings) can build these
// `#[non_exhaustive]` structs with `Default::default()` and field assignment.
impl DeploymentEvent {
    /// A new event.
    pub fn new(
        event_type: DeploymentEventType,
        triggered_by: TriggeredBy,
        description: impl Into<String>,
        occurred_at: DateTime,
    ) -> Self {
        DeploymentEvent {
            event_type: Some(event_type),
            triggered_by: Some(triggered_by),
            description: Some(description.into()),
            action_invocations: None,
            occurred_at: Some(occurred_at),
        }
    }
}

#[cfg(test)]
mod sort_tests {
    #[test]
    fn merge_sort_is_a_stable_sort() {
        let mut x: u64 = 12345;
        for len in 0..70 {
            let mut v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 5) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|e| e.0);
            super::merge_sort_by_key(&mut v, |e| e.0);
            assert_eq!(v, expected, "{len}");
        }
    }
}
