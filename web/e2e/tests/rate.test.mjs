// The overview stays within AWS's request rates (a tab left open must not get its user
// throttled): the simulator's 50 extra
// environments (`--extra-environments 50`: application ext0001, every tenth environment running,
// LINEAR 20% over 30 min from start-up, so still running for the whole minute at --speed 1),
// watched for 60 s; the simulator counts every API request it receives (`GET /_sim/requests`,
// loopback only) and the page's own request log counts how many were in flight at once.
//
// The bound, from the refresh rules (hooks/use_overview.rs), for N environments of which R run
// and P pages of environments (50 a page): the first pass lists the applications (1 page here),
// the application's environments (P) and each environment's latest deployment (N); then a
// running row is listed again every 5 s after its last answer (at most 12 times a minute each)
// and a settled row after 60 s (at most once more). For the simulator's layout (N = 50, R = 5,
// P = 1, or 2 if the simulator hands a NextToken after a full page) that is at most
// 1 + 2 + 50 + 60 + 45 = 158 requests in the first minute, under the README's 214 for
// 10 running rows of 50, and never more than MAX_IN_FLIGHT (3) at once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, post, startSim } from "../helpers.mjs";

const N = 50;
const RUNNING = 5; // x000001, x000011, … x000041
const PAGES = 2;
const BOUND = 1 + PAGES + N + RUNNING * 12 + (N - RUNNING);
const README_BOUND = 214;

let sim;
let browser;
before(async () => {
  sim = await startSim({ speed: 1, extra: ["--extra-environments", String(N)] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

async function simCounts() {
  const r = await fetch(`${sim.url}/_sim/requests`);
  assert.equal(r.status, 200, "GET /_sim/requests from loopback");
  return r.json();
}

test(`50 environments for a minute: at most ${BOUND} requests (README: ${README_BOUND}), 3 at a time`, { timeout: 150_000 }, async () => {
  assert.ok(BOUND <= README_BOUND);
  const page = await newPage(browser);
  // In flight, seen from the page: every AWS API request (the simulator's own origin, outside /_sim).
  const seen = { total: 0, inflight: 0, max: 0 };
  const api = (req) => {
    const u = new URL(req.url());
    return u.origin === sim.url && u.pathname.startsWith("/applications") && req.method() !== "OPTIONS";
  };
  page.on("request", (req) => {
    if (!api(req)) return;
    seen.total += 1;
    seen.inflight += 1;
    seen.max = Math.max(seen.max, seen.inflight);
  });
  const done = (req) => { if (api(req)) seen.inflight -= 1; };
  page.on("requestfinished", done);
  page.on("requestfailed", done);

  // Count from a clean slate: the page fills in the simulator's demo keys from /_sim/info and
  // starts the overview at once.
  const reset = await post(`${sim.url}/_sim/requests/reset`, {});
  assert.equal(reset.status, 200, `reset: ${reset.body}`);
  assert.equal(JSON.parse(reset.body).total, 0, "the counter starts from zero");
  const t0 = Date.now();
  await page.goto(`${sim.url}/?app=ext0001`);
  await page.waitForFunction((n) => document.querySelectorAll(".ov-row[data-state]").length === n, N);
  const firstPass = Date.now() - t0;
  const first = await simCounts();
  const ops = first.operations;
  assert.equal(ops.ListApplications, 1, `one page of applications: ${JSON.stringify(ops)}`);
  assert.ok(ops.ListEnvironments >= 1 && ops.ListEnvironments <= PAGES, `every page of environments, and no more: ${JSON.stringify(ops)}`);
  assert.ok(ops.ListDeployments >= N && ops.ListDeployments <= N + RUNNING, `one ListDeployments (MaxResults=1) per environment: ${JSON.stringify(ops)}`);
  const rows = await page.locator(".ov-row").evaluateAll((rs, n) => rs.slice(0, n).map((r) => r.dataset.state), RUNNING);
  assert.deepEqual(rows, Array(RUNNING).fill("DEPLOYING"), "running rows first");

  await page.waitForTimeout(60_000 - firstPass);
  const minute = await simCounts();
  console.log(`requests in 60 s at the simulator: ${JSON.stringify(minute)}; seen by the page: ${JSON.stringify(seen)} (first pass ${firstPass} ms)`);
  assert.ok(minute.total <= BOUND, `${minute.total} requests > ${BOUND}`);
  assert.ok(minute.operations.ListDeployments >= N + RUNNING * 8, `running rows were refreshed (${minute.operations.ListDeployments})`);
  assert.ok(seen.max <= 3, `at most 3 in flight, saw ${seen.max}`);
  // Both counters agree (give or take a request sent in the last instant).
  assert.ok(Math.abs(seen.total - minute.total) <= 3, `the page sent ${seen.total}, the simulator counted ${minute.total}`);
  assert.equal(minute.operations.UnknownOperation ?? 0, 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});
