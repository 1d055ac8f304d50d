//! `cargo xtask fuzz [TARGET] [--seconds N] [--smoke]`: the libFuzzer targets of
//! `crates/appconfig-fuzz`, built once by cargo-fuzz with the nightly toolchain.
//!
//! A long run (the default, 600 s a target) grows `crates/appconfig-fuzz/corpus/<target>/`
//! (kept between runs, never committed); `--smoke` (what `cargo xtask test` runs) fuzzes each
//! target for a few seconds from its seeds alone and keeps nothing. Either way the seeds are
//! rewritten first from the test fixtures into `target/fuzz/seeds/`, and each target reports its
//! executions, time, crashes and corpus size; a crash is saved under
//! `crates/appconfig-fuzz/artifacts/<target>/` and fails the command.
//!
//! Without a nightly toolchain or cargo-fuzz the command says so and fails: every machine of
//! this project (developers' and CI's) has a nightly, and `cargo xtask setup` installs
//! cargo-fuzz, so a missing one is a broken machine, not a reason to skip.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cmd::cargo;
use crate::fuzz_seeds;

/// cargo-fuzz, installed by `cargo xtask setup`.
pub(crate) const CARGO_FUZZ: &str = "0.13.2";

const FUZZ_DIR: &str = "crates/appconfig-fuzz";
const TARGET_DIR: &str = "target/fuzz";

/// The targets and the longest input each is given (`-max_len`), in bytes.
pub(crate) const TARGETS: &[(&str, usize)] = &[
    ("parse_response", 16 * 1024),
    ("parse_error", 8 * 1024),
    ("from_json", 16 * 1024),
    ("timeline", 16 * 1024),
    ("validate", 4 * 1024),
    ("sign", 8 * 1024),
    ("sim_request", 8 * 1024),
    ("diff", 16 * 1024),
];

/// The build every run uses: optimized, with debug assertions and overflow checks (an overflow
/// is a crash), and no sanitizer (the code is safe Rust; ASan would halve the speed and double
/// the build for nothing it could find there).
const BUILD_FLAGS: &[&str] = &["--release", "--debug-assertions", "--sanitizer", "none"];

/// Seconds per target of `--smoke`.
const SMOKE_SECONDS: u64 = 3;

struct Run {
    target: &'static str,
    executions: u64,
    seconds: f64,
    crashed: bool,
    corpus: usize,
}

pub(crate) fn fuzz(args: &[String]) -> Result<(), String> {
    let smoke = args.iter().any(|a| a == "--smoke");
    let seconds = match args.iter().position(|a| a == "--seconds") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|&s| s > 0)
            .ok_or("--seconds needs a whole number of seconds")?,
        None if smoke => SMOKE_SECONDS,
        None => 600,
    };
    let mut skip_next = false;
    let mut chosen = Vec::new();
    for a in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        match a.as_str() {
            "--seconds" => skip_next = true,
            "--smoke" => {}
            name => match TARGETS.iter().find(|(t, _)| *t == name) {
                Some(t) => chosen.push(*t),
                None => {
                    let names: Vec<&str> = TARGETS.iter().map(|(t, _)| *t).collect();
                    return Err(format!(
                        "no fuzz target {name:?}; the targets are {}",
                        names.join(", ")
                    ));
                }
            },
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.to_vec();
    }
    check_tools()?;

    let seeds_root = Path::new(TARGET_DIR).join("seeds");
    let counts = fuzz_seeds::write_all(&seeds_root)?;
    let t = Instant::now();
    let mut build = vec!["+nightly", "fuzz", "build"];
    build.extend_from_slice(BUILD_FLAGS);
    build.extend(["--fuzz-dir", FUZZ_DIR, "--target-dir", TARGET_DIR]);
    let built = cargo()
        .args(&build)
        .status()
        .map_err(|e| format!("cargo fuzz: {e}"))?;
    if !built.success() {
        return Err("cargo fuzz build failed".into());
    }
    println!(
        "xtask fuzz: built the targets in {} s",
        t.elapsed().as_secs()
    );

    let mut runs = Vec::new();
    for (target, max_len) in chosen {
        let corpus = if smoke {
            let dir = Path::new(TARGET_DIR).join("smoke-corpus").join(target);
            let _ = fs::remove_dir_all(&dir);
            dir
        } else {
            Path::new(FUZZ_DIR).join("corpus").join(target)
        };
        fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let seeds = seeds_root.join(target);
        let n_seeds = counts.iter().find(|(t, _)| *t == target).map_or(0, |c| c.1);
        println!(
            "\n==> fuzz {target} for {seconds} s ({n_seeds} seeds, inputs up to {max_len} bytes)"
        );
        runs.push(run_target(
            target, max_len, seconds, smoke, &corpus, &seeds,
        )?);
    }

    println!("\n==> fuzz summary");
    for r in &runs {
        println!(
            "  {:<4} {}: {} executions in {:.0} s, {} crashes, corpus {} inputs",
            if r.crashed { "FAIL" } else { "ok" },
            r.target,
            r.executions,
            r.seconds,
            u8::from(r.crashed),
            r.corpus
        );
    }
    let failed = runs.iter().filter(|r| r.crashed).count();
    println!("SUMMARY: {} passed, {failed} failed", runs.len() - failed);
    if failed > 0 {
        return Err(format!(
            "{failed} fuzz target(s) crashed: the inputs are in {FUZZ_DIR}/artifacts/; \
             reproduce with `cargo +nightly fuzz run --fuzz-dir {FUZZ_DIR} TARGET FILE`"
        ));
    }
    Ok(())
}

