//! One browser request under `/v1/{account}/{region}/appconfig` (or `/monitoring`, the alarm
//! reads): origin, account, operation, caller, then the cache (reads) or the allowlist and the
//! audit log (changes).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Response};
use serde_json::Value;

use crate::audit::{AuditLog, Record};
use crate::auth::{self, Caller};
use crate::awserror::{AwsError, FORBIDDEN, UNKNOWN_ACCOUNT};
use crate::cache::{Answer, Cache};
use crate::config::Config;
use crate::metrics::{CacheOutcome, Metrics};
use crate::monitoring;
use crate::ops::{self, Freshness, Op};
use crate::preflight::preflight;
use crate::upstream::Upstream;

/// Everything a request needs, shared by all.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) accounts: HashMap<String, Upstream>,
    pub(crate) cache: Cache,
    pub(crate) metrics: Metrics,
    pub(crate) audit: AuditLog,
    pub(crate) client: reqwest::Client,
}

/// Request headers a page may send to the gateway.
const ALLOW_HEADERS: &str = "authorization, content-type, allow-revert, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request";
/// Response headers a page may read (what the clients read).
const EXPOSE_HEADERS: &str = "x-amzn-ErrorType, x-amzn-RequestId, x-amzn-ErrorMessage, Retry-After, Date, Content-Length, Content-Type, x-appconfig-gateway-cache";

/// The CORS headers for an allowed `Origin`, `Ok(None)` without one.
///
/// # Errors
/// 403 `GatewayForbidden` for an origin the configuration does not list.
pub(crate) fn cors(config: &Config, headers: &HeaderMap) -> Result<Option<HeaderValue>, AwsError> {
    let Some(origin) = headers.get(http::header::ORIGIN) else {
        return Ok(None);
    };
    let text = origin.to_str().unwrap_or("").to_ascii_lowercase();
    if config.allowed_origins.contains(&text) {
        Ok(Some(origin.clone()))
    } else {
        Err(AwsError::new(
            403,
            FORBIDDEN,
            format!(
                "pages of {} may not use this gateway: its operator lists the portal's origins under allowed_origins",
                text.chars().take(100).collect::<String>()
            ),
        ))
    }
}

pub(crate) fn add_cors(resp: &mut Response<Bytes>, origin: Option<HeaderValue>) {
    let Some(origin) = origin else { return };
    let h = resp.headers_mut();
    h.insert("access-control-allow-origin", origin);
    h.insert(
        "access-control-allow-credentials",
        HeaderValue::from_static("true"),
    );
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.append(http::header::VARY, HeaderValue::from_static("Origin"));
}

/// The parts of a request the gateway reads.
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a Method,
    /// Path after `/v1/`.
    pub(crate) rest: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a HeaderMap,
    /// The body (the CloudWatch reads' input; AppConfig's calls have none).
    pub(crate) body: &'a [u8],
    pub(crate) peer: IpAddr,
}

/// Answers a request under `/v1/` (CORS headers are added by the caller from [`cors`]).
pub(crate) async fn handle(
    shared: &Arc<Shared>,
    req: Incoming<'_>,
) -> (Response<Bytes>, &'static str) {
    if req.method == Method::OPTIONS {
        return (
            preflight("GET, POST, DELETE, OPTIONS", ALLOW_HEADERS),
            "Preflight",
        );
    }
    match answer(shared, &req).await {
        Ok((resp, op)) => (resp, op),
        Err((e, op)) => (e.response(), op),
    }
}

