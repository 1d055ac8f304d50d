// Embed mode: no chrome, the height posted to the parent, credentials posted by the parent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, shot, startPortal, startSim } from "../helpers.mjs";

let sim;
let portal;
let browser;
before(async () => {
  portal = await startPortal();
  // The simulator lets only its own pages frame the dashboard unless told otherwise.
  sim = await startSim({ speed: 60, extra: ["--frame-ancestors", `'self' ${portal.url}`] });
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
  const dash = `${portal.url}/dash/index.html?app=339ohji&env=54j1r29&deployment=1&embed=1&origin=${encodeURIComponent(portal.url)}`;
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(dash)}`);
  const frame = page.frameLocator("#dash");
  const notice = frame.locator('.embed-notice[data-kind="no-credentials"]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /appconfig-dashboard:credentials/);
  const post = (targetOrigin) => page.evaluate(([o, endpoint]) => {
    document.getElementById("dash").contentWindow.postMessage({
      type: "appconfig-dashboard:credentials",
      accessKeyId: "AKIDAPPCONFIGSIMDEMO",
      secretAccessKey: "appconfig-sim-demo-secret-key",
      endpoint,
    }, o);
  }, [targetOrigin, sim.url]);
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

test("the height goes to the portal named by origin= only, not to any parent", async () => {
  const page = await newPage(browser);
  const dash = (origin) => `${portal.url}/dash/index.html?app=339ohji&env=54j1r29&deployment=1&embed=1&endpoint=${encodeURIComponent(sim.url)}&origin=${encodeURIComponent(origin)}`;
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(dash("https://portal.example"))}`);
  await page.frameLocator("#dash").locator(".embed-notice").waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.heights), [], "a parent on another origin gets no height");
  await page.goto(`${portal.url}/parent?src=${encodeURIComponent(dash(portal.url))}`);
  await page.frameLocator("#dash").locator(".embed-notice").waitFor();
  await page.waitForFunction(() => window.heights.length > 0);
  await page.close();
});
