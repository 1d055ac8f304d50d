// The on-call view (the dashboard README's "Behaviour"): the overview, stop and revert behind a confirmation, the alarm
// behind a rollback, and a tab title that tells the state.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, shot, startSim } from "../helpers.mjs";

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

const row = (page, env) => page.locator(`.ov-row[data-env="${env}"]`);
const stops = (page) => {
  const seen = [];
  page.on("request", (r) => { if (r.method() === "DELETE") seen.push(r.url()); });
  return seen;
};

test("the home page lists every environment, running first, with every seeded state", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await page.locator(".ov-row").first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll(".ov-row")].every((r) => r.dataset.state));
  const rows = await page.locator(".ov-row").evaluateAll((rs) => rs.map((r) => [r.dataset.env, r.dataset.state]));
  assert.equal(rows.length, 4, JSON.stringify(rows));
  assert.equal(rows[0][0], "stg0001", "the running row comes first");
  assert.match(rows[0][1], /DEPLOYING|BAKING/);
  assert.deepEqual(rows.slice(1).map((r) => r[1]), ["COMPLETE", "COMPLETE", "COMPLETE"]);
  const staging = row(page, "stg0001");
  assert.match(await staging.textContent(), /payments-service\s*staging/);
  assert.match(await staging.locator(".ov-config").textContent(), /payments-feature-flags v\d+/);
  assert.match(await staging.locator(".ov-strategy").textContent(), /Linear, 20%/);
  assert.match(await staging.locator(".ov-started time").getAttribute("title"), /Z UTC$/);
  assert.match(await row(page, "prd0001").locator(".ov-config").textContent(), /v2\.4\.0/);
  await page.screenshot({ path: shot("e2e-overview.png") });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the staging row advances live to COMPLETE (or to the next deployment)", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  const staging = row(page, "stg0001");
  await staging.waitFor();
  const first = await staging.locator(".ov-number").textContent();
  const pct = async () => staging.locator(".ov-pct").textContent();
  const start = await pct();
  await page.waitForFunction(([n, p]) => {
    const r = document.querySelector('.ov-row[data-env="stg0001"]');
    return r && (r.dataset.state === "COMPLETE" || r.querySelector(".ov-number").textContent !== n || r.querySelector(".ov-pct")?.textContent !== p);
  }, [first, start], { timeout: 30_000 });
  await page.waitForFunction((n) => {
    const r = document.querySelector('.ov-row[data-env="stg0001"]');
    return r && (r.dataset.state === "COMPLETE" || r.querySelector(".ov-number").textContent !== n);
  }, first, { timeout: 90_000 });
  await page.close();
});

test("the filter narrows the rows and ?app= shows one application", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await page.locator(".ov-row").first().waitFor();
  await page.fill("#overview-filter", "product");
  await page.waitForFunction(() => document.querySelectorAll(".ov-row").length === 1);
  assert.equal(await page.locator(".ov-row").getAttribute("data-env"), "prd0001");
  await page.fill("#overview-filter", "deploying");
  await page.waitForFunction(() => [...document.querySelectorAll(".ov-row")].every((r) => r.dataset.env === "stg0001"));
  await page.goto(`${sim.url}/?app=pay0001`);
  await page.locator("#overview-title", { hasText: "Environments of pay0001" }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".ov-row").length === 2);
  assert.deepEqual((await page.locator(".ov-row").evaluateAll((rs) => rs.map((r) => r.dataset.app))), ["pay0001", "pay0001"]);
  await page.close();
});

