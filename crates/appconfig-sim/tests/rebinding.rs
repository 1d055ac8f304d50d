//! DNS rebinding against `/_sim`: a page on `evil.example`, whose name the attacker points at
//! 127.0.0.1, sends requests with its own name in `Host` and `Origin` (equal to each other, as
//! for a same-origin request). Sent here as raw HTTP, as `curl -H 'Host: …'` would, so that
//! nothing in between rewrites the forged headers.

mod common;

use std::time::SystemTime;

use appconfig_core::sign::SigningOptions;
use appconfig_core::{sign, HttpRequest};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `head` (request line and headers, without the blank line) and `body` over a fresh
/// connection; the status and the body of the answer.
async fn raw(sim: &Sim, head: &str, body: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(sim.handle.addr())
        .await
        .unwrap();
    let request = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// A JSON POST to `path` with this `Host` and `Origin`.
async fn post(sim: &Sim, path: &str, host: &str, origin: &str, body: &str) -> (u16, String) {
    raw(
        sim,
        &format!("POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: application/json"),
        body,
    )
    .await
}

fn port(sim: &Sim) -> u16 {
    sim.handle.addr().port()
}

const ALARM: &str = r#"{"ApplicationId":"pay0001","EnvironmentId":"stg0001"}"#;

/// Nothing was injected and the running deployment was not rolled back.
async fn assert_untouched(sim: &Sim) {
    assert_eq!(
        sim.get("/applications").await.status,
        200,
        "stage: a fault was injected by a rebound page"
    );
    let d = sim
        .get("/applications/pay0001/environments/stg0001/deployments/2")
        .await;
    assert_eq!(
        d.json["State"], "DEPLOYING",
        "stage: an alarm was fired by a rebound page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebound_name_is_refused_with_equal_host_and_origin() {
    let sim = start(test_config(1.0)).await;
    let p = port(&sim);
    for host in [
        format!("evil.example:{p}"),
        format!("127.0.0.1.evil.example:{p}"),
        format!("localhost.evil.example:{p}"),
    ] {
        let origin = format!("http://{host}");
        for (path, body) in [
            ("/_sim/faults", r#"{"Throttles":1000}"#),
            ("/_sim/alarm", ALARM),
            ("/_sim/requests/reset", "{}"),
        ] {
            let (status, text) = post(&sim, path, &host, &origin, body).await;
            assert_eq!(status, 403, "POST {path} with Host {host}: {text}");
            assert!(text.contains("addressed to this simulator"), "{text}");
        }
        for path in ["/_sim/requests", "/_sim/info", "/_sim/health"] {
            let (status, text) = raw(
                &sim,
                &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}"),
                "",
            )
            .await;
            assert_eq!(status, 403, "GET {path} with Host {host}: {text}");
        }
    }
    // The right name on another port is another server.
    let other = format!("127.0.0.1:{}", p.wrapping_add(1));
    let (status, _) = post(
        &sim,
        "/_sim/faults",
        &other,
        &format!("http://{other}"),
        r#"{"Throttles":1000}"#,
    )
    .await;
    assert_eq!(status, 403, "Host {other}");
    assert_untouched(&sim).await;
    // Its own page, under any loopback name and the right port, still may.
    for host in [
        format!("127.0.0.1:{p}"),
        format!("localhost:{p}"),
        format!("[::1]:{p}"),
    ] {
        let (status, text) = post(
            &sim,
            "/_sim/faults",
            &host,
            &format!("http://{host}"),
            r#"{"Throttles":0}"#,
        )
        .await;
        assert_eq!(status, 200, "Host {host}: {text}");
    }
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebound_name_is_refused_even_with_a_private_key_or_a_signature() {
    let mut config = test_config(1.0);
    config.keys = vec![
        appconfig_sim::Key::parse("AKIDPRIVATE:privatesecret").unwrap(),
        appconfig_sim::Key::demo(),
    ];
    let sim = start(config).await;
    let p = port(&sim);
    let host = format!("evil.example:{p}");
    let (status, text) = post(&sim, "/_sim/alarm", &host, &format!("http://{host}"), ALARM).await;
    assert_eq!(
        status, 403,
        "unsigned alarm with a private key configured: {text}"
    );
    // The demo key is public: a rebound page can sign with it for its own host name.
    let url = format!("http://{host}/_sim/faults");
    let mut req = HttpRequest {
        method: "POST".into(),
        url,
        headers: vec![("content-type".into(), "application/json".into())],
        body: br#"{"Throttles":1000}"#.to_vec(),
    };
    let signed = sign(
        &req,
        &demo(),
        "us-east-1",
        "appconfig",
        SystemTime::now(),
        SigningOptions::default(),
    )
    .unwrap();
    req.headers.extend(signed.headers);
    let head = std::iter::once(format!("POST /_sim/faults HTTP/1.1\r\nHost: {host}"))
        .chain(req.headers.iter().map(|(k, v)| format!("{k}: {v}")))
        .chain(std::iter::once(format!("Origin: http://{host}")))
        .collect::<Vec<_>>()
        .join("\r\n");
    let (status, text) = raw(&sim, &head, r#"{"Throttles":1000}"#).await;
    assert_eq!(status, 403, "a demo-key signature for Host {host}: {text}");
    let private = appconfig_core::Credentials::new("AKIDPRIVATE", "privatesecret", None);
    let r = sim
        .call_with(
            "GET",
            "/applications/pay0001/environments/stg0001/deployments/2",
            None,
            &[],
            &private,
            SystemTime::now(),
        )
        .await;
    assert_eq!(r.status, 200, "stage: a fault was injected: {}", r.text);
    assert_eq!(r.json["State"], "DEPLOYING", "stage: the alarm fired");
    sim.handle.shutdown().await;
}
