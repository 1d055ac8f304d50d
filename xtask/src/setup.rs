//! Installing the pinned tools: each only when missing or at another version.

use std::process::Command;

use crate::cmd::{output, run, which};
use crate::{fuzz, Result};

const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";
const TRUNK: &str = "0.21.14";

pub(crate) struct Needs {
    /// wasm32 target, wasm-bindgen, trunk, wasm-pack
    web: bool,
    /// Chromium and ChromeDriver for browser tests
    browser: bool,
    /// cargo-fuzz (the nightly toolchain itself cannot be installed offline)
    fuzz: bool,
}

impl Needs {
    pub(crate) fn all() -> Self {
        Needs {
            web: true,
            browser: true,
            fuzz: true,
        }
    }
    pub(crate) fn web() -> Self {
        Needs {
            web: true,
            browser: false,
            fuzz: false,
        }
    }
    pub(crate) fn fuzz() -> Self {
        Needs {
            web: false,
            browser: false,
            fuzz: true,
        }
    }
}

pub(crate) fn setup(needs: &Needs) -> Result {
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
    if needs.fuzz {
        cargo_install("cargo-fuzz", "cargo-fuzz", fuzz::CARGO_FUZZ, &["--locked"])?;
    }
    Ok(())
}

pub(crate) fn cargo_install(krate: &str, bin: &str, version: &str, extra: &[&str]) -> Result {
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

pub(crate) fn apt_install(packages: &[&str]) -> Result {
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
