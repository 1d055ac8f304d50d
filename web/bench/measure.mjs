// Sizes of appconfig-wasm against the AWS SDK for JavaScript v3's minimal browser bundle for one
// GetDeployment call. Both are bundled by esbuild for the browser, minified; sizes are raw and
// gzip -9. Uses the packages installed in web/pkg-tests (run web/pkg-tests/run.sh, or
// `npm ci` there and build-pkg.sh + install-pkg.sh, first).
//   node web/bench/measure.mjs [--json]; `sizes()` for web/bench/bench.mjs
import { gzipSync } from "node:zlib";
import { mkdtemp, writeFile, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const testsDir = fileURLToPath(new URL("../pkg-tests/", import.meta.url));
const nodeModules = join(testsDir, "node_modules");
const require = createRequire(join(testsDir, "package.json"));
const pkgDir = dirname(require.resolve("appconfig-wasm/package.json"));
const { build } = require("esbuild");

const measured = (buf) => ({ raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });

async function bundle(dir, name, source) {
  const entry = join(dir, `${name}.mjs`);
  await writeFile(entry, source);
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    nodePaths: [nodeModules],
    logLevel: "silent",
  });
  return Buffer.from(out.outputFiles[0].contents);
}

/** Bundled sizes (raw and gzip -9) of the SDK's one-call bundle and of ours (JS + .wasm). */
export async function sizes() {
  const dir = await mkdtemp(join(tmpdir(), "appconfig-bench-"));
  try {
    const sdk = await bundle(
      dir,
      "sdk",
      `import { AppConfigClient, GetDeploymentCommand } from "@aws-sdk/client-appconfig";
const client = new AppConfigClient({ region: "us-east-1" });
export const getDeployment = (input) => client.send(new GetDeploymentCommand(input));`,
    );
    const oursJs = await bundle(
      dir,
      "ours",
      `import { AppConfigClient } from "appconfig-wasm";
const client = new AppConfigClient({ region: "us-east-1", credentials: async () => ({ accessKeyId: "", secretAccessKey: "" }) });
export const getDeployment = (input) => client.getDeployment(input);`,
    );
    const wasm = await readFile(join(pkgDir, "web", "appconfig_js_bg.wasm"));
    const r = { sdk: measured(sdk), oursJs: measured(oursJs), oursWasm: measured(wasm) };
    r.ours = { raw: r.oursJs.raw + r.oursWasm.raw, gzip: r.oursJs.gzip + r.oursWasm.gzip };
    r.ratio = { raw: r.ours.raw / r.sdk.raw, gzip: r.ours.gzip / r.sdk.gzip };
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await sizes();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(r));
  } else {
    const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";
    const row = (label, s) => console.log(`${label.padEnd(46)} ${kb(s.raw)} raw ${kb(s.gzip)} gzip`);
    row("AWS SDK v3 GetDeploymentCommand (esbuild, min)", r.sdk);
    row("appconfig-wasm JS (esbuild, min)", r.oursJs);
    row("appconfig-wasm .wasm (wasm-opt -Oz)", r.oursWasm);
    row("appconfig-wasm total", r.ours);
    console.log(`ratio appconfig-wasm / AWS SDK: ${r.ratio.raw.toFixed(2)}x raw, ${r.ratio.gzip.toFixed(2)}x gzip`);
  }
}
