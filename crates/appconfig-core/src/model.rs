//! The AppConfig output shapes, member for member as botocore's `service-2.json` names them.
//!
//! `float` members are `f64` (not `f32` as in the AWS SDK for Rust) so that a value such as
//! `33.3` reaches JavaScript as `33.3`, exactly as the AWS SDK for JavaScript gives it.
//!
//! Every member is optional, as in AWS. Unknown keys are ignored when parsing, absent members are
//! left out when serializing, and enums keep values this crate does not know in `Unknown(..)` so
//! that a value AWS adds tomorrow parses and round-trips.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::datetime::DateTime;

macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know; kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, in model order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Unknown(_) => $name::Unknown(s),
                    known => known,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}

string_enum! {
    /// The state of a deployment.
    DeploymentState {
        /// Waiting out the final bake time, watching alarms.
        Baking = "BAKING",
        /// Validating the configuration.
        Validating = "VALIDATING",
        /// Rolling out step by step.
        Deploying = "DEPLOYING",
        /// Done.
        Complete = "COMPLETE",
        /// Rolling back after a stop or an alarm.
        RollingBack = "ROLLING_BACK",
        /// Rolled back.
        RolledBack = "ROLLED_BACK",
        /// Reverted to the previous configuration after completing.
        Reverted = "REVERTED",
    }
}

impl DeploymentState {
    /// True while the deployment can still change (DEPLOYING, BAKING, VALIDATING, ROLLING_BACK).
    /// Unknown states are treated as final: we cannot know they will change.
    pub fn is_in_progress(&self) -> bool {
        matches!(
            self,
            DeploymentState::Deploying
                | DeploymentState::Baking
                | DeploymentState::Validating
                | DeploymentState::RollingBack
        )
    }
}

string_enum! {
    /// The type of a deployment event.
    DeploymentEventType {
        /// The share of clients receiving the configuration grew.
        PercentageUpdated = "PERCENTAGE_UPDATED",
        /// A rollback started.
        RollbackStarted = "ROLLBACK_STARTED",
        /// A rollback finished.
        RollbackCompleted = "ROLLBACK_COMPLETED",
        /// The final bake time started.
        BakeTimeStarted = "BAKE_TIME_STARTED",
        /// The deployment started.
        DeploymentStarted = "DEPLOYMENT_STARTED",
        /// The deployment completed.
        DeploymentCompleted = "DEPLOYMENT_COMPLETED",
        /// A completed deployment was reverted.
        RevertCompleted = "REVERT_COMPLETED",
    }
}

string_enum! {
    /// Who triggered a deployment event.
    TriggeredBy {
        /// A person or program calling the API.
        User = "USER",
        /// AppConfig itself.
        AppConfig = "APPCONFIG",
        /// A CloudWatch alarm on the environment.
        CloudWatchAlarm = "CLOUDWATCH_ALARM",
        /// An internal error.
        InternalError = "INTERNAL_ERROR",
    }
}

string_enum! {
    /// How the share of clients grows during a deployment.
    GrowthType {
        /// By `GrowthFactor` percent every step.
        Linear = "LINEAR",
        /// `G*(2^N)` percent at step N.
        Exponential = "EXPONENTIAL",
    }
}

string_enum! {
    /// The state of an environment.
    EnvironmentState {
        /// No deployment running.
        ReadyForDeployment = "READY_FOR_DEPLOYMENT",
        /// A deployment is running.
        Deploying = "DEPLOYING",
        /// A deployment is rolling back.
        RollingBack = "ROLLING_BACK",
        /// The last deployment rolled back.
        RolledBack = "ROLLED_BACK",
        /// The last deployment was reverted.
        Reverted = "REVERTED",
    }
}

string_enum! {
    /// Where a deployment strategy is saved.
    ReplicateTo {
        /// Nowhere else.
        None = "NONE",
        /// As an SSM document.
        SsmDocument = "SSM_DOCUMENT",
    }
}

string_enum! {
    /// The type of a deployment (in `ListDeployments` summaries).
    DeploymentType {
        /// Started by a user (StartDeployment).
        User = "USER",
        /// Started by AppConfig itself.
        Managed = "MANAGED",
    }
}

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

/// One application.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Application {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The application name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

deserialize_struct!(Application {
    id => "Id",
    name => "Name",
    description => "Description",
});

/// A CloudWatch alarm watched during deployments.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Monitor {
    /// The alarm ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_arn: Option<String>,
    /// The role AppConfig assumes to read the alarm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_role_arn: Option<String>,
}

deserialize_struct!(Monitor {
    alarm_arn => "AlarmArn",
    alarm_role_arn => "AlarmRoleArn",
});

/// One environment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Environment {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The environment id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<EnvironmentState>,
    /// The alarms watched during deployments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitors: Option<Vec<Monitor>>,
}

deserialize_struct!(Environment {
    application_id => "ApplicationId",
    id => "Id",
    name => "Name",
    description => "Description",
    state => "State",
    monitors => "Monitors",
});

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

impl Deployment {
    /// Parses a `GetDeployment` JSON body, or the JSON printed by `aws appconfig get-deployment`.
    ///
    /// # Errors
    /// [`crate::Error::MalformedResponse`] when the text is not JSON or a member has the wrong type.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        crate::response::parse_json_body(200, text.as_bytes())
    }

    /// The wire JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The event log in time order (oldest first); events without a time keep their log order and
    /// sort after those that have one.
    pub fn events_in_time_order(&self) -> Vec<&DeploymentEvent> {
        let mut events: Vec<&DeploymentEvent> = self.event_log.iter().flatten().collect();
        // AWS returns newest first; reversing first keeps equal timestamps in occurrence order.
        events.reverse();
        merge_sort_by_key(&mut events, |e| (e.occurred_at.is_none(), e.occurred_at));
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

/// The `ListDeployments` line of a deployment: the members the two shapes share. `Type` is left
/// out (`Deployment` has no such member); a caller that knows it sets it.
impl From<&Deployment> for DeploymentSummary {
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

#[cfg(test)]
mod summary_tests {
    use super::*;

    #[test]
    fn a_summary_copies_the_shared_members() {
        let d = Deployment {
            deployment_number: Some(7),
            configuration_name: Some("flags".into()),
            state: Some(DeploymentState::Baking),
            percentage_complete: Some(100.0),
            version_label: Some("v1".into()),
            description: Some("not in a summary".into()),
            ..Default::default()
        };
        let s = DeploymentSummary::from(&d);
        assert_eq!(s.deployment_number, Some(7));
        assert_eq!(s.configuration_name.as_deref(), Some("flags"));
        assert_eq!(s.state, Some(DeploymentState::Baking));
        assert_eq!(s.percentage_complete, Some(100.0));
        assert_eq!(s.version_label.as_deref(), Some("v1"));
        assert_eq!(s.r#type, None);
    }
}
