//! CloudWatch responses (data/cloudwatch/responses.json): what the core reads from each, alarm
//! statuses in words, state changes from the history, and errors classified as AppConfig's are.

#[macro_use]
mod common;

use appconfig_core::cloudwatch::{parse_describe_alarm_history, parse_describe_alarms};
use appconfig_core::{Error, HttpResponse};
use serde_json::Value;

const DATA: &str = include_str!("data/cloudwatch/responses.json");

fn case(name: &str) -> Value {
    let doc: Value = serde_json::from_str(DATA).expect("responses.json parses");
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
        .clone()
}

fn response(c: &Value) -> HttpResponse {
    HttpResponse {
        status: c["status"].as_u64().expect("status") as u16,
        headers: c["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_owned()))
            .collect(),
        body: serde_json::to_vec(&c["body"]).expect("body"),
    }
}

fn check_error(e: Error, want: &Value) {
    let Error::Service(e) = e else {
        panic!("reading: expected a service error, got {e:?}")
    };
    assert_eq!(e.code, want["code"].as_str().unwrap(), "error code");
    assert_eq!(
        format!("{:?}", e.category()),
        want["category"].as_str().unwrap(),
        "category"
    );
    assert_eq!(
        u64::from(e.status),
        want["status"].as_u64().unwrap(),
        "status"
    );
    assert_eq!(
        e.request_id.as_deref(),
        want["request_id"].as_str(),
        "request id"
    );
    assert!(
        e.message
            .starts_with(want["message_starts"].as_str().unwrap()),
        "message: {}",
        e.message
    );
}

fn run(name: &str) {
    let c = case(name);
    let resp = response(&c);
    let want = &c["expected"];
    match c["operation"].as_str().unwrap() {
        "DescribeAlarms" => match parse_describe_alarms(&resp) {
            Ok(out) => {
                let got: Vec<Value> = out
                    .statuses()
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "name": s.name,
                            "state": s.state.as_ref().map(|v| v.as_str().to_owned()),
                            "since": s.since.map(|t| if t.epoch_millis() % 1000 == 0 { t.to_rfc3339() } else { t.to_rfc3339_millis() }),
                            "actions_enabled": s.actions_enabled,
                            "would_roll_back": s.would_roll_back(),
                            "condition": s.condition,
                        })
                    })
                    .collect();
                assert_eq!(Value::Array(got), want["statuses"], "statuses");
            }
            Err(Error::MalformedResponse { reason, .. }) => {
                let w = want["malformed"]
                    .as_str()
                    .unwrap_or_else(|| panic!("reading failed: {reason}"));
                assert!(reason.starts_with(w), "malformed reason: {reason}");
            }
            Err(e) => check_error(e, &want["error"]),
        },
        "DescribeAlarmHistory" => match parse_describe_alarm_history(&resp) {
            Ok(out) => {
                let names: Vec<&str> = want["changes_of"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                let got: Vec<Value> = out
                    .state_changes(&names)
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "alarm": c.alarm_name,
                            "at": if c.at.epoch_millis() % 1000 == 0 { c.at.to_rfc3339() } else { c.at.to_rfc3339_millis() },
                            "from": c.from.as_ref().map(|v| v.as_str().to_owned()),
                            "to": c.to.as_str(),
                        })
                    })
                    .collect();
                assert_eq!(Value::Array(got), want["changes"], "state changes");
            }
            Err(e) => check_error(e, &want["error"]),
        },
        other => panic!("unknown operation {other}"),
    }
}

macro_rules! cases {
    ($($f:ident => $name:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $f() { run($name); }
        )*
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn every_case_is_listed() {
            common::assert_every_case_listed(DATA, &[$($name),*]);
        }
    };
}

cases! {
    describe_alarms_metric_and_composite => "describe-alarms-metric-and-composite",
    describe_alarms_empty => "describe-alarms-empty",
    describe_alarms_unknown_state_kept => "describe-alarms-unknown-state-kept",
    describe_alarm_history_state_updates => "describe-alarm-history-state-updates",
    access_denied_query_compatible => "access-denied-query-compatible",
    access_denied_json_only => "access-denied-json-only",
    invalid_next_token => "invalid-next-token",
    throttled => "throttled",
    empty_query_error_falls_back_to_type => "empty-query-error-falls-back-to-type",
    wrong_member_type => "wrong-member-type",
}
