//! Requests signed by botocore itself (`scripts/gen_botocore_vectors.py` drives a real botocore
//! client for `appconfig`, frozen clock, nothing sent), rebuilt by our core: the URL and the
//! `Authorization`, `X-Amz-Date` and `X-Amz-Security-Token` headers must be identical, byte for
//! byte.

#[macro_use]
mod common;

use appconfig_core::{
    operation::{
        GetApplicationInput, GetConfigurationProfileInput, GetDeploymentStrategyInput,
        GetEnvironmentInput, GetHostedConfigurationVersionInput, ListApplicationsInput,
        ListDeploymentsInput, ListEnvironmentsInput, ListHostedConfigurationVersionsInput,
        StopDeploymentInput,
    },
    ClientConfig, Credentials, GetDeploymentInput, HttpRequest,
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Vector {
    operation: String,
    params: serde_json::Map<String, Value>,
    region: Option<String>,
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
}

fn text(params: &serde_json::Map<String, Value>, key: &str) -> String {
    params
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("params.{key} is a string"))
        .to_owned()
}

fn opt_text(params: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    params
        .get(key)
        .map(|v| v.as_str().expect("a string").to_owned())
}

fn opt_int(params: &serde_json::Map<String, Value>, key: &str) -> Option<i64> {
    params.get(key).map(|v| v.as_i64().expect("an integer"))
}

fn run(json: &str) {
    let v: Vector = serde_json::from_str(json).expect("vector parses");
    let target = ClientConfig {
        region: v.region.clone(),
        use_fips: v.use_fips,
        use_dual_stack: v.use_dual_stack,
        endpoint: v.endpoint_url.clone(),
        proxy: None,
        gateway: None,
        account: None,
    }
    .resolve()
    .unwrap_or_else(|e| panic!("endpoint resolution failed: {e}"));
    let creds = Credentials::new(
        v.credentials.access_key_id.clone(),
        v.credentials.secret_access_key.clone(),
        v.credentials.session_token.clone(),
    );
    let time = common::time(&v.time).to_system_time();
    let p = &v.params;
    let built: Result<HttpRequest, _> = match v.operation.as_str() {
        "GetDeployment" => target.build_request(
            &GetDeploymentInput {
                application_id: text(p, "ApplicationId"),
                environment_id: text(p, "EnvironmentId"),
                deployment_number: opt_int(p, "DeploymentNumber").expect("DeploymentNumber"),
            },
            &creds,
            time,
        ),
        "ListApplications" => target.build_request(
            &ListApplicationsInput {
                max_results: opt_int(p, "MaxResults"),
                next_token: opt_text(p, "NextToken"),
            },
            &creds,
            time,
        ),
        "ListEnvironments" => target.build_request(
            &ListEnvironmentsInput {
                application_id: text(p, "ApplicationId"),
                max_results: opt_int(p, "MaxResults"),
                next_token: opt_text(p, "NextToken"),
            },
            &creds,
            time,
        ),
        "ListDeployments" => target.build_request(
            &ListDeploymentsInput {
                application_id: text(p, "ApplicationId"),
                environment_id: text(p, "EnvironmentId"),
                max_results: opt_int(p, "MaxResults"),
                next_token: opt_text(p, "NextToken"),
            },
            &creds,
            time,
        ),
        "GetDeploymentStrategy" => target.build_request(
            &GetDeploymentStrategyInput {
                deployment_strategy_id: text(p, "DeploymentStrategyId"),
            },
            &creds,
            time,
        ),
        "StopDeployment" => target.build_request(
            &StopDeploymentInput {
                application_id: text(p, "ApplicationId"),
                environment_id: text(p, "EnvironmentId"),
                deployment_number: opt_int(p, "DeploymentNumber").expect("DeploymentNumber"),
                allow_revert: p
                    .get("AllowRevert")
                    .is_some_and(|v| v.as_bool().expect("a boolean")),
            },
            &creds,
            time,
        ),
        "GetEnvironment" => target.build_request(
            &GetEnvironmentInput {
                application_id: text(p, "ApplicationId"),
                environment_id: text(p, "EnvironmentId"),
            },
            &creds,
            time,
        ),
        "GetApplication" => target.build_request(
            &GetApplicationInput {
                application_id: text(p, "ApplicationId"),
            },
            &creds,
            time,
        ),
        "GetConfigurationProfile" => target.build_request(
            &GetConfigurationProfileInput {
                application_id: text(p, "ApplicationId"),
                configuration_profile_id: text(p, "ConfigurationProfileId"),
            },
            &creds,
            time,
        ),
        "GetHostedConfigurationVersion" => target.build_request(
            &GetHostedConfigurationVersionInput {
                application_id: text(p, "ApplicationId"),
                configuration_profile_id: text(p, "ConfigurationProfileId"),
                version_number: opt_int(p, "VersionNumber").expect("VersionNumber"),
            },
            &creds,
            time,
        ),
        "ListHostedConfigurationVersions" => target.build_request(
            &ListHostedConfigurationVersionsInput {
                application_id: text(p, "ApplicationId"),
                configuration_profile_id: text(p, "ConfigurationProfileId"),
                max_results: opt_int(p, "MaxResults"),
                next_token: opt_text(p, "NextToken"),
                version_label: opt_text(p, "VersionLabel"),
            },
            &creds,
            time,
        ),
        other => panic!("no such operation in the vectors: {other}"),
    };
    let req = built.unwrap_or_else(|e| panic!("building the request failed: {e}"));
    assert_eq!(req.method, v.expected.method, "method didn't match");
    assert_eq!(req.url, v.expected.url, "URL didn't match");
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
    // Nothing else is sent: no Host (the transport derives it), no header botocore leaves out.
    let mut names: Vec<&str> = req.headers.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    let mut expected_names = vec!["authorization", "x-amz-date"];
    if v.params.get("AllowRevert") == Some(&Value::Bool(true)) {
        expected_names.insert(0, "allow-revert");
    }
    if v.expected.x_amz_security_token.is_some() {
        expected_names.push("x-amz-security-token");
    }
    assert_eq!(names, expected_names, "header set didn't match");
}

