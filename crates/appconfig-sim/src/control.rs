//! The `/_sim` endpoints: health, info, firing an alarm and injecting faults.

use appconfig_core::DateTime;
use serde_json::{json, Value};

use crate::api;
use crate::awserror::ApiError;
use crate::dispatch::Outcome;
use crate::http::{error_response, json_response};
use crate::state::{lock, Shared};

fn not_found() -> ApiError {
    ApiError::new(
        404,
        "NotFoundException",
        "Unknown simulator endpoint: GET /_sim/health, GET /_sim/info, POST /_sim/alarm, POST /_sim/faults",
    )
}

/// Answers a `/_sim` request.
pub(crate) fn sim_endpoint(
    shared: &Shared,
    method: &str,
    path: &str,
    body: &[u8],
    now: DateTime,
) -> Outcome {
    let result = match (method, path) {
        ("GET", "/_sim/health") => Ok(Outcome::unchanged(json_response(
            200,
            &json!({"status": "ok"}),
        ))),
        ("GET", "/_sim/info") => Ok(Outcome::unchanged(json_response(200, &info(shared, now)))),
        ("POST", "/_sim/alarm") => alarm(shared, body, now),
        ("POST", "/_sim/faults") => Ok(faults(shared, body)),
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
    let d = store.fire_alarm(app, env, now, shared.config.speed, &shared.config.region)?;
    Ok(Outcome {
        response: json_response(200, &api::to_json(&d)),
        changed: true,
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
