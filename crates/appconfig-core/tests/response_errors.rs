//! Every error path of response parsing, from `tests/data/errors/responses.json`: AWS error
//! responses read by `parse_error` (code from `x-amzn-ErrorType`, `__type` or `code`, message,
//! request id, modeled members, fault, retryability) and malformed 2xx bodies read by
//! `parse_response` (the message names the member path). Each case checks the variant and the
//! exact message.

#[macro_use]
mod common;

use appconfig_core::{
    operation::{ListApplicationsInput, ListDeploymentsInput},
    parse_response,
    response::parse_error,
    Error, GetDeploymentInput, HttpResponse,
};
use serde_json::Value;

const RESPONSES: &str = include_str!("data/errors/responses.json");

fn response(case: &Value) -> HttpResponse {
    let body = match (case["body"].as_str(), case["body_hex"].as_str()) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(h)) => hex::decode(h).expect("body_hex is hex"),
        _ => panic!("case has body or body_hex"),
    };
    HttpResponse {
        status: case["status"].as_u64().expect("status") as u16,
        headers: case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h[0].as_str().unwrap().to_owned(),
                    h[1].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
        body,
    }
}

fn parse(operation: &str, r: &HttpResponse) -> Error {
    match operation {
        "GetDeployment" => parse_response::<GetDeploymentInput>(r).map(drop),
        "ListApplications" => parse_response::<ListApplicationsInput>(r).map(drop),
        "ListDeployments" => parse_response::<ListDeploymentsInput>(r).map(drop),
        other => panic!("unknown operation {other}"),
    }
    .expect_err("the response should not parse as an output")
}

fn run(name: &str) {
    let doc: Value = serde_json::from_str(RESPONSES).expect("responses.json parses");
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name} in responses.json"));
    let r = response(case);
    let expect = &case["expect"];
    let err = parse(case["operation"].as_str().unwrap(), &r);
    let display = expect["display"].as_str().unwrap();
    match expect["kind"].as_str().unwrap() {
        "Service" => {
            let Error::Service(e) = &err else {
                panic!("expected a service error, got {err:?}");
            };
            assert_eq!(
                **e,
                parse_error(&r),
                "parse_response and parse_error disagree"
            );
            assert_eq!(
                e.code,
                expect["code"].as_str().unwrap(),
                "code didn't match"
            );
            assert_eq!(err.kind_name(), e.code, "kind name is the code");
            assert_eq!(
                e.message,
                expect["message"].as_str().unwrap(),
                "message didn't match"
            );
            assert_eq!(e.status, r.status, "status didn't match");
            assert_eq!(
                e.fault.as_str(),
                expect["fault"].as_str().unwrap(),
                "fault didn't match"
            );
            assert_eq!(
                e.is_retryable(),
                expect["retryable"].as_bool().unwrap(),
                "retryable didn't match"
            );
            assert_eq!(
                e.is_throttling(),
                expect["throttling"].as_bool().unwrap_or(false),
                "throttling didn't match"
            );
            assert_eq!(
                e.is_clock_skew_code(),
                expect["clock_skew_code"].as_bool().unwrap_or(false),
                "clock skew code didn't match"
            );
            assert_eq!(
                e.request_id.as_deref(),
                expect["request_id"].as_str(),
                "request id didn't match"
            );
            assert_eq!(
                e.resource_name.as_deref(),
                expect["resource_name"].as_str(),
                "ResourceName didn't match"
            );
            assert_eq!(
                e.reason.as_deref(),
                expect["reason"].as_str(),
                "Reason didn't match"
            );
            let details = e.details.as_ref().map(|d| serde_json::to_value(d).unwrap());
            let expected_details = Some(expect["details"].clone()).filter(|d| !d.is_null());
            assert_eq!(details, expected_details, "Details didn't match");
            assert_eq!(
                e.server_date.map(|d| d.to_rfc3339()).as_deref(),
                expect["server_date"].as_str(),
                "server date didn't match"
            );
            if let Some(category) = expect["category"].as_str() {
                assert_eq!(
                    format!("{:?}", e.category()),
                    category,
                    "category didn't match"
                );
            }
            assert_eq!(e.to_string(), display, "service error message didn't match");
        }
        "MalformedResponse" => match &err {
            Error::MalformedResponse { status, .. } => {
                assert_eq!(*status, r.status, "status didn't match")
            }
            other => panic!("expected MalformedResponse, got {other:?}"),
        },
        other => panic!("unknown kind {other}"),
    }
    assert_eq!(err.to_string(), display, "error message didn't match");
}

