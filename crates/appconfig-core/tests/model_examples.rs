//! The output shapes against botocore's model: the examples of `examples-1.json` parse and
//! round-trip, a fixture with every member of `Deployment` (checked against `service-2.json`)
//! parses and round-trips, unknown enum values and keys are handled, timestamps in every form
//! AWS and the CLI print parse.

#[macro_use]
mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use appconfig_core::response::parse_json_body;
use appconfig_core::{
    model::{
        Application, Applications, DeploymentEventType, DeploymentStrategies, DeploymentStrategy,
        Deployments, Environment, Environments, GrowthType, TriggeredBy,
    },
    Deployment, DeploymentState,
};
use appconfig_core::{
    timeline,
    timeline::{plan, StrategyParams},
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const EXAMPLES: &str = include_str!("data/model/examples-1.json");
const SERVICE: &str = include_str!("data/model/service-2.json");
const ALL_MEMBERS: &str = include_str!("data/model/deployment-all-members.json");
const UNKNOWN_VALUES: &str = include_str!("data/model/deployment-unknown-values.json");

fn service() -> Value {
    serde_json::from_str(SERVICE).expect("service-2.json parses")
}

fn example_output(operation: &str) -> Value {
    let examples: Value = serde_json::from_str(EXAMPLES).expect("examples-1.json parses");
    examples["examples"][operation][0]["output"].clone()
}

/// The output shape of an operation, by the model.
fn output_shape(operation: &str) -> String {
    service()["operations"][operation]["output"]["shape"]
        .as_str()
        .unwrap_or_else(|| panic!("{operation} has an output shape"))
        .to_owned()
}

/// The member names of a structure shape, by the model.
fn members(shape: &str) -> BTreeSet<String> {
    service()["shapes"][shape]["members"]
        .as_object()
        .unwrap_or_else(|| panic!("{shape} is a structure"))
        .keys()
        .cloned()
        .collect()
}

/// Every object key path (`EventLog[].OccurredAt`), to see that nothing is dropped.
fn key_paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                key_paths(child, &path, out);
                out.insert(path);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// Parses `json` as `T` the way a response is parsed, serializes it, parses that again: the two
/// values must be equal and the serialized form must keep every key of the input.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(json: &str) -> T {
    let parsed: T = parse_json_body(200, json.as_bytes())
        .unwrap_or_else(|e| panic!("parsing the input failed: {e}"));
    let written = serde_json::to_string(&parsed).expect("serializes");
    let reparsed: T = parse_json_body(200, written.as_bytes())
        .unwrap_or_else(|e| panic!("parsing our own JSON failed: {e}: {written}"));
    assert_eq!(parsed, reparsed, "round trip changed the value");
    let mut before = BTreeSet::new();
    key_paths(
        &serde_json::from_str(json).expect("input is JSON"),
        "",
        &mut before,
    );
    let mut after = BTreeSet::new();
    key_paths(
        &serde_json::from_str(&written).expect("output is JSON"),
        "",
        &mut after,
    );
    let dropped: Vec<&String> = before.difference(&after).collect();
    assert!(
        dropped.is_empty(),
        "serialization dropped members {dropped:?}"
    );
    parsed
}

/// Round-trips the example output of `operation` as the shape the model says it returns.
fn example_round_trip(operation: &str) {
    let output = example_output(operation).to_string();
    match output_shape(operation).as_str() {
        "Deployment" => drop(round_trip::<Deployment>(&output)),
        "Deployments" => drop(round_trip::<Deployments>(&output)),
        "Applications" => drop(round_trip::<Applications>(&output)),
        "Application" => drop(round_trip::<Application>(&output)),
        "Environments" => drop(round_trip::<Environments>(&output)),
        "Environment" => drop(round_trip::<Environment>(&output)),
        "DeploymentStrategy" => drop(round_trip::<DeploymentStrategy>(&output)),
        "DeploymentStrategies" => drop(round_trip::<DeploymentStrategies>(&output)),
        other => panic!("{operation} returns {other}, which this crate does not model"),
    }
}

