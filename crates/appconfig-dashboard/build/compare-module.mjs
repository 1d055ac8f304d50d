// The comparison module (crates/appconfig-compare): the core's diff as a wasm module of its own,
// which the dashboard and the elements fetch only when "What changed" opens. Built here for both:
//   post-build.mjs (a step of Trunk's post_build hook): copies it into the staged dist/ under a
//     hashed name and writes <meta name="appconfig-compare" content="NAME"
//     data-integrity="sha384-..."> into index.html, where the page reads it (src/compare.rs);
//   web/elements-tests/build-elements.sh: `node compare-module.mjs OUT.wasm`.
// Release wasm, then `wasm-opt -Oz` (binaryen 132 from npm, on PATH as for Trunk) when present.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sri } from "./integrity.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const BUILT = join(ROOT, "target/wasm32-unknown-unknown/release/appconfig_compare.wasm");
const FLAGS = ["-Oz", "--converge", "--low-memory-unused", "--zero-filled-memory", "--strip-debug", "--strip-producers"];

/**
 * The environment of a nested cargo: without the package variables of an outer `cargo xtask`
 * (the same list as xtask/src/cmd.rs's cargo()). post-build.mjs's precompress uses it too.
 */
export function cargoEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith("CARGO_PKG_") || ["CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME", "CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE"].includes(k)) {
      delete env[k];
    }
  }
  return env;
}

function hasWasmOpt() {
  try {
    return execFileSync("wasm-opt", ["--version"], { encoding: "utf8" }).includes("version 132");
  } catch {
    return false;
  }
}

/** Builds the module into `out` (a file path). */
export function buildCompareModule(out) {
  execFileSync("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "-p", "appconfig-compare"], {
    cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: cargoEnv(),
  });
  if (hasWasmOpt()) {
    execFileSync("wasm-opt", [...FLAGS, BUILT, "-o", out], { stdio: "inherit" });
  } else {
    console.warn("compare-module: no wasm-opt 132 on PATH: the module is left as rustc wrote it");
    copyFileSync(BUILT, out);
  }
}

/** Adds the module to the staged dist `dir` and names it in `dir/index.html`. */
export function compareModule(dir) {
  const tmp = join(dir, "appconfig-compare.tmp.wasm");
  buildCompareModule(tmp);
  const bytes = readFileSync(tmp);
  const name = `appconfig-compare-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.wasm`;
  writeFileSync(join(dir, name), bytes);
  rmSync(tmp, { force: true });
  const page = join(dir, "index.html");
  const html = readFileSync(page, "utf8");
  if (!html.includes("</head>")) throw new Error("compare-module: no </head> in index.html");
  const meta = `<meta name="appconfig-compare" content="./${name}" data-integrity="${sri(bytes)}">`;
  writeFileSync(page, html.replace("</head>", () => `${meta}</head>`));
  console.log(`compare-module: ${name}, ${bytes.length} bytes, named in index.html`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node compare-module.mjs OUT.wasm");
    process.exit(2);
  }
  buildCompareModule(resolve(out));
}
