//! Running commands: the few ways the tasks start other programs.

use std::env;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::Result;

pub(crate) fn run(cmd: &str, args: &[&str]) -> Result {
    let status = Command::new(cmd)
        .args(args)
        .status()
        .map_err(|e| format!("{cmd}: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("`{cmd} {}` failed", args.join(" ")))
}

pub(crate) fn run_script(path: &str) -> Result {
    run("bash", &[path])
}

pub(crate) fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn which(bin: &str) -> Option<PathBuf> {
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|p| p.join(bin))
            .find(|p| p.is_file())
    })
}

/// `cargo` without the package variables `cargo run` gave this process: with them, ring's build
/// script reruns, and the targets are rebuilt whenever they alternate with a `cargo +nightly fuzz`
/// typed by hand (to replay a crash), and `cargo xtask load` would rerun its whole release (LTO) build
/// (about 10 minutes here).
pub(crate) fn cargo() -> Command {
    let mut cmd = Command::new("cargo");
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("CARGO_PKG_")
            || matches!(
                k.as_str(),
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            cmd.env_remove(k);
        }
    }
    cmd
}
