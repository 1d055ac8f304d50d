//! What the simulator stores: applications, environments, configuration profiles, strategies and
//! deployments, as saved in the state file.
//!
//! A deployment is stored as its static members (`base`, a core [`Deployment`] with the event
//! log left out), the speed it runs at and what was done to it (stopped, rolled back by an alarm,
//! reverted). How it looks at a given moment is computed in `progression`.

use std::collections::BTreeMap;

use appconfig_core::DateTime;
use appconfig_core::{
    model::{
        ActionInvocation, Application, DeploymentEventType, DeploymentStrategy, Environment,
        TriggeredBy,
    },
    Deployment,
};
use serde::{Deserialize, Serialize};

use super::alarm_records::{AlarmHistoryRec, AlarmRec};

/// The account id used in ARNs and event descriptions.
pub(crate) const ACCOUNT_ID: &str = "123456789012";
/// How long a rollback takes at speed 1, ms.
pub(crate) const ROLLBACK_MS: i64 = 5_000;
/// The pause before a live environment starts its next deployment, at speed 1, ms.
pub(crate) const CHAIN_PAUSE_MS: i64 = 20_000;
/// How long after completion a deployment can be reverted (AppConfig: 72 hours), ms.
pub(crate) const REVERT_WINDOW_MS: i64 = 72 * 3600 * 1000;
/// `Type` of a feature flags profile.
pub(crate) const FEATURE_FLAGS: &str = "AWS.AppConfig.FeatureFlags";
/// `Type` of any other profile (AWS's default).
pub(crate) const FREEFORM: &str = "AWS.Freeform";
/// The version of the state file format.
pub(crate) const STATE_VERSION: u32 = 1;

/// A configuration profile (only what deployments show of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Profile {
    /// The application id.
    pub(crate) application_id: String,
    /// The profile id.
    pub(crate) id: String,
    /// The name, shown as `ConfigurationName`.
    pub(crate) name: String,
    /// `ConfigurationLocationUri` (`hosted`, `ssm-parameter://...`).
    pub(crate) location_uri: String,
    /// The KMS key ARN of hosted configurations, if encrypted with a customer key.
    #[serde(default)]
    pub(crate) kms_key_arn: Option<String>,
    /// `Type`: `AWS.Freeform` or `AWS.AppConfig.FeatureFlags` (none: Freeform, as AWS defaults).
    #[serde(default)]
    pub(crate) profile_type: Option<String>,
    /// The description.
    #[serde(default)]
    pub(crate) description: Option<String>,
    /// The role AppConfig reads a non-hosted source with.
    #[serde(default)]
    pub(crate) retrieval_role_arn: Option<String>,
    /// `KmsKeyIdentifier` as given.
    #[serde(default)]
    pub(crate) kms_key_identifier: Option<String>,
    /// Validators: (`JSON_SCHEMA` | `LAMBDA`, content).
    #[serde(default)]
    pub(crate) validators: Vec<(String, String)>,
}

impl Profile {
    /// A profile with only the members deployments show.
    pub(crate) fn new(application_id: &str, id: &str, name: &str, location_uri: &str) -> Self {
        Profile {
            application_id: application_id.into(),
            id: id.into(),
            name: name.into(),
            location_uri: location_uri.into(),
            kms_key_arn: None,
            profile_type: None,
            description: None,
            retrieval_role_arn: None,
            kms_key_identifier: None,
            validators: Vec::new(),
        }
    }

    /// True for a profile in the AppConfig hosted configuration store.
    pub(crate) fn is_hosted(&self) -> bool {
        self.location_uri == "hosted"
    }
}

/// A version in the hosted configuration store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct HostedVersion {
    /// The application id.
    pub(crate) application_id: String,
    /// The profile id.
    pub(crate) profile_id: String,
    /// `VersionNumber`: 1, 2, .. per profile.
    pub(crate) version_number: i32,
    /// `Description`.
    #[serde(default)]
    pub(crate) description: Option<String>,
    /// `Content-Type`.
    pub(crate) content_type: String,
    /// `VersionLabel`.
    #[serde(default)]
    pub(crate) version_label: Option<String>,
    /// `KmsKeyArn`: the profile's key when the version was made.
    #[serde(default)]
    pub(crate) kms_key_arn: Option<String>,
    /// The content, base64 in the state file.
    #[serde(with = "base64_bytes")]
    pub(crate) content: Vec<u8>,
    /// Made by a live environment's chain for the version it deploys next (dropped with the
    /// chain's old deployments).
    #[serde(default)]
    pub(crate) chain: bool,
}

