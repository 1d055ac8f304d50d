//! Project tasks: `cargo xtask <setup|test|demo|pkg|elements|dashboard|bench|load|fuzz|precompress>`.
//!
//! Every task installs what it needs first, idempotently (anything already present at the
//! pinned version is skipped), so each works on a fresh machine of this project's kind.

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cmd;
mod demo;
mod fuzz;
mod fuzz_seeds;
mod load;
mod precompress;
mod setup;
mod test;

use cmd::run_script;
use demo::{bench, build_dashboard, demo};
use load::load;
use precompress::precompress;
use setup::{setup, Needs};
use test::test;

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
        Some("elements") => {
            setup(&Needs::web()).and_then(|()| run_script("web/elements-tests/build-elements.sh"))
        }
        Some("bench") => setup(&Needs::web()).and_then(|()| bench(&args[1..])),
        Some("load") => load(&args[1..]),
        Some("fuzz") => setup(&Needs::fuzz()).and_then(|()| fuzz::fuzz(&args[1..])),
        Some("precompress") => precompress(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 demo [SIM FLAGS]  build the dashboard and serve it with the simulator on http://127.0.0.1:4010\n  \
                   (--gateway: through appconfig-gateway on :4020, no AWS key in the page)\n  \
                 test [--quick]    install what is missing and run every check and test (what CI runs)\n  \
                 setup             install the toolchain pieces only\n  \
                 dashboard         build the dashboard into dist/\n  \
                 pkg               build the npm package into pkg/\n  \
                 elements          build the npm package appconfig-elements into pkg-elements/\n  \
                 bench [--no-dashboard]  appconfig-wasm against the AWS SDK: size and speed, table + target/bench.json\n  \
                 load [ARGS]       the simulator's full load test: release build, 50 connections, 30 s\n  \
                 fuzz [TARGET] [--seconds N] [--smoke]\n                    \
                 run the libFuzzer targets (nightly), 600 s each by default\n  \
                 precompress DIR [--iterations N]\n                    \
                 a brotli .br and a zopfli .gz beside every file of DIR that compresses (release dashboard builds run it)"
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

pub(crate) type Result<T = ()> = std::result::Result<T, String>;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository root")
        .to_path_buf()
}
