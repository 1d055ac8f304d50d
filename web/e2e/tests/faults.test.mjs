// The fault matrix against the dashboard (every failure ends in bounded time with a clear
// error, never a hang): the page is served through a proxy that
// breaks the AWS API requests the way networks, proxies and servers do (fault-proxy.mjs). Each
// fault ends in bounded time with the right error, or with the right data after a retry; while
// a live deployment is shown, a failing refresh keeps the last good data on screen under a
// banner that says what is wrong and that it is trying again, and the page recovers by itself.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, shot, startSim } from "../helpers.mjs";
import { awsError, startFaultProxy } from "../fault-proxy.mjs";

// The live staging deployment (12 minutes at --speed 1: it stays live for this whole file).
const LIVE = "?app=pay0001&env=stg0001&deployment=2";
const GET_DEPLOYMENT = "/environments/stg0001/deployments/2";
// Per-attempt timeout (api.rs: 15 s) and attempts (3): the longest any call may take is
// 3 × 15 s plus the standard retry mode's delays.
const CALL_BOUND_MS = 60_000;

let sim;
let proxy;
let browser;
before(async () => {
  sim = await startSim({ speed: 1 });
  proxy = await startFaultProxy(sim.url);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await proxy?.stop();
  await sim?.stop();
});

// The browser logs failed loads and refused connections as console errors: those are the faults.
const expected = (p) => /status of (403|429|500)|Failed to load resource|ERR_CONNECTION|ERR_EMPTY|net::/.test(p);

async function openLive() {
  proxy.clear();
  const page = await newPage(browser);
  await page.goto(`${proxy.url}/${LIVE}`);
  await page.locator("dl.details").waitFor({ timeout: 20_000 });
  await page.locator(".live-dot:not(.stale)").waitFor();
  return page;
}

/** The deployment shown is the live staging one, with no error. */
async function showsGoodData(page) {
  assert.match(await page.locator("dl.details").textContent(), /stg0001|staging/);
  assert.equal(await page.locator(".error-panel").count(), 0, "no error panel");
}

/**
 * With good data on screen, breaks every API request with `fault` and waits for the banner of
 * `kind`; checks that the last good data stays and that the page recovers once the fault ends.
 */
async function bannerCase(page, { fault, kind, text, apply, undo }) {
  // What identifies the deployment shown (relative times in the details move on by themselves).
  const shown = () => page.locator("dl.details").evaluate((dl) => [...dl.querySelectorAll(".row")]
    .map((r) => r.textContent).filter((t) => /^(Application|Environment|Deployment number|Configuration version)/.test(t)).join(" | "));
  const before = await shown();
  assert.match(before, /stg0001/);
  const t0 = Date.now();
  if (apply) await apply(); else proxy.set(fault);
  let took;
  try {
    const banner = page.locator(`.error-panel[data-kind="${kind}"]`);
    await banner.waitFor({ timeout: CALL_BOUND_MS });
    took = Date.now() - t0;
    const said = await banner.textContent();
    if (text) assert.match(said, text);
    assert.match(said, /Showing the last good data\. Trying again/, "the banner says the data is the last good one");
    assert.equal(await page.locator(".live-dot.stale").textContent(), "Reconnecting");
    assert.equal(await shown(), before, "the last good data stays on screen");
  } finally {
    if (undo) await undo(); else proxy.clear();
  }
  await page.locator(".error-panel").waitFor({ state: "detached", timeout: 45_000 });
  await page.locator(".live-dot:not(.stale)").waitFor();
  await showsGoodData(page);
  return took;
}

test("fault matrix: a failing refresh keeps the last good data under a banner, then recovers", { timeout: 600_000 }, async () => {
  const page = await openLive();
  const took = {};

  took.refused = await bannerCase(page, {
    kind: "simulator-down",
    text: /does not answer/,
    apply: () => proxy.refuse(),
    undo: () => proxy.accept(),
  });

  took.reset = await bannerCase(page, {
    fault: function resetMidBody({ res }) {
      res.writeHead(200, { "content-type": "application/json", "content-length": "4000" });
      res.write('{"ApplicationId":"pay0001","Description":"cut');
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
    },
    kind: "simulator-down",
    text: /does not answer/,
  });

  took.error500 = await bannerCase(page, {
    fault: awsError(500, "InternalServerException", "fault matrix: the service failed"),
    kind: "service",
    text: /InternalServerException \(HTTP 500\)[\s\S]*tries again by itself/,
  });

  took.throttled = await bannerCase(page, {
    fault: awsError(429, "ThrottlingException", "Rate exceeded", { "retry-after": "1" }),
    kind: "throttled",
    text: /throttling/,
  });

  took.html = await bannerCase(page, {
    fault: function proxyLoginPage({ res }) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html><head><title>Sign in</title></head><body><form>Corporate proxy: sign in</form></body></html>");
    },
    kind: "malformed",
    text: /not an AppConfig response/,
  });

  took.invalidUtf8 = await bannerCase(page, {
    fault: function invalidUtf8({ forward }) {
      forward((r) => ({ ...r, body: Buffer.concat([Buffer.from('{"Note":"'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('",'), r.body.subarray(1)]) }));
    },
    kind: "malformed",
    text: /not UTF-8/,
  });

  took.duplicateKeys = await bannerCase(page, {
    fault: function duplicateKeys({ forward }) {
      forward((r) => (r.status === 200 ? { ...r, body: Buffer.concat([Buffer.from('{"State":"COMPLETE",'), r.body.subarray(1)]) } : r));
    },
    kind: "malformed",
    text: /duplicate field `State`/,
  });

  // The local clock 20 minutes fast: the simulator (like AWS) refuses the signatures, and the
  // client does not correct by more than 15 minutes, so the banner says the clock is off.
  took.clock20min = await bannerCase(page, {
    kind: "clock-skew",
    text: /clock is off by about 20 min/,
    apply: () => page.evaluate(() => {
      window.__realNow = Date.now;
      Date.now = () => window.__realNow() + 20 * 60_000;
    }),
    undo: () => page.evaluate(() => { Date.now = window.__realNow; }),
  });

  console.log(`fault matrix, ms from the fault to its banner: ${JSON.stringify(took)}`);
  for (const [name, ms] of Object.entries(took)) assert.ok(ms < CALL_BOUND_MS, `${name}: ${ms} ms`);
  await page.screenshot({ path: shot("e2e-fault-banner.png") });
  assert.deepEqual(page.problems.filter((p) => !expected(p)), []);
  await page.close();
});

