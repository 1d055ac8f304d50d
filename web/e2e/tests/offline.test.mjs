// Offline paste mode, and what happens when the simulator goes away.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launch, newPage, shot, startSim } from "../helpers.mjs";

const CLI_JSON = readFileSync(join(ROOT, "crates/appconfig-dashboard/tests/fixtures/botocore.json"), "utf8");
const SDK_JSON = readFileSync(join(ROOT, "crates/appconfig-dashboard/tests/fixtures/rollback.json"), "utf8");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("pasting CLI JSON renders it without any request; bad JSON is explained beside the box", async () => {
  const sim = await startSim({ speed: 60 });
  try {
    const page = await newPage(browser);
    await page.goto(`${sim.url}/`);
    await page.locator("h2", { hasText: "See an AppConfig deployment" }).waitFor();
    const calls = [];
    page.on("request", (r) => calls.push(r.url()));
    await page.locator("details.paste-details > summary").click();
    await page.fill("#paste-json", '{"State": "COMPLETE", "EventLog": [');
    await page.click("text=Show pasted deployment");
    const err = page.locator('#paste-error[data-kind="bad-json"]');
    await err.waitFor();
    assert.match(await err.textContent(), /truncated JSON/);
    await page.fill("#paste-json", '{"PercentageComplete": "lots"}');
    await page.click("text=Show pasted deployment");
    await page.locator("#paste-error", { hasText: "PercentageComplete" }).waitFor();

    await page.fill("#paste-json", CLI_JSON);
    await page.click("text=Show pasted deployment");
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
    assert.equal(await page.locator('ol[aria-label="Event timeline"] > li').count(), 7);
    assert.ok(await page.getByText("Showing pasted JSON").isVisible());
    // SDK output with $metadata works too.
    await page.fill("#paste-json", SDK_JSON);
    await page.click("text=Show pasted deployment");
    await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
    assert.equal(await page.locator("li.invocation.failed").count(), 1);
    // Dropping a saved .json file works the same way.
    const dataTransfer = await page.evaluateHandle((json) => {
      const dt = new DataTransfer();
      dt.items.add(new File([json], "deployment.json", { type: "application/json" }));
      return dt;
    }, CLI_JSON);
    await page.dispatchEvent("form.paste", "drop", { dataTransfer });
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
    assert.equal(await page.locator('ol[aria-label="Event timeline"] > li').count(), 7);
    assert.deepEqual(calls.filter((u) => u.includes("/applications/")), [], "paste mode must not call AppConfig");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await sim.stop();
  }
});

test("when the simulator stops, the page says so and how to fix it", async () => {
  const sim = await startSim({ speed: 60 });
  const page = await newPage(browser);
  try {
    await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  } finally {
    await sim.stop();
  }
  await page.click("text=Refresh now");
  const panel = page.locator('.error-panel[data-kind="simulator-down"]');
  await panel.waitFor({ timeout: 20_000 });
  const text = await panel.textContent();
  assert.match(text, /does not answer/);
  assert.match(text, /appconfig-sim/);
  // Commands are set as code, not left as Markdown backquotes.
  assert.ok(!text.includes("`"), text);
  assert.deepEqual(await panel.locator(".error-advice code").allTextContents(), ["appconfig-sim --port 4000", "cargo xtask demo", "appconfig-gateway proxy"]);
  // The last good data stays on screen.
  assert.ok(await page.locator('[role="status"]', { hasText: "Complete" }).isVisible());
  await page.fill("#find-deployment", "2");
  await page.click('button[type="submit"]');
  await page.locator('.error-panel[data-kind="simulator-down"]').first().waitFor();
  await page.screenshot({ path: shot("e2e-simulator-down.png") });
  assert.deepEqual(page.problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/.test(p)), []);
  await page.close();
});
