// The overview stays within AWS's request rates (issue 12): 50 environments, 10 of them
// running, watched for 60 s through a fake AppConfig on loopback that counts every request.
//
// The bound, from the refresh rules (hooks/use_overview.rs): the first pass lists the one
// application (1), its environments page by page (3 pages of 20) and each environment's latest
// deployment (50); then a running row is listed again every 5 s after its last answer (at most
// 12 times a minute each: 120) and a settled row after 60 s (at most once more: 40). So at
// most 1 + 3 + 50 + 120 + 40 = 214 requests in the first minute, and never more than
// MAX_IN_FLIGHT (3) at once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, startSim } from "../helpers.mjs";

const N = 50;
const RUNNING = 10;
const BOUND = 214;
const FAKE = "http://127.0.0.1:9";

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

test(`50 environments for a minute: at most ${BOUND} requests, 3 at a time`, { timeout: 120_000 }, async () => {
  const page = await newPage(browser);
  const counts = { total: 0, list: 0, envs: 0, latest: 0, inflight: 0, max: 0 };
  const started = new Date(Date.now() - 60_000).toISOString();
  await page.route(`${FAKE}/**`, async (route) => {
    const url = new URL(route.request().url());
    counts.total += 1;
    counts.inflight += 1;
    counts.max = Math.max(counts.max, counts.inflight);
    await new Promise((r) => setTimeout(r, 40));
    counts.inflight -= 1;
    const parts = url.pathname.split("/").filter(Boolean);
    let body;
    if (parts.length === 1) {
      counts.list += 1;
      body = { Items: [{ Id: "big0001", Name: "big-app" }] };
    } else if (parts.length === 3) {
      counts.envs += 1;
      const page = Number(url.searchParams.get("next_token") || 0);
      const items = [];
      for (let i = page * 20; i < Math.min(N, page * 20 + 20); i++) items.push({ ApplicationId: "big0001", Id: `e${String(i).padStart(4, "0")}`, Name: `env-${i}`, State: "ReadyForDeployment" });
      body = { Items: items, ...(page * 20 + 20 < N ? { NextToken: String(page + 1) } : {}) };
    } else {
      counts.latest += 1;
      const i = Number(parts[3].slice(1));
      body = { Items: [{ DeploymentNumber: 1, ConfigurationName: "flags", ConfigurationVersion: "1", State: i < RUNNING ? "DEPLOYING" : "COMPLETE", PercentageComplete: i < RUNNING ? 40 : 100, StartedAt: started, GrowthType: "LINEAR", GrowthFactor: 20, DeploymentDurationInMinutes: 10, FinalBakeTimeInMinutes: 0 }] };
    }
    return route.fulfill({ status: 200, headers: { "content-type": "application/json", "access-control-allow-origin": "*", "x-amzn-requestid": "fake" }, body: JSON.stringify(body) });
  });
  await page.goto(`${sim.url}/?endpoint=${encodeURIComponent(FAKE)}`);
  await page.locator("details.conn-details").waitFor();
  await page.evaluate(() => { document.querySelector("details.conn-details").open = true; });
  await page.fill("#access-key-id", "AKIDFAKE");
  await page.fill("#secret-access-key", "fake-secret");
  const t0 = Date.now();
  await page.click("button.connect-button");
  await page.waitForFunction((n) => document.querySelectorAll(".ov-row[data-state]").length === n, N);
  const firstPass = Date.now() - t0;
  assert.equal(counts.list, 1);
  assert.equal(counts.envs, 3, "every page of environments, and no more");
  assert.equal(counts.latest, N, "one ListDeployments (MaxResults=1) per environment");
  const rows = await page.locator(".ov-row").evaluateAll((rs, n) => rs.slice(0, n).map((r) => r.dataset.state), RUNNING);
  assert.deepEqual(rows, Array(RUNNING).fill("DEPLOYING"), "running rows first");
  await page.waitForTimeout(60_000 - firstPass);
  console.log(`requests in 60 s: ${JSON.stringify(counts)} (first pass ${firstPass} ms)`);
  assert.ok(counts.total <= BOUND, `${counts.total} requests > ${BOUND}`);
  assert.ok(counts.latest >= N + RUNNING * 8, `running rows were refreshed (${counts.latest})`);
  assert.ok(counts.max <= 3, `at most 3 in flight, saw ${counts.max}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