fn check_tools() -> Result<(), String> {
    let toolchains = crate::cmd::output("rustup", &["toolchain", "list"]).unwrap_or_default();
    tools_present(
        &toolchains,
        crate::cmd::output("cargo-fuzz", &["--version"]).as_deref(),
    )
}

/// What is missing, from `rustup toolchain list` and `cargo-fuzz --version` (None: not found).
fn tools_present(toolchains: &str, cargo_fuzz: Option<&str>) -> Result<(), String> {
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        return Err(
            "fuzzing needs a nightly toolchain and `rustup toolchain list` shows none: \
                    install one with `rustup toolchain install nightly --profile minimal`"
                .into(),
        );
    }
    match cargo_fuzz {
        Some(v) if v.contains(CARGO_FUZZ) => Ok(()),
        Some(v) => Err(format!(
            "cargo-fuzz {CARGO_FUZZ} is needed, found {}: run `cargo xtask setup`",
            v.trim()
        )),
        None => Err(format!(
            "cargo-fuzz is not installed: run `cargo xtask setup` (it installs cargo-fuzz {CARGO_FUZZ})"
        )),
    }
}

fn run_target(
    target: &'static str,
    max_len: usize,
    seconds: u64,
    smoke: bool,
    corpus: &Path,
    seeds: &Path,
) -> Result<Run, String> {
    let log = PathBuf::from(TARGET_DIR).join(format!("{target}.log"));
    let mut args: Vec<String> = ["+nightly", "fuzz", "run"].map(String::from).to_vec();
    args.extend(BUILD_FLAGS.iter().map(|s| s.to_string()));
    args.extend(["--fuzz-dir", FUZZ_DIR, "--target-dir", TARGET_DIR, target].map(String::from));
    args.push(corpus.display().to_string());
    args.push(seeds.display().to_string());
    args.push("--".into());
    args.extend([
        format!("-max_total_time={seconds}"),
        format!("-max_len={max_len}"),
        // An input that takes a second is a hang here: every target is a pure function.
        "-timeout=5".into(),
        "-rss_limit_mb=1024".into(),
        "-print_final_stats=1".into(),
        format!("-dict={FUZZ_DIR}/dict/boundaries.dict"),
    ]);
    if smoke {
        // The same mutations every time: a smoke run that fails fails again on a rerun.
        args.push("-seed=1".into());
    }
    let started = Instant::now();
    let out = cargo()
        .args(&args)
        .output()
        .map_err(|e| format!("cargo fuzz: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    fs::write(&log, text.as_bytes()).map_err(|e| format!("{}: {e}", log.display()))?;
    let stat = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim_start_matches(':').trim().parse::<u64>().ok())
    };
    let crashed = !out.status.success();
    if crashed {
        // The panic, the input's path and how to reproduce: libFuzzer's last lines.
        let lines: Vec<&str> = text.lines().collect();
        for l in &lines[lines.len().saturating_sub(30)..] {
            eprintln!("  {l}");
        }
    }
    let executions = stat("stat::number_of_executed_units").unwrap_or(0);
    let run = Run {
        target,
        executions,
        seconds: elapsed,
        crashed,
        corpus: fs::read_dir(corpus).map_or(0, |d| d.count()),
    };
    println!(
        "fuzz {target}: {executions} executions in {elapsed:.0} s ({} /s), {}, corpus {} inputs (log: {})",
        stat("stat::average_exec_per_sec").unwrap_or(0),
        if crashed { "CRASHED" } else { "no crash" },
        run.corpus,
        log.display()
    );
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::{tools_present, CARGO_FUZZ};

    #[test]
    fn says_what_is_missing() {
        let stable = "stable-x86_64-unknown-linux-gnu (active, default)\n";
        let both = format!("{stable}nightly-x86_64-unknown-linux-gnu\n");
        let current = format!("cargo-fuzz {CARGO_FUZZ}");
        let e = tools_present(stable, Some(&current)).unwrap_err();
        assert!(e.contains("needs a nightly toolchain"), "{e}");
        let e = tools_present(&both, None).unwrap_err();
        assert!(e.contains("cargo-fuzz is not installed"), "{e}");
        let e = tools_present(&both, Some("cargo-fuzz 0.11.0")).unwrap_err();
        assert!(e.contains("found cargo-fuzz 0.11.0"), "{e}");
        assert_eq!(tools_present(&both, Some(&current)), Ok(()));
    }
}
