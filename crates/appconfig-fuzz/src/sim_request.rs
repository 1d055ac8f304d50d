//! The simulator's request handling without a network: SigV4 verification (the `Authorization`
//! header's parsing, the scope, the date), routing and path decoding, the query, the handlers
//! and their JSON bodies, the store's progression, and the state file, driven the way
//! `server.rs` drives them for each request.
//!
//! An input is one or more requests separated by lines that are exactly `%%`, each framed as
//! HTTP with a start line `METHOD PATH?QUERY [FLAGS] [SECONDS]`: FLAGS holding `s` signs the
//! request with the demo key first (so that it gets past verification to the handlers; without
//! it the fuzzer's own `Authorization` header is checked), and SECONDS moves the simulator's
//! clock forward before the request (default 1; live deployments progress).
//!
//! What must hold: nothing panics; an error is a 4xx or 5xx with a code; a reply's body
//! serializes; every deployment renders and has a timeline; the state file written after each
//! change loads again.

use appconfig_core::{sign, timeline, DateTime, HttpRequest, SigningOptions, SERVICE};
use appconfig_sim::api::{self, Call};
use appconfig_sim::auth::{self, SignedRequest};
use appconfig_sim::store::Store;
use appconfig_sim::{seed, Key};
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::message::{split_messages, Message};

/// The simulator's speed in the fuzzed runs: a 15-minute deployment takes 15 s.
const SPEED: f64 = 60.0;

/// At most this many requests per input, so one input stays fast.
const MAX_REQUESTS: usize = 16;

/// Runs one input.
pub fn run(data: &[u8]) {
    static SEEDED: std::sync::OnceLock<Store> = std::sync::OnceLock::new();
    let keys = [Key::demo()];
    let mut now = crate::fixed_now();
    let mut store = SEEDED
        .get_or_init(|| seed::seed(now, SPEED, "us-east-1"))
        .clone();
    for part in split_messages(data).into_iter().take(MAX_REQUESTS) {
        let m = Message::parse(part);
        let seconds: i64 = m.word(3).parse().unwrap_or(1);
        now = now.add_millis(seconds.clamp(-86_400, 86_400 * 30) * 1000);
        one_request(&keys, &mut store, &m, now);
    }
    // Once per input, not per request: rendering every deployment and the state file are the
    // slow part, and what a request broke stays broken until the end.
    for d in &store.deployments {
        let rendered = d.render(now);
        let _ = timeline(&rendered, Some(now));
        let _ = d.ended_at(now);
    }
    let state = serde_json::to_vec(&store).expect("the state serializes");
    let loaded: Store = serde_json::from_slice(&state)
        .unwrap_or_else(|e| panic!("the state file does not load again: {e}"));
    assert_eq!(loaded.deployments.len(), store.deployments.len());
}

fn one_request(keys: &[Key], store: &mut Store, m: &Message, now: DateTime) {
    let method = m.word(0);
    // hyper refuses a request line whose method or target is not valid HTTP: so do we.
    if http::Method::from_bytes(method.as_bytes()).is_err() {
        return;
    }
    let Ok(uri) = m.word(1).parse::<http::Uri>() else {
        return;
    };
    let path_and_query = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned());
    let mut headers = HeaderMap::new();
    for (k, v) in &m.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.trim().as_bytes()),
            HeaderValue::from_str(v.trim()),
        ) {
            headers.append(k, v);
        }
    }
    if m.word(2).contains('s') {
        sign_with_demo_key(&mut headers, method, &path_and_query, &m.body, now);
    }
    let result = handle(
        keys,
        store,
        method,
        &uri,
        &path_and_query,
        &headers,
        &m.body,
        now,
    );
    match result {
        Ok(body) => {
            serde_json::to_string(&body).expect("a reply serializes");
        }
        Err(e) => {
            assert!((400..600).contains(&e.status), "error status {}", e.status);
            assert!(!e.code.is_empty(), "an error without a code");
            serde_json::to_string(&e.body()).expect("an error body serializes");
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn handle(
    keys: &[Key],
    store: &mut Store,
    method: &str,
    uri: &http::Uri,
    path_and_query: &str,
    headers: &HeaderMap,
    body: &[u8],
    now: DateTime,
) -> Result<serde_json::Value, appconfig_sim::ApiError> {
    let is_api = api::is_api_path(uri.path());
    auth::verify(
        keys,
        &SignedRequest {
            method,
            path_and_query,
            headers,
            body,
        },
        now,
    )?;
    let Some(route) = api::route(method, uri.path())? else {
        return Err(appconfig_sim::ApiError::unknown_operation());
    };
    assert!(
        is_api,
        "{path_and_query} routed to {} but is not an API path",
        route.name()
    );
    let _ = route.is_read_only();
    let query = api::parse_query(uri.query())?;
    let allow_revert = headers.get("allow-revert").and_then(|v| v.to_str().ok());
    store.advance(now, SPEED);
    let call = Call {
        query: &query,
        allow_revert,
        body,
        now,
        speed: SPEED,
    };
    let reply = api::handle(store, &route, &call)?;
    assert!(
        (200..300).contains(&reply.status),
        "reply status {}",
        reply.status
    );
    Ok(reply.body)
}

/// Replaces the request's signature with the demo key's over all its headers, as an SDK would.
fn sign_with_demo_key(
    headers: &mut HeaderMap,
    method: &str,
    path_and_query: &str,
    body: &[u8],
    now: DateTime,
) {
    headers.remove(http::header::AUTHORIZATION);
    headers.remove("x-amz-date");
    if !headers.contains_key(http::header::HOST) {
        headers.insert(http::header::HOST, HeaderValue::from_static("localhost"));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for name in headers.keys() {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        pairs.push((name.as_str().to_owned(), values.join(",")));
    }
    let request = HttpRequest {
        method: method.to_owned(),
        url: format!("http://localhost{path_and_query}"),
        headers: pairs,
        body: body.to_vec(),
    };
    let key = Key::demo();
    let Ok(signed) = sign(
        &request,
        key.credentials(),
        "us-east-1",
        SERVICE,
        now.to_system_time(),
        SigningOptions::default(),
    ) else {
        return;
    };
    for (k, v) in signed.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            headers.insert(k, v);
        }
    }
}
