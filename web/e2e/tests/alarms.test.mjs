// The CloudWatch alarms that guard a rollout: their live states in the monitors panel, what a
// non-OK state means, the chart marks of a rolled-back deployment, the overview's flag, and the
// panel's explanation when the credentials may not read alarms.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, post, shot, startSim } from "../helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const isCloudWatch = (r, op) => (r.headers()["x-amz-target"] || "") === `GraniteServiceVersion20100801.${op}`;
// A denied or failed request is logged by Chromium itself ("Failed to load resource").
const realProblems = (page) => page.problems.filter((p) => !p.includes("Failed to load resource"));

test("each monitor shows its alarm's state; INSUFFICIENT_DATA says what it means for the rollout", async () => {
  // At speed 5 the staging deployment runs for minutes and a state set by hand lasts 12 s.
  const sim = await startSim({ speed: 5 });
  try {
    const page = await newPage(browser);
    let describes = 0;
    let polls = 0;
    page.on("request", (r) => {
      if (isCloudWatch(r, "DescribeAlarms")) describes += 1;
      if (r.url().includes("/deployments/2")) polls += 1;
    });
    await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
    await page.locator('[role="status"]', { hasText: /Deploying/ }).waitFor();
    const latency = page.locator('li.monitor[data-alarm$=":alarm:payments-staging-latency"]');
    const canary = page.locator('li.monitor[data-alarm$=":alarm:payments-staging-canary"]');
    await latency.locator(".alarm-badge", { hasText: "OK" }).waitFor();
    assert.match(await latency.locator(".alarm-condition").textContent(), /p99 of TargetResponseTime \(AWS\/ApplicationELB\) > 0\.5 Seconds for 3 of 5 periods of 1 min/);
    assert.match(await latency.locator(".alarm-since").textContent(), /since/);
    assert.equal(await latency.locator(".alarm-actions-off").count(), 0);
    assert.match(await canary.locator(".alarm-actions-off").textContent(), /AppConfig will not roll back on this alarm/);

    // The on-call engineer's moment: an alarm goes to INSUFFICIENT_DATA while it deploys.
    const set = await post(`${sim.url}/_sim/alarm`, { AlarmName: "payments-staging-canary", StateValue: "INSUFFICIENT_DATA" });
    assert.equal(set.status, 200, set.body);
    await canary.locator(".alarm-badge", { hasText: "INSUFFICIENT_DATA" }).waitFor({ timeout: 15_000 });
    assert.match(await canary.locator(".alarm-meaning").textContent(), /AppConfig rolls back when this alarm is in ALARM or INSUFFICIENT_DATA, but not while its actions are disabled/);
    assert.match(await page.locator('[role="status"]').textContent(), /Deploying|Baking/, "actions disabled: no rollback");
    await page.screenshot({ path: shot("e2e-alarms-insufficient.png"), fullPage: true });

    // One DescribeAlarms per refresh for both monitors (one region).
    assert.ok(describes >= 1, "the states were read");
    assert.ok(describes <= polls + 1, `at most one DescribeAlarms per refresh: ${describes} for ${polls} refreshes`);
    assert.deepEqual(realProblems(page), []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("a rolled-back deployment marks on the chart when its alarm fired", async () => {
  const sim = await startSim({ speed: 60 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=2`);
    await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
    await page.locator("svg .alarm-mark.to-alarm").first().waitFor();
    const title = await page.locator("svg .alarm-mark.to-alarm title").first().textContent();
    assert.match(title, /^payments-5xx-errors → ALARM at /);
    assert.ok(await page.locator(".legend .key.alarm-mark").isVisible());
    // The alarm fired where the rollback starts.
    const markX = await page.locator("svg .alarm-mark.to-alarm polygon").first().evaluate((p) => p.getBBox().x + p.getBBox().width / 2);
    const rollbackX = Number(await page.locator("svg .rollback line").first().getAttribute("x1"));
    assert.ok(Math.abs(markX - rollbackX) < 2, `mark at ${markX}, rollback at ${rollbackX}`);
    const prod = page.locator('li.monitor[data-alarm$=":alarm:payments-5xx-errors"]');
    await prod.locator(".alarm-badge", { hasText: "OK" }).waitFor();
    assert.ok(await prod.locator(".trigger-badge").isVisible());
    await page.screenshot({ path: shot("e2e-alarms-rollback-chart.png"), fullPage: true });
    assert.deepEqual(realProblems(page), []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("the overview flags a running environment whose alarm is not OK and lists it first", async () => {
  const sim = await startSim({ speed: 5 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/`);
    await page.locator('tr.ov-row[data-env="stg0001"]').waitFor();
    const set = await post(`${sim.url}/_sim/alarm`, { AlarmName: "payments-staging-canary", StateValue: "INSUFFICIENT_DATA" });
    assert.equal(set.status, 200, set.body);
    const flagged = page.locator('tr.ov-row.alarm-flagged[data-env="stg0001"]');
    await flagged.waitFor({ timeout: 15_000 });
    assert.match(await flagged.locator(".ov-alarm").textContent(), /payments-staging-canary is in INSUFFICIENT_DATA/);
    assert.equal(await page.locator("tr.ov-row").first().getAttribute("data-env"), "stg0001", "flagged rows first");
    await page.screenshot({ path: shot("e2e-alarms-overview.png"), fullPage: true });
    assert.deepEqual(realProblems(page), []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("without cloudwatch:DescribeAlarms the panel names the missing action and the page works", async () => {
  const sim = await startSim({ speed: 60 });
  try {
    const page = await newPage(browser);
    await page.route("**/*", (route) => {
      const r = route.request();
      if (isCloudWatch(r, "DescribeAlarms") || isCloudWatch(r, "DescribeAlarmHistory")) {
        const op = isCloudWatch(r, "DescribeAlarms") ? "DescribeAlarms" : "DescribeAlarmHistory";
        return route.fulfill({
          status: 400,
          headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-query-error": "AccessDenied;Sender", "x-amzn-requestid": "00000000-0000-4000-8000-000000000000", "access-control-allow-origin": "*", "access-control-expose-headers": "x-amzn-query-error, x-amzn-requestid" },
          body: JSON.stringify({ __type: "com.amazon.coral.service#AccessDeniedException", Message: `User: arn:aws:iam::123456789012:user/oncall is not authorized to perform: cloudwatch:${op}` }),
        });
      }
      return route.continue();
    });
    await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=2`);
    await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
    const denied = page.locator(".alarms-card .alarms-denied");
    await denied.waitFor();
    assert.match(await denied.textContent(), /cloudwatch:DescribeAlarms/);
    // Everything else works: the chart, the events, the monitors' links.
    assert.ok(await page.locator("svg .rollback").count() >= 1);
    assert.ok(await page.locator("li.event.ev-rollback").count() >= 1);
    assert.ok(await page.locator("li.monitor .alarm-link").count() >= 1);
    assert.equal(await page.locator("li.monitor .alarm-badge").count(), 0);
    await page.screenshot({ path: shot("e2e-alarms-denied.png"), fullPage: true });
    assert.deepEqual(realProblems(page), []);
    await page.close();
  } finally {
    await sim.stop();
  }
});
