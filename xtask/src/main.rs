//! Project tasks: `cargo xtask <setup|test|demo|pkg|dashboard|load>`.
//!
//! Every task installs what it needs first, idempotently (anything already present at the
//! pinned version is skipped), so each works on a fresh machine of this project's kind.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";
const TRUNK: &str = "0.21.14";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = repo_root();
    env::set_current_dir(&root).expect("cd to the repository root");
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(&Needs::all()),
        Some("test") => test(&args[1..]),
        Some("demo") => demo(&args[1..]),
        Some("dashboard") => setup(&Needs::web()).and_then(|()| build_dashboard()),
        Some("pkg") => setup(&Needs::web()).and_then(|()| run_script("web/pkg-tests/build-pkg.sh")),
        Some("bench") => setup(&Needs::web()).and_then(|()| bench(&args[1..])),
        Some("load") => load(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 demo [SIM FLAGS]  build the dashboard and serve it with the simulator on http://127.0.0.1:4010\n  \
                 test [--quick]    install what is missing and run every check and test (what CI runs)\n  \
                 setup             install the toolchain pieces only\n  \
                 dashboard         build the dashboard into dist/\n  \
                 pkg               build the npm package into pkg/\n  \
                 bench [--no-dashboard]  appconfig-wasm against the AWS SDK: every row of issue 9, table + target/bench.json\n  \
                 load [ARGS]       the simulator's full load test: release build, 50 connections, 30 s"
            );
            Err("no command".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository root")
        .to_path_buf()
}

// ---------------------------------------------------------------- setup

struct Needs {
    /// wasm32 target, wasm-bindgen, trunk, wasm-pack
    web: bool,
    /// Chromium and ChromeDriver for browser tests
    browser: bool,
}

impl Needs {
    fn all() -> Self {
        Needs {
            web: true,
            browser: true,
        }
    }
    fn web() -> Self {
        Needs {
            web: true,
            browser: false,
        }
    }
}

