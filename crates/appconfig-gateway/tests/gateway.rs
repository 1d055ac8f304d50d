//! The gateway in front of two simulators standing for two accounts. Each simulator checks every
//! signature itself (with aws-sigv4's own request signer), so a 200 through the gateway proves
//! the request was signed with that account's key for that account's region.

mod support;

use std::time::Duration;

use support::*;

const RUNNING: &str = "/applications/ext0001/environments/x000001/deployments/1";
const FINISHED: &str = "/applications/ext0001/environments/x000002/deployments/1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_account_is_signed_with_its_own_key_for_its_region() {
    let w = world("", "").await;
    let a = w.get("a", "us-east-1", "/applications").await;
    assert_eq!(a.status, 200, "stage account a: {}", a.body);
    let b = w.get("b", "eu-west-1", "/applications").await;
    assert_eq!(b.status, 200, "stage account b: {}", b.body);
    assert_eq!(
        sim_requests(&w.http, &w.sim_a).await["operations"]["ListApplications"],
        1,
        "stage count a"
    );
    assert_eq!(
        sim_requests(&w.http, &w.sim_b).await["operations"]["ListApplications"],
        1,
        "stage count b"
    );
    a.assert_no_secret();
    b.assert_no_secret();
    // Regions and aliases the configuration does not have.
    let wrong_region = w.get("a", "eu-west-1", "/applications").await;
    assert_eq!(
        (wrong_region.status, wrong_region.error_type()),
        (404, Some("GatewayUnknownAccount"))
    );
    let unknown = w.get("nobody", "us-east-1", "/applications").await;
    assert_eq!(
        (unknown.status, unknown.error_type()),
        (404, Some("GatewayUnknownAccount"))
    );
    assert!(
        unknown.json()["message"]
            .as_str()
            .unwrap()
            .contains("no account"),
        "{}",
        unknown.body
    );
    let doubled = send(
        w.http
            .get(format!(
                "{}//v1/a/us-east-1/appconfig/applications",
                w.gateway.url()
            ))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(
        doubled.status, 200,
        "a base URL with a trailing slash: {}",
        doubled.body
    );
    let not_appconfig = w.get("a", "us-east-1", "/../../_sim/info").await;
    assert_eq!(not_appconfig.status, 404, "{}", not_appconfig.body);
    let write = send(
        w.http
            .post(w.url(
                "a",
                "us-east-1",
                "/applications/ext0001/environments/x000001/deployments",
            ))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(
        (write.status, write.error_type()),
        (404, Some("UnknownOperationException"))
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_calls_are_refused() {
    let w = world("", "").await;
    let none = send(w.http.get(w.url("a", "us-east-1", "/applications"))).await;
    assert_eq!(
        (none.status, none.error_type()),
        (401, Some("GatewayAuthenticationRequired"))
    );
    let wrong = send(
        w.http
            .get(w.url("a", "us-east-1", "/applications"))
            .bearer_auth("not-the-token-at-all"),
    )
    .await;
    assert_eq!(
        (wrong.status, wrong.error_type()),
        (401, Some("GatewayAuthenticationRequired"))
    );
    assert!(
        !wrong.body.contains("not-the-token-at-all"),
        "the token is repeated: {}",
        wrong.body
    );
    let sigv4 = send(
        w.http
            .get(w.url("a", "us-east-1", "/applications"))
            .header("authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/appconfig/aws4_request, SignedHeaders=host, Signature=00"),
    )
    .await;
    assert_eq!(
        sigv4.status, 401,
        "a browser-signed request is not an identity"
    );
    assert!(
        sigv4.json()["message"].as_str().unwrap().contains("Bearer"),
        "{}",
        sigv4.body
    );
    assert_eq!(
        sim_total(&w.http, &w.sim_a).await,
        0,
        "nothing reached the account"
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_reads_never_allow_a_change() {
    let w = world(
        "public_reads = true",
        "[[actions]]\naccount = \"a\"\napplication = \"ext0001\"\nenvironment = \"x000001\"\n",
    )
    .await;
    let read = send(w.http.get(w.url("a", "us-east-1", "/applications"))).await;
    assert_eq!(read.status, 200, "stage public read: {}", read.body);
    let stop = send(w.http.delete(w.url("a", "us-east-1", RUNNING))).await;
    assert_eq!(
        (stop.status, stop.error_type()),
        (401, Some("GatewayAuthenticationRequired"))
    );
    let lines = w.audit.lines();
    assert_eq!(lines.len(), 1, "stage audit: {lines:?}");
    assert!(
        lines[0].contains("\"result\":\"refused: not authenticated\""),
        "{}",
        lines[0]
    );
    assert_eq!(
        sim_requests(&w.http, &w.sim_a).await["operations"].get("StopDeployment"),
        None
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_only_where_listed_each_with_an_audit_line() {
    let w = world(
        "",
        "[[actions]]\naccount = \"a\"\napplication = \"ext0001\"\nenvironment = \"x000001\"\nrevert = false\n",
    )
    .await;
    let unlisted = "/applications/ext0001/environments/x000011/deployments/1";
    let refused = send(
        w.http
            .delete(w.url("a", "us-east-1", unlisted))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(
        (refused.status, refused.error_type()),
        (403, Some("GatewayForbidden")),
        "{}",
        refused.body
    );
    assert!(
        refused.json()["message"]
            .as_str()
            .unwrap()
            .contains("read-only"),
        "{}",
        refused.body
    );
    let other_account = send(
        w.http
            .delete(w.url("b", "eu-west-1", RUNNING))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(other_account.status, 403, "the rule is for account a only");
    let revert = send(
        w.http
            .delete(w.url("a", "us-east-1", RUNNING))
            .bearer_auth(TOKEN)
            .header("allow-revert", "true"),
    )
    .await;
    assert_eq!(
        (revert.status, revert.error_type()),
        (403, Some("GatewayForbidden")),
        "revert = false"
    );
    assert_eq!(
        sim_requests(&w.http, &w.sim_a).await["operations"].get("StopDeployment"),
        None,
        "stage nothing stopped"
    );
    // A viewer has the running deployment cached; the stop must not leave it stale.
    let before = w.get("a", "us-east-1", RUNNING).await;
    assert_eq!(
        before.json()["State"],
        "DEPLOYING",
        "stage running before: {}",
        before.body
    );
    let stopped = send(
        w.http
            .delete(w.url("a", "us-east-1", RUNNING))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(stopped.status / 100, 2, "stage stop: {}", stopped.body);
    assert_eq!(
        sim_requests(&w.http, &w.sim_a).await["operations"]["StopDeployment"],
        1,
        "stage reached"
    );
    let after = w.get("a", "us-east-1", RUNNING).await;
    assert_ne!(
        after.json()["State"],
        "DEPLOYING",
        "the cache was not invalidated: {}",
        after.body
    );
    let lines = w.audit.lines();
    assert_eq!(lines.len(), 4, "one line per change asked for: {lines:?}");
    let last: serde_json::Value = serde_json::from_str(&lines[3]).unwrap();
    assert_eq!(last["who"], "portal");
    assert_eq!(last["via"], "token");
    assert_eq!(last["operation"], "StopDeployment");
    assert_eq!(last["account"], "a");
    assert_eq!(last["application"], "ext0001");
    assert_eq!(last["environment"], "x000001");
    assert_eq!(last["deployment"], 1);
    assert_eq!(last["result"], "done");
    assert!(last["time"].as_str().unwrap().ends_with('Z'), "{last}");
    let first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(first["result"], "refused: not listed");
    let third: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    assert_eq!(third["operation"], "RevertDeployment");
    for line in &lines {
        assert!(
            !line.contains(TOKEN) && !line.contains(KEY_A.1),
            "a secret in the audit log: {line}"
        );
    }
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_only_for_configured_origins() {
    let w = world("", "").await;
    let url = w.url("a", "us-east-1", "/applications");
    let evil = send(
        w.http
            .get(&url)
            .bearer_auth(TOKEN)
            .header("origin", "https://evil.example"),
    )
    .await;
    assert_eq!(
        (evil.status, evil.error_type()),
        (403, Some("GatewayForbidden"))
    );
    assert_eq!(
        evil.header("access-control-allow-origin"),
        None,
        "no CORS header for a refused origin"
    );
    let pre_evil = send(
        w.http
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", "https://evil.example")
            .header("access-control-request-method", "GET"),
    )
    .await;
    assert_eq!(pre_evil.status, 403);
    assert_eq!(pre_evil.header("access-control-allow-origin"), None);
    let ok = send(
        w.http
            .get(&url)
            .bearer_auth(TOKEN)
            .header("origin", "https://portal.example"),
    )
    .await;
    assert_eq!(ok.status, 200);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://portal.example")
    );
    assert_eq!(ok.header("access-control-allow-credentials"), Some("true"));
    let pre = send(
        w.http
            .request(reqwest::Method::OPTIONS, w.url("a", "us-east-1", RUNNING))
            .header("origin", "https://portal.example")
            .header("access-control-request-method", "DELETE")
            .header(
                "access-control-request-headers",
                "authorization, allow-revert",
            ),
    )
    .await;
    assert_eq!(pre.status, 204);
    assert!(pre
        .header("access-control-allow-methods")
        .unwrap()
        .contains("DELETE"));
    assert!(pre
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    assert_eq!(
        sim_total(&w.http, &w.sim_a).await,
        1,
        "only the allowed read went upstream"
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_identical_reads_cost_one_upstream_request() {
    let w = world("", "").await;
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let req = w
            .http
            .get(w.url("a", "us-east-1", RUNNING))
            .bearer_auth(TOKEN);
        tasks.push(tokio::spawn(send(req)));
    }
    let mut caches = Vec::new();
    for t in tasks {
        let got = t.await.unwrap();
        assert_eq!(got.status, 200, "{}", got.body);
        caches.push(got.header("x-appconfig-gateway-cache").unwrap().to_owned());
    }
    assert_eq!(
        sim_requests(&w.http, &w.sim_a).await["operations"]["GetDeployment"],
        1,
        "40 reads, one upstream"
    );
    assert_eq!(
        caches.iter().filter(|c| *c == "miss").count(),
        1,
        "{caches:?}"
    );
    let metrics = send(w.http.get(format!("{}/metrics", w.gateway.url()))).await;
    assert!(
        metrics
            .body
            .contains("appconfig_gateway_upstream_requests_total{operation=\"GetDeployment\"} 1"),
        "{}",
        metrics.body
    );
    assert!(
        metrics.body.contains(
            "appconfig_gateway_requests_total{operation=\"GetDeployment\",status=\"200\"} 40"
        ),
        "{}",
        metrics.body
    );
    assert!(metrics.body.contains(
        "appconfig_gateway_upstream_latency_seconds_count{operation=\"GetDeployment\"} 1"
    ));
    let health = send(w.http.get(format!("{}/healthz", w.gateway.url()))).await;
    assert_eq!(health.status, 200);
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_deployments_are_fresh_briefly_finished_ones_long() {
    let w = world(
        "",
        "[cache]\nrunning_seconds = 0.4\nfinished_seconds = 60\nlist_seconds = 0.4\n",
    )
    .await;
    let count = |v: serde_json::Value| v["operations"]["GetDeployment"].as_u64().unwrap_or(0);
    for _ in 0..3 {
        assert_eq!(w.get("a", "us-east-1", RUNNING).await.status, 200);
        assert_eq!(w.get("a", "us-east-1", FINISHED).await.status, 200);
    }
    assert_eq!(
        count(sim_requests(&w.http, &w.sim_a).await),
        2,
        "stage within the windows"
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    let running = w.get("a", "us-east-1", RUNNING).await;
    assert_eq!(
        running.header("x-appconfig-gateway-cache"),
        Some("miss"),
        "a running deployment is fetched again"
    );
    let finished = w.get("a", "us-east-1", FINISHED).await;
    assert_eq!(
        finished.header("x-appconfig-gateway-cache"),
        Some("hit"),
        "a finished one is not"
    );
    assert_eq!(count(sim_requests(&w.http, &w.sim_a).await), 3);
    // Errors are never cached.
    let missing = w
        .get(
            "a",
            "us-east-1",
            "/applications/ext0001/environments/x000002/deployments/99",
        )
        .await;
    assert_eq!(missing.status, 404);
    let again = w
        .get(
            "a",
            "us-east-1",
            "/applications/ext0001/environments/x000002/deployments/99",
        )
        .await;
    assert_eq!(again.header("x-appconfig-gateway-cache"), Some("miss"));
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_accounts_rate_is_429_with_retry_after() {
    let sim_a = simulator(KEY_A, "us-east-1").await;
    let sim_b = simulator(KEY_B, "eu-west-1").await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(dir.path(), &sim_a.url(), &sim_b.url(), "", "").replace(
        "credentials = { profile = \"a\"",
        "upstream_rate = 0.5\nupstream_burst = 2\ncredentials = { profile = \"a\"",
    );
    let (gateway, _) = gateway(&text).await;
    let http = client();
    let get = |n: u32| {
        send(
            http.get(format!("{}/v1/a/us-east-1/appconfig/applications/ext0001/environments/x{n:06}/deployments/1", gateway.url()))
                .bearer_auth(TOKEN),
        )
    };
    assert_eq!(get(2).await.status, 200);
    assert_eq!(get(3).await.status, 200);
    let over = get(4).await;
    assert_eq!(
        (over.status, over.error_type()),
        (429, Some("ThrottlingException")),
        "{}",
        over.body
    );
    let wait: u64 = over.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
    // Cache hits take no share of the rate.
    assert_eq!(get(2).await.status, 200);
    assert_eq!(
        sim_total(&http, &sim_a).await,
        2,
        "the refused read did not reach AWS"
    );
    // The other account has its own rate.
    let b = send(
        http.get(format!(
            "{}/v1/b/eu-west-1/appconfig/applications",
            gateway.url()
        ))
        .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(b.status, 200);
    gateway.shutdown().await;
}
