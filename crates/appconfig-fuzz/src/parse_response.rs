//! `parse_response::<O>` for every operation: bodies and headers from a framed response
//! (`GetDeployment 200` on the start line). What parses serializes and parses back unchanged;
//! what fails is a typed error whose texts can be printed.

use std::fmt::Debug;

use appconfig_core::{parse_response, Error, GetDeploymentInput, HttpResponse, response::parse_json_body, operation::{GetApplicationInput, GetDeploymentStrategyInput, GetEnvironmentInput, ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, Operation, StopDeploymentInput}};
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
        _ => check::<ListDeploymentsInput>(&response),
    }
}

fn check<O: Operation>(response: &HttpResponse)
where
    O::Output: Serialize + serde::de::DeserializeOwned + Debug,
{
    match parse_response::<O>(response) {
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
