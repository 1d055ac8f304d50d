//! Requests for a gateway, from `tests/data/gateway/requests.json`: each case resolves its
//! configuration, builds the operation's request unsigned and checks method, URL and headers.
//! The same request built through the signing entry points, with credentials at hand, must be
//! byte for byte the same: credentials never reach a gateway.

#[macro_use]
mod common;

use appconfig_core::{
    operation::{
        ListApplicationsInput, ListDeploymentsInput, Operation, StopDeploymentInput, Target,
        TargetMode,
    },
    sign::Signer,
    ClientConfig, Credentials, Error, GetDeploymentInput, HttpRequest,
};
use common::{opt_text, text};
use serde_json::Value;

const REQUESTS: &str = include_str!("data/gateway/requests.json");

fn case(name: &str) -> Value {
    common::named_case(REQUESTS, "requests.json", name)
}

/// Builds `op` unsigned, and again through `build_request_with` with credentials: both must give
/// the same request, which carries nothing of the credentials.
fn build<O: Operation>(target: &Target, op: O) -> HttpRequest {
    let unsigned = target
        .build_unsigned_request(&op)
        .expect("stage build_unsigned_request");
    let creds = Credentials::new("AKIDGATEWAYTEST", "gateway-secret", Some("gw-token".into()));
    let via_signer = target
        .build_request_with(
            &mut Signer::new(),
            &op,
            &creds,
            common::time("2024-05-01T12:00:00Z").to_system_time(),
        )
        .expect("stage build_request_with");
    assert_eq!(
        unsigned, via_signer,
        "the signing entry point changed the request"
    );
    let dump = format!("{unsigned:?}");
    for secret in ["AKIDGATEWAYTEST", "gateway-secret", "gw-token"] {
        assert!(!dump.contains(secret), "credentials leaked: {dump}");
    }
    unsigned
}

fn run(name: &str) {
    let case = case(name);
    let config = &case["config"];
    let target = ClientConfig {
        region: opt_text(config, "region"),
        gateway: opt_text(config, "gateway"),
        account: opt_text(config, "account"),
        ..Default::default()
    }
    .resolve()
    .expect("stage resolve");
    assert_eq!(target.mode, TargetMode::Gateway, "stage mode");
    assert!(
        target
            .send_base
            .contains(&format!("/v1/{}/", text(config, "account"))),
        "stage account in the base"
    );
    assert!(target.is_gateway() && !target.is_proxied(), "stage mode");
    let input = &case["input"];
    let app = text(input, "ApplicationId");
    let env = text(input, "EnvironmentId");
    let number = input["DeploymentNumber"].as_i64().unwrap_or(1);
    let request = match case["operation"].as_str().unwrap() {
        "GetDeployment" => build(
            &target,
            GetDeploymentInput {
                application_id: app,
                environment_id: env,
                deployment_number: number,
            },
        ),
        "ListApplications" => build(
            &target,
            ListApplicationsInput {
                max_results: input["MaxResults"].as_i64(),
                next_token: opt_text(input, "NextToken"),
            },
        ),
        "ListDeployments" => build(
            &target,
            ListDeploymentsInput {
                application_id: app,
                environment_id: env,
                max_results: None,
                next_token: None,
            },
        ),
        "StopDeployment" => build(
            &target,
            StopDeploymentInput {
                application_id: app,
                environment_id: env,
                deployment_number: number,
                allow_revert: input["AllowRevert"].as_bool().unwrap_or(false),
            },
        ),
        other => panic!("unknown operation {other}"),
    };
    assert_eq!(request.method, text(&case, "method"), "stage method");
    assert_eq!(request.url, text(&case, "url"), "stage url");
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (text_at(h, 0), text_at(h, 1)))
        .collect();
    assert_eq!(request.headers, headers, "stage headers");
    assert!(request.body.is_empty(), "stage body");
}

fn text_at(v: &Value, i: usize) -> String {
    v[i].as_str().unwrap().to_owned()
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
            /// Every case of requests.json has a test above.
            fn every_case_is_listed() {
                common::assert_every_case_listed(REQUESTS, &[$($case),*]);
            }
        }
    };
}

gateway_cases! {
    get_deployment => "get-deployment",
    gateway_with_path_and_trailing_slash => "gateway-with-path-and-trailing-slash",
    labels_percent_encoded => "labels-percent-encoded",
    stop_deployment => "stop-deployment",
    revert_deployment => "revert-deployment",
}

tests! {
    /// Invalid input is refused before any URL is built, as for signed requests.
    fn invalid_input_is_refused_unsigned() {
        let target = ClientConfig {
            region: Some("us-east-1".into()),
            gateway: Some("https://gw.example".into()),
            account: Some("prod".into()),
            ..Default::default()
        }
        .resolve()
        .expect("stage resolve");
        let err = target
            .build_unsigned_request(&GetDeploymentInput {
                application_id: String::new(),
                environment_id: "def".into(),
                deployment_number: 1,
            })
            .expect_err("stage validate");
        assert!(matches!(err, Error::InvalidInput { field: "ApplicationId", .. }), "{err:?}");
    }

    /// Only a gateway takes unsigned requests: a direct or proxied target refuses to build one.
    fn unsigned_requests_only_for_a_gateway() {
        for config in [
            ClientConfig { region: Some("us-east-1".into()), ..Default::default() },
            ClientConfig {
                region: Some("us-east-1".into()),
                proxy: Some("http://127.0.0.1:8080".into()),
                ..Default::default()
            },
        ] {
            let target = config.resolve().expect("stage resolve");
            let err = target
                .build_unsigned_request(&ListApplicationsInput::default())
                .expect_err("stage refuse");
            assert_eq!(err.kind_name(), "EndpointError", "{err:?}");
        }
    }

    /// Direct and proxied targets say so, and sign as before.
    fn other_modes_are_recorded() {
        let direct = ClientConfig { region: Some("us-east-1".into()), ..Default::default() }
            .resolve()
            .expect("stage resolve direct");
        assert_eq!(direct.mode, TargetMode::Direct);
        let proxied = ClientConfig {
            region: Some("us-east-1".into()),
            proxy: Some("http://127.0.0.1:8080".into()),
            ..Default::default()
        }
        .resolve()
        .expect("stage resolve proxy");
        assert_eq!(proxied.mode, TargetMode::Proxy);
        assert!(proxied.is_proxied());
    }
}
