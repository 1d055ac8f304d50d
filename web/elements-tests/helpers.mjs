// Helpers of the elements' tests: the simulator (the API, on its own origin), a host page server
// on another loopback origin, and headless Chromium by playwright-core (/usr/bin/chromium).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "../..");
export const ARTIFACTS = join(ROOT, "web/artifacts/elements");
mkdirSync(ARTIFACTS, { recursive: true });
export const SIM_BIN = process.env.APPCONFIG_SIM_BIN || join(ROOT, "target/debug/appconfig-sim");
export const PKG = process.env.ELEMENTS_PKG || join(ROOT, "pkg-elements");
export const DEMO = { accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" };

const children = new Set();
process.on("exit", () => { for (const c of children) c.kill("SIGKILL"); });

/**
 * Spawns `bin` with `args` and resolves { url, stop } once it prints `<name> listening on URL`
 * (20 s at most); `stop` sends SIGTERM, waits for the exit, then runs `cleanup`.
 */
function spawnServer(name, bin, args, cleanup = async () => {}) {
  return new Promise((ok, fail) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let out = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); fail(new Error(`${name} did not start: ${out}`)); }, 20_000);
    const listening = new RegExp(`${name} listening on (http://127\\.0\\.0\\.1:\\d+)`);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(listening);
      if (!m) return;
      clearTimeout(timer);
      ok({
        url: m[1],
        stop: () => new Promise((r) => {
          const done = () => cleanup().then(r, r);
          if (child.exitCode !== null) return done();
          child.once("exit", done);
          child.kill("SIGTERM");
        }),
      });
    });
    child.stderr.on("data", (d) => { out += d; });
    child.once("error", (e) => { clearTimeout(timer); fail(e); });
  });
}

/** appconfig-sim on a free port; resolves { url, stop, requests(), reset() }. */
export async function startSim({ speed = 60, extra = [] } = {}) {
  const sim = await spawnServer("appconfig-sim", SIM_BIN, ["--port", "0", "--speed", String(speed), "--quiet", ...extra]);
  return {
    ...sim,
    requests: async () => (await (await fetch(`${sim.url}/_sim/requests`)).json()).total,
    reset: () => fetch(`${sim.url}/_sim/requests/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
  };
}

export const GATEWAY_BIN = process.env.APPCONFIG_GATEWAY_BIN || join(ROOT, "target/debug/appconfig-gateway");

/**
 * appconfig-gateway on a free port with the TOML `config` (its `listen` is added) and `files`
 * written beside it (`config(dir)` names them); resolves { url, stop }.
 */
export async function startGateway(config, files = {}) {
  const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "appconfig-gateway-elements-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const file = join(dir, "gateway.toml");
  await writeFile(file, `listen = "127.0.0.1:0"\n${config(dir)}`);
  return spawnServer("appconfig-gateway", GATEWAY_BIN, ["--config", file], () => rm(dir, { recursive: true, force: true }));
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json" };

/** A static server on its own loopback origin: `mounts` maps a path prefix to a folder. Counts the wasm downloads. */
export function startHost(mounts) {
  const stats = { wasm: 0 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") return res.writeHead(204).end();
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html").replace(/^(\.\.[/\\])+/, "");
      try {
        const body = await readFile(join(dir, rel));
        if (rel.endsWith(".wasm")) stats.wasm += 1;
        res.writeHead(200, { "content-type": TYPES[extname(rel)] || "application/octet-stream", "cache-control": "no-store" });
        return res.end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    stop: () => new Promise((s) => { server.closeAllConnections?.(); server.close(s); }),
  })));
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    headless: true,
  });
}

/** A page that collects console errors and uncaught exceptions in `problems`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") page.problems.push(`console: ${m.text()} ${m.location()?.url ?? ""}`); });
  return page;
}

/** Waits until `selector` matches inside the shadow root of `host` (a CSS selector of the page). */
export function inShadow(page, host, selector, timeout = 10_000) {
  return page.waitForFunction(([h, s]) => document.querySelector(h)?.shadowRoot?.querySelector(s), [host, selector], { timeout });
}

export const shot = (name) => join(ARTIFACTS, name);
