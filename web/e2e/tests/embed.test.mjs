// Embed mode: no chrome, the height posted to the parent, credentials posted by the parent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { DIST, launch, newPage, shot, startSim } from "../helpers.mjs";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/** A portal on its own origin: `/parent?src=...` embeds `src`; `/dash/*` serves the built dashboard (no simulator there). */
function startPortal() {
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

let sim;
let portal;
let browser;
before(async () => {
  sim = await startSim({ speed: 60 });
  portal = await startPortal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
  await portal?.stop();
});

test("embed=1 renders only the deployment and posts its height to the parent", async () => {
  const page = await newPage(browser);
  const src = `${sim.url}/?app=339ohji&env=54j1r29&deployment=1&embed=1&theme=dark`;
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(src)}`);
  const frame = page.frameLocator("#dash");
  await frame.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  assert.equal(await frame.locator(".topbar").count(), 0);
  assert.equal(await frame.locator("form").count(), 0);
  assert.equal(await frame.locator("footer").count(), 0);
  assert.equal(await frame.locator('ol[aria-label="Event timeline"] > li').count(), 7);
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 400);
  const heights = await page.evaluate(() => window.heights);
  const inner = await frame.locator(".app").evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
  assert.ok(Math.abs(heights.at(-1) - inner) <= 2, `posted ${heights.at(-1)}, content ${inner}`);
  // A link to the full view (no embed, no origin) opens in a new tab.
  const full = frame.locator("a.full-view");
  assert.equal(await full.getAttribute("target"), "_blank");
  const href = new URL(await full.getAttribute("href"), sim.url);
  assert.equal(href.searchParams.get("embed"), null);
  assert.equal(href.searchParams.get("app"), "339ohji");
  // Expanding content posts a new height.
  await frame.locator("text=Show newest first").click();
  await page.screenshot({ path: shot("e2e-embed-dark.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("without credentials embed mode explains how to post them, and accepts them from the allowed origin only", async () => {
  const page = await newPage(browser);
  const dash = `${portal.url}/dash/index.html?app=339ohji&env=54j1r29&deployment=1&embed=1&endpoint=${encodeURIComponent(sim.url)}&origin=${encodeURIComponent(portal.url)}`;
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(dash)}`);
  const frame = page.frameLocator("#dash");
  const notice = frame.locator('.embed-notice[data-kind="no-credentials"]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /appconfig-dashboard:credentials/);
  const post = (targetOrigin) => page.evaluate(([o]) => {
    document.getElementById("dash").contentWindow.postMessage({
      type: "appconfig-dashboard:credentials",
      accessKeyId: "AKIDAPPCONFIGSIMDEMO",
      secretAccessKey: "appconfig-sim-demo-secret-key",
    }, o);
  }, [targetOrigin]);
  await post(portal.url);
  await frame.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  assert.equal(await frame.locator('ol[aria-label="Event timeline"] > li').count(), 7);
  // The secret never lands in the URL or in storage.
  const where = await frame.locator("body").evaluate(() => location.href + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!where.includes("appconfig-sim-demo-secret-key"), where);
  await page.close();
});

test("credentials from another origin are ignored", async () => {
  const page = await newPage(browser);
  const dash = `${portal.url}/dash/index.html?app=339ohji&env=54j1r29&deployment=1&embed=1&endpoint=${encodeURIComponent(sim.url)}&origin=${encodeURIComponent("https://portal.example")}`;
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(dash)}`);
  const frame = page.frameLocator("#dash");
  await frame.locator(".embed-notice").waitFor();
  await page.evaluate(() => {
    document.getElementById("dash").contentWindow.postMessage({
      type: "appconfig-dashboard:credentials", accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key",
    }, "*");
  });
  await page.waitForTimeout(1500);
  assert.equal(await frame.locator(".embed-notice").count(), 1);
  assert.equal(await frame.locator('[role="status"]').count(), 0);
  await page.close();
});
