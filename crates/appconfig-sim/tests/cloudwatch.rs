//! CloudWatch through HTTP in each protocol botocore may use (smithy-rpc-v2-cbor, json, query),
//! SigV4-checked for `monitoring`, and what alarm states do to deployments.

mod common;

use std::time::SystemTime;

use appconfig_core::cloudwatch::{
    parse_describe_alarm_history, parse_describe_alarms, DescribeAlarmHistoryInput,
    DescribeAlarmsInput, StateValue,
};
use appconfig_core::{
    sign,
    sign::{Signer, SigningOptions},
    ClientConfig, HttpRequest, HttpResponse,
};
use common::*;
use serde_json::Value;

const LATENCY: &str = "payments-staging-latency";
const LATENCY_ARN: &str =
    "arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-staging-latency";

fn signed(mut req: HttpRequest, service: &str) -> HttpRequest {
    let s = sign(
        &req,
        &demo(),
        "us-east-1",
        service,
        SystemTime::now(),
        SigningOptions::default(),
    )
    .expect("signs");
    req.headers.extend(s.headers);
    req
}

fn as_response(r: &Resp) -> HttpResponse {
    HttpResponse {
        status: r.status,
        headers: r
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        body: r.text.as_bytes().to_vec(),
    }
}

/// A `json` protocol request built and signed by the core, as the dashboard sends it.
async fn json_call(sim: &Sim, op: &str, body: Value) -> Resp {
    let req = HttpRequest {
        method: "POST".into(),
        url: format!("{}/", sim.base),
        headers: vec![
            ("content-type".into(), "application/x-amz-json-1.0".into()),
            (
                "x-amz-target".into(),
                format!("GraniteServiceVersion20100801.{op}"),
            ),
        ],
        body: body.to_string().into_bytes(),
    };
    sim.send(signed(req, "monitoring")).await
}

async fn cbor_call(
    sim: &Sim,
    op: &str,
    body: &ciborium::Value,
) -> (u16, reqwest::header::HeaderMap, ciborium::Value) {
    let mut bytes = Vec::new();
    ciborium::ser::into_writer(body, &mut bytes).unwrap();
    let req = signed(
        HttpRequest {
            method: "POST".into(),
            url: format!(
                "{}/service/GraniteServiceVersion20100801/operation/{op}",
                sim.base
            ),
            headers: vec![
                ("smithy-protocol".into(), "rpc-v2-cbor".into()),
                ("content-type".into(), "application/cbor".into()),
                ("accept".into(), "application/cbor".into()),
            ],
            body: bytes,
        },
        "monitoring",
    );
    let mut b = sim.client.post(&req.url);
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    let r = b.body(req.body).send().await.expect("sent");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let bytes = r.bytes().await.unwrap();
    let v = ciborium::de::from_reader(&bytes[..]).expect("the answer is CBOR");
    (status, headers, v)
}

async fn query_call(sim: &Sim, form: &str) -> Resp {
    let req = HttpRequest {
        method: "POST".into(),
        url: format!("{}/", sim.base),
        headers: vec![(
            "content-type".into(),
            "application/x-www-form-urlencoded; charset=utf-8".into(),
        )],
        body: form.as_bytes().to_vec(),
    };
    sim.send(signed(req, "monitoring")).await
}

