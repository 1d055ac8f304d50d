// An embed trusts only its portal. Three origins on loopback: the dashboard (D, static files),
// a portal (P) and a hostile page (H) that also plays the attacker's proxy and counts every
// request it gets. H frames P, which frames D; H then navigates D's frame to a URL of its own
// making (`proxy=` H, `actions=1`). Requests must never reach H, and no action may appear: where
// requests go and whether actions are offered come only from P's message.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { launch, newPage, shot, startPortal, startSim } from "../helpers.mjs";

let sim;
let dash;
let portal;
let hostile;
let browser;

function serve(handler) {
  const server = createServer(handler);
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((s) => server.close(s)),
  })));
}

const page = (body) => `<!doctype html><meta charset="utf-8"><title>t</title><body style="margin:0">${body}</body>`;
const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/**
 * The portal. `/readme` follows the README's embed example (credentials and where
 * to send requests only in answer to the dashboard's ready message, from its own frame, for the
 * URL it opened); `/onload` is what the README said before: credentials on every `load` (and on
 * every refresh of them).
 * `/nest` frames H's `/frame` (which frames the dashboard) and posts to its grandchild.
 */
function portalPage(path, q) {
  const src = q.get("src");
  if (src === null) return null;
  const message = `{ type: "appconfig-dashboard:credentials", accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key",
    endpoint: ${JSON.stringify(q.get("endpoint") || undefined)}, actions: ${q.get("actions") === "1"} }`;
  const frame = `<iframe id="appconfig-deployment" src="${attr(src)}" title="AppConfig deployment" style="width: 100%; border: 0; height: 400px"></iframe>`;
  if (path === "/readme") {
    return page(`${frame}<script>
  window.posted = 0;
  const frame = document.getElementById("appconfig-deployment");
  const dashboardOrigin = new URL(frame.src).origin;
  addEventListener("message", (e) => {
    if (e.source !== frame.contentWindow || e.origin !== dashboardOrigin) return;
    if (e.data?.type === "appconfig-dashboard:height") frame.style.height = \`\${e.data.height}px\`;
    if (e.data?.type === "appconfig-dashboard:ready" && e.data.url === frame.src) {
      window.posted++;
      frame.contentWindow.postMessage(${message}, dashboardOrigin);
    }
  });
</script>`);
  }
  if (path === "/onload") {
    // On every load, and again whenever its short-lived credentials are refreshed (every 500 ms
    // here, so that the dashboard's listener is surely there for one of them).
    return page(`${frame}<script>
  const frame = document.getElementById("appconfig-deployment");
  const dashboardOrigin = new URL(frame.src).origin;
  const post = () => frame.contentWindow.postMessage(
    { type: "appconfig-dashboard:credentials", accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" }, dashboardOrigin);
  frame.addEventListener("load", post);
  setInterval(post, 500);
</script>`);
  }
  if (path === "/nest") {
    return page(`<iframe id="outer" src="${attr(src)}" style="width: 100%; height: 600px; border: 0"></iframe><script>
  window.post = () => document.getElementById("outer").contentWindow.frames[0].postMessage(${message}, ${JSON.stringify(q.get("dash"))});
</script>`);
  }
  return null;
}

before(async () => {
  sim = await startSim({ speed: 60 });
  dash = await startPortal();
  portal = await serve((req, res) => {
    const u = new URL(req.url, "http://x");
    const body = portalPage(u.pathname, u.searchParams);
    if (body === null) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html" }).end(body);
  });
  const hits = [];
  hostile = await serve((req, res) => {
    const u = new URL(req.url, "http://x");
    if (req.method === "GET" && (u.pathname === "/" || u.pathname === "/frame") && u.searchParams.has("src")) {
      return res.writeHead(200, { "content-type": "text/html" })
        .end(page(`<iframe src="${attr(u.searchParams.get("src"))}" style="width: 100%; height: 600px; border: 0"></iframe>`));
    }
    if (u.pathname === "/favicon.ico") return res.writeHead(204).end();
    // The attacker's "proxy": every request counts, signed ones are what it is after.
    hits.push({ method: req.method, path: u.pathname, authorization: req.headers.authorization });
    res.writeHead(req.method === "OPTIONS" ? 204 : 200, {
      "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "*",
      "content-type": "application/json",
    }).end(req.method === "OPTIONS" ? "" : "{}");
  });
  hostile.hits = hits;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of [sim, dash, portal, hostile]) await s?.stop();
});

