// Live refresh: the staging deployment advances to COMPLETE by itself; an alarm rolls one back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, post, shot, startSim } from "../helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the live staging deployment refreshes itself until COMPLETE", async () => {
  // At speed 60 the 10 min + 2 min bake deployment takes about 12 s.
  const sim = await startSim({ speed: 60 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
    await page.locator("#deployment-title").waitFor();
    const first = await page.locator('[role="status"]').textContent();
    assert.match(first, /Deploying|Baking/);
    assert.ok(await page.locator(".live-dot", { hasText: "Live" }).isVisible());
    assert.match(await page.locator(".live-status .updated").textContent(), /Updated/);
    const firstPct = Number(await page.locator('[role="progressbar"]').getAttribute("aria-valuenow"));
    await page.screenshot({ path: shot("e2e-live-running.png") });
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor({ timeout: 40_000 });
    assert.equal(await page.locator('[role="progressbar"]').getAttribute("aria-valuenow"), "100");
    assert.ok(100 > firstPct, "the page saw the deployment move");
    assert.ok(await page.getByText("Final state: not refreshing").isVisible());
    assert.equal(await page.locator(".live-dot").count(), 0);
    // It stopped polling: no more GetDeployment requests.
    let polls = 0;
    page.on("request", (r) => { if (r.url().includes("/deployments/2")) polls += 1; });
    await page.waitForTimeout(6_000);
    assert.equal(polls, 0, "refresh must stop on a final state");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("a CloudWatch alarm rolls the running deployment back and the page shows it", async () => {
  // Slower, so that the deployment is surely still running when the alarm fires.
  const sim = await startSim({ speed: 10 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
    await page.locator('[role="status"]', { hasText: /Deploying|Baking/ }).waitFor();
    assert.ok(await page.locator("svg .projection path[stroke-dasharray]").count() >= 1, "a running deployment shows the dashed estimate");
    const fired = await post(`${sim.url}/_sim/alarm`, { ApplicationId: "pay0001", EnvironmentId: "stg0001" });
    assert.equal(fired.status, 200, fired.body);
    await page.locator('[role="status"]', { hasText: /Rolling back|Rolled back/ }).waitFor({ timeout: 20_000 });
    await page.locator(".banner.rollback", { hasText: "by a CloudWatch alarm" }).waitFor();
    await page.locator("li.event.ev-rollback").first().waitFor();
    assert.ok(await page.locator("svg .rollback").count() >= 1, "the chart marks the rollback");
    await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator("svg .projection").count(), 0);
    await page.screenshot({ path: shot("e2e-alarm-rollback.png"), fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("refresh pauses while the tab is hidden and resumes on visibilitychange", async () => {
  const sim = await startSim({ speed: 1 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
    await page.locator('[role="status"]', { hasText: "Deploying" }).waitFor();
    let polls = 0;
    page.on("request", (r) => { if (r.url().includes("/deployments/2")) polls += 1; });
    await page.waitForTimeout(5_600);
    assert.ok(polls >= 1, "a running deployment is fetched again every 5 s");
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.waitForTimeout(1_000);
    polls = 0;
    await page.waitForTimeout(11_000);
    assert.equal(polls, 0, "no requests while hidden");
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.waitForTimeout(1_500);
    assert.ok(polls >= 1, "resumes at once when visible again");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await sim.stop();
  }
});