/** Opens the live deployment with `fault` on the first `times` matching API requests. */
async function retryCase(fault, { times, path = "", within }) {
  const page = await newPage(browser);
  const start = proxy.log.length;
  proxy.set(fault, { times, path });
  const t0 = Date.now();
  await page.goto(`${proxy.url}/${LIVE}`);
  await page.locator("dl.details").waitFor({ timeout: within });
  const took = Date.now() - t0;
  await showsGoodData(page);
  const seen = proxy.log.slice(start);
  const hits = seen.filter((l) => l.fault);
  proxy.clear();
  // How long the client waited after the last broken answer before asking again.
  const last = hits.at(-1);
  const retry = last && seen.find((l) => l.at >= last.at && l !== last && l.path === last.path);
  return { page, took, hits, waited: retry ? retry.at - last.at : null };
}

test("500s, then the right data after the client's retries", async () => {
  const { page, hits, took } = await retryCase(awsError(500, "InternalServerException", "once"), { times: 2, path: GET_DEPLOYMENT, within: 20_000 });
  assert.equal(hits.length, 2, "two answers were 500s");
  console.log(`two 500s then data: ${took} ms`);
  assert.deepEqual(page.problems.filter((p) => !expected(p)), []);
  await page.close();
});

test("429 with Retry-After, then the right data", async () => {
  const { page, hits, waited } = await retryCase(awsError(429, "ThrottlingException", "Rate exceeded", { "retry-after": "1" }), { times: 1, path: GET_DEPLOYMENT, within: 20_000 });
  assert.equal(hits.length, 1);
  assert.ok(waited >= 950, `the retry waited for Retry-After (1 s): ${waited} ms`);
  await page.close();
});

test("429 without Retry-After, then the right data", async () => {
  const { page, hits } = await retryCase(awsError(429, "ThrottlingException", "Rate exceeded"), { times: 1, path: GET_DEPLOYMENT, within: 20_000 });
  assert.equal(hits.length, 1);
  await page.close();
});

test("a 30 s stall: the attempt times out after 15 s and the retry brings the data", { timeout: 90_000 }, async () => {
  const stall = function stall30s({ forward }) { setTimeout(() => forward(), 30_000); };
  const { page, took, hits } = await retryCase(stall, { times: 1, path: GET_DEPLOYMENT, within: 40_000 });
  assert.equal(hits.length, 1);
  assert.ok(took >= 14_000 && took < 30_000, `data after the per-attempt timeout, before the stall ended: ${took} ms`);
  await page.close();
});

test("a 10 MB body is read and shown", { timeout: 60_000 }, async () => {
  const big = function tenMegabytes({ forward }) {
    forward((r) => ({ ...r, body: Buffer.concat([Buffer.from(`{"Padding":"${"x".repeat(10 * 1024 * 1024)}",`), r.body.subarray(1)]) }));
  };
  const { page, took } = await retryCase(big, { times: Infinity, path: GET_DEPLOYMENT, within: 30_000 });
  console.log(`10 MB GetDeployment shown in ${took} ms`);
  await page.close();
});

test("a Date header a year off is not taken as the time", async () => {
  const yearOff = function dateAYearOff({ forward }) {
    forward((r) => ({ ...r, headers: { ...r.headers, date: new Date(Date.now() + 365 * 86_400_000).toUTCString() } }));
  };
  const { page } = await retryCase(yearOff, { times: Infinity, within: 20_000 });
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('[data-kind="clock-corrected"]').count(), 0, "no clock correction from a Date on a good answer");
  assert.match(await page.locator("dl.details").textContent(), /2026|20\d\d/);
  await page.close();
});
