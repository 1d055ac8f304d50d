// The installed package in headless Chromium (playwright-core, /usr/bin/chromium): loaded with a
// plain <script type="module"> from a page on 127.0.0.1, in a module worker, and through an
// esbuild bundle. One canned AppConfig sends CORS headers (as a proxy must), another does not
// (as AWS does not), which must fail with the CORS/proxy explanation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile, writeFile, mkdtemp, copyFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, extname, dirname } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { build } from "esbuild";
import { build as viteBuild } from "vite";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startServer, CREDENTIALS } from "./support/server.mjs";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("appconfig-wasm/package.json"));
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

let site, cors, nocors, browser, page, bundleDir, bundleMeta, viteDir;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>appconfig-wasm</title>
<script type="module">
  import { AppConfigClient, signRequest } from "/pkg/web/index.js";
  window.appconfig = await import("/pkg/web/index.js");
  document.title = "ready";
</script></head><body></body></html>`;

const WORKER = `import { AppConfigClient, signRequest } from "/pkg/web/index.js";
self.onmessage = async ({ data }) => {
  try {
    const client = new AppConfigClient({ region: "us-east-1", endpoint: data.endpoint, credentials: data.credentials });
    const out = await client.getDeployment({ ApplicationId: "ok", EnvironmentId: "worker", DeploymentNumber: 3 });
    const h = signRequest({ url: "https://example.amazonaws.com/" }, { region: "us-east-1", service: "service", credentials: data.credentials, signingDate: new Date("2015-08-30T12:36:00Z") });
    self.postMessage({ state: out.State, isDate: out.StartedAt instanceof Date, attempts: out.$metadata.attempts, date: h["x-amz-date"] });
  } catch (e) {
    self.postMessage({ error: e.name + ": " + e.message });
  }
};
// Messages sent before this module finished loading could be lost: say when ready.
self.postMessage({ ready: true });`;

before(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), "appconfig-wasm-bundle-"));
  // Bundler resolution: esbuild must pick the package's browser build from `exports`.
  const entry = join(bundleDir, "entry.js");
  await writeFile(
    entry,
    `import { AppConfigClient, waitForDeploymentComplete } from "appconfig-wasm";
import { deploymentTimeline } from "appconfig-wasm/timeline";
export async function run(endpoint, credentials) {
  const client = new AppConfigClient({ region: "us-east-1", endpoint, credentials });
  const out = await client.getDeployment({ ApplicationId: "ok", EnvironmentId: "bundle", DeploymentNumber: 1 });
  // The waiters load the timeline for onProgress (a dynamic import, bundled by esbuild).
  const seen = [];
  const waited = await waitForDeploymentComplete({ client, maxWaitTime: 0.3, minDelay: 0.1, maxDelay: 0.1, onProgress: (d, t) => seen.push(t.entries.length) }, { ApplicationId: "ok", EnvironmentId: "bundle", DeploymentNumber: 1 });
  return { state: out.State, entries: deploymentTimeline(out, { now: new Date("2024-05-01T12:25:00Z") }).entries.length, waited: waited.state, progress: seen[0] };
}`,
  );
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    outfile: join(bundleDir, "app.js"),
    nodePaths: [join(pkgDir, "..")],
    metafile: true,
    logLevel: "silent",
  });
  bundleMeta = result.metafile;
  // esbuild leaves `new URL("./appconfig_js_bg.wasm", import.meta.url)` alone: ship the file beside the bundle.
  for (const wasm of ["appconfig_js_bg.wasm", "appconfig_js_timeline_bg.wasm"]) await copyFile(join(pkgDir, "web", wasm), join(bundleDir, wasm));

  // Vite: a production build of a page that imports the package (inside this folder, so that
  // node_modules resolves), served under /vite/.
  viteDir = fileURLToPath(new URL("../.vite-app/", import.meta.url));
  await rm(viteDir, { recursive: true, force: true });
  await mkdir(viteDir, { recursive: true });
  await writeFile(join(viteDir, "index.html"), `<!doctype html><html><head><script type="module" src="./main.js"></script></head><body></body></html>`);
  await writeFile(
    join(viteDir, "main.js"),
    `import { AppConfigClient, waitForDeploymentComplete } from "appconfig-wasm";
