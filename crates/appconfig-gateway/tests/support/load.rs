//! The load driver shared by `examples/viewers.rs` (the benchmark) and `tests/load.rs` (a short
//! run): `viewers` viewers each poll `environments` running or finished deployments every
//! `interval`, over `connections` keep-alive connections, against a gateway in front of one
//! simulator; upstream requests are counted at the simulator.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use appconfig_gateway::{AuditLog, Config, Gateway};
use appconfig_sim::{Config as SimConfig, Server};

/// What to run.
#[derive(Clone, Copy, Debug)]
pub struct Load {
    pub viewers: u64,
    pub environments: u64,
    pub interval: Duration,
    pub duration: Duration,
    pub connections: usize,
    /// Freshness windows, seconds.
    pub running_seconds: f64,
    pub finished_seconds: f64,
}

/// What came out.
#[derive(Debug)]
pub struct Report {
    pub requests: u64,
    pub errors: u64,
    pub upstream: u64,
    /// At most one upstream request per environment per freshness window.
    pub upstream_bound: u64,
    pub hit_p50: Duration,
    pub hit_p99: Duration,
    pub hit_max: Duration,
    pub hits: u64,
    pub rss_start_kib: u64,
    pub rss_end_kib: u64,
    pub took: Duration,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub async fn run(load: Load) -> Report {
    let sim = Server::start(SimConfig {
        extra_environments: load.environments as usize,
        ..SimConfig::for_tests()
    })
    .await
    .expect("stage simulator");
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("config");
    std::fs::write(
        &profile,
        format!(
            "[profile sim]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            appconfig_sim::DEMO_ACCESS_KEY_ID,
            appconfig_sim::DEMO_SECRET_ACCESS_KEY
        ),
    )
    .unwrap();
    let empty = dir.path().join("credentials");
    std::fs::write(&empty, "").unwrap();
    let text = format!(
        "listen = \"127.0.0.1:0\"\npublic_reads = true\n\n[cache]\nrunning_seconds = {}\nfinished_seconds = {}\n\n[limits]\nmax_concurrent_requests = 4096\n\n[accounts.sim]\nregion = \"us-east-1\"\nendpoint = \"{}\"\nupstream_rate = 1000\nupstream_burst = 1000\ncredentials = {{ profile = \"sim\", config_file = {:?}, credentials_file = {:?} }}\n",
        load.running_seconds,
        load.finished_seconds,
        sim.url(),
        profile.display().to_string(),
        empty.display().to_string()
    );
    let config = Config::from_toml(&text, "load.toml").expect("stage config");
    let gateway = Gateway::start(config, AuditLog::in_memory())
        .await
        .expect("stage gateway");
    let base = format!(
        "{}/v1/sim/us-east-1/appconfig/applications/ext0001/environments",
        gateway.url()
    );
    // Every tenth environment (1, 11, 21, ...) has a running deployment, the others a finished one.
    let running_envs = load.environments.div_ceil(10);
    let windows = |secs: f64| (load.duration.as_secs_f64() / secs).ceil() as u64 + 1;
    let upstream_bound = running_envs * windows(load.running_seconds)
        + (load.environments - running_envs) * windows(load.finished_seconds);
    let per_second = load.viewers as f64 * load.environments as f64 / load.interval.as_secs_f64();
    let total = (per_second * load.duration.as_secs_f64()) as u64;
    let next = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let rss_start_kib = rss_kib();
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..load.connections {
        let (next, errors, base) = (next.clone(), errors.clone(), base.clone());
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        workers.push(tokio::spawn(async move {
            let mut hits = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                // Open loop: request i is due at i / per_second.
                let due = started + Duration::from_secs_f64(i as f64 / per_second);
                tokio::time::sleep_until(due.into()).await;
                let env = i % load.environments + 1;
                let url = format!("{base}/x{env:06}/deployments/1");
                let t = Instant::now();
                match client.get(&url).send().await {
                    Ok(r) => {
                        let hit = r
                            .headers()
                            .get("x-appconfig-gateway-cache")
                            .is_some_and(|v| v == "hit");
                        let ok = r.status().is_success();
                        let _ = r.bytes().await;
                        let took = t.elapsed();
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        } else if hit {
                            hits.push(took);
                        }
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            hits
        }));
    }
    let mut hits = Vec::new();
    for w in workers {
        hits.extend(w.await.unwrap());
    }
    let took = started.elapsed();
    hits.sort_unstable();
    let counts: serde_json::Value = serde_json::from_str(
        &reqwest::get(format!("{}/_sim/requests", sim.url()))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    let report = Report {
        requests: total,
        errors: errors.load(Ordering::Relaxed),
        upstream: counts["operations"]["GetDeployment"].as_u64().unwrap_or(0),
        upstream_bound,
        hit_p50: percentile(&hits, 0.50),
        hit_p99: percentile(&hits, 0.99),
        hit_max: hits.last().copied().unwrap_or_default(),
        hits: hits.len() as u64,
        rss_start_kib,
        rss_end_kib: rss_kib(),
        took,
    };
    gateway.shutdown().await;
    sim.shutdown().await;
    report
}
