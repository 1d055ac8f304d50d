// Real builds of a tiny entry that imports the package (bundlers/entry.js) with webpack 5,
// esbuild and Rollup; each output, served on its own, must load the wasm and render.
// webpack turns `new URL("./…wasm", import.meta.url)` into an emitted asset by itself; esbuild
// and Rollup keep the expression, so the wasm files are copied beside the bundle, as the README
// says. The second wasm, the comparison module, is fetched only when "What changed" opens: each
// output opens it and must show the diff.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import webpack from "webpack";
import { HERE, inShadow, launch, newPage, startHost, startSim } from "../helpers.mjs";

const ENTRY = join(HERE, "bundlers/entry.js");
const WASM = createRequire(import.meta.url).resolve("appconfig-elements/appconfig_elements_bg.wasm");
const COMPARE = createRequire(import.meta.url).resolve("appconfig-elements/appconfig_compare.wasm");
/** Both wasm files beside a bundle whose bundler leaves `new URL(…, import.meta.url)` alone. */
const copyWasm = (dir) => {
  copyFileSync(WASM, join(dir, "appconfig_elements_bg.wasm"));
  copyFileSync(COMPARE, join(dir, "appconfig_compare.wasm"));
};
const out = (name) => {
  const dir = join(HERE, ".build", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(HERE, "bundlers/index.html"), join(dir, "index.html"));
  return dir;
};

let sim;
let browser;
before(async () => {
  sim = await startSim();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

async function loads(dir) {
  const host = await startHost({ "/": dir });
  try {
    const page = await newPage(browser);
    await page.goto(`${host.url}/?sim=${encodeURIComponent(sim.url)}`);
    await inShadow(page, "#d", ".headline");
    assert.equal(host.stats.wasm, 1, "the wasm was fetched from the build output");
    await page.evaluate(() => document.querySelector("#d").shadowRoot.querySelector(".what-toggle").click());
    await inShadow(page, "#d", '#what-body[data-step="done"] .what-flag', 20_000);
    assert.equal(host.stats.wasm, 2, "the comparison module was fetched from the build output when the panel opened");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await host.stop();
  }
}

test("webpack 5", { timeout: 120_000 }, async () => {
  const dir = out("webpack");
  const stats = await new Promise((ok, fail) => webpack({
    mode: "production", entry: ENTRY, output: { path: dir, filename: "main.js", module: true, publicPath: "auto" },
    experiments: { outputModule: true }, performance: { hints: false },
  }, (e, s) => (e ? fail(e) : ok(s))));
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  await loads(dir);
});

test("esbuild", { timeout: 60_000 }, async () => {
  const dir = out("esbuild");
  await esbuild.build({ entryPoints: [ENTRY], bundle: true, format: "esm", minify: true, outfile: join(dir, "main.js"), logLevel: "warning" });
  copyWasm(dir);
  await loads(dir);
});

test("Rollup", { timeout: 60_000 }, async () => {
  const dir = out("rollup");
  const bundle = await rollup({ input: ENTRY, plugins: [nodeResolve({ browser: true })], onwarn: () => {} });
  await bundle.write({ file: join(dir, "main.js"), format: "es" });
  await bundle.close();
  copyWasm(dir);
  await loads(dir);
});
