// Deep links, history, browsing, input errors, not found, phone width, themes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launch, newPage, shot, startSim } from "../helpers.mjs";

const LABELS = [
  "State", "Clients reached", "Application", "Environment", "Deployment number", "Description",
  "Configuration name", "Configuration profile", "Configuration version", "Version label",
  "Configuration location", "Deployment strategy", "Strategy", "Growth", "Rollout duration",
  "Final bake time", "Started", "Completed", "Duration", "KMS key ARN", "KMS key identifier",
  "Applied extensions",
];
const EVENTS = 'ol[aria-label="Event timeline"] > li';

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

test("a deep link to the botocore example shows every detail and 7 events", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  assert.deepEqual(await page.locator("dl.details > .row > dt").allTextContents(), LABELS);
  assert.equal(await page.locator(EVENTS).count(), 7);
  const details = await page.locator("dl.details").textContent();
  for (const s of ["Linear, 25% steps over 15 min, no bake time", "Example-Configuration-Profile",
    "ssm-parameter://Example-Parameter", "ur8hx2f", "1225qzk", "339ohji", "54j1r29"]) {
    assert.ok(details.includes(s), `details lack ${s}`);
  }
  assert.equal(await page.locator('[role="progressbar"]').getAttribute("aria-valuenow"), "100");
  const label = await page.locator('svg[role="img"]').getAttribute("aria-label");
  assert.match(label, /4 steps reaching 100%/);
  // Final state: no live refresh.
  assert.ok(await page.getByText("Final state: not refreshing").isVisible());
  assert.match(await page.title(), /#1 COMPLETE/);
  // Connection prefilled from /_sim/info; the URL never carries credentials.
  await page.locator("details.conn-details > summary").click();
  assert.equal(await page.locator("#access-key-id").inputValue(), "AKIDAPPCONFIGSIMDEMO");
  assert.ok(!page.url().includes("AKID") && !page.url().includes("secret"), page.url());
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes("appconfig-sim-demo-secret-key"), "secret stored without opt-in");
  // "Copy link" copies the view's URL.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: sim.url });
  await page.click("text=Copy link");
  await page.locator("text=Link copied").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  await page.screenshot({ path: shot("e2e-botocore-light.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the form navigates with pushState and back/forward restore the view", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.fill("#find-app", "pay0001");
  await page.fill("#find-env", "prd0001");
  await page.fill("#find-deployment", "2");
  await page.click('button[type="submit"]');
  await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("app"), "pay0001");
  assert.equal(url.searchParams.get("deployment"), "2");
  assert.equal(url.searchParams.get("endpoint"), sim.url);
  await page.goBack();
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  assert.equal(await page.inputValue("#find-app"), "339ohji");
  await page.goForward();
  await page.locator('[role="status"]', { hasText: "Rolled back" }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("input errors show beside the field before any request", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await page.locator("h2", { hasText: "See an AppConfig deployment" }).waitFor();
  // The home page is the overview, which lists and refreshes by itself: what must not go out is
  // a GetDeployment, or anything naming what was typed.
  const requests = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/deployments\/[^/]+$/.test(path) || path.includes("xxxx") || path.includes("three")) requests.push(r.url());
  });
  await page.fill("#find-app", "x".repeat(65));
  await page.fill("#find-deployment", "three");
  await page.click('button[type="submit"]');
  assert.match(await page.locator("#app-error").textContent(), /Application must be 1 to 64 characters long, got 65/);
  assert.match(await page.locator("#env-error").textContent(), /Environment is required/);
  assert.match(await page.locator("#deployment-error").textContent(), /Deployment number must be a whole number, got "three"/);
  assert.equal(await page.getAttribute("#find-app", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "find-app");
  assert.deepEqual(requests, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("not found names the resource and says what to do", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=999`);
  const panel = page.locator('.error-panel[data-kind="not-found"]');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /not found/i);
  assert.match(text, /Check the application, environment and deployment number/);
  // Only the expected 404 in the console, nothing else.
  assert.deepEqual(page.problems.filter((p) => !p.includes("404")), []);
  await page.close();
});

test("browsing applications, environments and deployments with Load more", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await page.locator("h2", { hasText: "See an AppConfig deployment" }).waitFor();
  await page.click("text=Browse…");
  await page.locator(".browse-col .pick", { hasText: "web0001" }).click();
  const dev = page.locator(".browse-col .pick", { hasText: "dev0001" });
  // The environment's state in words, on its own line under the name.
  assert.equal(await dev.locator(".pick-state").textContent(), "Ready for deployment");
  const [name, state] = [await dev.locator(".pick-name").boundingBox(), await dev.locator(".pick-state").boundingBox()];
  assert.ok(state.y >= name.y + name.height - 2, `state at y=${state.y}, name ends at ${name.y + name.height}`);
  await dev.click();
  const picks = page.locator(".deployment-pick");
  await picks.first().waitFor();
  assert.equal(await picks.count(), 20);
  await page.click("text=Load more");
  await page.waitForFunction(() => document.querySelectorAll(".deployment-pick").length === 40);
  await page.click("text=Load more");
  await page.waitForFunction(() => document.querySelectorAll(".deployment-pick").length === 60);
  assert.equal(await page.locator("text=Load more").count(), 0);
  const number = await picks.nth(5).getAttribute("data-deployment");
  await picks.nth(5).click();
  await page.locator("#deployment-title", { hasText: `Deployment ${number}` }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("deployment"), number);
  assert.equal(await page.inputValue("#find-app"), "web0001");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a link with an application and environment but no number opens their deployments (the home page's live example)", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  await page.locator("h2", { hasText: "See an AppConfig deployment" }).waitFor();
  assert.equal(await page.locator(".intro p.muted code").textContent(), "aws appconfig get-deployment");
  // The simulator starts the next live deployment when one ends, so the link names no number.
  await page.click("text=staging, one always live");
  const picks = page.locator(".deployment-pick");
  await picks.first().waitFor();
  assert.equal(await page.inputValue("#find-env"), "stg0001");
  assert.match(await picks.first().textContent(), /Deploying|Baking/);
  await picks.first().click();
  await page.locator('[role="status"]', { hasText: /Deploying|Baking/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("dark theme and the 1,000-event style log stay readable", async () => {
  const page = await newPage(browser, { colorScheme: "dark" });
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=4`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(13, 17, 23)");
  const total = Number((await page.locator(".timeline-tools span").first().textContent()).split(" ")[0]);
  assert.ok(total >= 200, `expected 200+ events, got ${total}`);
  assert.ok(await page.locator(EVENTS).count() < total, "long runs of percentage updates collapse");
  await page.click('button[data-action="expand-all"]');
  await page.waitForFunction((n) => document.querySelectorAll('ol[aria-label="Event timeline"] > li').length === n, total);
  await page.screenshot({ path: shot("e2e-long-dark.png") });
  // theme=light overrides the system preference.
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=3&theme=light`);
  await page.locator('[role="status"]', { hasText: "Reverted" }).waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(246, 248, 250)");
  assert.ok(await page.locator(".banner.revert").isVisible());
  await page.screenshot({ path: shot("e2e-reverted-light.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("at 360 px wide nothing scrolls sideways", async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  for (const q of ["?app=pay0001&env=prd0001&deployment=2", "?app=pay0001&env=stg0001&deployment=2&theme=dark", "?app=339ohji&env=54j1r29&deployment=1"]) {
    await page.goto(`${sim.url}/${q}`);
    await page.locator("#deployment-title").waitFor();
    await page.locator("details.conn-details > summary").click();
    await page.locator("details.paste-details > summary").click();
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${q}: scrollWidth ${scroll} > ${client}`);
  }
  await page.goto(`${sim.url}/?app=pay0001&env=prd0001&deployment=2`);
  await page.locator("#deployment-title").waitFor();
  // The header's status, Refresh now and Copy link flow together instead of one per line.
  const refresh = await page.locator(".live-status button.link").boundingBox();
  const copy = await page.locator("button.copy-link").boundingBox();
  assert.ok(Math.abs(refresh.y - copy.y) < 4, `Refresh now at y=${refresh.y}, Copy link at y=${copy.y}`);
  await page.screenshot({ path: shot("e2e-phone.png"), fullPage: false });
  await page.screenshot({ path: shot("e2e-phone-full.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("index.html carries a strict Content-Security-Policy", async () => {
  // Read as the browser parses it: the release build's minified HTML reorders and unquotes
  // attributes.
  const page = await newPage(browser);
  await page.goto(`${sim.url}/`);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  await page.close();
  assert.ok(!readFileSync(join(ROOT, "dist/index.html"), "utf8").includes("TRUNK_INLINE_HASHES"));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.ok(!csp.includes("unsafe-inline") && !csp.includes("TRUNK_INLINE_HASHES"), csp);
  assert.match(csp, /default-src 'none'/);
});

test("credentials are kept for the tab only when asked", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.locator("details.conn-details > summary").click();
  const stored = () => page.evaluate(() => sessionStorage.getItem("appconfig-dashboard:credentials"));
  await page.click('button[type="submit"]');
  assert.equal(await stored(), null);
  await page.check("#remember");
  await page.click('button[type="submit"]');
  assert.match(await stored(), /AKIDAPPCONFIGSIMDEMO/);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.uncheck("#remember");
  await page.click('button[type="submit"]');
  assert.equal(await stored(), null);
  await page.close();
});

test("remembered credentials are not sent to an endpoint named by a link until the user agrees", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.locator("details.conn-details > summary").click();
  await page.check("#remember");
  await page.click('button[type="submit"]');
  const foreign = [];
  page.on("request", (r) => { if (r.url().startsWith("https://appconfig-proxy.invalid")) foreign.push(r.url()); });
  await page.goto(`${sim.url}/?proxy=${encodeURIComponent("https://appconfig-proxy.invalid")}&app=339ohji&env=54j1r29&deployment=1`);
  const ask = page.locator('[data-kind="confirm-endpoint"]');
  await ask.waitFor();
  assert.match(await ask.textContent(), /appconfig-proxy\.invalid/);
  await page.waitForTimeout(1000);
  assert.deepEqual(foreign, []);
  // (Not clicking Continue: the tests send nothing beyond loopback, not even a DNS lookup.)
  assert.ok(await ask.locator("button", { hasText: "Continue" }).isVisible());
  assert.equal(await page.locator('[role="status"]').count(), 0);
  await page.evaluate(() => sessionStorage.clear());
  await page.close();
});

test("the page works from the keyboard with a visible focus ring", async () => {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "find-app");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  // Type a deployment and press Enter: the form submits.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "find-deployment");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("1");
  await page.fill("#find-app", "pay0001");
  await page.fill("#find-env", "prd0001");
  await page.focus("#find-deployment");
  await page.keyboard.press("Enter");
  await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
  await page.locator("#deployment-title", { hasText: "Deployment 1" }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("app"), "pay0001");
  // The timeline order toggle is a real button.
  await page.focus("text=Show newest first");
  await page.keyboard.press("Enter");
  await page.locator("text=Show oldest first").waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});
