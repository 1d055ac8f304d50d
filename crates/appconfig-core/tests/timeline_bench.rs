//! How long `timeline()` takes for long event logs (and how long reading them takes, by each
//! JSON reader): 1,000 and 10,000 events shaped like
//! web/bench/speed.mjs's (a LINEAR 0.1% deployment stepping every minute, an extension
//! invocation every 50 events, BAKING). Ignored by default: run it in release,
//!
//! ```text
//! cargo test --release -p appconfig-core --test timeline_bench -- --ignored --nocapture
//! ```

use std::time::Instant;

use appconfig_core::{timeline, DateTime, Deployment};

fn big_deployment(n: usize) -> Deployment {
    Deployment::from_json(&big_deployment_json(n)).expect("bench deployment parses")
}

fn big_deployment_json(n: usize) -> String {
    let t0 = DateTime::parse("2026-11-20T00:00:00Z")
        .unwrap()
        .epoch_millis();
    let iso = |ms: i64| DateTime::from_epoch_millis(ms).to_rfc3339();
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let at = iso(t0 + i as i64 * 60_000 + (i as i64 % 7) * 125);
        let mut e = if i == 0 {
            serde_json::json!({"EventType": "DEPLOYMENT_STARTED", "TriggeredBy": "USER", "Description": "Deployment started"})
        } else if i == n - 1 {
            serde_json::json!({"EventType": "BAKE_TIME_STARTED", "TriggeredBy": "APPCONFIG", "Description": "Deployment bake time started"})
        } else {
            let pct = i as f64 / (n - 1) as f64 * 100.0;
            let mut e = serde_json::json!({"EventType": "PERCENTAGE_UPDATED", "TriggeredBy": "APPCONFIG",
                "Description": format!("Configuration available to {pct:.2}% of clients")});
            if i % 50 == 0 {
                e["ActionInvocations"] = serde_json::json!([{
                    "ExtensionIdentifier": "arn:aws:appconfig:us-east-1:111122223333:extension/notify/1",
                    "ActionName": "notify",
                    "Uri": "arn:aws:lambda:us-east-1:111122223333:function:notify",
                    "RoleArn": "arn:aws:iam::111122223333:role/notify",
                    "InvocationId": format!("inv-{i}"),
                }]);
            }
            e
        };
        e["OccurredAt"] = at.into();
        events.push(e);
    }
    events.reverse();
    let body = serde_json::json!({
        "ApplicationId": "339ohji", "EnvironmentId": "54j1r29", "DeploymentStrategyId": "1225qzk",
        "DeploymentNumber": 2, "DeploymentDurationInMinutes": n, "FinalBakeTimeInMinutes": 30,
        "GrowthFactor": 0.1, "GrowthType": "LINEAR", "PercentageComplete": 100, "State": "BAKING",
        "StartedAt": iso(t0), "EventLog": events,
    });
    body.to_string()
}

/// The fastest and the median of `rounds` runs of `f`, in µs (on a shared machine the fastest
/// is the one least disturbed by other work).
fn min_and_median_us(rounds: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[rounds / 2])
}

#[test]
#[ignore = "a measurement, not a check: run it in release with --ignored --nocapture"]
fn timeline_of_long_logs() {
    let now = Some(DateTime::parse("2026-11-20T17:00:00Z").unwrap());
    for n in [1_000, 10_000] {
        let d = big_deployment(n);
        let t = timeline(&d, now);
        assert_eq!(t.entries.len(), n, "timeline: every event placed");
        let json: serde_json::Value = serde_json::to_value(&t).unwrap();
        let size = |v: &serde_json::Value| v.to_string().len();
        println!(
            "{n:>6} events: JSON {} KB (entries {} KB, steps {} KB, chart {} KB)",
            size(&json) / 1000,
            size(&json["entries"]) / 1000,
            size(&json["steps"]) / 1000,
            size(&json["chart"]) / 1000
        );
        let rounds = if n > 1_000 { 51 } else { 201 };
        let core = min_and_median_us(rounds, || {
            std::hint::black_box(timeline(std::hint::black_box(&d), now));
        });
        // TIMELINE_BENCH=core times the timeline alone (for a profiler).
        if std::env::var("TIMELINE_BENCH").as_deref() == Ok("core") {
            println!(
                "{n:>6} events: timeline {:>8.1} µs (median {:>8.1})",
                core.0, core.1
            );
            continue;
        }
        let with_json = min_and_median_us(rounds, || {
            let t = timeline(std::hint::black_box(&d), now);
            std::hint::black_box(serde_json::to_string(&t).unwrap());
        });
        // What the npm package's deploymentTimeline does in wasm: JSON text in, JSON text out.
        let text = big_deployment_json(n);
        let whole = min_and_median_us(rounds, || {
            let d = Deployment::from_json(std::hint::black_box(&text)).unwrap();
            std::hint::black_box(serde_json::to_string(&timeline(&d, now)).unwrap());
        });
        println!(
            "{n:>6} events: timeline {:>8.1} µs (median {:>8.1}), timeline + JSON {:>8.1} µs (median {:>8.1}), parse + timeline + JSON {:>8.1} µs (median {:>8.1})",
            core.0, core.1, with_json.0, with_json.1, whole.0, whole.1
        );
    }
}

/// The two JSON readers on the same long logs: serde_json's (`parse_json_body`, native hosts)
/// and the core's own (`json_tree`, the browser transport's).
#[test]
#[ignore = "a measurement, not a check: run it in release with --ignored --nocapture"]
fn reading_long_logs() {
    use appconfig_core::{json_tree::read_json_body, response::parse_json_body};
    for n in [1_000, 10_000] {
        let text = big_deployment_json(n);
        let rounds = if n > 1_000 { 51 } else { 201 };
        let serde = min_and_median_us(rounds, || {
            let d: Deployment =
                parse_json_body(200, std::hint::black_box(text.as_bytes())).unwrap();
            std::hint::black_box(d);
        });
        let tree = min_and_median_us(rounds, || {
            let d: Deployment = read_json_body(200, std::hint::black_box(text.as_bytes())).unwrap();
            std::hint::black_box(d);
        });
        println!(
            "{n:>6} events ({} KB): serde_json {:>8.1} µs (median {:>8.1}), json_tree {:>8.1} µs (median {:>8.1})",
            text.len() / 1000,
            serde.0,
            serde.1,
            tree.0,
            tree.1
        );
    }
}
