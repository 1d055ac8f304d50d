//! Every error path of input validation, from `tests/data/errors/inputs.json`: each member of
//! each operation input, `parse_deployment_number`, `ClientConfig::resolve` and `sign`. Each case
//! checks the error variant (`Error::kind_name`, and the member for `InvalidInput`) and the
//! exact message.

#[macro_use]
mod common;

use appconfig_core::{
    parse_deployment_number, sign, ClientConfig, Credentials, Error, GetDeploymentInput,
    GetDeploymentStrategyInput, HttpRequest, ListApplicationsInput, ListDeploymentsInput,
    ListEnvironmentsInput, Operation, SigningOptions,
};
use serde_json::{Map, Value};
use std::time::{Duration, SystemTime};

const INPUTS: &str = include_str!("data/errors/inputs.json");

fn text(input: &Map<String, Value>, key: &str, default: &str) -> String {
    input
        .get(key)
        .map(|v| v.as_str().expect("a string").to_owned())
        .unwrap_or_else(|| default.to_owned())
}

fn opt_text(input: &Map<String, Value>, key: &str) -> Option<String> {
    input
        .get(key)
        .map(|v| v.as_str().expect("a string").to_owned())
}

fn opt_int(input: &Map<String, Value>, key: &str) -> Option<i64> {
    input.get(key).map(|v| v.as_i64().expect("an integer"))
}

fn flag(input: &Map<String, Value>, key: &str) -> bool {
    input.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Validates `op` directly and through `build_request`: both must fail the same way.
fn validate<O: Operation>(op: O) -> Error {
    let direct = op.validate().expect_err("validation should fail");
    let target = ClientConfig {
        region: Some("us-east-1".into()),
        ..Default::default()
    }
    .resolve()
    .expect("valid config");
    let creds = Credentials::new("AKIDEXAMPLE", "secret", None);
    let built = target
        .build_request(
            &op,
            &creds,
            common::time("2024-05-01T12:00:00Z").to_system_time(),
        )
        .expect_err("build_request should refuse an invalid input");
    assert_eq!(direct, built, "validate and build_request disagree");
    direct
}

fn error_of(operation: &str, input: &Map<String, Value>) -> Error {
    match operation {
        "GetDeployment" => validate(GetDeploymentInput {
            application_id: text(input, "ApplicationId", "339ohji"),
            environment_id: text(input, "EnvironmentId", "54j1r29"),
            deployment_number: opt_int(input, "DeploymentNumber").unwrap_or(1),
        }),
        "ListApplications" => validate(ListApplicationsInput {
            max_results: opt_int(input, "MaxResults"),
            next_token: opt_text(input, "NextToken"),
        }),
        "ListEnvironments" => validate(ListEnvironmentsInput {
            application_id: text(input, "ApplicationId", "339ohji"),
            max_results: opt_int(input, "MaxResults"),
            next_token: opt_text(input, "NextToken"),
        }),
        "ListDeployments" => validate(ListDeploymentsInput {
            application_id: text(input, "ApplicationId", "339ohji"),
            environment_id: text(input, "EnvironmentId", "54j1r29"),
            max_results: opt_int(input, "MaxResults"),
            next_token: opt_text(input, "NextToken"),
        }),
        "GetDeploymentStrategy" => validate(GetDeploymentStrategyInput {
            deployment_strategy_id: text(input, "DeploymentStrategyId", "1225qzk"),
        }),
        "ParseDeploymentNumber" => {
            parse_deployment_number(&text(input, "text", "")).expect_err("should not parse")
        }
        "ClientConfig" => ClientConfig {
            region: opt_text(input, "region"),
            use_fips: flag(input, "use_fips"),
            use_dual_stack: flag(input, "use_dual_stack"),
            endpoint: opt_text(input, "endpoint"),
            proxy: opt_text(input, "proxy"),
            gateway: opt_text(input, "gateway"),
            account: opt_text(input, "account"),
        }
        .resolve()
        .expect_err("the configuration should be refused"),
        "Sign" => {
            let request = HttpRequest {
                method: "GET".into(),
                url: text(
                    input,
                    "url",
                    "https://appconfig.us-east-1.amazonaws.com/applications",
                ),
                ..Default::default()
            };
            let creds = Credentials::new(
                text(input, "access_key_id", "AKIDEXAMPLE"),
                text(input, "secret_access_key", "secret"),
                opt_text(input, "session_token"),
            );
            let time = match opt_int(input, "epoch_seconds") {
                Some(s) => SystemTime::UNIX_EPOCH + Duration::from_secs(s as u64),
                None => common::time("2024-05-01T12:00:00Z").to_system_time(),
            };
            sign(
                &request,
                &creds,
                &text(input, "region", "us-east-1"),
                &text(input, "service", "appconfig"),
                time,
                SigningOptions::default(),
            )
            .expect_err("signing should fail")
        }
        other => panic!("unknown operation {other} in inputs.json"),
    }
}

fn run(name: &str) {
    let doc: Value = serde_json::from_str(INPUTS).expect("inputs.json parses");
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name} in inputs.json"));
    let input = case["input"].as_object().expect("input is an object");
    let err = error_of(case["operation"].as_str().unwrap(), input);
    assert_eq!(
        err.kind_name(),
        case["kind"].as_str().unwrap(),
        "error kind didn't match: {err:?}"
    );
    if let Some(field) = case["field"].as_str() {
        match &err {
            Error::InvalidInput { field: f, .. } => assert_eq!(*f, field, "member didn't match"),
            other => panic!("expected InvalidInput for {field}, got {other:?}"),
        }
    }
    if let Some(field) = case["config_field"].as_str() {
        match &err {
            Error::InvalidEndpoint { field: f, .. } => {
                assert_eq!(f.as_str(), field, "configuration field didn't match")
            }
            other => panic!("expected InvalidEndpoint for {field}, got {other:?}"),
        }
    }
    assert_eq!(
        err.to_string(),
        case["message"].as_str().unwrap(),
        "message didn't match"
    );
}

