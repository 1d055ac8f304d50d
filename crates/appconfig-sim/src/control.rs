//! The `/_sim` endpoints: health, info, firing an alarm and injecting faults.
//!
//! Every `/_sim` request must name the simulator in its `Host`: the address its connection
//! arrived on (any loopback name on a loopback connection) and its port. A page whose DNS name
//! was rebound to this address still sends its own name, so it is refused, signed or not (the
//! demo key is public: a signature by it proves nothing about who sent it).
//!
//! The endpoints that change something take a JSON body only (a `Content-Type` that forces a
//! browser's CORS preflight) and only from this machine or the page the simulator serves, unless
//! the request is SigV4-signed with a configured key: a web page elsewhere cannot fire an alarm
//! with a plain `text/plain` form post. Over a connection from beyond loopback (`--host 0.0.0.0`)
//! they must be signed.

use appconfig_core::DateTime;
use bytes::Bytes;
use http::Request;
use serde_json::{json, Value};

use crate::api;
use crate::auth::{self, SignedRequest};
use crate::awserror::ApiError;
use crate::http::{
    error_response, host_of, is_loopback_host, json_response, origin_authority, Local, Outcome,
    Peer,
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
    if let Err(e) = addressed_here(req) {
        return Outcome::unchanged(error_response(&e));
    }
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
            appconfig_core::operation::SERVICE,
            &SignedRequest::of(req),
            now,
        )?;
        return Ok(());
    }
    if req
        .extensions()
        .get::<Local>()
        .is_some_and(|l| !l.0.ip().to_canonical().is_loopback())
    {
        return Err(ApiError::new(
            403,
            "AccessDeniedException",
            format!(
                "{} {} over a network connection must be signed with SigV4 by one of the simulator's keys",
                req.method(),
                req.uri().path()
            ),
        ));
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

/// A `Host` (or request-target authority) split into host and port: `[::1]:4010`,
/// `127.0.0.1:4010`, `localhost` (no port). `None` for anything else.
fn host_and_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (host, after) = rest.split_once(']')?;
            match after {
                "" => (host, None),
                p => (host, Some(p.strip_prefix(':')?)),
            }
        }
        None => match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    (!host.is_empty()).then_some((host, port))
}

/// True when `authority` names `local`: its port (80 when none is given), and its IP literal or,
/// on a loopback address, any loopback name (`localhost`, `127.0.0.1`, `[::1]`).
fn names(authority: &str, local: std::net::SocketAddr) -> bool {
    let Some((host, port)) = host_and_port(authority) else {
        return false;
    };
    let ip = local.ip().to_canonical();
    port.unwrap_or(80) == local.port()
        && if ip.is_loopback() {
            is_loopback_host(host)
        } else {
            host.parse::<std::net::IpAddr>()
                .is_ok_and(|h| h.to_canonical() == ip)
        }
}

