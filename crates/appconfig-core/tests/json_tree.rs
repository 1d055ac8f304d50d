//! The core's own JSON reader (`json_tree`, what the browser transport reads every answer with)
//! against serde_json's (`parse_json_body`): the same model values from the model's fixtures and
//! AWS's examples, the same verdict and the same words on broken text, the same member paths.
//! `tests/shapes.rs` checks every member of every output with wrong types through both.

use appconfig_core::json_tree::{parse, read_json_body, FromJson, Json};
use appconfig_core::model::{
    Applications, ConfigurationProfile, DeploymentStrategies, Deployments, Environments,
    HostedConfigurationVersions,
};
use appconfig_core::response::parse_json_body;
use appconfig_core::Deployment;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const EXAMPLES: &str = include_str!("data/model/examples-1.json");
const ALL_MEMBERS: &str = include_str!("data/model/deployment-all-members.json");
const UNKNOWN_VALUES: &str = include_str!("data/model/deployment-unknown-values.json");

/// Both readers on `text`: the same value (compared as serde writes it), or both refuse with the
/// same message.
fn same<T: DeserializeOwned + FromJson + Serialize>(what: &str, text: &str) {
    if let Err(e) = compare::<T>(what, text) {
        panic!("{e}");
    }
}

/// As [`same`], every text, and every difference reported at once.
fn all_same<T: DeserializeOwned + FromJson + Serialize>(texts: &[String]) {
    let faults: Vec<String> = texts
        .iter()
        .filter_map(|t| compare::<T>(&format!("{t:?}"), t).err())
        .collect();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

fn compare<T: DeserializeOwned + FromJson + Serialize>(
    what: &str,
    text: &str,
) -> Result<(), String> {
    let serde = parse_json_body::<T>(200, text.as_bytes());
    let tree = read_json_body::<T>(200, text.as_bytes());
    match (serde, tree) {
        (Ok(a), Ok(b)) => {
            let (a, b) = (
                serde_json::to_value(&a).unwrap(),
                serde_json::to_value(&b).unwrap(),
            );
            if a == b {
                Ok(())
            } else {
                Err(format!(
                    "{}: the readers read different values: {a} / {b}",
                    short(what)
                ))
            }
        }
        (Err(a), Err(b)) => {
            let (a, b) = (
                without_position(&a.to_string()),
                without_position(&b.to_string()),
            );
            if a == b {
                Ok(())
            } else {
                Err(format!("{}: the readers refuse with different words:\n  serde_json: {a}\n  json_tree:  {b}", short(what)))
            }
        }
        (a, b) => Err(format!(
            "{}: serde_json's reader {}, json_tree's {}",
            short(what),
            verdict(&a),
            verdict(&b)
        )),
    }
}

/// At most 120 characters of a case's name (some are 200 KB of brackets).
fn short(what: &str) -> String {
    what.chars().take(120).collect()
}

fn verdict<T>(r: &Result<T, appconfig_core::Error>) -> String {
    match r {
        Ok(_) => "accepts".into(),
        Err(e) => format!("refuses ({e})"),
    }
}

/// Syntax errors compare whole (serde_json's words and position); a value of the wrong type by
/// the member it names, since serde words the value its own way (`floating point `100.0``
/// for `1e2`) and adds a position that json_tree, which names the member, leaves out.
fn without_position(e: &str) -> String {
    if let Some(i) = e.find(" has the wrong type") {
        return e[..i].to_owned();
    }
    if e.contains("unexpected JSON") {
        if let Some(i) = e.rfind(" at line ") {
            return e[..i].to_owned();
        }
    }
    e.to_owned()
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn fixtures_read_the_same() {
    same::<Deployment>("deployment-all-members.json", ALL_MEMBERS);
    same::<Deployment>("deployment-unknown-values.json", UNKNOWN_VALUES);
    let d = read_json_body::<Deployment>(200, ALL_MEMBERS.as_bytes()).unwrap();
    assert!(
        d.event_log.as_ref().is_some_and(|l| !l.is_empty()),
        "events read"
    );
    assert!(d.applied_extensions.is_some(), "extensions read");
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_example_output_reads_the_same() {
    let examples: Value = serde_json::from_str(EXAMPLES).unwrap();
    let mut checked = 0;
    for (operation, cases) in examples["examples"].as_object().unwrap() {
        for case in cases.as_array().unwrap() {
            let Some(output) = case.get("output") else {
                continue;
            };
            let text = output.to_string();
            match operation.as_str() {
                "GetDeployment" | "StartDeployment" | "StopDeployment" => {
                    same::<Deployment>(operation, &text)
                }
                "ListApplications" => same::<Applications>(operation, &text),
                "ListEnvironments" => same::<Environments>(operation, &text),
                "ListDeployments" => same::<Deployments>(operation, &text),
                "ListDeploymentStrategies" => same::<DeploymentStrategies>(operation, &text),
                "ListHostedConfigurationVersions" => {
                    same::<HostedConfigurationVersions>(operation, &text)
                }
                "GetConfigurationProfile" | "CreateConfigurationProfile" => {
                    same::<ConfigurationProfile>(operation, &text)
                }
                _ => continue,
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} examples");
}

/// Broken and odd bodies: the same verdict, and the same words (serde_json's) for the same fault.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn broken_text_is_refused_alike() {
    let texts = [
        "",
        "   ",
        "{",
        "{\"State\"",
        "{\"State\":",
        "{\"State\":\"BAK",
        "{\"State\":\"BAKING\"",
        "{\"State\":\"BAKING\",}",
        "{\"State\" \"BAKING\"}",
        "{State:1}",
        "{\"EventLog\":[{},]}",
        "{\"EventLog\":[{} {}]}",
        "{\"EventLog\":[",
        "{} {}",
        "{}x",
        "[]",
        "[{}]",
        "[1,",
        "null",
        "true",
        "7",
        "\"COMPLETE\"",
        "{\"DeploymentNumber\":01}",
        "{\"DeploymentNumber\":-}",
        "{\"DeploymentNumber\":1.}",
        "{\"DeploymentNumber\":1e}",
        "{\"DeploymentNumber\":.5}",
        "{\"DeploymentNumber\":tru}",
        "{\"DeploymentNumber\":nul}",
        "{\"Description\":\"a\\qb\"}",
        "{\"Description\":\"a\\u12\"}",
        "{\"Description\":\"a\\u12G4\"}",
        "{\"Description\":\"tab\there\"}",
        "{\"Description\":\"line\nbreak\"}",
        "\u{feff}{}",
        "{\"a\":1}\n\n  x",
        "{\n  \"State\": \"BAKING\",\n  \"EventLog\": [\n    {\"Description\": \"a\"}\n    {}\n  ]\n}",
    ];
    all_same::<Deployment>(&texts.map(String::from));
}

/// Values the readers accept, and those of the wrong type, read alike.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn values_read_alike() {
    let texts = [
        r#"{"DeploymentNumber":"1"}"#,
        r#"{"DeploymentNumber":-0}"#,
        r#"{"DeploymentNumber":2147483647}"#,
        r#"{"DeploymentNumber":2147483648}"#,
        r#"{"DeploymentNumber":-2147483649}"#,
        r#"{"DeploymentNumber":1.0}"#,
        r#"{"DeploymentNumber":1e2}"#,
        r#"{"DeploymentNumber":99999999999999999999}"#,
        r#"{"PercentageComplete":1e400}"#,
        r#"{"PercentageComplete":-1.5E-3}"#,
        r#"{"PercentageComplete":100}"#,
        r#"{"GrowthFactor":{"x":1}}"#,
        r#"{"StartedAt":"yesterday"}"#,
        r#"{"StartedAt":1631915034.205}"#,
        r#"{"StartedAt":1631915034}"#,
        r#"{"StartedAt":"2021-09-17T21:43:54.205Z"}"#,
        r#"{"StartedAt":true}"#,
        r#"{"StartedAt":null, "State":null}"#,
        r#"{"State":"BAKING","State":"COMPLETE"}"#,
        r#"{"Unknown":{"deep":[1,{"x":"\ud83d\ude00"}]}, "State":"BAKING"}"#,
        r#"{"Description":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t"}"#,
        r#"{"EventLog":{}}"#,
        r#"{"EventLog":[[], {}]}"#,
        r#"{"EventLog":[{}, {"OccurredAt": true}]}"#,
        r#"{"AppliedExtensions":[{}, {"Parameters":{"a":"1","b":[]}}]}"#,
        r#"{"AppliedExtensions":[{"Parameters":{"k\u00e9y":1}}]}"#,
        r#"{"Event\"Log":1, "EventLog":[{"ActionInvocations":[{"ErrorCode":404}]}]}"#,
    ];
    all_same::<Deployment>(&texts.map(String::from));
}

/// Deep nesting is refused, never by exhausting the stack: at serde_json's limit (128) inside the
/// members the model reads; also inside members it does not know, which serde_json skips
/// without a limit (AWS's answers nest 4 deep).
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn nesting_is_bounded() {
    let nest = |key: &str, depth: usize| {
        format!("{{\"{key}\":{}{}}}", "[".repeat(depth), "]".repeat(depth))
    };
    all_same::<Deployment>(&[
        nest("EventLog", 1),
        nest("EventLog", 126),
        nest("Unknown", 126),
    ]);
    for depth in [128, 129, 100_000] {
        for key in ["EventLog", "Unknown"] {
            let e = read_json_body::<Deployment>(200, nest(key, depth).as_bytes()).unwrap_err();
            assert!(
                e.to_string().contains("recursion limit exceeded"),
                "{key} {depth}: {e}"
            );
        }
    }
    let deep = "[".repeat(1_000_000);
    let e = parse(&deep).unwrap_err();
    assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
}

/// A lone surrogate is U+FFFD, as in the browser (serde_json refuses it in a string it keeps).
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn lone_surrogates_are_replacement_characters() {
    let v = parse(r#""a\ud800b\udc00c\ud800\u0041""#).unwrap();
    assert_eq!(v, Json::String("a\u{fffd}b\u{fffd}c\u{fffd}A".into()));
    let d = read_json_body::<Deployment>(200, br#"{"Description":"\ud83d"}"#).unwrap();
    assert_eq!(d.description.as_deref(), Some("\u{fffd}"));
}

/// Invalid UTF-8 is refused before parsing, as by serde_json's reader.
#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bytes_that_are_not_utf8_are_refused() {
    let body = b"{\"Description\":\"\xff\"}";
    let a = parse_json_body::<Deployment>(200, body)
        .unwrap_err()
        .to_string();
    let b = read_json_body::<Deployment>(200, body)
        .unwrap_err()
        .to_string();
    assert_eq!(a, b);
}