const DEPLOYMENT = "app=web0001&env=dev0001&deployment=60";
const dashUrl = (extra = "") => `${dash.url}/dash/index.html?${DEPLOYMENT}&embed=1&origin=${encodeURIComponent(portal.url)}${extra}`;
const rendered = '.embed-notice, [role="status"] .badge, .error-panel';

for (const variant of ["onload", "readme"]) {
  test(`a hostile page that frames the portal (${variant}) and navigates the dashboard to its own proxy and actions=1 gets nothing`, async () => {
    hostile.hits.length = 0;
    const p = await newPage(browser);
    // The portal's own link (the old README put the endpoint in it; the new one posts it).
    const own = variant === "onload" ? dashUrl(`&endpoint=${encodeURIComponent(sim.url)}`) : dashUrl();
    const portalUrl = `${portal.url}/${variant}?src=${encodeURIComponent(own)}&endpoint=${encodeURIComponent(sim.url)}`;
    await p.goto(`${hostile.url}/?src=${encodeURIComponent(portalUrl)}`);
    const inner = p.frameLocator("iframe").frameLocator("iframe");
    await inner.locator(rendered).first().waitFor({ timeout: 20_000 });
    // The hostile top page may navigate any frame below it.
    const attack = dashUrl(`&proxy=${encodeURIComponent(hostile.url)}&actions=1`);
    await p.evaluate((url) => { document.querySelector("iframe").contentWindow.frames[0].location.href = url; }, attack);
    await p.waitForTimeout(500);
    const navigated = p.frames().find((f) => f.url().includes("proxy="));
    assert.ok(navigated, "the dashboard's frame was navigated");
    await navigated.locator(rendered).first().waitFor({ timeout: 20_000 });
    await p.waitForTimeout(2_000);
    await p.screenshot({ path: shot(`e2e-embed-hostile-${variant}.png`) });
    assert.deepEqual(hostile.hits, [], "no request reached the attacker's proxy");
    assert.equal(await navigated.locator(".dep-actions button").count(), 0, "no Stop or Revert offered");
    await p.close();
  });
}

test("a well-behaved portal on another loopback origin: its connection and its offer of actions, never the URL's", async () => {
  hostile.hits.length = 0;
  const p = await newPage(browser);
  const own = dashUrl(`&proxy=${encodeURIComponent(hostile.url)}&actions=1`);
  await p.goto(`${portal.url}/readme?src=${encodeURIComponent(own)}&endpoint=${encodeURIComponent(sim.url)}&actions=1`);
  const inner = p.frameLocator("iframe");
  await inner.locator('[role="status"]', { hasText: "Complete" }).waitFor({ timeout: 20_000 });
  await inner.locator("button.action-revert").waitFor();
  assert.equal(await p.evaluate(() => window.posted), 1, "posted once, in answer to the ready message");
  assert.deepEqual(hostile.hits, [], "the URL's proxy is not used");
  // Without the portal's offer, no actions, whatever the URL says.
  await p.goto(`${portal.url}/readme?src=${encodeURIComponent(own)}&endpoint=${encodeURIComponent(sim.url)}`);
  await p.frameLocator("iframe").locator('[role="status"]', { hasText: "Complete" }).waitFor({ timeout: 20_000 });
  await p.waitForTimeout(800);
  assert.equal(await p.frameLocator("iframe").locator(".dep-actions button").count(), 0);
  // The static dashboard server has no /_sim/info (and the portal no favicon): 404s only.
  assert.deepEqual(p.problems.filter((m) => !/status of 404/.test(m)), []);
  await p.close();
});

test("credentials from the portal's origin are refused when the portal is not the frame's parent", async () => {
  const p = await newPage(browser);
  // P frames H, H frames the dashboard with origin=P: P is only the grandparent.
  const outer = `${hostile.url}/frame?src=${encodeURIComponent(dashUrl())}`;
  await p.goto(`${portal.url}/nest?src=${encodeURIComponent(outer)}&dash=${encodeURIComponent(dash.url)}&endpoint=${encodeURIComponent(sim.url)}`);
  const inner = p.frameLocator("iframe").frameLocator("iframe");
  await inner.locator(".embed-notice").waitFor({ timeout: 20_000 });
  await p.evaluate(() => window.post());
  await p.waitForTimeout(1_500);
  assert.equal(await inner.locator(".embed-notice").count(), 1, "still waiting for credentials");
  assert.equal(await inner.locator('[role="status"] .badge').count(), 0);
  await p.close();
});
