#![doc = include_str!("../README.md")]

// Time: deployments progress in real time by the core's progression model (`appconfig_core::timeline::plan`),
// `speed` times faster. Timestamps stay real: at `--speed 60` a 15-minute strategy's events are
// stamped over 15 real seconds, while `DeploymentDurationInMinutes` still says 15. Signature
// checks and the `Date` header follow the real clock (shifted by `--skew-seconds`): an SDK that
// corrects its clock from `Date` (the JavaScript SDK does) would otherwise sign in the simulated
// future.

mod accept_encoding;
mod api;
mod auth;
mod awserror;
mod cli;
mod clock;
mod cloudwatch;
mod config;
mod control;
mod dispatch;
mod error;
mod http;
mod persist;
mod samples;
mod seed;
mod server;
mod state;
mod static_files;
mod store;
mod sts;
mod sync;

pub use cli::{parse_args, Command, USAGE};
pub use clock::Clock;
pub use config::{
    Config, Key, DEFAULT_PORT, DEMO_ACCESS_KEY_ID, DEMO_REGION, DEMO_SECRET_ACCESS_KEY,
};
pub use dispatch::Simulator;
pub use error::SimError;
pub use server::{Server, ServerHandle};
