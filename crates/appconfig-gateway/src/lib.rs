#![doc = include_str!("../README.md")]

// The layers, bottom up; each module uses only those above it in this list:
//   error, awserror        the crate's one error; AWS-shaped refusals
//   config                 the TOML file, checked with line numbers
//   monitoring             which CloudWatch read (DescribeAlarms, DescribeAlarmHistory)
//   ops, auth, rate        which operation; who calls; token buckets
//   metrics, audit, cache  Prometheus counters; audit lines; the shared cache
//   credentials, upstream  aws-config providers; signed upstream calls
//   handler                one /v1 request
//   server                 hyper + axum + tower, graceful shutdown
//   passthrough            `proxy` mode: browser-signed reads forwarded unchanged

mod audit;
mod auth;
mod awserror;
mod cache;
mod config;
mod credentials;
mod error;
mod handler;
mod metrics;
mod monitoring;
mod ops;
mod passthrough;
mod preflight;
mod rate;
mod server;
mod upstream;

pub use audit::AuditLog;
pub use config::{
    Account, ActionRule, AuditTarget, AuthConfig, CacheConfig, Config, CredentialSource, Limits,
    PeerRange, TokenRule,
};
pub use error::GatewayError;
pub use passthrough::{Proxy, ProxyConfig, DEFAULT_PROXY_PORT};
pub use server::{Gateway, GatewayHandle};
