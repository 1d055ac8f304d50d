//! CloudWatch's alarm reads through the gateway, against the simulators (which serve CloudWatch
//! and check every signature for the service `monitoring`): the requests are the core's own
//! gateway-mode requests, unsigned; only DescribeAlarms and DescribeAlarmHistory pass, signed
//! for the account; identical reads share one upstream request.

mod support;

use appconfig_core::cloudwatch::{
    CloudWatchOperation, DescribeAlarmHistoryInput, DescribeAlarmsInput,
};
use appconfig_core::{ClientConfig, Credentials, DateTime, HttpRequest};
use support::*;

const ALARMS: [&str; 2] = ["payments-staging-latency", "payments-staging-canary"];

/// The request the core builds for a gateway client (what the dashboard and elements send).
fn core_request<O: CloudWatchOperation>(
    w: &World,
    account: &str,
    region: &str,
    op: &O,
) -> HttpRequest {
    let target = ClientConfig {
        region: Some(region.into()),
        gateway: Some(w.gateway.url()),
        account: Some(account.into()),
        ..Default::default()
    }
    .cloudwatch(region)
    .expect("stage cloudwatch target");
    let req = target
        .build_request(
            &mut appconfig_core::sign::Signer::new(),
            op,
            &Credentials::new("unused", "unused", None),
            std::time::SystemTime::now(),
        )
        .expect("stage build");
    assert!(
        !req.headers
            .iter()
            .any(|(k, _)| k.starts_with("x-amz") || k == "authorization"),
        "stage unsigned: {req:?}"
    );
    req
}

async fn post(w: &World, req: &HttpRequest) -> Got {
    let mut r = w.http.post(&req.url).bearer_auth(TOKEN);
    for (k, v) in &req.headers {
        r = r.header(k.as_str(), v.as_str());
    }
    send(r.body(req.body.clone())).await
}

