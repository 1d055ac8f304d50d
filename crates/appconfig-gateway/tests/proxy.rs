//! `appconfig-gateway proxy`, the browser-signed pass-through, in front of a simulator standing
//! for AWS (`--upstream`): requests the core signs for the regional AWS host (proxy mode) verify
//! at the simulator; writes, other hosts, other CloudWatch operations and other origins are
//! refused; cookies are dropped and the upstream's `Date` kept.

use std::time::SystemTime;

use appconfig_core::cloudwatch::DescribeAlarmsInput;
use appconfig_core::operation::{ListDeploymentsInput, Target};
use appconfig_core::sign::Signer;
use appconfig_core::{ClientConfig, Credentials, GetDeploymentInput, HttpRequest};
use appconfig_gateway::{GatewayHandle, Proxy, ProxyConfig};
use appconfig_sim::{Config as SimConfig, Server};

const DEMO: (&str, &str) = ("AKIDAPPCONFIGSIMDEMO", "appconfig-sim-demo-secret-key");

fn demo() -> Credentials {
    Credentials::new(DEMO.0, DEMO.1, None)
}

async fn proxy(upstream: &str, allow: &[&str]) -> GatewayHandle {
    let mut config = ProxyConfig::default();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.upstream = Some(upstream.to_owned());
    config.allow_origins = allow.iter().map(|s| (*s).to_owned()).collect();
    Proxy::start(config).await.expect("stage start proxy")
}

struct Got {
    status: u16,
    headers: reqwest::header::HeaderMap,
    text: String,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or(serde_json::Value::Null)
    }
    fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(
            (self.status, self.header("x-amzn-errortype")),
            (status, Some(code)),
            "{}",
            self.text
        );
    }
}

async fn send(req: HttpRequest, extra: &[(&str, &str)]) -> Got {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut b = client.request(method, &req.url);
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    for (k, v) in extra {
        b = b.header(*k, *v);
    }
    let r = b.body(req.body).send().await.expect("stage send");
    Got {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        text: r.text().await.unwrap_or_default(),
    }
}

fn target(proxy: &GatewayHandle) -> Target {
    ClientConfig {
        region: Some("us-east-1".into()),
        proxy: Some(proxy.url()),
        ..Default::default()
    }
    .resolve()
    .unwrap()
}

