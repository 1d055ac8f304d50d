//! Timelines and projections of deployments in every state, from `tests/data/timeline/*.json`:
//! each file holds a `GetDeployment` output, the `now` to project from, and the expected parts of
//! the timeline (as its JSON form, camelCase). The model they follow, and the invariants checked
//! on every case, are documented at the top of `src/timeline/mod.rs`.
//!
//! `tests/data/timeline/summary/*.json` hold a `ListDeployments` summary, a `now` and the
//! expected `summary_progress` (JSON form, or null).

#[macro_use]
mod common;

use appconfig_core::{
    model::{DeploymentEventType, DeploymentSummary},
    timeline,
    timeline::{summary_progress, EstimateBasis},
    DateTime, Deployment, DeploymentState, Timeline,
};
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
    check_invariants(&t, now);
}

/// What holds for every deployment and every `now` (the invariants of `src/timeline/mod.rs`).
fn check_invariants(t: &Timeline, now: Option<DateTime>) {
    let latest = t.entries.iter().filter_map(|e| e.occurred_at).max();
    if let Some(p) = &t.projection {
        assert!(p.estimate, "projection: not marked as an estimate");
        let mut times: Vec<_> = p.next_steps.iter().map(|s| s.at).collect();
        times.extend(p.bake_starts_at);
        times.extend(p.completes_at);
        for floor in [now, latest].into_iter().flatten() {
            assert!(
                times.iter().all(|&x| x >= floor),
                "projection: before now or the latest event: {p:?}"
            );
        }
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "projection: out of order: {p:?}"
        );
        assert_eq!(
            p.basis_text,
            p.basis.as_text(),
            "projection: basis text for {:?}",
            p.basis
        );
        if t.bake.is_none() {
            assert_eq!(
                p.basis == EstimateBasis::Observed,
                t.observed_interval_ms.is_some(),
                "projection: basis {:?} with observed interval {:?}",
                p.basis,
                t.observed_interval_ms
            );
        }
        assert_eq!(
            p.overdue_ms.is_some(),
            p.overdue_text.is_some(),
            "projection: overdue text without the time or the other way"
        );
    }
    // Percentages never go down outside a rollback: before the first event of one (in time
    // order), the steps and the chart (the start, then a point per step) only grow.
    let cutoff = t
        .entries
        .iter()
        .position(|e| {
            matches!(
                e.event_type,
                Some(
                    DeploymentEventType::RollbackStarted
                        | DeploymentEventType::RollbackCompleted
                        | DeploymentEventType::RevertCompleted
                )
            )
        })
        .unwrap_or(t.entries.len());
    let before: std::collections::HashSet<usize> =
        t.entries[..cutoff].iter().map(|e| e.log_index).collect();
    let steps: Vec<f64> = t
        .steps
        .iter()
        .take_while(|s| before.contains(&s.log_index))
        .map(|s| s.percentage)
        .collect();
    assert!(
        steps.windows(2).all(|w| w[0] <= w[1]),
        "steps: percentages go down: {steps:?}"
    );
    let points = usize::from(t.started_at.is_some()) + steps.len();
    let chart: Vec<f64> = t.chart.iter().take(points).map(|c| c.percentage).collect();
    assert!(
        chart.windows(2).all(|w| w[0] <= w[1]),
        "chart: percentages go down: {chart:?}"
    );
    assert_eq!(
        t.cadence_text.is_some(),
        t.observed_interval_ms.is_some(),
        "cadence text without the interval or the other way"
    );
    if t.in_progress {
        assert_eq!(t.ended_at, None, "a running deployment has no end");
    }
}

/// Compares `summary_progress` with the expected JSON form.
fn run_summary(json: &str) {
    let case: Value = serde_json::from_str(json).expect("fixture parses");
    let s: DeploymentSummary = serde_json::from_value(case["summary"].clone())
        .unwrap_or_else(|e| panic!("summary didn't parse: {e}"));
    let now = common::time(case["now"].as_str().expect("now"));
    let got = summary_progress(&s, now);
    let json = serde_json::to_value(&got).expect("progress serializes");
    assert_eq!(json, case["expect"], "summary progress didn't match");
    if let Some(p) = got {
        let times = [p.next_step_at, p.bake_starts_at, p.completes_at];
        let times: Vec<_> = times.into_iter().flatten().collect();
        assert!(
            times.iter().all(|&x| x >= now),
            "summary: before now: {p:?}"
        );
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "summary: out of order: {p:?}"
        );
        assert!(
            s.state
                .as_ref()
                .is_some_and(DeploymentState::is_in_progress),
            "summary: progress for a final state"
        );
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
    observed_every_d_over_n => "observed-every-d-over-n",
    observed_every_d_over_n_plus_1 => "observed-every-d-over-n-plus-1",
    one_step_seen => "one-step-seen",
    next_step_overdue => "next-step-overdue",
    next_step_late_within_an_interval => "next-step-late-within-an-interval",
    overdue_by_the_plan => "overdue-by-the-plan",
    bake_start_overdue => "bake-start-overdue",
    step_overdue_in_the_log => "step-overdue-in-the-log",
    stale_lower_percentage => "stale-lower-percentage",
    botocore_capture => "botocore-capture",
}

