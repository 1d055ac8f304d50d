// Each kind of failure gets a message that says what to do.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, post, shot, startSim } from "../helpers.mjs";

let sim;
let browser;
before(async () => {
  sim = await startSim({ speed: 60 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

const expected = (p) => /status of (400|403|404|429|500)|Failed to load resource/.test(p);

async function showWith(page, { akid, secret }) {
  await page.goto(`${sim.url}/`);
  await page.locator("h2", { hasText: "See an AppConfig deployment" }).waitFor();
  // Wait for the simulator's prefill, then open the Connection section.
  await page.locator("details.conn-details > summary", { hasText: "simulator" }).click();
  await page.locator("#secret-access-key").waitFor();
  if (akid !== undefined) await page.fill("#access-key-id", akid);
  if (secret !== undefined) await page.fill("#secret-access-key", secret);
  await page.fill("#find-app", "339ohji");
  await page.fill("#find-env", "54j1r29");
  await page.fill("#find-deployment", "1");
  await page.click('button[type="submit"]');
}

test("a wrong secret says the credentials were not accepted", async () => {
  const page = await newPage(browser);
  await showWith(page, { secret: "not-the-secret" });
  const panel = page.locator('.error-panel[data-kind="bad-credentials"]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /signature does not match: check the secret access key/);
  await page.screenshot({ path: shot("e2e-bad-credentials.png") });
  assert.deepEqual(page.problems.filter((p) => !expected(p)), []);
  await page.close();
});

test("an unknown access key id says so", async () => {
  const page = await newPage(browser);
  await showWith(page, { akid: "AKIDNOBODYKNOWS00000" });
  const panel = page.locator('.error-panel[data-kind="bad-credentials"]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /access key id is unknown/);
  await page.close();
});

test("missing credentials are reported beside the fields, before any request", async () => {
  const page = await newPage(browser);
  await showWith(page, { akid: "", secret: "" });
  await page.locator("#akid-error").waitFor();
  assert.match(await page.locator("#akid-error").textContent(), /Access key id is required/);
  assert.match(await page.locator("#secret-error").textContent(), /Secret access key is required/);
  await page.close();
});

test("throttling is retried, and explained when it persists", async () => {
  const page = await newPage(browser);
  // Two throttles: the client's retries absorb them.
  assert.equal((await post(`${sim.url}/_sim/faults`, { Throttles: 2 })).status, 200);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  // Many throttles: the page explains and keeps trying.
  await post(`${sim.url}/_sim/faults`, { Throttles: 1000 });
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=1`);
  const panel = page.locator('.error-panel[data-kind="throttled"]');
  await panel.waitFor({ timeout: 20_000 });
  assert.match(await panel.textContent(), /throttling/);
  await post(`${sim.url}/_sim/faults`, { Throttles: 0 });
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor({ timeout: 30_000 });
  await page.close();
});

// The core bounds clock correction to 15 min (a forged Date must not date every later signature
// a year ahead: appconfig_core::retry::MAX_CLOCK_CORRECTION_MS), so 10 min is corrected and an hour is explained instead.
test("a clock an hour off is explained, not silently corrected", async () => {
  const skewed = await startSim({ speed: 60, extra: ["--skew-seconds", "3600"] });
  try {
    const page = await newPage(browser);
    await page.goto(`${skewed.url}/?app=339ohji&env=54j1r29&deployment=1`);
    const panel = page.locator('.error-panel[data-kind="clock-skew"]');
    await panel.waitFor({ timeout: 20_000 });
    assert.match(await panel.textContent(), /clock is off by about 1 h/);
    await page.close();
  } finally {
    await skewed.stop();
  }
});

test("a skewed clock is corrected by the client, so the page still works", async () => {
  const skewed = await startSim({ speed: 60, extra: ["--skew-seconds", "600"] });
  try {
    const page = await newPage(browser);
    await page.goto(`${skewed.url}/?app=339ohji&env=54j1r29&deployment=1`);
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('ol[aria-label="Event timeline"] > li').count(), 7);
    await page.close();
  } finally {
    await skewed.stop();
  }
});
