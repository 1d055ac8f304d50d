//! The dashboard's build, the demo (dashboard + simulator on one origin) and the benchmark.

use std::env;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::cmd::{run, run_script};
use crate::setup::{setup, Needs};
use crate::Result;

/// `trunk build --release` into `dist/`, offline: wasm-bindgen 0.2.130 from cargo, wasm-opt from
/// npm `binaryen@132` and esbuild (the post-build hook's minifier), both installed into
/// `web/e2e/node_modules`, never a download by trunk.
pub(crate) fn build_dashboard() -> Result {
    let e2e = Path::new("web/e2e");
    // As web/e2e/run.sh: install when a tool is missing or the lock file is newer than the install.
    let stale = |tool: &str| !e2e.join("node_modules/.bin").join(tool).exists();
    let newer = || {
        let modified = |p: &str| fs::metadata(e2e.join(p)).and_then(|m| m.modified()).ok();
        match (
            modified("package-lock.json"),
            modified("node_modules/.package-lock.json"),
        ) {
            (Some(lock), Some(installed)) => lock > installed,
            _ => true,
        }
    };
    if stale("wasm-opt") || stale("esbuild") || newer() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(e2e)
            .status()
            .map_err(|e| format!("npm: {e}"))?;
        if !status.success() {
            return Err("npm ci in web/e2e failed".into());
        }
    }
    let bin = fs::canonicalize(e2e.join("node_modules/.bin")).map_err(|e| e.to_string())?;
    let path = env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin];
    paths.extend(env::split_paths(&path));
    let status = Command::new("trunk")
        .args(["build", "--release", "--offline"])
        .env("PATH", env::join_paths(paths).map_err(|e| e.to_string())?)
        .status()
        .map_err(|e| format!("trunk: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "trunk build failed".into())
}

pub(crate) fn demo(sim_args: &[String]) -> Result {
    setup(&Needs::web())?;
    build_dashboard()?;
    run("cargo", &["build", "-p", "appconfig-sim"])?;
    let port_given = sim_args.iter().any(|a| a == "--port");
    let mut args: Vec<String> = vec!["--serve".into(), "dist".into()];
    if !port_given {
        args.extend(["--port".into(), "4010".into()]);
    }
    args.extend(sim_args.iter().cloned());
    println!("\nxtask: open the URL printed below (the dashboard and the simulator share one origin); Ctrl-C stops it\n");
    let status = Command::new("target/debug/appconfig-sim")
        .args(&args)
        .status()
        .map_err(|e| format!("appconfig-sim: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "appconfig-sim exited with an error".into())
}

/// The package against the AWS SDK for JavaScript, every row in one run (web/bench/bench.mjs):
/// builds and installs the package (web/pkg-tests' devDependencies are the peers), builds the
/// dashboard for its transfer row, and writes the table as JSON to target/bench.json.
pub(crate) fn bench(args: &[String]) -> Result {
    if !args.iter().any(|a| a == "--no-dashboard") {
        build_dashboard()?;
    }
    run_script("web/pkg-tests/build-pkg.sh")?;
    run_script("web/pkg-tests/install-pkg.sh")?;
    run(
        "node",
        &["web/bench/bench.mjs", "--json", "target/bench.json"],
    )
}