fn monitoring_url(w: &World, account: &str, region: &str, op: &str) -> String {
    format!("{}/v1/{account}/{region}/monitoring/{op}", w.gateway.url())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alarm_reads_are_signed_for_each_account() {
    let w = world("", "").await;
    let a = post(
        &w,
        &core_request(&w, "a", "us-east-1", &DescribeAlarmsInput::by_names(ALARMS)),
    )
    .await;
    assert_eq!(a.status, 200, "stage account a: {}", a.body);
    let body = a.json();
    let names: Vec<&str> = body["MetricAlarms"]
        .as_array()
        .expect("stage MetricAlarms")
        .iter()
        .filter_map(|m| m["AlarmName"].as_str())
        .collect();
    assert_eq!(names.len(), 2, "stage both alarms: {}", a.body);
    assert!(
        a.json()["MetricAlarms"][0]["AlarmArn"]
            .as_str()
            .unwrap()
            .contains(":us-east-1:"),
        "stage the account's region: {}",
        a.body
    );
    a.assert_no_secret();
    // Account b's simulator is another key and region: a 200 means signed with b's key for it.
    let b = post(
        &w,
        &core_request(&w, "b", "eu-west-1", &DescribeAlarmsInput::by_names(ALARMS)),
    )
    .await;
    assert_eq!(b.status, 200, "stage account b: {}", b.body);
    assert!(
        b.body.contains(":eu-west-1:"),
        "stage b's alarms: {}",
        b.body
    );
    b.assert_no_secret();
    let now = DateTime::from_system_time(std::time::SystemTime::now());
    let history = DescribeAlarmHistoryInput::state_updates(
        Some(ALARMS[0].into()),
        now.add_millis(-3 * 3600 * 1000),
        now,
    );
    let h = post(&w, &core_request(&w, "a", "us-east-1", &history)).await;
    assert_eq!(h.status, 200, "stage history: {}", h.body);
    assert!(
        h.json()["AlarmHistoryItems"].is_array(),
        "stage history items: {}",
        h.body
    );
    let ops = &sim_requests(&w.http, &w.sim_a).await["operations"];
    assert_eq!(ops["DescribeAlarms"], 1, "stage count at a: {ops}");
    assert_eq!(ops["DescribeAlarmHistory"], 1, "stage count at a: {ops}");
    // The alarms' region must be one of the account's.
    let wrong = post(
        &w,
        &core_request(&w, "a", "eu-west-1", &DescribeAlarmsInput::by_names(ALARMS)),
    )
    .await;
    assert_eq!(
        (wrong.status, wrong.error_type()),
        (404, Some("GatewayUnknownAccount"))
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_two_reads_pass() {
    let w = world(
        "",
        // Even where Stop is allowed, CloudWatch stays read-only.
        "[[actions]]\naccount = \"a\"\napplication = \"*\"\nenvironment = \"*\"\n",
    )
    .await;
    for (op, body) in [
        (
            "SetAlarmState",
            r#"{"AlarmName": "payments-staging-latency", "StateValue": "ALARM", "StateReason": "x"}"#,
        ),
        (
            "PutMetricAlarm",
            r#"{"AlarmName": "x", "MetricName": "m", "Namespace": "n"}"#,
        ),
        (
            "DeleteAlarms",
            r#"{"AlarmNames": ["payments-staging-latency"]}"#,
        ),
        (
            "DisableAlarmActions",
            r#"{"AlarmNames": ["payments-staging-latency"]}"#,
        ),
    ] {
        let got = send(
            w.http
                .post(monitoring_url(&w, "a", "us-east-1", op))
                .bearer_auth(TOKEN)
                .header("content-type", "application/x-amz-json-1.0")
                .body(body),
        )
        .await;
        assert_eq!(
            (got.status, got.error_type()),
            (404, Some("UnknownOperationException")),
            "{op}: {}",
            got.body
        );
    }
    // The AWS way of naming the operation is not taken either: the gateway reads the path.
    let target = send(
        w.http
            .post(format!("{}/v1/a/us-east-1/monitoring/", w.gateway.url()))
            .bearer_auth(TOKEN)
            .header(
                "x-amz-target",
                "GraniteServiceVersion20100801.SetAlarmState",
            )
            .header("content-type", "application/x-amz-json-1.0")
            .body(r#"{"AlarmName": "payments-staging-latency", "StateValue": "ALARM"}"#),
    )
    .await;
    assert_eq!(target.status, 404, "{}", target.body);
    // Members the reads do not have, and the query protocol's form, are refused.
    let extra = send(
        w.http
            .post(monitoring_url(&w, "a", "us-east-1", "DescribeAlarms"))
            .bearer_auth(TOKEN)
            .body(r#"{"AlarmNames": ["a"], "StateValue": "ALARM"}"#),
    )
    .await;
    assert_eq!(
        (extra.status, extra.error_type()),
        (400, Some("BadRequestException"))
    );
    let get = send(
        w.http
            .get(monitoring_url(&w, "a", "us-east-1", "DescribeAlarms"))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(get.status, 404, "{}", get.body);
    // Unauthenticated reads are refused like AppConfig's.
    let anonymous = send(
        w.http
            .post(monitoring_url(&w, "a", "us-east-1", "DescribeAlarms"))
            .body(r#"{"AlarmNames": ["payments-staging-latency"]}"#),
    )
    .await;
    assert_eq!(
        (anonymous.status, anonymous.error_type()),
        (401, Some("GatewayAuthenticationRequired"))
    );
    let ops = &sim_requests(&w.http, &w.sim_a).await;
    assert_eq!(ops["total"], 0, "nothing reached the account: {ops}");
    // The alarm is untouched.
    let state = post(
        &w,
        &core_request(
            &w,
            "a",
            "us-east-1",
            &DescribeAlarmsInput::by_names([ALARMS[0]]),
        ),
    )
    .await;
    assert_ne!(
        state.json()["MetricAlarms"][0]["StateReason"].as_str(),
        Some("x"),
        "{}",
        state.body
    );
    w.gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn identical_alarm_reads_share_one_upstream_request() {
    let w = world("", "").await;
    let req = core_request(&w, "a", "us-east-1", &DescribeAlarmsInput::by_names(ALARMS));
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (http, req) = (w.http.clone(), req.clone());
        tasks.push(tokio::spawn(async move {
            let mut r = http.post(&req.url).bearer_auth(TOKEN);
            for (k, v) in &req.headers {
                r = r.header(k.as_str(), v.as_str());
            }
            r.body(req.body.clone()).send().await.map(|r| r.status())
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().expect("stage send"), 200);
    }
    let again = post(&w, &req).await;
    assert_eq!(again.header("x-appconfig-gateway-cache"), Some("hit"));
    // Two viewers' history windows ending "now", a second apart, ask the same question: both
    // ends are aligned to the next multiple of the 5 s running window.
    let now_s = DateTime::from_system_time(std::time::SystemTime::now()).epoch_seconds();
    let step_end = (now_s / 5) * 5 + 5;
    let at = |s: i64| DateTime::from_epoch_millis(s * 1000);
    let start = at(now_s - 3600);
    for end in [at(step_end - 2), at(step_end - 1)] {
        let h = DescribeAlarmHistoryInput::state_updates(Some(ALARMS[0].into()), start, end);
        let got = post(&w, &core_request(&w, "a", "us-east-1", &h)).await;
        assert_eq!(got.status, 200, "stage history: {}", got.body);
    }
    let ops = &sim_requests(&w.http, &w.sim_a).await["operations"];
    assert_eq!(
        ops["DescribeAlarms"], 1,
        "one upstream DescribeAlarms: {ops}"
    );
    assert_eq!(ops["DescribeAlarmHistory"], 1, "one per 5 s step: {ops}");
    let metrics = w
        .http
        .get(format!("{}/metrics", w.gateway.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("operation=\"DescribeAlarms\""),
        "metrics by operation: {metrics}"
    );
    w.gateway.shutdown().await;
}
