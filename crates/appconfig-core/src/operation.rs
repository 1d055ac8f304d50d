//! Operation inputs, their validation, and signed request building.

use std::time::SystemTime;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;

use crate::endpoint::{resolve_endpoint, validate_base_url, validate_region, EndpointParams};
use crate::model::{Applications, Deployment, DeploymentStrategy, Deployments, Environments};
use crate::sign::{sign, Credentials, HttpRequest, SigningOptions};
use crate::{Error, InputRule};

/// The SigV4 service name of AppConfig.
pub const SERVICE: &str = "appconfig";

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`), as botocore's
/// `percent_encode` and the JavaScript SDK's `extendedEncodeURIComponent` encode labels and queries.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path label or query value the way AWS does.
pub fn encode_label(value: &str) -> String {
    utf8_percent_encode(value, ENCODE).to_string()
}

/// An AppConfig operation: how to build its request and what its output is.
pub trait Operation {
    /// The output shape.
    type Output: DeserializeOwned;
    /// The operation name as AWS spells it (`GetDeployment`).
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: &'static str = "GET";

    /// Checks the input against the model's rules.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the member and the rule.
    fn validate(&self) -> Result<(), Error>;

    /// The path and query (`/applications/a%2Fb/environments?max_results=5`), input already valid.
    fn path_and_query(&self) -> String;
}

fn check_name(field: &'static str, value: &str) -> Result<(), Error> {
    let n = value.chars().count();
    if n == 0 {
        return Err(Error::InvalidInput {
            field,
            rule: InputRule::Required,
        });
    }
    if n > 64 {
        return Err(Error::InvalidInput {
            field,
            rule: InputRule::Length {
                min: 1,
                max: 64,
                actual: n,
            },
        });
    }
    Ok(())
}

fn check_range(field: &'static str, value: i64, min: i64, max: i64) -> Result<(), Error> {
    if value < min || value > max {
        return Err(Error::InvalidInput {
            field,
            rule: InputRule::Range {
                min,
                max,
                actual: value.to_string(),
            },
        });
    }
    Ok(())
}

/// Parses a deployment number typed by a person (`"3"`, `" 12 "`).
///
/// # Errors
/// [`Error::InvalidInput`] naming `DeploymentNumber`: empty, not a whole number, or out of range.
pub fn parse_deployment_number(text: &str) -> Result<i32, Error> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::InvalidInput {
            field: "DeploymentNumber",
            rule: InputRule::Required,
        });
    }
    let n: i64 = t.parse().map_err(|_| {
        // A whole number too large for i64 is out of range; anything else ("-", "--1", "1e3")
        // is not a whole number.
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            Error::InvalidInput {
                field: "DeploymentNumber",
                rule: InputRule::Range {
                    min: 0,
                    max: i64::from(i32::MAX),
                    actual: t.to_owned(),
                },
            }
        } else {
            Error::InvalidInput {
                field: "DeploymentNumber",
                rule: InputRule::NotAnInteger {
                    actual: t.to_owned(),
                },
            }
        }
    })?;
    check_range("DeploymentNumber", n, 0, i64::from(i32::MAX))?;
    Ok(n as i32)
}

fn pagination_query(max_results: Option<i64>, next_token: &Option<String>) -> String {
    let mut q = Vec::new();
    if let Some(m) = max_results {
        q.push(format!("max_results={m}"));
    }
    if let Some(t) = next_token {
        q.push(format!("next_token={}", encode_label(t)));
    }
    if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    }
}

fn check_pagination(max_results: Option<i64>, next_token: &Option<String>) -> Result<(), Error> {
    if let Some(m) = max_results {
        check_range("MaxResults", m, 1, 50)?;
    }
    if let Some(t) = next_token {
        let n = t.chars().count();
        if n == 0 || n > 2048 {
            return Err(Error::InvalidInput {
                field: "NextToken",
                rule: InputRule::Length {
                    min: 1,
                    max: 2048,
                    actual: n,
                },
            });
        }
    }
    Ok(())
}

/// `GetDeployment` input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetDeploymentInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Environment id or name (1 to 64 characters).
    pub environment_id: String,
    /// The deployment number (0 to 2^31-1). Wider than the model so that bad values reach
    /// validation instead of being truncated by a cast.
    pub deployment_number: i64,
}

impl Operation for GetDeploymentInput {
    type Output = Deployment;
    const NAME: &'static str = "GetDeployment";
    fn validate(&self) -> Result<(), Error> {
        check_name("ApplicationId", &self.application_id)?;
        check_name("EnvironmentId", &self.environment_id)?;
        check_range(
            "DeploymentNumber",
            self.deployment_number,
            0,
            i64::from(i32::MAX),
        )
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments/{}/deployments/{}",
            encode_label(&self.application_id),
            encode_label(&self.environment_id),
            self.deployment_number
        )
    }
}

/// `ListApplications` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListApplicationsInput {
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListApplicationsInput {
    type Output = Applications;
    const NAME: &'static str = "ListApplications";
    fn validate(&self) -> Result<(), Error> {
        check_pagination(self.max_results, &self.next_token)
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications{}",
            pagination_query(self.max_results, &self.next_token)
        )
    }
}

/// `ListEnvironments` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListEnvironmentsInput {
    /// Application id or name.
    pub application_id: String,
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListEnvironmentsInput {
    type Output = Environments;
    const NAME: &'static str = "ListEnvironments";
    fn validate(&self) -> Result<(), Error> {
        check_name("ApplicationId", &self.application_id)?;
        check_pagination(self.max_results, &self.next_token)
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments{}",
            encode_label(&self.application_id),
            pagination_query(self.max_results, &self.next_token)
        )
    }
}

/// `ListDeployments` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListDeploymentsInput {
    /// Application id or name.
    pub application_id: String,
    /// Environment id or name.
    pub environment_id: String,
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListDeploymentsInput {
    type Output = Deployments;
    const NAME: &'static str = "ListDeployments";
    fn validate(&self) -> Result<(), Error> {
        check_name("ApplicationId", &self.application_id)?;
        check_name("EnvironmentId", &self.environment_id)?;
        check_pagination(self.max_results, &self.next_token)
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments/{}/deployments{}",
            encode_label(&self.application_id),
            encode_label(&self.environment_id),
            pagination_query(self.max_results, &self.next_token)
        )
    }
}

/// `GetDeploymentStrategy` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetDeploymentStrategyInput {
    /// `[a-z0-9]{4,7}` or a predefined `AppConfig.*` name.
    pub deployment_strategy_id: String,
}

/// Checks `(^[a-z0-9]{4,7}$|^AppConfig\.[A-Za-z0-9]{9,40}$)`, the model's pattern.
fn is_strategy_id(s: &str) -> bool {
    let short = (4..=7).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let predefined = s.strip_prefix("AppConfig.").is_some_and(|rest| {
        (9..=40).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    short || predefined
}

impl Operation for GetDeploymentStrategyInput {
    type Output = DeploymentStrategy;
    const NAME: &'static str = "GetDeploymentStrategy";
    fn validate(&self) -> Result<(), Error> {
        if self.deployment_strategy_id.is_empty() {
            return Err(Error::InvalidInput {
                field: "DeploymentStrategyId",
                rule: InputRule::Required,
            });
        }
        if !is_strategy_id(&self.deployment_strategy_id) {
            return Err(Error::InvalidInput {
                field: "DeploymentStrategyId",
                rule: InputRule::Pattern {
                    pattern: "[a-z0-9]{4,7} or AppConfig.[A-Za-z0-9]{9,40}",
                },
            });
        }
        Ok(())
    }
    fn path_and_query(&self) -> String {
        format!(
            "/deploymentstrategies/{}",
            encode_label(&self.deployment_strategy_id)
        )
    }
}

/// How to reach AppConfig.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientConfig {
    /// The AWS region; required unless `endpoint` is set (then it is only the signing region,
    /// `us-east-1` when absent).
    pub region: Option<String>,
    /// Use the FIPS endpoint.
    pub use_fips: bool,
    /// Use the dual-stack endpoint.
    pub use_dual_stack: bool,
    /// Send to and sign for this URL (simulator, VPC endpoint), like the SDKs' `endpoint`.
    pub endpoint: Option<String>,
    /// Sign for the regional AWS host but send to this base URL, which forwards the request
    /// unchanged (browsers: AppConfig sends no CORS headers).
    pub proxy: Option<String>,
}

/// Where requests are signed for and sent to, resolved once from a [`ClientConfig`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The signing region.
    pub region: String,
    /// The base URL the signature covers.
    pub signing_base: String,
    /// The base URL requests go to.
    pub send_base: String,
}

/// The header a proxy reads to know which AppConfig host to forward to (not signed; the
/// signature covers `host`, which the proxy sets from it).
pub const UPSTREAM_HOST_HEADER: &str = "x-appconfig-upstream-host";

impl ClientConfig {
    /// Resolves where requests are signed for and sent to.
    ///
    /// # Errors
    /// [`Error::InvalidEndpoint`] or [`Error::InvalidInput`] (region) when the configuration is unusable.
    pub fn resolve(&self) -> Result<Target, Error> {
        if self.endpoint.is_some() && self.proxy.is_some() {
            return Err(Error::InvalidEndpoint {
                reason: "set either endpoint or proxy, not both".into(),
            });
        }
        if let Some(region) = &self.region {
            validate_region(region)?;
        }
        let signing_base = resolve_endpoint(&EndpointParams {
            region: self.region.clone(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint: self.endpoint.clone(),
        })?;
        let send_base = match &self.proxy {
            Some(p) => {
                validate_base_url(p, "proxy")?;
                p.trim_end_matches('/').to_owned()
            }
            None => signing_base.clone(),
        };
        Ok(Target {
            region: self
                .region
                .clone()
                .unwrap_or_else(|| "us-east-1".to_owned()),
            signing_base,
            send_base,
        })
    }
}

impl Target {
    /// True when sending through a proxy to another host than the signed one.
    pub fn is_proxied(&self) -> bool {
        self.send_base != self.signing_base
    }

    /// Validates `op`, builds its request and signs it at `time`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the input breaks a rule (nothing is signed), [`Error::Signing`].
    pub fn build_request<O: Operation>(
        &self,
        op: &O,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
        op.validate()?;
        let path = op.path_and_query();
        let mut req = HttpRequest {
            method: O::METHOD.to_owned(),
            url: format!("{}{}", self.signing_base, path),
            headers: Vec::new(),
            body: Vec::new(),
        };
        let signed = sign(
            &req,
            credentials,
            &self.region,
            SERVICE,
            time,
            SigningOptions::default(),
        )?;
        req.headers = signed.headers;
        if self.is_proxied() {
            let uri: http::Uri = req.url.parse().map_err(|_| Error::Signing {
                reason: "invalid url".into(),
            })?;
            req.headers.push((
                UPSTREAM_HOST_HEADER.to_owned(),
                crate::sign::host_header_value(&uri),
            ));
            req.url = format!("{}{}", self.send_base, path);
        }
        Ok(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_encoded_like_botocore() {
        assert_eq!(encode_label("my app/prod"), "my%20app%2Fprod");
        assert_eq!(encode_label("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(encode_label("é+="), "%C3%A9%2B%3D");
    }

    #[test]
    fn strategy_ids() {
        assert!(is_strategy_id("abc1234"));
        assert!(is_strategy_id("AppConfig.Linear50PercentEvery30Seconds"));
        assert!(!is_strategy_id("ABC1"));
        assert!(!is_strategy_id("abc"));
    }
}
