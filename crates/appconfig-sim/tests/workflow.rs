//! The configuration workflow over HTTP: hosted versions as blob payloads with their members in
//! headers, creates and deletes, tags, refused inputs (vectors in `data/workflow-refused.json`)
//! and the state file keeping all of it.

mod common;

use std::time::SystemTime;

use appconfig_core::{sign, sign::SigningOptions, HttpRequest};
use common::*;
use serde_json::{json, Value};

/// A signed request with exactly these headers and body bytes.
async fn raw(sim: &Sim, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut req = HttpRequest {
        method: method.into(),
        url: format!("{}{}", sim.base, path),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_vec(),
    };
    let signed = sign(
        &req,
        &demo(),
        "us-east-1",
        "appconfig",
        SystemTime::now(),
        SigningOptions::default(),
    )
    .expect("signs");
    req.headers.extend(signed.headers);
    sim.send(req).await
}

/// Expands a vector's shorthand: "@N" is N characters, "@Ntags" a map of N tags.
fn expand(v: &Value) -> Value {
    match v {
        Value::String(s) if s.starts_with('@') => {
            let rest = &s[1..];
            if let Some(n) = rest.strip_suffix("tags") {
                let n: usize = n.parse().unwrap();
                Value::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect())
            } else {
                Value::String("d".repeat(rest.parse().unwrap()))
            }
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), expand(x))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inputs_the_model_refuses_are_refused_as_aws_does() {
    let sim = start(test_config(1.0)).await;
    let vectors: Value = serde_json::from_str(include_str!("data/workflow-refused.json")).unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let method = case["method"].as_str().unwrap();
        let path = case["path"].as_str().unwrap();
        let r = if let Some(body) = case.get("raw") {
            let headers: Vec<(&str, &str)> = case["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| (h[0].as_str().unwrap(), h[1].as_str().unwrap()))
                .collect();
            raw(
                &sim,
                method,
                path,
                &headers,
                body.as_str().unwrap().as_bytes(),
            )
            .await
        } else {
            let body = case.get("body").map(|b| expand(b).to_string());
            sim.call(method, path, body.as_deref()).await
        };
        assert_eq!(r.status, case["status"], "{name}: status; {}", r.text);
        assert_eq!(
            r.header("x-amzn-errortype"),
            case["code"].as_str(),
            "{name}: error type; {}",
            r.text
        );
        let want = case["message"].as_str().unwrap();
        assert!(
            r.message().contains(want),
            "{name}: message {:?} lacks {want:?}",
            r.message()
        );
        if r.status == 404 {
            assert!(
                r.json["ResourceName"].is_string(),
                "{name}: ResourceName; {}",
                r.text
            );
        }
    }
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hosted_versions_are_blobs_with_their_members_in_headers() {
    let sim = start(test_config(1.0)).await;
    let base = "/applications/web0001/configurationprofiles/wrbt001/hostedconfigurationversions";
    let content: Vec<u8> = (0..=255u8).chain(*b"\r\n\0end").collect();
    let r = raw(
        &sim,
        "POST",
        base,
        &[
            ("content-type", "application/octet-stream"),
            ("description", "binary bytes"),
            ("versionlabel", "bin-1"),
            ("latest-version-number", "12"),
        ],
        &content,
    )
    .await;
    assert_eq!(r.status, 201, "create: {}", r.text);
    assert_eq!(
        r.header("version-number"),
        Some("13"),
        "create: next number"
    );
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    let got = sim
        .client
        .get(format!("{}{base}/13", sim.base))
        .headers(signed_headers(&sim, &format!("{base}/13")))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200, "get");
    let h = got.headers().clone();
    for (name, want) in [
        ("application-id", "web0001"),
        ("configuration-profile-id", "wrbt001"),
        ("version-number", "13"),
        ("description", "binary bytes"),
        ("versionlabel", "bin-1"),
        ("content-type", "application/octet-stream"),
    ] {
        assert_eq!(
            h.get(name).and_then(|v| v.to_str().ok()),
            Some(want),
            "get: header {name}"
        );
    }
    assert_eq!(
        got.bytes().await.unwrap().to_vec(),
        content,
        "get: the same bytes"
    );

    // Listed newest first, filtered by label, paged with a token.
    let list = sim.get(&format!("{base}?max_results=2")).await;
    assert_eq!(list.status, 200, "list: {}", list.text);
    let numbers: Vec<i64> = list.json["Items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["VersionNumber"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [13, 12], "list: newest first");
    let token = list.json["NextToken"].as_str().unwrap();
    let next = sim
        .get(&format!(
            "{base}?max_results=2&next_token={}",
            appconfig_core::operation::encode_label(token)
        ))
        .await;
    assert_eq!(
        next.json["Items"][0]["VersionNumber"], 11,
        "list: second page"
    );
    let labelled = sim.get(&format!("{base}?version_label=bin-1")).await;
    assert_eq!(
        labelled.json["Items"].as_array().unwrap().len(),
        1,
        "list: by label"
    );
    assert_eq!(
        labelled.json["Items"][0]["ContentType"],
        "application/octet-stream"
    );

    // Deployed by label: the deployment names the number and the label.
    let d = sim
        .call(
            "POST",
            "/applications/web0001/environments/dev0001/deployments",
            Some(r#"{"DeploymentStrategyId":"AppConfig.AllAtOnce","ConfigurationProfileId":"wrbt001","ConfigurationVersion":"bin-1"}"#),
        )
        .await;
    assert_eq!(d.status, 201, "deploy: {}", d.text);
    assert_eq!(
        (
            d.json["ConfigurationVersion"].as_str(),
            d.json["VersionLabel"].as_str()
        ),
        (Some("13"), Some("bin-1"))
    );

    // Deleted: Get answers ResourceNotFoundException.
    let del = sim.call("DELETE", &format!("{base}/13"), None).await;
    assert_eq!((del.status, del.text.as_str()), (204, ""), "delete");
    let gone = sim.get(&format!("{base}/13")).await;
    gone.assert_error(404, "ResourceNotFoundException");
    assert_eq!(gone.json["ResourceName"], "HostedConfigurationVersion");
    sim.handle.shutdown().await;
}

/// The signed headers of a GET (for reading a body as bytes).
fn signed_headers(sim: &Sim, path: &str) -> reqwest::header::HeaderMap {
    let req = HttpRequest {
        method: "GET".into(),
        url: format!("{}{}", sim.base, path),
        headers: vec![],
        body: vec![],
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
    let mut h = reqwest::header::HeaderMap::new();
    for (k, v) in signed.headers {
        h.insert(
            reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    h
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_created_workflow_survives_a_restart_and_deletes_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(1.0);
    config.state_file = Some(dir.path().join("state.json"));
    let sim = start(config.clone()).await;
    let app = sim
        .call(
            "POST",
            "/applications",
            Some(r#"{"Name":"mine","Tags":{"team":"a"}}"#),
        )
        .await;
    assert_eq!(app.status, 201, "create application: {}", app.text);
    let a = app.json["Id"].as_str().unwrap().to_owned();
    let env = sim
        .call(
            "POST",
            &format!("/applications/{a}/environments"),
            Some(r#"{"Name":"dev","Tags":{"x":"y"}}"#),
        )
        .await;
    assert_eq!(
        (env.status, env.json["State"].as_str()),
        (201, Some("ReadyForDeployment")),
        "create environment: {}",
        env.text
    );
    let e = env.json["Id"].as_str().unwrap().to_owned();
    let p = sim
        .call(
            "POST",
            &format!("/applications/{a}/configurationprofiles"),
            Some(r#"{"Name":"flags","LocationUri":"hosted","Type":"AWS.AppConfig.FeatureFlags"}"#),
        )
        .await;
    assert_eq!(p.status, 201, "create profile: {}", p.text);
    let p = p.json["Id"].as_str().unwrap().to_owned();
    let doc =
        br#"{"version":"1","flags":{"beta":{"name":"Beta"}},"values":{"beta":{"enabled":true}}}"#;
    let v = raw(
        &sim,
        "POST",
        &format!("/applications/{a}/configurationprofiles/{p}/hostedconfigurationversions"),
        &[("content-type", "application/json")],
        doc,
    )
    .await;
    assert_eq!(v.status, 201, "create version: {}", v.text);
    let s = sim.call("POST", "/deploymentstrategies", Some(r#"{"Name":"quick","DeploymentDurationInMinutes":0,"GrowthFactor":100,"FinalBakeTimeInMinutes":0}"#)).await;
    assert_eq!(
        (
            s.status,
            s.json["GrowthType"].as_str(),
            s.json["ReplicateTo"].as_str()
        ),
        (201, Some("LINEAR"), Some("NONE")),
        "create strategy: {}",
        s.text
    );
    let s = s.json["Id"].as_str().unwrap().to_owned();
    let d = sim.call("POST", &format!("/applications/{a}/environments/{e}/deployments"), Some(&json!({"DeploymentStrategyId": s, "ConfigurationProfileId": p, "ConfigurationVersion": "1"}).to_string())).await;
    assert_eq!(d.status, 201, "start deployment: {}", d.text);
    let arn = format!("arn%3Aaws%3Aappconfig%3Aus-east-1%3A123456789012%3Aapplication%2F{a}%2Fconfigurationprofile%2F{p}");
    let t = sim
        .call(
            "POST",
            &format!("/tags/{arn}"),
            Some(r#"{"Tags":{"owner":"me"}}"#),
        )
        .await;
    assert_eq!(t.status, 204, "tag: {}", t.text);
    sim.handle.shutdown().await;

    let sim = start(config).await;
    let got = raw(
        &sim,
        "GET",
        &format!("/applications/{a}/configurationprofiles/{p}/hostedconfigurationversions/1"),
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (got.status, got.text.as_bytes()),
        (200, &doc[..]),
        "after restart: the version"
    );
    assert_eq!(
        sim.get(&format!("/tags/{arn}")).await.json["Tags"],
        json!({"owner": "me"}),
        "after restart: profile tags"
    );
    let app_arn = format!("arn%3Aaws%3Aappconfig%3Aus-east-1%3A123456789012%3Aapplication%2F{a}");
    assert_eq!(
        sim.get(&format!("/tags/{app_arn}")).await.json["Tags"],
        json!({"team": "a"}),
        "after restart: tags given at create"
    );
    let done = poll_until(
        &sim,
        &format!("/applications/{a}/environments/{e}/deployments/1"),
        5_000,
        |d| d["State"] == "COMPLETE",
    )
    .await;
    assert_eq!(
        done["State"], "COMPLETE",
        "after restart: the deployment completes"
    );
    let untag = sim
        .call("DELETE", &format!("/tags/{arn}?tagKeys=owner"), None)
        .await;
    assert_eq!(untag.status, 204, "untag");
    assert_eq!(
        sim.get(&format!("/tags/{arn}")).await.json["Tags"],
        json!({}),
        "untagged"
    );

    for (path, what) in [
        (
            format!("/applications/{a}/configurationprofiles/{p}/hostedconfigurationversions/1"),
            "version",
        ),
        (
            format!("/applications/{a}/configurationprofiles/{p}"),
            "profile",
        ),
        (format!("/applications/{a}/environments/{e}"), "environment"),
        (format!("/deployementstrategies/{s}"), "strategy"),
        (format!("/applications/{a}"), "application"),
    ] {
        let r = sim.call("DELETE", &path, None).await;
        assert_eq!(r.status, 204, "delete {what}: {}", r.text);
        let path = path.replace("deployementstrategies", "deploymentstrategies");
        sim.get(&path)
            .await
            .assert_error(404, "ResourceNotFoundException");
    }
    sim.get(&format!("/tags/{app_arn}"))
        .await
        .assert_error(404, "ResourceNotFoundException");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hundred_and_first_application_exceeds_the_quota() {
    let sim = start(test_config(1.0)).await;
    let mut created = 0;
    let last = loop {
        let r = sim
            .call(
                "POST",
                "/applications",
                Some(&format!(r#"{{"Name":"a{created}"}}"#)),
            )
            .await;
        if r.status != 201 || created > 200 {
            break r;
        }
        created += 1;
    };
    last.assert_error(402, "ServiceQuotaExceededException");
    assert_eq!(created, 97, "100 with the 3 seeded");
    sim.handle.shutdown().await;
}
