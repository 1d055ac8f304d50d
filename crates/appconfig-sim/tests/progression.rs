//! Deployments progress on a fast clock exactly as `timeline::plan` says; stops, reverts,
//! alarms and the live staging environment.

mod common;

use appconfig_core::{model::GrowthType, Deployment};
use appconfig_core::{
    timeline,
    timeline::{percentage_description, plan, StrategyParams},
};
use common::*;
use serde_json::Value;

fn deployment(v: &Value) -> Deployment {
    serde_json::from_value(v.clone()).expect("a Deployment")
}

fn state(v: &Value) -> String {
    v["State"].as_str().unwrap_or_default().to_owned()
}

const FAST: &str = r#"{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"100"}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_deployment_follows_the_plan() {
    let speed = 60.0;
    let sim = start(test_config(speed)).await;
    let base = "/applications/web0001/environments/dev0001/deployments";
    let r = sim.call("POST", base, Some(FAST)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let n = r.json["DeploymentNumber"].as_i64().unwrap();
    let path = format!("{base}/{n}");
    // Watch it: DEPLOYING, then BAKING, then COMPLETE (2 simulated minutes = 2 s).
    let mut seen: Vec<String> = Vec::new();
    let mut env_states = std::collections::BTreeSet::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let last = loop {
        let d = sim.get(&path).await.json;
        let s = state(&d);
        if seen.last() != Some(&s) {
            seen.push(s.clone());
        }
        let env = sim.get("/applications/web0001/environments/dev0001").await;
        env_states.insert(env.json["State"].as_str().unwrap().to_owned());
        if s == "COMPLETE" || std::time::Instant::now() > deadline {
            break d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    };
    assert_eq!(seen, ["DEPLOYING", "BAKING", "COMPLETE"]);
    assert!(env_states.contains("Deploying"));
    let env = sim.get("/applications/web0001/environments/dev0001").await;
    assert_eq!(env.json["State"], "ReadyForDeployment");

    // The event log is the plan, scaled by the speed, newest first.
    let strategy = StrategyParams {
        growth_type: GrowthType::Linear,
        growth_factor: 50.0,
        duration_minutes: 1,
        final_bake_minutes: 1,
    };
    let p = plan(&strategy);
    let d = deployment(&last);
    let start = d.started_at.unwrap();
    let at = |offset_ms: i64| start.add_millis((offset_ms as f64 / speed).round() as i64);
    let mut expected: Vec<(String, String, String, appconfig_core::DateTime)> = vec![(
        "DEPLOYMENT_STARTED".into(),
        "USER".into(),
        "Deployment started".into(),
        start,
    )];
    for s in &p.steps {
        expected.push((
            "PERCENTAGE_UPDATED".into(),
            "APPCONFIG".into(),
            percentage_description(s.percentage),
            at(s.offset_ms),
        ));
    }
    expected.push((
        "BAKE_TIME_STARTED".into(),
        "APPCONFIG".into(),
        "Deployment bake time started".into(),
        at(p.bake_start_offset_ms),
    ));
    expected.push((
        "DEPLOYMENT_COMPLETED".into(),
        "APPCONFIG".into(),
        "Deployment completed".into(),
        at(p.complete_offset_ms),
    ));
    expected.reverse();
    let got: Vec<_> = d
        .event_log
        .clone()
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                e.event_type.unwrap().as_str().to_owned(),
                e.triggered_by.unwrap().as_str().to_owned(),
                e.description.unwrap(),
                e.occurred_at.unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(d.percentage_complete, Some(100.0));
    assert_eq!(d.completed_at, Some(at(p.complete_offset_ms)));
    // The core's timeline reads it back as the plan's steps.
    let t = timeline(&d, None);
    let pcts: Vec<f64> = t.steps.iter().map(|s| s.percentage).collect();
    assert_eq!(pcts, [50.0, 100.0]);
    assert!(t.bake.is_some() && !t.in_progress);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exponential_percentages_while_running() {
    let sim = start(test_config(600.0)).await;
    // Canary: EXPONENTIAL 10% over 20 min, bake 10: 10, 20, 40, 80, 100.
    let base = "/applications/pay0001/environments/prd0001/deployments";
    let body = r#"{"DeploymentStrategyId":"AppConfig.Canary10Percent20Minutes","ConfigurationProfileId":"pflags1","ConfigurationVersion":"30"}"#;
    let r = sim.call("POST", base, Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let path = format!("{base}/{}", r.json["DeploymentNumber"]);
    let mut percentages = Vec::new();
    let done = poll_until(&sim, &path, 10_000, |d| {
        let p = d["PercentageComplete"].as_f64().unwrap_or(-1.0);
        if d["State"] == "DEPLOYING" {
            // Never more than the plan allows, never decreasing.
            assert!([0.0, 10.0, 20.0, 40.0, 80.0, 100.0].contains(&p), "{p}");
        }
        d["State"] == "COMPLETE"
    })
    .await;
    for e in done["EventLog"].as_array().unwrap().iter().rev() {
        if e["EventType"] == "PERCENTAGE_UPDATED" {
            percentages.push(e["Description"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(
        percentages,
        [10.0, 20.0, 40.0, 80.0, 100.0].map(percentage_description)
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alarm_rolls_back_the_running_deployment() {
    let sim = start(test_config(60.0)).await;
    let base = "/applications/pay0001/environments/prd0001/deployments";
    // Nothing running: 409. Unknown environment: 404.
    let r = sim.alarm("pay0001", "prd0001").await;
    r.assert_error(409, "ConflictException");
    let r = sim.alarm("pay0001", "nope123").await;
    r.assert_error(404, "ResourceNotFoundException");
    let body = r#"{"DeploymentStrategyId":"AppConfig.Linear20PercentEvery6Minutes","ConfigurationProfileId":"pflags1","ConfigurationVersion":"31"}"#;
    let r = sim.call("POST", base, Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let path = format!("{base}/{}", r.json["DeploymentNumber"]);
    // Let it reach the first step (6 simulated minutes = 6 s at 60x is too long: wait 0.2 s).
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = sim.alarm("pay0001", "production").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["State"], "ROLLING_BACK");
    let ev = &r.json["EventLog"][0];
    assert_eq!(ev["EventType"], "ROLLBACK_STARTED");
    assert_eq!(ev["TriggeredBy"], "CLOUDWATCH_ALARM");
    assert!(ev["Description"]
        .as_str()
        .unwrap()
        .contains("arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-5xx-errors"));
    let env = sim.get("/applications/pay0001/environments/prd0001").await;
    assert_eq!(env.json["State"], "RollingBack");
    let d = poll_until(&sim, &path, 5_000, |d| d["State"] == "ROLLED_BACK").await;
    assert_eq!(d["State"], "ROLLED_BACK");
    assert_eq!(
        event_types(&d)[..2],
        ["ROLLBACK_COMPLETED", "ROLLBACK_STARTED"]
    );
    assert_eq!(d["EventLog"][0]["TriggeredBy"], "CLOUDWATCH_ALARM");
    let env = sim.get("/applications/pay0001/environments/prd0001").await;
    assert_eq!(env.json["State"], "RolledBack");
    // It never progresses after the rollback.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let again = sim.get(&path).await.json;
    assert_eq!(again, d);
    // A new deployment can start after a rollback.
    let r = sim.call("POST", base, Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_rolls_back_and_allow_revert_reverts() {
    let sim = start(test_config(120.0)).await;
    let base = "/applications/web0001/environments/dev0001/deployments";
    // 30 simulated minutes (15 s at 120x): still running when the stop arrives, even on a busy machine.
    let slow = r#"{"DeploymentStrategyId":"AppConfig.Linear20PercentEvery6Minutes","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"101"}"#;
    let r = sim.call("POST", base, Some(slow)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let n = r.json["DeploymentNumber"].as_i64().unwrap();
    let path = format!("{base}/{n}");
    let r = sim.call("DELETE", &path, None).await;
    assert_eq!(r.status, 202, "{}", r.text);
    assert_stop_answer(&r);
    let r = sim.get(&path).await;
    assert_eq!(r.json["State"], "ROLLING_BACK");
    assert_eq!(r.json["EventLog"][0]["EventType"], "ROLLBACK_STARTED");
    assert_eq!(r.json["EventLog"][0]["TriggeredBy"], "USER");
    assert!(r.json["EventLog"][0]["Description"]
        .as_str()
        .unwrap()
        .contains("123456789012"));
    let d = poll_until(&sim, &path, 3_000, |d| d["State"] == "ROLLED_BACK").await;
    assert_eq!(d["EventLog"][0]["EventType"], "ROLLBACK_COMPLETED");
    assert_eq!(d["EventLog"][0]["TriggeredBy"], "USER");
    // Stopping a rolled-back deployment is a bad request.
    sim.call("DELETE", &path, None)
        .await
        .assert_error(400, "BadRequestException");

    // A completed one: stop without Allow-Revert is refused, with it the deployment is reverted.
    let r = sim.call("POST", base, Some(FAST)).await;
    let n = r.json["DeploymentNumber"].as_i64().unwrap();
    let path = format!("{base}/{n}");
    poll_until(&sim, &path, 5_000, |d| d["State"] == "COMPLETE").await;
    sim.call("DELETE", &path, None)
        .await
        .assert_error(400, "BadRequestException");
    let r = sim
        .call_with(
            "DELETE",
            &path,
            None,
            &[("allow-revert", "maybe")],
            &demo(),
            std::time::SystemTime::now(),
        )
        .await;
    r.assert_error(400, "BadRequestException");
    let r = sim
        .call_with(
            "DELETE",
            &path,
            None,
            &[("allow-revert", "true")],
            &demo(),
            std::time::SystemTime::now(),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    assert_stop_answer(&r);
    let r = sim.get(&path).await;
    assert_eq!(r.json["State"], "REVERTED");
    assert_eq!(
        event_types(&r.json)[..2],
        ["REVERT_COMPLETED", "DEPLOYMENT_COMPLETED"]
    );
    assert_eq!(r.json["EventLog"][0]["TriggeredBy"], "USER");
    let env = sim.get("/applications/web0001/environments/dev0001").await;
    assert_eq!(env.json["State"], "Reverted");
    // Not twice, not an older one, not the 2021 example (more than 72 hours ago).
    for (p, hdr) in [
        (path.clone(), "true"),
        (format!("{base}/60"), "true"),
        (
            "/applications/339ohji/environments/54j1r29/deployments/1".to_owned(),
            "true",
        ),
    ] {
        sim.call_with(
            "DELETE",
            &p,
            None,
            &[("allow-revert", hdr)],
            &demo(),
            std::time::SystemTime::now(),
        )
        .await
        .assert_error(400, "BadRequestException");
    }
    // Unknown deployment: 404.
    sim.call("DELETE", &format!("{base}/999"), None)
        .await
        .assert_error(404, "ResourceNotFoundException");
    sim.handle.shutdown().await;
}

/// StopDeployment answers 202 with the numeric members only, all zero, as the AWS CLI's example
/// prints (aws-cli `examples/appconfig/stop-deployment.rst`).
fn assert_stop_answer(r: &Resp) {
    assert_eq!(
        r.text,
        r#"{"DeploymentDurationInMinutes":0,"DeploymentNumber":0,"FinalBakeTimeInMinutes":0,"GrowthFactor":0.0,"PercentageComplete":0.0}"#
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn baking_stops_only_with_allow_revert() {
    // The API reference: StopDeployment "works only on deployments that have a status of
    // DEPLOYING, unless an AllowRevert parameter is supplied", and then "the status of an
    // in-progress deployment will be ROLLED_BACK".
    let sim = start(test_config(60.0)).await;
    let base = "/applications/web0001/environments/dev0001/deployments";
    // All at once: BAKING at once, for 10 simulated minutes (10 s at 60x).
    let body = r#"{"DeploymentStrategyId":"AppConfig.AllAtOnce","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"102"}"#;
    let r = sim.call("POST", base, Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let path = format!("{base}/{}", r.json["DeploymentNumber"]);
    assert_eq!(sim.get(&path).await.json["State"], "BAKING");
    let r = sim.call("DELETE", &path, None).await;
    r.assert_error(400, "BadRequestException");
    assert!(r.message().contains("BAKING"), "{}", r.message());
    assert_eq!(sim.get(&path).await.json["State"], "BAKING");
    let r = sim
        .call_with(
            "DELETE",
            &path,
            None,
            &[("allow-revert", "true")],
            &demo(),
            std::time::SystemTime::now(),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    assert_stop_answer(&r);
    let d = poll_until(&sim, &path, 3_000, |d| d["State"] == "ROLLED_BACK").await;
    assert_eq!(
        event_types(&d)[..3],
        [
            "ROLLBACK_COMPLETED",
            "ROLLBACK_STARTED",
            "BAKE_TIME_STARTED"
        ]
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_staging_starts_the_next_deployment() {
    // live001 is 10 min + 2 min bake: 0.72 s at 1000x, then a 20 ms pause.
    let sim = start(test_config(1000.0)).await;
    let base = "/applications/pay0001/environments/stg0001/deployments";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let r = sim.get(base).await;
        let newest = r.json["Items"][0].clone();
        if newest["DeploymentNumber"].as_i64().unwrap() >= 3 {
            assert_eq!(newest["State"], "DEPLOYING");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no next deployment: {}",
            r.text
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let two = sim.get(&format!("{base}/2")).await.json;
    assert_eq!(two["State"], "COMPLETE");
    let three = sim.get(&format!("{base}/3")).await.json;
    let gap = appconfig_core::DateTime::parse(three["StartedAt"].as_str().unwrap())
        .unwrap()
        .millis_since(
            &appconfig_core::DateTime::parse(two["CompletedAt"].as_str().unwrap()).unwrap(),
        );
    assert_eq!(gap, 20, "a 20 s pause at 1000x");
    assert_eq!(three["ConfigurationVersion"], "23");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_versions_are_refused_and_the_live_chain_survives_the_largest() {
    // Stop staging, start with ConfigurationVersion u64::MAX; the chain's `+ 1`
    // overflowed, panicking the debug build, and every later signed call lost its connection.
    // At 60x the rollback takes 83 ms and the chain waits 333 ms before its next deployment.
    let sim = start(test_config(60.0)).await;
    let base = "/applications/pay0001/environments/stg0001/deployments";
    let r = sim.call("DELETE", &format!("{base}/2"), None).await;
    assert_eq!(r.status, 202, "{}", r.text);
    poll_until(&sim, &format!("{base}/2"), 5_000, |d| {
        d["State"] == "ROLLED_BACK"
    })
    .await;
    let body = |v: &str| {
        format!(
            r#"{{"DeploymentStrategyId":"fast001","ConfigurationProfileId":"pflags1","ConfigurationVersion":"{v}"}}"#
        )
    };
    for bad in ["18446744073709551615", "2147483648", "0"] {
        let r = sim.call("POST", base, Some(&body(bad))).await;
        r.assert_error(400, "BadRequestException");
        assert!(
            r.message().contains("configurationVersion"),
            "{}",
            r.message()
        );
    }
    let r = sim.call("POST", base, Some(&body("2147483647"))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let n = r.json["DeploymentNumber"].as_i64().unwrap();
    // fast001 is 2 simulated minutes: 2 s at 60x, then the pause.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let next = loop {
        let r = sim.get(base).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let newest = r.json["Items"][0].clone();
        if newest["DeploymentNumber"].as_i64().unwrap() > n {
            break newest;
        }
        assert!(std::time::Instant::now() < deadline, "no next deployment");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(next["ConfigurationVersion"], "1");
    assert_eq!(sim.get("/applications").await.status, 200);
    sim.handle.shutdown().await;
}
