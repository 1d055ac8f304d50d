// "What changed" on the deployment page (the dashboard README's "Behaviour"): opened by the
// user, it finds the version live before the deployment, reads both hosted versions and shows
// the core's diff, per content type, on the simulator's seeded deployments; configurations
// outside the hosted store say where they live; AccessDenied names the IAM action; a 2 MB JSON
// version is compared without freezing the page; content never reaches storage or the URL; the
// comparison runs in its own wasm module, fetched at the first opening only.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, shot, startSim } from "../helpers.mjs";

let sim;
let browser;
before(async () => {
  // Slow enough that the staging deployment is still running during the file.
  sim = await startSim({ speed: 5 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

const HOSTED = /\/configurationprofiles\/[^/]+\/hostedconfigurationversions\/\d+$/;

/** Opens a deployment, opens the panel, waits for it to settle; returns the panel's body. */
async function openPanel(page, query) {
  await page.goto(`${sim.url}/?${query}`);
  await page.locator(".what-toggle").click();
  const body = page.locator("#what-body");
  await page.locator('#what-body:not([data-step="busy"])').waitFor({ timeout: 20_000 });
  return body;
}

/** Everything the page keeps: its storage and URL, which must never hold configuration content. */
const kept = (page) => page.evaluate(() => JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage }, u: location.href }));

test("flags: the running staging deployment says which flags it turns on", async () => {
  const page = await newPage(browser);
  const hosted = [];
  const module = [];
  page.on("request", (r) => { if (HOSTED.test(new URL(r.url()).pathname)) hosted.push(r.url()); });
  page.on("request", (r) => { if (/\/appconfig-compare-[0-9a-f]+\.wasm$/.test(new URL(r.url()).pathname)) module.push(r.url()); });
  await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
  await page.locator("dl.details").waitFor();
  assert.equal(hosted.length, 0, "nothing is read before the user opens the panel");
  assert.equal(module.length, 0, "the comparison module is not loaded with the page");
  await page.locator(".what-toggle").click();
  await page.locator('#what-body[data-step="done"]').waitFor({ timeout: 20_000 });
  const body = page.locator("#what-body");
  assert.match(await body.locator(".what-against").textContent(), /against version \S+, live before it \(deployment #1\)/);
  const on = await body.locator(".what-flag.on .what-flag-line").allTextContents();
  assert.ok(on.some((t) => /^checkout-v2: off → on/.test(t)), `a flag turned on: ${JSON.stringify(on)}`);
  assert.equal(hosted.length, 2, `both versions read once: ${hosted.join(" ")}`);
  const storage = await kept(page);
  for (const t of on) assert.ok(!storage.includes(t.split(":")[0]), `flag name ${t} not kept in storage or URL`);
  await page.screenshot({ path: shot("e2e-what-changed-flags.png"), fullPage: true });
  // Closing drops it; opening again compares again.
  await page.locator(".what-toggle").click();
  assert.equal(await page.locator("#what-body").count(), 0);
  await page.locator(".what-toggle").click();
  await page.locator('#what-body[data-step="done"]').waitFor();
  assert.equal(hosted.length, 4, "a new opening reads again");
  assert.equal(module.length, 1, `the comparison module loaded once, at the first opening: ${module.join(" ")}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("non-hosted: the botocore example's SSM parameter says where it lives and why no diff is shown", async () => {
  const page = await newPage(browser);
  const hosted = [];
  page.on("request", (r) => { if (/configurationprofiles/.test(r.url())) hosted.push(r.url()); });
  const body = await openPanel(page, "app=339ohji&env=54j1r29&deployment=1");
  assert.equal(await body.getAttribute("data-step"), "elsewhere");
  const text = await body.textContent();
  assert.match(text, /ssm-parameter:\/\/Example-Parameter/);
  assert.match(text, /Systems Manager parameter/);
  assert.match(text, /no diff is shown/);
  assert.deepEqual(hosted, [], "no profile or hosted read for a configuration outside the hosted store");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("AccessDenied on GetHostedConfigurationVersion names the missing IAM action", async () => {
  const page = await newPage(browser);
  await page.route(HOSTED, (route) => route.fulfill({
    status: 403,
    headers: { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException", "x-amzn-requestid": "00000000-0000-4000-8000-000000000001", "access-control-allow-origin": "*", "access-control-expose-headers": "x-amzn-errortype, x-amzn-requestid" },
    body: JSON.stringify({ Message: "User: arn:aws:iam::123456789012:user/oncall is not authorized to perform: appconfig:GetHostedConfigurationVersion" }),
  }));
  const body = await openPanel(page, "app=pay0001&env=stg0001&deployment=2");
  assert.equal(await body.getAttribute("data-step"), "failed");
  const panel = body.locator('.error-panel[data-kind="access-denied"]');
  assert.match(await panel.locator(".error-advice").textContent(), /appconfig:GetHostedConfigurationVersion/);
  // The rest of the page works.
  assert.ok(await page.locator("li.event").count() >= 1);
  await page.screenshot({ path: shot("e2e-what-changed-denied.png"), fullPage: true });
  assert.deepEqual(page.problems.filter((p) => !/403/.test(p)), []);
  await page.close();
});

for (const [what, reply, title] of [
  // With its integrity given, the browser refuses a 404's body as it refuses other bytes.
  ["missing (404)", { status: 404, body: "" }, /could not be loaded: missing, not this build's/],
  ["not this build's (integrity)", { status: 200, contentType: "application/wasm", body: "\0asm not this build" }, /could not be loaded: missing, not this build's/],
]) {
  test(`a comparison module that is ${what} fails the panel with a reason, and nothing else`, async () => {
    const page = await newPage(browser);
    await page.route(/\/appconfig-compare-[0-9a-f]+\.wasm$/, (route) => route.fulfill(reply));
    const body = await openPanel(page, "app=pay0001&env=stg0001&deployment=2");
    assert.equal(await body.getAttribute("data-step"), "failed");
    assert.match(await body.locator(".error-panel").textContent(), title);
    assert.ok(await page.locator("li.event").count() >= 1, "the rest of the page works");
    // The browser reports the failed load itself (a 404, a refused digest); the page adds nothing.
    assert.deepEqual(page.problems.filter((p) => !/404|integrity|digest|appconfig-compare/i.test(p)), []);
    await page.close();
  });
}

test("the overview's running row names the version change", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  const config = page.locator('.ov-row[data-env="stg0001"] .ov-config');
  await page.waitForFunction(() => /→/.test(document.querySelector('.ov-row[data-env="stg0001"] .ov-config')?.textContent ?? ""), null, { timeout: 20_000 });
  assert.match(await config.textContent(), /^payments-feature-flags v\d+ → v\d+$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// storefront / development: deployment n rolls out the YAML banner when n % 5 == 1, the
// robots.txt when n % 5 == 2, the JSON settings otherwise (the simulator's seed).
test("JSON: the storefront settings change by path, with old and new values", async () => {
  const page = await newPage(browser);
  const body = await openPanel(page, "app=web0001&env=dev0001&deployment=60");
  assert.equal(await body.getAttribute("data-step"), "done");
  assert.equal(await body.locator(".what-against").getAttribute("data-kind"), "json");
  assert.match(await body.locator(".what-against").textContent(), /live before it \(deployment #59\)/);
  const rows = body.locator(".what-json > li");
  assert.ok(await rows.count() >= 1, "at least one change");
  const first = rows.first();
  assert.match(await first.locator(".what-path").textContent(), /^\S+/);
  assert.ok(await body.locator(".what-json li.changed del, .what-json li.changed ins, .what-json li.added ins, .what-json li.removed del").count() >= 1, "old or new values shown");
  await page.screenshot({ path: shot("e2e-what-changed-json.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("YAML: the banner as a line diff with context", async () => {
  const page = await newPage(browser);
  const body = await openPanel(page, "app=web0001&env=dev0001&deployment=56");
  assert.equal(await body.locator(".what-against").getAttribute("data-kind"), "yaml");
  assert.match(await body.locator(".what-against").textContent(), /deployment #51\)/);
  assert.ok(await body.locator(".what-hunk pre .ins, .what-hunk pre .del").count() >= 1, "changed lines");
  assert.ok(await body.locator(".what-hunk pre .ctx").count() >= 1, "context lines");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("text: robots.txt as a line diff, and the first deployment of a configuration says so", async () => {
  const page = await newPage(browser);
  let body = await openPanel(page, "app=web0001&env=dev0001&deployment=52");
  assert.equal(await body.locator(".what-against").getAttribute("data-kind"), "text");
  assert.match(await body.locator(".what-against").textContent(), /deployment #47\)/);
  const lines = await body.locator(".what-hunk pre span").allTextContents();
  assert.ok(lines.some((l) => /^[+-] /.test(l)), `+/- lines: ${JSON.stringify(lines)}`);
  body = await openPanel(page, "app=web0001&env=dev0001&deployment=1");
  assert.match(await body.locator(".what-against").textContent(), /first deployment of this configuration to this environment/);
  assert.equal(await body.locator(".what-first").count(), 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a 2 MB JSON version is compared once per opening without freezing the page", async () => {
  // Two versions of a 2 MB settings document (the hosted store's default size quota), served
  // in place of the seeded ones; one value in the middle differs.
  const doc = (v) => {
    const items = [];
    for (let i = 0; i < 13000; i += 1) items.push({ id: `sku-${i}`, name: `Product number ${i} of the catalog`, price: i % 97, tags: ["a", "b", "c"], stock: i === 4500 ? v : 7 });
    return JSON.stringify({ catalog: items, version: v }, null, 1);
  };
  const [older, newer] = [doc(1), doc(2)];
  assert.ok(newer.length > 1_900_000 && newer.length <= 2_097_152, `about 2 MB: ${newer.length}`);
  const page = await newPage(browser);
  await page.route(HOSTED, (route) => {
    const v = Number(new URL(route.request().url()).pathname.split("/").pop());
    route.fulfill({ status: 200, headers: { "content-type": "application/json", "access-control-allow-origin": "*", "access-control-expose-headers": "content-type" }, body: v % 2 ? older : newer });
  });
  await page.goto(`${sim.url}/?app=web0001&env=dev0001&deployment=60`);
  await page.locator("dl.details").waitFor();
  // The longest gap between animation frames while the panel works: how long the page froze.
  await page.evaluate(() => {
    window.gaps = { max: 0, last: performance.now(), on: true };
    const tick = (t) => { window.gaps.max = Math.max(window.gaps.max, t - window.gaps.last); window.gaps.last = t; if (window.gaps.on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.locator(".what-toggle").click();
  await page.locator('#what-body[data-step="busy"]').waitFor();
  await page.locator('#what-body[data-step="done"]').waitFor({ timeout: 30_000 });
  const total = Date.now() - t0;
  const gap = await page.evaluate(() => { window.gaps.on = false; return window.gaps.max; });
  const took = await page.locator(".what-against").getAttribute("title");
  console.log(`2 MB JSON: open → diff shown ${total} ms, ${took}, longest frame gap ${gap.toFixed(0)} ms`);
  const paths = await page.locator(".what-json .what-path").allTextContents();
  assert.ok(paths.some((p) => /4500/.test(p) && /stock/.test(p)), `the one changed value: ${JSON.stringify(paths.slice(0, 5))}`);
  // Measured 67–300 ms (diff 77–267 ms, open → shown 329–986 ms) on the shared 2-core machine
  // under other builds; 1 s is a freeze.
  assert.ok(gap < 1000, `the page froze for ${gap} ms`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
