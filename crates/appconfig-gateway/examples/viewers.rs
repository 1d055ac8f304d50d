//! The gateway's load benchmark, on loopback only: 1,000 simulated viewers polling the same 50
//! environments (one GetDeployment each every 10 s) for a minute, over 50 connections, through
//! one gateway in front of one simulator. It prints requests, errors, upstream requests counted
//! at the simulator against the bound (one per environment per freshness window), the latency
//! of cache hits (p50, p99, max) and the process's resident memory before and after.
//!
//! `cargo run --release -p appconfig-gateway --example viewers -- [--seconds 60] [--viewers 1000]
//! [--environments 50] [--interval 10] [--connections 50]`

#[path = "../tests/support/load.rs"]
#[allow(dead_code, unreachable_pub)]
mod load;

use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str, default: f64| -> f64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let spec = load::Load {
        viewers: arg("--viewers", 1000.0) as u64,
        environments: arg("--environments", 50.0) as u64,
        interval: Duration::from_secs_f64(arg("--interval", 10.0)),
        duration: Duration::from_secs_f64(arg("--seconds", 60.0)),
        connections: arg("--connections", 50.0) as usize,
        running_seconds: 5.0,
        finished_seconds: 60.0,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let r = rt.block_on(load::run(spec));
    println!("{spec:?}");
    println!(
        "requests {} in {:.1} s ({:.0}/s), errors {}",
        r.requests,
        r.took.as_secs_f64(),
        r.requests as f64 / r.took.as_secs_f64(),
        r.errors
    );
    println!(
        "upstream requests {} (bound: one per environment per window = {})",
        r.upstream, r.upstream_bound
    );
    println!(
        "cache hits {}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        r.hits,
        r.hit_p50.as_secs_f64() * 1e3,
        r.hit_p99.as_secs_f64() * 1e3,
        r.hit_max.as_secs_f64() * 1e3
    );
    println!(
        "resident memory {} KiB -> {} KiB",
        r.rss_start_kib, r.rss_end_kib
    );
}
