// Remembered credentials are bound to the origin they were confirmed for (the dashboard README's
// "Security choices": a link must not send them to a host the user never chose).
// Foreign hosts are never reached: every request to them is intercepted, recorded and aborted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, startSim } from "../helpers.mjs";

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

const DEPLOYMENT = "app=339ohji&env=54j1r29&deployment=1";

/** A page whose requests to anything but the simulator are recorded and aborted. */
async function guardedPage() {
  const page = await newPage(browser);
  page.foreign = [];
  await page.context().route((url) => !url.href.startsWith(sim.url), (route) => {
    page.foreign.push({ url: route.request().url(), headers: route.request().headers() });
    return route.abort();
  });
  return page;
}

/** Remembers the demo credentials for this tab (confirmed for the simulator's origin). */
async function remember(page) {
  await page.goto(`${sim.url}/?${DEPLOYMENT}`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.locator("details.conn-details > summary").click();
  await page.check("#remember");
  await page.click('button[type="submit"]');
  const stored = JSON.parse(await page.evaluate(() => sessionStorage.getItem("appconfig-dashboard:credentials")));
  assert.equal(stored.origin, sim.url, "bound to the origin they were confirmed for");
}

for (const [what, query] of [
  ["a proxy whose host starts with 127.", `proxy=${encodeURIComponent("https://127.0.0.1.evil.tld")}`],
  ["an endpoint whose host extends this page's", `endpoint=${encodeURIComponent("http://127.0.0.1.evil.tld")}`],
  ["a localhost lookalike", `endpoint=${encodeURIComponent("https://localhost.evil.tld")}`],
]) {
  test(`remembered credentials wait for a click before going to ${what}`, async () => {
    const page = await guardedPage();
    await remember(page);
    await page.goto(`${sim.url}/?${query}&${DEPLOYMENT}`);
    await page.locator('[data-kind="confirm-endpoint"]').waitFor();
    await page.waitForTimeout(1000);
    assert.deepEqual(page.foreign, []);
    await page.close();
  });
}

test("embed mode never uses remembered credentials, even with a foreign endpoint", async () => {
  const page = await guardedPage();
  await remember(page);
  await page.goto(`${sim.url}/?embed=1&endpoint=${encodeURIComponent("https://appconfig.evil.tld")}&${DEPLOYMENT}`);
  // The link's endpoint is ignored in embed mode: the page shows the simulator that serves it.
  await page.locator('.embed-notice[data-kind="no-credentials"], [role="status"] .badge').first().waitFor();
  await page.waitForTimeout(1000);
  assert.deepEqual(page.foreign, []);
  await page.close();
});

test("after Continue the credentials are bound to that origin and another one asks again", async () => {
  const page = await guardedPage();
  await remember(page);
  const proxy = (host) => `${sim.url}/?proxy=${encodeURIComponent(host)}&${DEPLOYMENT}`;
  await page.goto(proxy("https://proxy-one.invalid"));
  await page.locator('[data-kind="confirm-endpoint"] button', { hasText: "Continue" }).click();
  // Signed requests now go to proxy-one (aborted here: nothing leaves the machine).
  await page.waitForFunction(() => document.querySelector('.error-panel[data-kind]'));
  assert.ok(page.foreign.length > 0 && page.foreign.every((r) => r.url.startsWith("https://proxy-one.invalid/")), JSON.stringify(page.foreign));
  assert.ok(page.foreign.every((r) => r.headers.authorization?.startsWith("AWS4-HMAC-SHA256")));
  const stored = JSON.parse(await page.evaluate(() => sessionStorage.getItem("appconfig-dashboard:credentials")));
  assert.equal(stored.origin, "https://proxy-one.invalid");
  // Leave the page first: its environment requests (sent beside the deployment's) may still be
  // retrying toward proxy-one, the confirmed origin, and would be counted below.
  await page.goto("about:blank");
  page.foreign.length = 0;
  await page.goto(proxy("https://proxy-one.invalid:8443"));
  await page.locator('[data-kind="confirm-endpoint"]').waitFor();
  await page.goto(proxy("https://proxy-two.invalid"));
  await page.locator('[data-kind="confirm-endpoint"]').waitFor();
  await page.waitForTimeout(800);
  assert.deepEqual(page.foreign, []);
  // The confirmed one is used again without asking.
  await page.goto(proxy("https://proxy-one.invalid/"));
  await page.waitForFunction(() => document.querySelector('.error-panel[data-kind]'));
  assert.equal(await page.locator('[data-kind="confirm-endpoint"]').count(), 0);
  assert.ok(page.foreign.length > 0);
  await page.close();
});

test("a corrected clock is shown, with the server it was learnt from", async () => {
  const skewed = await startSim({ speed: 60, extra: ["--skew-seconds", "600"] });
  try {
    const page = await newPage(browser);
    await page.goto(`${skewed.url}/?${DEPLOYMENT}`);
    const note = page.locator('[data-kind="clock-corrected"]');
    await note.waitFor({ timeout: 20_000 });
    assert.match(await note.textContent(), /Your clock is (9|10) min behind the server at http:\/\/127\.0\.0\.1:\d+/);
    await page.close();
  } finally {
    await skewed.stop();
  }
});
