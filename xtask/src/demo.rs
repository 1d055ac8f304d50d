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
    if sim_args.iter().any(|a| a == "--gateway") {
        let rest: Vec<String> = sim_args
            .iter()
            .filter(|a| *a != "--gateway")
            .cloned()
            .collect();
        return demo_gateway(&rest);
    }
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

/// The port the demo's gateway listens on.
const DEMO_GATEWAY_PORT: u16 = 4020;

/// `cargo xtask demo --gateway`: the simulator serves the dashboard on :4010 and stands for an
/// AWS account; appconfig-gateway on :4020 signs for it (account alias `demo`, the simulator's
/// demo key in a profile file of its own), so the page holds no AWS key. Reads are public (the
/// demo listens on loopback only); Stop and revert need the bearer token printed at start.
fn demo_gateway(sim_args: &[String]) -> Result {
    setup(&Needs::web())?;
    build_dashboard()?;
    run(
        "cargo",
        &["build", "-p", "appconfig-sim", "-p", "appconfig-gateway"],
    )?;
    let dir = Path::new("target/demo-gateway");
    fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let dir = fs::canonicalize(dir).map_err(|e| e.to_string())?;
    let profile = dir.join("aws-config");
    fs::write(
        &profile,
        "[profile demo]\naws_access_key_id = AKIDAPPCONFIGSIMDEMO\naws_secret_access_key = appconfig-sim-demo-secret-key\n",
    )
    .map_err(|e| e.to_string())?;
    let empty = dir.join("aws-credentials");
    fs::write(&empty, "").map_err(|e| e.to_string())?;
    let token = "demo-gateway-token-for-stop";
    let config = format!(
        r#"# Written by `cargo xtask demo --gateway`.
listen = "127.0.0.1:{DEMO_GATEWAY_PORT}"
allowed_origins = ["http://127.0.0.1:4010", "http://localhost:4010"]
public_reads = true
audit_log = "stderr"

[auth]
tokens = [{{ name = "demo", env = "APPCONFIG_GATEWAY_DEMO_TOKEN" }}]

[accounts.demo]
region = "us-east-1"
endpoint = "http://127.0.0.1:4010"
credentials = {{ profile = "demo", config_file = {profile:?}, credentials_file = {empty:?} }}

[[actions]]
account = "demo"
application = "*"
environment = "*"
"#,
        profile = profile.display().to_string(),
        empty = empty.display().to_string(),
    );
    let config_path = dir.join("gateway.toml");
    fs::write(&config_path, config).map_err(|e| e.to_string())?;
    let mut args: Vec<String> = vec![
        "--serve".into(),
        "dist".into(),
        "--port".into(),
        "4010".into(),
    ];
    args.extend(sim_args.iter().cloned());
    let mut sim = Command::new("target/debug/appconfig-sim")
        .args(&args)
        .spawn()
        .map_err(|e| format!("appconfig-sim: {e}"))?;
    let mut gateway = Command::new("target/debug/appconfig-gateway")
        .arg("--config")
        .arg(&config_path)
        .env("APPCONFIG_GATEWAY_DEMO_TOKEN", token)
        .spawn()
        .map_err(|e| format!("appconfig-gateway: {e}"))?;
    println!(
        "\nxtask: open http://127.0.0.1:4010/?gateway=http://127.0.0.1:{DEMO_GATEWAY_PORT}&account=demo&region=us-east-1\n\
         xtask: the page holds no AWS key; the gateway signs for account `demo` (the simulator). Stop and revert\n\
         xtask: need the gateway token {token} (Connection → gateway token). Metrics: http://127.0.0.1:{DEMO_GATEWAY_PORT}/metrics\n\
         xtask: Ctrl-C stops both\n"
    );
    let status = sim.wait().map_err(|e| format!("appconfig-sim: {e}"))?;
    let _ = gateway.kill();
    let _ = gateway.wait();
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