fn cbor_get<'a>(v: &'a ciborium::Value, key: &str) -> &'a ciborium::Value {
    v.as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some(key)))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key} in {v:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_protocol_as_the_core_sends_and_reads_it() {
    let sim = start(test_config(1.0)).await;
    let target = ClientConfig {
        endpoint: Some(sim.base.clone()),
        ..Default::default()
    }
    .cloudwatch("us-east-1")
    .unwrap();
    let mut signer = Signer::new();
    let req = target
        .build_request(
            &mut signer,
            &DescribeAlarmsInput::by_names([LATENCY, "payments-staging-canary"]),
            &demo(),
            SystemTime::now(),
        )
        .unwrap();
    let r = sim.send(req).await;
    assert_eq!(r.status, 200, "DescribeAlarms: {}", r.text);
    assert_eq!(r.header("content-type"), Some("application/x-amz-json-1.0"));
    assert_request_id(&r);
    let out = parse_describe_alarms(&as_response(&r)).expect("the core reads the answer");
    let statuses = out.statuses();
    let names: Vec<&str> = statuses.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["payments-staging-canary", LATENCY],
        "sorted by name"
    );
    let latency = &statuses[1];
    assert_eq!(latency.arn.as_deref(), Some(LATENCY_ARN));
    assert_eq!(latency.state, Some(StateValue::Ok));
    assert!(latency.actions_enabled);
    assert_eq!(
        latency.condition.as_deref(),
        Some("p99 of TargetResponseTime (AWS/ApplicationELB) > 0.5 Seconds for 3 of 5 periods of 1 min")
    );
    assert!(
        !statuses[0].actions_enabled,
        "the demo's flapping alarm has its actions disabled"
    );

    let now = appconfig_core::DateTime::from_system_time(SystemTime::now());
    let input = DescribeAlarmHistoryInput::state_updates(
        Some("payments-5xx-errors".into()),
        now.add_millis(-30 * 86_400_000),
        now,
    );
    let r = sim
        .send(
            target
                .build_request(&mut signer, &input, &demo(), SystemTime::now())
                .unwrap(),
        )
        .await;
    let history = parse_describe_alarm_history(&as_response(&r)).expect("history reads");
    let changes = history.state_changes(&["payments-5xx-errors"]);
    assert!(
        changes
            .iter()
            .any(|c| c.to == StateValue::Alarm && c.from == Some(StateValue::Ok)),
        "the seeded production rollback's alarm: {changes:?}"
    );

    // Errors carry the query code in x-amzn-query-error, which the core reads first.
    let r = json_call(
        &sim,
        "SetAlarmState",
        serde_json::json!({"AlarmName": "nope", "StateValue": "ALARM", "StateReason": "x"}),
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.text);
    assert_eq!(
        r.header("x-amzn-query-error"),
        Some("ResourceNotFound;Sender")
    );
    assert_eq!(
        r.json["__type"],
        "com.amazonaws.cloudwatch#ResourceNotFound"
    );
    let e = appconfig_core::response::parse_error(&as_response(&r));
    assert_eq!(e.code, "ResourceNotFound");
    assert_eq!(e.category(), appconfig_core::error::ErrorCategory::NotFound);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cbor_protocol() {
    use ciborium::Value as C;
    let sim = start(test_config(1.0)).await;
    let names = C::Map(vec![(
        C::Text("AlarmNames".into()),
        C::Array(vec![C::Text(LATENCY.into())]),
    )]);
    let (status, headers, v) = cbor_call(&sim, "DescribeAlarms", &names).await;
    assert_eq!(status, 200, "{v:?}");
    assert_eq!(headers.get("smithy-protocol").unwrap(), "rpc-v2-cbor");
    assert_eq!(headers.get("content-type").unwrap(), "application/cbor");
    let alarm = &cbor_get(&v, "MetricAlarms").as_array().unwrap()[0];
    assert_eq!(cbor_get(alarm, "StateValue").as_text(), Some("OK"));
    assert!(
        matches!(cbor_get(alarm, "StateUpdatedTimestamp"), C::Tag(1, _)),
        "timestamps are tag 1"
    );

    let set = C::Map(vec![
        (
            C::Text("AlarmName".into()),
            C::Text("payments-5xx-errors".into()),
        ),
        (
            C::Text("StateValue".into()),
            C::Text("INSUFFICIENT_DATA".into()),
        ),
        (C::Text("StateReason".into()), C::Text("cbor drill".into())),
    ]);
    let (status, _, _) = cbor_call(&sim, "SetAlarmState", &set).await;
    assert_eq!(status, 200);
    let since = C::Map(vec![
        (
            C::Text("AlarmName".into()),
            C::Text("payments-5xx-errors".into()),
        ),
        (
            C::Text("StartDate".into()),
            C::Tag(
                1,
                Box::new(C::Float(
                    SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .unwrap()
                        .as_secs_f64()
                        - 60.0,
                )),
            ),
        ),
    ]);
    let (_, _, v) = cbor_call(&sim, "DescribeAlarmHistory", &since).await;
    let items = cbor_get(&v, "AlarmHistoryItems").as_array().unwrap();
    assert_eq!(items.len(), 1, "{v:?}");
    assert_eq!(
        cbor_get(&items[0], "HistorySummary").as_text(),
        Some("Alarm updated from OK to INSUFFICIENT_DATA")
    );

    let (status, headers, v) = cbor_call(
        &sim,
        "DescribeAlarms",
        &C::Map(vec![(C::Text("NextToken".into()), C::Text("bad".into()))]),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        headers.get("x-amzn-query-error").unwrap(),
        "InvalidNextToken;Sender"
    );
    assert_eq!(
        cbor_get(&v, "__type").as_text(),
        Some("com.amazonaws.cloudwatch#InvalidNextToken")
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_protocol() {
    let sim = start(test_config(1.0)).await;
    let r = query_call(
        &sim,
        "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=payments-&MaxRecords=2",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.header("content-type"), Some("text/xml"));
    assert!(r.text.starts_with("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>payments-5xx-errors</AlarmName>"), "{}", r.text);
    assert!(
        r.text.contains("<NextToken>sim-2</NextToken>"),
        "{}",
        r.text
    );
    let r = query_call(&sim, "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=payments-&MaxRecords=2&NextToken=sim-2").await;
    assert!(
        r.text
            .contains("<AlarmName>payments-staging-latency</AlarmName>")
            && !r.text.contains("<NextToken>"),
        "{}",
        r.text
    );

    let r = query_call(&sim, "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=q&MetricName=Errors&Namespace=T&Statistic=Sum&Period=60&EvaluationPeriods=1&Threshold=2&ComparisonOperator=GreaterThanThreshold&Dimensions.member.1.Name=Fn&Dimensions.member.1.Value=f").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.text.starts_with("<PutMetricAlarmResponse") && r.text.contains("<RequestId>"),
        "{}",
        r.text
    );
    let r = query_call(
        &sim,
        "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=q",
    )
    .await;
    assert!(
        r.text
            .contains("<StateValue>INSUFFICIENT_DATA</StateValue>")
            && r.text.contains(
                "<Dimensions><member><Name>Fn</Name><Value>f</Value></member></Dimensions>"
            ),
        "{}",
        r.text
    );
    let r = query_call(
        &sim,
        "Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=q",
    )
    .await;
    assert_eq!(r.status, 200);
    let r = query_call(
        &sim,
        "Action=SetAlarmState&Version=2010-08-01&AlarmName=q&StateValue=OK&StateReason=x",
    )
    .await;
    assert_eq!(r.status, 404);
    assert!(
        r.text.contains("<Code>ResourceNotFound</Code>") && r.text.contains("<Type>Sender</Type>"),
        "{}",
        r.text
    );
    let r = query_call(&sim, "Action=Nope&Version=2010-08-01").await;
    assert!(r.text.contains("<Code>InvalidAction</Code>"), "{}", r.text);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_for_monitoring_only() {
    let sim = start(test_config(1.0)).await;
    let req = HttpRequest {
        method: "POST".into(),
        url: format!("{}/", sim.base),
        headers: vec![
            ("content-type".into(), "application/x-amz-json-1.0".into()),
            (
                "x-amz-target".into(),
                "GraniteServiceVersion20100801.DescribeAlarms".into(),
            ),
        ],
        body: b"{}".to_vec(),
    };
    let r = sim.send(signed(req.clone(), "appconfig")).await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert_eq!(
        r.header("x-amzn-query-error"),
        Some("InvalidSignatureException;Sender")
    );
    assert!(
        r.json["message"].as_str().unwrap().contains("'monitoring'"),
        "{}",
        r.text
    );
    let r = sim.send(req).await;
    assert_eq!(r.status, 403, "unsigned: {}", r.text);
    // And AppConfig still refuses monitoring's scope.
    let r = sim
        .send(signed(
            HttpRequest {
                method: "GET".into(),
                url: format!("{}/applications", sim.base),
                ..Default::default()
            },
            "monitoring",
        ))
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    sim.handle.shutdown().await;
}

async fn running_staging(sim: &Sim) -> i64 {
    let d = poll_until(
        sim,
        "/applications/pay0001/environments/stg0001/deployments?max_results=1",
        10_000,
        |v| v["Items"][0]["State"] == "DEPLOYING",
    )
    .await;
    assert_eq!(
        d["Items"][0]["State"], "DEPLOYING",
        "a staging deployment runs"
    );
    d["Items"][0]["DeploymentNumber"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_alarm_state_rolls_back_unless_actions_are_disabled() {
    let sim = start(test_config(60.0)).await;
    let n = running_staging(&sim).await;
    let r = json_call(
        &sim,
        "DisableAlarmActions",
        serde_json::json!({"AlarmNames": [LATENCY]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = json_call(
        &sim,
        "SetAlarmState",
        serde_json::json!({"AlarmName": LATENCY, "StateValue": "ALARM", "StateReason": "drill"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let d = sim
        .get(&format!(
            "/applications/pay0001/environments/stg0001/deployments/{n}"
        ))
        .await;
    assert!(
        !event_types(&d.json).contains(&"ROLLBACK_STARTED".to_owned()),
        "actions disabled: no rollback"
    );

    // Back to OK after its evaluation (1 s at speed 60), then enabled: a drill rolls back.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let r = json_call(
            &sim,
            "DescribeAlarms",
            serde_json::json!({"AlarmNames": [LATENCY]}),
        )
        .await;
        if r.json["MetricAlarms"][0]["StateValue"] == "OK" || std::time::Instant::now() > deadline {
            assert_eq!(
                r.json["MetricAlarms"][0]["StateValue"], "OK",
                "re-evaluated"
            );
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    json_call(
        &sim,
        "EnableAlarmActions",
        serde_json::json!({"AlarmNames": [LATENCY]}),
    )
    .await;
    let n = running_staging(&sim).await;
    json_call(&sim, "SetAlarmState", serde_json::json!({"AlarmName": LATENCY, "StateValue": "INSUFFICIENT_DATA", "StateReason": "drill"})).await;
    let d = sim
        .get(&format!(
            "/applications/pay0001/environments/stg0001/deployments/{n}"
        ))
        .await;
    let rollback = d.json["EventLog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["EventType"] == "ROLLBACK_STARTED")
        .expect("rolled back on INSUFFICIENT_DATA");
    assert_eq!(rollback["TriggeredBy"], "CLOUDWATCH_ALARM");
    assert_eq!(
        rollback["Description"],
        format!("Rollback initiated by Amazon CloudWatch alarm {LATENCY_ARN}")
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_alarm_uses_set_alarm_state() {
    let sim = start(test_config(60.0)).await;
    running_staging(&sim).await;
    let r = sim.alarm("pay0001", "stg0001").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        event_types(&r.json).contains(&"ROLLBACK_STARTED".to_owned()),
        "{}",
        r.text
    );
    let r = json_call(
        &sim,
        "DescribeAlarmHistory",
        serde_json::json!({"AlarmName": LATENCY}),
    )
    .await;
    assert_eq!(
        r.json["AlarmHistoryItems"][0]["HistorySummary"], "Alarm updated from OK to ALARM",
        "{}",
        r.text
    );
    // Production has nothing running.
    assert_eq!(sim.alarm("pay0001", "prd0001").await.status, 409);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_alarm_flaps_without_rolling_staging_back() {
    // At speed 1200 the 10-minute cycle takes 0.5 s (floored at 1 s).
    let sim = start(test_config(1200.0)).await;
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let r = json_call(
        &sim,
        "DescribeAlarmHistory",
        serde_json::json!({"AlarmName": "payments-staging-canary", "MaxRecords": 100}),
    )
    .await;
    let summaries: Vec<&str> = r.json["AlarmHistoryItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["HistorySummary"].as_str().unwrap())
        .collect();
    assert!(
        summaries.contains(&"Alarm updated from OK to INSUFFICIENT_DATA"),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"Alarm updated from INSUFFICIENT_DATA to OK"),
        "{summaries:?}"
    );
    let r = sim
        .get("/applications/pay0001/environments/stg0001/deployments?max_results=50")
        .await;
    assert!(
        r.json["Items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["State"] != "ROLLED_BACK" && d["State"] != "ROLLING_BACK"),
        "{}",
        r.text
    );
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_alarm_sets_a_named_alarm() {
    let sim = start(test_config(60.0)).await;
    let body = r#"{"AlarmName":"payments-staging-canary","StateValue":"INSUFFICIENT_DATA"}"#;
    let r = sim
        .plain(
            "POST",
            "/_sim/alarm",
            &[("content-type", "application/json")],
            body,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = json_call(
        &sim,
        "DescribeAlarms",
        serde_json::json!({"AlarmNames": ["payments-staging-canary"]}),
    )
    .await;
    assert_eq!(r.json["MetricAlarms"][0]["StateValue"], "INSUFFICIENT_DATA");
    let r = sim
        .plain(
            "POST",
            "/_sim/alarm",
            &[("content-type", "application/json")],
            r#"{"AlarmName":"nope"}"#,
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
    let r = sim
        .plain(
            "POST",
            "/_sim/alarm",
            &[("content-type", "application/json")],
            r#"{"AlarmName":"payments-staging-canary","StateValue":"RED"}"#,
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    sim.handle.shutdown().await;
}
