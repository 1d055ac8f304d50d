//! The simulator without a network: `Simulator::handle_request`, the entry point the server
//! itself answers every request through (SigV4 verification, routing and path decoding, the
//! query, the handlers and their JSON bodies, `/_sim` control endpoints, CORS preflights, the
//! store's progression), driven with any method, target, headers and body.
//!
//! An input is one or more requests separated by lines that are exactly `%%`, each framed as
//! HTTP with a start line `METHOD TARGET [FLAGS] [SECONDS]`: FLAGS holding `s` signs the request
//! with the demo key first (so that it gets past verification to the handlers; without it the
//! fuzzer's own `Authorization` header is checked), and SECONDS moves the simulator's clock
//! forward before the request (default 1; live deployments progress).
//!
//! What must hold: nothing panics (the simulator turns a panic into a 500, but libFuzzer's
//! panic hook aborts first, so a caught panic is still a crash here); every answer has a status
//! from 100 to 599, a `Date` header, and, when it says JSON, a body that is JSON.

use appconfig_core::{sign, DateTime, HttpRequest, sign::SigningOptions, operation::SERVICE};
use appconfig_sim::{Config, Key, Simulator};
use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request};

use crate::message::{split_messages, Message};

/// At most this many requests per input, so one input stays fast.
const MAX_REQUESTS: usize = 16;

/// Runs one input.
pub fn run(data: &[u8]) {
    let config = Config {
        speed: 60.0,
        ..Config::for_tests()
    };
    let Ok(sim) = Simulator::new(config) else {
        panic!("the test configuration makes a simulator");
    };
    let mut now = crate::fixed_now();
    for part in split_messages(data).into_iter().take(MAX_REQUESTS) {
        let m = Message::parse(part);
        let seconds: i64 = m.word(3).parse().unwrap_or(1);
        now = now.add_millis(seconds.clamp(-86_400, 86_400 * 30) * 1000);
        let Some(req) = request(&m, now) else {
            continue;
        };
        let resp = sim.handle_request(req, now);
        let status = resp.status().as_u16();
        assert!((100..600).contains(&status), "status {status}");
        assert!(
            resp.headers().contains_key(http::header::DATE),
            "no Date header"
        );
        // A hosted configuration version (its members in headers, `Version-Number` among them)
        // answers the bytes stored with the `Content-Type` given: the client's, not ours.
        let hosted = resp.headers().contains_key("version-number");
        let json = !hosted
            && resp
                .headers()
                .get(http::header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if json && !resp.body().is_empty() {
            serde_json::from_slice::<serde_json::Value>(resp.body())
                .unwrap_or_else(|e| panic!("a JSON answer that is not JSON: {e}"));
        }
    }
}

/// The request hyper would hand over, or None where hyper would refuse the bytes.
fn request(m: &Message, now: DateTime) -> Option<Request<Bytes>> {
    let method = http::Method::from_bytes(m.word(0).as_bytes()).ok()?;
    let uri: http::Uri = m.word(1).parse().ok()?;
    let mut builder = Request::builder().method(method.clone()).uri(uri.clone());
    let mut headers: Vec<(HeaderName, HeaderValue)> = Vec::new();
    for (k, v) in &m.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.trim().as_bytes()),
            HeaderValue::from_str(v.trim()),
        ) {
            headers.push((k, v));
        }
    }
    if m.word(2).contains('s') {
        sign_with_demo_key(&mut headers, method.as_str(), &uri, &m.body, now);
    }
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    builder.body(Bytes::from(m.body.clone())).ok()
}

/// Replaces the request's signature with the demo key's over all its headers, as an SDK would.
fn sign_with_demo_key(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    method: &str,
    uri: &http::Uri,
    body: &[u8],
    now: DateTime,
) {
    headers.retain(|(k, _)| k != http::header::AUTHORIZATION && k != "x-amz-date");
    if !headers.iter().any(|(k, _)| k == http::header::HOST) {
        headers.push((http::header::HOST, HeaderValue::from_static("localhost")));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in headers.iter() {
        let Ok(v) = v.to_str() else { continue };
        match pairs.iter_mut().find(|(name, _)| name == k.as_str()) {
            Some((_, value)) => {
                value.push(',');
                value.push_str(v);
            }
            None => pairs.push((k.as_str().to_owned(), v.to_owned())),
        }
    }
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
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
        appconfig_sim::DEMO_REGION,
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
            headers.push((k, v));
        }
    }
}