macro_rules! input_cases {
    ($($name:ident => $case:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run($case);
            }
        )*

        tests! {
            /// Every case of inputs.json has a test above.
            fn every_case_is_listed() {
                common::assert_every_case_listed(INPUTS, &[$($case),*]);
            }
        }
    };
}

tests! {
    /// The edges that are valid stay valid.
    fn valid_edges_pass() {
        assert_eq!(parse_deployment_number(" 12 "), Ok(12));
        assert_eq!(parse_deployment_number("0"), Ok(0));
        assert_eq!(parse_deployment_number("+7"), Ok(7));
        assert_eq!(parse_deployment_number("2147483647"), Ok(i32::MAX));
        let ok = GetDeploymentInput {
            application_id: "é".repeat(64),
            environment_id: "a".into(),
            deployment_number: i64::from(i32::MAX),
        };
        assert_eq!(ok.validate(), Ok(()));
        let page = ListApplicationsInput { max_results: Some(50), next_token: Some("x".repeat(2048)) };
        assert_eq!(page.validate(), Ok(()));
        let page = ListApplicationsInput { max_results: Some(1), next_token: None };
        assert_eq!(page.validate(), Ok(()));
        for id in ["abcd", "abc1234", "AppConfig.AllAtOnce", "AppConfig.Linear50PercentEvery30Seconds"] {
            let s = GetDeploymentStrategyInput { deployment_strategy_id: id.into() };
            assert_eq!(s.validate(), Ok(()), "{id}");
        }
        let proxied = ClientConfig {
            region: Some("eu-west-1".into()),
            proxy: Some("http://127.0.0.1:8080/".into()),
            ..Default::default()
        }
        .resolve()
        .expect("proxy config resolves");
        assert_eq!(proxied.send_base, "http://127.0.0.1:8080");
        assert_eq!(proxied.signing_base, "https://appconfig.eu-west-1.amazonaws.com");
        // The last second SigV4 can date is signed (the first after it is a case of inputs.json).
        let request = HttpRequest {
            method: "GET".into(),
            url: "https://appconfig.us-east-1.amazonaws.com/applications".into(),
            ..Default::default()
        };
        let creds = Credentials::new("AKIDEXAMPLE", "secret", Some("FwoGZXIvYXdzEHM/+=".into()));
        let last = SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_799);
        let signed = sign(&request, &creds, "us-east-1", "appconfig", last, SigningOptions::default())
            .expect("9999-12-31T23:59:59Z signs");
        assert!(signed.headers.contains(&("x-amz-date".into(), "99991231T235959Z".into())));
    }
}

