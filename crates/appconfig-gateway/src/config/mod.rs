//! The gateway's configuration: a TOML file read once at start. Every mistake is reported with
//! its line, and nothing in it is logged (token hashes and variable names are not secrets, but
//! the tokens they stand for are never in the file).

mod parse;
mod peers;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use peers::PeerRange;

use crate::GatewayError;

/// The whole configuration.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Where to listen (`127.0.0.1:4020` by default).
    pub listen: SocketAddr,
    /// Page origins whose browsers may call the gateway (`https://portal.example`); any other
    /// `Origin` is refused.
    pub allowed_origins: Vec<String>,
    /// Let unauthenticated callers read (never change). Off by default.
    pub public_reads: bool,
    /// Who may call.
    pub auth: AuthConfig,
    /// Where audit lines go.
    pub audit: AuditTarget,
    /// Freshness windows.
    pub cache: CacheConfig,
    /// Timeouts and sizes.
    pub limits: Limits,
    /// Accounts by alias.
    pub accounts: BTreeMap<String, Account>,
    /// What may be changed, and where.
    pub actions: Vec<ActionRule>,
}

/// How callers prove who they are.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct AuthConfig {
    /// Bearer tokens, by name (the name is the "who" of audit lines).
    pub tokens: Vec<TokenRule>,
    /// A header an authenticating reverse proxy sets to the user's name (`x-forwarded-user`).
    pub trusted_header: Option<String>,
    /// The only peers whose `trusted_header` is believed.
    pub trusted_peers: Vec<PeerRange>,
}

/// A bearer token, kept as its SHA-256 only.
#[derive(Clone)]
pub struct TokenRule {
    /// Who presents it.
    pub name: String,
    /// SHA-256 of the token.
    pub sha256: [u8; 32],
}

impl std::fmt::Debug for TokenRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRule")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Where audit lines are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditTarget {
    /// Standard error (the default), one JSON line each.
    Stderr,
    /// Standard output.
    Stdout,
    /// Appended to this file.
    File(PathBuf),
}

/// How long answers stay fresh in the shared cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheConfig {
    /// A deployment (or environment) that is still moving.
    pub running: Duration,
    /// A finished deployment, an application, a strategy.
    pub finished: Duration,
    /// Lists.
    pub lists: Duration,
    /// At most this many answers are kept.
    pub max_entries: usize,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            running: Duration::from_secs(5),
            finished: Duration::from_secs(60),
            lists: Duration::from_secs(10),
            max_entries: 10_000,
        }
    }
}

/// Bounds on time, size and concurrency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// A whole request, from the end of its head to the last byte of the answer.
    pub request_timeout: Duration,
    /// One upstream call (credentials included).
    pub upstream_timeout: Duration,
    /// A request's head must arrive within this.
    pub header_timeout: Duration,
    /// Requests handled at once; more are answered 503 at once.
    pub max_concurrent_requests: usize,
    /// Connections served at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// The largest request body (AppConfig's reads have none; CloudWatch's take their input in it).
    pub max_request_body: usize,
    /// The largest upstream answer passed on.
    pub max_response_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_timeout: Duration::from_secs(15),
            upstream_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            max_concurrent_requests: 512,
            max_connections: 1024,
            // DescribeAlarms' 100 names of up to 255 characters, escaped as JSON.
            max_request_body: 64 * 1024,
            max_response_body: 10 * 1024 * 1024,
        }
    }
}

/// One AWS account (or one simulator standing for it).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Account {
    /// The alias browsers name.
    pub alias: String,
    /// Regions requests may name.
    pub regions: Vec<String>,
    /// Send to and sign for this URL instead of the regional AppConfig host.
    pub endpoint: Option<String>,
    /// Where its credentials come from.
    pub credentials: CredentialSource,
    /// Upstream requests per second for this account (its AWS quota's share).
    pub upstream_rate: f64,
    /// Upstream requests allowed in a burst.
    pub upstream_burst: u32,
}

/// Where an account's credentials come from: always through `aws-config`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialSource {
    /// The SDK's default chain (environment, shared files, web identity, container, instance).
    Default,
    /// A named profile of the shared files (`role_arn` + `source_profile` in it work).
    Profile {
        /// The profile.
        name: String,
        /// Another config file than `~/.aws/config`.
        config_file: Option<PathBuf>,
        /// Another credentials file than `~/.aws/credentials`.
        credentials_file: Option<PathBuf>,
    },
    /// A role assumed with STS, with the default chain's (or a profile's) credentials.
    AssumeRole {
        /// The role's ARN.
        role_arn: String,
        /// The external id the role's trust policy asks for.
        external_id: Option<String>,
        /// The session name (`appconfig-gateway` by default).
        session_name: String,
        /// The profile whose credentials assume it (the default chain when absent).
        source_profile: Option<String>,
        /// Another config file than `~/.aws/config` (for `source_profile`).
        config_file: Option<PathBuf>,
        /// Another credentials file (for `source_profile`).
        credentials_file: Option<PathBuf>,
        /// Another STS endpoint (a VPC endpoint, a simulator).
        sts_endpoint: Option<String>,
    },
}

/// Where changes are allowed: `StopDeployment` (and, unless `revert = false`, a revert) for
/// deployments of `application` in `environment` of `account`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionRule {
    /// The account alias.
    pub account: String,
    /// The application id, or `*` for every application of the account.
    pub application: String,
    /// The environment id, or `*` for every environment of the application.
    pub environment: String,
    /// Reverting (StopDeployment with `Allow-Revert`) is allowed too.
    pub revert: bool,
}

impl ActionRule {
    /// True when this rule covers the deployment.
    pub fn covers(&self, account: &str, application: &str, environment: &str) -> bool {
        self.account == account
            && (self.application == "*" || self.application == application)
            && (self.environment == "*" || self.environment == environment)
    }
}

impl Config {
    /// Reads and checks a configuration file.
    ///
    /// # Errors
    /// [`GatewayError::Io`] when it cannot be read, [`GatewayError::Config`] with the line of
    /// the first mistake.
    pub fn from_file(path: &std::path::Path) -> Result<Config, GatewayError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| GatewayError::io(format!("cannot read {}", path.display()), e))?;
        Config::from_toml(&text, &path.display().to_string())
    }

    /// Parses and checks configuration text; `file` names it in errors.
    ///
    /// # Errors
    /// [`GatewayError::Config`] with the line of the first mistake.
    pub fn from_toml(text: &str, file: &str) -> Result<Config, GatewayError> {
        parse::parse(text, file, &|name| std::env::var(name).ok())
    }

    /// As [`Config::from_toml`], reading environment variables through `env` (tests).
    ///
    /// # Errors
    /// As [`Config::from_toml`].
    pub fn from_toml_with_env(
        text: &str,
        file: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, GatewayError> {
        parse::parse(text, file, env)
    }

    /// The rule allowing a change of this deployment, if any.
    pub fn action_rule(
        &self,
        account: &str,
        application: &str,
        environment: &str,
    ) -> Option<&ActionRule> {
        self.actions
            .iter()
            .find(|r| r.covers(account, application, environment))
    }
}
