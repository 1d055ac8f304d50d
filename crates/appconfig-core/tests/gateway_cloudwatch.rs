//! CloudWatch reads for a gateway, from `tests/data/gateway/cloudwatch.json`: each case resolves
//! its configuration's CloudWatch target for the alarms' region, builds the read unsigned and
//! checks method, URL, headers and body. Credentials given to the builder never appear in it.

#[macro_use]
mod common;

use appconfig_core::{
    cloudwatch::{CloudWatchOperation, DescribeAlarmHistoryInput, DescribeAlarmsInput},
    error::ConfigField,
    operation::TargetMode,
    sign::Signer,
    ClientConfig, Credentials, Error, HttpRequest,
};
use common::{opt_text, text};
use serde_json::Value;

const CASES: &str = include_str!("data/gateway/cloudwatch.json");

fn case(name: &str) -> Value {
    common::named_case(CASES, "cloudwatch.json", name)
}

fn config(case: &Value) -> ClientConfig {
    let c = &case["config"];
    ClientConfig {
        region: opt_text(c, "region"),
        gateway: opt_text(c, "gateway"),
        account: opt_text(c, "account"),
        ..Default::default()
    }
}

/// Builds `op` for the gateway with credentials at hand: none of them may be in the request.
fn build<O: CloudWatchOperation>(case: &Value, op: &O) -> HttpRequest {
    let target = config(case)
        .cloudwatch(&text(case, "alarmRegion"))
        .expect("stage cloudwatch target");
    assert_eq!(target.mode, TargetMode::Gateway, "stage mode");
    let creds = Credentials::new("AKIDGATEWAYTEST", "gateway-secret", Some("gw-token".into()));
    let req = target
        .build_request(
            &mut Signer::new(),
            op,
            &creds,
            common::time("2024-05-01T12:00:00Z").to_system_time(),
        )
        .expect("stage build_request");
    let dump = format!("{req:?}");
    for secret in ["AKIDGATEWAYTEST", "gateway-secret", "gw-token", "AWS4-HMAC"] {
        assert!(!dump.contains(secret), "stage no credentials: {dump}");
    }
    req
}

fn run(name: &str) {
    let case = case(name);
    let input = &case["input"];
    let request = match case["operation"].as_str().unwrap() {
        "DescribeAlarms" => {
            let names: Vec<String> = input["AlarmNames"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_owned())
                .collect();
            build(&case, &DescribeAlarmsInput::by_names(names))
        }
        "DescribeAlarmHistory" => build(
            &case,
            &DescribeAlarmHistoryInput::state_updates(
                opt_text(input, "AlarmName"),
                common::time(&text(input, "StartDate")),
                common::time(&text(input, "EndDate")),
            ),
        ),
        other => panic!("unknown operation {other}"),
    };
    assert_eq!(request.method, text(&case, "method"), "stage method");
    assert_eq!(request.url, text(&case, "url"), "stage url");
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_owned(),
                h[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(request.headers, headers, "stage headers");
    assert!(
        !request
            .headers
            .iter()
            .any(|(k, _)| k.starts_with("x-amz") || k.eq_ignore_ascii_case("authorization")),
        "stage no AWS header"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        text(&case, "body"),
        "stage body"
    );
}

macro_rules! gateway_cases {
    ($($name:ident => $case:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run($case);
            }
        )*

        tests! {
            /// Every case of cloudwatch.json has a test above.
            fn every_case_is_listed() {
                common::assert_every_case_listed(CASES, &[$($case),*]);
            }
        }
    };
}

gateway_cases! {
    describe_alarms_by_name => "describe-alarms-by-name",
    alarms_in_their_own_region => "alarms-in-their-own-region",
    describe_alarm_history_state_updates => "describe-alarm-history-state-updates",
}

tests! {
    /// A gateway configuration the AppConfig target refuses is refused for CloudWatch too.
    fn a_bad_gateway_configuration_is_refused() {
        let no_account = ClientConfig {
            region: Some("us-east-1".into()),
            gateway: Some("https://gw.example".into()),
            ..Default::default()
        };
        let err = no_account.cloudwatch("us-east-1").expect_err("stage account required");
        assert!(
            matches!(err, Error::InvalidEndpoint { field: ConfigField::Account, .. }),
            "{err:?}"
        );
        let with_proxy = ClientConfig {
            proxy: Some("http://127.0.0.1:8080".into()),
            account: Some("prod".into()),
            ..no_account.clone()
        };
        let err = with_proxy.cloudwatch("us-east-1").expect_err("stage gateway alone");
        assert!(
            matches!(err, Error::InvalidEndpoint { field: ConfigField::Gateway, .. }),
            "{err:?}"
        );
        let ok = ClientConfig { account: Some("prod".into()), ..no_account };
        let err = ok.cloudwatch("not a region").expect_err("stage alarm region checked");
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }

    /// Invalid input is refused before anything is built, as for signed requests.
    fn invalid_input_is_refused_unsigned() {
        let target = ClientConfig {
            region: Some("us-east-1".into()),
            gateway: Some("https://gw.example".into()),
            account: Some("prod".into()),
            ..Default::default()
        }
        .cloudwatch("us-east-1")
        .expect("stage target");
        let err = target
            .build_request(
                &mut Signer::new(),
                &DescribeAlarmsInput::by_names(Vec::<String>::new()),
                &Credentials::new("a", "b", None),
                common::time("2024-05-01T12:00:00Z").to_system_time(),
            )
            .expect_err("stage validate");
        assert!(matches!(err, Error::InvalidInput { field: "AlarmNames", .. }), "{err:?}");
    }
}
