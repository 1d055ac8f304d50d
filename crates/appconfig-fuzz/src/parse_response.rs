//! `parse_response::<O>` for every operation: bodies and headers from a framed response
//! (`GetDeployment 200` on the start line). What parses serializes and parses back unchanged;
//! what fails is a typed error whose texts can be printed.

use std::fmt::Debug;

use appconfig_core::{parse_response, Error, GetDeploymentInput, HttpResponse, response::parse_json_body, operation::{GetApplicationInput, GetConfigurationProfileInput, GetDeploymentStrategyInput, GetEnvironmentInput, GetHostedConfigurationVersionInput, ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, ListHostedConfigurationVersionsInput, Operation, StopDeploymentInput}};
use serde::Serialize;

use crate::Message;

/// The operations, by the name the start line gives.
pub const OPERATIONS: &[&str] = &[
    GetDeploymentInput::NAME,
    StopDeploymentInput::NAME,
    GetApplicationInput::NAME,
    GetEnvironmentInput::NAME,
    GetDeploymentStrategyInput::NAME,
    ListApplicationsInput::NAME,
    ListEnvironmentsInput::NAME,
    ListDeploymentsInput::NAME,
    ListHostedConfigurationVersionsInput::NAME,
    GetConfigurationProfileInput::NAME,
    GetHostedConfigurationVersionInput::NAME,
];

/// Runs one input.
pub fn run(data: &[u8]) {
    let m = Message::parse(data);
    let op = m.word(0);
    let status = m.word(1).parse().unwrap_or(200);
    let index = OPERATIONS
        .iter()
        .position(|n| *n == op)
        .unwrap_or(op.len() % OPERATIONS.len());
    let response = HttpResponse {
        status,
        headers: m.headers,
        body: m.body,
    };
    match index {
        0 => check::<GetDeploymentInput>(&response),
        1 => check::<StopDeploymentInput>(&response),
        2 => check::<GetApplicationInput>(&response),
        3 => check::<GetEnvironmentInput>(&response),
        4 => check::<GetDeploymentStrategyInput>(&response),
        5 => check::<ListApplicationsInput>(&response),
        6 => check::<ListEnvironmentsInput>(&response),
        8 => check::<ListHostedConfigurationVersionsInput>(&response),
        9 => check::<GetConfigurationProfileInput>(&response),
        10 => check_hosted(&response),
        _ => check::<ListDeploymentsInput>(&response),
    }
}

/// The blob payload: on 2xx the content is the body byte for byte and each header member is
/// its header; otherwise a typed error, as for the JSON outputs.
fn check_hosted(response: &HttpResponse) {
    match parse_response::<GetHostedConfigurationVersionInput>(response) {
        Ok(v) => {
            assert!((200..300).contains(&response.status), "an output from a non-2xx response");
            assert_eq!(v.content, response.body, "the content is the body");
            assert_eq!(v.content_type.as_deref(), response.header("content-type"), "Content-Type");
            assert_eq!(v.version_label.as_deref(), response.header("versionlabel"), "VersionLabel");
            let debug = format!("{v:?}");
            assert!(debug.contains(&format!("<{} bytes>", v.content.len())), "Debug hides the content");
        }
        Err(e) => {
            let _ = (e.to_string(), format!("{e:?}"), e.kind_name());
            if let Error::MalformedResponse { status, .. } = &e {
                assert_eq!(*status, response.status, "the status of a malformed response");
            }
        }
    }
}

fn check<O: Operation>(response: &HttpResponse)
where
    O::Output: Serialize + serde::de::DeserializeOwned + Debug,
{
    let parsed = parse_response::<O>(response);
    if (200..300).contains(&response.status) {
        // What the browser transport reads 2xx bodies with.
        let tree = <O::Output as appconfig_core::operation::OperationOutput>::read_response(response);
        crate::tree_agrees(&response.body, &parsed, &tree);
    }
    match parsed {
        Ok(out) => {
            assert!(
                (200..300).contains(&response.status),
                "an output from a non-2xx response"
            );
            let json = serde_json::to_vec(&out).expect("an output serializes");
            let again: O::Output = parse_json_body(200, &json).unwrap_or_else(|e| {
                panic!(
                    "{}: serialized output does not parse back: {e}\n{}",
                    O::NAME,
                    String::from_utf8_lossy(&json)
                )
            });
            let (a, b) = (
                serde_json::to_value(&again).expect("serializes"),
                serde_json::to_value(&out).expect("serializes"),
            );
            assert!(
                crate::same_json(&a, &b),
                "{}: the round trip changed the output:\n{a}\n{b}",
                O::NAME
            );
        }
        Err(e) => {
            let _ = (e.to_string(), format!("{e:?}"), e.kind_name());
            match &e {
                Error::Service(s) => {
                    assert!(
                        !(200..300).contains(&response.status),
                        "a service error on 2xx"
                    );
                    let _ = s.category();
                }
                Error::MalformedResponse { .. } => {
                    assert!(
                        (200..300).contains(&response.status),
                        "a malformed 2xx on {}",
                        response.status
                    );
                }
                other => panic!("{}: unexpected error kind {other:?}", O::NAME),
            }
        }
    }
}
