//! The model's string enums: unit variants for the values this version knows, `Unknown(..)` for
//! the rest, `as_str()` for the wire value.

use serde::{Deserialize, Serialize};

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

        impl $crate::json_tree::FromJson for $name {
            fn from_json(
                v: &$crate::json_tree::Json<'_>,
            ) -> Result<Self, $crate::json_tree::ReadError> {
                <String as $crate::json_tree::FromJson>::from_json(v).map($name::from)
            }
        }
    };
}

pub(crate) use string_enum;

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
    /// The kind of an environment's state (see [`EnvironmentState`], which keeps the spelling).
    EnvironmentStateKind {
        /// No deployment running.
        ReadyForDeployment = "ReadyForDeployment",
        /// A deployment is running.
        Deploying = "Deploying",
        /// A deployment is rolling back.
        RollingBack = "RollingBack",
        /// The last deployment rolled back.
        RolledBack = "RolledBack",
        /// The last deployment was reverted.
        Reverted = "Reverted",
    }
}

impl EnvironmentStateKind {
    /// The kind of a state spelled either way: as AppConfig sends it (`ReadyForDeployment`) or as
    /// the model's enum writes it (`READY_FOR_DEPLOYMENT`).
    pub fn parse(s: &str) -> Self {
        match s {
            "READY_FOR_DEPLOYMENT" => EnvironmentStateKind::ReadyForDeployment,
            "DEPLOYING" => EnvironmentStateKind::Deploying,
            "ROLLING_BACK" => EnvironmentStateKind::RollingBack,
            "ROLLED_BACK" => EnvironmentStateKind::RolledBack,
            "REVERTED" => EnvironmentStateKind::Reverted,
            other => EnvironmentStateKind::from(other),
        }
    }
}

/// The state of an environment, as it came over the wire.
///
/// The model's `EnvironmentState` enum says `READY_FOR_DEPLOYMENT`, `ROLLED_BACK`, ... but
/// AppConfig sends `ReadyForDeployment`, `RolledBack`, `Reverted`: AWS's own waiter
/// `EnvironmentReadyForDeployment` (botocore `waiters-2.json`) expects those values, and the API
/// reference's GetEnvironment and ListEnvironments samples and the AWS CLI's
/// `get-environment` example show `"State": "ReadyForDeployment"`. Both spellings read as the same
/// [`EnvironmentStateKind`]; the raw value is kept, so that writing the environment back sends
/// what came in. [`EnvironmentState::from`] a kind spells it as AppConfig does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnvironmentState(String);

impl EnvironmentState {
    /// What the state means, whichever way it was spelled.
    pub fn kind(&self) -> EnvironmentStateKind {
        EnvironmentStateKind::parse(&self.0)
    }

    /// The value as it came (or as AppConfig spells it, for a state made from a kind).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<EnvironmentStateKind> for EnvironmentState {
    fn from(kind: EnvironmentStateKind) -> Self {
        EnvironmentState(kind.as_str().to_owned())
    }
}

impl From<&str> for EnvironmentState {
    fn from(s: &str) -> Self {
        EnvironmentState(s.to_owned())
    }
}

impl From<String> for EnvironmentState {
    fn from(s: String) -> Self {
        EnvironmentState(s)
    }
}

impl PartialEq<EnvironmentStateKind> for EnvironmentState {
    fn eq(&self, other: &EnvironmentStateKind) -> bool {
        self.kind() == *other
    }
}

impl std::fmt::Display for EnvironmentState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EnvironmentState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EnvironmentState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(EnvironmentState)
    }
}

impl crate::json_tree::FromJson for EnvironmentState {
    fn from_json(v: &crate::json_tree::Json<'_>) -> Result<Self, crate::json_tree::ReadError> {
        <String as crate::json_tree::FromJson>::from_json(v).map(EnvironmentState)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_states_read_both_spellings_and_keep_the_raw_value() {
        for (wire, model, kind) in [
            (
                "ReadyForDeployment",
                "READY_FOR_DEPLOYMENT",
                EnvironmentStateKind::ReadyForDeployment,
            ),
            ("Deploying", "DEPLOYING", EnvironmentStateKind::Deploying),
            (
                "RollingBack",
                "ROLLING_BACK",
                EnvironmentStateKind::RollingBack,
            ),
            (
                "RolledBack",
                "ROLLED_BACK",
                EnvironmentStateKind::RolledBack,
            ),
            ("Reverted", "REVERTED", EnvironmentStateKind::Reverted),
        ] {
            for spelling in [wire, model] {
                let s: EnvironmentState =
                    serde_json::from_str(&format!("{spelling:?}")).expect("a JSON string");
                assert_eq!(s.kind(), kind, "{spelling}");
                assert_eq!(s.as_str(), spelling);
                assert_eq!(serde_json::to_string(&s).unwrap(), format!("{spelling:?}"));
            }
            assert_eq!(EnvironmentState::from(kind.clone()).as_str(), wire);
        }
        let odd = EnvironmentState::from("Frozen");
        assert_eq!(odd.kind(), EnvironmentStateKind::Unknown("Frozen".into()));
    }
}
