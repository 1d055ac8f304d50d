//! The simulator's state and how a deployment looks at any moment.
//!
//! - `records`: what is stored (and saved in the state file).
//! - `progression`: a deployment's state, percentage and event log at a given `now`, from the
//!   core's progression model. Nothing ticks: any `now` gives the same answer.
//! - `lookups`: finding applications, environments, strategies and deployments by id or name.
//! - `commands`: StartDeployment, StopDeployment, alarms and the live environments' chain.
//! - `alarm_records`: the alarms as stored; `alarms`: CloudWatch alarms and the rollbacks their states cause.
//! - `hosted`: configuration profiles and the hosted configuration store.
//! - `resources`: create, update, delete of applications, environments, profiles, strategies;
//!   `tags`: the tags of every taggable resource.
//! - `versions`: the configuration versions StartDeployment takes.

mod alarm_records;
mod alarms;
mod commands;
mod hosted;
mod lookups;
mod progression;
mod records;
mod resources;
mod tags;
mod versions;

pub(crate) use alarm_records::{AlarmHistoryRec, AlarmRec, ALARM, INSUFFICIENT_DATA, OK};
#[cfg(test)]
pub(crate) use commands::LIVE_HISTORY;
pub(crate) use hosted::{NewHostedVersion, MAX_HOSTED_BYTES};
pub(crate) use records::{
    DeploymentRec, EnvRec, HostedVersion, Invocations, Profile, Revert, StartRequest, Stop, Store,
    ACCOUNT_ID, FEATURE_FLAGS, FREEFORM, STATE_VERSION,
};
