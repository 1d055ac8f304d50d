//! CORS, the /_sim endpoints, serving a folder, and persistence across a restart (the
//! browser-signed pass-through is `appconfig-gateway proxy`, tested there).

mod common;

use std::time::SystemTime;

use appconfig_sim::{Server, SimError};
use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_everywhere() {
    let sim = start(test_config(1.0)).await;
    let origin = "http://localhost:8080";
    let r = sim
        .plain(
            "OPTIONS",
            "/applications/pay0001/environments/prd0001/deployments/1",
            &[
                ("origin", origin),
                ("access-control-request-method", "DELETE"),
                (
                    "access-control-request-headers",
                    "authorization,x-amz-date,allow-revert,x-future-sdk-header",
                ),
            ],
            "",
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "DELETE", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = r.header("access-control-allow-headers").unwrap();
    for h in [
        "authorization",
        "content-type",
        "x-amz-date",
        "x-amz-security-token",
        "x-amz-content-sha256",
        "x-amz-user-agent",
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "allow-revert",
        "x-appconfig-upstream-host",
        "x-future-sdk-header",
    ] {
        assert!(allowed.contains(h), "{h}");
    }
    // On errors, on successes and on /_sim, with the headers the SDKs read exposed.
    for r in [
        sim.plain("GET", "/applications", &[("origin", origin)], "")
            .await,
        sim.plain("GET", "/_sim/health", &[("origin", origin)], "")
            .await,
        sim.plain("GET", "/nope", &[("origin", origin)], "").await,
    ] {
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        let exposed = r
            .header("access-control-expose-headers")
            .unwrap()
            .to_ascii_lowercase();
        for h in ["x-amzn-errortype", "x-amzn-requestid", "date"] {
            assert!(exposed.contains(h), "{exposed}");
        }
    }
    let signed = sim.get("/applications").await;
    assert_eq!(signed.header("access-control-allow-origin"), Some("*"));
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_info_hands_out_only_the_public_demo_secret() {
    let sim = start(test_config(1.0)).await;
    let r = sim.plain("GET", "/_sim/info", &[], "").await;
    assert_eq!(r.json["accessKeyId"], appconfig_sim::DEMO_ACCESS_KEY_ID);
    assert_eq!(
        r.json["secretAccessKey"],
        appconfig_sim::DEMO_SECRET_ACCESS_KEY
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_endpoints() {
    let mut config = test_config(42.0);
    config.keys = vec![
        appconfig_sim::Key::parse("AKIDFIRST:firstsecret").unwrap(),
        appconfig_sim::Key::demo(),
    ];
    let sim = start(config).await;
    let r = sim.plain("GET", "/_sim/health", &[], "").await;
    assert_eq!(r.status, 200);
    let r = sim.plain("GET", "/_sim/info", &[], "").await;
    assert_eq!(r.json["simulator"], true);
    assert_eq!(r.json["region"], "us-east-1");
    assert_eq!(r.json["accessKeyId"], "AKIDFIRST");
    assert!(
        r.json.get("secretAccessKey").is_none(),
        "a configured key's secret must not be published: {}",
        r.text
    );
    assert_eq!(r.json["speed"].as_f64(), Some(42.0));
    sim.plain("GET", "/_sim/nothing", &[], "")
        .await
        .assert_error(404, "NotFoundException");
    // Injected faults: two 500s, then normal service.
    let json = [("content-type", "application/json")];
    let r = sim
        .plain(
            "POST",
            "/_sim/faults",
            &json,
            r#"{"InternalServerErrors":2}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    for _ in 0..2 {
        sim.get("/applications")
            .await
            .assert_error(500, "InternalServerException");
    }
    assert_eq!(sim.get("/applications").await.status, 200);
    sim.plain("POST", "/_sim/faults", &json, r#"{"Throttles":1}"#)
        .await;
    sim.get("/applications")
        .await
        .assert_error(429, "ThrottlingException");
    assert_eq!(sim.get("/applications").await.status, 200);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_changes_refuse_cross_site_and_plain_text_posts() {
    // Without these checks any web page could fire an alarm or inject faults with a plain
    // text/plain POST (no preflight), even with a private --key.
    let mut config = test_config(1.0);
    config.keys = vec![appconfig_sim::Key::parse("AKIDPRIVATE:privatesecret").unwrap()];
    let sim = start(config).await;
    let private = appconfig_core::Credentials::new("AKIDPRIVATE", "privatesecret", None);
    let faults = r#"{"InternalServerErrors":1}"#;
    let alarm = r#"{"ApplicationId":"pay0001","EnvironmentId":"stg0001"}"#;
    let evil = "https://evil.example";
    for path in ["/_sim/faults", "/_sim/alarm"] {
        let body = if path == "/_sim/faults" {
            faults
        } else {
            alarm
        };
        for ct in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ] {
            let r = sim
                .plain(
                    "POST",
                    path,
                    &[("content-type", ct), ("origin", evil)],
                    body,
                )
                .await;
            r.assert_error(400, "BadRequestException");
            assert!(r.message().contains("application/json"), "{}", r.message());
        }
        let r = sim
            .plain(
                "POST",
                path,
                &[("content-type", "application/json"), ("origin", evil)],
                body,
            )
            .await;
        r.assert_error(403, "AccessDeniedException");
        assert!(
            r.message().contains("origin https://evil.example"),
            "{}",
            r.message()
        );
        let r = sim
            .plain(
                "POST",
                path,
                &[("content-type", "application/json"), ("origin", "null")],
                body,
            )
            .await;
        r.assert_error(403, "AccessDeniedException");
    }
    // Nothing was injected, nothing rolled back.
    let r = sim
        .call_with(
            "GET",
            "/applications",
            None,
            &[],
            &private,
            SystemTime::now(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
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
    assert_eq!(r.json["State"], "DEPLOYING");
    // From a loopback page, from the simulator's own page, and signed from anywhere: accepted.
    let json = ("content-type", "application/json");
    for origin in [
        "http://localhost:8080",
        "http://127.0.0.1:3000",
        sim.base.as_str(),
    ] {
        let r = sim
            .plain(
                "POST",
                "/_sim/faults",
                &[json, ("origin", origin)],
                r#"{"Throttles":0}"#,
            )
            .await;
        assert_eq!(r.status, 200, "{origin}: {}", r.text);
    }
    let r = sim
        .call_with(
            "POST",
            "/_sim/faults",
            Some(r#"{"Throttles":1}"#),
            &[("origin", evil)],
            &private,
            SystemTime::now(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = sim
        .call_with(
            "GET",
            "/applications",
            None,
            &[],
            &private,
            SystemTime::now(),
        )
        .await;
    r.assert_error(429, "ThrottlingException");
    let wrong = appconfig_core::Credentials::new("AKIDPRIVATE", "wrong", None);
    sim.call_with(
        "POST",
        "/_sim/faults",
        Some(faults),
        &[("origin", evil)],
        &wrong,
        SystemTime::now(),
    )
    .await
    .assert_error(403, "InvalidSignatureException");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_requests_counts_api_calls_per_operation_until_a_reset() {
    let sim = start(test_config(1.0)).await;
    let json = [("content-type", "application/json")];
    let r = sim.plain("GET", "/_sim/requests", &[], "").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["total"], 0);
    for _ in 0..3 {
        sim.get("/applications/339ohji/environments/54j1r29/deployments/1")
            .await;
    }
    sim.get("/applications/pay0001/environments/prd0001/deployments?max_results=1")
        .await;
    sim.get("/applications/pay0001/environments").await;
    // Failed ones count too (they were received): unsigned, unknown operation.
    sim.plain("GET", "/applications", &[], "").await;
    sim.call("GET", "/applications/pay0001/extensions", None)
        .await;
    // Preflights, /_sim and files are not AWS API requests.
    sim.plain(
        "OPTIONS",
        "/applications",
        &[("origin", "http://localhost")],
        "",
    )
    .await;
    sim.plain("GET", "/_sim/health", &[], "").await;
    let r = sim.plain("GET", "/_sim/requests", &[], "").await;
    assert_eq!(
        r.json["operations"],
        serde_json::json!({"GetDeployment": 3, "ListDeployments": 1, "ListEnvironments": 1, "ListApplications": 1, "UnknownOperation": 1})
    );
    assert_eq!(r.json["total"], 7);
    let since = r.json["since"].as_str().unwrap().to_owned();
    // Loopback only: a page elsewhere cannot read it.
    sim.plain(
        "GET",
        "/_sim/requests",
        &[("origin", "https://evil.example")],
        "",
    )
    .await
    .assert_error(403, "AccessDeniedException");
    // Reset: a JSON POST, like the other changes.
    sim.plain("POST", "/_sim/requests/reset", &[], "")
        .await
        .assert_error(400, "BadRequestException");
    let r = sim.plain("POST", "/_sim/requests/reset", &json, "{}").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["total"], 0);
    assert!(r.json["since"].as_str().unwrap() >= since.as_str());
    sim.get("/deploymentstrategies").await;
    let r = sim.plain("GET", "/_sim/requests", &[], "").await;
    assert_eq!(
        r.json["operations"],
        serde_json::json!({"ListDeploymentStrategies": 1})
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_a_dashboard_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>dash</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/app.js"), "export {}").unwrap();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "no").unwrap();
    let mut config = test_config(1.0);
    config.serve_dir = Some(dir.path().to_owned());
    let sim = start(config).await;
    let html = [("accept", "text/html,application/xhtml+xml")];
    let r = sim.plain("GET", "/", &html, "").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r.text.contains("dash"));
    let r = sim.plain("GET", "/app_bg.wasm", &[], "").await;
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert!(r.text.starts_with("\0asm"));
    let r = sim.plain("GET", "/assets/app.js", &[], "").await;
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    // SPA fallback for pages, not for assets or API calls.
    let r = sim
        .plain("GET", "/deployments/pay0001/prd0001/2", &html, "")
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("dash"));
    sim.plain("GET", "/missing.js", &[], "")
        .await
        .assert_error(404, "UnknownOperationException");
    let r = sim.plain("GET", "/applications", &html, "").await;
    r.assert_missing_token();
    // No way out of the folder.
    let name = secret
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for p in [
        format!("/%2E%2E/{name}/secret.txt"),
        "/..%2F..%2Fetc%2Fpasswd".to_owned(),
        "/assets/%2E%2E/%2E%2E/Cargo.toml".to_owned(),
    ] {
        let r = sim.plain("GET", &p, &[], "").await;
        assert_eq!(r.status, 404, "{p}");
    }
    let r = sim.plain("HEAD", "/index.html", &[], "").await;
    assert_eq!(r.status, 200);
    assert!(r.text.is_empty());
    // Files and the SPA fallback carry a CSP with frame-ancestors, and nosniff (none was sent
    // before: any site could frame the page).
    for p in ["/", "/app_bg.wasm", "/deployments/pay0001/prd0001/2"] {
        let r = sim.plain("GET", p, &html, "").await;
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{p}");
        assert_eq!(
            r.header("content-security-policy"),
            Some("frame-ancestors 'self'"),
            "{p}"
        );
    }
    sim.handle.shutdown().await;
    let mut config = test_config(1.0);
    config.serve_dir = Some(dir.path().to_owned());
    config.frame_ancestors = "https://portal.example".into();
    let sim = start(config).await;
    let r = sim.plain("GET", "/", &html, "").await;
    assert_eq!(
        r.header("content-security-policy"),
        Some("frame-ancestors https://portal.example")
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let mut config = test_config(1.0);
    config.state_file = Some(file.clone());
    let sim = start(config.clone()).await;
    assert!(file.exists(), "written at start");
    let r = sim
        .call(
            "POST",
            "/applications/web0001/environments/dev0001/deployments",
            Some(r#"{"DeploymentStrategyId":"AppConfig.Linear20PercentEvery6Minutes","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"77","Description":"survives"}"#),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let before = sim
        .get("/applications/web0001/environments/dev0001/deployments/61")
        .await;
    sim.handle.shutdown().await;
    // No temporary file left behind; the file is JSON.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.json"]);
    let _: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();

    let sim = start(config.clone()).await;
    let after = sim
        .get("/applications/web0001/environments/dev0001/deployments/61")
        .await;
    assert_eq!(after.status, 200, "{}", after.text);
    assert_eq!(after.json["Description"], "survives");
    assert_eq!(after.json["StartedAt"], before.json["StartedAt"]);
    assert_eq!(after.json["State"], "DEPLOYING");
    // Not seeded twice.
    let list = sim.get("/applications").await;
    assert_eq!(list.json["Items"].as_array().unwrap().len(), 3);
    sim.handle.shutdown().await;

    // A corrupt state file is an error, not a silent reseed.
    std::fs::write(&file, "{ not json").unwrap();
    let err = Server::start(config).await.unwrap_err();
    assert!(matches!(err, SimError::InvalidState(_)), "{err}");
    assert!(err.to_string().starts_with("invalid state file"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_seed_means_empty_but_predefined_strategies() {
    let mut config = test_config(1.0);
    config.seed = false;
    let sim = start(config).await;
    let r = sim.get("/applications").await;
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 0);
    let r = sim.get("/deploymentstrategies").await;
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 4);
    sim.handle.shutdown().await;
}