/// The shapes this crate models.
const MODELED: &[&str] = &[
    "Deployment",
    "Deployments",
    "Applications",
    "Application",
    "Environments",
    "Environment",
    "DeploymentStrategy",
    "DeploymentStrategies",
];

macro_rules! example_cases {
    ($($name:ident => $op:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                example_round_trip($op);
            }
        )*

        tests! {
            /// Every example whose output is a modeled shape has a test above.
            fn every_modeled_example_is_listed() {
                let examples: Value = serde_json::from_str(EXAMPLES).unwrap();
                let mut wanted: Vec<String> = examples["examples"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .filter(|op| {
                        service()["operations"][op.as_str()]["output"]["shape"]
                            .as_str()
                            .is_some_and(|shape| MODELED.contains(&shape))
                    })
                    .cloned()
                    .collect();
                wanted.sort();
                let mut listed = vec![$($op),*];
                listed.sort();
                assert_eq!(wanted, listed);
            }
        }
    };
}

example_cases! {
    example_get_deployment => "GetDeployment",
    example_start_deployment => "StartDeployment",
    example_stop_deployment => "StopDeployment",
    example_list_deployments => "ListDeployments",
    example_list_applications => "ListApplications",
    example_get_application => "GetApplication",
    example_create_application => "CreateApplication",
    example_update_application => "UpdateApplication",
    example_list_environments => "ListEnvironments",
    example_get_environment => "GetEnvironment",
    example_create_environment => "CreateEnvironment",
    example_update_environment => "UpdateEnvironment",
    example_get_deployment_strategy => "GetDeploymentStrategy",
    example_create_deployment_strategy => "CreateDeploymentStrategy",
    example_update_deployment_strategy => "UpdateDeploymentStrategy",
    example_list_deployment_strategies => "ListDeploymentStrategies",
}

fn get_deployment_example() -> Deployment {
    Deployment::from_json(&example_output("GetDeployment").to_string())
        .unwrap_or_else(|e| panic!("the GetDeployment example didn't parse: {e}"))
}

