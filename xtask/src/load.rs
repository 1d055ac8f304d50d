//! `cargo xtask load`: the simulator's full load test.

use std::process::{Command, Stdio};

use crate::cmd::cargo;
use crate::Result;

/// The simulator's full load test (bounded memory and latency under many clients): a release build of the simulator on a free
/// loopback port (`--speed 600`, so deployments progress), and `examples/load` against it with
/// 50 connections for 30 s, or ARGS (`--seconds N`, `--connections N`). `cargo test` runs a
/// 3-second version.
pub(crate) fn load(args: &[String]) -> Result {
    let mut build = cargo();
    build.args([
        "build",
        "--release",
        "-p",
        "appconfig-sim",
        "--bin",
        "appconfig-sim",
        "--example",
        "load",
    ]);
    let built = build.status().map_err(|e| format!("cargo: {e}"))?;
    if !built.success() {
        return Err("cargo build --release -p appconfig-sim failed".into());
    }
    let mut sim = Command::new("target/release/appconfig-sim")
        .args(["--port", "0", "--quiet", "--speed", "600"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("appconfig-sim: {e}"))?;
    let mut first = String::new();
    if let Some(out) = sim.stdout.take() {
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut first);
    }
    let url = first
        .trim()
        .strip_prefix("appconfig-sim listening on ")
        .map(str::to_owned);
    let status = url
        .ok_or_else(|| format!("the simulator did not start: {first:?}"))
        .and_then(|url| {
            Command::new("target/release/examples/load")
                .args(["--url", &url])
                .args(args)
                .status()
                .map_err(|e| format!("load: {e}"))
        });
    let _ = sim.kill();
    let _ = sim.wait();
    status?
        .success()
        .then_some(())
        .ok_or_else(|| "the load test had errors".into())
}
