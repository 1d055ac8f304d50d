//! `cargo xtask test`: every check and suite, what CI runs, with one `N passed, N failed` line.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::setup::{setup, Needs};
use crate::Result;

pub(crate) struct Step {
    name: &'static str,
    cmd: String,
}

pub(crate) fn test(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    setup(&Needs::all())?;
    let wasm_crates =
        "-p appconfig-fetch -p appconfig-js -p appconfig-js-timeline -p appconfig-dashboard -p appconfig-elements";
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
            name: "no import cycle between a crate's modules",
            cmd: "python3 scripts/module_cycles.py".into(),
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
            Step {
                name: "custom elements (plain HTML, React + Vite, webpack/esbuild/Rollup, tsc, budgets)",
                cmd: "bash web/elements-tests/run.sh".into(),
            },
            Step {
                name: "fuzz smoke (each target a few seconds, nightly)",
                cmd: "cargo xtask fuzz --smoke".into(),
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
pub(crate) fn count_results(text: &str) -> (u64, u64) {
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
