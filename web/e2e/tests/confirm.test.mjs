// A confirmation means exactly what it said: a Stop dialog left open while the deployment moves
// on (to BAKING, or straight to COMPLETE without a bake) closes and says why; it never comes
// back by itself as an armed Revert, and a click where its button was sends nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { launch, newPage, shot, startSim } from "../helpers.mjs";

const AKID = "AKIDAPPCONFIGSIMDEMO";
const SECRET = "appconfig-sim-demo-secret-key";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A JSON request signed with the simulator's demo key (SigV4, us-east-1, appconfig). */
async function signed(method, url, body) {
  const u = new URL(url);
  const sha = (s) => createHash("sha256").update(s).digest("hex");
  const hmac = (k, s) => createHmac("sha256", k).update(s).digest();
  const amz = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const scope = `${amz.slice(0, 8)}/us-east-1/appconfig/aws4_request`;
  const headers = { "content-type": "application/json", host: u.host, "x-amz-date": amz };
  const names = Object.keys(headers).sort();
  const canonical = [method, u.pathname, "", names.map((n) => `${n}:${headers[n]}\n`).join(""), names.join(";"), sha(body)].join("\n");
  const key = ["us-east-1", "appconfig", "aws4_request"].reduce(hmac, hmac(`AWS4${SECRET}`, amz.slice(0, 8)));
  const signature = createHmac("sha256", key).update(`AWS4-HMAC-SHA256\n${amz}\n${scope}\n${sha(canonical)}`).digest("hex");
  delete headers.host;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  const r = await fetch(url, { method, headers, body });
  return { status: r.status, json: await r.json() };
}

// fast001: 50% steps over 1 min, 1 min bake (6 s each at --speed 10). 1225qzk: 25% steps over
// 15 min, no bake (15 s at --speed 60): COMPLETE comes straight after DEPLOYING.
test("a Stop that failed, left open while the deployment moves on, closes without saying nothing was sent", async () => {
  const sim = await startSim({ speed: 10 });
  const page = await newPage(browser);
  // AppConfig refuses the stop (a 400 is not retried); the deployment runs on.
  await page.route(/\/deployments\/\d+$/, (route) => (route.request().method() === "DELETE"
    ? route.fulfill({
      status: 400,
      headers: { "content-type": "application/json", "x-amzn-errortype": "BadRequestException", "x-amzn-requestid": "00000000-0000-4000-8000-000000000002", "access-control-allow-origin": "*", "access-control-expose-headers": "x-amzn-errortype, x-amzn-requestid" },
      body: JSON.stringify({ Message: "The deployment cannot be stopped now" }),
    })
    : route.continue()));
  try {
    const started = await signed("POST", `${sim.url}/applications/web0001/environments/dev0001/deployments`,
      JSON.stringify({ DeploymentStrategyId: "fast001", ConfigurationProfileId: "wcfg001", ConfigurationVersion: "7" }));
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const n = started.json.DeploymentNumber;
    await page.goto(`${sim.url}/?app=web0001&env=dev0001&deployment=${n}`);
    await page.locator("button.action-stop").click({ timeout: 20_000 });
    await page.waitForFunction(() => !document.querySelector("button.confirm-action")?.disabled);
    await page.locator("button.confirm-action").click();
    await page.locator('[role="alertdialog"] .error-panel').waitFor({ timeout: 10_000 });
    await page.locator('.badge:not([data-state="DEPLOYING"])').waitFor({ timeout: 60_000 });
    const note = await page.locator(".dep-actions").textContent({ timeout: 5_000 });
    assert.match(note, new RegExp(`Stop deployment #${n}\\? closed after the request failed: deployment #${n} is now [A-Z_]+`));
    assert.doesNotMatch(note, /nothing sent/);
    assert.deepEqual(page.problems.filter((p) => !/400/.test(p)), []);
  } finally {
    await page.close();
    await sim.stop();
  }
});

for (const { strategy, speed, next } of [
  { strategy: "fast001", speed: 10, next: "BAKING" },
  { strategy: "1225qzk", speed: 60, next: "COMPLETE" },
]) {
  test(`a Stop dialog left open when the deployment moves on to ${next} closes, says why, and never comes back as a Revert`, async () => {
    const sim = await startSim({ speed });
    const page = await newPage(browser);
    const deletes = [];
    page.on("request", (r) => { if (r.method() === "DELETE") deletes.push(r.url()); });
    try {
      const started = await signed("POST", `${sim.url}/applications/web0001/environments/dev0001/deployments`,
        JSON.stringify({ DeploymentStrategyId: strategy, ConfigurationProfileId: "wcfg001", ConfigurationVersion: "7" }));
      assert.equal(started.status, 201, JSON.stringify(started.json));
      const n = started.json.DeploymentNumber;
      await page.goto(`${sim.url}/?app=web0001&env=dev0001&deployment=${n}`);
      await page.locator("button.action-stop").click({ timeout: 20_000 });
      const dialog = page.locator('[role="alertdialog"]');
      assert.match(await dialog.textContent(), new RegExp(`Stop deployment #${n}\\?`));
      const confirm = dialog.locator("button.confirm-action");
      await page.waitForFunction(() => !document.querySelector("button.confirm-action")?.disabled);
      const where = await confirm.boundingBox();
      // Left open while the deployment moves on.
      await page.locator('.badge:not([data-state="DEPLOYING"])').waitFor({ timeout: 60_000 });
      // At COMPLETE, Revert is on offer: the old dialog must not come back as one, armed or not.
      await page.locator('.badge[data-state="COMPLETE"]').waitFor({ timeout: 60_000 });
      await page.locator("button.action-revert").waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1_500);
      const reopened = await dialog.count();
      // One click where the armed button was must send nothing.
      await page.mouse.click(where.x + where.width / 2, where.y + where.height / 2);
      await page.waitForTimeout(1_000);
      assert.deepEqual(deletes, [], "nothing was stopped or reverted");
      assert.equal(reopened, 0, "no dialog reopened by itself");
      // It says why, where its button was.
      const note = await page.locator(".dep-actions").textContent({ timeout: 5_000 });
      assert.match(note, new RegExp(`Stop deployment #${n}\\? closed, nothing sent: deployment #${n} is now (BAKING|COMPLETE)`));
      await page.screenshot({ path: shot(`e2e-confirm-closed-${next.toLowerCase()}.png`) });
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
      await sim.stop();
    }
  });
}
