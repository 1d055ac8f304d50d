//! The AppConfig output shapes, member for member as botocore's `service-2.json` names them.
//!
//! `float` members are `f64` (not `f32` as in the AWS SDK for Rust) so that a value such as
//! `33.3` reaches JavaScript as `33.3`, exactly as the AWS SDK for JavaScript gives it.
//!
//! Every member is optional, as in AWS. Unknown keys are ignored when parsing, absent members are
//! left out when serializing, and enums keep values this crate does not know in `Unknown(..)` so
//! that a value AWS adds tomorrow parses and round-trips.

mod deployment;
mod enums;
mod environment;
mod lists;
mod profile;
mod strategy;

pub use deployment::{ActionInvocation, AppliedExtension, Deployment, DeploymentEvent};
pub(crate) use enums::string_enum;
pub use enums::{
    DeploymentEventType, DeploymentState, DeploymentType, EnvironmentState, EnvironmentStateKind,
    GrowthType, ReplicateTo, TriggeredBy,
};
pub use environment::{Application, Environment, Monitor};
pub use lists::{Applications, DeploymentStrategies, DeploymentSummary, Deployments, Environments};
pub use profile::{
    ConfigurationProfile, ConfigurationProfileType, HostedConfigurationVersion,
    HostedConfigurationVersionSummary, HostedConfigurationVersions, Validator, ValidatorType,
};
pub use strategy::DeploymentStrategy;