macro_rules! response_cases {
    ($($name:ident => $case:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run($case);
            }
        )*

        tests! {
            /// Every case of responses.json has a test above.
            fn every_case_is_listed() {
                common::assert_every_case_listed(RESPONSES, &[$($case),*]);
            }
        }
    };
}

response_cases! {
    not_found_code_from_header_with_suffix => "not-found-code-from-header-with-suffix",
    not_found_code_from_type_with_namespace => "not-found-code-from-type-with-namespace",
    header_wins_over_body => "header-wins-over-body",
    code_from_code_member => "code-from-code-member",
    code_from_code_member_upper => "code-from-code-member-upper",
    message_lower_case => "message-lower-case",
    message_upper_case => "message-upper-case",
    request_id_fallback_header => "request-id-fallback-header",
    bad_request_reason_and_details => "bad-request-reason-and-details",
    internal_server_error_500 => "internal-server-error-500",
    service_unavailable_503 => "service-unavailable-503",
    gateway_timeout_504_empty_body => "gateway-timeout-504-empty-body",
    too_many_requests_429 => "too-many-requests-429",
    r_429_unknown_code_is_throttling => "429-unknown-code-is-throttling",
    throttling_by_code_at_400 => "throttling-by-code-at-400",
    r_501_is_not_retryable => "501-is-not-retryable",
    conflict_409_not_retryable => "conflict-409-not-retryable",
    payload_too_large_413_not_retryable => "payload-too-large-413-not-retryable",
    signature_mismatch_is_clock_skew_code => "signature-mismatch-is-clock-skew-code",
    timeout_code_is_transient => "timeout-code-is-transient",
    html_from_proxy_without_header => "html-from-proxy-without-header",
    html_from_proxy_with_header => "html-from-proxy-with-header",
    missing_authentication_token_xml => "missing-authentication-token-xml",
    query_protocol_xml_error => "query-protocol-xml-error",
    long_text_body_is_cut_to_200_characters => "long-text-body-is-cut-to-200-characters",
    json_error_without_code => "json-error-without-code",
    truncated_json_error_body => "truncated-json-error-body",
    empty_body => "empty-body",
    blank_body => "blank-body",
    truncated_body => "truncated-body",
    truncated_after_member => "truncated-after-member",
    html_body => "html-body",
    trailing_garbage => "trailing-garbage",
    two_objects => "two-objects",
    not_utf_8 => "not-utf-8",
    array_body => "array-body",
    truncated_array => "truncated-array",
    array_with_members_in_order => "array-with-members-in-order",
    null_body => "null-body",
    string_body => "string-body",
    deployment_number_as_string => "deployment-number-as-string",
    deployment_number_too_large => "deployment-number-too-large",
    growth_factor_as_word => "growth-factor-as-word",
    state_as_number => "state-as-number",
    event_log_as_object => "event-log-as-object",
    occurred_at_as_boolean => "occurred-at-as-boolean",
    occurred_at_not_a_timestamp => "occurred-at-not-a-timestamp",
    event_as_array => "event-as-array",
    started_at_without_offset => "started-at-without-offset",
    action_invocation_wrong_type => "action-invocation-wrong-type",
    action_invocation_as_array => "action-invocation-as-array",
    extension_parameters_wrong_type => "extension-parameters-wrong-type",
    list_applications_item_wrong_type => "list-applications-item-wrong-type",
    list_deployments_item_as_array => "list-deployments-item-as-array",
    list_deployments_items_not_a_list => "list-deployments-items-not-a-list",
    started_at_past_9999_in_utc => "started-at-past-9999-in-utc",
    completed_at_before_year_1_in_utc => "completed-at-before-year-1-in-utc",
    started_at_epoch_before_year_1 => "started-at-epoch-before-year-1",
    r_204_empty_body => "204-empty-body",
}