input_cases! {
    get_deployment_application_id_empty => "get-deployment-application-id-empty",
    get_deployment_application_id_65_characters => "get-deployment-application-id-65-characters",
    get_deployment_application_id_65_unicode_characters => "get-deployment-application-id-65-unicode-characters",
    get_deployment_environment_id_empty => "get-deployment-environment-id-empty",
    get_deployment_environment_id_65_characters => "get-deployment-environment-id-65-characters",
    get_deployment_environment_id_65_unicode_characters => "get-deployment-environment-id-65-unicode-characters",
    get_deployment_number_negative => "get-deployment-number-negative",
    get_deployment_number_too_large => "get-deployment-number-too-large",
    get_deployment_number_i64_max => "get-deployment-number-i64-max",
    get_deployment_first_invalid_member_is_reported => "get-deployment-first-invalid-member-is-reported",
    parse_deployment_number_empty => "parse-deployment-number-empty",
    parse_deployment_number_blank => "parse-deployment-number-blank",
    parse_deployment_number_abc => "parse-deployment-number-abc",
    parse_deployment_number_decimal => "parse-deployment-number-decimal",
    parse_deployment_number_exponent => "parse-deployment-number-exponent",
    parse_deployment_number_minus_sign_only => "parse-deployment-number-minus-sign-only",
    parse_deployment_number_double_minus => "parse-deployment-number-double-minus",
    parse_deployment_number_hex => "parse-deployment-number-hex",
    parse_deployment_number_digits_and_letters => "parse-deployment-number-digits-and-letters",
    parse_deployment_number_negative => "parse-deployment-number-negative",
    parse_deployment_number_too_large => "parse-deployment-number-too-large",
    parse_deployment_number_beyond_i64 => "parse-deployment-number-beyond-i64",
    parse_deployment_number_just_too_large => "parse-deployment-number-just-too-large",
    list_applications_max_results_0 => "list-applications-max-results-0",
    list_applications_max_results_51 => "list-applications-max-results-51",
    list_applications_max_results_negative => "list-applications-max-results-negative",
    list_applications_next_token_empty => "list-applications-next-token-empty",
    list_applications_next_token_2049_characters => "list-applications-next-token-2049-characters",
    list_environments_max_results_0 => "list-environments-max-results-0",
    list_environments_max_results_51 => "list-environments-max-results-51",
    list_environments_max_results_negative => "list-environments-max-results-negative",
    list_environments_next_token_empty => "list-environments-next-token-empty",
    list_environments_next_token_2049_characters => "list-environments-next-token-2049-characters",
    list_environments_application_id_empty => "list-environments-application-id-empty",
    list_environments_application_id_65_characters => "list-environments-application-id-65-characters",
    list_deployments_max_results_0 => "list-deployments-max-results-0",
    list_deployments_max_results_51 => "list-deployments-max-results-51",
    list_deployments_max_results_negative => "list-deployments-max-results-negative",
    list_deployments_next_token_empty => "list-deployments-next-token-empty",
    list_deployments_next_token_2049_characters => "list-deployments-next-token-2049-characters",
    list_deployments_application_id_empty => "list-deployments-application-id-empty",
    list_deployments_application_id_65_characters => "list-deployments-application-id-65-characters",
    list_deployments_environment_id_empty => "list-deployments-environment-id-empty",
    list_deployments_environment_id_65_characters => "list-deployments-environment-id-65-characters",
    get_deployment_strategy_empty => "get-deployment-strategy-empty",
    get_deployment_strategy_upper_case => "get-deployment-strategy-upper-case",
    get_deployment_strategy_3_characters => "get-deployment-strategy-3-characters",
    get_deployment_strategy_8_characters => "get-deployment-strategy-8-characters",
    get_deployment_strategy_predefined_too_short => "get-deployment-strategy-predefined-too-short",
    get_deployment_strategy_predefined_41_characters => "get-deployment-strategy-predefined-41-characters",
    get_deployment_strategy_predefined_punctuation => "get-deployment-strategy-predefined-punctuation",
    get_deployment_strategy_wrong_prefix => "get-deployment-strategy-wrong-prefix",
    get_deployment_strategy_slash => "get-deployment-strategy-slash",
    get_deployment_strategy_unicode => "get-deployment-strategy-unicode",
    config_region_empty => "config-region-empty",
    config_region_upper_case => "config-region-upper-case",
    config_region_leading_dash => "config-region-leading-dash",
    config_region_trailing_dash => "config-region-trailing-dash",
    config_region_slash => "config-region-slash",
    config_region_dot => "config-region-dot",
    config_region_space => "config-region-space",
    config_region_64_characters => "config-region-64-characters",
    config_region_unicode => "config-region-unicode",
    config_region_missing => "config-region-missing",
    config_endpoint_and_proxy => "config-endpoint-and-proxy",
    config_endpoint_with_fips => "config-endpoint-with-fips",
    config_endpoint_with_dual_stack => "config-endpoint-with-dual-stack",
    config_endpoint_not_a_url => "config-endpoint-not-a-url",
    config_endpoint_empty => "config-endpoint-empty",
    config_endpoint_no_scheme => "config-endpoint-no-scheme",
    config_endpoint_ftp => "config-endpoint-ftp",
    config_endpoint_javascript => "config-endpoint-javascript",
    config_endpoint_query => "config-endpoint-query",
    config_endpoint_fragment => "config-endpoint-fragment",
    config_proxy_not_a_url => "config-proxy-not-a-url",
    config_proxy_empty => "config-proxy-empty",
    config_proxy_no_scheme => "config-proxy-no-scheme",
    config_proxy_ftp => "config-proxy-ftp",
    config_proxy_javascript => "config-proxy-javascript",
    config_proxy_query => "config-proxy-query",
    config_proxy_fragment => "config-proxy-fragment",
    config_gateway_and_endpoint => "config-gateway-and-endpoint",
    config_gateway_and_proxy => "config-gateway-and-proxy",
    config_gateway_with_fips => "config-gateway-with-fips",
    config_gateway_no_scheme => "config-gateway-no-scheme",
    config_gateway_query => "config-gateway-query",
    config_gateway_account_missing => "config-gateway-account-missing",
    config_gateway_account_empty => "config-gateway-account-empty",
    config_gateway_account_slash => "config-gateway-account-slash",
    config_gateway_account_65_characters => "config-gateway-account-65-characters",
    config_gateway_region_missing => "config-gateway-region-missing",
    config_gateway_region_upper_case => "config-gateway-region-upper-case",
    config_account_without_gateway => "config-account-without-gateway",
    sign_access_key_empty => "sign-access-key-empty",
    sign_access_key_blank => "sign-access-key-blank",
    sign_secret_key_empty => "sign-secret-key-empty",
    sign_region_empty => "sign-region-empty",
    sign_service_empty => "sign-service-empty",
    sign_url_without_host => "sign-url-without-host",
    sign_url_host_and_port => "sign-url-host-and-port",
    sign_url_ftp => "sign-url-ftp",
    sign_url_with_space => "sign-url-with-space",
    sign_time_after_year_9999 => "sign-time-after-year-9999",
    sign_access_key_id_with_control_character => "sign-access-key-id-with-control-character",
    sign_access_key_id_with_slash => "sign-access-key-id-with-slash",
    sign_session_token_with_newline => "sign-session-token-with-newline",
    sign_region_with_slash => "sign-region-with-slash",
    sign_service_with_space => "sign-service-with-space",
}
