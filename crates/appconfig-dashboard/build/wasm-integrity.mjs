// Makes the wasm's subresource integrity real (a step of post-build.mjs, after every step that
// rewrites the wasm). Trunk puts `integrity` on a `<link rel=preload>` of the wasm, which
// Chromium does not enforce, and its inline loader fetches the wasm by URL, without it: a
// tampered wasm would run. Here the loader hands wasm-bindgen's `init` a
// `fetch(url, { integrity })` of the final file, so the browser refuses a wasm whose digest
// differs, and the page says so instead of staying blank.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sri } from "./integrity.mjs";

/** The page's error when the wasm cannot be loaded (or fails its integrity check). */
const FAILED = "The dashboard could not load its code: ";

/** Rewrites the inline loader of `dir/index.html` to fetch the wasm with its integrity. */
export function wasmIntegrity(dir) {
  const page = join(dir, "index.html");
  const html = readFileSync(page, "utf8");
  const call = /await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);/g;
  const found = [...html.matchAll(call)];
  if (found.length !== 1) {
    throw new Error(`wasm-integrity: expected one \`await init({ module_or_path: '…_bg.wasm' })\` in index.html, found ${found.length}`);
  }
  const url = found[0][1];
  const digest = sri(readFileSync(join(dir, url)));
  const checked = `await init({ module_or_path: fetch('${url}', { integrity: '${digest}' }) })` +
    `.catch((e) => { document.getElementById("app").textContent = ${JSON.stringify(FAILED)} + e.message; throw e; });`;
  // Trunk's `window.wasmBindings` and "TrunkApplicationStarted" event serve nothing here: fewer
  // bytes to send (the dashboard's transfer budget).
  const out = html.replace(found[0][0], () => checked)
    .replace("import init, * as bindings from", "import init from")
    .replace(/\s*window\.wasmBindings = bindings;\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);/, "")
    .replace("const wasm = await init(", "await init(");
  writeFileSync(page, out);
  console.log(`wasm-integrity: the loader fetches ${url} with integrity ${digest}`);
}
