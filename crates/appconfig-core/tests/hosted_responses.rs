//! The hosted-configuration reads from `tests/data/hosted/responses.json`, one test per case:
//! `GetHostedConfigurationVersion`'s blob payload (the body is the content, the other members
//! are headers), `ListHostedConfigurationVersions` and `GetConfigurationProfile`, and their
//! errors, classified as for every operation.

#[macro_use]
mod common;

use appconfig_core::{
    model::ConfigurationProfileType,
    operation::{
        GetConfigurationProfileInput, GetHostedConfigurationVersionInput,
        ListHostedConfigurationVersionsInput, HOSTED_CONFIGURATION_VERSION_HEADERS,
    },
    parse_response, Error, HttpResponse,
};
use serde_json::Value;

const RESPONSES: &str = include_str!("data/hosted/responses.json");

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
            .expect("headers")
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

fn error(expect: &Value, got: Result<(), Error>) {
    let err = got.expect_err("an error was expected");
    assert_eq!(
        err.kind_name(),
        expect["error"].as_str().unwrap(),
        "error kind didn't match"
    );
    assert_eq!(
        err.to_string(),
        expect["display"].as_str().unwrap(),
        "message didn't match"
    );
}

fn run(name: &str) {
    let doc: Value = serde_json::from_str(RESPONSES).expect("responses.json parses");
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let r = response(case);
    let expect = &case["expect"];
    let is_error = expect.get("error").is_some();
    match case["operation"].as_str().unwrap() {
        "GetHostedConfigurationVersion" => {
            let got = parse_response::<GetHostedConfigurationVersionInput>(&r);
            if is_error {
                return error(expect, got.map(drop));
            }
            let v = got.unwrap_or_else(|e| panic!("parse failed: {e}"));
            let text = |k: &str| expect[k].as_str().map(str::to_owned);
            assert_eq!(v.application_id, text("application_id"), "Application-Id");
            assert_eq!(
                v.configuration_profile_id,
                text("configuration_profile_id"),
                "Configuration-Profile-Id"
            );
            assert_eq!(
                v.version_number.map(i64::from),
                expect["version_number"].as_i64(),
                "Version-Number"
            );
            assert_eq!(v.description, text("description"), "Description");
            assert_eq!(
                hex::encode(&v.content),
                expect["content_hex"].as_str().unwrap(),
                "content"
            );
            assert_eq!(v.content_type, text("content_type"), "Content-Type");
            assert_eq!(v.version_label, text("version_label"), "VersionLabel");
            assert_eq!(v.kms_key_arn, text("kms_key_arn"), "KmsKeyArn");
            // The content is sensitive in the model: Debug gives its length only.
            let debug = format!("{v:?}");
            assert!(
                debug.contains(&format!("<{} bytes>", v.content.len())),
                "Debug shows the length"
            );
            if !v.content.is_empty() {
                assert!(
                    !debug.contains(&format!("{:?}", v.content)),
                    "Debug hides the bytes"
                );
            }
        }
        "ListHostedConfigurationVersions" => {
            let got = parse_response::<ListHostedConfigurationVersionsInput>(&r);
            if is_error {
                return error(expect, got.map(drop));
            }
            let page = got.unwrap_or_else(|e| panic!("parse failed: {e}"));
            let items = page.items.unwrap_or_default();
            let versions: Vec<Value> = items.iter().map(|i| i.version_number.into()).collect();
            let labels: Vec<Value> = items
                .iter()
                .map(|i| i.version_label.clone().into())
                .collect();
            let types: Vec<Value> = items
                .iter()
                .map(|i| i.content_type.clone().into())
                .collect();
            assert_eq!(Value::from(versions), expect["versions"], "VersionNumbers");
            assert_eq!(Value::from(labels), expect["labels"], "VersionLabels");
            assert_eq!(Value::from(types), expect["content_types"], "ContentTypes");
            assert_eq!(
                page.next_token.as_deref(),
                expect["next_token"].as_str(),
                "NextToken"
            );
        }
        "GetConfigurationProfile" => {
            let got = parse_response::<GetConfigurationProfileInput>(&r);
            if is_error {
                return error(expect, got.map(drop));
            }
            let p = got.unwrap_or_else(|e| panic!("parse failed: {e}"));
            assert_eq!(p.name.as_deref(), expect["name"].as_str(), "Name");
            let t = p.r#type.clone().expect("Type");
            assert_eq!(t.as_str(), expect["type"].as_str().unwrap(), "Type");
            assert_eq!(
                !matches!(t, ConfigurationProfileType::Unknown(_)),
                expect["known_type"].as_bool().unwrap(),
                "known type"
            );
            assert_eq!(p.is_hosted(), expect["hosted"].as_bool().unwrap(), "hosted");
            assert_eq!(
                p.validators.map_or(0, |v| v.len()) as u64,
                expect["validators"].as_u64().unwrap(),
                "validators"
            );
        }
        other => panic!("unknown operation {other}"),
    }
}

tests! {
    fn get_hosted_all_headers() { run("get_hosted_all_headers") }
    fn get_hosted_only_content_type() { run("get_hosted_only_content_type") }
    fn get_hosted_json_content_like_an_error() { run("get_hosted_json_content_like_an_error") }
    fn get_hosted_bad_version_number() { run("get_hosted_bad_version_number") }
    fn get_hosted_not_found() { run("get_hosted_not_found") }
    fn get_hosted_access_denied() { run("get_hosted_access_denied") }
    fn list_hosted_page() { run("list_hosted_page") }
    fn list_hosted_wrong_type() { run("list_hosted_wrong_type") }
    fn get_profile_feature_flags() { run("get_profile_feature_flags") }
    fn get_profile_ssm_unknown_type() { run("get_profile_ssm_unknown_type") }
    /// The header table both readers follow is the model's: every member of the output but the
    /// payload, with its `locationName` and type.
    fn header_table_is_the_models() {
        let model: Value = serde_json::from_str(include_str!("data/model/service-2.json")).unwrap();
        let shape = &model["shapes"]["HostedConfigurationVersion"];
        assert_eq!(shape["payload"], "Content", "the payload member");
        let members = shape["members"].as_object().unwrap();
        let mut from_model: Vec<(String, String, String)> = members
            .iter()
            .filter(|(_, m)| m["location"] == "header")
            .map(|(k, m)| {
                let ty = model["shapes"][m["shape"].as_str().unwrap()]["type"].as_str().unwrap();
                let code = if ty == "integer" { "i" } else { "s" };
                (k.clone(), m["locationName"].as_str().unwrap().to_owned(), code.to_owned())
            })
            .collect();
        from_model.sort();
        let mut table: Vec<(String, String, String)> = HOSTED_CONFIGURATION_VERSION_HEADERS
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        table.sort();
        assert_eq!(table, from_model, "header members differ from service-2.json");
        assert_eq!(members.len(), table.len() + 1, "every member but Content is a header");
    }
    fn every_case_is_listed() {
        common::assert_every_case_listed(RESPONSES, &[
            "get_hosted_all_headers", "get_hosted_only_content_type",
            "get_hosted_json_content_like_an_error", "get_hosted_bad_version_number",
            "get_hosted_not_found", "get_hosted_access_denied", "list_hosted_page",
            "list_hosted_wrong_type", "get_profile_feature_flags", "get_profile_ssm_unknown_type",
        ]);
    }
}