macro_rules! vectors {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run(include_str!(concat!("data/botocore/", $file, ".json")));
            }
        )*

        /// Every vector file on disk is listed above.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_vector_is_listed() {
            let mut listed = vec![$($file),*];
            listed.sort();
            assert_eq!(common::data_entries("botocore", ".json"), listed);
        }
    };
}

vectors! {
    get_deployment_ap_southeast_2 => "get-deployment-ap-southeast-2",
    get_deployment_cn_north_1 => "get-deployment-cn-north-1",
    get_deployment_cn_northwest_1_dual_stack => "get-deployment-cn-northwest-1-dual-stack",
    get_deployment_custom_endpoint => "get-deployment-custom-endpoint",
    get_deployment_custom_endpoint_path_prefix => "get-deployment-custom-endpoint-path-prefix",
    get_deployment_dual_stack => "get-deployment-dual-stack",
    get_deployment_eu_central_1 => "get-deployment-eu-central-1",
    get_deployment_fips => "get-deployment-fips",
    get_deployment_fips_dual_stack => "get-deployment-fips-dual-stack",
    get_deployment_id_64_characters => "get-deployment-id-64-characters",
    get_deployment_id_dot_segments => "get-deployment-id-dot-segments",
    get_deployment_id_sub_delims => "get-deployment-id-sub-delims",
    get_deployment_id_unicode => "get-deployment-id-unicode",
    get_deployment_id_with_percent => "get-deployment-id-with-percent",
    get_deployment_id_with_plus => "get-deployment-id-with-plus",
    get_deployment_id_with_slash => "get-deployment-id-with-slash",
    get_deployment_id_with_spaces => "get-deployment-id-with-spaces",
    get_deployment_id_slash_and_unicode => "get-deployment-id-slash-and-unicode",
    get_deployment_leap_day => "get-deployment-leap-day",
    get_deployment_number_7_digits => "get-deployment-number-7-digits",
    get_deployment_number_0 => "get-deployment-number-0",
    get_deployment_number_max => "get-deployment-number-max",
    get_deployment_session_token => "get-deployment-session-token",
    get_deployment_session_token_custom_endpoint => "get-deployment-session-token-custom-endpoint",
    get_deployment_strategy_custom => "get-deployment-strategy-custom",
    get_deployment_strategy_predefined => "get-deployment-strategy-predefined",
    get_deployment_us_east_1 => "get-deployment-us-east-1",
    get_deployment_us_gov_east_1_fips => "get-deployment-us-gov-east-1-fips",
    get_deployment_us_gov_west_1 => "get-deployment-us-gov-west-1",
    list_applications => "list-applications",
    list_applications_paginated => "list-applications-paginated",
    list_deployments_max_results_only => "list-deployments-max-results-only",
    list_deployments_paginated => "list-deployments-paginated",
    list_environments_paginated => "list-environments-paginated",
    list_environments_leap_day => "list-environments-leap-day",
    get_environment => "get-environment",
    get_application => "get-application",
    stop_deployment => "stop-deployment",
    stop_deployment_allow_revert => "stop-deployment-allow-revert",
    stop_deployment_session_token_7_digits => "stop-deployment-session-token-7-digits",
    get_configuration_profile => "get-configuration-profile",
    get_hosted_configuration_version => "get-hosted-configuration-version",
    get_hosted_configuration_version_labels_encoded => "get-hosted-configuration-version-labels-encoded",
    list_hosted_configuration_versions => "list-hosted-configuration-versions",
    list_hosted_configuration_versions_label_filter => "list-hosted-configuration-versions-label-filter",
}