test("opening staging from the overview, stopping it behind a confirmation, and watching it roll back", async () => {
  const page = await newPage(browser);
  const deletes = stops(page);
  await page.goto(`${sim.url}/`);
  // The simulator starts staging's next deployment when one ends: open it while it deploys.
  await page.locator('.ov-row[data-env="stg0001"][data-state="DEPLOYING"]').waitFor({ timeout: 90_000 });
  await row(page, "stg0001").locator("a.ov-env").click();
  await page.locator("#deployment-title", { hasText: "stg0001" }).waitFor();
  await page.waitForFunction(() => /^▶ \d+(\.\d+)?% · pay0001\/stg0001 #\d+ DEPLOYING$/.test(document.title));
  // Enter on arrival does nothing; the Stop button appears while DEPLOYING.
  await page.keyboard.press("Enter");
  const stop = page.locator("button.action-stop");
  await stop.waitFor({ timeout: 90_000 });
  assert.equal(await page.locator('[role="alertdialog"]').count(), 0);
  await stop.click();
  const dialog = page.locator('[role="alertdialog"]');
  await dialog.waitFor();
  // The environment by name and id (AWS names can repeat).
  assert.match(await dialog.textContent(), /pay0001 \/ staging \(stg0001\), deployment #\d+.*rolls it back/s);
  // Focus lands on Cancel: Enter cancels.
  await page.waitForFunction(() => document.activeElement?.textContent === "Cancel");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "detached" });
  // A second click at once (a double click) passes nothing: the button is not armed yet.
  await stop.click();
  const confirm = page.locator('[role="alertdialog"] button.confirm-action');
  assert.ok(await confirm.isDisabled());
  await confirm.click({ force: true });
  assert.deepEqual(deletes, [], "nothing was sent by one click or by Enter");
  // The deliberate way: wait for the button to arm, click it.
  await page.waitForFunction(() => !document.querySelector("button.confirm-action").disabled);
  await page.screenshot({ path: shot("e2e-stop-dialog.png") });
  await page.locator("button.confirm-action").click();
  await page.locator('[role="status"]', { hasText: /Rolling back|Rolled back/ }).waitFor({ timeout: 20_000 });
  assert.equal(deletes.length, 1);
  await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor({ timeout: 60_000 });
  assert.match(await page.title(), /^↺ Rolled back · pay0001\/stg0001 #\d+ ROLLED_BACK$/);
  assert.equal(await page.locator('link[rel~="icon"]').getAttribute("data-colour"), "#cf222e");
  assert.match(await page.locator(".banner.rollback").textContent(), /Rolled back by a user/i);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("production's rollback names the alarm that caused it, linked to its CloudWatch page", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await row(page, "prd0001").locator("a.ov-env").click();
  await page.locator("#deployment-title", { hasText: "prd0001" }).waitFor();
  // The rollback is #2, not the latest: find it in the environment's deployments (Browse… opens
  // with the application and environment already picked), as a user would, typing no id.
  await page.click("text=Browse…");
  const rollback = page.locator(".deployment-pick", { hasText: "Rolled back" });
  await rollback.first().waitFor();
  assert.equal(await rollback.first().getAttribute("data-deployment"), "2");
  await rollback.first().click();
  await page.locator("#deployment-title", { hasText: "prd0001" }).waitFor();
  await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
  assert.match(new URL(page.url()).search, /deployment=2/);
  const monitor = page.locator(".monitor.triggered");
  await monitor.waitFor();
  assert.match(await monitor.textContent(), /payments-5xx-errors.*Triggered the rollback/s);
  const href = await monitor.locator("a.alarm-link").getAttribute("href");
  assert.equal(href, "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/payments%2D5xx%2Derrors");
  assert.match(await page.locator(".banner.rollback").textContent(), /payments-5xx-errors/);
  await page.screenshot({ path: shot("e2e-alarm.png"), fullPage: true });
  // Wide: the events sit under the alarms, beside the details (not under the long details list).
  const box = (sel) => page.locator(sel).boundingBox();
  const [details, alarms, events] = [await box('[aria-labelledby="details-title"]'), await box(".alarms-card"), await box('[aria-labelledby="events-title"]')];
  assert.ok(events.x === alarms.x && events.y > alarms.y && events.x > details.x, JSON.stringify({ details, alarms, events }));
  // At 360 px, one column: the alarm first, before the details.
  await page.setViewportSize({ width: 360, height: 780 });
  const [d2, a2] = [await box('[aria-labelledby="details-title"]'), await box(".alarms-card")];
  assert.ok(a2.y < d2.y, `alarms at y=${a2.y}, details at y=${d2.y}`);
  await page.close();
});

test("reverting production's latest (complete, under 72 h) deployment", async () => {
  const page = await newPage(browser);
  const deletes = stops(page);
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=4`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  const revert = page.locator("button.action-revert");
  await revert.waitFor();
  await revert.click();
  const dialog = page.locator('[role="alertdialog"]');
  assert.match(await dialog.textContent(), /Revert deployment #4\?.*production.*configuration it had before this deployment/s);
  await page.waitForFunction(() => !document.querySelector("button.confirm-action").disabled);
  await dialog.locator("button.confirm-action").click();
  await page.locator('[role="status"]', { hasText: "Reverted" }).waitFor({ timeout: 20_000 });
  assert.equal(deletes.length, 1);
  assert.match(await page.title(), /^⤺ Reverted · pay0001\/prd0001 #4 REVERTED$/);
  // An older one is not offered.
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=3`);
  await page.locator('[role="status"] .badge').waitFor();
  await page.waitForTimeout(800);
  assert.equal(await page.locator("button.action-revert").count(), 0);
  await page.close();
});

test("embed mode hides the actions, and a link cannot turn them on (only the portal's message can)", async () => {
  const page = await newPage(browser);
  for (const extra of ["", "&actions=1"]) {
    await page.goto(`${sim.url}/?app=web0001&env=dev0001&deployment=60&embed=1${extra}`);
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
    await page.waitForTimeout(800);
    assert.equal(await page.locator(".dep-actions button").count(), 0, extra);
  }
  await page.close();
});
