// Trunk's post_build hook. Trunk runs the hooks of one stage concurrently (trunk 0.21.14,
// src/hooks.rs: one tokio task per hook), and these steps all rewrite the staged files, so they
// are one hook that runs them in order. Release builds end with `cargo xtask precompress`: a
// zopfli .gz beside every file that compresses, so it must see every file final.
import { minifyImports } from "./minify-imports.mjs";
import { minifyJs } from "./minify-js.mjs";
import { cspHash } from "./csp-hash.mjs";
import { wasmIntegrity } from "./wasm-integrity.mjs";
import { cargoEnv, compareModule } from "./compare-module.mjs";
import { spawnSync } from "node:child_process";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run me as a trunk post_build hook)");
  process.exit(1);
}
// Debug builds (trunk serve) keep the loader readable and skip precompressing: nothing there
// serves the .gz, and it costs seconds per rebuild.
const release = process.env.TRUNK_PROFILE === "release";
try {
  if (release) {
    minifyImports(dir);
    minifyJs(dir);
  }
  // The comparison module beside the page's wasm, named in index.html (before precompress).
  compareModule(dir);
  // After the last change to the wasm, before the CSP hashes the inline loader it rewrites.
  wasmIntegrity(dir);
  cspHash(dir);
  if (release) precompress(dir);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

// The nested cargo runs in cargoEnv() (compare-module.mjs: no package variables of an outer
// `cargo xtask`); no cargo lock is held here: `cargo run` execs
// xtask, and trunk's own cargo build has finished before post_build hooks start.
function precompress(dir) {
  const r = spawnSync("cargo", ["xtask", "precompress", dir], { stdio: "inherit", env: cargoEnv() });
  if (r.status !== 0) {
    throw new Error(`post-build: cargo xtask precompress failed (${r.error ? r.error.message : `exit ${r.status}`})`);
  }
}
