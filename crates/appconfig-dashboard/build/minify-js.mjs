// Release builds: minifies wasm-bindgen's JS loader with esbuild and puts the new digest in the
// page's subresource-integrity attribute (a step of post-build.mjs).
//
// Trunk minifies it itself, but its minifier (minify-js) cannot parse what wasm-bindgen 0.2.130
// writes (`export { .. as default }`: "Failed to minify JS: RequiredTokenNotFound(Identifier)" in
// the build log), so the loader shipped as written: 54,035 B, 9,293 B gzip. Minified: 24,268 B,
// 7,298 B gzip (crates/appconfig-dashboard/README.md, "Browser glue and size").
//
// esbuild comes from web/e2e/node_modules (pinned in web/e2e/package.json, installed with the
// wasm-opt that release builds need anyway).
import { createRequire } from "node:module";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { replaceIntegrity } from "./integrity.mjs";

const E2E = join(dirname(fileURLToPath(import.meta.url)), "../../../web/e2e");

/** Minifies every `.js` of `dir` and rewrites its integrity in `dir/index.html`. */
export function minifyJs(dir) {
  let esbuild;
  try {
    esbuild = createRequire(join(E2E, "package.json"))("esbuild");
  } catch (e) {
    throw new Error(`minify-js: esbuild is not installed in ${E2E} (run npm ci there): ${e.message}`);
  }
  const page = join(dir, "index.html");
  let html = readFileSync(page, "utf8");
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const file = join(dir, name);
    const source = readFileSync(file);
    const { code } = esbuild.transformSync(source.toString("utf8"), {
      format: "esm",
      minify: true,
      legalComments: "none",
      logLevel: "warning",
    });
    html = replaceIntegrity(html, source, Buffer.from(code, "utf8"), "minify-js", name);
    writeFileSync(file, code);
    console.log(`minify-js: ${name} ${source.length} -> ${Buffer.byteLength(code)} B`);
  }
  writeFileSync(page, html);
}
