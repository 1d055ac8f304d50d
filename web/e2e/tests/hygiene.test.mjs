// Credential hygiene (the dashboard README's "Security choices"): a whole session, then the secret key and the session token must
// appear in no URL, no localStorage, no console message, and in no request except the signed
// ones to the confirmed origin; sessionStorage holds them only after the opt-in.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, newPage, startPortal, startSim } from "../helpers.mjs";

const AKID = "AKIDHYGIENETEST";
const SECRET = "hygiene-secret-5fd1c0e9a7b2";
const TOKEN = "hygiene-session-token-9c4e2b7a1d";

let sim;
let portal;
let browser;
before(async () => {
  sim = await startSim({ speed: 60, extra: ["--key", `${AKID}:${SECRET}:${TOKEN}`] });
  portal = await startPortal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
  await portal?.stop();
});

const openConnection = async (page) => {
  await page.locator("details.conn-details").waitFor();
  await page.evaluate(() => { document.querySelector("details.conn-details").open = true; });
};

test("a full session leaks neither the secret key nor the session token", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const seen = { urls: [], console: [], requests: [], storage: [] };
  context.on("request", (r) => {
    seen.urls.push(r.url());
    seen.requests.push({ url: r.url(), headers: r.headers(), body: r.postData() || "" });
  });
  context.on("page", (p) => p.on("console", (m) => seen.console.push(m.text())));
  const page = await context.newPage();
  page.on("console", (m) => seen.console.push(m.text()));
  const storage = async (p) => p.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));

  // Connect: type the keys in the form (the simulator hands out no private secret).
  await page.goto(`${sim.url}/`);
  await openConnection(page);
  await page.fill("#access-key-id", AKID);
  await page.fill("#secret-access-key", SECRET);
  await page.fill("#session-token", TOKEN);
  // Browse to a deployment.
  await page.click("text=Browse…");
  await page.locator(".pick", { hasText: "payments-service" }).click();
  await page.locator(".pick", { hasText: "production" }).click();
  await page.locator(".deployment-pick").first().click();
  await page.locator('[role="status"] .badge').waitFor();
  seen.storage.push(await storage(page));
  // Live refresh: the staging deployment refreshes itself.
  await page.goto(`${sim.url}/?app=pay0001&env=stg0001&deployment=2`);
  // (A reload forgets keys kept in memory: type them again and show the deployment.)
  await openConnection(page);
  await page.fill("#access-key-id", AKID);
  await page.fill("#secret-access-key", SECRET);
  await page.fill("#session-token", TOKEN);
  await page.click('button[type="submit"]');
  await page.locator(".live-dot").waitFor();
  await page.waitForTimeout(6000);
  // An error: a deployment that does not exist.
  await page.fill("#find-deployment", "999");
  await page.click('button[type="submit"]');
  await page.locator('.error-panel[data-kind="not-found"]').waitFor();
  seen.storage.push(await storage(page));
  assert.ok(!seen.storage.join("").includes(SECRET), "no storage before the opt-in");
  // The opt-in: now (and only now) sessionStorage holds them.
  await page.check("#remember");
  await page.fill("#find-deployment", "1");
  await page.click('button[type="submit"]');
  await page.locator('[role="status"] .badge').waitFor();
  const opted = await storage(page);
  assert.ok(JSON.parse(opted).session["appconfig-dashboard:credentials"].includes(SECRET), "sessionStorage after the opt-in");
  assert.ok(!JSON.stringify(JSON.parse(opted).local).includes(SECRET), "never localStorage");
  await page.uncheck("#remember");
  await page.click('button[type="submit"]');
  await page.waitForTimeout(300);
  seen.storage.push(await storage(page));

  // Embed with posted credentials.
  const dash = `${portal.url}/dash/index.html?app=339ohji&env=54j1r29&deployment=1&embed=1&origin=${encodeURIComponent(portal.url)}`;
  const parent = await context.newPage();
  await parent.goto(`${portal.url}/parent?src=${encodeURIComponent(dash)}`);
  await parent.frameLocator("#dash").locator(".embed-notice").waitFor();
  await parent.evaluate(([a, s, t, endpoint]) => {
    document.getElementById("dash").contentWindow.postMessage({ type: "appconfig-dashboard:credentials", accessKeyId: a, secretAccessKey: s, sessionToken: t, endpoint }, location.origin);
  }, [AKID, SECRET, TOKEN, sim.url]);
  await parent.frameLocator("#dash").locator('[role="status"]', { hasText: "Complete" }).waitFor();
  seen.storage.push(await parent.frameLocator("#dash").locator("body").evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, href: location.href })));
  await context.close();

  for (const secret of [SECRET, TOKEN]) {
    assert.deepEqual(seen.urls.filter((u) => u.includes(secret) || u.includes(encodeURIComponent(secret))), [], "in no URL");
    assert.deepEqual(seen.console.filter((m) => m.includes(secret)), [], "in no console message");
    assert.ok(!seen.storage.join("").includes(secret), "in no storage outside the opt-in");
  }
  // The secret key is never sent at all; the token only in signed requests to the simulator.
  assert.deepEqual(seen.requests.filter((r) => JSON.stringify(r).includes(SECRET)).map((r) => r.url), []);
  const carrying = seen.requests.filter((r) => JSON.stringify(r).includes(TOKEN));
  assert.ok(carrying.length > 5, `signed requests were made (${carrying.length})`);
  for (const r of carrying) {
    // AppConfig's paths, and CloudWatch's json protocol (POST / on the same endpoint, for the
    // monitors' alarms).
    const cloudwatch = r.url === sim.url + "/" && (r.headers["x-amz-target"] || "").startsWith("GraniteServiceVersion20100801.");
    assert.ok(r.url.startsWith(sim.url + "/applications") || cloudwatch, `token only to the confirmed origin: ${r.url}`);
    assert.equal(r.headers["x-amz-security-token"], TOKEN);
    assert.match(r.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDHYGIENETEST\//);
    assert.ok(!r.body.includes(TOKEN) && !r.url.includes(TOKEN));
  }
});