tests! {
    fn get_deployment_example_has_seven_known_events_and_is_complete() {
        let d = get_deployment_example();
        assert_eq!(d.state, Some(DeploymentState::Complete));
        assert_eq!(d.growth_type, Some(GrowthType::Linear));
        assert_eq!(d.growth_factor, Some(25.0));
        assert_eq!(d.deployment_duration_in_minutes, Some(15));
        assert_eq!(d.percentage_complete, Some(100.0));
        let log = d.event_log.as_deref().expect("event log");
        let types: Vec<_> = log.iter().map(|e| e.event_type.clone().unwrap()).collect();
        use DeploymentEventType::*;
        assert_eq!(
            types,
            vec![
                DeploymentCompleted,
                BakeTimeStarted,
                PercentageUpdated,
                PercentageUpdated,
                PercentageUpdated,
                PercentageUpdated,
                DeploymentStarted
            ]
        );
        assert!(log.iter().all(|e| e.occurred_at.is_some() && e.triggered_by.is_some()));
        assert_eq!(log[6].triggered_by, Some(TriggeredBy::User));
        assert_eq!(d.started_at, Some(common::time("2021-09-17T21:43:54.205Z")));
        assert_eq!(d.completed_at, Some(common::time("2021-09-17T21:59:03.888Z")));
    }

    /// The model of `timeline.rs` is derived from this example: check it against it.
    fn get_deployment_example_timeline_steps_every_three_minutes_bake_at_fifteen() {
        let d = get_deployment_example();
        let t = timeline(&d, None);
        let start = t.started_at.expect("started");
        let pcts: Vec<f64> = t.steps.iter().map(|s| s.percentage).collect();
        assert_eq!(pcts, vec![25.0, 50.0, 75.0, 100.0], "step percentages didn't match");
        let mut previous = start;
        for (i, s) in t.steps.iter().enumerate() {
            let gap = s.at.millis_since(&previous);
            assert!(
                (gap - 180_000).abs() <= 2_000,
                "step {} came {gap} ms after the previous one, not 3 min ± 2 s",
                i + 1
            );
            previous = s.at;
        }
        let bake = t.bake.expect("bake started");
        let bake_offset = bake.started_at.millis_since(&start);
        // 15 min 3.5 s in the example: the lag of the steps carried on.
        assert!(
            (bake_offset - 15 * 60_000).abs() <= 5_000,
            "bake started {bake_offset} ms after the start, not at +15 min"
        );
        assert_eq!(bake.planned_end, Some(bake.started_at), "bake time is 0");
        assert_eq!(t.ended_at, d.completed_at);
        assert!(!t.in_progress);
        assert!(t.projection.is_none(), "a complete deployment has no projection");
        // The plan agrees with what happened.
        let p = plan(&StrategyParams::of(&d).expect("strategy"));
        let offsets: Vec<i64> = p.steps.iter().map(|s| s.offset_ms).collect();
        assert_eq!(offsets, vec![180_000, 360_000, 540_000, 720_000]);
        assert_eq!(p.bake_start_offset_ms, 15 * 60_000);
        for (planned, seen) in p.steps.iter().zip(&t.steps) {
            let late = seen.at.millis_since(&start) - planned.offset_ms;
            assert!((0..=5_000).contains(&late), "a step was {late} ms off the plan");
        }
        assert_eq!(t.chart.first().map(|c| c.percentage), Some(0.0));
        assert_eq!(t.chart.last().map(|c| c.percentage), Some(100.0));
    }

    /// A fixture with every member of `Deployment`, `DeploymentEvent`, `ActionInvocation` and
    /// `AppliedExtension`, checked against `service-2.json`, parses and round-trips.
    fn deployment_with_every_member_round_trips() {
        let fixture: Value = serde_json::from_str(ALL_MEMBERS).unwrap();
        let keys = |v: &Value| -> BTreeSet<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&fixture), members("Deployment"), "fixture doesn't cover Deployment");
        let union = |items: &Value| -> BTreeSet<String> {
            items.as_array().unwrap().iter().flat_map(&keys).collect()
        };
        assert_eq!(union(&fixture["EventLog"]), members("DeploymentEvent"));
        assert_eq!(
            union(&fixture["EventLog"][1]["ActionInvocations"]),
            members("ActionInvocation")
        );
        assert_eq!(union(&fixture["AppliedExtensions"]), members("AppliedExtension"));

        let d: Deployment = round_trip(ALL_MEMBERS);
        assert_eq!(d.state, Some(DeploymentState::RolledBack));
        assert_eq!(d.growth_type, Some(GrowthType::Exponential));
        assert_eq!(d.growth_factor, Some(12.5));
        assert_eq!(d.version_label.as_deref(), Some("v2.1.0"));
        assert_eq!(d.kms_key_identifier.as_deref(), Some("alias/appconfig"));
        let log = d.event_log.as_deref().unwrap();
        assert_eq!(log[1].triggered_by, Some(TriggeredBy::CloudWatchAlarm));
        let inv = &log[1].action_invocations.as_deref().unwrap()[0];
        assert!(inv.failed());
        assert_eq!(inv.error_code.as_deref(), Some("ExtensionTimeout"));
        assert_eq!(log[2].occurred_at, Some(common::time("2024-05-01T12:06:40Z")));
        let ext = &d.applied_extensions.as_deref().unwrap()[0];
        assert_eq!(ext.parameters.as_ref().unwrap()["channel"], "#deploys");
        assert_eq!(d.completed_at.unwrap().epoch_millis(), 1_714_565_370_500);
    }

    /// Values AWS may add later parse as `Unknown` and are written back unchanged; unknown keys
    /// are ignored at every level.
    fn unknown_enum_values_and_keys() {
        let d = Deployment::from_json(UNKNOWN_VALUES).expect("parses");
        assert_eq!(d.state, Some(DeploymentState::Unknown("PAUSED".into())));
        assert_eq!(d.growth_type, Some(GrowthType::Unknown("STEP_FUNCTION".into())));
        let log = d.event_log.as_deref().unwrap();
        assert_eq!(
            log[0].event_type,
            Some(DeploymentEventType::Unknown("DEPLOYMENT_PAUSED".into()))
        );
        assert_eq!(log[0].triggered_by, Some(TriggeredBy::Unknown("SCHEDULER".into())));
        assert_eq!(log[1].event_type, Some(DeploymentEventType::DeploymentStarted));
        assert!(!d.state.as_ref().unwrap().is_in_progress(), "unknown states are final");

        let written: Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(written["State"], "PAUSED");
        assert_eq!(written["GrowthType"], "STEP_FUNCTION");
        assert_eq!(written["EventLog"][0]["EventType"], "DEPLOYMENT_PAUSED");
        assert_eq!(written["EventLog"][0]["TriggeredBy"], "SCHEDULER");
        for gone in ["SomethingNew", "EventLog.0.Severity", "EventLog.1.AnotherNewKey"] {
            let pointer = format!("/{}", gone.replace('.', "/"));
            assert!(written.pointer(&pointer).is_none(), "{gone} was kept");
        }
        assert!(written.pointer("/EventLog/0/ActionInvocations/0/Unmodeled").is_none());
        assert!(written.pointer("/AppliedExtensions/0/Future").is_none());
        assert_eq!(Deployment::from_json(&d.to_json()).unwrap(), d);
        // The timeline shows them as they are, and does not guess a plan for unknown growth.
        let t = timeline(&d, Some(common::time("2024-05-01T12:06:00Z")));
        assert_eq!(
            t.entries[1].event_type.as_ref().map(|t| t.as_str()),
            Some("DEPLOYMENT_PAUSED")
        );
        assert!(!t.in_progress);
        assert!(t.projection.is_none());
    }

    fn timestamps_in_every_form_parse_to_the_same_instant() {
        let cases = [
            ("2021-09-17T21:43:54Z", 1_631_915_034_000),
            ("2021-09-17T21:43:54+00:00", 1_631_915_034_000),
            ("2021-09-17T23:43:54+02:00", 1_631_915_034_000),
            ("2021-09-17T16:43:54-05:00", 1_631_915_034_000),
            ("2021-09-17T21:43:54.205Z", 1_631_915_034_205),
            ("2021-09-17T21:43:54.205000+00:00", 1_631_915_034_205),
            ("2021-09-17T23:43:54.205+02:00", 1_631_915_034_205),
            ("2021-09-17T21:43:54.2Z", 1_631_915_034_200),
            ("2021-09-17T21:43:54.123456789Z", 1_631_915_034_123),
        ];
        for (text, millis) in cases {
            let json = format!(r#"{{"StartedAt":"{text}","EventLog":[{{"OccurredAt":"{text}"}}]}}"#);
            let d = Deployment::from_json(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d.started_at.unwrap().epoch_millis(), millis, "{text}");
            let e = &d.event_log.as_deref().unwrap()[0];
            assert_eq!(e.occurred_at, d.started_at, "{text}");
            // Written back in UTC with `Z`, the same instant.
            let again = Deployment::from_json(&d.to_json()).unwrap();
            assert_eq!(again.started_at, d.started_at, "{text}");
            assert!(d.to_json().contains("Z\""), "{text} was not written in UTC");
        }
        // Epoch seconds, as some tools print them.
        let d = Deployment::from_json(r#"{"StartedAt":1631915034.205}"#).unwrap();
        assert_eq!(d.started_at.unwrap().epoch_millis(), 1_631_915_034_205);
    }
}