fn deployment() -> GetDeploymentInput {
    GetDeploymentInput {
        application_id: "339ohji".into(),
        environment_id: "54j1r29".into(),
        deployment_number: 1,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwards_signed_reads_and_refuses_the_rest() {
    let sim = Server::start(SimConfig::for_tests()).await.unwrap();
    let proxy = proxy(&sim.url(), &["http://a"]).await;
    let proxy_url = proxy.url();
    let target = target(&proxy);
    assert!(target.is_proxied());
    // A GetDeployment signed for appconfig.us-east-1.amazonaws.com verifies at the upstream.
    let req = target
        .build_request(&deployment(), &demo(), SystemTime::now())
        .unwrap();
    assert_eq!(
        req.header("x-appconfig-upstream-host"),
        Some("appconfig.us-east-1.amazonaws.com")
    );
    let r = send(req, &[("origin", "http://localhost:8080")]).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["DeploymentNumber"], 1);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    // Upstream errors pass through with their type.
    let missing = ListDeploymentsInput {
        application_id: "nope123".into(),
        environment_id: "x".into(),
        max_results: Some(5),
        next_token: None,
    };
    let req = target
        .build_request(&missing, &demo(), SystemTime::now())
        .unwrap();
    send(req, &[])
        .await
        .assert_error(404, "ResourceNotFoundException");
    // A wrong secret is caught by the upstream, not the proxy.
    let wrong = Credentials::new(DEMO.0, "wrong", None);
    let req = target
        .build_request(&deployment(), &wrong, SystemTime::now())
        .unwrap();
    send(req, &[])
        .await
        .assert_error(403, "InvalidSignatureException");

    // Refusals: other hosts, writes, the simulator's own paths, no header.
    let good = target
        .build_request(&deployment(), &demo(), SystemTime::now())
        .unwrap();
    for host in [
        "example.com",
        "s3.us-east-1.amazonaws.com",
        "appconfig.us-east-1.amazonaws.com.evil.test",
        "127.0.0.1",
    ] {
        let mut req = good.clone();
        for h in req.headers.iter_mut() {
            if h.0 == "x-appconfig-upstream-host" {
                h.1 = host.into();
            }
        }
        send(req, &[])
            .await
            .assert_error(403, "AccessDeniedException");
    }
    let mut no_header = good.clone();
    no_header
        .headers
        .retain(|(k, _)| k != "x-appconfig-upstream-host");
    send(no_header, &[])
        .await
        .assert_error(403, "AccessDeniedException");
    for (method, path) in [
        (
            "POST",
            "/applications/web0001/environments/dev0001/deployments",
        ),
        (
            "DELETE",
            "/applications/pay0001/environments/stg0001/deployments/2",
        ),
        ("PATCH", "/applications/pay0001"),
        ("GET", "/_sim/info"),
    ] {
        let mut req = good.clone();
        req.method = method.into();
        req.url = format!("{proxy_url}{path}");
        send(req, &[])
            .await
            .assert_error(403, "AccessDeniedException");
    }
    // The live staging deployment was not stopped through the proxy.
    let check = target
        .build_request(
            &GetDeploymentInput {
                application_id: "pay0001".into(),
                environment_id: "stg0001".into(),
                deployment_number: 2,
            },
            &demo(),
            SystemTime::now(),
        )
        .unwrap();
    assert_eq!(send(check, &[]).await.json()["State"], "DEPLOYING");
    // Preflight.
    let r = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{proxy_url}/applications"),
        )
        .header("origin", "http://a")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-appconfig-upstream-host"));
    proxy.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwards_the_two_cloudwatch_reads_only() {
    let sim = Server::start(SimConfig::for_tests()).await.unwrap();
    let proxy = proxy(&sim.url(), &[]).await;
    let target = ClientConfig {
        proxy: Some(proxy.url()),
        ..Default::default()
    }
    .cloudwatch("us-east-1")
    .unwrap();
    let build = || {
        target
            .build_request(
                &mut Signer::new(),
                &DescribeAlarmsInput::by_names(["payments-staging-latency"]),
                &demo(),
                SystemTime::now(),
            )
            .unwrap()
    };
    let req = build();
    assert_eq!(
        req.header("x-appconfig-upstream-host"),
        Some("monitoring.us-east-1.amazonaws.com")
    );
    let r = send(req, &[]).await;
    assert_eq!(
        r.status, 200,
        "DescribeAlarms through the proxy: {}",
        r.text
    );
    assert_eq!(
        r.json()["MetricAlarms"][0]["AlarmName"],
        "payments-staging-latency"
    );
    // A write is refused by the proxy, signed or not.
    let mut write = build();
    for (k, v) in &mut write.headers {
        if k == "x-amz-target" {
            *v = "GraniteServiceVersion20100801.SetAlarmState".into();
        }
    }
    let r = send(write, &[]).await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert!(
        r.text.contains("DescribeAlarms/DescribeAlarmHistory"),
        "{}",
        r.text
    );
    proxy.shutdown().await;
    sim.shutdown().await;
}

/// A fake AppConfig that answers every request with a fixed response: a `Date` of 2001 and a
/// cookie.
async fn fixed_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = r#"{"Items":[]}"#;
                let _ = s
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nSet-Cookie: session=upstream; Path=/\r\nx-amzn-RequestId: 11111111-2222-3333-4444-555555555555\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_allowed_origins_only_drops_cookies_and_keeps_the_upstream_date() {
    let proxy = proxy(&fixed_upstream().await, &["https://portal.example"]).await;
    let target = target(&proxy);
    let input = ListDeploymentsInput {
        application_id: "pay0001".into(),
        environment_id: "prd0001".into(),
        max_results: None,
        next_token: None,
    };
    let req = |method: &str| {
        let mut r = target
            .build_request(&input, &demo(), SystemTime::now())
            .unwrap();
        r.method = method.into();
        r
    };
    for origin in [
        None,
        Some("https://portal.example"),
        Some("http://localhost:5173"),
    ] {
        let extra: Vec<(&str, &str)> = origin.iter().map(|o| ("origin", *o)).collect();
        let r = send(req("GET"), &extra).await;
        assert_eq!(r.status, 200, "{origin:?}: {}", r.text);
        assert_eq!(r.header("date"), Some("Mon, 01 Jan 2001 00:00:00 GMT"));
        assert_eq!(r.header("set-cookie"), None);
        assert_eq!(
            r.header("x-amzn-requestid"),
            Some("11111111-2222-3333-4444-555555555555")
        );
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some(origin.unwrap_or("*"))
        );
    }
    for origin in [
        "https://evil.example",
        "https://portal.example.evil.test",
        "null",
    ] {
        for method in ["GET", "OPTIONS"] {
            let r = send(req(method), &[("origin", origin)]).await;
            assert_eq!(r.status, 403, "{origin} {method}: {}", r.text);
            assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
            assert!(r.text.contains("--allow-origin"), "{}", r.text);
        }
    }
    proxy.shutdown().await;
}
