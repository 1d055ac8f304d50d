//! Every served operation and every error, through HTTP, with requests signed by the core.

mod common;

use std::time::{Duration, SystemTime};

use appconfig_core::{parse_response, Deployment, GetDeploymentInput, HttpResponse};
use common::*;
use serde_json::Value;

const EXAMPLES: &str = include_str!("data/examples-1.json");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applications_by_id_and_name() {
    let sim = start(test_config(1.0)).await;
    let r = sim.get("/applications").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_request_id(&r);
    let ids: Vec<&str> = r.json["Items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["339ohji", "pay0001", "web0001"]);
    assert!(r.json.get("NextToken").is_none());

    let r = sim.get("/applications/339ohji").await;
    assert_eq!(r.json["Name"], "Example-Application");
    let r = sim.get("/applications/payments-service").await;
    assert_eq!(r.json["Id"], "pay0001");
    let r = sim.get("/applications?max_results=2").await;
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 2);
    let token = r.json["NextToken"].as_str().unwrap().to_owned();
    let r = sim
        .get(&format!(
            "/applications?max_results=2&next_token={}",
            appconfig_core::operation::encode_label(&token)
        ))
        .await;
    assert_eq!(r.json["Items"][0]["Id"], "web0001", "{}", r.text);
    assert!(r.json.get("NextToken").is_none());
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn environments_and_their_state() {
    let sim = start(test_config(1.0)).await;
    let r = sim.get("/applications/pay0001/environments").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let items = r.json["Items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["Id"], "prd0001");
    // CamelCase, as AppConfig sends it (waiters-2.json, the API reference, aws-cli's example).
    assert_eq!(items[0]["State"], "ReadyForDeployment");
    assert!(items[0]["Monitors"][0]["AlarmArn"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:cloudwatch:us-east-1:123456789012:alarm:"));
    assert_eq!(items[1]["Id"], "stg0001");
    assert_eq!(items[1]["State"], "Deploying");
    let r = sim
        .get("/applications/payments-service/environments/production")
        .await;
    assert_eq!(r.json["Id"], "prd0001");
    assert_eq!(r.json["ApplicationId"], "pay0001");
    let r = sim.get("/applications/339ohji/environments/54j1r29").await;
    assert_eq!(r.json["Name"], "Example-Environment");
    assert_eq!(r.json["State"], "ReadyForDeployment");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_environments_and_monitors() {
    let mut config = test_config(1.0);
    config.extra_environments = 60;
    let sim = start(config).await;
    let r = sim.get("/applications/ext0001/environments").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 50);
    let token = r.json["NextToken"].as_str().unwrap();
    let r = sim
        .get(&format!(
            "/applications/ext0001/environments?next_token={}",
            appconfig_core::operation::encode_label(token)
        ))
        .await;
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 10);
    assert_eq!(r.json["Items"][9]["Id"], "x000060");
    let running = sim
        .get("/applications/ext0001/environments/x000011/deployments?max_results=1")
        .await;
    assert_eq!(running.json["Items"][0]["State"], "DEPLOYING");
    let done = sim
        .get("/applications/ext0001/environments/x000012/deployments/1")
        .await;
    assert_eq!(done.json["State"], "COMPLETE");
    assert_eq!(
        sim.get("/applications").await.json["Items"][3]["Id"],
        "ext0001"
    );
    // Seeded environments with monitors show the alarm and the role AppConfig assumes.
    for env in ["prd0001", "stg0001"] {
        let e = sim
            .get(&format!("/applications/pay0001/environments/{env}"))
            .await;
        let m = &e.json["Monitors"][0];
        assert!(
            m["AlarmArn"]
                .as_str()
                .unwrap()
                .starts_with("arn:aws:cloudwatch:us-east-1:123456789012:alarm:"),
            "{}",
            e.text
        );
        assert_eq!(
            m["AlarmRoleArn"],
            "arn:aws:iam::123456789012:role/appconfig-monitor"
        );
    }
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn botocore_example_deployment_member_for_member() {
    let sim = start(test_config(1.0)).await;
    let r = sim
        .get("/applications/339ohji/environments/54j1r29/deployments/1")
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let examples: Value = serde_json::from_str(EXAMPLES).unwrap();
    let expected: Deployment =
        serde_json::from_value(examples["examples"]["GetDeployment"][0]["output"].clone()).unwrap();
    let http = HttpResponse {
        status: r.status,
        headers: vec![],
        body: r.text.clone().into_bytes(),
    };
    let got = parse_response::<GetDeploymentInput>(&http).unwrap();
    assert_eq!(got, expected);
    // Same members, none extra, and timestamps with milliseconds and Z.
    let want_keys: Vec<String> = examples["examples"]["GetDeployment"][0]["output"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut got_keys: Vec<String> = r.json.as_object().unwrap().keys().cloned().collect();
    got_keys.sort();
    let mut want_sorted = want_keys.clone();
    want_sorted.sort();
    assert_eq!(got_keys, want_sorted);
    assert_eq!(r.json["StartedAt"], "2021-09-17T21:43:54.205Z");
    assert_eq!(r.json["CompletedAt"], "2021-09-17T21:59:03.888Z");
    assert_eq!(
        r.json["EventLog"][0]["OccurredAt"],
        "2021-09-17T21:59:03.888Z"
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_deployments_newest_first_with_pagination() {
    let sim = start(test_config(1.0)).await;
    let base = "/applications/web0001/environments/dev0001/deployments";
    let r = sim.get(base).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let items = r.json["Items"].as_array().unwrap();
    assert_eq!(items.len(), 50);
    assert_eq!(items[0]["DeploymentNumber"], 60);
    assert_eq!(items[49]["DeploymentNumber"], 11);
    let token = r.json["NextToken"].as_str().unwrap();
    let r = sim
        .get(&format!(
            "{base}?next_token={}",
            appconfig_core::operation::encode_label(token)
        ))
        .await;
    let items = r.json["Items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    assert_eq!(items[9]["DeploymentNumber"], 1);
    assert!(r.json.get("NextToken").is_none());

    // Pages of 7: every deployment once, strictly descending.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut states = std::collections::BTreeSet::new();
    loop {
        let mut path = format!("{base}?max_results=7");
        if let Some(t) = &token {
            path.push_str(&format!(
                "&next_token={}",
                appconfig_core::operation::encode_label(t)
            ));
        }
        let r = sim.get(&path).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let items = r.json["Items"].as_array().unwrap();
        assert!(items.len() <= 7);
        for i in items {
            seen.push(i["DeploymentNumber"].as_i64().unwrap());
            states.insert(i["State"].as_str().unwrap().to_owned());
            assert_eq!(i["Type"], "USER");
            // The storefront rolls out its JSON settings, YAML banner and robots.txt in turn.
            let name = i["ConfigurationName"].as_str().unwrap();
            assert!(
                ["storefront-settings", "storefront-banner", "robots-txt"].contains(&name),
                "{name}"
            );
        }
        match r.json.get("NextToken").and_then(Value::as_str) {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, (1..=60).rev().collect::<Vec<_>>());
    assert_eq!(
        states.into_iter().collect::<Vec<_>>(),
        ["COMPLETE", "REVERTED", "ROLLED_BACK"]
    );

    // Bad page parameters.
    for (q, msg) in [
        (
            "max_results=0",
            "Member must have value greater than or equal to 1",
        ),
        (
            "max_results=51",
            "Member must have value less than or equal to 50",
        ),
        ("max_results=abc", "Member must be an integer"),
        (
            "next_token=bm90LWEtdG9rZW4%3D",
            "pagination token is invalid",
        ),
        ("next_token=%25%25%25", "pagination token is invalid"),
    ] {
        let r = sim.get(&format!("{base}?{q}")).await;
        r.assert_error(400, "BadRequestException");
        assert!(r.message().contains(msg), "{q}: {}", r.message());
    }
    // A token of another environment is refused.
    let other = sim
        .get("/applications/pay0001/environments/prd0001/deployments?max_results=1")
        .await;
    let t = other.json["NextToken"].as_str().unwrap();
    let r = sim
        .get(&format!(
            "{base}?next_token={}",
            appconfig_core::operation::encode_label(t)
        ))
        .await;
    r.assert_error(400, "BadRequestException");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strategies_with_aws_values() {
    let sim = start(test_config(1.0)).await;
    let r = sim.get("/deploymentstrategies").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let ids: Vec<&str> = r.json["Items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Id"].as_str().unwrap())
        .collect();
    for id in [
        "1225qzk",
        "AppConfig.AllAtOnce",
        "AppConfig.Linear50PercentEvery30Seconds",
        "AppConfig.Canary10Percent20Minutes",
        "AppConfig.Linear20PercentEvery6Minutes",
        "fast001",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    for (id, growth, factor, duration, bake) in [
        ("AppConfig.AllAtOnce", "LINEAR", 100.0, 0, 10),
        (
            "AppConfig.Linear50PercentEvery30Seconds",
            "LINEAR",
            50.0,
            1,
            1,
        ),
        (
            "AppConfig.Canary10Percent20Minutes",
            "EXPONENTIAL",
            10.0,
            20,
            10,
        ),
        (
            "AppConfig.Linear20PercentEvery6Minutes",
            "LINEAR",
            20.0,
            30,
            30,
        ),
        ("fast001", "LINEAR", 50.0, 1, 1),
        ("1225qzk", "LINEAR", 25.0, 15, 0),
    ] {
        let r = sim.get(&format!("/deploymentstrategies/{id}")).await;
        assert_eq!(r.status, 200, "{id}: {}", r.text);
        assert_eq!(r.json["Id"], id);
        assert_eq!(r.json["GrowthType"], growth);
        assert_eq!(r.json["GrowthFactor"].as_f64(), Some(factor));
        assert_eq!(r.json["DeploymentDurationInMinutes"], duration);
        assert_eq!(r.json["FinalBakeTimeInMinutes"], bake);
    }
    let examples: Value = serde_json::from_str(EXAMPLES).unwrap();
    let want = &examples["examples"]["GetDeploymentStrategy"][0]["output"];
    let r = sim.get("/deploymentstrategies/1225qzk").await;
    assert_eq!(r.json["Name"], want["Name"]);
    assert_eq!(r.json["ReplicateTo"], want["ReplicateTo"]);
    let r = sim.get("/deploymentstrategies/zzzz999").await;
    r.assert_error(404, "ResourceNotFoundException");
    assert_eq!(r.json["ResourceName"], "DeploymentStrategy");
    let r = sim.get("/deploymentstrategies/NOT_VALID").await;
    r.assert_error(400, "BadRequestException");
    assert!(
        r.message().contains("regular expression"),
        "{}",
        r.message()
    );
    let r = sim.get("/deploymentstrategies?max_results=2").await;
    assert_eq!(r.json["Items"].as_array().unwrap().len(), 2);
    assert!(r.json["NextToken"].is_string());
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_payments_history() {
    let sim = start(test_config(1.0)).await;
    let p = "/applications/pay0001/environments/prd0001/deployments";
    let d1 = sim.get(&format!("{p}/1")).await.json;
    assert_eq!(d1["State"], "COMPLETE");
    assert_eq!(d1["GrowthType"], "EXPONENTIAL");
    assert_eq!(d1["PercentageComplete"].as_f64(), Some(100.0));

    let d2 = sim.get(&format!("{p}/2")).await.json;
    assert_eq!(d2["State"], "ROLLED_BACK");
    assert_eq!(
        event_types(&d2),
        [
            "ROLLBACK_COMPLETED",
            "ROLLBACK_STARTED",
            "BAKE_TIME_STARTED",
            "PERCENTAGE_UPDATED",
            "PERCENTAGE_UPDATED",
            "PERCENTAGE_UPDATED",
            "PERCENTAGE_UPDATED",
            "PERCENTAGE_UPDATED",
            "DEPLOYMENT_STARTED"
        ]
    );
    let rb = &d2["EventLog"][1];
    assert_eq!(rb["TriggeredBy"], "CLOUDWATCH_ALARM");
    assert!(rb["Description"]
        .as_str()
        .unwrap()
        .contains("arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-5xx-errors"));
    assert_eq!(
        rb["ActionInvocations"][0]["ErrorCode"],
        "Lambda.FunctionError"
    );
    assert!(rb["ActionInvocations"][0]["ErrorMessage"].is_string());
    assert_eq!(
        d2["AppliedExtensions"][1]["Parameters"]["slackChannel"],
        "#payments-oncall"
    );

    let d3 = sim.get(&format!("{p}/3")).await.json;
    assert_eq!(d3["State"], "REVERTED");
    assert_eq!(d3["EventLog"][0]["EventType"], "REVERT_COMPLETED");
    assert_eq!(d3["EventLog"][0]["TriggeredBy"], "USER");
    assert_eq!(d3["EventLog"][1]["EventType"], "DEPLOYMENT_COMPLETED");

    let d4 = sim.get(&format!("{p}/4")).await.json;
    assert_eq!(d4["State"], "COMPLETE");
    assert!(d4["EventLog"].as_array().unwrap().len() >= 200);
    assert!(d4["KmsKeyArn"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:kms:"));

    let s = "/applications/pay0001/environments/stg0001/deployments";
    assert_eq!(sim.get(&format!("{s}/1")).await.json["State"], "COMPLETE");
    let live = sim.get(&format!("{s}/2")).await.json;
    assert_eq!(live["State"], "DEPLOYING");
    assert_eq!(live["DeploymentDurationInMinutes"], 10);
    assert_eq!(live["FinalBakeTimeInMinutes"], 2);
    assert_eq!(event_types(&live), ["DEPLOYMENT_STARTED"]);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_bad_request_and_unknown_operation() {
    let sim = start(test_config(1.0)).await;
    for (path, resource) in [
        ("/applications/nope123", "Application"),
        ("/applications/nope123/environments", "Application"),
        ("/applications/pay0001/environments/nope123", "Environment"),
        (
            "/applications/pay0001/environments/prd0001/deployments/99",
            "Deployment",
        ),
        (
            "/applications/pay%20ments/environments/prd0001/deployments",
            "Application",
        ),
    ] {
        let r = sim.get(path).await;
        r.assert_error(404, "ResourceNotFoundException");
        assert_eq!(r.json["ResourceName"], resource, "{path}");
    }
    let long = "a".repeat(65);
    for path in [
        "/applications/pay0001/environments/prd0001/deployments/abc".to_owned(),
        "/applications/pay0001/environments/prd0001/deployments/-1".to_owned(),
        "/applications/pay0001/environments/prd0001/deployments/99999999999".to_owned(),
        format!("/applications/{long}"),
        "/applications/%E9%zz".to_owned(),
        "/applications/%C3".to_owned(),
        "/applications//environments".to_owned(),
    ] {
        sim.get(&path)
            .await
            .assert_error(400, "BadRequestException");
    }
    for (method, path) in [
        ("GET", "/applications/pay0001/extensions"),
        ("PUT", "/applications"),
        ("PUT", "/deploymentstrategies"),
        (
            "GET",
            "/applications/pay0001/environments/prd0001/deployments/1/extra",
        ),
    ] {
        sim.call(method, path, None)
            .await
            .assert_error(404, "UnknownOperationException");
    }
    // Unknown non-API paths, signed or not.
    sim.plain("GET", "/nothing/here", &[], "")
        .await
        .assert_error(404, "UnknownOperationException");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_deployment_validation_and_conflict() {
    let sim = start(test_config(1.0)).await;
    let p = "/applications/web0001/environments/dev0001/deployments";
    let ok_body = r#"{"DeploymentStrategyId":"AppConfig.Linear20PercentEvery6Minutes","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"7","Description":"test","Tags":{"team":"web"},"KmsKeyIdentifier":"alias/web","DynamicExtensionParameters":{"p":"v"}}"#;
    for (body, code, status) in [
        ("{not json", "BadRequestException", 400),
        ("[]", "BadRequestException", 400),
        (
            r#"{"ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1"}"#,
            "BadRequestException",
            400,
        ),
        (
            r#"{"DeploymentStrategyId":"BAD!","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1"}"#,
            "BadRequestException",
            400,
        ),
        (
            r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":""}"#,
            "BadRequestException",
            400,
        ),
        (
            r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":1}"#,
            "BadRequestException",
            400,
        ),
        (
            r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1","DynamicExtensionParameters":{}}"#,
            "BadRequestException",
            400,
        ),
        (
            r#"{"DeploymentStrategyId":"zzzz999","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1"}"#,
            "ResourceNotFoundException",
            404,
        ),
        (
            r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"nope","ConfigurationVersion":"1"}"#,
            "ResourceNotFoundException",
            404,
        ),
        (
            r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1","LatestDeploymentNumber":3}"#,
            "ConflictException",
            409,
        ),
    ] {
        let r = sim.call("POST", p, Some(body)).await;
        r.assert_error(status, code);
    }
    let r = sim.call("POST", p, Some(ok_body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["DeploymentNumber"], 61);
    assert_eq!(r.json["State"], "DEPLOYING");
    assert_eq!(r.json["ConfigurationName"], "storefront-settings");
    assert_eq!(r.json["ConfigurationLocationUri"], "hosted");
    assert_eq!(r.json["KmsKeyIdentifier"], "alias/web");
    assert_eq!(
        r.json["KmsKeyArn"],
        "arn:aws:kms:us-east-1:123456789012:alias/web"
    );
    assert_eq!(r.json["PercentageComplete"].as_f64(), Some(0.0));
    assert_eq!(event_types(&r.json), ["DEPLOYMENT_STARTED"]);
    assert_eq!(r.json["EventLog"][0]["TriggeredBy"], "USER");
    assert!(r.json.get("DynamicExtensionParameters").is_none());
    let env = sim.get("/applications/web0001/environments/dev0001").await;
    assert_eq!(env.json["State"], "Deploying");
    // A second one while it runs: 409, as for the live staging environment.
    let r = sim.call("POST", p, Some(ok_body)).await;
    r.assert_error(409, "ConflictException");
    let r = sim
        .call(
            "POST",
            "/applications/pay0001/environments/stg0001/deployments",
            Some(r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"pflags1","ConfigurationVersion":"1"}"#),
        )
        .await;
    r.assert_error(409, "ConflictException");
    // LatestDeploymentNumber matching is fine once nothing runs (example env: latest is 1).
    let r = sim
        .call(
            "POST",
            "/applications/Example-Application/environments/Example-Environment/deployments",
            Some(r#"{"DeploymentStrategyId":"1225qzk","ConfigurationProfileId":"ur8hx2f","ConfigurationVersion":"2","LatestDeploymentNumber":1}"#),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["DeploymentNumber"], 2);
    assert_eq!(r.json["ConfigurationName"], "Example-Configuration-Profile");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signature_errors_as_aws_sends_them() {
    let mut config = test_config(1.0);
    config
        .keys
        .push(appconfig_sim::Key::parse("AKIDTOKENKEY:tokensecret:SESSIONTOKEN1").unwrap());
    let sim = start(config).await;
    let now = SystemTime::now();
    let path = "/applications";

    // Missing.
    // Missing: the front end's XML, as captured from AppConfig (it was JSON).
    let r = sim.plain("GET", path, &[], "").await;
    r.assert_missing_token();

    // Wrong secret.
    let wrong = appconfig_core::Credentials::new(DEMO_ID, "not-the-secret", None);
    let r = sim.call_with("GET", path, None, &[], &wrong, now).await;
    r.assert_error(403, "InvalidSignatureException");
    assert_eq!(r.message(), "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    // Unknown key.
    let unknown = appconfig_core::Credentials::new("AKIDUNKNOWN", DEMO_SECRET, None);
    let r = sim.call_with("GET", path, None, &[], &unknown, now).await;
    r.assert_error(403, "UnrecognizedClientException");
    assert_eq!(
        r.message(),
        "The security token included in the request is invalid."
    );

    // Expired and not yet current, with AWS's messages.
    let old = now - Duration::from_secs(600);
    let r = sim.call_with("GET", path, None, &[], &demo(), old).await;
    r.assert_error(403, "InvalidSignatureException");
    let m = r.message().to_owned();
    let signed = amz_date(&appconfig_core::DateTime::from_system_time(old));
    assert!(
        m.starts_with(&format!("Signature expired: {signed} is now earlier than ")),
        "{m}"
    );
    assert!(m.ends_with(" - 5 min.)"), "{m}");
    check_expiry_arithmetic(&m);
    let future = now + Duration::from_secs(600);
    let r = sim.call_with("GET", path, None, &[], &demo(), future).await;
    r.assert_error(403, "InvalidSignatureException");
    assert!(
        r.message().starts_with("Signature not yet current: "),
        "{}",
        r.message()
    );
    assert!(r.message().ends_with(" + 5 min.)"), "{}", r.message());
    // Within 5 minutes is fine.
    let r = sim
        .call_with(
            "GET",
            path,
            None,
            &[],
            &demo(),
            now - Duration::from_secs(240),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);

    // Session tokens: required and checked for a key that has one.
    let with_token = appconfig_core::Credentials::new(
        "AKIDTOKENKEY",
        "tokensecret",
        Some("SESSIONTOKEN1".into()),
    );
    let r = sim
        .call_with("GET", path, None, &[], &with_token, now)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let without = appconfig_core::Credentials::new("AKIDTOKENKEY", "tokensecret", None);
    sim.call_with("GET", path, None, &[], &without, now)
        .await
        .assert_error(403, "UnrecognizedClientException");
    let bad_token =
        appconfig_core::Credentials::new("AKIDTOKENKEY", "tokensecret", Some("OTHER".into()));
    sim.call_with("GET", path, None, &[], &bad_token, now)
        .await
        .assert_error(403, "UnrecognizedClientException");

    // Tampering: a signature for one path sent with another, a changed signed header, a body
    // changed after signing.
    let get = |url: String| appconfig_core::HttpRequest {
        method: "GET".into(),
        url,
        ..Default::default()
    };
    let mut req = signed_by_demo(
        get(format!("{}/applications/pay0001", sim.base)),
        "us-east-1",
        "appconfig",
        now,
    );
    req.url = format!("{}/applications/web0001", sim.base);
    sim.send(req)
        .await
        .assert_error(403, "InvalidSignatureException");
    let mut req = signed_by_demo(
        get(format!("{}/applications?max_results=1", sim.base)),
        "us-east-1",
        "appconfig",
        now,
    );
    req.url = format!("{}/applications?max_results=2", sim.base);
    sim.send(req)
        .await
        .assert_error(403, "InvalidSignatureException");
    let mut req = signed_by_demo(
        appconfig_core::HttpRequest {
            method: "POST".into(),
            url: format!("{}/applications/web0001/environments/dev0001/deployments", sim.base),
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"1"}"#.to_vec(),
        },
        "us-east-1",
        "appconfig",
        now,
    );
    req.body = br#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"2"}"#.to_vec();
    sim.send(req)
        .await
        .assert_error(403, "InvalidSignatureException");

    // Another service's scope.
    let r = sim
        .send(signed_by_demo(
            get(format!("{}/applications", sim.base)),
            "us-east-1",
            "s3",
            now,
        ))
        .await;
    r.assert_error(403, "InvalidSignatureException");
    assert_eq!(
        r.message(),
        "Credential should be scoped to correct service: 'appconfig'. "
    );
    // Another region: refused as AWS refuses it (it used to be accepted).
    let r = sim
        .send(signed_by_demo(
            get(format!("{}/applications", sim.base)),
            "eu-central-1",
            "appconfig",
            now,
        ))
        .await;
    r.assert_error(403, "InvalidSignatureException");
    assert_eq!(
        r.message(),
        "Credential should be scoped to a valid region, not 'eu-central-1'. "
    );

    // Malformed Authorization headers.
    for auth in [
        "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/20240101/us-east-1/appconfig/aws4_request",
        "AWS AKIDAPPCONFIGSIMDEMO:abc",
        "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=00",
    ] {
        let r = sim
            .plain("GET", path, &[("authorization", auth), ("x-amz-date", "20240101T000000Z")], "")
            .await;
        assert!(r.status == 400 || r.status == 403, "{auth}: {}", r.text);
        assert!(r.header("x-amzn-errortype").is_some());
    }
    sim.handle.shutdown().await;
}

/// "Signature expired: A is now earlier than B (C - 5 min.)": B is C minus 5 minutes.
fn check_expiry_arithmetic(m: &str) {
    let b = m
        .split("earlier than ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let c = m.split('(').nth(1).unwrap().split(' ').next().unwrap();
    let parse = |s: &str| {
        appconfig_core::DateTime::parse(&format!(
            "{}-{}-{}T{}:{}:{}Z",
            &s[0..4],
            &s[4..6],
            &s[6..8],
            &s[9..11],
            &s[11..13],
            &s[13..15]
        ))
        .unwrap()
    };
    assert_eq!(parse(c).millis_since(&parse(b)), 300_000, "{m}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulator_in_another_region_wants_signatures_for_it() {
    let mut config = test_config(1.0);
    config.region = "eu-central-1".into();
    let sim = start(config).await;
    let now = SystemTime::now();
    let get = || appconfig_core::HttpRequest {
        method: "GET".into(),
        url: format!("{}/applications/pay0001/environments/prd0001", sim.base),
        ..Default::default()
    };
    let r = sim
        .send(signed_by_demo(get(), "us-east-1", "appconfig", now))
        .await;
    r.assert_error(403, "InvalidSignatureException");
    assert_eq!(
        r.message(),
        "Credential should be scoped to a valid region, not 'us-east-1'. "
    );
    let r = sim
        .send(signed_by_demo(get(), "eu-central-1", "appconfig", now))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json["Monitors"][0]["AlarmArn"],
        "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:payments-5xx-errors"
    );
    let info = sim.plain("GET", "/_sim/info", &[], "").await;
    assert_eq!(info.json["region"], "eu-central-1");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skewed_clock_rejects_honest_clients_and_says_so_in_date() {
    let mut config = test_config(1.0);
    config.skew_seconds = 900;
    let sim = start(config).await;
    let r = sim.get("/applications").await;
    r.assert_error(403, "InvalidSignatureException");
    assert!(
        r.message().starts_with("Signature expired: "),
        "{}",
        r.message()
    );
    let date = appconfig_core::DateTime::parse_http_date(r.header("date").unwrap()).unwrap();
    let real = appconfig_core::DateTime::from_system_time(SystemTime::now());
    let ahead = date.millis_since(&real);
    assert!((895_000..=905_000).contains(&ahead), "{ahead}");
    // A client that corrects its clock from Date gets through.
    let r = sim
        .call_with(
            "GET",
            "/applications",
            None,
            &[],
            &demo(),
            date.to_system_time(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_never_crashes_it() {
    let sim = start(test_config(1.0)).await;
    let long_path = format!("/applications/{}", "x".repeat(20_000));
    for path in [
        "/../../etc/passwd",
        "//",
        "/applications/%00",
        "/applications/%",
        long_path.as_str(),
        "/deploymentstrategies/%F0%9F%92%A9",
    ] {
        let r = sim.plain("GET", path, &[], "").await;
        assert!(r.status >= 400 && r.status < 500, "{path}: {}", r.status);
        let r = sim.call("GET", path, None).await;
        assert!(r.status >= 400 && r.status < 500, "{path}: {}", r.status);
    }
    // Binary garbage as a StartDeployment body.
    let garbage: String = (0..2000u32)
        .map(|i| char::from_u32(0x20 + (i * 7919) % 0x5f).unwrap())
        .collect();
    sim.call(
        "POST",
        "/applications/web0001/environments/dev0001/deployments",
        Some(&garbage),
    )
    .await
    .assert_error(400, "BadRequestException");
    // A huge header is refused by the HTTP layer, and the server lives on.
    let huge = "a".repeat(400_000);
    let r = sim
        .client
        .get(format!("{}/applications", sim.base))
        .header("x-huge", huge)
        .send()
        .await;
    if let Ok(r) = r {
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    // A body over the limit.
    let big = "x".repeat(2 * 1024 * 1024);
    let r = sim
        .plain(
            "POST",
            "/applications/web0001/environments/dev0001/deployments",
            &[],
            &big,
        )
        .await;
    assert_eq!(r.status, 413);
    // Bad /_sim bodies.
    for body in ["", "{", "[]", r#"{"ApplicationId":1}"#] {
        let r = sim.plain("POST", "/_sim/alarm", &[], body).await;
        r.assert_error(400, "BadRequestException");
    }
    let r = sim.get("/applications").await;
    assert_eq!(r.status, 200, "still alive");
    sim.handle.shutdown().await;
}

/// `req` with the demo key's signature headers added, signed for `region` and `service` at `now`.
fn signed_by_demo(
    mut req: appconfig_core::HttpRequest,
    region: &str,
    service: &str,
    now: SystemTime,
) -> appconfig_core::HttpRequest {
    let s = appconfig_core::sign(&req, &demo(), region, service, now, Default::default()).unwrap();
    req.headers.extend(s.headers);
    req
}