const endpoint = new URLSearchParams(location.search).get("endpoint");
const client = new AppConfigClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "${CREDENTIALS.accessKeyId}", secretAccessKey: "${CREDENTIALS.secretAccessKey}" } });
const input = { ApplicationId: "ok", EnvironmentId: "vite", DeploymentNumber: 2 };
let entries = -1;
client.getDeployment(input)
  // onProgress loads appconfig-wasm/timeline: a chunk of its own, with its .wasm as an asset.
  .then((d) => waitForDeploymentComplete({ client, maxWaitTime: 0.3, minDelay: 0.1, maxDelay: 0.1, onProgress: (_, t) => { entries = t.entries.length; } }, input).then(() => d))
  .then((d) => { document.title = "vite:" + d.State + ":" + (d.StartedAt instanceof Date) + ":" + entries; }, (e) => { document.title = "vite-error:" + e.name + ": " + e.message; });`,
  );
  await viteBuild({ root: viteDir, base: "/vite/", logLevel: "silent", configFile: false, build: { target: "es2022", outDir: join(viteDir, "dist"), emptyOutDir: true } });

  site = http.createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    let file;
    if (path === "/" || path === "/index.html") return void res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    if (path === "/worker.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(WORKER);
    if (path.startsWith("/pkg/")) file = join(pkgDir, path.slice(5));
    else if (path.startsWith("/bundle/")) file = join(bundleDir, path.slice(8));
    else if (path.startsWith("/vite/")) file = join(viteDir, "dist", path.slice(6) || "index.html");
    try {
      if (!file || file.includes("..")) throw new Error("no");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((r) => site.listen(0, "127.0.0.1", r));
  cors = await startServer({ cors: true });
  nocors = await startServer({ cors: false });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(`http://127.0.0.1:${site.address().port}/`);
  await page.waitForFunction(() => document.title === "ready", null, { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  await cors?.close();
  await nocors?.close();
  await new Promise((r) => (site ? site.close(r) : r()));
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  if (viteDir) await rm(viteDir, { recursive: true, force: true });
});

// Runs `fn(appconfig, args)` in the page, where `appconfig` is the package loaded by <script type="module">.
const inPage = (fn, args) =>
  page.evaluate(
    async ([src, a]) => {
      const f = new Function("return " + src)();
      try {
        return await f(window.appconfig, a);
      } catch (e) {
        return { thrown: { name: e.name, message: e.message, corsSuspected: e.corsSuspected, $metadata: e.$metadata, ctor: e.constructor.name } };
      }
    },
    [fn.toString(), args],
  );

