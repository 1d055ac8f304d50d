// Shared helpers of the end-to-end tests: start appconfig-sim serving the built dashboard, and a
// headless Chromium driven by playwright-core (never downloaded: /usr/bin/chromium).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = join(ROOT, "web/artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

export const SIM_BIN = process.env.APPCONFIG_SIM_BIN || join(ROOT, "target/debug/appconfig-sim");
export const DIST = process.env.DASHBOARD_DIST || join(ROOT, "dist");

// Simulators still running when this process exits (a crash, a failed assertion) are killed.
const children = new Set();
process.on("exit", () => { for (const c of children) c.kill("SIGKILL"); });

/** Starts the simulator on a free port; resolves { url, stop, child, log }. */
export function startSim({ speed = 60, extra = [] } = {}) {
  return spawnServer("appconfig-sim", SIM_BIN, "APPCONFIG_SIM_BIN",
    ["--port", "0", "--speed", String(speed), "--serve", DIST, "--quiet", ...extra]);
}

/**
 * Starts one of our servers (`name` is what it prints before " listening on URL"), killed when
 * the test process exits; resolves { url, stop, child, log } once it listens. `stop` sends
 * SIGTERM (SIGKILL after 3 s), then runs `cleanup`; `log` returns what it wrote to stderr.
 */
function spawnServer(name, bin, binVar, args, cleanup = async () => {}) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start in 20 s: ${out} ${err}`));
    }, 20_000);
    const listening = new RegExp(`${name} listening on (http:\\/\\/127\\.0\\.0\\.1:\\d+)`);
    child.stderr.on("data", (d) => { err += d; });
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(listening);
      if (!m) return;
      clearTimeout(timer);
      const stop = () => new Promise((r) => {
        const done = () => cleanup().then(r, r);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      });
      resolveStart({ url: m[1], stop, child, log: () => err });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${out} ${err}`));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin} (set ${binVar}): ${e.message}`));
    });
  });
}

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A page that fails the test on console errors or uncaught exceptions, collected in `problems`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") page.problems.push(`console: ${m.text()}`);
  });
  return page;
}

/** Posts JSON to the simulator. */
export async function post(url, body) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.text() };
}

export const shot = (name) => join(ARTIFACTS, name);

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/** A portal on its own origin: `/parent?src=...` embeds `src`; `/dash/*` serves the built dashboard (no simulator there). */
export function startPortal() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/parent") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><meta charset="utf-8"><title>portal</title>
<body style="margin:0"><h1>Portal</h1>
<iframe id="dash" src="${url.searchParams.get("src").replace(/"/g, "&quot;")}" style="width:${url.searchParams.get("w") || 800}px;height:150px;border:0"></iframe>
<script>
  window.heights = [];
  addEventListener("message", (e) => {
    if (e.data && e.data.type === "appconfig-dashboard:height") {
      window.heights.push(e.data.height);
      document.getElementById("dash").style.height = e.data.height + "px";
    }
  });
</script></body>`);
      return;
    }
    if (url.pathname.startsWith("/dash/")) {
      const rel = normalize(url.pathname.slice("/dash/".length) || "index.html").replace(/^(\.\.[/\\])+/, "");
      try {
        const body = await readFile(join(DIST, rel || "index.html"));
        res.writeHead(200, { "content-type": TYPES[extname(rel)] || "application/octet-stream" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(url.pathname === "/favicon.ico" ? 204 : 404).end();
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((s) => server.close(s)),
  })));
}


export const GATEWAY_BIN = process.env.APPCONFIG_GATEWAY_BIN || join(ROOT, "target/debug/appconfig-gateway");

/**
 * Starts appconfig-gateway on a free port with the TOML `config(dir)` (written to a temporary
 * directory `dir` with `files`, { name: text }; `listen` is set here); resolves { url, stop, log }
 * once it says where it listens. `log()` is what it wrote on standard error so far (its request
 * and audit lines).
 */
export async function startGateway(config, files = {}) {
  const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "appconfig-gateway-e2e-"));
  const file = join(dir, "gateway.toml");
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeFile(file, `listen = "127.0.0.1:0"\n${config(dir)}`);
  return spawnServer("appconfig-gateway", GATEWAY_BIN, "APPCONFIG_GATEWAY_BIN", ["--config", file],
    () => rm(dir, { recursive: true, force: true }));
}
