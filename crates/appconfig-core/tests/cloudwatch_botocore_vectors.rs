//! CloudWatch requests serialized and signed by botocore itself (`scripts/gen_botocore_vectors.py`
//! drives a real botocore `cloudwatch` client with its default protocol, `json`; frozen clock,
//! nothing sent), rebuilt by our core: the URL, the protocol headers, the body and the
//! `Authorization`, `X-Amz-Date` and `X-Amz-Security-Token` headers must be identical.

#[macro_use]
mod common;

use appconfig_core::cloudwatch::{
    AlarmType, DescribeAlarmHistoryInput, DescribeAlarmsInput, HistoryItemType,
};
use appconfig_core::{sign::Signer, ClientConfig, Credentials, HttpRequest};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Vector {
    operation: String,
    params: serde_json::Map<String, Value>,
    region: String,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    credentials: VectorCredentials,
    time: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct VectorCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

#[derive(Deserialize)]
struct Expected {
    method: String,
    url: String,
    authorization: String,
    x_amz_date: String,
    x_amz_security_token: Option<String>,
    headers: std::collections::BTreeMap<String, String>,
    body: String,
}

fn texts(p: &serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    p.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("a string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn opt_text(p: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    p.get(key).map(|v| v.as_str().expect("a string").to_owned())
}

fn types(p: &serde_json::Map<String, Value>) -> Vec<AlarmType> {
    texts(p, "AlarmTypes")
        .into_iter()
        .map(AlarmType::from)
        .collect()
}

fn run(json: &str) {
    let v: Vector = serde_json::from_str(json).expect("vector parses");
    let target = ClientConfig {
        region: None,
        use_fips: v.use_fips,
        use_dual_stack: v.use_dual_stack,
        endpoint: v.endpoint_url.clone(),
        proxy: None,
        gateway: None,
        account: None,
    }
    .cloudwatch(&v.region)
    .unwrap_or_else(|e| panic!("endpoint resolution failed: {e}"));
    let creds = Credentials::new(
        v.credentials.access_key_id.clone(),
        v.credentials.secret_access_key.clone(),
        v.credentials.session_token.clone(),
    );
    let time = common::time(&v.time).to_system_time();
    let p = &v.params;
    let mut signer = Signer::new();
    let built: Result<HttpRequest, _> = match v.operation.as_str() {
        "DescribeAlarms" => {
            let mut input = DescribeAlarmsInput::by_names(texts(p, "AlarmNames"));
            input.alarm_types = types(p);
            input.max_records = p.get("MaxRecords").and_then(Value::as_i64);
            input.next_token = opt_text(p, "NextToken");
            target.build_request(&mut signer, &input, &creds, time)
        }
        "DescribeAlarmHistory" => {
            let start = common::time(&opt_text(p, "StartDate").expect("StartDate"));
            let end = common::time(&opt_text(p, "EndDate").expect("EndDate"));
            let mut input =
                DescribeAlarmHistoryInput::state_updates(opt_text(p, "AlarmName"), start, end);
            input.alarm_types = types(p);
            input.history_item_type = opt_text(p, "HistoryItemType").map(HistoryItemType::from);
            input.max_records = p.get("MaxRecords").and_then(Value::as_i64);
            input.next_token = opt_text(p, "NextToken");
            input.scan_ascending = opt_text(p, "ScanBy").as_deref() == Some("TimestampAscending");
            target.build_request(&mut signer, &input, &creds, time)
        }
        other => panic!("no such operation in the vectors: {other}"),
    };
    let req = built.unwrap_or_else(|e| panic!("building the request failed: {e}"));
    assert_eq!(req.method, v.expected.method, "method didn't match");
    assert_eq!(req.url, v.expected.url, "URL didn't match");
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        v.expected.body,
        "body (serialization) didn't match"
    );
    for (name, value) in &v.expected.headers {
        assert_eq!(
            req.header(name),
            Some(value.as_str()),
            "protocol header {name} didn't match"
        );
    }
    assert_eq!(
        req.header("x-amz-date"),
        Some(v.expected.x_amz_date.as_str()),
        "X-Amz-Date didn't match"
    );
    assert_eq!(
        req.header("x-amz-security-token"),
        v.expected.x_amz_security_token.as_deref(),
        "X-Amz-Security-Token didn't match"
    );
    assert_eq!(
        req.header("authorization"),
        Some(v.expected.authorization.as_str()),
        "Authorization (signature) didn't match"
    );
    let mut names: Vec<&str> = req.headers.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = v.expected.headers.keys().map(String::as_str).collect();
    expected.extend(["authorization", "x-amz-date"]);
    if v.expected.x_amz_security_token.is_some() {
        expected.push("x-amz-security-token");
    }
    expected.sort_unstable();
    assert_eq!(names, expected, "header set didn't match");
}

macro_rules! vectors {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run(include_str!(concat!("data/botocore-cloudwatch/", $file, ".json")));
            }
        )*

        /// Every vector file on disk is listed above.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_vector_is_listed() {
            let mut listed = vec![$($file),*];
            listed.sort();
            assert_eq!(common::data_entries("botocore-cloudwatch", ".json"), listed);
        }
    };
}

vectors! {
    describe_alarms_one => "describe-alarms-one",
    describe_alarms_three_eu_west_1 => "describe-alarms-three-eu-west-1",
    describe_alarms_unicode_name => "describe-alarms-unicode-name",
    describe_alarms_next_token => "describe-alarms-next-token",
    describe_alarms_cn_north_1 => "describe-alarms-cn-north-1",
    describe_alarms_us_gov_west_1_fips => "describe-alarms-us-gov-west-1-fips",
    describe_alarms_fips_dual_stack => "describe-alarms-fips-dual-stack",
    describe_alarms_custom_endpoint => "describe-alarms-custom-endpoint",
    describe_alarm_history_window => "describe-alarm-history-window",
    describe_alarm_history_all_alarms => "describe-alarm-history-all-alarms",
}
