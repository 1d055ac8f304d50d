//! A bounded loopback load test of the simulator: 50 connections of signed GetDeployment and
//! ListDeployments for 30 s while deployments progress, then the figures (memory, latency,
//! errors).
//!
//! ```sh
//! cargo xtask load                      # release build, 50 connections, 30 s (what the README quotes)
//! cargo run --release -p appconfig-sim --example load -- --seconds 5 --connections 50 [--get-only] [--url URL]
//! ```
//!
//! Without `--url` it starts a simulator in this process (`--speed 600`, so the live staging
//! chain keeps progressing). It sends traffic to loopback only and stops by itself. Exits 1 when
//! any request failed.

mod gen;

use std::time::Duration;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut seconds, mut connections, mut url) = (30u64, 50usize, None::<String>);
    let mut get_only = false;
    while let Some(a) = args.next() {
        if a == "--get-only" {
            get_only = true;
            continue;
        }
        let v = args.next();
        match (a.as_str(), v) {
            ("--seconds", Some(v)) => seconds = v.parse().unwrap_or(30).clamp(1, 300),
            ("--connections", Some(v)) => connections = v.parse().unwrap_or(50).clamp(1, 120),
            ("--url", Some(v)) => url = Some(v),
            _ => {
                eprintln!(
                    "usage: load [--seconds N] [--connections N] [--url http://127.0.0.1:PORT]"
                );
                return std::process::ExitCode::from(2);
            }
        }
    }
    if let Some(u) = &url {
        let loopback = u.starts_with("http://127.")
            || u.starts_with("http://localhost")
            || u.starts_with("http://[::1]");
        if !loopback {
            eprintln!("load: loopback URLs only, not {u}");
            return std::process::ExitCode::from(2);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let report = rt.block_on(async move {
        let (server, base) = match url {
            Some(u) => (None, u),
            None => {
                let config = appconfig_sim::Config {
                    speed: 600.0,
                    ..appconfig_sim::Config::for_tests()
                };
                let s = appconfig_sim::Server::start(config)
                    .await
                    .expect("the simulator starts");
                let base = s.url();
                (Some(s), base)
            }
        };
        let report = gen::run(&base, connections, Duration::from_secs(seconds), get_only).await;
        if let Some(s) = server {
            s.shutdown().await;
        }
        report
    });
    println!("{report}");
    for e in &report.error_samples {
        println!("  error: {e}");
    }
    if report.errors == 0 && report.requests() > 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