/// Refuses a `/_sim` request received over a connection whose `Host` (and request-target, when
/// it has an authority) does not name the address the connection arrived on.
fn addressed_here(req: &Request<Bytes>) -> Result<(), ApiError> {
    let Some(Local(local)) = req.extensions().get::<Local>().copied() else {
        return Ok(());
    };
    let host = req.headers().get(http::header::HOST);
    let host = host.map(|v| v.to_str().unwrap_or_default());
    let target = req.uri().authority().map(|a| a.as_str());
    let named: Vec<&str> = host.into_iter().chain(target).collect();
    if !named.is_empty() && named.iter().all(|a| names(a, local)) {
        return Ok(());
    }
    let port = local.port();
    let expected = if local.ip().to_canonical().is_loopback() {
        format!("127.0.0.1:{port}, localhost:{port} or [::1]:{port}")
    } else {
        local.to_string()
    };
    Err(ApiError::new(
        403,
        "AccessDeniedException",
        format!(
            "{} {} answers only requests addressed to this simulator (Host {expected}); this one named {}",
            req.method(),
            req.uri().path(),
            named.first().map_or_else(|| "no host".to_owned(), |h| format!("Host {}", h.chars().take(100).collect::<String>())),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::state::Shared;

    fn request(method: &str, host: &str, local: &str, peer: &str) -> Request<Bytes> {
        let body = if method == "POST" {
            r#"{"Throttles":1}"#
        } else {
            ""
        };
        let mut req = Request::builder()
            .method(method)
            .uri(if method == "POST" {
                "/_sim/faults"
            } else {
                "/_sim/info"
            })
            .header("host", host)
            .header("content-type", "application/json")
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap();
        req.extensions_mut().insert(Local(local.parse().unwrap()));
        req.extensions_mut().insert(Peer(peer.parse().unwrap()));
        req
    }

    fn status(shared: &Shared, req: &Request<Bytes>) -> u16 {
        let now = DateTime::from_epoch_millis(1_700_000_000_000);
        sim_endpoint(shared, req, now).response.status().as_u16()
    }

    #[test]
    fn hosts_that_name_the_simulator() {
        let lo: std::net::SocketAddr = "127.0.0.1:4091".parse().unwrap();
        for yes in [
            "127.0.0.1:4091",
            "localhost:4091",
            "[::1]:4091",
            "LOCALHOST:4091",
        ] {
            assert!(names(yes, lo), "{yes}");
        }
        for no in [
            "evil.example:4091",
            "127.0.0.1:4092",
            "127.0.0.1",
            "127.0.0.1.evil.example:4091",
            "localhost.evil.example:4091",
            "[::1]x:4091",
            "127.0.0.1:",
            "127.0.0.1:4091:1",
            "",
        ] {
            assert!(!names(no, lo), "{no}");
        }
        let lan: std::net::SocketAddr = "192.0.2.10:80".parse().unwrap();
        assert!(names("192.0.2.10", lan));
        assert!(names("192.0.2.10:80", lan));
        assert!(!names("localhost:80", lan));
        assert!(!names("devbox.example", lan));
    }

    #[test]
    fn beyond_loopback_changes_must_be_signed() {
        let shared = Shared::new(Config::for_tests()).unwrap();
        // A request that reached the simulator over the network, named by its address.
        let lan = request("POST", "192.0.2.10:4010", "192.0.2.10:4010", "192.0.2.99");
        assert_eq!(
            status(&shared, &lan),
            403,
            "an unsigned change from the network"
        );
        let info = request("GET", "192.0.2.10:4010", "192.0.2.10:4010", "192.0.2.99");
        assert_eq!(status(&shared, &info), 200, "reading the public info");
        let rebound = request("GET", "evil.example:4010", "192.0.2.10:4010", "192.0.2.99");
        assert_eq!(status(&shared, &rebound), 403, "a rebound name");
        // Signed by one of its keys, the change is accepted from the network.
        let body = br#"{"Throttles":1}"#.to_vec();
        let unsigned = appconfig_core::HttpRequest {
            method: "POST".into(),
            url: "http://192.0.2.10:4010/_sim/faults".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.clone(),
        };
        let time = DateTime::from_epoch_millis(1_700_000_000_000).to_system_time();
        let signed = appconfig_core::sign(
            &unsigned,
            &crate::config::Key::demo(),
            "us-east-1",
            "appconfig",
            time,
            appconfig_core::sign::SigningOptions::default(),
        )
        .unwrap();
        let mut req = request("POST", "192.0.2.10:4010", "192.0.2.10:4010", "192.0.2.99");
        for (k, v) in unsigned.headers.iter().chain(&signed.headers) {
            req.headers_mut().insert(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        assert_eq!(
            status(&shared, &req),
            200,
            "a signed change from the network"
        );
        // Over loopback (a wildcard listener, curl on this machine), unsigned is accepted.
        let local = request("POST", "127.0.0.1:4010", "127.0.0.1:4010", "127.0.0.1");
        assert_eq!(status(&shared, &local), 200);
        let mapped = request(
            "POST",
            "localhost:4010",
            "[::ffff:127.0.0.1]:4010",
            "127.0.0.1",
        );
        assert_eq!(
            status(&shared, &mapped),
            200,
            "an IPv4-mapped loopback address"
        );
    }
}
