//! Timelines and projections of deployments in every state, from `tests/data/timeline/*.json`:
//! each file holds a `GetDeployment` output, the `now` to project from, and the expected parts of
//! the timeline (as its JSON form, camelCase). The model they follow is documented at the top of
//! `src/timeline.rs`.

#[macro_use]
mod common;

use appconfig_core::{timeline, Deployment};
use serde_json::Value;

/// Compares the expected members with the timeline; `entry*` keys check one member of every
/// entry, in time order.
fn run(json: &str) {
    let case: Value = serde_json::from_str(json).expect("fixture parses");
    let d = Deployment::from_json(&case["deployment"].to_string())
        .unwrap_or_else(|e| panic!("deployment didn't parse: {e}"));
    let now = case["now"].as_str().map(common::time);
    let t = timeline(&d, now);
    let got = serde_json::to_value(&t).expect("timeline serializes");
    let entries = got["entries"].as_array().expect("entries");
    for (key, expected) in case["expect"].as_object().expect("expect") {
        let actual = match key.strip_prefix("entry") {
            Some("Types") => entries.iter().map(|e| e["eventType"].clone()).collect(),
            Some("LogIndexes") => entries.iter().map(|e| e["logIndex"].clone()).collect(),
            Some("SincePreviousMs") => entries
                .iter()
                .map(|e| e["sincePreviousMs"].clone())
                .collect(),
            Some("SinceStartMs") => entries.iter().map(|e| e["sinceStartMs"].clone()).collect(),
            Some("Percentages") => entries.iter().map(|e| e["percentage"].clone()).collect(),
            Some(other) => panic!("unknown entry check {other}"),
            None => got
                .get(key)
                .cloned()
                .unwrap_or_else(|| panic!("timeline has no {key}")),
        };
        assert_eq!(&actual, expected, "{key} didn't match");
    }
    // Whatever the case: projections are estimates, never before `now`, and in time order.
    if let (Some(p), Some(now)) = (&t.projection, now) {
        assert!(p.estimate, "projection not marked as an estimate");
        let mut times: Vec<_> = p.next_steps.iter().map(|s| s.at).collect();
        times.extend(p.bake_starts_at);
        times.extend(p.completes_at);
        assert!(
            times.iter().all(|&x| x >= now),
            "projection in the past: {p:?}"
        );
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "projection out of order: {p:?}"
        );
    }
    if t.in_progress {
        assert_eq!(t.ended_at, None, "a running deployment has no end");
    }
}

macro_rules! timeline_cases {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run(include_str!(concat!("data/timeline/", $file, ".json")));
            }
        )*

        /// Every fixture on disk is listed above.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_fixture_is_listed() {
            let mut listed = vec![$($file),*];
            listed.sort();
            assert_eq!(common::data_entries("timeline", ".json"), listed);
        }
    };
}

timeline_cases! {
    deploying_halfway => "deploying-halfway",
    now_past_the_plan => "now-past-the-plan",
    baking => "baking",
    baking_past_the_plan => "baking-past-the-plan",
    validating => "validating",
    validating_without_start => "validating-without-start",
    rollback_by_alarm_during_bake => "rollback-by-alarm-during-bake",
    rolling_back => "rolling-back",
    reverted => "reverted",
    exponential_deploying => "exponential-deploying",
    events_out_of_order_and_without_times => "events-out-of-order-and-without-times",
}