macro_rules! summary_cases {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run_summary(include_str!(concat!("data/timeline/summary/", $file, ".json")));
            }
        )*

        /// Every summary fixture on disk is listed above.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_summary_fixture_is_listed() {
            let mut listed = vec![$($file),*];
            listed.sort();
            assert_eq!(common::data_entries("timeline/summary", ".json"), listed);
        }
    };
}

summary_cases! {
    summary_deploying => "deploying",
    summary_deploying_overdue => "deploying-overdue",
    summary_d_over_n_is_never_overdue => "d-over-n-is-never-overdue",
    summary_baking => "baking",
    summary_all_at_once_completion_overdue => "all-at-once-completion-overdue",
    summary_all_at_once_late_within_a_minute => "all-at-once-late-within-a-minute",
    summary_validating_without_start => "validating-without-start",
    summary_complete => "complete",
    summary_without_strategy => "without-strategy",
}

/// A small deterministic generator (xorshift), so the invariants are checked on many odd
/// deployments without a property-testing dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }
    /// A time near the others most often, sometimes at the ends of the range.
    fn time(&mut self, base: i64) -> Option<DateTime> {
        match self.below(20) {
            0 => None,
            1 => Some(DateTime::parse("0001-01-01T00:00:00Z").unwrap()),
            2 => Some(DateTime::parse("9999-12-31T23:59:59.999999999Z").unwrap()),
            _ => Some(DateTime::from_epoch_millis(
                base + self.below(7_200_000) as i64 - 600_000,
            )),
        }
    }
}

tests! {
    /// Odd deployments (every state, growth factors of 0, NaN or 1e300, durations of i32::MAX,
    /// events out of order, without times, at the ends of the date range, percentages above 100
    /// or going down) never panic and keep the invariants, for every kind of `now`.
    fn random_deployments_keep_the_invariants() {
        use appconfig_core::model::{DeploymentEvent, GrowthType, TriggeredBy};
        use DeploymentEventType as E;
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let base = 1_714_564_800_000; // 2024-05-01T12:00:00Z
        let states = ["DEPLOYING", "BAKING", "VALIDATING", "ROLLING_BACK", "ROLLED_BACK",
            "COMPLETE", "REVERTED", "PAUSED"];
        let types = [E::DeploymentStarted, E::PercentageUpdated, E::PercentageUpdated,
            E::PercentageUpdated, E::BakeTimeStarted, E::DeploymentCompleted, E::RollbackStarted,
            E::RollbackCompleted, E::RevertCompleted, E::Unknown("PAUSED".into())];
        let factors = [0.0, -5.0, 0.1, 1.0, 10.0, 20.0, 25.0, 33.333333, 50.0, 100.0, 150.0,
            f64::NAN, f64::INFINITY, 1e300];
        let minutes = [0, 1, 4, 15, 30, 600, -1, i32::MAX, i32::MIN];
        for _ in 0..1500 {
            let mut d = Deployment::default();
            d.state = Some(DeploymentState::from(rng.pick(&states)));
            d.growth_type = Some(rng.pick(&[GrowthType::Linear, GrowthType::Exponential,
                GrowthType::Unknown("STEP".into())]));
            d.growth_factor = (rng.below(8) > 0).then(|| rng.pick(&factors));
            d.deployment_duration_in_minutes = (rng.below(8) > 0).then(|| rng.pick(&minutes));
            d.final_bake_time_in_minutes = (rng.below(4) > 0).then(|| rng.pick(&minutes));
            d.started_at = rng.time(base);
            let mut log = Vec::new();
            for _ in 0..rng.below(14) {
                let mut e = DeploymentEvent::new(
                    rng.pick(&types),
                    TriggeredBy::AppConfig,
                    format!("Configuration available to {}.00% of clients", rng.below(130)),
                    DateTime::from_epoch_millis(base),
                );
                e.occurred_at = rng.time(base);
                log.push(e);
            }
            d.event_log = Some(log);
            let now = rng.time(base);
            let t = timeline(&d, now);
            assert_eq!(t.entries.len(), d.event_log.as_ref().unwrap().len(), "entries: every event once");
            check_invariants(&t, now);
            let summary = DeploymentSummary::from(&d);
            for now in [now, Some(DateTime::from_epoch_millis(base))].into_iter().flatten() {
                if let Some(p) = summary_progress(&summary, now) {
                    let times = [p.next_step_at, p.bake_starts_at, p.completes_at];
                    assert!(times.iter().flatten().all(|&x| x >= now), "summary: before now: {p:?}");
                }
            }
        }
    }
}