type Failure = (AwsError, &'static str);

async fn answer(
    shared: &Arc<Shared>,
    req: &Incoming<'_>,
) -> Result<(Response<Bytes>, &'static str), Failure> {
    let mut parts = req.rest.splitn(3, '/');
    let (account, region, rest) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let unknown = "Unknown";
    let Some(upstream) = shared.accounts.get(account) else {
        return Err((
            AwsError::new(
                404,
                UNKNOWN_ACCOUNT,
                format!(
                    "the gateway has no account {:?}",
                    account.chars().take(64).collect::<String>()
                ),
            ),
            unknown,
        ));
    };
    if !upstream.serves_region(region) {
        return Err((
            AwsError::new(
                404,
                UNKNOWN_ACCOUNT,
                format!(
                    "account {account} is not configured for region {:?}",
                    region.chars().take(64).collect::<String>()
                ),
            ),
            unknown,
        ));
    }
    let service = |name: &str| rest.strip_prefix(name).filter(|p| p.starts_with('/'));
    let op = if let Some(path) = service("appconfig") {
        let allow_revert = req
            .headers
            .get("allow-revert")
            .and_then(|v| v.to_str().ok());
        ops::parse(req.method.as_str(), path, req.query, allow_revert)
    } else if let Some(path) = service("monitoring") {
        monitoring::parse(req.method.as_str(), path, req.query, req.body).map(Op::Alarms)
    } else {
        Err(AwsError::new(
            404,
            "UnknownOperationException",
            "the gateway forwards AppConfig and CloudWatch's alarm reads only: /v1/{account}/{region}/appconfig/... or /monitoring/...",
        ))
    };
    let op = op.map_err(|e| (e, unknown))?;
    let name = op.name();
    let caller =
        auth::authenticate(&shared.config.auth, req.headers, req.peer).map_err(|e| (e, name))?;
    if op.is_read() {
        if caller.is_none() && !shared.config.public_reads {
            return Err((auth::required(), name));
        }
        let resp = read(shared, upstream, region, &op).await;
        return Ok((resp, name));
    }
    let resp = change(shared, upstream, region, &op, caller.as_ref(), req.peer).await;
    Ok((resp, name))
}

fn to_response(answer: &Answer, cache: Option<CacheOutcome>) -> Response<Bytes> {
    let mut r = Response::new(answer.body.clone());
    *r.status_mut() =
        http::StatusCode::from_u16(answer.status).unwrap_or(http::StatusCode::BAD_GATEWAY);
    for (k, v) in &answer.headers {
        r.headers_mut().append(k.clone(), v.clone());
    }
    if let Some(o) = cache {
        let text = match o {
            CacheOutcome::Hit => "hit",
            CacheOutcome::Miss => "miss",
            CacheOutcome::Coalesced => "coalesced",
        };
        r.headers_mut()
            .insert("x-appconfig-gateway-cache", HeaderValue::from_static(text));
    }
    r
}

/// How long a successful read stays fresh, by operation and what the answer says.
fn fresh_for(config: &Config, op: &Op, answer: &Answer) -> Duration {
    if !(200..300).contains(&answer.status) {
        return Duration::ZERO;
    }
    let c = &config.cache;
    match op.freshness() {
        Freshness::List => c.lists,
        Freshness::Stable => c.finished,
        Freshness::Alarms => match op {
            Op::Alarms(r) if r.is_settled(now()) => c.finished,
            _ => c.running,
        },
        Freshness::ByState => {
            let state = serde_json::from_slice::<Value>(&answer.body)
                .ok()
                .and_then(|v| v.get("State").and_then(Value::as_str).map(str::to_owned));
            let moving = matches!(
                state.as_deref(),
                Some("DEPLOYING" | "BAKING" | "ROLLING_BACK" | "VALIDATING")
            );
            match (op, moving) {
                (_, true) => c.running,
                (Op::GetDeployment(_), false) => c.finished,
                // An environment at rest can get a new deployment at any time.
                _ => c.lists,
            }
        }
    }
}

/// One upstream call for `op`, within the account's rate.
async fn upstream_call(shared: &Shared, upstream: &Upstream, region: &str, op: &Op) -> Answer {
    let name = op.name();
    if let Err(wait) = upstream.bucket.take(Instant::now()) {
        shared.metrics.throttled(name);
        let secs = wait.as_secs_f64().ceil() as u64;
        let e = AwsError::throttled(
            secs,
            format!(
                "the gateway's upstream rate for account {} is used up; retry after {secs} s",
                upstream.account.alias
            ),
        );
        let r = e.response();
        return Answer {
            status: 429,
            headers: r
                .headers()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            body: r.into_body(),
            fresh_for: Duration::ZERO,
        };
    }
    let max = shared.config.limits.max_response_body;
    let timeout = shared.config.limits.upstream_timeout;
    let sent = tokio::time::timeout(timeout, upstream.send(&shared.client, region, op, max)).await;
    let (answer, took, error_kind) = match sent {
        Ok(Ok((answer, took))) => {
            let kind = match answer.status {
                429 => Some("throttled"),
                s if s >= 500 => Some("status_5xx"),
                s if s >= 400 => Some("status_4xx"),
                _ => None,
            };
            (answer, took, kind)
        }
        Ok(Err(failed)) => {
            tracing::warn!(account = %upstream.account.alias, region, operation = name, kind = failed.kind, "upstream failed");
            (
                error_answer(&failed.error),
                timeout.min(Duration::from_secs(3600)),
                Some(failed.kind),
            )
        }
        Err(_) => {
            tracing::warn!(account = %upstream.account.alias, region, operation = name, "upstream timed out");
            let e = AwsError::new(
                504,
                "GatewayTimeoutException",
                format!(
                    "{} ({}, {region}) did not answer within {} s",
                    crate::upstream::service_name(op),
                    upstream.account.alias,
                    timeout.as_secs_f64()
                ),
            );
            (error_answer(&e), timeout, Some("timeout"))
        }
    };
    shared.metrics.upstream(name, took, error_kind);
    answer
}

fn error_answer(e: &AwsError) -> Answer {
    let r = e.response();
    Answer {
        status: e.status,
        headers: r
            .headers()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        body: r.into_body(),
        fresh_for: Duration::ZERO,
    }
}

async fn read(shared: &Arc<Shared>, upstream: &Upstream, region: &str, op: &Op) -> Response<Bytes> {
    let aligned;
    let op = match op {
        Op::Alarms(r) => {
            let mut r = r.clone();
            let step = shared.config.cache.running.as_secs();
            r.align_end(now(), i64::try_from(step).unwrap_or(i64::MAX));
            aligned = Op::Alarms(r);
            &aligned
        }
        _ => op,
    };
    let key = (
        upstream.account.alias.clone(),
        region.to_owned(),
        op.cache_key(),
    );
    let (answer, outcome) = shared
        .cache
        .get_or_fetch(key, || async {
            let mut a = upstream_call(shared, upstream, region, op).await;
            a.fresh_for = fresh_for(&shared.config, op, &a);
            a
        })
        .await;
    shared.metrics.cache(op.name(), outcome);
    to_response(&answer, Some(outcome))
}

async fn change(
    shared: &Arc<Shared>,
    upstream: &Upstream,
    region: &str,
    op: &Op,
    caller: Option<&Caller>,
    peer: IpAddr,
) -> Response<Bytes> {
    let Some((app, env, number, revert)) = op.target() else {
        return AwsError::new(500, "InternalServerException", "not a change").response();
    };
    let account = upstream.account.alias.as_str();
    let audit = |result: &str, status: u16, request_id: Option<&str>| {
        shared.audit.write(
            &Record {
                who: caller.map(|c| c.who.as_str()),
                via: caller.map(|c| c.via),
                peer: peer.to_string(),
                account,
                region,
                operation: op.name(),
                application: app,
                environment: env,
                deployment: number,
                revert,
                result,
                status,
                request_id,
            }
            .to_json(),
        );
    };
    let Some(caller) = caller else {
        let e = auth::required();
        audit("refused: not authenticated", e.status, None);
        return e.response();
    };
    let rule = shared.config.action_rule(account, app, env);
    let refusal = match rule {
        None => Some(format!(
            "{} is not allowed on application {app} environment {env} of account {account}: the gateway is read-only there",
            op.name()
        )),
        Some(r) if revert && !r.revert => Some(format!(
            "reverting is not allowed on application {app} environment {env} of account {account} (stopping is)"
        )),
        Some(_) => None,
    };
    if let Some(message) = refusal {
        let e = AwsError::new(403, FORBIDDEN, message);
        audit("refused: not listed", e.status, None);
        tracing::info!(who = %caller.who, account, operation = op.name(), "change refused");
        return e.response();
    }
    let answer = upstream_call(shared, upstream, region, op).await;
    let request_id = answer
        .headers
        .iter()
        .find(|(k, _)| k.as_str() == "x-amzn-requestid")
        .and_then(|(_, v)| v.to_str().ok())
        .map(str::to_owned);
    let ok = (200..300).contains(&answer.status);
    audit(
        if ok { "done" } else { "failed" },
        answer.status,
        request_id.as_deref(),
    );
    if ok {
        shared.cache.invalidate(
            account,
            &format!(
                "/applications/{}/environments",
                appconfig_core::operation::encode_label(app)
            ),
        );
    }
    to_response(&answer, None)
}

fn now() -> appconfig_core::DateTime {
    appconfig_core::DateTime::from_system_time(std::time::SystemTime::now())
}
