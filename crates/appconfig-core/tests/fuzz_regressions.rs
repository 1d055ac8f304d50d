//! What the fuzz targets found, from `tests/data/fuzz/regressions.json`: each case is the call
//! that panicked or broke a property, reduced, with what must happen instead. (Crashes in input
//! validation are cases of `errors/inputs.json`.)

#[macro_use]
mod common;

use appconfig_core::{plan, GrowthType, StrategyParams};
use serde_json::Value;

const REGRESSIONS: &str = include_str!("data/fuzz/regressions.json");

fn case(name: &str) -> Value {
    let doc: Value = serde_json::from_str(REGRESSIONS).expect("regressions.json parses");
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no case {name} in regressions.json"))
}

fn run(name: &str) {
    let c = case(name);
    match c["call"].as_str().expect("a call") {
        "plan" => {
            let s = &c["strategy"];
            let strategy = StrategyParams {
                growth_type: GrowthType::from(s["growth_type"].as_str().expect("growth_type")),
                growth_factor: s["growth_factor"].as_f64().expect("growth_factor"),
                duration_minutes: s["duration_minutes"].as_i64().expect("duration_minutes"),
                final_bake_minutes: s["final_bake_minutes"]
                    .as_i64()
                    .expect("final_bake_minutes"),
            };
            let p = plan(&strategy);
            let e = &c["expect"];
            let percentages: Vec<f64> = p.steps.iter().map(|s| s.percentage).collect();
            let expected: Vec<f64> = e["percentages"]
                .as_array()
                .expect("percentages")
                .iter()
                .map(|v| v.as_f64().expect("a number"))
                .collect();
            assert_eq!(percentages, expected, "plan: percentages didn't match");
            assert_eq!(
                Some(p.bake_start_offset_ms),
                e["bake_start_offset_ms"].as_i64(),
                "plan: bake start didn't match"
            );
            assert_eq!(
                Some(p.complete_offset_ms),
                e["complete_offset_ms"].as_i64(),
                "plan: completion didn't match"
            );
            assert!(
                p.steps.windows(2).all(|w| w[0].offset_ms <= w[1].offset_ms),
                "plan: step offsets out of order: {p:?}"
            );
        }
        other => panic!("unknown call {other} in regressions.json"),
    }
}

macro_rules! regression_cases {
    ($($name:ident => $case:literal,)*) => {
        tests! {
            $(fn $name() { run($case); })*

            /// Every case of regressions.json has a test above.
            fn every_case_is_listed() {
                common::assert_every_case_listed(REGRESSIONS, &[$($case),*]);
            }
        }
    };
}

regression_cases! {
    plan_duration_minutes_beyond_i64_milliseconds => "plan-duration-minutes-beyond-i64-milliseconds",
}
