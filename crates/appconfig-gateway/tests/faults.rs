//! The fault matrix: upstream down, slow, 500 and throttled. Every case answers an AWS-shaped
//! error within a bound, never hangs a client, and never shows a secret.

mod support;

use std::time::{Duration, Instant};

use support::*;

/// A gateway whose account `a` points at `endpoint`, with a short upstream timeout.
async fn gateway_to(endpoint: &str, dir: &std::path::Path) -> appconfig_gateway::GatewayHandle {
    let text = config_text(
        dir,
        endpoint,
        endpoint,
        "",
        "[limits]\nupstream_timeout_seconds = 0.5\nrequest_timeout_seconds = 3\n",
    );
    gateway(&text).await.0
}

async fn get(g: &appconfig_gateway::GatewayHandle, path: &str) -> (Got, Duration) {
    let started = Instant::now();
    let got = send(
        client()
            .get(format!("{}/v1/a/us-east-1/appconfig{path}", g.url()))
            .bearer_auth(TOKEN),
    )
    .await;
    (got, started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_down_is_a_502() {
    // A port that was just free: nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let g = gateway_to(&format!("http://127.0.0.1:{port}"), dir.path()).await;
    let (got, took) = get(&g, "/applications").await;
    assert_eq!(
        (got.status, got.error_type()),
        (502, Some("BadGatewayException")),
        "{}",
        got.body
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    got.assert_no_secret();
    g.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upstream_times_out_as_a_504() {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let g = gateway_to(&format!("http://{addr}"), dir.path()).await;
    let (got, took) = get(&g, "/applications").await;
    assert_eq!(
        (got.status, got.error_type()),
        (504, Some("GatewayTimeoutException")),
        "{}",
        got.body
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    got.assert_no_secret();
    // Concurrent readers of the same slow read all get the answer, none hangs.
    let mut tasks = Vec::new();
    for _ in 0..5 {
        let url = format!("{}/v1/a/us-east-1/appconfig/applications/x", g.url());
        tasks.push(tokio::spawn(send(client().get(url).bearer_auth(TOKEN))));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().status, 504);
    }
    g.shutdown().await;
    hold.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_500_and_throttling_pass_through_uncached() {
    let sim = simulator(KEY_A, "us-east-1").await;
    let dir = tempfile::tempdir().unwrap();
    let g = gateway_to(&sim.url(), dir.path()).await;
    let http = client();
    faults(
        &http,
        &sim,
        "{\"InternalServerErrors\": 1, \"Throttles\": 1}",
    )
    .await;
    let (throttled, _) = get(&g, "/applications").await;
    assert_eq!(
        (throttled.status, throttled.error_type()),
        (429, Some("ThrottlingException")),
        "{}",
        throttled.body
    );
    let (failed, _) = get(&g, "/applications").await;
    assert_eq!(
        (failed.status, failed.error_type()),
        (500, Some("InternalServerException")),
        "{}",
        failed.body
    );
    let (ok, _) = get(&g, "/applications").await;
    assert_eq!(ok.status, 200, "errors are not cached: {}", ok.body);
    for got in [&throttled, &failed, &ok] {
        got.assert_no_secret();
    }
    let metrics = send(http.get(format!("{}/metrics", g.url()))).await;
    for line in [
        "appconfig_gateway_upstream_errors_total{operation=\"ListApplications\",kind=\"throttled\"} 1",
        "appconfig_gateway_upstream_errors_total{operation=\"ListApplications\",kind=\"status_5xx\"} 1",
    ] {
        assert!(metrics.body.contains(line), "{line} in {}", metrics.body);
    }
    g.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_request_in_progress_finish() {
    let sim = simulator(KEY_A, "us-east-1").await;
    let dir = tempfile::tempdir().unwrap();
    let g = gateway_to(&sim.url(), dir.path()).await;
    let url = format!("{}/v1/a/us-east-1/appconfig/applications", g.url());
    let got = send(client().get(&url).bearer_auth(TOKEN)).await;
    assert_eq!(got.status, 200);
    let started = Instant::now();
    g.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "shutdown took {:?}",
        started.elapsed()
    );
    assert!(
        client().get(&url).send().await.is_err(),
        "still listening after shutdown"
    );
}
