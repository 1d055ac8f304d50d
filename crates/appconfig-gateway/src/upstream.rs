//! Upstream calls: the core builds and signs the request for the account's region (or its
//! endpoint) with the account's credentials, for AppConfig or (the alarm reads) CloudWatch;
//! reqwest sends it, bounded in time and size.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use appconfig_core::cloudwatch::CloudWatchTarget;
use appconfig_core::{operation::Target, sign::Signer, ClientConfig, HttpRequest};
use bytes::Bytes;
use http::{HeaderName, HeaderValue};

use crate::awserror::AwsError;
use crate::cache::Answer;
use crate::config::Account;
use crate::credentials::AccountCredentials;
use crate::monitoring::Read;
use crate::ops::Op;
use crate::rate::Bucket;

/// One account: its targets by region, signer, credentials and rate.
pub(crate) struct Upstream {
    pub(crate) account: Account,
    targets: HashMap<String, Target>,
    /// CloudWatch in the same regions (the same endpoint, which a simulator serves too).
    alarm_targets: HashMap<String, CloudWatchTarget>,
    signer: Mutex<Signer>,
    credentials: AccountCredentials,
    pub(crate) bucket: Bucket,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("account", &self.account.alias)
            .finish_non_exhaustive()
    }
}

/// Response headers passed on to browsers (the rest is AWS's business).
const PASSED_ON: &[&str] = &[
    "content-type",
    "x-amzn-requestid",
    "x-amzn-errortype",
    "x-amzn-errormessage",
    "retry-after",
];

/// What went wrong before an answer arrived, for metrics.
pub(crate) struct Failed {
    pub(crate) error: AwsError,
    pub(crate) kind: &'static str,
}

impl Upstream {
    pub(crate) async fn new(account: Account) -> Result<Self, crate::GatewayError> {
        let mut targets = HashMap::new();
        let mut alarm_targets = HashMap::new();
        let unusable = |e: appconfig_core::Error| crate::GatewayError::Config {
            file: "accounts".into(),
            line: None,
            message: format!("account {}: {e}", account.alias),
        };
        for region in &account.regions {
            let config = ClientConfig {
                region: Some(region.clone()),
                endpoint: account.endpoint.clone(),
                ..Default::default()
            };
            targets.insert(region.clone(), config.resolve().map_err(unusable)?);
            alarm_targets.insert(region.clone(), config.cloudwatch(region).map_err(unusable)?);
        }
        let credentials = AccountCredentials::new(&account).await;
        let bucket = Bucket::new(account.upstream_rate, account.upstream_burst);
        Ok(Upstream {
            targets,
            alarm_targets,
            signer: Mutex::new(Signer::new()),
            credentials,
            bucket,
            account,
        })
    }

    pub(crate) fn serves_region(&self, region: &str) -> bool {
        self.targets.contains_key(region)
    }

    /// Builds and signs `op`'s request for `region` at `time`.
    fn request(
        &self,
        region: &str,
        op: &Op,
        credentials: &appconfig_core::Credentials,
        time: SystemTime,
    ) -> Option<Result<HttpRequest, appconfig_core::Error>> {
        let mut signer = self
            .signer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Some(match op {
            Op::Alarms(read) => {
                let target = self.alarm_targets.get(region)?;
                match read {
                    Read::DescribeAlarms(i) => {
                        target.build_request(&mut signer, i, credentials, time)
                    }
                    Read::DescribeAlarmHistory(i) => {
                        target.build_request(&mut signer, i, credentials, time)
                    }
                }
            }
            _ => {
                let (method, path_and_query, headers) = op.request_parts();
                self.targets.get(region)?.signed_request(
                    &mut signer,
                    method,
                    &path_and_query,
                    headers,
                    credentials,
                    time,
                )
            }
        })
    }

    /// Signs and sends `op` for `region`; the answer whatever its status.
    pub(crate) async fn send(
        &self,
        client: &reqwest::Client,
        region: &str,
        op: &Op,
        max_body: usize,
    ) -> Result<(Answer, Duration), Failed> {
        let fail = |status, code, message: String, kind| Failed {
            error: AwsError::new(status, code, message),
            kind,
        };
        let service = service_name(op);
        if !self.targets.contains_key(region) {
            return Err(fail(
                404,
                crate::awserror::UNKNOWN_ACCOUNT,
                format!(
                    "account {} is not configured for region {region}",
                    self.account.alias
                ),
                "config",
            ));
        }
        let credentials = self.credentials.get().await.map_err(|why| {
            tracing::warn!(account = %self.account.alias, error = %why, "no credentials");
            fail(
                503,
                "GatewayCredentialsUnavailable",
                format!("the gateway has no AWS credentials for account {} now; its operator can see why in its log", self.account.alias),
                "credentials",
            )
        })?;
        let request = self
            .request(region, op, &credentials, SystemTime::now())
            .unwrap_or_else(|| {
                Err(appconfig_core::Error::InvalidEndpoint {
                    field: appconfig_core::error::ConfigField::Region,
                    reason: "no target for this region".into(),
                })
            })
            .map_err(|e| {
                fail(
                    500,
                    "InternalServerException",
                    format!("the request could not be signed: {e}"),
                    "signing",
                )
            })?;
        drop(credentials);
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        let mut out = client.request(method, &request.url);
        for (k, v) in &request.headers {
            out = out.header(k.as_str(), v.as_str());
        }
        if !request.body.is_empty() {
            out = out.body(request.body);
        }
        let started = Instant::now();
        let resp = out.send().await.map_err(|e| {
            let (why, kind) = if e.is_timeout() {
                ("timed out", "timeout")
            } else if e.is_connect() {
                ("could not connect", "connect")
            } else {
                ("failed", "transport")
            };
            let (status, code) = if kind == "timeout" {
                (504, "GatewayTimeoutException")
            } else {
                (502, "BadGatewayException")
            };
            fail(
                status,
                code,
                format!(
                    "the gateway's request to {service} ({}, {region}) {why}",
                    self.account.alias
                ),
                kind,
            )
        })?;
        let status = resp.status().as_u16();
        let mut passed = Vec::new();
        for (name, value) in resp.headers() {
            if PASSED_ON.contains(&name.as_str()) {
                if let (Ok(n), Ok(v)) = (
                    HeaderName::from_bytes(name.as_str().as_bytes()),
                    HeaderValue::from_bytes(value.as_bytes()),
                ) {
                    passed.push((n, v));
                }
            }
        }
        let body = read_limited(resp, max_body).await.map_err(|why| {
            fail(
                502,
                "BadGatewayException",
                format!(
                    "the answer of {service} ({}, {region}) {why}",
                    self.account.alias
                ),
                "transport",
            )
        })?;
        Ok((
            Answer {
                status,
                headers: passed,
                body,
                fresh_for: Duration::ZERO,
            },
            started.elapsed(),
        ))
    }
}

async fn read_limited(mut resp: reqwest::Response, max: usize) -> Result<Bytes, &'static str> {
    let mut buf = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if buf.len() + chunk.len() > max {
                    return Err("is too large");
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Bytes::from(buf)),
            Err(e) if e.is_timeout() => return Err("timed out"),
            Err(_) => return Err("could not be read"),
        }
    }
}

/// The service `op` goes to, as error messages name it.
pub(crate) fn service_name(op: &Op) -> &'static str {
    match op {
        Op::Alarms(_) => "CloudWatch",
        _ => "AppConfig",
    }
}