test("browser: <script type=module> loads the package; getDeployment through a CORS-enabled endpoint", async () => {
  const r = await inPage(
    async (m, { endpoint, credentials }) => {
      const out = await new m.AppConfigClient({ region: "us-east-1", endpoint, credentials }).getDeployment({ ApplicationId: "ok", EnvironmentId: "page", DeploymentNumber: 7 });
      return { state: out.State, isDate: out.StartedAt instanceof Date, events: out.EventLog.length, meta: out.$metadata, absent: !("CompletedAt" in out) };
    },
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.equal(r.thrown, undefined, JSON.stringify(r.thrown));
  assert.equal(r.state, "BAKING");
  assert.ok(r.isDate && r.absent);
  assert.equal(r.events, 3);
  assert.equal(r.meta.attempts, 1);
  assert.match(r.meta.requestId, /^req-/, "x-amzn-requestid is read when the endpoint exposes it");
  const req = cors.log.find((x) => x.url.includes("/environments/page/"));
  assert.equal(req.signatureError, null);
  assert.equal(req.headers.host, `127.0.0.1:${cors.port}`);
});

test("browser: the timeline's module is fetched only when a waiter's onProgress needs it", async () => {
  const r = await inPage(
    async (m, { endpoint, credentials }) => {
      const fetched = () => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/pkg/web/appconfig_js_timeline_bg.wasm"));
      const before = fetched();
      const client = new m.AppConfigClient({ region: "us-east-1", endpoint, credentials });
      const input = { ApplicationId: "ok", EnvironmentId: "pagewait", DeploymentNumber: 1 };
      await m.waitForDeploymentComplete({ client, maxWaitTime: 0.3, minDelay: 0.1, maxDelay: 0.1 }, input);
      const withoutProgress = fetched();
      const seen = [];
      const w = await m.waitForDeploymentComplete({ client, maxWaitTime: 0.3, minDelay: 0.1, maxDelay: 0.1, onProgress: (d, t) => seen.push(t.entries.length) }, input);
      return { before, withoutProgress, after: fetched(), state: w.state, entries: seen[0] };
    },
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.deepEqual(r, { before: false, withoutProgress: false, after: true, state: "TIMEOUT", entries: 3 });
});

test("browser: typed service errors and the proxy option", async () => {
  const r = await inPage(
    async (m, { endpoint, credentials }) => {
      const out = {};
      try {
        await new m.AppConfigClient({ region: "us-east-1", endpoint, credentials }).getDeployment({ ApplicationId: "notfound", EnvironmentId: "pe", DeploymentNumber: 1 });
      } catch (e) {
        out.error = { name: e.name, isClass: e instanceof m.ResourceNotFoundException, resource: e.ResourceName, fault: e.$fault, status: e.$metadata.httpStatusCode };
      }
      const proxied = await new m.AppConfigClient({ region: "ap-southeast-2", proxy: endpoint, credentials }).getDeployment({ ApplicationId: "ok", EnvironmentId: "proxied", DeploymentNumber: 1 });
      out.proxied = proxied.State;
      return out;
    },
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.deepEqual(r.error, { name: "ResourceNotFoundException", isClass: true, resource: "Deployment", fault: "client", status: 404 });
  assert.equal(r.proxied, "BAKING");
  const req = cors.log.find((x) => x.url.includes("/environments/proxied/"));
  assert.equal(req.headers["x-appconfig-upstream-host"], "appconfig.ap-southeast-2.amazonaws.com");
  assert.equal(req.signatureError, null);
});

test("browser: an endpoint without CORS headers fails with NetworkError explaining CORS and the proxy", async () => {
  const r = await inPage(
    async (m, { endpoint, credentials }) =>
      new m.AppConfigClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 2 }).getDeployment({ ApplicationId: "ok", EnvironmentId: "nocors", DeploymentNumber: 1 }),
    { endpoint: nocors.url, credentials: CREDENTIALS },
  );
  assert.ok(r.thrown, "the call must fail");
  assert.equal(r.thrown.name, "NetworkError");
  assert.equal(r.thrown.ctor, "NetworkError");
  assert.equal(r.thrown.corsSuspected, true);
  assert.match(r.thrown.message, /CORS/);
  assert.match(r.thrown.message, /AWS AppConfig sends no CORS headers/);
  assert.match(r.thrown.message, /`proxy` option/);
  assert.match(r.thrown.message, /`gateway` option \(appconfig-gateway, no AWS key in the page\)/);
  assert.match(r.thrown.message, /appconfig-gateway proxy/);
  assert.equal(r.thrown.$metadata.attempts, 2);
});

test("browser: clock skew, timeout and abort", async () => {
  const r = await inPage(
    async (m, { endpoint, credentials }) => {
      const c = new m.AppConfigClient({ region: "us-east-1", endpoint, credentials, requestTimeoutMs: 200, maxAttempts: 1 });
      const skew = await c.getDeployment({ ApplicationId: "skew", EnvironmentId: "bskew", DeploymentNumber: 1 });
      const names = [];
      for (const [app, signal] of [["slow", undefined], ["slow", AbortSignal.timeout(50)]]) {
        try {
          await new m.AppConfigClient({ region: "us-east-1", endpoint, credentials, requestTimeoutMs: signal ? undefined : 200 }).getDeployment({ ApplicationId: app, EnvironmentId: "bslow", DeploymentNumber: 1 }, { abortSignal: signal });
        } catch (e) {
          names.push(e.name);
        }
      }
      return { skewAttempts: skew.$metadata.attempts, names };
    },
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.equal(r.thrown, undefined, JSON.stringify(r.thrown));
  assert.equal(r.skewAttempts, 2, "corrected from the exposed Date header and retried once");
  assert.deepEqual(r.names, ["TimeoutError", "AbortError"]);
});

test("browser: module web worker", async () => {
  const r = await page.evaluate(
    ({ endpoint, credentials }) =>
      new Promise((resolve) => {
        const w = new Worker("/worker.js", { type: "module" });
        w.onmessage = (e) => (e.data.ready ? w.postMessage({ endpoint, credentials }) : resolve(e.data));
        w.onerror = (e) => resolve({ error: String(e.message) });
        setTimeout(() => resolve({ error: "worker timed out" }), 15_000);
      }),
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.deepEqual(r, { state: "BAKING", isDate: true, attempts: 1, date: "20150830T123600Z" });
});

test("esbuild: resolves the browser build from `exports` and the bundle runs in the browser", async () => {
  const inputs = Object.keys(bundleMeta.inputs);
  assert.ok(inputs.some((p) => p.endsWith("appconfig-wasm/web/index.js")), inputs.join("\n"));
  assert.ok(!inputs.some((p) => p.includes("/node/")), "the Node build is not bundled for browsers");
  const r = await page.evaluate(
    async ({ endpoint, credentials }) => {
      const m = await import("/bundle/app.js");
      return m.run(endpoint, credentials);
    },
    { endpoint: cors.url, credentials: CREDENTIALS },
  );
  assert.deepEqual(r, { state: "BAKING", entries: 3, waited: "TIMEOUT", progress: 3 });
});

test("vite build: bundles the package (wasm emitted as an asset) and the page works", async () => {
  const assets = await import("node:fs/promises").then((fs) => fs.readdir(join(viteDir, "dist", "assets")));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 2, `the client's and the timeline's .wasm: ${assets.join(", ")}`);
  const p = await browser.newPage();
  try {
    await p.goto(`http://127.0.0.1:${site.address().port}/vite/index.html?endpoint=${encodeURIComponent(cors.url)}`);
    await p.waitForFunction(() => document.title.startsWith("vite"), null, { timeout: 20_000 });
    assert.equal(await p.title(), "vite:BAKING:true:3");
  } finally {
    await p.close();
  }
});