/// Bytes as one base64 string (a JSON array of numbers would be four times the size).
mod base64_bytes {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&B64.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        B64.decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// An environment and whether it always has a deployment running.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct EnvRec {
    /// The environment (its `State` is computed, never stored).
    pub(crate) env: Environment,
    /// When a deployment ends, start the next one after a short pause.
    #[serde(default)]
    pub(crate) live: bool,
}

/// A stop: a rollback by a user or an alarm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Stop {
    /// When it started.
    pub(crate) at: DateTime,
    /// USER or CLOUDWATCH_ALARM.
    pub(crate) triggered_by: TriggeredBy,
    /// The ROLLBACK_STARTED description (account or alarm ARN).
    pub(crate) description: String,
    /// When the rollback completes.
    pub(crate) completes_at: DateTime,
}

/// A revert of a completed deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Revert {
    /// When.
    pub(crate) at: DateTime,
    /// The REVERT_COMPLETED description.
    pub(crate) description: String,
}

/// Extension invocations attached to the first event of a type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Invocations {
    /// The event they belong to.
    pub(crate) event_type: DeploymentEventType,
    /// The invocations.
    pub(crate) invocations: Vec<ActionInvocation>,
}

/// A stored deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct DeploymentRec {
    /// Static members; `StartedAt` is set. Unless `frozen`, `EventLog`, `State`,
    /// `PercentageComplete` and `CompletedAt` are computed.
    pub(crate) base: Deployment,
    /// Progress runs this many times faster than real time.
    pub(crate) speed: f64,
    /// `base` is the whole deployment as it ended (a recorded real one): shown as is, except
    /// for a later revert.
    #[serde(default)]
    pub(crate) frozen: bool,
    /// A rollback.
    #[serde(default)]
    pub(crate) stop: Option<Stop>,
    /// A revert.
    #[serde(default)]
    pub(crate) revert: Option<Revert>,
    /// Extension invocations to show on events.
    #[serde(default)]
    pub(crate) invocations: Vec<Invocations>,
    /// Tags given to StartDeployment.
    #[serde(default)]
    pub(crate) tags: BTreeMap<String, String>,
}

impl DeploymentRec {
    /// A deployment that just started: nothing done to it yet.
    pub(crate) fn new(base: Deployment, speed: f64) -> Self {
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
}

/// Everything the simulator knows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Store {
    /// The file format version.
    pub(crate) version: u32,
    /// Applications, in creation order.
    pub(crate) applications: Vec<Application>,
    /// Environments, in creation order.
    pub(crate) environments: Vec<EnvRec>,
    /// Configuration profiles.
    pub(crate) profiles: Vec<Profile>,
    /// Deployment strategies, in creation order.
    pub(crate) strategies: Vec<DeploymentStrategy>,
    /// Deployments.
    pub(crate) deployments: Vec<DeploymentRec>,
    /// CloudWatch alarms (a state file from before them has none).
    #[serde(default)]
    pub(crate) alarms: Vec<AlarmRec>,
    /// Their history, oldest first.
    #[serde(default)]
    pub(crate) alarm_history: Vec<AlarmHistoryRec>,
    /// The hosted configuration store, in creation order.
    #[serde(default)]
    pub(crate) hosted_versions: Vec<HostedVersion>,
    /// Tags by resource: the part of the ARN after the account (`application/abc1234`,
    /// `application/abc1234/environment/def5678`, `deploymentstrategy/xyz9876`).
    #[serde(default)]
    pub(crate) tags: BTreeMap<String, BTreeMap<String, String>>,
    /// Until when no live environment can start its next deployment (a cache of `advance`,
    /// never saved; `None`: look).
    #[serde(skip)]
    pub(crate) quiet_until: Option<DateTime>,
}

impl Store {
    /// An empty store.
    pub(crate) fn new() -> Self {
        Store {
            version: STATE_VERSION,
            ..Store::default()
        }
    }
}

/// What StartDeployment asks for (the body, already validated for shape).
#[derive(Clone, Debug, Default)]
pub(crate) struct StartRequest {
    /// The strategy id.
    pub(crate) deployment_strategy_id: String,
    /// The configuration profile id.
    pub(crate) configuration_profile_id: String,
    /// The configuration version.
    pub(crate) configuration_version: String,
    /// The description.
    pub(crate) description: Option<String>,
    /// Tags.
    pub(crate) tags: BTreeMap<String, String>,
    /// A KMS key id, alias or ARN.
    pub(crate) kms_key_identifier: Option<String>,
    /// Must equal the latest deployment number of the environment when given.
    pub(crate) latest_deployment_number: Option<i64>,
}