fn setup(needs: &Needs) -> Result {
    if needs.web {
        let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
        if !targets
            .lines()
            .any(|l| l.trim() == "wasm32-unknown-unknown")
        {
            run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
        }
        cargo_install("wasm-bindgen-cli", "wasm-bindgen", WASM_BINDGEN, &[])?;
        cargo_install("wasm-pack", "wasm-pack", WASM_PACK, &["--locked"])?;
        // A debug build of trunk installs in 4 minutes instead of 10 and is fast enough.
        cargo_install("trunk", "trunk", TRUNK, &["--locked", "--debug"])?;
        if which("node").is_none() || which("npm").is_none() {
            apt_install(&["nodejs", "npm"])?;
        }
    }
    if needs.browser && (which("chromium").is_none() || which("chromedriver").is_none()) {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(())
}

fn cargo_install(krate: &str, bin: &str, version: &str, extra: &[&str]) -> Result {
    if let Some(v) = output(bin, &["--version"]) {
        if v.contains(version) {
            return Ok(());
        }
    }
    println!("xtask: installing {krate} {version}");
    let mut args = vec!["install", krate, "--version", version, "--force"];
    args.extend_from_slice(extra);
    run("cargo", &args)
}

fn apt_install(packages: &[&str]) -> Result {
    println!("xtask: installing {} with apt-get", packages.join(" "));
    run("apt-get", &["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(packages);
    let status = Command::new("apt-get")
        .args(&args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| format!("apt-get: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("apt-get install {} failed", packages.join(" ")))
}

// ---------------------------------------------------------------- demo

/// `trunk build --release` into `dist/`, offline: wasm-bindgen 0.2.130 from cargo and wasm-opt
/// from npm `binaryen@132` (installed into `web/e2e/node_modules`), never a download.
fn build_dashboard() -> Result {
    let e2e = Path::new("web/e2e");
    if !e2e.join("node_modules/.bin/wasm-opt").exists() {
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

fn demo(sim_args: &[String]) -> Result {
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

// ---------------------------------------------------------------- bench

/// The package against the AWS SDK for JavaScript, every row in one run (web/bench/bench.mjs):
/// builds and installs the package (web/pkg-tests' devDependencies are the peers), builds the
/// dashboard for its transfer row, and writes the table as JSON to target/bench.json.
fn bench(args: &[String]) -> Result {
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

// ---------------------------------------------------------------- load

/// The simulator's full load test (issue 8): a release build of the simulator on a free
/// loopback port (`--speed 600`, so deployments progress), and `examples/load` against it with
/// 50 connections for 30 s, or ARGS (`--seconds N`, `--connections N`). `cargo test` runs a
/// 3-second version.
fn load(args: &[String]) -> Result {
    // Without the package variables `cargo run` gave this process: with them, ring's build
    // script reruns and the whole release (LTO) build starts again, about 10 minutes here.
    let mut build = Command::new("cargo");
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
    for (k, _) in env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        let package_var = k.starts_with("CARGO_PKG_")
            || matches!(
                k.as_str(),
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            );
        if package_var {
            build.env_remove(k);
        }
    }
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

// ---------------------------------------------------------------- test

struct Step {
    name: &'static str,
    cmd: String,
}

fn test(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    setup(&Needs::all())?;
    let wasm_crates =
        "-p appconfig-fetch -p appconfig-js -p appconfig-js-timeline -p appconfig-dashboard";
    let mut steps = vec![
        Step {
            name: "format",
            cmd: "cargo fmt --all -- --check".into(),
        },
        Step {
            name: "clippy (native)",
            cmd: "cargo clippy --workspace --all-targets -- -D warnings".into(),
        },
        Step {
            name: "clippy (wasm32)",
            cmd: format!("cargo clippy --target wasm32-unknown-unknown -p appconfig-core {wasm_crates} --all-targets -- -D warnings"),
        },
        Step {
            name: "core builds for wasm32",
            cmd: "cargo build -p appconfig-core --target wasm32-unknown-unknown".into(),
        },
        Step {
            name: "native tests",
            cmd: "cargo test --workspace".into(),
        },
        Step {
            name: "core vectors in headless Chromium",
            cmd: "CHROMEDRIVER=/usr/bin/chromedriver cargo test -p appconfig-core --target wasm32-unknown-unknown".into(),
        },
        Step {
            name: "fetch transport in headless Chromium",
            cmd: "CHROMEDRIVER=/usr/bin/chromedriver cargo test -p appconfig-fetch --target wasm32-unknown-unknown".into(),
        },
    ];
    if !quick {
        steps.extend([
            Step {
                name: "simulator against boto3 and the AWS SDK for JavaScript",
                cmd: "bash web/sim-clients/run.sh".into(),
            },
            Step {
                name: "npm package (Node, TypeScript, Chromium)",
                cmd: "bash web/pkg-tests/run.sh".into(),
            },
            Step {
                name: "dashboard components and end to end (wasm-bindgen-test, Playwright + simulator)",
                cmd: "bash web/e2e/run.sh".into(),
            },
        ]);
    }
    let logs = Path::new("target/xtask-logs");
    fs::create_dir_all(logs).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut rows = Vec::new();
    let (mut passed, mut failed) = (0u64, 0u64);
    for (i, step) in steps.iter().enumerate() {
        println!(
            "\n==> [{}/{}] {}: {}",
            i + 1,
            steps.len(),
            step.name,
            step.cmd
        );
        let t = Instant::now();
        let log = logs.join(format!("{i:02}.log"));
        let status = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; ({}) 2>&1 | tee {}",
                step.cmd,
                log.display()
            ))
            .stdin(Stdio::null())
            .status()
            .map_err(|e| format!("bash: {e}"))?;
        let text = fs::read_to_string(&log).unwrap_or_default();
        let (p, f) = count_results(&text);
        // A check with no test counts (fmt, clippy, build) counts as one test.
        let (p, f) = match (p, f, status.success()) {
            (0, 0, true) => (1, 0),
            (p, 0, false) => (p, 1),
            other => (other.0, other.1),
        };
        passed += p;
        failed += f;
        rows.push((step.name, status.success(), p, f, t.elapsed().as_secs()));
    }
    println!("\n==> summary ({} s)", started.elapsed().as_secs());
    for (name, ok, p, f, secs) in &rows {
        println!(
            "  {:<4} {name}: {p} passed, {f} failed ({secs} s)",
            if *ok { "ok" } else { "FAIL" }
        );
    }
    println!("{passed} passed, {failed} failed");
    if rows.iter().all(|r| r.1) {
        Ok(())
    } else {
        Err("some checks failed".into())
    }
}

/// Adds up the results printed by cargo test and wasm-bindgen-test. A step whose script prints
/// `SUMMARY: N passed, M failed` lines is counted by those alone: they already include the
/// cargo results the script printed on the way.
fn count_results(text: &str) -> (u64, u64) {
    let (mut cargo, mut summary, mut has_summary) = ((0, 0), (0, 0), false);
    for line in text.lines() {
        let line = line.trim();
        let (body, total) = if let Some(rest) = line.strip_prefix("test result: ") {
            // "ok. 18 passed; 0 failed; 0 ignored; ..."
            (rest.split_once(". ").map_or(rest, |(_, r)| r), &mut cargo)
        } else if let Some(rest) = line.strip_prefix("SUMMARY: ") {
            has_summary = true;
            (rest, &mut summary)
        } else {
            continue;
        };
        for part in body.split([';', ',']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(word)) = (words.next(), words.next()) {
                let n: u64 = n.parse().unwrap_or(0);
                match word {
                    "passed" => total.0 += n,
                    "failed" => total.1 += n,
                    _ => {}
                }
            }
        }
    }
    if has_summary {
        summary
    } else {
        cargo
    }
}

// ---------------------------------------------------------------- helpers

fn run(cmd: &str, args: &[&str]) -> Result {
    let status = Command::new(cmd)
        .args(args)
        .status()
        .map_err(|e| format!("{cmd}: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("`{cmd} {}` failed", args.join(" ")))
}

fn run_script(path: &str) -> Result {
    run("bash", &[path])
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn which(bin: &str) -> Option<PathBuf> {
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|p| p.join(bin))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::count_results;

    #[test]
    fn counts_cargo_results() {
        let text = "test result: ok. 18 passed; 0 failed; 0 ignored; 0 measured\n\
                    test result: FAILED. 3 passed; 2 failed; 0 ignored\n\
                    noise 5 passed";
        assert_eq!(count_results(text), (21, 2));
    }

    #[test]
    fn a_script_summary_replaces_the_cargo_results_it_includes() {
        let text = "test result: ok. 13 passed; 0 failed; 0 ignored\n\
                    SUMMARY: 43 passed, 1 failed";
        assert_eq!(count_results(text), (43, 1));
    }
}
