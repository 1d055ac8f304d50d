//! What the fuzz targets found, from `tests/data/fuzz/regressions.json`: each case is the call
//! that panicked or broke a property, reduced, with what must happen instead. (Crashes in input
//! validation are cases of `errors/inputs.json`.)

#[macro_use]
mod common;

use std::time::{Duration, SystemTime};

use appconfig_core::{
    model::GrowthType,
    timeline,
    timeline::{describe_strategy, parse_percentage, plan, StrategyParams},
    DateTime, Deployment,
};
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

fn strategy(s: &Value) -> StrategyParams {
    StrategyParams {
        growth_type: GrowthType::from(s["growth_type"].as_str().expect("growth_type")),
        growth_factor: s["growth_factor"].as_f64().expect("growth_factor"),
        duration_minutes: s["duration_minutes"].as_i64().expect("duration_minutes"),
        final_bake_minutes: s["final_bake_minutes"]
            .as_i64()
            .expect("final_bake_minutes"),
    }
}

fn run(name: &str) {
    let c = case(name);
    match c["call"].as_str().expect("a call") {
        "parse_percentage" => {
            let text = c["description"].as_str().expect("description");
            assert_eq!(
                parse_percentage(text),
                c["expect"].as_f64(),
                "parse_percentage: {text}"
            );
        }
        "describe_strategy" => {
            assert_eq!(
                describe_strategy(&strategy(&c["strategy"])),
                c["expect"].as_str().expect("expect"),
                "describe_strategy: text didn't match"
            );
        }
        "plan" => {
            let p = plan(&strategy(&c["strategy"]));
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
        "datetime" => {
            let v = c["value"].as_i64().expect("an integer value");
            let t = match c["op"].as_str().expect("an op") {
                "from_system_time_secs" => DateTime::from_system_time(
                    SystemTime::UNIX_EPOCH + Duration::from_secs(v as u64),
                ),
                "add_millis_from_2024" => common::time("2024-01-01T00:00:00Z").add_millis(v),
                "from_epoch_millis" => DateTime::from_epoch_millis(v),
                other => panic!("unknown datetime op {other}"),
            };
            let text = t.to_rfc3339();
            assert_eq!(
                text,
                c["expect_rfc3339"].as_str().expect("expect_rfc3339"),
                "datetime: value didn't match"
            );
            assert_eq!(
                DateTime::parse(&text),
                Ok(t),
                "datetime: its RFC 3339 form didn't parse back"
            );
        }
        "timeline" => {
            let d = Deployment::from_json(&c["deployment"].to_string()).expect("deployment parses");
            let now = c["now"].as_str().map(common::time);
            let t = timeline(&d, now);
            let p = t.projection.expect("timeline: a projection");
            assert!(p.estimate, "timeline: projection not marked as an estimate");
            let last_event = d
                .event_log
                .iter()
                .flatten()
                .filter_map(|e| e.occurred_at)
                .max();
            let times = p
                .next_steps
                .iter()
                .map(|s| s.at)
                .chain(p.bake_starts_at)
                .chain(p.completes_at);
            for at in times {
                assert!(
                    now.is_none_or(|n| at >= n),
                    "timeline: projected {at} before now {now:?}"
                );
                assert!(
                    last_event.is_none_or(|e| at >= e),
                    "timeline: projected {at} before the last event"
                );
            }
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
    plan_growth_factor_rounding_to_100 => "plan-growth-factor-rounding-to-100",
    plan_growth_factor_below_a_hundredth => "plan-growth-factor-below-a-hundredth",
    describe_strategy_minutes_beyond_i64_milliseconds => "describe-strategy-minutes-beyond-i64-milliseconds",
    from_system_time_past_9999_saturates => "from-system-time-past-9999-saturates",
    add_millis_before_year_1_saturates => "add-millis-before-year-1-saturates",
    from_epoch_millis_i64_min_saturates => "from-epoch-millis-i64-min-saturates",
    projection_within_a_millisecond_before_now => "projection-within-a-millisecond-before-now",
    projection_before_an_event_already_logged => "projection-before-an-event-already-logged",
    parse_percentage_negative => "parse-percentage-negative",
}
