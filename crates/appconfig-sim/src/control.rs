//! The `/_sim` endpoints: health, info, firing an alarm and injecting faults.
//!
//! The endpoints that change something take a JSON body only (a `Content-Type` that forces a
//! browser's CORS preflight) and only from this machine or the page the simulator serves, unless
//! the request is SigV4-signed with a configured key: a web page elsewhere cannot fire an alarm
//! with a plain `text/plain` form post (issue 8).

use appconfig_core::DateTime;
use bytes::Bytes;
use http::Request;
use serde_json::{json, Value};

use crate::api;
use crate::auth::{self, SignedRequest};
use crate::awserror::ApiError;
use crate::http::{
    error_response, host_of, is_loopback_host, json_response, origin_authority, Outcome, Peer,
};
use crate::state::{lock, Shared};

fn not_found() -> ApiError {
    ApiError::new(
        404,
        "NotFoundException",
        "Unknown simulator endpoint: GET /_sim/health, GET /_sim/info, POST /_sim/alarm, POST /_sim/faults, GET /_sim/requests, POST /_sim/requests/reset",
    )
}

/// Answers a `/_sim` request.
pub(crate) fn sim_endpoint(shared: &Shared, req: &Request<Bytes>, now: DateTime) -> Outcome {
    let (method, path, body) = (req.method().as_str(), req.uri().path(), req.body());
    let guarded = match (method, path) {
        ("POST", _) => guard(shared, req, now, Need::Json),
        ("GET", "/_sim/requests") => guard(shared, req, now, Need::Loopback),
        _ => Ok(()),
    };
    if let Err(e) = guarded {
        return Outcome::unchanged(error_response(&e));
    }
    let result = match (method, path) {
        ("GET", "/_sim/health") => Ok(Outcome::unchanged(json_response(
            200,
            &json!({"status": "ok"}),
        ))),
        ("GET", "/_sim/info") => Ok(Outcome::unchanged(json_response(200, &info(shared, now)))),
        ("POST", "/_sim/alarm") => alarm(shared, body, now),
        ("POST", "/_sim/faults") => Ok(faults(shared, body)),
        ("GET", "/_sim/requests") => Ok(Outcome::unchanged(json_response(200, &requests(shared)))),
        ("POST", "/_sim/requests/reset") => {
            shared.reset_counts(now);
            Ok(Outcome::unchanged(json_response(200, &requests(shared))))
        }
        _ => Err(not_found()),
    };
    result.unwrap_or_else(|e| Outcome::unchanged(error_response(&e)))
}

fn info(shared: &Shared, now: DateTime) -> Value {
    let key = &shared.config.keys[0];
    let mut info = json!({
        "simulator": true,
        "region": shared.config.region,
        "accessKeyId": key.access_key_id(),
        "speed": shared.config.speed,
        "now": crate::clock::format_millis(&now),
    });
    // Any page may read this (CORS allows every origin), so only the public demo secret is
    // handed out; a key given with --key/--keys-file stays private.
    if key.is_demo() {
        info["secretAccessKey"] = json!(key.secret_access_key());
    }
    info
}

fn alarm(shared: &Shared, body: &[u8], now: DateTime) -> Result<Outcome, ApiError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid JSON: {e}")))?;
    // `{"AlarmName": .., "StateValue": ..}`: SetAlarmState without signing (tests, demos).
    if let Some(name) = v.get("AlarmName").and_then(Value::as_str) {
        let state = v
            .get("StateValue")
            .and_then(Value::as_str)
            .unwrap_or("ALARM");
        let mut store = shared.store();
        store.advance(now, shared.config.speed);
        store.set_alarm_state_by_name(name, state, now, shared.config.speed)?;
        return Ok(Outcome {
            response: json_response(200, &json!({"AlarmName": name, "StateValue": state})),
            changed: true,
        });
    }
    let (Some(app), Some(env)) = (
        v.get("ApplicationId").and_then(Value::as_str),
        v.get("EnvironmentId").and_then(Value::as_str),
    ) else {
        return Err(ApiError::bad_request(
            "Body must be {\"ApplicationId\": \"..\", \"EnvironmentId\": \"..\"}",
        ));
    };
    let mut store = shared.store();
    store.advance(now, shared.config.speed);
    let d = store.fire_alarm(app, env, now, shared.config.speed)?;
    Ok(Outcome {
        response: json_response(200, &api::to_json(&d)),
        changed: true,
    })
}

/// `{"since": .., "total": N, "operations": {"GetDeployment": N, ..}}`.
fn requests(shared: &Shared) -> Value {
    let counts = lock(&shared.requests);
    json!({
        "since": crate::clock::format_millis(&counts.since),
        "total": counts.by_operation.values().sum::<u64>(),
        "operations": counts.by_operation,
    })
}

fn faults(shared: &Shared, body: &[u8]) -> Outcome {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let count = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n.min(1000) as u32);
    let internal = count("InternalServerErrors").unwrap_or(0);
    let throttle = count("Throttles").unwrap_or(0);
    let mut f = lock(&shared.faults);
    f.internal = internal;
    f.throttle = throttle;
    Outcome::unchanged(json_response(
        200,
        &json!({"InternalServerErrors": internal, "Throttles": throttle}),
    ))
}

/// What a guarded `/_sim` request needs besides not being cross-site.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    /// A change: a JSON body, from this machine or the page the simulator serves.
    Json,
    /// A read for tests only: from this machine.
    Loopback,
}

/// A changing `/_sim` request must be JSON and come from this machine (no cross-site `Origin`)
/// or from the page the simulator itself serves (`Origin` equal to `Host`), or be signed. A
/// loopback-only one must come from this machine, or be signed.
fn guard(shared: &Shared, req: &Request<Bytes>, now: DateTime, need: Need) -> Result<(), ApiError> {
    let json = need == Need::Loopback
        || req
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(ApiError::bad_request(format!(
            "POST {} takes a JSON body: send Content-Type: application/json",
            req.uri().path()
        )));
    }
    if req.headers().contains_key(http::header::AUTHORIZATION) {
        auth::verify(
            &shared.config.keys,
            &shared.config.region,
            appconfig_core::SERVICE,
            &SignedRequest::of(req),
            now,
        )?;
        return Ok(());
    }
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let origin = header(http::header::ORIGIN);
    let same_origin = origin
        .and_then(origin_authority)
        .zip(header(http::header::HOST))
        .is_some_and(|(o, h)| o.eq_ignore_ascii_case(h));
    let loopback_origin = origin
        .and_then(origin_authority)
        .is_some_and(|a| is_loopback_host(host_of(a)));
    let local_peer = req
        .extensions()
        .get::<Peer>()
        .is_none_or(|p| p.0.is_loopback());
    let allowed = match (origin, need) {
        (None, _) => local_peer,
        (Some(_), Need::Json) => same_origin || (loopback_origin && local_peer),
        (Some(_), Need::Loopback) => (same_origin || loopback_origin) && local_peer,
    };
    if allowed {
        return Ok(());
    }
    Err(ApiError::new(
        403,
        "AccessDeniedException",
        format!(
            "{} {} is accepted from this machine{}, or signed with SigV4; this request came from {}",
            req.method(),
            req.uri().path(),
            if need == Need::Json { " or from the page the simulator serves" } else { "" },
            origin.map_or_else(|| "another machine".to_owned(), |o| format!("origin {}", o.chars().take(100).collect::<String>())),
        ),
    ))
}
