// Trunk's one post_build hook. Trunk starts the hooks of a stage all at once (trunk 0.21.14,
// src/hooks.rs: one tokio task per hook, awaited together), so the steps that depend on each
// other are chained here, in order:
//   1. csp-hash.mjs rewrites the staged index.html (the CSP's hash of the inline loader);
//   2. release builds only: `cargo xtask precompress` writes a zopfli `.gz` beside every file that
//      compresses, index.html included, so it must come after step 1. Debug builds (`trunk
//      serve`) skip it: nothing there serves the `.gz`, and it would cost seconds per rebuild.
import { spawnSync } from "node:child_process";

await import("./csp-hash.mjs");

if (process.env.TRUNK_PROFILE === "release") {
  // The nested cargo must not inherit the package variables of an outer `cargo xtask` (the same
  // list as xtask/src/cmd.rs's cargo()); no cargo lock is held here: `cargo run` execs xtask, and
  // trunk's own cargo build has finished before post_build hooks start.
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith("CARGO_PKG_") || ["CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME", "CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE"].includes(k)) {
      delete env[k];
    }
  }
  const r = spawnSync("cargo", ["xtask", "precompress", process.env.TRUNK_STAGING_DIR], { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`post-build: cargo xtask precompress failed (${r.error ? r.error.message : `exit ${r.status}`})`);
    process.exit(1);
  }
}
